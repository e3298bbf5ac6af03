"""`chronique export`: every match of a query to a CSV, JSON Lines or RIS file."""

import contextlib
import sys

import click
from tqdm import tqdm

from index.cli import index_option
from index.store import index_dir

from .backends.choose import backend_from_settings
from .cli_errors import answered
from .engine import Searcher
from .export import FORMATS, WRITERS
from .params import SORTS


@click.command("export")
@click.argument("query", nargs=-1, required=True)
@click.option("--format", "format_name", type=click.Choice(list(FORMATS)), default="csv",
              show_default=True, help="File format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              show_default=True, help="File to write ('-': standard output).")
@click.option("--sort", type=click.Choice(list(SORTS)), default="relevance",
              show_default=True, help="Row order.")
@index_option
def export_command(query, format_name, output, sort, index_path):
    """Write every article matching QUERY (up to 100,000), with a progress bar on a terminal."""
    root = index_dir(index_path)
    with answered(root):
        searcher = Searcher(root, backend=backend_from_settings())
        total, rows = searcher.export(" ".join(query), sort=sort)
    progress = tqdm(rows, total=total, unit=" articles", disable=not sys.stderr.isatty(),
                    file=sys.stderr)
    try:
        # newline="" keeps the CSV module's own line ends; RIS asks for CRLF itself.
        out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")
    except OSError as error:
        raise click.ClickException(f"impossible d’écrire {output} : {error.strerror}")
    # The rows are read as they are written: a segment found damaged then is answered too.
    with out if output != "-" else _unclosed(out), answered(root):
        for chunk in WRITERS[format_name](progress):
            out.write(chunk)
    if output != "-":
        click.echo(f"{total} article(s) écrits dans {output}", err=True)


@contextlib.contextmanager
def _unclosed(stream):
    yield stream
    stream.flush()
