"""The `chronique` command: one group gathering each layer's commands."""

import click

from index.cli import reindex_command
from search.cli import search_command
from search.export_cli import export_command
from web.serve import serve_command


@click.group()
@click.version_option(package_name="chronique")
def main():
    """Chronique: search engine for a French news archive."""


main.add_command(reindex_command)
main.add_command(search_command)
main.add_command(export_command)
main.add_command(serve_command)
