"""The stability map in the "Theory" tab: its pixels against the spectral radius of the
heavy-ball map, and clicks, markers and notes through what the user touches."""

from __future__ import annotations

import numpy as np
import pytest
from guards import HANG_GUARD_MS
from PySide6.QtCore import QPointF, Qt
from test_main_window import type_lr
from test_theory_panel import open_theory_tab


def heavy_ball_radius(x: np.ndarray, lr: float, beta: float) -> float:
    """Spectral radius of one heavy-ball update on (θ − θ*, v), from the design matrix."""
    design = np.column_stack([x, np.ones_like(x)])
    h = 2.0 / len(x) * design.T @ design
    eye = np.eye(2)
    update = np.block([[eye - lr * h, beta * eye], [-lr * h, beta * eye]])
    return float(np.max(np.abs(np.linalg.eigvals(update))))


def map_view(qtbot, window):
    open_theory_tab(qtbot, window)
    qtbot.waitUntil(lambda: window.theory.map_view is not None, timeout=HANG_GUARD_MS)
    return window.theory.map_view


def pixel(view, lr: float, beta: float) -> tuple[int, int, float, float]:
    """The image's pixel under (lr, β), and that pixel's centre in data coordinates."""
    image = view.image
    rect = image.mapRectToParent(image.boundingRect())
    nx, ny = image.image.shape
    i = int((lr - rect.left()) / rect.width() * nx)
    j = int((beta - rect.top()) / rect.height() * ny)
    centre_lr = rect.left() + (i + 0.5) * rect.width() / nx
    centre_beta = rect.top() + (j + 0.5) * rect.height() / ny
    return i, j, centre_lr, centre_beta


def click_map(qtbot, view, lr: float, beta: float) -> None:
    box = view.plot.getPlotItem().getViewBox()
    where = view.plot.mapFromScene(box.mapViewToScene(QPointF(lr, beta)))
    qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=where)


@pytest.mark.parametrize(
    ("lr", "beta"), [(0.1, 0.0), (0.5, 0.3), (1.0, 0.4), (0.9, 0.0), (1.5, 0.9), (0.3, 0.95)]
)
def test_each_pixel_is_the_heavy_ball_spectral_radius(qtbot, window, lr, beta) -> None:
    view = map_view(qtbot, window)
    i, j, at_lr, at_beta = pixel(view, lr, beta)
    shown = float(view.image.image[i, j])
    assert shown == pytest.approx(heavy_ball_radius(window.document.data.x, at_lr, at_beta), 1e-9)
    # The dashed boundary is where that radius reaches 1.
    bx, by = view.boundary.getData()
    k = int(np.argmin(np.abs(by - at_beta)))
    x = window.document.data.x
    assert (
        heavy_ball_radius(x, bx[k] * 0.999, by[k])
        < 1.0
        < heavy_ball_radius(x, bx[k] * 1.001, by[k])
    )


def test_the_map_follows_the_data(qtbot, window) -> None:
    view = map_view(qtbot, window)
    before = view.image.image.copy()
    window.data_panel.n.setFocus(Qt.FocusReason.TabFocusReason)
    window.data_panel.n.selectAll()
    qtbot.keyClicks(window.data_panel.n, "7")
    qtbot.waitUntil(lambda: window.document.data.n == 7, timeout=HANG_GUARD_MS)
    qtbot.waitUntil(lambda: not np.array_equal(view.image.image, before), timeout=HANG_GUARD_MS)
    i, j, at_lr, at_beta = pixel(view, 0.5, 0.5)
    expected = heavy_ball_radius(window.document.data.x, at_lr, at_beta)
    assert float(view.image.image[i, j]) == pytest.approx(expected, 1e-9)


def test_a_click_sets_the_chosen_backend_s_rate_and_momentum(qtbot, window) -> None:
    view = map_view(qtbot, window)
    assert view.chosen() == "tf"  # the first enabled backend
    click_map(qtbot, view, 0.5, 0.3)
    card = window.cards["tf"]
    momentum = card.editors["momentum"]
    qtbot.waitUntil(lambda: momentum.value() > 0, timeout=HANG_GUARD_MS)
    rect = view.plot.getPlotItem().getViewBox().viewRect()
    per_pixel = (rect.width() / view.plot.width(), rect.height() / view.plot.height())
    assert float(card.lr_edit.text()) == pytest.approx(0.5, abs=2 * per_pixel[0] + 0.005)
    assert momentum.value() == pytest.approx(0.3, abs=2 * per_pixel[1] + 0.005)
    spec = window.document.experiment.backends["tf"]
    assert (spec.lr, spec.momentum) == (float(card.lr_edit.text()), momentum.value())
    qtbot.waitUntil(
        lambda: window.controller.configs["tf"].momentum == spec.momentum, timeout=HANG_GUARD_MS
    )
    # Its marker moved there; Keras's did not.
    assert view.marker_positions()["tf"] == (spec.lr, spec.momentum)
    keras = window.document.experiment.backends["keras"]
    # Another backend chosen above the map: the click moves that one.
    view.combo.setCurrentIndex(view.combo.findData("keras"))
    click_map(qtbot, view, 1.0, 0.6)
    qtbot.waitUntil(
        lambda: window.document.experiment.backends["keras"] != keras, timeout=HANG_GUARD_MS
    )
    keras = window.document.experiment.backends["keras"]
    assert keras.lr == pytest.approx(1.0, abs=0.02) and keras.momentum == pytest.approx(
        0.6, abs=0.02
    )
    assert float(window.cards["keras"].lr_edit.text()) == keras.lr
    assert window.document.experiment.backends["tf"] == spec


