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
    win.close()
    assert win.shutdown()
    assert win.controller.threads_running == []
