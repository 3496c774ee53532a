"""Hostile files and data in the window: read off the GUI thread (which keeps running), with
progress and Cancel; refused files leave the data as it was; a remembered file that fails at
start-up is reported once and forgotten; huge values never reach a view it cannot draw."""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from pathlib import Path

import numpy as np
from guards import HANG_GUARD_MS
from gui_helpers import wait_drawn, wait_loaded
from PySide6.QtCore import QTimer

from app.launcher import forget_remembered
from app.main_window import MainWindow
from app.settings import AppSettings
from trainers.experiment import DataSpec, Experiment
from trainers.formats import csv_data


def write_points(path: Path, n: int, slope: float = 2.0, scale: float = 1.0) -> Path:
    x = np.linspace(-1, 1, n) * scale
    np.savetxt(
        path, np.column_stack([x, slope * x + scale]), delimiter=",", header="x,y", comments=""
    )
    return path


def test_a_fifo_is_refused_at_once_and_the_data_kept(window, tmp_path) -> None:
    before = window.document.data
    fifo = tmp_path / "points.csv"
    os.mkfifo(fifo)
    assert not window.document.load_csv(str(fifo))
    assert window.document.data is before and not window.document.loading
    assert "FIFO" in window.data_panel.error.text()


def test_the_window_keeps_running_while_a_file_is_parsed_then_cancel_drops_it(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    path = write_points(tmp_path / "big.csv", 5000)
    gui_ran, parsing = threading.Event(), threading.Event()
    real_block = csv_data._BlockReader.block

    def block(self, *args):
        parsing.set()
        # Parsing goes on only once the GUI thread has run a timer: if reading blocked the
        # event loop, this would wait for ever (and the hang guard would fail the test).
        gui_ran.wait(HANG_GUARD_MS / 1000)
        return real_block(self, *args)

    monkeypatch.setattr(csv_data._BlockReader, "block", block)
    before = window.document.data
    assert window.document.load_csv(str(path))
    qtbot.waitUntil(parsing.is_set, timeout=HANG_GUARD_MS)
    QTimer.singleShot(0, gui_ran.set)  # runs only if the event loop is free
    qtbot.waitUntil(gui_ran.is_set, timeout=HANG_GUARD_MS)
    wait_loaded(qtbot, window.document)
    assert window.document.data.n == 5000 and window.document.data is not before

    # Cancel: the load is dropped, nothing changes, nothing is reported as failed.
    gui_ran.clear()
    parsing.clear()
    failed: list[str] = []
    window.document.data_failed.connect(failed.append)
    loaded = window.document.data
    assert window.document.load_csv(str(write_points(tmp_path / "other.csv", 300)))
    qtbot.waitUntil(parsing.is_set, timeout=HANG_GUARD_MS)
    window.load_progress.cancel_button.click()
    assert not window.document.loading
    gui_ran.set()
    qtbot.waitUntil(lambda: not window.document.loader._thread.is_alive(), timeout=HANG_GUARD_MS)
    qtbot.wait(0)  # any result it might have sent is delivered (and must be ignored)
    assert window.document.data is loaded and failed == []


def test_progress_is_shown_for_a_long_read(window, qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(csv_data, "BLOCK", 256)
    seen: list[tuple[int, int]] = []
    window.document.loader.progressed.connect(lambda done, total: seen.append((done, total)))
    assert window.document.load_csv(str(write_points(tmp_path / "p.csv", 2000)))
    wait_loaded(qtbot, window.document)
    assert len(seen) > 10 and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_remembered_file_that_fails_at_start_up_is_reported_and_forgotten(
    qtbot, tmp_path
) -> None:
    csv_path = write_points(tmp_path / "gone.csv", 20)
    settings = AppSettings()
    experiment = replace(Experiment(), data=DataSpec("csv", path=str(csv_path)))
    from trainers import load_csv

    settings.set_experiment(experiment, load_csv(csv_path))
    csv_path.unlink()
    os.mkfifo(csv_path)  # now a FIFO: reading it would once have frozen the start-up
    remembered = settings.experiment()
    assert remembered is not None and remembered.data.path == str(csv_path)
    win = MainWindow(experiment=remembered, preset=None, settings=settings)
    qtbot.addWidget(win)
    win.document.start_data_failed.connect(lambda why: forget_remembered(win, why))
    win.show()
    qtbot.waitUntil(lambda: settings.experiment() is None, timeout=HANG_GUARD_MS)
    title, detail = win.notices.last
    assert "last session" in title and "FIFO" in detail
    assert win.document.experiment.data.kind == "synthetic"
    win.close()
    assert win.shutdown()


def test_huge_values_are_drawn_or_refused_never_crash_a_view(window, qtbot, tmp_path) -> None:
    huge = write_points(tmp_path / "huge.csv", 40, slope=-1.0, scale=1e149)
    assert window.document.load_csv(str(huge))
    wait_loaded(qtbot, window.document)
    assert window.document.data.n == 40
    statuses = window.controller.statuses  # the opening preset: TensorFlow and Keras
    qtbot.waitUntil(
        lambda: statuses and all(s.state == "error" for s in statuses.values()),
        timeout=HANG_GUARD_MS,
    )
    assert all("float32" in str(s.error) for s in statuses.values())
    wait_drawn(qtbot, window)  # the data and the loss surface, at 1e149
    window.document.apply_preset("aligned")  # NumPy trains on them
    qtbot.waitUntil(lambda: "numpy" in statuses, timeout=HANG_GUARD_MS)
    with qtbot.waitSignal(window.controller.run_finished, timeout=HANG_GUARD_MS):
        window.start_action.trigger()
    assert statuses["numpy"].state in ("finished", "diverged")
    wait_drawn(qtbot, window)
    too_big = tmp_path / "too_big.csv"
    too_big.write_text("x,y\n0,1e308\n1,-1e308\n")
    assert window.document.load_csv(str(too_big))
    wait_loaded(qtbot, window.document)
    assert "too large" in window.data_panel.error.text()
    assert window.document.data.n == 40
