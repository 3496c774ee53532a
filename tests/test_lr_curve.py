"""The learning rate drawn under the loss curve, and its changes marked on the paths.

Through what a user touches: the card's schedule, the learning-rate box, Step and Start, the
mouse wheel on the plots. The rates are checked against closed forms written here, and plateau
against its rule worked through here from the run's own losses. NumPy shows all of it.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from guards import HANG_GUARD_MS
from gui_helpers import run_to_end, step_until, wait_drawn, wait_prepared
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from app.main_window import MainWindow
from trainers import Init
from trainers.experiment import BackendSpec, Experiment
from trainers.lr_marks import LrMarks

LR = 0.1


@pytest.fixture
def numpy_window(qtbot):
    """The window with NumPy alone, from a known start, not started."""
    spec = BackendSpec("numpy", enabled=True, lr=LR, steps=40, init=Init.values(-1.0, 0.0))
    window = MainWindow(experiment=Experiment().with_backend(spec), preset=None, autostart=False)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    yield window
    window.close()
    assert window.shutdown()


def choose(qtbot, combo, value: str) -> None:
    """Pick ``value`` in a combo box with the keyboard."""
    assert combo.isEnabled() and combo.findData(value) >= 0
    combo.setFocus()
    while combo.currentData() != value:
        key = Qt.Key.Key_Down if combo.findData(value) > combo.currentIndex() else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def type_number(qtbot, box, value: float) -> None:
    """Select a number box's text, type ``value`` and press Enter."""
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, f"{value:g}")
    qtbot.keyClick(box, Qt.Key.Key_Return)


def set_schedule(qtbot, window, name: str, **numbers: float) -> None:
    """Choose a schedule in NumPy's card and type its values; wait for the run rebuilt on it."""
    card = window.cards["numpy"]
    choose(qtbot, card.editors["schedule"], name)
    for key, value in numbers.items():
        if key == "staircase":
            card.editors[key].setFocus()
            qtbot.keyClick(card.editors[key], Qt.Key.Key_Space)
        else:
            type_number(qtbot, card.editors[key].lineEdit(), value)
    wanted = {"schedule": name, **numbers}

    def rebuilt() -> None:
        config = window.controller.configs.get("numpy")
        assert config is not None and all(getattr(config, k) == v for k, v in wanted.items())

    qtbot.waitUntil(rebuilt, timeout=HANG_GUARD_MS)
    wait_prepared(qtbot, window)


def drawn_rate(window, steps: np.ndarray) -> np.ndarray:
    """The rate the drawn step-line shows at each of ``steps``: its last corner at or before."""
    x, log_rate = window.plots.loss_view.lr_plot.drawn_data("numpy")
    return 10 ** log_rate[np.searchsorted(x, steps, side="right") - 1]


def assert_marked(window, history, steps: list[int]) -> None:
    """Triangles at ``steps`` on the loss curve, and on the path at the (w, b) of each."""
    plots = window.plots
    assert plots.loss_view.marker_steps("numpy") == steps
    w, b = plots.surface_view.lr_mark_points("numpy")
    np.testing.assert_array_equal(w, history.w[steps])
    np.testing.assert_array_equal(b, history.b[steps])


def test_a_staircase_decay_chosen_in_the_card_is_drawn_and_each_step_marked(
    qtbot, numpy_window
) -> None:
    set_schedule(
        qtbot, numpy_window, "exponential", decay_steps=6.0, decay_rate=0.5, staircase=True
    )
    run_to_end(qtbot, numpy_window)
    history = numpy_window.controller.histories["numpy"]
    steps = np.arange(40)
    expected = LR * 0.5 ** np.floor(steps / 6)
    held_steps, held = numpy_window.plots.loss_view.lr_plot.rate_data("numpy")
    np.testing.assert_array_equal(held_steps, steps)
    np.testing.assert_allclose(held, expected, rtol=1e-12)
    np.testing.assert_allclose(drawn_rate(numpy_window, steps), expected, rtol=1e-12)
    assert numpy_window.plots.loss_view.lr_plot_shown
    assert_marked(numpy_window, history, [6, 12, 18, 24, 30, 36])


def test_a_live_change_in_a_smooth_decay_is_the_only_mark(qtbot, numpy_window) -> None:
    set_schedule(qtbot, numpy_window, "exponential", decay_steps=5.0, decay_rate=0.5)
    history = step_until(qtbot, numpy_window, "numpy", 7)
    box = numpy_window.cards["numpy"].lr_edit
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "0.03")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    step_until(qtbot, numpy_window, "numpy", 15)
    wait_drawn(qtbot, numpy_window)
    steps = np.arange(15)
    # The change sets the schedule's base from the next update on; the schedule counts on.
    expected = np.where(steps < 7, LR, 0.03) * 0.5 ** (steps / 5)
    np.testing.assert_allclose(numpy_window.plots.loss_view.lr_plot.rate_data("numpy")[1], expected)
    np.testing.assert_allclose(drawn_rate(numpy_window, steps), expected, rtol=1e-12)
    # Every update's rate differs from the one before; only the typed change is marked.
    assert np.all(np.diff(history.lr) != 0)
    assert_marked(numpy_window, history, [7])


