"""The theory on the loss surface, through what users touch: the bowl's axes through the
optimum along the Hessian's eigenvectors, each backend's predicted path (dotted) that the run
then follows, and the note where no exact prediction exists."""

from __future__ import annotations

import numpy as np
import pytest
from guards import HANG_GUARD_MS
from gui_helpers import run_to_end, step_until, wait_prepared
from overlay_helpers import (
    close,
    gd_loop,
    hessian_eigen,
    numpy_window,
    optimum,
    type_into,
)
from PySide6.QtCore import Qt

from app.main_window import MainWindow
from app.settings import AppSettings


@pytest.fixture
def win(qtbot):
    window = numpy_window(qtbot)
    yield window
    close(qtbot, window)


def axes_match_the_data(window: MainWindow) -> None:
    """Both axes pass through the least-squares optimum along the Hessian's eigenvectors,
    steep first, labelled with their curvatures (raises AssertionError otherwise)."""
    data = window.document.data
    best = optimum(data.x, data.y)
    values, vectors = hessian_eigen(data.x)
    overlay = window.plots.surface_view.overlay
    for axis, label, i in zip(overlay.axes, overlay.axis_labels, (1, 0), strict=True):
        w, b = axis.getData()
        assert w is not None and len(w) == 2
        ends = np.column_stack([w, b])
        direction = (ends[1] - ends[0]) / np.hypot(*(ends[1] - ends[0]))
        assert abs(abs(direction @ vectors[:, i]) - 1.0) < 1e-9
        off = ends[0] - best  # the optimum lies on the line: no part across it
        assert abs(off[0] * direction[1] - off[1] * direction[0]) < 1e-9
        assert f"{values[i]:.3g}" in label.toPlainText() and label.isVisible()


def test_the_axes_pass_through_the_optimum_and_move_with_the_data(qtbot, win) -> None:
    axes_match_the_data(win)
    before = win.plots.surface_view.overlay.axes[0].getData()[0].copy()
    box = win.data_panel.slope
    with qtbot.waitSignal(win.session.rebuilt, timeout=HANG_GUARD_MS):  # the new surface
        type_into(qtbot, box, "2")
    assert win.document.experiment.data.slope == 2.0
    axes_match_the_data(win)
    box = win.data_panel.n
    with qtbot.waitSignal(win.session.rebuilt, timeout=HANG_GUARD_MS):
        type_into(qtbot, box, "7")
    assert win.document.data.n == 7
    axes_match_the_data(win)
    assert not np.allclose(win.plots.surface_view.overlay.axes[0].getData()[0], before)


def test_the_predicted_path_is_gradient_descent_at_the_cards_rate(qtbot, win) -> None:
    overlay = win.plots.surface_view.overlay
    data = win.document.data
    # Before anything ran: the card's start (0, 0) and the post's rate 0.1, 1001 updates.
    assert len(win.controller.histories["numpy"]) == 0
    w, b = overlay.predicted_data("numpy")
    expected = gd_loop(data.x, data.y, 0.0, 0.0, 0.1, 1001)
    assert len(w) == 1002 and np.max(np.abs(w - expected[0])) < 1e-9
    assert np.max(np.abs(b - expected[1])) < 1e-9
    type_into(qtbot, win.cards["numpy"].lr_edit, "0.45")
    assert win.document.experiment.backends["numpy"].lr == 0.45
    w, b = overlay.predicted_data("numpy")
    expected = gd_loop(data.x, data.y, 0.0, 0.0, 0.45, 1001)
    assert np.max(np.abs(w - expected[0])) < 1e-9 and np.max(np.abs(b - expected[1])) < 1e-9
    assert overlay.note_text() == ""
    # The run then follows it.
    wait_prepared(qtbot, win)
    run_to_end(qtbot, win)
    real_w, real_b = win.plots.surface_view.path_data("numpy")
    assert len(real_w) == len(w)
    assert np.max(np.abs(real_w - w)) < 1e-9 and np.max(np.abs(real_b - b)) < 1e-9


