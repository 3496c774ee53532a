"""One backend's job, run to its end on the calling thread (Qt-free).

The app's QThread worker calls :func:`run_job` and forwards every event as a Qt signal; tests
call it directly, with a fake :class:`Clock`, and read the events from a list.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from trainers.base import Chunk, Trainer
from trainers.config import RunConfig
from trainers.registry import create_trainer
from trainers.runloop.live_controls import LiveControls
from trainers.runloop.turnstile import Turnstile
from trainers.schedule import LrSchedule, advance_planned

log = logging.getLogger(__name__)

EMIT_INTERVAL = 1 / 50
"""At most this often a worker hands the window a chunk, however fast it trains."""
YIELD_SECONDS = 0.002
"""Pause after each turn at full speed, so the GUI thread gets the GIL to itself for a while."""
TURN_SECONDS = 0.005
"""How long one turn of training should take; chunk sizes adapt to it."""
MAX_CHUNK_GROWTH = 50
"""A chunk grows to at most this many times the backend's preferred size."""
PACED_TURN_SECONDS = 1 / 30
"""At a set speed, one turn computes this long a stretch of the schedule: a turn costs every
other worker a hand-over of the turnstile, so five paced backends taking a turn per update fell
to half their speed (100 updates/s delivered 48–76)."""
MAX_DEBT_SECONDS = 0.5
"""Further behind its schedule than this (a machine too busy for the speed), a run slips its
schedule instead of catching up in a burst."""


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


class Clock:
    """Real time, as the loop reads and spends it; tests pass a fake one to stay deterministic."""

    def now(self) -> float:
        """Seconds on a monotonic clock, for pacing and the emit interval."""
        return time.monotonic()

    def timer(self) -> float:
        """A high-resolution clock that times one turn of training (chunk sizes adapt to it)."""
        return time.perf_counter()

    def sleep(self, controls: LiveControls, seconds: float, epoch: int) -> None:
        """Wait up to ``seconds``; wake early on stop, pause, or a pacing change."""
        controls.sleep(seconds, epoch)


Emit = Callable[[WorkerEvent], None]
TrainerFactory = Callable[[str, RunConfig], Trainer]


def run_job(
    job: TrainingJob,
    emit: Emit,
    turnstile: Turnstile,
    *,
    clock: Clock | None = None,
    make_trainer: TrainerFactory = create_trainer,
) -> None:
    """Prepare the job's trainer, then train it chunk by chunk as the job's LiveControls allow,
    computing only in turns of ``turnstile``; report everything through ``emit``.

    States: preparing, ready, running, paused, finished, diverged, stopped. An exception is
    reported as ``failed`` (never raised); the last event is always ``done``.
    """
    _JobRun(job, emit, turnstile, clock or Clock()).run(make_trainer)


class _JobRun:
    """The state of one job while :func:`run_job` runs it."""

    def __init__(self, job: TrainingJob, emit: Emit, turnstile: Turnstile, clock: Clock) -> None:
        self.job = job
        self._emit_event = emit
        self.turnstile = turnstile
        self.clock = clock
        self._state = ""

    def _emit(self, kind: str, data: object = None, detail: object = None) -> None:
        self._emit_event(WorkerEvent(self.job.generation, self.job.name, kind, data, detail))

    def _set_state(self, state: str, detail: object = None) -> None:
        if state != self._state:
            self._state = state
            self._emit("state", state, detail)

    def run(self, make_trainer: TrainerFactory) -> None:
        job = self.job
        trainer: Trainer | None = None
        try:
            if job.controls.stopped:  # replaced before it began: nothing to prepare
                return
            self._set_state("preparing")
            with self._in_call():
                trainer = make_trainer(job.name, job.config)
                initial = trainer.prepare()
            self._emit("prepared", initial)
            self._loop(trainer)
        except BaseException as exc:  # even SystemExit: shown on the card, never kills the app
            log.error("%s worker failed", job.name, exc_info=exc)
            self._emit("failed", exc)
        finally:
            if trainer is not None:
                try:
                    trainer.close()
                except BaseException:  # the run has ended either way
                    log.exception("%s: closing the trainer failed", job.name)
            self._emit("done")

    @contextmanager
    def _in_call(self) -> Iterator[None]:
        """Mark a call into the framework, for the watchdog (``LiveControls.busy_since``)."""
        self.job.controls.busy_since = time.monotonic()
        try:
            yield
        finally:
            self.job.controls.busy_since = None

    def _loop(self, trainer: Trainer) -> None:
        job, controls, clock = self.job, self.job.controls, self.clock
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
                pacing = self._pace(pacing, turn.pacing_epoch, turn.speed)
                k = self._paced_chunk(pacing, turn.speed, trainer.chunk_size)
                self._set_state("running")

            with self.turnstile.turn(abandon=lambda: controls.stopped) as granted:
                if not granted:
                    continue  # told to stop while waiting: the next poll says so
                began = clock.timer()
                with self._in_call():
                    chunk = advance_planned(trainer, job.schedule, k)
                took = clock.timer() - began
            pending.append(chunk)
            if turn.speed is None and not turn.single_step and len(chunk) == k and took > 0:
                # Aim for turns of TURN_SECONDS: short enough to keep the GUI fluid.
                wanted = k * TURN_SECONDS / took
                full_speed_chunk = int(min(max(wanted, 1), MAX_CHUNK_GROWTH * trainer.chunk_size))

            now = clock.now()
            if turn.single_step or now - last_emit >= EMIT_INTERVAL:
                flush()
                last_emit = now
            if turn.single_step:
                continue
            if turn.speed is None:
                clock.sleep(controls, YIELD_SECONDS, turn.pacing_epoch)
            else:
                epoch, t0, done = pacing
                pacing = (epoch, t0, done + len(chunk))
                clock.sleep(controls, t0 + (done + len(chunk)) / turn.speed - clock.now(), epoch)
        flush()
        self._end_state(trainer)

    def _pace(
        self, pacing: tuple[int, float, int], epoch: int, speed: float
    ) -> tuple[int, float, int]:
        """The schedule (epoch, start time, updates made since): restarted on a new epoch,
        slipped when it is more than MAX_DEBT_SECONDS behind."""
        now = self.clock.now()
        if pacing[0] != epoch:
            return (epoch, now, 0)
        _, t0, done = pacing
        if (now - t0) * speed - done > speed * MAX_DEBT_SECONDS:
            return (epoch, now - done / speed, done)
        return pacing

    def _paced_chunk(self, pacing: tuple[int, float, int], speed: float, preferred: int) -> int:
        """Updates for this turn: one turn's stretch of the schedule, plus any that are due."""
        _, t0, done = pacing
        due = max(0, int((self.clock.now() - t0) * speed) - done)
        stretch = max(1, int(speed * PACED_TURN_SECONDS))
        return min(stretch + due, max(stretch, MAX_CHUNK_GROWTH * preferred))

    def _end_state(self, trainer: Trainer) -> None:
        if trainer.divergence is not None:
            self._set_state("diverged", trainer.divergence)
        elif trainer.next_step >= trainer.total_steps:
            self._set_state("finished")
        else:
            self._set_state("stopped")