def plateau_rates(losses: np.ndarray, lr: float, factor: float, patience: int, min_delta: float):
    """ReduceLROnPlateau's rule on the loss each update starts from (mode min, no cooldown,
    min_lr 0): the rate of each update."""
    best, wait, rates = math.inf, 0, []
    for loss in losses:
        rates.append(lr)
        if loss < best - min_delta:
            best, wait = loss, 0
        else:
            wait += 1
            if wait >= patience:
                lr, wait = lr * factor, 0
    return np.array(rates)


def test_plateau_reductions_are_drawn_and_marked(qtbot, numpy_window) -> None:
    set_schedule(qtbot, numpy_window, "plateau", factor=0.5, patience=2.0, min_delta=0.02)
    run_to_end(qtbot, numpy_window)
    history = numpy_window.controller.histories["numpy"]
    initial = numpy_window.controller.initials["numpy"]
    starts = np.concatenate([[initial.loss], history.loss[:-1]])  # each update's start
    expected = plateau_rates(starts, LR, 0.5, 2, 0.02)
    reductions = [int(k) for k in np.flatnonzero(np.diff(expected)) + 1]
    assert len(reductions) >= 3  # the run shows several
    np.testing.assert_allclose(numpy_window.plots.loss_view.lr_plot.rate_data("numpy")[1], expected)
    np.testing.assert_allclose(drawn_rate(numpy_window, np.arange(40)), expected, rtol=1e-12)
    assert_marked(numpy_window, history, reductions)


