"""The critical and optimal learning rates marked on each card's slider, and the warning the
card shows before a run diverges: where the marks sit, that they follow the data and the
momentum, that typing, sliding or clicking past the critical rate warns, and that the warning
tells the truth (the NumPy run diverges just above the mark and converges just below)."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from guards import HANG_GUARD_MS
from gui_helpers import close_and_check_threads, run_to_end
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionSlider

from app.main_window import MainWindow
from trainers import Init, synthetic
from trainers.experiment import BackendSpec, Experiment
from trainers.rate_marks import rate_marks
from widgets.backend_card import BackendCard
from widgets.lr_row import LR_MAX, LR_MIN
from widgets.status_entry import ERROR_COLORS

WIDE = 1200
"""Pixels of slider for 1000 positions: one pixel is less than one slider step."""


@pytest.fixture
def window(qtbot):
    """The window with only the NumPy backend (quick, no TensorFlow), from w = b = 0."""
    spec = BackendSpec("numpy", enabled=True, init=Init("zeros"), lr=0.1, steps=1001)
    experiment = Experiment()
    experiment = replace(
        experiment,
        backends={n: replace(s, enabled=False) for n, s in experiment.backends.items()},
    ).with_backend(spec)
    win = MainWindow(experiment, preset=None)
    qtbot.addWidget(win)
    win.show()
    yield win
    close_and_check_threads(qtbot, win)


def hessian_eigenvalues(window) -> np.ndarray:
    """The MSE's Hessian 2·[[E x², E x], [E x, 1]] from the data points, its eigenvalues."""
    x = np.asarray(window.document.data.x, dtype=np.float64)
    hessian = 2.0 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    return np.linalg.eigvalsh(hessian)


def critical(window, momentum: float = 0.0) -> float:
    """2/λmax for gradient descent, 2(1+β)/λmax for heavy-ball momentum β."""
    return 2.0 * (1.0 + momentum) / hessian_eigenvalues(window)[-1]


def optimal(window) -> float:
    lam = hessian_eigenvalues(window)
    return 2.0 / (lam[0] + lam[-1])


def position_of(slider, lr: float) -> float:
    """The slider position (0…maximum, unrounded) of ``lr`` on its logarithmic scale."""
    fraction = (math.log10(lr) - math.log10(LR_MIN)) / (math.log10(LR_MAX) - math.log10(LR_MIN))
    return fraction * slider.maximum()


def value_under(slider, x: float) -> int:
    """The slider value with the handle's centre at pixel ``x``: QSlider's own mapping of a
    mouse position (QSliderPrivate::pixelPosToRangeValue)."""
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    style = slider.style()
    cc, sc = QStyle.ComplexControl.CC_Slider, QStyle.SubControl
    groove = style.subControlRect(cc, option, sc.SC_SliderGroove, slider)
    handle = style.subControlRect(cc, option, sc.SC_SliderHandle, slider)
    span = groove.width() - handle.width()
    left = round(x - handle.width() / 2) - groove.x()
    return QStyle.sliderValueFromPosition(slider.minimum(), slider.maximum(), left, span)


def widen(qtbot, card) -> None:
    card.lr_slider.setMinimumWidth(WIDE)
    qtbot.waitUntil(lambda: card.lr_slider.width() >= WIDE, timeout=HANG_GUARD_MS)


