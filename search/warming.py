"""Warming a new index version before searches switch to it.

The first searches on a version read its per-article columns, field lengths and vocabulary
(seconds on 40,000 articles). A :class:`Warmer` watches the index from a thread of its own;
when a reindex publishes a new version, it reads all that first, while the searching threads
stay on the version they have (the backend's ``ready`` asks the warmer); then they
switch, and no reader waits.
"""

import logging
import threading
import time

from index.store import IndexMissing

#: How often the warmer looks for a new version, in seconds.
POLL_SECONDS = 0.5
#: Longest a new version is held back while it is warmed: a warmer that cannot finish (a
#: damaged index) must not keep searches on an old version for ever.
MAX_HOLD_SECONDS = 60.0

log = logging.getLogger(__name__)


class Warmer:
    """Keeps ``searcher`` warm: :meth:`warm_now` once, then :meth:`start` a watching thread."""

    def __init__(self, searcher, poll=POLL_SECONDS):
        self.searcher = searcher
        self.poll = poll
        self.warmed = None  # name of the version last warmed
        self._held_since = {}  # generation → when searches were first held back from it
        self._thread = None
        self._stop = threading.Event()
        searcher.backend.ready = self.is_ready

    def warm_now(self):
        """Warms the current version in this thread; False when there is no index yet."""
        try:
            self.warmed = self.searcher.warm()
        except IndexMissing:
            return False
        return True

    def is_ready(self, generation):
        """Whether searching threads may switch to ``generation``."""
        if generation is None or threading.current_thread() is self._thread:
            return True
        if self._thread is None or not self._thread.is_alive():
            return True
        if self.warmed is not None and self.warmed == self.searcher.backend.published_version(generation):
            return True
        since = self._held_since.setdefault(str(generation), time.monotonic())
        return time.monotonic() - since > MAX_HOLD_SECONDS

    def start(self):
        self._thread = threading.Thread(target=self._watch, name="index-warmer", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()

    def _watch(self):
        while not self._stop.wait(self.poll):
            try:
                self.warm_now()
            except Exception:  # noqa: BLE001 - the searches report a damaged index themselves
                log.exception("warming the index failed")
                self._stop.wait(10 * self.poll)
            if len(self._held_since) > 16:  # a bound: one entry per generation seen
                self._held_since.clear()
