"""The one owner of training threads: one QThread worker per enabled backend."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from app.framework_loader import FrameworkLoader
from app.worker import TrainingWorker
from trainers import (
    TENSORFLOW_BACKENDS,
    Dataset,
    DescentLabError,
    Divergence,
    InitialState,
    LrSchedule,
    RunConfig,
)
from trainers.experiment import Experiment
from trainers.history import RunHistory
from trainers.lr_schedules import Incomplete
from trainers.runloop import LiveControls, TrainingJob, Turnstile, WorkerEvent

log = logging.getLogger(__name__)

ENDED = frozenset({"finished", "diverged", "stopped", "error", "stuck", "incomplete"})
"""Not running, and not to run: "incomplete" waits for its settings (never started)."""
RATE_WINDOW_S = 0.5
SHUTDOWN_GRACE_MS = 2_000
STUCK_AFTER_S = 20.0
"""A framework call (building a model, a chunk of updates) that has not returned after this
long marks its backend "stuck"; the longest normal one measured here, a first tf.function
trace, takes about 2 s."""
WATCHDOG_MS = 500

_ABANDONED: list[QThread] = []
"""Threads stuck in a framework call that never returns: kept for the process's life, since
Qt aborts the process if a running QThread is destroyed. The app exits without joining them
(see ``abandoned_threads``)."""


_ABANDONED_WORKERS: list[QObject] = []


def abandoned_threads() -> list[str]:
    """Names of training threads given up on and still running."""
    return [t.objectName() for t in _ABANDONED if t.isRunning()]


TURN_GAP_S = 0.002
"""After each worker's turn the GUI gets this long with no training thread wanting the GIL."""


@dataclass
class BackendStatus:
    """What the status bar and card say about one backend."""

    state: str = "idle"  # idle, loading, preparing, ready, running, paused, + ENDED
    updates: int = 0
    total: int = 0
    rate: float = 0.0  # updates per second over the last half second
    divergence: Divergence | None = None
    error: BaseException | None = None
    _window: tuple[float, int] = field(default=(0.0, 0), repr=False)

    @property
    def ended(self) -> bool:
        return self.state in ENDED


@dataclass
class _Run:
    job: TrainingJob
    started: bool = False

    @property
    def controls(self) -> LiveControls:
        return self.job.controls