def wheel(view, at: QPointF, clicks: int) -> None:
    """Turn the mouse wheel over the scene point ``at`` of a plot (up: zoom in)."""
    pos = QPointF(view.mapFromScene(at))
    event = QWheelEvent(
        pos,
        QPointF(view.mapToGlobal(pos.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * clicks),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def test_zooming_either_plot_zooms_the_other_along_the_updates(qtbot, numpy_window) -> None:
    wait_prepared(qtbot, numpy_window)
    run_to_end(qtbot, numpy_window)
    view = numpy_window.plots.loss_view
    loss_box, lr_box = view.getPlotItem().getViewBox(), view.lr_plot.getViewBox()
    before = loss_box.viewRange()[0]
    wheel(view, lr_box.sceneBoundingRect().center(), 3)
    zoomed = lr_box.viewRange()[0]
    assert zoomed[1] - zoomed[0] < 0.9 * (before[1] - before[0])
    assert loss_box.viewRange()[0] == pytest.approx(zoomed)
    wheel(view, loss_box.sceneBoundingRect().center(), -6)
    out = loss_box.viewRange()[0]
    assert out[1] - out[0] > 1.1 * (zoomed[1] - zoomed[0])
    assert lr_box.viewRange()[0] == pytest.approx(out)


def test_a_short_loss_view_shows_the_loss_alone_with_its_own_update_axis(qtbot) -> None:
    from widgets.loss_view import LR_MIN_VIEW_HEIGHT, LossView

    view = LossView()
    qtbot.addWidget(view)
    view.resize(500, LR_MIN_VIEW_HEIGHT + 100)
    view.show()
    qtbot.waitExposed(view)
    plot = view.getPlotItem()
    assert view.lr_plot_shown and view.lr_plot.isVisible()
    assert not plot.getAxis("bottom").isVisible()  # drawn once, under the rates
    assert view.lr_plot.getViewBox().height() > 0.2 * view.height()
    view.resize(500, LR_MIN_VIEW_HEIGHT - 20)
    qtbot.waitUntil(lambda: not view.lr_plot_shown, timeout=HANG_GUARD_MS)
    assert not view.lr_plot.isVisible() and plot.getAxis("bottom").isVisible()


def test_only_discrete_changes_are_marked_as_a_run_grows() -> None:
    """The rule, chunk by chunk: each smooth schedule's decay unmarked, a base change marked."""
    from trainers.lr_schedules import numpy_rate

    smooth = {
        "exponential": {"decay_steps": 10, "decay_rate": 0.5, "staircase": False},
        "inverse_time": {"decay_steps": 3, "decay_rate": 2.0, "staircase": False},
        "cosine": {"decay_steps": 250, "alpha": 0.0},
    }
    for name, values in smooth.items():
        rates = np.array(
            [numpy_rate(name, values, LR if k < 120 else 3 * LR, k) for k in range(300)]
        )
        for series in (rates, rates.astype(np.float32)):
            marks = LrMarks(smooth=True)
            for end in (1, 2, 3, 50, 121, 122, 300):
                found = marks.update(series[:end])
            assert found == [120], name
    stairs = np.array(
        [
            numpy_rate("exponential", smooth["exponential"] | {"staircase": True}, LR, k)
            for k in range(35)
        ]
    )
    assert LrMarks().update(stairs) == [10, 20, 30]


def test_the_rate_plot_follows_the_theme_and_the_language(qtbot, numpy_window) -> None:
    from widgets.plot_theme import THEMES

    wait_prepared(qtbot, numpy_window)
    lr_plot = numpy_window.plots.loss_view.lr_plot
    assert lr_plot.getAxis("left").labelText == "learning rate"
    # Its name is the axis's title, beside the plot: no rate can be drawn under it.
    label = lr_plot.getAxis("left").label
    assert label.isVisible()
    assert not label.sceneBoundingRect().intersects(lr_plot.getViewBox().sceneBoundingRect())
    for theme in ("dark", "light"):
        numpy_window.view_actions.theme_actions[theme].trigger()
        palette = THEMES[theme]
        for side in ("left", "bottom"):
            assert lr_plot.getAxis(side).textPen().color().name() == palette.foreground
    numpy_window.view_actions.language_actions["zh_CN"].trigger()
    try:
        assert lr_plot.getAxis("left").labelText == "学习率"
        assert lr_plot.getAxis("bottom").labelText == "更新次数"
    finally:
        numpy_window.view_actions.language_actions["en"].trigger()
    assert lr_plot.getAxis("left").labelText == "learning rate"


def labelled_ticks(plot) -> list[float]:
    """Where the left axis of ``plot`` writes a label: fractions of its height from the bottom."""
    axis = plot.getAxis("left")
    lo, hi = plot.getViewBox().viewRange()[1]
    levels = axis.tickValues(lo, hi, axis.height())
    return [(v - lo) / (hi - lo) for _, values in levels for v in values if lo <= v <= hi]


def test_the_empty_plots_show_the_run_s_length_and_labels_that_keep_apart(
    qtbot, numpy_window
) -> None:
    wait_prepared(qtbot, numpy_window)
    view = numpy_window.plots.loss_view
    loss_plot, lr_plot = view.getPlotItem(), view.lr_plot
    # The update axis spans the run to come (40 updates), not pyqtgraph's 0…1.
    assert loss_plot.getViewBox().viewRange()[0] == pytest.approx([0, 40])
    assert lr_plot.getViewBox().viewRange()[0] == pytest.approx([0, 40])
    # Each plot labels two decades, none at an edge: the loss's lowest label and the
    # rate's highest, where the plots meet, cannot overlap.
    for plot in (loss_plot, lr_plot):
        ticks = labelled_ticks(plot)
        lo, hi = plot.getViewBox().viewRange()[1]
        assert len(ticks) >= 2 and all(0.1 < v < 0.9 for v in ticks), (lo, hi, ticks)
    # The first update: both plots fit the curves again.
    history = step_until(qtbot, numpy_window, "numpy", 1)
    wait_drawn(qtbot, numpy_window)
    loss = math.log10(history.loss[0])
    qtbot.waitUntil(lambda: loss_plot.getViewBox().autoRangeEnabled()[1], timeout=HANG_GUARD_MS)

    def centred() -> None:  # pyqtgraph applies an auto range on its next update, not at once
        lo, hi = loss_plot.getViewBox().viewRange()[1]
        assert (lo + hi) / 2 == pytest.approx(loss)  # one point: pyqtgraph centres on it

    qtbot.waitUntil(centred, timeout=HANG_GUARD_MS)
    assert lr_plot.getViewBox().autoRangeEnabled()[1]


def test_every_plot_s_left_axis_title_keeps_off_the_splitter_beside_it(qtbot, numpy_window) -> None:
    wait_prepared(qtbot, numpy_window)
    plots = numpy_window.plots
    loss = plots.loss_view
    items = [
        (plots.fit_view, plots.fit_view.getPlotItem()),
        (plots.surface_view, plots.surface_view.getPlotItem()),
        (loss, loss.getPlotItem()),
        (loss, loss.lr_plot),
    ]
    for view, plot in items:
        label = plot.getAxis("left").label
        assert label.isVisible() and label.toPlainText()
        # The title starts inside the widget; its glyphs after the text item's own margin
        # (4 px), clear of the splitter handle's dots beside it (pyqtgraph puts the title
        # 5 px left of its axis: -4 px, clipped, before).
        margin = label.document().documentMargin()
        text = label.mapRectToScene(label.boundingRect())
        left = view.mapFromScene(text.topLeft()).x()
        assert left >= 0 and left + margin >= 4, (plot, left)
