"""Time to a painted window (ours and a bare Qt one), TensorFlow's import, and time to the
first TensorFlow update drawn."""

from __future__ import annotations

from bench.procs import median, timed_launch
from bench.profiles import Profile

# A bare PySide6 + pyqtgraph window, timed the same way as the app: launch to first paint.
QT_FLOOR = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(pg.PlotWidget())
window.resize(1440, 900)


def painted():
    print(f"probe first-paint {time.time():.6f}", flush=True)
    app.quit()


class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Expose and obj.isExposed():
            obj.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False


window.show()
watch = Watch()
window.windowHandle().installEventFilter(watch)
app.exec()
"""

TF_IMPORT = """
import os, time
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
start = time.time()
import tensorflow, keras
print(f"probe imported {time.time():.6f}", flush=True)
print(f"probe started {start:.6f}", flush=True)
"""


def measure(profile: Profile) -> dict[str, float]:
    """window_s and qt_floor_s (median of ``profile.launches``, interleaved), plots_s (the
    window again with its plots drawn), tf_import_s, ready_s."""
    window, floor, plots = [], [], []
    for _ in range(profile.launches):
        window.append(timed_launch(["-m", "app", "--probe", "first-paint"], "probe"))
        floor.append(timed_launch(["-c", QT_FLOOR], "probe"))
        plots.append(timed_launch(["-m", "app", "--probe", "plots"], "probe"))
    imports, ready = [], []
    for _ in range(profile.imports):
        imports.append(_import_seconds())
        ready.append(timed_launch(["-m", "app", "--probe", "ready"], "probe"))
    return {
        "window_s": median(window),
        "qt_floor_s": median(floor),
        "plots_s": median(plots),
        "tf_import_s": median(imports),
        "ready_s": median(ready),
    }


def _import_seconds() -> float:
    import subprocess
    import sys

    from bench.procs import ROOT, child_env

    out = subprocess.run(
        [sys.executable, "-c", TF_IMPORT],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=child_env(),
        timeout=300,
    ).stdout
    stamps = dict(line.split()[1:] for line in out.splitlines() if line.startswith("probe "))
    return float(stamps["imported"]) - float(stamps["started"])
