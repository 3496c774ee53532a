"""The real app, closed while a training thread is stuck for good, still exits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from guards import SUBPROCESS_GUARD_S

TESTS = Path(__file__).parent
ROOT = TESTS.parent
CHILD = """
import sys
import stuck_app
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app.launcher import exit_even_if_stuck
app = QApplication([])
from dataclasses import replace
from app.main_window import MainWindow
from trainers.experiment import Experiment
experiment = Experiment()
experiment = experiment.with_backend(replace(experiment.backends["numpy"], enabled=True))
window = MainWindow(experiment=experiment, preset=None)
window.show()
def check():  # a condition checked on the GUI thread, not a timed wait
    if stuck_app.entered.is_set():
        window.close()
    else:
        QTimer.singleShot(20, check)
check()
status = app.exec()
exit_even_if_stuck(status)  # what python -m app does after its event loop
sys.exit(status)
"""


def test_closing_with_a_thread_stuck_for_good_exits_cleanly(tmp_path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(TESTS), str(ROOT)]),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=SUBPROCESS_GUARD_S,
        env=env,
    )
    assert "stuck in a framework call" in result.stdout  # the thread really was stuck
    assert result.returncode == 0, result.stderr
    for fatal in ("Aborted", "QThread: Destroyed while thread", "Fatal", "Traceback"):
        assert fatal not in result.stderr, result.stderr
    assert "exiting without waiting for: train-numpy" in result.stderr  # said in the log
