"""Building an index on every core with Whoosh's multi-process writer, made safe to interrupt.

Whoosh's ``MpWriter`` hands batches of documents to worker processes that each write a segment.
Its workers wait on a queue forever if the parent dies, and each prints a traceback on Ctrl-C;
here they ignore Ctrl-C (the parent stops them), are killed by the kernel when the parent dies,
even by ``kill -9``, and are terminated when the build is cancelled.
"""

import ctypes
import os
import signal

from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import SegmentWriter

_PR_SET_PDEATHSIG = 1


def _die_with_parent():
    """Asks Linux to kill this process when its parent dies (a no-op elsewhere)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


class _WorkerTask(SubWriterTask):
    def run(self):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _die_with_parent()
        if os.getppid() != self.parent_pid:  # the parent died before the request took effect
            return
        super().run()


class ParallelWriter(MpWriter):
    """``MpWriter`` whose workers never outlive the build; each worker leaves one segment."""

    def __init__(self, ix, procs, limitmb):
        super().__init__(ix, procs=procs, multisegment=True, limitmb=limitmb)

    def _new_task(self):
        task = _WorkerTask(self.storage, self.indexname, self.jobqueue, self.resultqueue,
                           self.subargs, self.multisegment)
        task.parent_pid = os.getpid()
        task.daemon = True
        self.tasks.append(task)
        task.start()
        return task

    def cancel(self):
        for task in self.tasks:
            task.terminate()
        for task in self.tasks:
            task.join()
        SegmentWriter.cancel(self)
