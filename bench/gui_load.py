"""The GUI thread while all five backends train flat out: its worst gaps and its frame rate.

Run as a child (``python -m bench.gui_load SECONDS``): it opens the real window offscreen on
the "all five aligned" preset with a million updates each (NumPy on its per-point loop engine,
so that it is still running when measured), starts it, waits until every
backend is running, then for SECONDS records (a) the interval between firings of a 2 ms
precise timer — a gap there is time the event loop could not serve the user — and (b) paint
events of the four plots. Prints one JSON object.
"""

from __future__ import annotations

import json
import sys
import time

import numpy as np

UPDATES = 1_000_000


def main(seconds: float) -> None:
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from app.main_window import MainWindow
    from app.malloc_tuning import limit_malloc_arenas

    limit_malloc_arenas()  # as the launcher does

    sys.setswitchinterval(0.001)  # as the launcher does
    app = QApplication(sys.argv[:1])
    window = MainWindow(preset="aligned")
    for card in window.cards.values():
        card.steps.setValue(UPDATES)
        card.epochs.setValue(UPDATES)
    window.cards["numpy"].engine.setCurrentIndex(window.cards["numpy"].engine.findData("stepwise"))
    window.session.reset()
    window.resize(1440, 900)
    window.show()

    paints = {"count": 0}

    class PaintCounter(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                paints["count"] += 1
            return False

    counter = PaintCounter()
    views = window.plots.views()
    for view in views:
        view.viewport().installEventFilter(counter)

    ticks: list[float] = []
    probe = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=2)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    result: dict[str, float] = {}
    phase = {"started": 0.0}

    def poll() -> None:
        statuses = window.controller.statuses
        if not phase["started"]:
            if statuses and all(s.state == "ready" for s in statuses.values()):
                window.session.start()
            if (
                statuses
                and all(s.state == "running" for s in statuses.values())
                and all(len(h) > 0 for h in window.controller.histories.values())
            ):
                phase["started"] = time.perf_counter()
                paints["count"] = 0
                ticks.clear()
                probe.start()
                totals["start"] = {n: len(h) for n, h in window.controller.histories.items()}
                phase["cpu"] = time.thread_time()
            QTimer.singleShot(20, poll)
            return
        elapsed = time.perf_counter() - phase["started"]
        if elapsed < seconds:
            QTimer.singleShot(50, poll)
            return
        probe.stop()
        gaps = np.diff(ticks) * 1000
        result["gui_stall_ms"] = float(np.percentile(gaps, 99))
        result["gui_max_gap_ms"] = float(gaps.max())
        result["frames_per_s"] = paints["count"] / len(views) / elapsed
        result["gui_thread_cpu_share"] = (time.thread_time() - phase["cpu"]) / elapsed
        result["updates_per_s_under_load"] = {
            n: (len(h) - totals["start"][n]) / elapsed
            for n, h in window.controller.histories.items()
        }
        window.close()
        app.quit()

    totals: dict[str, dict[str, int]] = {}
    QTimer.singleShot(0, poll)
    QTimer.singleShot(300_000, app.quit)
    app.exec()
    print(json.dumps(result))


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 8.0)
