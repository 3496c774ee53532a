"""Momentum's linear maps, the stability map and prediction-or-reason, checked against
matrices built here independently: one Keras SGD update applied to each basis state."""

from __future__ import annotations

import numpy as np
import pytest

from trainers import Init, RunConfig, synthetic, theory
from trainers.prediction import NoPrediction, Prediction, predict
from trainers.stability import stability_map

DATA = synthetic(noise=0.1, seed=3)
STATS = DATA.stats


def keras_sgd_step(theta, velocity, lr, momentum, nesterov):
    """keras.optimizers.SGD.update_step as its source reads, on the full-batch gradient."""
    gw, gb = STATS.gradient(theta[0], theta[1])
    grad = np.array([float(gw), float(gb)])
    velocity = velocity * momentum - grad * lr
    step = velocity * momentum - grad * lr if nesterov else velocity
    return theta + step, velocity


def measured_matrix(lr, momentum, nesterov=False):
    """The 4×4 map of (θ − θ*, v), column by column: one step from each basis state."""
    star = np.array(STATS.optimum)
    columns = []
    for unit in np.eye(4):
        theta, velocity = keras_sgd_step(star + unit[:2], unit[2:], lr, momentum, nesterov)
        columns.append(np.concatenate([theta - star, velocity]))
    return np.array(columns).T


def spectral_radius(matrix):
    return float(np.max(np.abs(np.linalg.eigvals(matrix))))


def design_curvatures():
    x = DATA.x.astype(np.float64)
    design = np.column_stack([x, np.ones_like(x)])
    return np.linalg.eigvalsh(2.0 * design.T @ design / x.size)


@pytest.mark.parametrize("nesterov", [False, True])
@pytest.mark.parametrize("lr, momentum", [(0.1, 0.9), (0.5, 0.5), (1.2, 0.3), (0.05, 0.99)])
def test_update_matrix_is_one_keras_step(lr: float, momentum: float, nesterov: bool) -> None:
    measured = measured_matrix(lr, momentum, nesterov)
    np.testing.assert_allclose(
        theory.update_matrix(STATS, lr, momentum, nesterov), measured, atol=1e-12
    )
    assert theory.rate(STATS, lr, momentum, nesterov) == pytest.approx(
        spectral_radius(measured), rel=1e-7
    )


@pytest.mark.parametrize("nesterov", [False, True])
def test_stability_map_rates_are_spectral_radii(nesterov: bool) -> None:
    grid = stability_map(STATS, nesterov=nesterov)
    assert grid.rates.shape == (grid.momenta.size, grid.lrs.size)
    for i, j in [(0, 10), (0, 150), (40, 60), (90, 30), (99, 199), (70, 120)]:
        lr, momentum = grid.lrs[j], grid.momenta[i]
        expected = spectral_radius(measured_matrix(lr, momentum, nesterov))
        assert grid.rates[i, j] == pytest.approx(expected, rel=1e-6), (lr, momentum)


@pytest.mark.parametrize("nesterov", [False, True])
def test_the_boundary_is_where_the_rate_reaches_one(nesterov: bool) -> None:
    grid = stability_map(STATS, nesterov=nesterov)
    lam_max = design_curvatures()[-1]
    for i in (0, 25, 50, 90):
        momentum, edge = float(grid.momenta[i]), float(grid.boundary[i])
        expected = 2 * (1 + momentum) / lam_max
        if nesterov:
            expected /= 1 + 2 * momentum
        assert edge == pytest.approx(expected, rel=1e-9)
        assert spectral_radius(measured_matrix(0.99 * edge, momentum, nesterov)) < 1
        assert spectral_radius(measured_matrix(1.01 * edge, momentum, nesterov)) > 1
        # on the grid: every cell left of the boundary contracts, every cell right does not
        left = grid.lrs < edge * (1 - 1e-9)
        assert np.all(grid.rates[i, left] < 1) and np.all(grid.rates[i, ~left] >= 1 - 1e-9)


@pytest.mark.parametrize("nesterov", [False, True])
def test_runs_start_to_diverge_at_the_maps_boundary(nesterov: bool) -> None:
    grid = stability_map(STATS, nesterov=nesterov)
    for i in (10, 60):
        momentum, edge = float(grid.momenta[i]), float(grid.boundary[i])
        for factor, diverges in ((0.98, False), (1.02, True)):
            theta, velocity = np.zeros(2), np.zeros(2)
            for _ in range(3000):
                theta, velocity = keras_sgd_step(theta, velocity, factor * edge, momentum, nesterov)
            distance = float(np.hypot(*(theta - np.array(STATS.optimum))))
            assert (distance > 1e3) == diverges and (distance < 1e-3) != diverges


def test_the_maps_optimum_is_polyaks_and_the_least_rate() -> None:
    grid = stability_map(STATS)
    lr, momentum, best = grid.optimum
    lo, hi = np.sqrt(design_curvatures())
    assert lr == pytest.approx(4 / (lo + hi) ** 2) and momentum == pytest.approx(
        ((hi - lo) / (hi + lo)) ** 2
    )
    assert best == pytest.approx(spectral_radius(measured_matrix(lr, momentum)), rel=1e-6)
    assert best <= grid.rates.min() + 1e-9


def test_updates_to_100x_follow_from_the_rate() -> None:
    prediction = Prediction(STATS, 0.3, 0.6)
    n, rho = prediction.updates_to_100x, prediction.rate
    assert rho**n <= 0.01 < rho ** (n - 1)
    assert Prediction(STATS, 1.05 * theory.critical_lr(STATS, 0.6), 0.6).updates_to_100x is None


@pytest.mark.parametrize(
    "backend, settings, words",
    [
        ("numpy", {"optimizer": "adam"}, "adaptive optimizer"),
        ("tf", {"optimizer": "rmsprop", "momentum": 0.9}, "adaptive optimizer"),
        ("keras-fit", {"batch_size": 1}, "batches of 1 of 50 points"),
        ("tf1", {"schedule": "exponential"}, "exponential schedule"),
    ],
)
def test_no_prediction_says_why(backend: str, settings: dict, words: str) -> None:
    result = predict(backend, RunConfig(DATA, **settings), 0.1)
    assert isinstance(result, NoPrediction) and words in result.reason
    assert isinstance(predict("numpy", RunConfig(DATA), 0.1, lr_changes=True), NoPrediction)


def test_full_batch_runs_have_a_prediction() -> None:
    fit = RunConfig(DATA, batch_size=DATA.n, shuffle=False, momentum=0.5, nesterov=True)
    result = predict("keras-fit", fit, 0.2)
    assert isinstance(result, Prediction) and (result.momentum, result.nesterov) == (0.5, True)
    plain = predict("keras", RunConfig(DATA, init=Init("zeros"), nesterov=True), 0.2)
    assert isinstance(plain, Prediction) and (plain.momentum, plain.nesterov) == (0.0, False)