def type_into(qtbot, box, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def type_lr(qtbot, card, lr: float) -> None:
    card.lr_edit.clear()
    type_into(qtbot, card.lr_edit, f"{lr:.6g}")


def assert_marks_where_the_slider_takes_them(card, critical_lr: float, optimal_lr: float):
    slider = card.lr_slider
    marks = slider.mark_positions()
    assert set(marks) == {"critical", "optimal"}
    for name, lr in (("critical", critical_lr), ("optimal", optimal_lr)):
        assert abs(value_under(slider, marks[name]) - position_of(slider, lr)) <= 1, name
    return marks


def test_the_marks_sit_where_the_slider_takes_the_critical_and_optimal_rates(qtbot, window) -> None:
    card = window.cards["numpy"]
    widen(qtbot, card)
    marks = assert_marks_where_the_slider_takes_them(card, critical(window), optimal(window))
    # A middle click puts the handle's centre under the mouse: at the mark, the box shows
    # the critical rate to within one slider step (a factor 10^(5/1000)).
    slider = card.lr_slider
    at_mark = QPoint(round(marks["critical"]), slider.height() // 2)
    qtbot.mouseClick(slider, Qt.MouseButton.MiddleButton, pos=at_mark)
    step = 10 ** ((math.log10(LR_MAX) - math.log10(LR_MIN)) / slider.maximum())
    assert abs(math.log(card.effective_lr / critical(window))) <= math.log(step)
    assert float(card.lr_edit.text()) == card.effective_lr
    tip = slider.toolTip()
    assert f"critical {critical(window):.3g} (diverges above)" in tip
    assert f"optimal {optimal(window):.3g}" in tip


def test_the_marks_follow_the_data_and_the_momentum(qtbot, window) -> None:
    card = window.cards["numpy"]
    widen(qtbot, card)
    before = assert_marks_where_the_slider_takes_them(card, critical(window), optimal(window))
    type_into(qtbot, window.data_panel.n, "5")
    qtbot.waitUntil(lambda: window.document.data.n == 5, timeout=HANG_GUARD_MS)
    moved = assert_marks_where_the_slider_takes_them(card, critical(window), optimal(window))
    assert abs(moved["critical"] - before["critical"]) > 5  # 0.771 → 0.878 on these points

    type_into(qtbot, card.editors["momentum"], "0.5")
    qtbot.waitUntil(
        lambda: window.document.experiment.backends["numpy"].momentum == 0.5, timeout=HANG_GUARD_MS
    )
    with_momentum = assert_marks_where_the_slider_takes_them(
        card, critical(window, 0.5), optimal(window)
    )
    assert with_momentum["critical"] > moved["critical"] + 5
    assert f"critical {critical(window, 0.5):.3g}" in card.lr_slider.toolTip()


def warning_shown(card) -> bool:
    return card.lr_warning.isVisibleTo(card) and card.lr_warning.text() != ""


def test_typing_past_the_critical_rate_warns_and_going_back_below_clears_it(qtbot, window) -> None:
    card = window.cards["numpy"]
    limit = critical(window)
    type_lr(qtbot, card, 1.001 * limit)
    assert warning_shown(card)
    assert card.lr_warning.text() == f"⚠ above the critical rate {limit:.3g}: this run will diverge"
    assert card.lr_warning.property("tone") == "error"
    assert "steepest direction" in card.lr_warning.toolTip()
    for theme in ("dark", "light"):  # in the error colour that reads on each theme
        window.view_actions.theme_actions[theme].trigger()
        qtbot.waitUntil(
            lambda t=theme: ERROR_COLORS[t] in card.lr_warning.styleSheet(), timeout=HANG_GUARD_MS
        )
    type_lr(qtbot, card, 0.999 * limit)
    assert card.lr_warning.property("tone") == ""
    assert "diverge" not in card.lr_warning.text()  # past the optimal rate: the milder note
    assert card.lr_warning.text() == f"oscillates: past the optimal rate {optimal(window):.3g}"
    type_lr(qtbot, card, 0.9 * optimal(window))
    assert not warning_shown(card)


def test_clicking_the_groove_past_the_mark_warns(qtbot, window) -> None:
    card = window.cards["numpy"]
    widen(qtbot, card)
    type_lr(qtbot, card, 0.9 * critical(window))
    assert not card.lr_warning.text().startswith("⚠")
    slider = card.lr_slider
    past = QPoint(round(slider.mark_positions()["critical"]) + 20, slider.height() // 2)
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=past)  # a page up the scale
    assert card.effective_lr > critical(window)
    assert window.document.experiment.backends["numpy"].lr == card.effective_lr
    assert warning_shown(card) and card.lr_warning.property("tone") == "error"


def test_an_adaptive_optimizer_hides_the_marks_and_the_warning(qtbot, window) -> None:
    card = window.cards["numpy"]
    type_lr(qtbot, card, 2 * critical(window))
    assert warning_shown(card) and set(card.lr_slider.mark_positions()) == {"critical", "optimal"}
    combo = card.editors["optimizer"]
    combo.setFocus()
    while combo.currentData() != "adam":
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.waitUntil(
        lambda: window.document.experiment.backends["numpy"].optimizer == "adam",
        timeout=HANG_GUARD_MS,
    )
    assert card.lr_slider.mark_positions() == {}
    assert not warning_shown(card)
    assert "plain and momentum SGD only" in card.lr_slider.toolTip()
    assert "adaptive optimizer" in card.lr_slider.toolTip()  # and why: the prediction's reason


@pytest.mark.parametrize("factor, diverges", [(1.01, True), (0.99, False)])
def test_the_warning_tells_the_truth(qtbot, window, factor: float, diverges: bool) -> None:
    card = window.cards["numpy"]
    lr = factor * critical(window)
    type_lr(qtbot, card, lr)
    assert (card.lr_warning.property("tone") == "error") == diverges
    assert card.lr_warning.text().startswith("⚠") == diverges
    run_to_end(qtbot, window)
    status = window.controller.statuses["numpy"]
    assert status.state == ("diverged" if diverges else "finished")
    history = window.controller.histories["numpy"]
    assert history.lr[0] == pytest.approx(lr, rel=1e-5)  # the run used the typed rate
    if not diverges:  # all the way to the least-squares line
        data = window.document.data
        slope, intercept = np.polyfit(np.asarray(data.x, float), np.asarray(data.y, float), 1)
        assert abs(history.w[-1] - slope) < 1e-5 and abs(history.b[-1] - intercept) < 1e-5


def test_keras_fit_minibatches_hide_the_marks_and_say_why(qtbot) -> None:
    data = synthetic()
    spec = BackendSpec("keras-fit", enabled=True, lr=5.0, batch_size=1)
    card = BackendCard(spec, "Keras fit")
    qtbot.addWidget(card)
    card.set_rate_marks(rate_marks("keras-fit", spec.run_config(data)))
    assert card.lr_slider.mark_positions() == {} and not warning_shown(card)
    limit = 2.0 / np.linalg.eigvalsh(data.stats.hessian())[-1]
    assert f"full-batch critical rate ({limit:.3g}) does not bound" in card.lr_slider.toolTip()
    # The whole data as one batch: one full-batch update per epoch, marked and warned.
    whole = replace(spec, batch_size=data.n, shuffle=False)
    card.set_spec(whole)
    card.set_rate_marks(rate_marks("keras-fit", whole.run_config(data)))
    assert set(card.lr_slider.mark_positions()) == {"critical", "optimal"}
    assert warning_shown(card) and card.lr_warning.property("tone") == "error"
