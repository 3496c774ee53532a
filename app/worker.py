"""One backend's training loop, run in its own QThread; results leave only through signals."""

from __future__ import annotations

import gc
import logging
import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from trainers import Chunk, LrSchedule, RunConfig, Trainer, advance_planned, create_trainer
from trainers.runloop import LiveControls, Turnstile

log = logging.getLogger(__name__)

EMIT_INTERVAL = 1 / 50
"""At most this often a worker hands the window a chunk, however fast it trains."""
YIELD_SECONDS = 0.002
"""Pause after each turn at full speed, so the GUI thread gets the GIL to itself for a while."""
TURN_SECONDS = 0.005
"""How long one turn of training should take; chunk sizes adapt to it."""
MAX_CHUNK_GROWTH = 50
"""A chunk grows to at most this many times the backend's preferred size."""
FRAME_SECONDS = 1 / 60


@dataclass(frozen=True)
class WorkerEvent:
    """What a worker reports: ``prepared`` (InitialState), ``progress`` (Chunk), ``state``
    (the new state; ``detail`` holds a Divergence when diverged), ``failed`` (the exception) or
    ``done`` (the job has returned).

    ``generation`` tells a current run's events from those of a run already replaced.
    """

    generation: int
    name: str
    kind: str
    data: object = None
    detail: object = None


@dataclass(frozen=True, eq=False)
class TrainingJob:
    """One run of one backend, as the controller hands it to that backend's worker."""

    generation: int
    name: str
    config: RunConfig
    schedule: LrSchedule
    controls: LiveControls


class TrainingWorker(QObject):
    """Lives in one backend's thread for the app's lifetime and runs the jobs it is sent, one
    after the other: prepares a trainer, then trains chunk by chunk as the job's LiveControls
    allow. Results leave only through ``event``.

    States: preparing, ready, running, paused, finished, diverged, stopped; a job that has
    returned sends a last event of kind ``done``.
    """

    event = Signal(object)  # WorkerEvent
    requested = Signal(object)  # TrainingJob; emitted from the GUI thread, so delivered queued

    def __init__(self, turnstile: Turnstile | None = None) -> None:
        super().__init__()
        self.turnstile = turnstile or Turnstile()
        self._job: TrainingJob | None = None
        self._state = ""
        self.requested.connect(self.run)

    def _emit(self, kind: str, data: object = None, detail: object = None) -> None:
        job = self._job
        assert job is not None
        self.event.emit(WorkerEvent(job.generation, job.name, kind, data, detail))

    def _set_state(self, state: str, detail: object = None) -> None:
        if state != self._state:
            self._state = state
            self._emit("state", state, detail)

    @Slot(object)
    def run(self, job: TrainingJob) -> None:
        self._job, self._state = job, ""
        trainer: Trainer | None = None
        try:
            if job.controls.stopped:  # replaced before it began: nothing to prepare
                return
            self._set_state("preparing")
            trainer = create_trainer(job.name, job.config)
            self._emit("prepared", trainer.prepare())
            self._loop(trainer)
        except Exception as exc:  # shown on the backend's card; the app keeps running
            log.exception("%s worker failed", job.name)
            self._emit("failed", exc)
        finally:
            if trainer is not None:
                try:
                    trainer.close()
                except Exception:
                    log.exception("%s: closing the trainer failed", job.name)
            self._emit("done")
            self._job = None

    def _loop(self, trainer: Trainer) -> None:
        job = self._job
        assert job is not None
        controls = job.controls
        pending: list[Chunk] = []
        last_emit = 0.0
        started = False
        pacing = (-1, 0.0, 0)  # epoch, start time, updates since
        full_speed_chunk = trainer.chunk_size

        def flush() -> None:
            if pending:
                self._emit("progress", Chunk.concat(pending))
                pending.clear()

        while not trainer.done:
            turn, seen = controls.poll()
            if turn is False:
                flush()
                self._set_state("paused" if started or controls.started else "ready")
                controls.wait_for_command(seen)
                continue
            if turn is None:
                trainer.stop()
                break
            started = True
            lr = controls.take_lr()
            if lr is not None:
                trainer.set_learning_rate(lr)
            if turn.single_step:
                k = 1
            elif turn.speed is None:
                k = full_speed_chunk
                self._set_state("running")
            else:
                if pacing[0] != turn.pacing_epoch:
                    pacing = (turn.pacing_epoch, time.monotonic(), 0)
                k = max(1, min(trainer.chunk_size, int(turn.speed * FRAME_SECONDS)))
                self._set_state("running")

            with self.turnstile.turn(abandon=lambda: controls.stopped) as granted:
                if not granted:
                    continue  # told to stop while waiting: the next poll says so
                began = time.perf_counter()
                chunk = advance_planned(trainer, job.schedule, k)
                took = time.perf_counter() - began
            pending.append(chunk)
            if turn.speed is None and not turn.single_step and len(chunk) == k and took > 0:
                # Aim for turns of TURN_SECONDS: short enough to keep the GUI fluid.
                wanted = k * TURN_SECONDS / took
                full_speed_chunk = int(min(max(wanted, 1), MAX_CHUNK_GROWTH * trainer.chunk_size))

            now = time.monotonic()
            if turn.single_step or now - last_emit >= EMIT_INTERVAL:
                flush()
                last_emit = now
            if turn.single_step:
                continue
            if turn.speed is None:
                controls.sleep(YIELD_SECONDS, turn.pacing_epoch)
            else:
                epoch, t0, done = pacing
                pacing = (epoch, t0, done + len(chunk))
                controls.sleep(t0 + (done + len(chunk)) / turn.speed - time.monotonic(), epoch)
        flush()
        if trainer.divergence is not None:
            self._set_state("diverged", trainer.divergence)
        elif trainer.next_step >= trainer.total_steps:
            self._set_state("finished")
        else:
            self._set_state("stopped")


class FrameworkLoader(QObject):
    """Imports TensorFlow and Keras once, in a daemon thread, while the window is already up.

    A daemon thread (not a QThread) because an import cannot be interrupted: closing the window
    mid-import must not wait for it.
    """

    loaded = Signal()
    failed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._thread: threading.Thread | None = None
        self.is_loaded = False

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._load, name="import-tensorflow", daemon=True
            )
            self._thread.start()

    def _load(self) -> None:
        from trainers.tensorflow_import import import_keras

        try:
            import_keras()
        except Exception as exc:
            log.exception("TensorFlow/Keras import failed")
            self.failed.emit(exc)
            return
        # TensorFlow and Keras leave hundreds of thousands of long-lived objects behind; a full
        # garbage collection walked them for 137 ms here, holding the GIL (a visible stall).
        # Frozen, later collections skip them.
        gc.freeze()
        self.is_loaded = True
        self.loaded.emit()
