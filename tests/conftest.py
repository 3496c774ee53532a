"""Test configuration: Qt offscreen, TensorFlow quiet, nothing touches the user's files."""

from __future__ import annotations

import os

# Before anything imports Qt or TensorFlow.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import pytest


@pytest.fixture
def window(qtbot):
    """The main window on the post's opening preset, not started; its threads checked at the end."""
    from app.main_window import MainWindow

    win = MainWindow(autostart=False)
    qtbot.addWidget(win)
    win.show()
    yield win
    from gui_helpers import close_and_check_threads

    close_and_check_threads(qtbot, win)


@pytest.fixture(autouse=True)
def _fresh_settings(tmp_path_factory, monkeypatch):
    """Never touch the user's settings, logs or desktop: all of it goes to a temporary folder."""
    from PySide6.QtCore import QSettings

    root = tmp_path_factory.mktemp("user")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(root / "config"))
    for name, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_DATA_HOME", "data"),
    ):
        monkeypatch.setenv(name, str(root / sub))
    yield root


def _hypothesis_without_deadlines() -> None:
    """Hypothesis's default 200 ms deadline per example is a timed assert: off everywhere."""
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "descent-lab", deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    settings.load_profile("descent-lab")


_hypothesis_without_deadlines()
