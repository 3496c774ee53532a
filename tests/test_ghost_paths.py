"""Ghost runs: after a change and a new Start, the previous run's path stays faintly on the loss
surface until View → Clear ghost paths; new data (another surface) clears it."""

from __future__ import annotations

import numpy as np
import pytest
from guards import HANG_GUARD_MS
from gui_helpers import run_to_end, step_until, wait_drawn, wait_prepared
from overlay_helpers import close, numpy_window, type_into
from PySide6.QtCore import Qt

from app.main_window import MainWindow


@pytest.fixture
def win(qtbot):
    window = numpy_window(qtbot, steps=60)
    yield window
    close(qtbot, window)


def ghosts(window: MainWindow) -> list[tuple[np.ndarray, np.ndarray]]:
    return [item.getData() for item in window.plots.surface_view.overlay.ghosts]


def test_the_previous_run_stays_faintly_until_cleared(qtbot, win) -> None:
    wait_prepared(qtbot, win)
    assert ghosts(win) == []
    run_to_end(qtbot, win)
    first = [a.copy() for a in win.plots.surface_view.path_data("numpy")]
    type_into(qtbot, win.cards["numpy"].lr_edit, "0.5")  # a change, then Start again
    run_to_end(qtbot, win)
    second = win.plots.surface_view.path_data("numpy")
    assert not np.allclose(second[1], first[1])  # a different path on screen now
    ((w, b),) = ghosts(win)
    assert np.array_equal(w, first[0]) and np.array_equal(b, first[1])
    ghost = win.plots.surface_view.overlay.ghosts[0]
    assert ghost.isVisible() and ghost.opts["pen"].color().alphaF() < 0.5
    # Another run replaces the ghost with the run before it, not with both.
    win.step_action.trigger()  # Step after the end starts over: one update of a new run
    history = win.controller.histories["numpy"]
    qtbot.waitUntil(lambda: len(history) == 1, timeout=HANG_GUARD_MS)
    wait_drawn(qtbot, win)
    ((w, _b),) = ghosts(win)
    assert np.array_equal(w, second[0])
    assert win.view_actions.clear_ghosts_action in win.view_menu.actions()
    qtbot.keyClick(win, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert ghosts(win) == []
    assert len(win.plots.surface_view.path_data("numpy")[0]) > 0  # the run itself stays


def test_clear_ghost_paths_from_the_menu_action(qtbot, win) -> None:
    wait_prepared(qtbot, win)
    step_until(qtbot, win, "numpy", 3)
    win.reset_action.trigger()  # Reset: the interrupted run is the ghost of the next
    assert len(ghosts(win)) == 1
    win.view_actions.clear_ghosts_action.trigger()
    assert ghosts(win) == []


def test_new_data_clears_the_ghosts(qtbot, win) -> None:
    wait_prepared(qtbot, win)
    run_to_end(qtbot, win)
    win.reset_action.trigger()
    assert len(ghosts(win)) == 1
    with qtbot.waitSignal(win.session.rebuilt, timeout=HANG_GUARD_MS):
        type_into(qtbot, win.data_panel.intercept, "3")
    assert win.document.experiment.data.intercept == 3.0
    assert ghosts(win) == []  # the old path was on another surface
