"""What a run did next to what the theory predicted, and where two runs part (Qt-free).

The window words these facts in the user's language ("Why they differ"); this module only finds
them from the runs' data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from trainers.differences import Effective, differences
from trainers.prediction import NoPrediction, Prediction, predict

PARTING = 1e-4
"""Two paths have parted once their points differ by more than this, relative to the points'
distance from the origin (float32 rounding alone stays near 1e-7)."""

ROUNDING_DECIDED = frozenset({"rmsprop", "adamax", "lion"})
"""Optimizers that never settle at a constant rate: near the optimum their steps keep a size set
by the learning rate (each is divided by a running scale of the gradients, or is a sign), so the
path circles the optimum and rounding decides on which side each step lands."""


def precision(backend: str) -> str:
    """The floating-point type a backend trains in: NumPy's reference float64, the frameworks
    float32."""
    return "float64" if backend == "numpy" else "float32"


@dataclass(frozen=True)
class Outcome:
    """A run's end next to its prediction.

    ``predicted`` is where the prediction puts (w, b) after ``updates`` updates, None if it
    predicts divergence; ``diverged_at`` the update at which the run diverged, if it did."""

    updates: int
    actual: tuple[float, float]
    predicted: tuple[float, float] | None
    rate: float
    diverged_at: int | None
    precision: str

    @property
    def apart(self) -> float | None:
        """Distance between the predicted and the actual end (None: nothing to compare)."""
        if self.predicted is None or self.diverged_at is not None:
            return None
        return math.hypot(self.actual[0] - self.predicted[0], self.actual[1] - self.predicted[1])


def outcome(
    backend: str,
    prediction: Prediction | NoPrediction | None,
    start: tuple[float, float] | None,
    w: np.ndarray,
    b: np.ndarray,
    diverged_at: int | None,
) -> Outcome | None:
    """Compare a run's path (``w``, ``b`` after each update) from ``start`` with its exact
    prediction; None without one, without a known start or without any update."""
    if not isinstance(prediction, Prediction) or start is None or len(w) == 0:
        return None
    updates = len(w)
    predicted = None
    if prediction.rate < 1.0:
        pw, pb = prediction.path(start[0], start[1], updates)
        predicted = (float(pw[-1]), float(pb[-1]))
    return Outcome(
        updates=updates,
        actual=(float(w[-1]), float(b[-1])),
        predicted=predicted,
        rate=prediction.rate,
        diverged_at=diverged_at,
        precision=precision(backend),
    )


def parting_update(
    w1: np.ndarray, b1: np.ndarray, w2: np.ndarray, b2: np.ndarray, tolerance: float = PARTING
) -> int | None:
    """The first update (0-based, as the printout counts them) after which two paths differ by
    more than ``tolerance`` relative (see :data:`PARTING`), over the updates both made; None if
    they never do."""
    count = min(len(w1), len(w2))
    if count == 0:
        return None
    first = np.stack([np.asarray(w1[:count]), np.asarray(b1[:count])])
    second = np.stack([np.asarray(w2[:count]), np.asarray(b2[:count])])
    gap = np.hypot(*(first - second))
    scale = np.maximum(np.hypot(*first), np.hypot(*second))
    with np.errstate(invalid="ignore"):
        parted = np.flatnonzero(~(gap <= tolerance * scale))  # NaN (a diverged run) parts too
    return int(parted[0]) if parted.size else None


@dataclass(frozen=True)
class RunFacts:
    """The per-run theory for the explain panel: each backend's prediction (None while its
    learning rate is not known), the outcome of each ended run that had an exact prediction,
    and the runs whose paths rounding parts from the reference's: (reference, other, update)."""

    predictions: Mapping[str, Prediction | NoPrediction | None]
    outcomes: Mapping[str, Outcome]
    partings: tuple[tuple[str, str, int], ...] = ()
    defaults: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Per backend, the hyper-parameters left to its framework's default."""


def run_facts(
    settings: list[Effective],
    configs: Mapping[str, Any],
    histories: Mapping[str, Any],
    ended: Mapping[str, int | None],
    defaults: Mapping[str, frozenset[str]] | None = None,
) -> RunFacts:
    """Collect :class:`RunFacts`. ``configs`` are the runs' RunConfigs, ``histories`` their
    RunHistories, ``ended`` the backends whose run has ended, each with the update at which it
    diverged (None: it did not)."""
    predictions: dict[str, Prediction | NoPrediction | None] = {}
    outcomes: dict[str, Outcome] = {}
    for s in settings:
        history = histories.get(s.name)
        config = configs.get(s.name)
        if s.lr is None or config is None:
            predictions[s.name] = None
            continue
        # a rate set before the first update is the run's one rate, not a change during it
        changed = history is not None and any(step > 0 for step, _ in history.live_changes())
        predictions[s.name] = prediction = predict(s.name, config, s.lr, changed)
        start = None if s.w0 is None or s.b0 is None else (s.w0, s.b0)
        if s.name in ended and history is not None:
            result = outcome(s.name, prediction, start, history.w, history.b, ended[s.name])
            if result is not None:
                outcomes[s.name] = result
    partings = []
    if settings:
        ref = settings[0]
        for other in settings[1:]:
            if not {ref.optimizer, other.optimizer} & ROUNDING_DECIDED:
                continue
            if differences([ref, other]) or not {ref.name, other.name} <= set(ended):
                continue  # paths that differ by their settings, or runs still going
            h1, h2 = histories[ref.name], histories[other.name]
            step = parting_update(h1.w, h1.b, h2.w, h2.b)
            if step is not None:
                partings.append((ref.name, other.name, step))
    return RunFacts(predictions, outcomes, tuple(partings), dict(defaults or {}))
