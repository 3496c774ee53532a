"""Reading files in a thread of their own, so the window never waits for a disk or a big CSV.

One job at a time: a new one cancels the one before. The job runs in a plain daemon thread (it
is not a training worker) and checks ``cancelled()`` between chunks, so cancelling or closing
ends it within one chunk; its result comes back to the GUI thread through a queued signal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from trainers.bounded_read import ReadCancelled

log = logging.getLogger(__name__)

Job = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]
"""job(progress, cancelled) -> result, run in the loader's thread."""

STOP_WAIT_S = 2.0
"""Closing waits at most this long for a job between two of its chunks."""


class FileLoader(QObject):
    """Runs one reading job at a time off the GUI thread; says how far it got and how it ended."""

    started = Signal(str)  # what is being read (a file name)
    progressed = Signal(int, int)  # done, total (any unit)
    ended = Signal()  # finished, failed or cancelled: nothing is being read
    _finished = Signal(int, object, object)  # generation, result, exception (to the GUI thread)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._callbacks: tuple[Callable[[Any], None], Callable[[BaseException], None]] | None = None
        self._finished.connect(self._on_finished)

    @property
    def busy(self) -> bool:
        return self._callbacks is not None

    def load(
        self,
        what: str,
        job: Job,
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """Run ``job`` in the loader's thread; then ``done(result)`` or ``failed(exception)``
        on the GUI thread (neither if cancelled or replaced by another load)."""
        self.cancel()
        self._generation += 1
        self._cancel = threading.Event()
        self._callbacks = (done, failed)
        generation, cancel = self._generation, self._cancel
        self._thread = threading.Thread(
            target=self._run, args=(generation, job, cancel), name="read-file", daemon=True
        )
        self.started.emit(what)
        self._thread.start()

    def cancel(self) -> None:
        """Drop the job under way (if any): its result will not be used."""
        self._cancel.set()
        if self._callbacks is not None:
            self._callbacks = None
            self.ended.emit()

    def shutdown(self, timeout_s: float = STOP_WAIT_S) -> bool:
        """Cancel, and wait up to ``timeout_s`` for the thread; True if it ended."""
        self.cancel()
        thread = self._thread
        if thread is None or not thread.is_alive():
            return True
        thread.join(timeout_s)
        return not thread.is_alive()

    def _run(self, generation: int, job: Job, cancel: threading.Event) -> None:
        def progress(done: int, total: int) -> None:
            if generation == self._generation:
                self.progressed.emit(done, total)

        try:
            result = job(progress, cancel.is_set)
        except ReadCancelled:
            return
        except BaseException as exc:
            if not isinstance(exc, Exception):
                log.error("reading a file raised %r", exc)
            self._finished.emit(generation, None, exc)
            return
        self._finished.emit(generation, result, None)

    @Slot(int, object, object)
    def _on_finished(self, generation: int, result: Any, error: BaseException | None) -> None:
        if generation != self._generation or self._callbacks is None:
            return  # cancelled, or replaced by a newer load
        done, failed = self._callbacks
        self._callbacks = None
        self.ended.emit()
        if error is not None:
            failed(error)
        else:
            done(result)
