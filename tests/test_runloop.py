"""The Qt-free training loop, run on the test's own thread against a fake clock.

Time passes only when the loop sleeps or a trainer says its updates took time, and commands
arrive from the ``emit`` callback at a chosen event: every run is deterministic.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import pytest

from trainers import (
    Chunk,
    Divergence,
    Init,
    LrSchedule,
    RunConfig,
    Trainer,
    create_trainer,
    synthetic,
)
from trainers.backends.numpy_gd import NumpyTrainer
from trainers.runloop import Clock, LiveControls, TrainingJob, Turnstile, WorkerEvent, run_job
from trainers.runloop.loop import (
    EMIT_INTERVAL,
    MAX_CHUNK_GROWTH,
    PACED_TURN_SECONDS,
    TURN_SECONDS,
    YIELD_SECONDS,
)

GENERATION = 7


class FakeClock(Clock):
    """Injected seconds: sleeping advances them at once, and so does a SlowTrainer's work."""

    def __init__(self) -> None:
        self.t = 1000.0

    def now(self) -> float:
        return self.t

    def timer(self) -> float:
        return self.t

    def sleep(self, controls: LiveControls, seconds: float, epoch: int) -> None:
        self.t += max(0.0, seconds)


class SlowTrainer(NumpyTrainer):
    """The NumPy backend, each of whose updates takes ``cost`` injected seconds."""

    def __init__(self, config: RunConfig, clock: FakeClock, cost: float) -> None:
        super().__init__(config)
        self.clock, self.cost = clock, cost
        self.sizes: list[int] = []

    def _run(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        self.sizes.append(k)
        self.clock.t += k * self.cost
        return super()._run(k)


class Recorder:
    """Collects events (with the injected time each arrived) and reacts to some of them."""

    def __init__(self, clock: FakeClock, react: Callable[[WorkerEvent], None] | None = None):
        self.clock, self.react = clock, react
        self.events: list[WorkerEvent] = []
        self.times: list[float] = []

    def __call__(self, event: WorkerEvent) -> None:
        assert (event.generation, event.name) == (GENERATION, "numpy")
        self.events.append(event)
        self.times.append(self.clock.t)
        if self.react is not None:
            self.react(event)

    def kinds(self) -> list[str]:
        return [e.kind for e in self.events]

    def states(self) -> list[str]:
        return [e.data for e in self.events if e.kind == "state"]

    def chunks(self) -> list[Chunk]:
        return [e.data for e in self.events if e.kind == "progress"]

    def updates(self) -> Chunk:
        return Chunk.concat(self.chunks())

    def progress_times(self) -> list[tuple[float, Chunk]]:
        """(injected time, chunk) of every progress event."""
        pairs = zip(self.times, self.events, strict=True)
        return [(t, e.data) for t, e in pairs if e.kind == "progress"]


def config(steps: int = 300, lr: float = 0.1, engine: str = "compiled") -> RunConfig:
    return RunConfig(synthetic(), init=Init("zeros"), lr=lr, steps=steps, engine=engine)


def run(
    controls: LiveControls,
    cfg: RunConfig | None = None,
    react: Callable[[WorkerEvent], None] | None = None,
    clock: FakeClock | None = None,
    make_trainer: Callable[[str, RunConfig], Trainer] = create_trainer,
) -> Recorder:
    """Run one numpy job to its end on this thread; return what it reported."""
    clock = clock or FakeClock()
    recorder = Recorder(clock, react)
    job = TrainingJob(GENERATION, "numpy", cfg or config(), LrSchedule(), controls)
    run_job(job, recorder, Turnstile(), clock=clock, make_trainer=make_trainer)
    return recorder


def on(kind: str, data: object, action: Callable[[], None]) -> Callable[[WorkerEvent], None]:
    """React once, to the first event of ``kind`` (and ``data``, unless None)."""
    fired = []

    def react(event: WorkerEvent) -> None:
        if not fired and event.kind == kind and (data is None or event.data == data):
            fired.append(event)
            action()

    return react


def chain(*reactions: Callable[[WorkerEvent], None]) -> Callable[[WorkerEvent], None]:
    def react(event: WorkerEvent) -> None:
        for reaction in reactions:
            reaction(event)

    return react


def assert_every_update_once(recorder: Recorder, count: int) -> None:
    assert recorder.updates().step.tolist() == list(range(count))


def test_a_full_run_parks_at_ready_then_runs_to_finished() -> None:
    controls = LiveControls()
    recorder = run(controls, react=on("state", "ready", controls.run))
    kinds = recorder.kinds()
    assert kinds[:2] == ["state", "prepared"] and kinds[-1] == "done"
    assert recorder.states() == ["preparing", "ready", "running", "finished"]
    assert kinds.index("prepared") < kinds.index("progress")
    assert_every_update_once(recorder, 300)
    assert recorder.events[1].data.lr == 0.1


def test_pause_then_resume_continues_where_it_stopped() -> None:
    controls = LiveControls()
    controls.run()
    resume = chain(on("progress", None, controls.pause), on("state", "paused", controls.run))
    recorder = run(controls, config(steps=5000), react=resume)
    assert recorder.states() == ["preparing", "running", "paused", "running", "finished"]
    assert_every_update_once(recorder, 5000)


def test_single_steps_make_one_update_each_then_pause() -> None:
    controls = LiveControls()
    controls.step(3)
    recorder = run(controls, react=on("state", "paused", controls.stop))
    assert [len(c) for c in recorder.chunks()] == [1, 1, 1]  # each step shown at once
    assert_every_update_once(recorder, 3)
    assert recorder.states() == ["preparing", "paused", "stopped"]
    assert recorder.kinds()[-1] == "done"


def test_stop_ends_the_run_early_as_stopped() -> None:
    controls = LiveControls()
    controls.run()
    recorder = run(controls, config(steps=100_000), react=on("progress", None, controls.stop))
    assert recorder.states() == ["preparing", "running", "stopped"]
    assert 0 < len(recorder.updates()) < 100_000
    assert recorder.kinds()[-1] == "done"


def test_a_job_stopped_before_it_began_only_says_done() -> None:
    controls = LiveControls()
    controls.stop()
    assert run(controls).kinds() == ["done"]


def test_a_live_learning_rate_applies_from_the_next_update() -> None:
    controls = LiveControls()
    controls.run()
    change = on("progress", None, lambda: controls.set_lr(0.05))
    recorder = run(controls, config(engine="loop"), react=change)
    first = len(recorder.chunks()[0])
    lr = recorder.updates().lr
    assert 0 < first < 300
    assert set(lr[:first]) == {0.1} and set(lr[first:]) == {0.05}


def test_paced_speed_delivers_the_requested_updates_per_second() -> None:
    speed, seconds = 600.0, 3
    clock = FakeClock()
    t0 = clock.t
    controls = LiveControls(speed=speed)
    controls.run()
    recorder = run(controls, config(steps=int(speed) * seconds), clock=clock)
    chunk = int(speed * PACED_TURN_SECONDS)  # a turn's stretch of the schedule
    assert {len(c) for c in recorder.chunks()} <= {chunk, 2 * chunk}  # at most 50 emits/s
    delivered = 0
    for t, updates in recorder.progress_times():
        delivered += len(updates)
        # Never behind the requested pace, and ahead by at most the chunk just made.
        assert speed * (t - t0) - 1e-6 <= delivered <= speed * (t - t0) + chunk + 1e-6
    assert clock.t - t0 == pytest.approx(seconds)
    assert_every_update_once(recorder, int(speed) * seconds)


class BusyTrainer(NumpyTrainer):
    """The NumPy backend on a busy machine: every call costs ``overhead`` injected seconds
    (waiting for the turnstile behind four other backends, the GIL), whatever its size."""

    def __init__(self, config: RunConfig, clock: FakeClock, overhead: float) -> None:
        super().__init__(config)
        self.clock, self.overhead = clock, overhead

    def _run(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        self.clock.t += self.overhead
        return super()._run(k)


@pytest.mark.parametrize("overhead", [0.012, 0.05])
def test_paced_speed_holds_when_every_turn_costs_more_than_an_update(overhead: float) -> None:
    # 100 updates/s is one per 10 ms; a turn costing 12 ms (or 50 ms, more than a turn's
    # stretch) must still deliver 100 per second: a late run takes what is due.
    speed, seconds = 100.0, 5
    clock = FakeClock()
    t0 = clock.t
    controls = LiveControls(speed=speed)
    controls.run()

    def make(name: str, cfg: RunConfig) -> Trainer:
        return BusyTrainer(cfg, clock, overhead)

    recorder = run(controls, config(steps=int(speed) * seconds), clock=clock, make_trainer=make)
    assert_every_update_once(recorder, int(speed) * seconds)
    assert (clock.t - t0) == pytest.approx(seconds, rel=0.1)


def test_a_run_far_behind_its_pace_slips_rather_than_bursts() -> None:
    # One turn stalls for 3 s (a frozen machine): more than MAX_DEBT_SECONDS behind, the run
    # does not make up 3 s of updates in a burst; it slips its schedule and goes on at its pace.
    speed = 100.0
    clock = FakeClock()
    controls = LiveControls(speed=speed)
    controls.run()
    sizes: list[int] = []

    class Stalling(NumpyTrainer):
        def _run(self, k: int) -> tuple[np.ndarray, np.ndarray]:
            sizes.append(k)
            if len(sizes) == 5:
                clock.t += 3.0
            return super()._run(k)

    t0 = clock.t
    run(controls, config(steps=400), clock=clock, make_trainer=lambda n, c: Stalling(c))
    assert set(sizes[:-1]) == {int(speed * PACED_TURN_SECONDS)}
    assert clock.t - t0 == pytest.approx(3.0 + 400 / speed, abs=0.05)


def test_full_speed_chunks_grow_to_fill_a_turn_but_no_further() -> None:
    clock = FakeClock()
    trainers: list[SlowTrainer] = []

    def slow(cost: float) -> Callable[[str, RunConfig], Trainer]:
        def make(name: str, cfg: RunConfig) -> Trainer:
            trainers.append(SlowTrainer(cfg, clock, cost))
            return trainers[-1]

        return make

    for cost in (2.0**-17, 2.0**-24):  # a turn holds 655 updates; 84k, more than the cap
        controls = LiveControls()
        controls.run()
        run(controls, config(steps=20_000, engine="loop"), clock=clock, make_trainer=slow(cost))
    preferred = trainers[0].chunk_size
    grown, capped = trainers[0].sizes, trainers[1].sizes
    assert grown[0] == capped[0] == preferred
    assert all(abs(k - TURN_SECONDS / 2.0**-17) <= 1 for k in grown[1:-1])
    assert set(capped[1:-1]) == {MAX_CHUNK_GROWTH * preferred}


def test_progress_is_flushed_at_most_once_per_emit_interval() -> None:
    clock = FakeClock()
    trainer: list[SlowTrainer] = []

    def make(name: str, cfg: RunConfig) -> Trainer:
        trainer.append(SlowTrainer(cfg, clock, 2.0**-17))
        return trainer[0]

    controls = LiveControls()
    controls.run()
    steps = 40_000
    recorder = run(controls, config(steps, engine="loop"), clock=clock, make_trainer=make)
    times = [t for t, _ in recorder.progress_times()]
    turns = len(trainer[0].sizes)
    assert turns * (TURN_SECONDS + YIELD_SECONDS) > 10 * EMIT_INTERVAL  # long enough to tell
    assert len(times) < turns  # several turns share one emit
    # The last flush, as the run ends, comes whenever the run ends.
    assert all(b - a >= EMIT_INTERVAL for a, b in itertools.pairwise(times[:-1]))
    assert_every_update_once(recorder, steps)


def test_a_diverging_run_ends_diverged_with_only_finite_updates() -> None:
    controls = LiveControls()
    controls.run()
    recorder = run(controls, config(steps=10_000, lr=5.0))
    assert recorder.states() == ["preparing", "running", "diverged"]
    divergence = next(e.detail for e in recorder.events if e.data == "diverged")
    assert isinstance(divergence, Divergence) and divergence.lr == 5.0
    updates = recorder.updates()
    assert len(updates) == divergence.step and np.isfinite(updates.loss).all()
    assert recorder.kinds()[-1] == "done"


class BrokenTrainer(NumpyTrainer):
    """Fails at its second chunk, like a backend whose framework gives up mid-run."""

    closed = False

    def _run(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        if self.next_step:
            raise RuntimeError("the framework gave up")
        return super()._run(k)

    def _close(self) -> None:
        self.closed = True


def test_an_exception_is_reported_as_failed_then_done() -> None:
    controls = LiveControls()
    controls.run()
    made: list[BrokenTrainer] = []
    recorder = run(
        controls,
        config(steps=5000),
        make_trainer=lambda name, cfg: made.append(BrokenTrainer(cfg)) or made[0],
    )
    assert recorder.kinds()[-2:] == ["failed", "done"]
    assert recorder.states() == ["preparing", "running"]
    failure = recorder.events[-2].data
    assert isinstance(failure, RuntimeError) and "gave up" in str(failure)
    assert made[0].closed  # the trainer is released all the same


def test_a_trainer_that_cannot_be_built_fails_then_says_done() -> None:
    def refuse(name: str, cfg: RunConfig) -> Trainer:
        raise ValueError("no such framework")

    recorder = run(LiveControls(), make_trainer=refuse)
    assert recorder.kinds() == ["state", "failed", "done"]
    assert isinstance(recorder.events[1].data, ValueError)
