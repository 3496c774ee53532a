"""Instruments for the window benchmarks: event-loop gaps, plot repaints, waiting in line.

Used by ``bench.gui_load`` (a child process with the real window, offscreen). Waits here spin
a nested Qt event loop, so the window keeps drawing and the probes keep recording meanwhile.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

import numpy as np
from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

PROBE_MS = 2
"""The gap probe's timer interval: a gap beyond it is time the event loop could not serve."""


def run_for(seconds: float) -> None:
    """Let the event loop run for ``seconds``."""
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], guard_s: float = 300.0) -> float:
    """Run the event loop until ``condition()`` holds (checked every 5 ms); the seconds it took.

    ``guard_s`` only turns a hang into an error, it is no measurement limit."""
    start = time.perf_counter()
    loop = QEventLoop()
    poll = QTimer(interval=5)

    def check() -> None:
        if condition() or time.perf_counter() - start > guard_s:
            poll.stop()
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    if not condition():
        loop.exec()
    poll.stop()
    if not condition():
        raise TimeoutError(f"not reached within {guard_s:.0f} s")
    return time.perf_counter() - start


class FrameProbe(QObject):
    """Counts paint events of some views and records the intervals of a precise 2 ms timer."""

    def __init__(self, views: Iterable[QWidget]) -> None:
        super().__init__()
        self._views = list(views)
        for view in self._views:
            view.viewport().installEventFilter(self)
        self._paints = 0
        self._ticks: list[float] = []
        self._started = 0.0
        self._timer = QTimer(self, timerType=Qt.TimerType.PreciseTimer, interval=PROBE_MS)
        self._timer.timeout.connect(lambda: self._ticks.append(time.perf_counter()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._paints += 1
        return False

    def start(self) -> None:
        self._paints, self._ticks = 0, []
        self._started = time.perf_counter()
        self._timer.start()

    def stop(self) -> dict[str, float]:
        """frames_per_s (repaints per view per second), p99 and largest event-loop gap (ms)."""
        self._timer.stop()
        elapsed = time.perf_counter() - self._started
        gaps = np.diff(self._ticks) * 1000 if len(self._ticks) > 1 else np.array([elapsed * 1e3])
        return {
            "frames_per_s": self._paints / len(self._views) / elapsed,
            "gap_p99_ms": float(np.percentile(gaps, 99)),
            "gap_max_ms": float(gaps.max()),
            "seconds": elapsed,
        }
