"""One backend's QThread worker: it runs the Qt-free training loop, and its results leave only
through a signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from trainers.runloop import TrainingJob, Turnstile, run_job


class TrainingWorker(QObject):
    """Lives in one backend's thread for the app's lifetime and runs the jobs it is sent, one
    after the other, with :func:`trainers.runloop.run_job`; each of the loop's WorkerEvents
    leaves through ``event`` (delivered queued to the GUI thread).
    """

    event = Signal(object)  # WorkerEvent
    requested = Signal(object)  # TrainingJob; emitted from the GUI thread, so delivered queued

    def __init__(self, turnstile: Turnstile | None = None) -> None:
        super().__init__()
        self.turnstile = turnstile or Turnstile()
        self.requested.connect(self.run)

    @Slot(object)
    def run(self, job: TrainingJob) -> None:
        run_job(job, self.event.emit, self.turnstile)