class TrainingController(QObject):
    """Creates, commands and stops the workers; keeps every run's history.

    Views never call workers: they read ``histories``/``statuses`` when told something changed.
    """

    prepared = Signal(str)  # a backend's starting point is known (see ``initials``)
    progressed = Signal(str)  # a backend's history grew
    status_changed = Signal(str)
    run_finished = Signal()  # every enabled backend has ended
    framework_failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.histories: dict[str, RunHistory] = {}
        self.initials: dict[str, InitialState] = {}
        self.statuses: dict[str, BackendStatus] = {}
        self.configs: dict[str, RunConfig] = {}
        self._runs: dict[str, _Run] = {}
        self._waiting_for_framework: list[str] = []
        self._threads: dict[str, QThread] = {}
        self._workers: dict[str, TrainingWorker] = {}
        self._generation = 0
        self._speed: float | None = None
        self._running = False
        self._announced_end = False
        self._may_load_frameworks = False
        self._closed = False
        self._turnstile = Turnstile(gap=TURN_GAP_S)
        self.loader = FrameworkLoader()
        self.loader.loaded.connect(self._on_framework_loaded)
        self.loader.failed.connect(self._on_framework_failed)
        self.stuck_after_s = STUCK_AFTER_S
        self._stuck: set[str] = set()  # backends whose worker is inside a call that hangs
        self._watchdog = QTimer(self, interval=WATCHDOG_MS)
        self._watchdog.timeout.connect(self._watch)
        self._watchdog.start()

    # -- commands ---------------------------------------------------------------------
    def configure(
        self,
        experiment: Experiment,
        data: Dataset,
        schedules: dict[str, LrSchedule] | None = None,
    ) -> None:
        """Stop any run and prepare a fresh one for every enabled backend, parked at 'ready'."""
        if self._closed:
            raise RuntimeError("the controller has been shut down")
        self._retire_all()
        self._generation += 1
        self._running = False
        self._announced_end = False
        self._speed = experiment.speed
        self.histories.clear()
        self.initials.clear()
        self.statuses.clear()
        self.configs.clear()
        schedules = schedules or {}
        for spec in experiment.enabled():
            name = spec.name
            self.histories[name] = RunHistory()
            status = self.statuses[name] = BackendStatus(total=spec.total_updates(data.n))
            try:
                config = self.configs[name] = spec.run_config(data)
                config.check_runnable(name)  # here, not in its worker: no traceback, no thread
            except Incomplete as exc:  # values still to fill in: it waits, the others run
                status.state, status.error, status.total = "incomplete", exc, 0
                continue
            except DescentLabError as exc:
                status.state, status.error = "error", exc
                continue
            job = TrainingJob(
                self._generation,
                name,
                config,
                schedules.get(name, LrSchedule()),
                LiveControls(self._speed),
            )
            self._runs[name] = _Run(job)
            if name in TENSORFLOW_BACKENDS and self.loader.error is not None:
                status.state, status.error = "error", self.loader.error  # said again, not loading
                self._runs.pop(name)
            elif name in TENSORFLOW_BACKENDS and not self.loader.is_loaded:
                status.state = "loading"
                self._waiting_for_framework.append(name)
            else:
                status.state = "preparing"
                self._launch(self._runs[name])
        if self._waiting_for_framework and self._may_load_frameworks:
            self.loader.start()
        for name in self.statuses:
            self.status_changed.emit(name)

    def allow_framework_loading(self) -> None:
        """Let TensorFlow load from now on (the window calls this once it has been painted)."""
        self._may_load_frameworks = True
        if self._waiting_for_framework:
            self.loader.start()

    def start(self) -> None:
        """Run (or resume) every backend."""
        self._running = True
        for run in self._runs.values():
            run.started = True
            run.controls.run()

    def pause(self) -> None:
        self._running = False
        for run in self._runs.values():
            run.controls.pause()

    def step(self) -> None:
        """Pause, then make one more update in every backend."""
        self.pause()
        for run in self._runs.values():
            run.started = True
            run.controls.step()

    def set_lr(self, name: str, lr: float) -> None:
        """Use ``lr`` in backend ``name`` from its next update."""
        run = self._runs.get(name)
        if run is not None:
            run.controls.set_lr(lr)

    def set_speed(self, speed: float | None) -> None:
        self._speed = speed
        for run in self._runs.values():
            run.controls.set_speed(speed)

    @property
    def turnstile(self) -> Turnstile:
        """Workers compute in turns of it; the window draws in priority turns."""
        return self._turnstile

    @property
    def running(self) -> bool:
        return self._running and any(not self.statuses[n].ended for n in self._runs)

    @property
    def all_ended(self) -> bool:
        """True once every backend of the current run has ended (False before any run)."""
        return bool(self.statuses) and all(s.ended for s in self.statuses.values())

    @property
    def any_started(self) -> bool:
        return any(run.started for run in self._runs.values())

    def shutdown(self, timeout_ms: int = 1000, grace_ms: int = SHUTDOWN_GRACE_MS) -> bool:
        """Stop every worker and end every thread; True if all ended within ``timeout_ms``.

        A worker stops between two chunks, within milliseconds. One still building its model
        (importing, tracing a tf.function: measured up to 0.4 s here for four TensorFlow
        backends, 1.2 s on slower machines) cannot be interrupted and is not waited for: its
        thread is set aside (``abandoned_threads``), ends by itself once the build returns,
        and the app exits without it (``launcher.exit_even_if_stuck``). Any other thread that
        has not ended within ``timeout_ms`` gets up to ``grace_ms`` more, then is set aside
        too, because Qt aborts the process if a running QThread is destroyed.
        """
        self._closed = True
        self._watchdog.stop()
        building = [
            name
            for name, status in self.statuses.items()
            if status.state == "preparing" and name in self._runs and name in self._threads
        ]
        self._retire_all()
        for name in building:  # told to stop; it notices once its model is built
            log.info("%s is building its model: not waiting for it", name)
            self._abandon(name)
        for thread in self._threads.values():
            thread.quit()  # after the run under way (told to stop) has returned
        in_time = self._wait_threads(timeout_ms)
        if not in_time:
            log.warning("still stopping: %s", ", ".join(self.threads_running))
            if not self._wait_threads(grace_ms):
                for name in list(self._threads):
                    if self._threads[name].isRunning():
                        self._abandon(name)
                log.error("could not stop: %s", ", ".join(abandoned_threads()))
        return in_time

    def _wait_threads(self, timeout_ms: int) -> bool:
        deadline = time.monotonic() + timeout_ms / 1000
        for thread in self._threads.values():
            remaining = max(0, int((deadline - time.monotonic()) * 1000))
            if thread.isRunning() and not thread.wait(remaining):
                return False
        return True

    @property
    def threads_running(self) -> list[str]:
        """Names of the training threads still running."""
        return [t.objectName() for t in self._threads.values() if t.isRunning()]

    # -- internals --------------------------------------------------------------------
    def _worker_for(self, name: str) -> TrainingWorker:
        """The backend's worker, in its own thread: one of each per backend for the app's life.

        Runs come and go, threads stay: Python 3.11 never frees what it keeps for a thread it
        did not start itself (its _DummyThread and thread-locals, where Keras and TensorFlow
        keep per-thread state), and PySide kept every per-run worker object alive; measured,
        per-run threads and workers grew memory with every Reset.
        """
        worker = self._workers.get(name)
        if worker is None:
            thread = self._threads[name] = QThread(self)
            thread.setObjectName(f"train-{name}")
            worker = self._workers[name] = TrainingWorker(self._turnstile)
            worker.moveToThread(thread)
            worker.event.connect(self._on_worker_event)
            thread.start()
        return worker

    def _launch(self, run: _Run) -> None:
        if run.job.name in self._stuck:  # its worker still hangs: the new run gets a new one
            self._abandon(run.job.name)
        self._worker_for(run.job.name).requested.emit(run.job)

    def _abandon(self, name: str) -> None:
        """Give up on ``name``'s thread (it cannot be stopped): keep it alive, unparented, so
        that neither this controller's end nor the app's destroys it while it runs."""
        self._stuck.discard(name)
        thread = self._threads.pop(name)
        worker = self._workers.pop(name)
        worker.event.disconnect(self._on_worker_event)
        thread.quit()  # it ends by itself if the call ever returns
        thread.setParent(None)
        _ABANDONED.append(thread)
        _ABANDONED_WORKERS.append(worker)

    @Slot()
    def _watch(self) -> None:
        """The watchdog: mark backends stuck in a framework call; a hung turn is ended so the
        others carry on; a TensorFlow import that never finishes is reported."""
        self.loader.check_timeout()
        now = time.monotonic()
        for name, run in self._runs.items():
            since = run.controls.busy_since
            status = self.statuses.get(name)
            if since is None or status is None or status.ended or status.state == "stuck":
                continue
            if now - since > self.stuck_after_s:
                log.error("%s: a framework call has not returned for %.0f s", name, now - since)
                self._stuck.add(name)
                status.state, status.rate = "stuck", 0.0
                self.status_changed.emit(name)
                self._turnstile.evict_overdue(self.stuck_after_s)
                self._check_end()

    def _retire_all(self) -> None:
        for run in self._runs.values():
            run.controls.stop()
        self._turnstile.wake()  # workers waiting for a turn notice they were stopped
        self._runs.clear()
        self._waiting_for_framework.clear()

    @Slot()
    def _on_framework_loaded(self) -> None:
        waiting, self._waiting_for_framework = self._waiting_for_framework, []
        for name in waiting:
            run = self._runs.get(name)
            if run is None:
                continue
            self.statuses[name].state = "preparing"
            self.status_changed.emit(name)
            self._launch(run)

    @Slot(object)
    def _on_framework_failed(self, exc: BaseException) -> None:
        waiting, self._waiting_for_framework = self._waiting_for_framework, []
        for name in waiting:
            self._runs.pop(name, None)
            self.statuses[name].state, self.statuses[name].error = "error", exc
            self.status_changed.emit(name)
        self.framework_failed.emit(exc)
        self._check_end()

    @Slot(object)
    def _on_worker_event(self, event: WorkerEvent) -> None:
        if event.kind == "done":
            self._stuck.discard(event.name)  # whatever hung has returned: the worker is free
        if event.generation != self._generation or event.name not in self.statuses:
            return  # from a run that was replaced
        name, status = event.name, self.statuses[event.name]
        if event.kind == "progress":
            if status.state == "stuck":  # the call came back after all
                status.state = "running"
            self.histories[name].append(event.data)
            status.updates = len(self.histories[name])
            now = time.monotonic()
            t0, n0 = status._window
            if now - t0 >= RATE_WINDOW_S:
                if t0:
                    status.rate = (status.updates - n0) / (now - t0)
                status._window = (now, status.updates)
            self.progressed.emit(name)
            self.status_changed.emit(name)
        elif event.kind == "prepared":
            self.initials[name] = event.data
            self.prepared.emit(name)
        elif event.kind == "state":
            status.state = event.data
            if event.data == "diverged":
                status.divergence = event.detail
            if event.data in ("paused", "ready") or event.data in ENDED:
                status.rate = 0.0
                status._window = (0.0, status.updates)
            self.status_changed.emit(name)
            self._check_end()
        elif event.kind == "failed":
            status.state, status.error = "error", event.data
            self.status_changed.emit(name)
            self._check_end()

    def _check_end(self) -> None:
        if not self._announced_end and self.any_started and self.all_ended:
            self._announced_end = True
            self._running = False
            self.run_finished.emit()
