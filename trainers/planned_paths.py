"""What the theory overlay draws for one backend's run, before and while it runs.

A run's predicted path needs its start and its learning rate. Both are known from the card
for NumPy and TensorFlow (zeros unless given, the post's lr 0.1 unless given), so their paths
show before any framework has loaded. Keras draws its kernel at random and has its own default
rate: those are known once Keras has built the model (its ``InitialState``), and until then
the overlay says it waits rather than guessing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from trainers import theory
from trainers.base import InitialState
from trainers.config import POST_SCRIPT_LR
from trainers.data import Dataset
from trainers.experiment import BackendSpec
from trainers.messages import QT_TRANSLATE_NOOP
from trainers.prediction import NoPrediction, Prediction, predict
from trainers.scripts.training import start_values

_WAITING = QT_TRANSLATE_NOOP(
    "trainers",
    "predicted once Keras has built its model: its random start and its default learning rate "
    "are known only then",
)


@dataclass(frozen=True)
class PlannedPath:
    """One backend's predicted path (w, b from its start, then after each update), or why it
    has none; ``note`` also says when a drawn path stopped being exact (a live rate change)."""

    name: str
    w: np.ndarray
    b: np.ndarray
    note: NoPrediction | None = None
    lr: float | None = None  # the rate the path is predicted at


def plan(
    spec: BackendSpec,
    data: Dataset,
    initial: InitialState | None = None,
    start_rate: float | None = None,
    lr_changed: bool = False,
    max_points: int = 2000,
) -> PlannedPath:
    """``spec``'s predicted path on ``data``: from its card, or from ``initial`` once its
    framework has built the model; at ``start_rate`` if the run began at a rate the card no
    longer shows. ``lr_changed``: the rate was changed during the run, so the path drawn (of
    the rate it started with) is no longer exact and the note says so."""
    empty = np.empty(0)
    config = spec.run_config(data)
    # Any rate will do to learn whether an exact prediction exists: the reasons against one
    # (optimizer, batches, schedule) do not depend on it.
    found = predict(spec.name, config, 1.0)
    if isinstance(found, NoPrediction):
        return PlannedPath(spec.name, empty, empty, found)
    keras = spec.name.startswith("keras")
    lr = next(
        (r for r in (start_rate, config.lr, initial and initial.lr) if r is not None),
        None if keras else POST_SCRIPT_LR,
    )
    start = start_values(spec, config) if initial is None else (initial.w, initial.b)
    if start is None or lr is None:
        return PlannedPath(spec.name, empty, empty, NoPrediction(_WAITING))
    found = predict(spec.name, config, lr)
    assert isinstance(found, Prediction)
    w, b = sampled_path(found, start[0], start[1], spec.total_updates(data.n), max_points)
    w, b = np.insert(w, 0, start[0]), np.insert(b, 0, start[1])
    changed = predict(spec.name, config, lr, lr_changes=True) if lr_changed else None
    note = changed if isinstance(changed, NoPrediction) else None
    return PlannedPath(spec.name, w, b, note, lr)


def sampled_path(
    prediction: Prediction, w0: float, b0: float, k: int, max_points: int
) -> tuple[np.ndarray, np.ndarray]:
    """The predicted (w, b) after each of ``k`` updates, or, for a longer run, after every
    s-th update (and the last) so that at most about ``max_points`` points are computed: a
    drawn path needs no more, and the GUI thread computes it."""
    if k <= max_points:
        return prediction.path(w0, b0, k)
    stride = -(-k // max_points)
    p = prediction
    m = theory.update_matrix(p.stats, p.lr, p.momentum, p.nesterov)
    w_star, b_star = prediction.stats.optimum
    first = np.zeros(m.shape[0])
    first[:2] = w0 - w_star, b0 - b_star
    jump = np.linalg.matrix_power(m, stride)
    counts = list(range(stride, k + 1, stride))
    out = np.empty((len(counts) + (counts[-1] != k), 2))
    state = first
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(len(counts)):
            state = jump @ state
            out[i] = state[:2]
        if counts[-1] != k:
            out[-1] = (np.linalg.matrix_power(m, k) @ first)[:2]
    return w_star + out[:, 0], b_star + out[:, 1]
