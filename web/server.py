"""The production server behind `chronique serve`: gunicorn, pre-forking, threads per worker.

The master binds the address (so a taken port is one clear line, see :func:`listen`), forks
the workers and replaces any that dies; SIGTERM stops it gracefully, each worker finishing the
requests it holds. Each worker opens the index itself (one memory-mapped copy per process,
shared by its threads), warms it before taking requests, and keeps a thread warming every new
version a reindex publishes before its searches switch to it (:mod:`search.warming`).
"""

import os
import socket

import gunicorn.http.wsgi
from gunicorn.app.base import BaseApplication

from search import IndexMissing

from .engine import WARM_KEY, searcher

#: Seconds a worker has to finish its requests after SIGTERM before it is killed.
GRACEFUL_SECONDS = 30
#: Seconds a silent worker may go before the master replaces it (gthread workers report from
#: their main loop, so a long search does not count as silence).
WORKER_TIMEOUT_SECONDS = 60

# The Server header names the product, as it did before (gunicorn has no setting for it).
gunicorn.http.wsgi.SERVER = "Chronique"


def cores():
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def listen(host, port):
    """A listening socket on ``host:port``; raises OSError when the address is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def warm_worker(worker):
    """In each new worker, before it takes a request: open and warm the index, then watch it."""
    app = worker.app.application
    app.extensions[WARM_KEY] = True
    with app.app_context():
        try:
            searcher()  # warmed as it opens (web.engine)
        except IndexMissing:
            pass  # 503 until a reindex; the first search after it opens and warms the index


class Server(BaseApplication):
    """gunicorn running the Flask ``app`` on the bound ``sock``."""

    def __init__(self, app, sock, workers, threads):
        self.application = app
        self.options = {
            "bind": [f"fd://{sock.fileno()}"],
            "workers": workers,
            "threads": threads,
            # Each connection is closed after its answer, so a busy worker does not keep
            # clients waiting behind it. (Limiting worker_connections to the threads would keep
            # requests in the shared queue, but gunicorn 23's gthread worker can then stop
            # accepting for good: its count of open connections leaks.)
            "keepalive": 0,
            "worker_class": "gthread",
            "graceful_timeout": GRACEFUL_SECONDS,
            "timeout": WORKER_TIMEOUT_SECONDS,
            "post_worker_init": warm_worker,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
            "proc_name": "chronique",
        }
        self.sock = sock
        super().__init__()

    def load_config(self):
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self):
        return self.application