def test_markers_follow_the_cards_and_adam_has_no_point(qtbot, window) -> None:
    view = map_view(qtbot, window)
    assert view.marker_positions()["tf"] == (0.1, 0.0)
    type_lr(qtbot, window.cards["tf"], "0.4")
    qtbot.waitUntil(lambda: view.marker_positions()["tf"] == (0.4, 0.0), timeout=HANG_GUARD_MS)
    assert view.note.isHidden()
    combo = window.cards["tf"].editors["optimizer"]
    combo.setCurrentIndex(combo.findData("adam"))
    qtbot.waitUntil(lambda: "tf" not in view.marker_positions(), timeout=HANG_GUARD_MS)
    assert not view.note.isHidden()
    assert "does not apply to TensorFlow 2" in view.note.text().replace("</b>", "").replace(
        '<b style="color:#E69F00">', ""
    )
    # A click for a backend the map does not describe changes nothing.
    before = window.document.experiment.backends["tf"]
    click_map(qtbot, view, 0.5, 0.5)
    assert window.document.experiment.backends["tf"] == before


def nesterov_radius(x: np.ndarray, lr: float, beta: float) -> float:
    """Spectral radius of one update of Keras's Nesterov SGD on (θ − θ*, v): v ← βv − lr·g,
    θ ← θ + βv − lr·g, written out from the design matrix."""
    design = np.column_stack([x, np.ones_like(x)])
    h = 2.0 / len(x) * design.T @ design
    eye = np.eye(2)
    update = np.block([[eye - lr * (1 + beta) * h, beta * beta * eye], [-lr * h, beta * eye]])
    return float(np.max(np.abs(np.linalg.eigvals(update))))


def test_a_nesterov_backend_gets_its_own_map(qtbot, window) -> None:
    from gui_helpers import choose

    view = map_view(qtbot, window)
    card = window.cards["keras"]
    momentum, nesterov = card.editors["momentum"], card.editors["nesterov"]
    momentum.setFocus()
    momentum.selectAll()
    qtbot.keyClicks(momentum, "0.5")
    qtbot.keyClick(momentum, Qt.Key.Key_Return)
    nesterov.setFocus()
    qtbot.keyClick(nesterov, Qt.Key.Key_Space)
    qtbot.waitUntil(
        lambda: window.document.experiment.backends["keras"].nesterov is True,
        timeout=HANG_GUARD_MS,
    )
    # The map stays the chosen TensorFlow 2's (heavy ball); Keras's point is not on it.
    assert view.hover.text().startswith("Heavy-ball momentum ·")
    assert "keras" not in view.marker_positions()
    assert "Nesterov" in view.note.text()
    choose(qtbot, view.combo, "keras")
    qtbot.waitUntil(
        lambda: view.hover.text().startswith("Nesterov momentum ·"),
        timeout=HANG_GUARD_MS,
    )
    x = window.document.data.x
    apart = []
    for lr, beta in ((0.2, 0.3), (0.5, 0.5), (0.7, 0.2), (0.3, 0.9)):
        i, j, at_lr, at_beta = pixel(view, lr, beta)
        expected = nesterov_radius(x, at_lr, at_beta)
        assert float(view.image.image[i, j]) == pytest.approx(expected, 1e-9)
        apart.append(abs(expected / heavy_ball_radius(x, at_lr, at_beta) - 1.0))
    assert max(apart) > 0.01  # it is another map, not the heavy ball's relabelled
    spec = window.document.experiment.backends["keras"]
    qtbot.waitUntil(lambda: "keras" in view.marker_positions(), timeout=HANG_GUARD_MS)
    assert view.marker_positions()["keras"][1] == spec.momentum == 0.5
    assert "tf" not in view.marker_positions() and "heavy-ball" in view.note.text()
