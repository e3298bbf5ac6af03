"""Building an index on every core with Whoosh's multi-process writer, made safe to interrupt.

Whoosh's ``MpWriter`` hands batches of documents to worker processes that each write a segment.
Its workers wait on a queue forever if the parent dies, and each prints a traceback on Ctrl-C;
here they ignore Ctrl-C (the parent stops them), are killed by the kernel when the parent dies,
even by ``kill -9``, and are terminated when the build is cancelled.

Whoosh also commits without the segment of a worker that died (a full disk, the out-of-memory
killer), and waits forever for workers that are gone; here a dead worker fails the build at
once, so an index missing part of the archive is never published.
"""

import ctypes
import os
import pickle
import queue
import signal
import sys

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import SegmentWriter

_PR_SET_PDEATHSIG = 1


def _die_with_parent():
    """Asks Linux to kill this process when its parent dies (a no-op elsewhere)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


#: Seconds between two looks at the workers while waiting on them.
POLL_SECONDS = 1.0


class _WorkerTask(SubWriterTask):
    def run(self):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _die_with_parent()
        if os.getppid() != self.parent_pid:  # the parent died before the request took effect
            return
        try:
            super().run()
        except OSError as error:
            # The parent reports it; its number as exit status rather than a traceback.
            sys.exit(error.errno if error.errno and error.errno < 128 else 1)

    def _process_file(self, filename, doc_count):
        # As Whoosh's, with the parent's ``prepare`` run here on each document: what is worked
        # out of an article's text is shared between the worker processes.
        prepare = self.prepare
        if prepare is None:
            return super()._process_file(filename, doc_count)
        writer = self.writer
        tempstorage = writer.temp_storage()
        with tempstorage.open_file(filename).raw_file() as handle:
            for _ in range(doc_count):
                code, args = pickle.load(handle)
                writer.add_document(**prepare(args))
        tempstorage.delete_file(filename)

    def join(self, timeout=None):
        """Waits for this worker, giving up when a sibling died: a worker killed while holding
        the job queue's lock leaves the others waiting on it forever."""
        if timeout is not None:
            return super().join(timeout)
        while self.exitcode is None:
            super().join(POLL_SECONDS)
            _raise_if_one_died(self.siblings)
        return None


class _WatchedQueue:
    """The job queue as the parent sees it: a full queue whose readers died raises instead
    of blocking forever."""

    def __init__(self, jobs, tasks):
        self.jobs = jobs
        self.tasks = tasks

    def put(self, item):
        while True:
            try:
                return self.jobs.put(item, timeout=POLL_SECONDS)
            except queue.Full:
                _raise_if_one_died(self.tasks)


def _raise_if_one_died(tasks):
    for task in tasks:
        # Before the end of the build a worker only exits by failing; exiting 0 is the end.
        if task.exitcode not in (None, 0):
            raise worker_failure(task.exitcode)


class WorkerFailed(OSError):
    """A worker process died or failed before finishing its part of the index."""


def worker_failure(exitcode):
    """The error a worker's exit status means, or None when it succeeded.

    >>> worker_failure(0) is None
    True
    >>> str(worker_failure(28)), str(worker_failure(-9))
    ('a worker process failed: No space left on device', 'a worker process was killed by signal 9')
    """
    if exitcode == 0:
        return None
    if exitcode is None or exitcode < 0:
        return WorkerFailed(f"a worker process was killed by signal {-(exitcode or 0)}")
    reason = os.strerror(exitcode) if exitcode > 1 else "an unexpected error, shown above"
    return WorkerFailed(f"a worker process failed: {reason}")


class ParallelWriter(MpWriter):
    """``MpWriter`` whose workers never outlive the build; each worker leaves one segment.
    ``prepare``, if given, completes each document (a dict of fields) in the worker."""

    def __init__(self, ix, procs, limitmb, codec=None, prepare=None):
        self.prepare = prepare
        super().__init__(ix, procs=procs, multisegment=True, limitmb=limitmb, codec=codec)
        self.jobs = self.jobqueue
        self.jobqueue = _WatchedQueue(self.jobs, self.tasks)

    def _new_task(self):
        task = _WorkerTask(self.storage, self.indexname, self.jobs, self.resultqueue,
                           self.subargs, self.multisegment)
        task.parent_pid = os.getpid()
        task.prepare = self.prepare
        task.siblings = self.tasks
        task.daemon = True
        self.tasks.append(task)
        task.start()
        return task

    def commit(self, *args, **kwargs):
        try:
            super().commit(*args, **kwargs)
            # Committed into a generation nobody reads yet: failing now keeps it unpublished.
            _raise_if_one_died(self.tasks)
        except BaseException:
            self._stop_workers()
            raise

    def cancel(self):
        self._stop_workers()
        SegmentWriter.cancel(self)

    def _stop_workers(self):
        for task in self.tasks:
            task.terminate()
        for task in self.tasks:
            task.join(timeout=60)  # a plain join would raise: its siblings were just stopped
