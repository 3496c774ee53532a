"""Fault injection in the window's machinery: trainers that raise anything or never come back,
TensorFlow imports that fail or hang. Each fault is shown, never kills or freezes the app."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace

import numpy as np
import pytest
from guards import HANG_GUARD_MS

from app.controller import TrainingController, abandoned_threads
from trainers import synthetic
from trainers.backends.numpy_gd import NumpyTrainer
from trainers.experiment import Experiment


def numpy_only(steps: int = 200) -> Experiment:
    experiment = Experiment()
    return experiment.with_backend(replace(experiment.backends["numpy"], enabled=True, steps=steps))


def with_tf(experiment: Experiment) -> Experiment:
    return experiment.with_backend(replace(experiment.backends["tf"], enabled=True))


@pytest.fixture
def controller(qtbot):
    c = TrainingController()
    yield c
    c.shutdown()


def state(controller: TrainingController, name: str) -> str | None:
    status = controller.statuses.get(name)
    return None if status is None else status.state


@pytest.mark.parametrize("raised", [SystemExit(3), KeyboardInterrupt(), RuntimeError("boom")])
def test_a_trainer_raising_anything_is_reported_as_failed(
    qtbot, controller, monkeypatch, raised
) -> None:
    def explode(self, k):
        raise raised

    monkeypatch.setattr(NumpyTrainer, "_run", explode)
    controller.configure(numpy_only(), synthetic())
    with qtbot.waitSignal(controller.run_finished, timeout=HANG_GUARD_MS):
        controller.start()
    assert state(controller, "numpy") == "error"
    assert controller.statuses["numpy"].error is raised
    controller.configure(numpy_only(), synthetic())  # and Reset works afterwards
    qtbot.waitUntil(lambda: state(controller, "numpy") == "ready", timeout=HANG_GUARD_MS)


def test_a_trainer_that_never_comes_back_is_shown_stuck_and_closing_does_not_wait(
    qtbot, controller, monkeypatch
) -> None:
    release = threading.Event()
    entered = threading.Event()
    real_run = NumpyTrainer._run

    def hang(self, k):
        entered.set()
        release.wait()  # a framework call that never returns (until the test ends)
        return real_run(self, k)

    monkeypatch.setattr(NumpyTrainer, "_run", hang)
    controller.stuck_after_s = 0.05
    controller.configure(numpy_only(), synthetic())
    controller.start()
    try:
        qtbot.waitUntil(entered.is_set, timeout=HANG_GUARD_MS)  # (a slow prepare may count)
        qtbot.waitUntil(lambda: state(controller, "numpy") == "stuck", timeout=HANG_GUARD_MS)
        assert controller.all_ended
        # Reset gives the backend a fresh worker; the hung one is set aside.
        monkeypatch.setattr(NumpyTrainer, "_run", real_run)
        controller.configure(numpy_only(), synthetic())
        with qtbot.waitSignal(controller.run_finished, timeout=HANG_GUARD_MS):
            controller.start()
        assert state(controller, "numpy") == "finished"
        assert "train-numpy" in abandoned_threads()
        assert controller.shutdown(timeout_ms=200, grace_ms=200)  # the fresh one stops at once
    finally:
        release.set()
    qtbot.waitUntil(lambda: abandoned_threads() == [], timeout=HANG_GUARD_MS)


def test_closing_gives_up_on_a_thread_that_cannot_stop(qtbot, controller, monkeypatch) -> None:
    release = threading.Event()
    entered = threading.Event()

    def hang(self, k):
        entered.set()
        release.wait()
        return NumpyTrainer._run(self, k)

    monkeypatch.setattr(NumpyTrainer, "_run", hang)
    controller.configure(numpy_only(), synthetic())
    controller.start()
    try:
        qtbot.waitUntil(entered.is_set, timeout=HANG_GUARD_MS)
        assert not controller.shutdown(timeout_ms=50, grace_ms=50)  # returns, does not abort
        assert controller.threads_running == [] and "train-numpy" in abandoned_threads()
    finally:
        monkeypatch.undo()
        release.set()
    qtbot.waitUntil(lambda: abandoned_threads() == [], timeout=HANG_GUARD_MS)


def test_closing_does_not_wait_for_a_backend_building_its_model(
    qtbot, controller, monkeypatch, caplog
) -> None:
    """A model being built (a Keras model traced) cannot be interrupted: closing sets its
    thread aside at once instead of joining it; the thread ends by itself afterwards."""
    release = threading.Event()
    entered = threading.Event()
    real_prepare = NumpyTrainer.prepare

    def slow_prepare(self):
        entered.set()
        release.wait()  # still building when the window closes
        return real_prepare(self)

    monkeypatch.setattr(NumpyTrainer, "prepare", slow_prepare)
    caplog.set_level(logging.INFO, logger="app.controller")
    controller.configure(numpy_only(), synthetic())
    try:
        qtbot.waitUntil(entered.is_set, timeout=HANG_GUARD_MS)
        assert state(controller, "numpy") == "preparing"
        # Joined, the blocked build would outlast both waits and this would be False.
        assert controller.shutdown()
        assert controller.threads_running == [] and "train-numpy" in abandoned_threads()
        assert "building its model" in caplog.text
        assert "could not stop" not in caplog.text
    finally:
        release.set()
    qtbot.waitUntil(lambda: abandoned_threads() == [], timeout=HANG_GUARD_MS)


def test_a_failed_tensorflow_import_is_reported_again_after_reset(
    qtbot, controller, monkeypatch
) -> None:
    import trainers.tensorflow_import as tfi

    def broken():
        raise ImportError("simulated")

    monkeypatch.setattr(tfi, "import_keras", broken)
    controller.allow_framework_loading()
    experiment = with_tf(numpy_only())
    controller.configure(experiment, synthetic())
    qtbot.waitUntil(lambda: state(controller, "tf") == "error", timeout=HANG_GUARD_MS)
    controller.configure(experiment, synthetic())  # Reset
    assert state(controller, "tf") == "error"  # said again at once, never "loading"
    assert "simulated" in str(controller.statuses["tf"].error)
    qtbot.waitUntil(lambda: state(controller, "numpy") == "ready", timeout=HANG_GUARD_MS)


def test_a_tensorflow_import_that_never_finishes_is_reported(
    qtbot, controller, monkeypatch
) -> None:
    import trainers.tensorflow_import as tfi

    release = threading.Event()
    monkeypatch.setattr(tfi, "import_keras", release.wait)
    controller.loader.timeout_s = 0.05
    controller.allow_framework_loading()
    experiment = with_tf(numpy_only())
    try:
        controller.configure(experiment, synthetic())
        assert state(controller, "tf") == "loading"
        qtbot.waitUntil(lambda: state(controller, "tf") == "error", timeout=HANG_GUARD_MS)
        assert "did not finish loading" in str(controller.statuses["tf"].error)
        controller.configure(experiment, synthetic())
        assert state(controller, "tf") == "error"
    finally:
        release.set()


def test_a_hung_turn_is_ended_so_the_other_workers_carry_on() -> None:
    from trainers.runloop import Turnstile

    turnstile = Turnstile()
    inside, release = threading.Event(), threading.Event()

    def hung() -> None:
        with turnstile.turn():
            inside.set()
            release.wait()

    worker = threading.Thread(target=hung)
    worker.start()
    try:
        assert inside.wait(HANG_GUARD_MS / 1000)
        assert not turnstile.evict_overdue(3600.0)  # a turn under an hour old is left alone
        assert turnstile.evict_overdue(-1.0)
        with turnstile.turn() as granted:  # without the eviction this would wait for ever
            assert granted
    finally:
        release.set()
        worker.join(HANG_GUARD_MS / 1000)
    with turnstile.turn() as granted:  # the hung turn's late end disturbed nothing
        assert granted and turnstile.queued == 1
    assert turnstile.queued == 0


def test_events_of_a_replaced_run_arriving_after_reset_are_ignored(qtbot, controller) -> None:
    from trainers import Chunk
    from trainers.runloop import WorkerEvent

    controller.configure(numpy_only(), synthetic())
    old = controller._generation
    qtbot.waitUntil(lambda: state(controller, "numpy") == "ready", timeout=HANG_GUARD_MS)
    controller.configure(numpy_only(), synthetic())  # Reset: a new generation
    late = Chunk(*([np.array([0])] + [np.array([1.0])] * 4))
    for kind, data in (("progress", late), ("state", "finished"), ("failed", RuntimeError())):
        controller._on_worker_event(WorkerEvent(old, "numpy", kind, data))
    assert len(controller.histories["numpy"]) == 0
    assert state(controller, "numpy") in ("preparing", "ready")
    assert controller.statuses["numpy"].error is None


@pytest.mark.parametrize("garbage", [bytes(range(256)) * 3, b"garbage without equals\n"])
def test_settings_full_of_garbage_are_set_aside_and_said(qtbot, garbage: bytes) -> None:
    from app.settings import AppSettings

    path = AppSettings().path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(garbage)
    settings = AppSettings()
    assert settings.problem and "moved" in settings.problem
    assert list(path.parent.glob(path.name + ".unreadable-*"))
    settings.theme = "dark"  # and the new file works
    settings.sync()
    assert AppSettings().problem is None and AppSettings().theme == "dark"
