"""Saves and exports check that they wrote, and say so when they did not: a full disk, a
read-only folder (simulated: we run as root, and never point a test at a real device), a target
that is not a regular file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from trainers.formats import atomic_write


def no_space(*args: object) -> int:
    raise OSError(errno.ENOSPC, "No space left on device")


def only(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_plot_png_that_qt_did_not_write_is_reported(window, tmp_path, monkeypatch) -> None:
    import app.exports

    # Qt's image writer in a read-only folder: it simply writes nothing.
    monkeypatch.setattr(app.exports, "_render_png", lambda view, path: None)
    assert window.file_actions.save_plot("fit_view", tmp_path / "fit.png") is None
    title, detail = window.notices.last
    assert "Could not save" in title and "nothing was written" in detail
    assert only(tmp_path) == []


def test_a_truncated_svg_is_reported_and_the_old_file_kept(window, tmp_path, monkeypatch) -> None:
    import app.exports

    old = tmp_path / "loss.svg"
    old.write_text("<svg>old</svg>")
    monkeypatch.setattr(app.exports, "_render_svg", lambda view, path: path.write_text("<svg"))
    assert window.file_actions.save_plot("loss_view", old) is None
    assert "nothing was written" in window.notices.last[1]
    assert old.read_text() == "<svg>old</svg>" and only(tmp_path) == ["loss.svg"]
    monkeypatch.undo()
    assert window.file_actions.save_plot("loss_view", old) == old  # and a real one works
    assert old.read_text().rstrip().endswith("</svg>")


@pytest.mark.parametrize("export", ["save_history_csv", "save_printout_csv", "save_window_png"])
def test_a_full_disk_is_reported(window, tmp_path, monkeypatch, export: str) -> None:
    if export == "save_window_png":
        monkeypatch.setattr(atomic_write.os, "replace", no_space)  # Qt wrote; the rename fails
    else:
        monkeypatch.setattr(atomic_write.os, "write", no_space)
    target = tmp_path / "out.file"
    assert getattr(window.file_actions, export)(target) is None
    assert "No space left on device" in window.notices.last[1]
    assert only(tmp_path) == []


def test_saving_onto_something_not_a_regular_file_is_refused(window, tmp_path) -> None:
    fifo = tmp_path / "experiment.json"  # stands in for a device node
    os.mkfifo(fifo)
    assert not window.file_actions.save_experiment_as(fifo)
    assert "not a regular file" in window.notices.last[1]
    assert window.file_actions.save_history_csv(fifo) is None
    (tmp_path / "folder.png").mkdir()
    assert window.file_actions.save_plot("fit_view", tmp_path / "folder.png") is None
    assert "not a regular file" in window.notices.last[1]
    assert fifo.is_fifo() and only(tmp_path) == ["experiment.json", "folder.png"]


def test_a_settings_folder_that_cannot_be_written_is_said_once(qtbot, tmp_path, caplog) -> None:
    """Root ignores chmod, so the folder sits under a regular file: it can never be made."""
    from PySide6.QtCore import QSettings

    from app.main_window import MainWindow
    from app.settings import AppSettings

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(blocker / "config")
    )
    settings = AppSettings()
    win = MainWindow(autostart=False, settings=settings)
    qtbot.addWidget(win)
    said = win.notices.last[0]
    assert "cannot be saved" in said and str(blocker) in said
    assert win.status.message.text() == said
    assert any("cannot be written" in r.getMessage() for r in caplog.records)
    win.notices.last = ("", "")
    caplog.clear()
    settings.theme = "dark"
    assert settings.sync() is None  # said once, not at every save
    assert settings.qsettings.status() == QSettings.Status.AccessError
    win.close()
    assert win.shutdown()
    assert not any("cannot be written" in r.getMessage() for r in caplog.records)


def test_a_writable_settings_folder_says_nothing(window) -> None:
    assert window.settings.unwritable() is None
    window.settings.theme = "light"
    assert window.settings.sync() is None
    assert window.notices.last == ("", "")
