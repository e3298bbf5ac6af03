"""The application's one :class:`search.Searcher`, opened at first use and shared by all threads.

Opening lazily lets the server start before the index exists: until ``chronique reindex`` has
run, searches answer 503 with a message saying so, and the first search after it works.
"""

import threading

from flask import current_app

from search import Searcher, backend_from_settings
from search.warming import Warmer

EXTENSION_KEY = "chronique.searcher"
#: Set in ``app.extensions`` by `chronique serve`: the searcher is warmed when opened, and a
#: thread warms each new version of the index before searches switch to it.
WARM_KEY = "chronique.warm"
_opening = threading.Lock()


def searcher():
    app = current_app
    found = app.extensions.get(EXTENSION_KEY)
    if found is None:
        with _opening:
            found = app.extensions.get(EXTENSION_KEY)
            if found is None:
                found = Searcher(app.config["INDEX"],
                                 snippet_chars=app.config["SNIPPET_CHARS"],
                                 snippet_fragments=app.config["SNIPPET_FRAGMENTS"],
                                 time_budget=app.config["SEARCH_BUDGET_MS"] / 1000,
                                 backend=backend_from_settings(app.config))
                if app.extensions.get(WARM_KEY):
                    warmer = Warmer(found)
                    warmer.warm_now()
                    app.extensions[WARM_KEY] = warmer.start()
                app.extensions[EXTENSION_KEY] = found
    return found