def test_the_predicted_path_shows_before_tensorflow_has_loaded(qtbot) -> None:
    """The opening window: TensorFlow's path at once; Keras's random start is awaited."""
    window = MainWindow(autostart=False)
    qtbot.addWidget(window)
    seen = {}

    def painted() -> None:  # emitted before the frameworks are allowed to load
        seen["statuses"] = {n: s.state for n, s in window.controller.statuses.items()}
        seen["tf"] = window.plots.surface_view.overlay.predicted_data("tf")
        seen["note"] = window.plots.surface_view.overlay.note_text()

    window.plots_painted.connect(painted)
    window.show()
    try:
        qtbot.waitUntil(lambda: "tf" in seen, timeout=HANG_GUARD_MS)
        assert set(seen["statuses"].values()) == {"loading"}
        data = window.document.data
        expected = gd_loop(data.x, data.y, 0.0, 0.0, 0.1, 1001)
        assert np.max(np.abs(seen["tf"][0] - expected[0])) < 1e-9
        assert np.max(np.abs(seen["tf"][1] - expected[1])) < 1e-9
        assert seen["note"] == "Keras train_on_batch: predicted once Keras has built its model"
        # Once Keras has drawn its start, its path is predicted from there.
        wait_prepared(qtbot, window)
        start = window.controller.initials["keras"]
        w, b = window.plots.surface_view.overlay.predicted_data("keras")
        expected = gd_loop(data.x, data.y, start.w, start.b, start.lr, 1001)
        assert np.max(np.abs(w - expected[0])) < 1e-9 and np.max(np.abs(b - expected[1])) < 1e-9
        assert window.plots.surface_view.overlay.note_text() == ""
    finally:
        close(qtbot, window)


def test_an_adaptive_optimizer_replaces_the_path_with_the_reason(qtbot, win) -> None:
    overlay = win.plots.surface_view.overlay
    assert len(overlay.predicted_data("numpy")[0]) == 1002
    combo = win.cards["numpy"].editors["optimizer"]
    combo.setFocus()
    while combo.currentData() != "adam":
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert win.document.experiment.backends["numpy"].optimizer == "adam"
    assert len(overlay.predicted_data("numpy")[0]) == 0
    assert overlay.note_text() == "NumPy: no exact prediction for adam" and overlay.note.isVisible()
    assert "an adaptive optimizer scales each step" in overlay.note.toolTip()


def test_a_rate_changed_during_the_run_keeps_the_path_and_says_so(qtbot, win) -> None:
    overlay = win.plots.surface_view.overlay
    wait_prepared(qtbot, win)
    planned = overlay.predicted_data("numpy")
    step_until(qtbot, win, "numpy", 3)
    type_into(qtbot, win.cards["numpy"].lr_edit, "0.02")
    kept = overlay.predicted_data("numpy")
    assert np.array_equal(kept[0], planned[0]) and np.array_equal(kept[1], planned[1])
    note = "NumPy: no exact prediction once the learning rate is changed during the run"
    assert overlay.note_text() == note
    win.reset_action.trigger()  # a fresh run starts at the new rate: predicted exactly again
    data = win.document.data
    expected = gd_loop(data.x, data.y, 0.0, 0.0, 0.02, 1001)
    w, _b = overlay.predicted_data("numpy")
    assert np.max(np.abs(w - expected[0])) < 1e-9 and overlay.note_text() == ""


def test_the_view_menu_hides_the_theory_and_remembers(qtbot, win) -> None:
    overlay = win.plots.surface_view.overlay
    action = win.view_actions.theory_action
    assert action.isChecked() and action in win.view_menu.actions()
    action.trigger()
    assert not any(item.isVisible() for item in (*overlay.axes, *overlay.axis_labels))
    assert not overlay.predicted["numpy"].isVisible()
    assert AppSettings().theory_overlay is False
    type_into(qtbot, win.cards["numpy"].lr_edit, "0.2")  # a redraw keeps it hidden
    assert not overlay.predicted["numpy"].isVisible()
    action.trigger()
    assert overlay.predicted["numpy"].isVisible() and overlay.axes[0].isVisible()
    assert AppSettings().theory_overlay is True
