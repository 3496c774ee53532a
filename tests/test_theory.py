"""Closed-form gradient descent against plain iteration."""

from __future__ import annotations

import numpy as np
import pytest

from trainers import synthetic, theory


def iterate(stats, w, b, lr, k):
    ws, bs = [], []
    for _ in range(k):
        gw, gb = stats.gradient(w, b)
        w, b = w - lr * float(gw), b - lr * float(gb)
        ws.append(w)
        bs.append(b)
    return np.array(ws), np.array(bs)


@pytest.mark.parametrize("lr", [0.01, 0.1, 0.7])
def test_gd_path_equals_iterated_updates(lr: float) -> None:
    stats = synthetic(noise=0.05, seed=2).stats
    w, b = theory.gd_path(stats, -0.7, 0.3, lr, 500)
    w_it, b_it = iterate(stats, -0.7, 0.3, lr, 500)
    np.testing.assert_allclose(w, w_it, atol=1e-12)
    np.testing.assert_allclose(b, b_it, atol=1e-12)


def test_stable_limit_separates_convergence_from_divergence() -> None:
    stats = synthetic().stats
    limit = theory.stable_lr_limit(stats)
    assert 0.5 < limit < 2.0
    assert theory.contraction(stats, 0.99 * limit) < 1 < theory.contraction(stats, 1.01 * limit)
    w_ok, _ = theory.gd_path(stats, 0.0, 0.0, 0.99 * limit, 3000)
    w_bad, _ = theory.gd_path(stats, 0.0, 0.0, 1.01 * limit, 3000)
    assert abs(w_ok[-1] - 0.6) < abs(w_ok[0] - 0.6)
    assert abs(w_bad[-1]) > 1e3


def test_updates_to_shrink_matches_the_path() -> None:
    stats = synthetic().stats
    n = theory.updates_to_shrink(stats, 0.1, 100.0)
    w, b = theory.gd_path(stats, 0.0, 0.0, 0.1, int(n) + 10)
    start = np.hypot(0.0 - stats.optimum[0], 0.0 - stats.optimum[1])
    dist = np.hypot(w - stats.optimum[0], b - stats.optimum[1])
    assert dist[int(n) - 1] <= start / 100 * 1.5
    assert theory.updates_to_shrink(stats, 10.0, 100.0) == float("inf")


@pytest.mark.parametrize("momentum", [0.0, 0.5])
@pytest.mark.parametrize("curvature", [1e-300, 1.0, 3.25e298])
@pytest.mark.parametrize("scaled", [False, True])
def test_block_rates_stay_finite_and_exact_at_float64_extremes(curvature, momentum, scaled) -> None:
    """Data near float64's limits give curvatures near its limits: the rate must still be
    the spectral radius of the 2×2 block, never an overflow (at the window's rate 0.1, or
    one scaled to the curvature)."""
    lr = 1.5 / curvature if scaled else 0.1
    # Keras's heavy ball on one eigen-direction: θ += v after v = βv − lr·λθ
    block = np.array([[1.0 - lr * curvature, momentum], [-lr * curvature, momentum]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is fine
        got = float(theory.block_rates(curvature, lr, momentum))
    assert got == pytest.approx(max(abs(np.linalg.eigvals(block))), rel=1e-12)
