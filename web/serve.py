"""`chronique serve`: the web application on gunicorn, one worker process per core."""

import sys

import click

from search import IndexMissing, Searcher
from search.cli import index_option

from . import create_app
from .server import Server, cores, listen
from .settings import SettingError


@click.command("serve")
@click.option("--host", default=None, help="Address to listen on (default: 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port to listen on (default: 8000).")
@index_option
@click.option("--workers", type=int, default=None,
              help="Worker processes (default: one per core).")
@click.option("--threads", type=int, default=None,
              help="Requests each worker serves at once (default: 8).")
def serve_command(host, port, index_path, workers, threads):
    """Serve the search page and the JSON API (settings: see README, CHRONIQUE_* variables)."""
    given = {"HOST": host, "PORT": port, "INDEX": index_path, "WORKERS": workers,
             "THREADS": threads}
    try:
        app = create_app({name: value for name, value in given.items() if value is not None})
    except SettingError as error:
        raise click.UsageError(str(error))
    config = app.config
    try:
        Searcher(config["INDEX"]).close()  # each worker opens its own, after the fork
    except IndexMissing:
        click.echo(f"warning: no index in {config['INDEX']} yet; searches answer 503 until "
                   "`chronique reindex` has built one", err=True)
    address = f"{config['HOST']}:{config['PORT']}"
    try:
        # Bound before the banner, so a taken port is one clear line, not a traceback after it.
        sock = listen(config["HOST"], config["PORT"])
    except OSError as error:
        click.echo(f"error: cannot listen on {address}: {error.strerror or error}", err=True)
        sys.exit(2)
    workers = config["WORKERS"] or cores()
    click.echo(f"Chronique: http://{address}/ (index {config['INDEX']}, {workers} workers × "
               f"{config['THREADS']} threads; Ctrl-C stops)")
    Server(app, sock, workers, config["THREADS"]).run()
