"""The theory's predictions against what the backends then do: the NumPy backend's path to
1e-9, and every full-batch backend converging just below the critical rate and diverging just
above it, for gradient descent, heavy-ball momentum and Keras's Nesterov."""

from __future__ import annotations

import numpy as np
import pytest
from backend_runs import run_to_end

from trainers import Init, RunConfig, synthetic
from trainers.prediction import Prediction, predict
from trainers.stability import stability_map

DATA = synthetic()
W0, B0, STEPS = -0.7, 0.1, 1001
OPTIMIZERS = {
    "gd": {},
    "momentum": {"momentum": 0.9},
    "nesterov": {"momentum": 0.5, "nesterov": True},
}

COMPILED = [
    ("numpy", "closed_form"),
    ("tf", "compiled"),
    ("tf1", "compiled"),
    ("keras", "compiled"),
    ("keras-fit", "compiled"),
]
"""Every backend, full-batch, with its compiled engine (keras-fit: the whole data as one batch,
in order, so one epoch is one full-batch update)."""


def config(name: str, lr: float, values: dict, engine: str) -> RunConfig:
    scheme = {"steps": STEPS}
    if name == "keras-fit":
        scheme = {"epochs": STEPS, "batch_size": DATA.n, "shuffle": False}
    return RunConfig(DATA, init=Init.values(W0, B0), lr=lr, engine=engine, **scheme, **values)


def critical(values: dict) -> float:
    """The critical rate as the stability map's boundary draws it."""
    grid = stability_map(
        DATA.stats, momenta=[values.get("momentum", 0.0)], nesterov=values.get("nesterov", False)
    )
    return float(grid.boundary[0])


@pytest.mark.parametrize("engine", ["loop", "closed_form"])
@pytest.mark.parametrize("kind", list(OPTIMIZERS))
@pytest.mark.parametrize("lr", [0.1, 0.5])
def test_predicted_path_is_the_numpy_backends_path(kind: str, engine: str, lr: float) -> None:
    cfg = config("numpy", lr, OPTIMIZERS[kind], engine)
    prediction = predict("numpy", cfg, lr)
    assert isinstance(prediction, Prediction)
    chunk, trainer = run_to_end("numpy", cfg)
    assert trainer.divergence is None and len(chunk) == STEPS
    w, b = prediction.path(W0, B0, STEPS)
    assert np.max(np.abs(chunk.w - w)) < 1e-9 and np.max(np.abs(chunk.b - b)) < 1e-9
    # and it moved: from far away to the optimum (not a path that stands still)
    assert abs(chunk.w[-1] - 0.6) < 1e-4 < abs(chunk.w[0] - W0)


@pytest.mark.parametrize("name, engine", COMPILED)
@pytest.mark.parametrize("kind", list(OPTIMIZERS))
def test_converges_below_the_critical_rate_and_diverges_above(
    name: str, engine: str, kind: str
) -> None:
    values = OPTIMIZERS[kind]
    limit = critical(values)
    below, below_trainer = run_to_end(name, config(name, 0.99 * limit, values, engine))
    start = np.hypot(W0 - 0.6, B0 - 0.8)
    assert below_trainer.divergence is None and len(below) == STEPS
    assert np.hypot(below.w[-1] - 0.6, below.b[-1] - 0.8) < start / 100
    _, above_trainer = run_to_end(name, config(name, 1.01 * limit, values, engine))
    assert above_trainer.divergence is not None
    assert above_trainer.divergence.lr == pytest.approx(1.01 * limit)
