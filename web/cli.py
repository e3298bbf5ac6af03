"""The `chronique` command: one group gathering each layer's commands."""

import click

from search.cli import COMMANDS

from .serve import serve_command


@click.group()
@click.version_option(package_name="chronique")
def main():
    """Chronique: search engine for a French news archive."""


for command in (*COMMANDS, serve_command):
    main.add_command(command)
