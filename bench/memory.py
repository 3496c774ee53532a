"""Resident memory growth over many start/stop cycles of all five backends.

Run as a child (``python -m bench.memory CYCLES``): the real window on the "all five aligned"
preset, each cycle Reset (which stops every worker and builds five new models) then Start,
until every backend has made some updates. RSS is read after a few warm-up cycles and again
at the end. Prints one JSON object.
"""

from __future__ import annotations

import json
import sys

WARM_UP = 5


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def main(cycles: int) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.main_window import MainWindow
    from app.malloc_tuning import limit_malloc_arenas

    limit_malloc_arenas()  # as the launcher does

    app = QApplication(sys.argv[:1])
    window = MainWindow(preset="aligned")
    window.remember_on_close = False
    window.show()
    state = {"cycle": 0, "started": False, "baseline": 0.0}
    result: dict[str, float] = {}

    def poll() -> None:
        statuses = window.controller.statuses
        histories = window.controller.histories
        if not state["started"]:
            if statuses and all(s.state == "ready" for s in statuses.values()):
                window.session.start()
                state["started"] = True
        elif all(len(h) >= 10 for h in histories.values()):
            state["cycle"] += 1
            if "--trace" in sys.argv and state["cycle"] % 25 == 0:
                print("cycle", state["cycle"], f"{rss_mb():.1f} MB", flush=True)
            if state["cycle"] == WARM_UP:
                state["baseline"] = rss_mb()
            if state["cycle"] >= cycles + WARM_UP:
                result["rss_growth_mb"] = rss_mb() - state["baseline"]
                result["rss_mb"] = rss_mb()
                result["cycles"] = cycles
                window.close()
                app.quit()
                return
            window.session.reset()
            state["started"] = False
        QTimer.singleShot(5, poll)

    QTimer.singleShot(0, poll)
    app.exec()
    print(json.dumps(result))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
