"""The minibatch view: keras-fit's next batch ringed on the scatter, and on the loss surface the
step that batch takes next to the full data's; checked against what Keras then does."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from guards import HANG_GUARD_MS
from gui_helpers import choose_preset, step_until, wait_drawn, wait_prepared
from PySide6.QtWidgets import QApplication

from trainers import synthetic
from trainers.minibatch import BatchPlan, mse_gradient, next_batch_step

DATA = synthetic()


# -- Qt-free --------------------------------------------------------------------------
def test_a_plan_cuts_each_epoch_of_its_order_into_batches() -> None:
    order = np.random.default_rng(1).permutation(10)
    plan = BatchPlan(order, 4)
    assert plan.per_epoch == 3 and not plan.full
    for epoch in range(3):  # every epoch the same order: 4, 4 and the 2 left
        first = epoch * 3
        assert plan.indices(first).tolist() == order[:4].tolist()
        assert plan.indices(first + 1).tolist() == order[4:8].tolist()
        assert plan.indices(first + 2).tolist() == order[8:].tolist()
    assert BatchPlan(order, 10).full and BatchPlan(order, 64).full


def test_the_batch_gradient_is_the_mse_gradient_of_its_points() -> None:
    w, b, pick = 0.3, -0.2, [4, 17, 30]
    x, y = DATA.x[pick], DATA.y[pick]
    gw, gb = mse_gradient(x, y, w, b)
    h = 1e-6

    def mse(w: float, b: float) -> float:
        return float(np.mean((w * x + b - y) ** 2))

    assert gw == pytest.approx((mse(w + h, b) - mse(w - h, b)) / (2 * h), rel=1e-6)
    assert gb == pytest.approx((mse(w, b + h) - mse(w, b - h)) / (2 * h), rel=1e-6)
    # over all the points it is the gradient the sufficient statistics give
    full = DATA.stats.gradient(w, b)
    np.testing.assert_allclose(mse_gradient(DATA.x, DATA.y, w, b), full, rtol=1e-12)


def test_the_next_batch_step_is_minus_lr_times_each_gradient() -> None:
    plan = BatchPlan(np.arange(DATA.n)[::-1].copy(), 3)
    # 17 batches an epoch (16 of 3 points, then 2): update 18 is the 2nd batch of epoch 2
    step = next_batch_step(plan, DATA, 18, 0.1, 0.4, 0.05)
    assert step is not None and step.indices.tolist() == [46, 45, 44]
    gw, gb = mse_gradient(DATA.x[[46, 45, 44]], DATA.y[[46, 45, 44]], 0.1, 0.4)
    assert step.batch_step == pytest.approx((-0.05 * gw, -0.05 * gb))
    fw, fb = DATA.stats.gradient(0.1, 0.4)
    assert step.full_step == pytest.approx((-0.05 * fw, -0.05 * fb))
    # full batches and full-batch backends: no batch to single out
    assert next_batch_step(BatchPlan(plan.order, DATA.n), DATA, 3, 0.1, 0.4, 0.05) is None
    assert next_batch_step(None, DATA, 3, 0.1, 0.4, 0.05) is None


# -- the window -----------------------------------------------------------------------
def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / np.linalg.norm(vector)


def test_the_ringed_points_and_the_arrow_are_the_batch_keras_uses_next(qtbot, window) -> None:
    choose_preset(qtbot, window, "keras-fit")  # fit(epochs=20, batch_size=1, shuffle=True)
    wait_prepared(qtbot, window)
    fit_view, surface = window.plots.fit_view, window.plots.surface_view
    data = window.document.data
    action = window.view_actions.batch_action
    assert action in window.view_menu.actions() and action.isChecked()
    for updates in (2, 3, 4, 5):
        history = step_until(qtbot, window, "keras-fit", updates)
        wait_drawn(qtbot, window)
        w, b, lr = float(history.w[-1]), float(history.b[-1]), float(history.lr[-1])
        bx, by = fit_view.batch_points()
        assert len(bx) == 1  # batch size 1: one ringed point, and it is one of the data's
        assert np.any((data.x == bx[0]) & (data.y == by[0]))
        batch = history.batches.indices(len(history))  # what the run reports for it
        np.testing.assert_array_equal(bx, data.x[batch])
        np.testing.assert_array_equal(by, data.y[batch])
        gradient = np.array(mse_gradient(bx, by, w, b))
        arrows = surface.steps.data()
        np.testing.assert_allclose(arrows["batch"][0], [w, b])
        drawn = arrows["batch"][1] - arrows["batch"][0]
        np.testing.assert_allclose(_unit(drawn), _unit(-gradient), atol=1e-9)
        np.testing.assert_allclose(drawn, surface.steps.scale * -lr * gradient, rtol=1e-9)
        # the legend states the enlargement the arrows are drawn with
        legend = [label.text for _sample, label in surface.steps.legend.items]
        assert len(legend) == 2 and all(f"×{surface.steps.scale:g}" in t for t in legend)
        full = arrows["full"][1] - arrows["full"][0]
        np.testing.assert_allclose(_unit(full), _unit(-np.array(data.stats.gradient(w, b))))
        # Keras's next update is the step of exactly the ringed point (float32 arithmetic)
        step_until(qtbot, window, "keras-fit", updates + 1)
        taken = np.array([history.w[-1] - w, history.b[-1] - b])
        np.testing.assert_allclose(taken, -lr * gradient, atol=2e-6)

    # View > Show the current batch: off hides the rings and the arrows, on brings them back
    action.trigger()
    assert not action.isChecked()
    assert len(fit_view.batch_points()[0]) == 0 and not surface.steps.shown
    assert len(surface.steps.data()["batch"]) == 0
    action.trigger()
    assert len(fit_view.batch_points()[0]) == 1 and surface.steps.shown


def test_full_batch_backends_show_no_batch(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    window.cards["numpy"].setChecked(True)
    for name in ("tf", "keras"):
        window.cards[name].setChecked(False)
    qtbot.waitUntil(
        lambda: (
            list(window.controller.statuses) == ["numpy"]
            and window.controller.statuses["numpy"].state == "ready"
        ),
        timeout=HANG_GUARD_MS,
    )
    history = step_until(qtbot, window, "numpy", 3)
    wait_drawn(qtbot, window)
    assert history.batches is None
    assert len(window.plots.fit_view.batch_points()[0]) == 0
    assert not window.plots.surface_view.steps.shown


def _scene_rect(item):
    return item.mapRectToScene(item.boundingRect())


def test_the_note_and_the_step_legend_keep_off_each_other_the_axis_labels_and_the_path(
    qtbot, window
) -> None:
    choose_preset(qtbot, window, "keras-fit")
    wait_prepared(qtbot, window)
    surface = window.plots.surface_view
    overlay, legend = surface.overlay, surface.steps.legend
    for size in ((1400, 900), (1024, 640)):
        window.resize(*size)
        QApplication.processEvents()
        updates = len(step_until(qtbot, window, "keras-fit", 12 if size[0] > 1100 else 24))
        wait_drawn(qtbot, window)
        assert len(window.controller.histories["keras-fit"]) == updates
        note, box = _scene_rect(overlay.note), _scene_rect(legend)
        assert overlay.note.isVisible() and surface.steps.shown
        assert not note.intersects(box)
        # Short: the key, then the reason on one line (cut short in a small view); all of
        # both in its tooltip.
        lines = overlay.note.toPlainText().splitlines()
        assert lines[0].startswith("dotted: pred") and len(lines) == 2
        assert "Keras fit: no exact" in lines[1]
        assert "no exact prediction for batches of 1 of 50 points" in overlay.note.toolTip()
        assert "Dotted: the path theory predicts" in overlay.note.toolTip()
        plot_font = surface.getPlotItem().getAxis("left").label.font()
        assert overlay.note.textItem.font().pointSizeF() < plot_font.pointSizeF()
        # Neither covers the bowl's axis labels (where the view has room: this test's
        # 1024×640 window leaves the surface 257 px wide), nor the note the path so far.
        for label in overlay.axis_labels if size[0] > 1100 else ():
            if label.isVisible():
                assert not _scene_rect(label).intersects(note)
                assert not _scene_rect(label).intersects(box)
        view = surface.getPlotItem().getViewBox()
        w, b = surface.path_data("keras-fit")
        for x, y in zip(w, b, strict=True):
            assert not note.contains(view.mapViewToScene(pg.Point(float(x), float(y))))


def test_the_step_legend_would_rather_cover_an_axis_label_than_the_arrows() -> None:
    """On a small surface every free corner may hold the arrows: the legend then covers an
    axis label's corner (or the path) rather than what it explains."""
    from widgets.step_arrows import quietest_corner

    bounds = (0.0, 0.0, 1.0, 1.0)
    top_left = np.array([[0.1, 0.9]])  # an arrow's tip, in the top-left box
    path = np.array([[0.9, 0.1], [0.85, 0.15]])  # two path points bottom right
    points = np.vstack([top_left, path])
    weights = np.array([len(points) + 2.0, 1.0, 1.0])
    taken = ((0, 1), (1, 1), (1, 0))  # axis labels everywhere but the top left
    # Taken corners excluded outright: the legend lands on the arrow.
    assert quietest_corner(points, bounds, (0, 1), (0.3, 0.3), taken, weights) == (0, 0)
    # Taken corners merely cost more than the path: it covers a label, not the arrow or path.
    label_cost = len(points) + 1.0
    where = quietest_corner(points, bounds, (0, 0), (0.3, 0.3), taken, weights, label_cost)
    assert where in ((0, 1), (1, 0))  # the corners holding only a label


def test_fewer_points_typed_mid_run_never_index_the_old_runs_batches(qtbot, window) -> None:
    """Until the run is rebuilt on the new data, its batches index its own (50) points: the
    ringed points come from those, never from the 7 new ones (an IndexError before)."""
    from gui_helpers import type_into

    choose_preset(qtbot, window, "keras-fit")
    wait_prepared(qtbot, window)
    history = step_until(qtbot, window, "keras-fit", 3)
    old = window.controller.configs["keras-fit"].data
    type_into(qtbot, window.data_panel.n, "7")
    qtbot.waitUntil(lambda: window.document.data.n == 7, timeout=HANG_GUARD_MS)
    window.frames.refresh_now()  # a frame drawn before the rebuild
    if window.controller.configs["keras-fit"].data is old:  # not rebuilt yet: old points
        bx, _by = window.plots.fit_view.batch_points()
        batch = history.batches.indices(len(history))
        np.testing.assert_array_equal(bx, old.x[batch])
    qtbot.waitUntil(
        lambda: window.controller.configs["keras-fit"].data.n == 7, timeout=HANG_GUARD_MS
    )
