"""The loss view draws long runs reduced to its pixels, and keeps every spike in sight."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture
def loss_view(qtbot):
    from widgets.loss_view import LossView

    view = LossView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_backends({"numpy": "#0072B2"})
    return view


def test_a_long_curve_keeps_its_single_update_spikes(qtbot, loss_view) -> None:
    n = 200_000
    steps = np.arange(n)
    loss = np.full(n, 1e-3)
    loss[123_457] = 10.0  # one noisy single-sample update far above the rest
    loss[7] = 1e-9  # and one far below
    loss_view.set_curve("numpy", steps, loss, [])
    loss_view.getPlotItem().getViewBox().autoRange()
    loss_view.viewport().repaint()

    x, y = loss_view.drawn_data("numpy")
    assert x.size < n / 10  # reduced to what the pixels can show
    assert y.max() == pytest.approx(1.0)  # log10 of the spike
    assert y.min() == pytest.approx(-9.0)
    held_x, held_y = loss_view.curve_data("numpy")
    assert held_x.size == n and held_y[123_457] == 10.0  # every update is kept


def test_a_short_curve_is_drawn_point_for_point(qtbot, loss_view) -> None:
    steps = np.arange(50)
    loss = np.geomspace(1.0, 1e-4, 50)
    loss_view.set_curve("numpy", steps, loss, [20])
    loss_view.viewport().repaint()
    x, y = loss_view.drawn_data("numpy")
    np.testing.assert_array_equal(x, steps)
    np.testing.assert_allclose(y, np.log10(loss))
    assert loss_view.marker_steps("numpy") == [20]


def test_an_exact_fit_is_drawn_at_the_floor(qtbot, loss_view) -> None:
    from widgets.loss_view import LOSS_FLOOR

    loss_view.set_curve("numpy", np.arange(3), np.array([1.0, 0.5, 0.0]), [])
    assert loss_view.curve_data("numpy")[1][-1] == LOSS_FLOOR


def test_peak_buckets_kept_as_a_run_grows_match_those_of_the_whole_run() -> None:
    from widgets.decimate import PeakDecimator

    rng = np.random.default_rng(3)
    loss = rng.lognormal(size=100_003)
    growing, whole = PeakDecimator(limit=64), PeakDecimator(limit=64)
    for end in (1, 10, 999, 1000, 4097, 50_000, 100_003):  # uneven chunks, odd bucket counts
        index, values = growing.update(loss[:end])
    once_index, once_values = whole.update(loss)
    np.testing.assert_array_equal(index, once_index)
    np.testing.assert_array_equal(values, once_values)
    assert index.size < 3 * 64 + growing.width  # two per bucket, plus the newest as they are
    assert values.max() == loss.max() and values.min() == loss.min()


def test_zoomed_in_the_stretch_on_screen_is_drawn_in_full_detail(qtbot, loss_view) -> None:
    n = 200_000
    steps = np.arange(n)
    loss = np.full(n, 1e-3)
    loss[100_000], loss[100_004] = 1.0, 0.1  # two spikes a few updates apart
    loss_view.set_curve("numpy", steps, loss, [])
    loss_view.getPlotItem().getViewBox().setXRange(99_990, 100_010, padding=0)
    loss_view.viewport().repaint()
    x, y = loss_view.drawn_data("numpy")
    shown = (x >= 99_990) & (x <= 100_010)
    assert x[shown][np.isclose(y[shown], 0.0)].tolist() == [100_000]  # log10(1.0)
    assert x[shown][np.isclose(y[shown], -1.0)].tolist() == [100_004]
    loss_view.getPlotItem().getViewBox().enableAutoRange()
    loss_view.set_curve("numpy", steps, loss, [])
    assert loss_view.drawn_data("numpy")[0].size < n / 10
