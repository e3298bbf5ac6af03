"""A time budget per search, checked while scoring: no query holds a worker for long.

:meth:`search.Searcher.search` runs inside :func:`within`; the scorer asks :func:`spent`
between clauses, and once the budget is spent it stops scoring what is left (the remaining
words of an OR, the remaining clauses of an AND, the remaining words of a phrase) and the page
shows what was found, with :data:`NOTICE`. The budget lives in a thread-local, so each request
thread has its own.
"""

import threading
import time
from contextlib import contextmanager

#: Default budget of one search, in seconds.
DEFAULT_SECONDS = 2.0

NOTICE = ("La recherche a été interrompue faute de temps : voici ce qui a été trouvé, "
          "les résultats peuvent être incomplets.")

_current = threading.local()


class Budget:
    def __init__(self, seconds):
        self.deadline = time.monotonic() + seconds if seconds else None
        self.exhausted = False

    def spent(self):
        if not self.exhausted and self.deadline is not None and time.monotonic() > self.deadline:
            self.exhausted = True
        return self.exhausted


@contextmanager
def within(seconds):
    """Runs the block under a budget of ``seconds`` (None or 0: no limit); yields it."""
    outer = getattr(_current, "budget", None)
    budget = _current.budget = Budget(seconds)
    try:
        yield budget
    finally:
        _current.budget = outer


def spent():
    """Whether the budget of the search running in this thread is spent."""
    budget = getattr(_current, "budget", None)
    return budget is not None and budget.spent()


def exhausted():
    """Whether the search running in this thread has already found its budget spent (without
    looking at the clock again)."""
    budget = getattr(_current, "budget", None)
    return budget is not None and budget.exhausted


def remaining():
    """Seconds left to the search running in this thread (None: no limit), for a backend that
    scores elsewhere and is given the rest as its own timeout."""
    budget = getattr(_current, "budget", None)
    if budget is None or budget.deadline is None:
        return None
    return max(0.0, budget.deadline - time.monotonic())


def spend():
    """Marks the budget of the search running in this thread as spent: a backend was cut short."""
    budget = getattr(_current, "budget", None)
    if budget is not None:
        budget.exhausted = True
