"""Hundreds of start/stop/reset cycles with live changes, on the NumPy backend: no thread, no
memory and no Qt warning more at the end than after a warm-up (Qt warnings fail any test here:
``qt_log_level_fail``)."""

from __future__ import annotations

import gc
import os
import threading
from dataclasses import replace

import pytest
from guards import HANG_GUARD_MS

from app.main_window import MainWindow
from trainers.experiment import Experiment

CYCLES = 200
WARM_UP = 30
MEMORY_SLACK_MB = 20


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def numpy_experiment() -> Experiment:
    experiment = Experiment()
    spec = replace(experiment.backends["numpy"], enabled=True, steps=100_000, engine="stepwise")
    return experiment.with_backend(spec)


def cycle(qtbot, window: MainWindow, i: int) -> None:
    controller, session = window.controller, window.session
    session.start()
    history = controller.histories["numpy"]
    qtbot.waitUntil(lambda: len(history) > 0, timeout=HANG_GUARD_MS)
    controller.set_lr("numpy", 0.01 + (i % 7) * 0.01)  # live changes while it runs
    controller.set_speed(None if i % 3 else 5000.0)
    session.pause()
    if i % 2:
        session.step()
    session.reset()
    qtbot.waitUntil(lambda: controller.statuses["numpy"].state == "ready", timeout=HANG_GUARD_MS)


@pytest.mark.stress
@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="reads memory from /proc")
def test_hundreds_of_start_stop_reset_cycles_leak_nothing(qtbot) -> None:
    window = MainWindow(experiment=numpy_experiment(), preset=None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(
        lambda: window.controller.statuses.get("numpy") is not None, timeout=HANG_GUARD_MS
    )
    for i in range(WARM_UP):
        cycle(qtbot, window, i)
    gc.collect()
    threads, qthreads, memory = (
        threading.active_count(),
        window.controller.threads_running,
        rss_mb(),
    )
    for i in range(WARM_UP, CYCLES):
        cycle(qtbot, window, i)
    gc.collect()
    after = rss_mb()
    print(
        f"\nstress: {CYCLES} cycles; threads {threads} -> {threading.active_count()}; "
        f"training threads {qthreads} -> {window.controller.threads_running}; "
        f"RSS {memory:.0f} -> {after:.0f} MB"
    )
    assert threading.active_count() == threads
    assert window.controller.threads_running == qthreads == ["train-numpy"]
    assert after - memory < MEMORY_SLACK_MB
    window.close()
    assert window.shutdown() and window.controller.threads_running == []
