"""Reindex progress: a bar on a terminal, a plain line every few seconds elsewhere."""

import sys
import time

from tqdm import tqdm

#: Seconds between two log lines when the output is not a terminal.
LOG_INTERVAL = 10.0


class Progress:
    """Callable as ``progress(archive, count)`` by :func:`index.reindex.reindex`.

    The bar advances by bytes read, which gives an honest ETA for a JSON Lines file whose
    article count is unknown until its end; the article count and rate ride along. A ``count``
    of ``None`` starts the last phase, writing the index (commit and segment merge): on a large
    archive it lasts long after the bar reached 100 %, so it is shown as a phase of its own.
    """

    def __init__(self, stream=None, interval=LOG_INTERVAL):
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty()
        self.interval = interval
        self.bar = None
        self.started = time.monotonic()
        self.last_log = self.started
        self.count = 0

    def __call__(self, archive, count):
        if count is None:
            self._finishing(archive)
            return
        self.count = count
        if self.interactive:
            self._draw(archive, count)
        else:
            now = time.monotonic()
            if now - self.last_log >= self.interval:
                self.last_log = now
                self.stream.write(self._line(archive, count, now) + "\n")
                self.stream.flush()

    def _draw(self, archive, count):
        if self.bar is None:
            self.bar = tqdm(total=archive.total_bytes, unit="B", unit_scale=True,
                            file=self.stream, desc="Indexation", dynamic_ncols=True)
        if count % 50 == 0:
            self.bar.n = archive.position
            rate = count / max(time.monotonic() - self.started, 1e-6)
            self.bar.set_postfix_str(f"{count} articles, {rate:.0f} articles/s", refresh=False)
            self.bar.refresh()

    def _finishing(self, archive):
        if self.interactive:
            if self.bar is not None:
                self.bar.n = archive.total_bytes
                self.bar.set_postfix_str(f"{self.count} articles", refresh=False)
                self.bar.close()
                self.bar = None
            self.stream.write("Finalisation… (écriture et fusion de l’index)\n")
        else:
            self.stream.write(f"read {self.count} articles; finalising: committing and merging "
                              "the index…\n")
        self.stream.flush()

    def _line(self, archive, count, now):
        elapsed = now - self.started
        share = archive.position / archive.total_bytes if archive.total_bytes else 0
        eta = elapsed * (1 - share) / share if share else 0
        return (f"indexed {count} articles, {count / elapsed:.0f} articles/s, "
                f"{share:.0%} of input read, about {eta:.0f} s left")

    def close(self):
        if self.bar is not None:
            self.bar.close()
