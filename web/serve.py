"""`chronique serve`: the web application behind waitress, a production WSGI server."""

import sys

import click
import waitress

from search import IndexMissing
from search.cli import index_option

from . import create_app
from .engine import searcher
from .security import MAX_REQUEST_BODY_BYTES
from .settings import SettingError


@click.command("serve")
@click.option("--host", default=None, help="Address to listen on (default: 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port to listen on (default: 8000).")
@index_option
@click.option("--threads", type=int, default=None, help="Requests served at once (default: 8).")
def serve_command(host, port, index_path, threads):
    """Serve the search page and the JSON API (settings: see README, CHRONIQUE_* variables)."""
    given = {"HOST": host, "PORT": port, "INDEX": index_path, "THREADS": threads}
    try:
        app = create_app({name: value for name, value in given.items() if value is not None})
    except SettingError as error:
        raise click.UsageError(str(error))
    config = app.config
    with app.app_context():
        try:
            searcher()  # opened now, so the first visitor does not wait
        except IndexMissing:
            click.echo(f"warning: no index in {config['INDEX']} yet; searches answer 503 until "
                       "`chronique reindex` has built one", err=True)
    address = f"{config['HOST']}:{config['PORT']}"
    try:
        # Bound before the banner, so a taken port is one clear line, not a traceback after it.
        server = waitress.create_server(app, host=config["HOST"], port=config["PORT"],
                                        threads=config["THREADS"], ident="Chronique",
                                        max_request_body_size=MAX_REQUEST_BODY_BYTES)
    except OSError as error:
        click.echo(f"error: cannot listen on {address}: {error.strerror or error}", err=True)
        sys.exit(2)
    click.echo(f"Chronique: http://{address}/ "
               f"(index {config['INDEX']}, {config['THREADS']} threads; Ctrl-C stops)")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
