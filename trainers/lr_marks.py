"""Which learning-rate changes the plots mark: the discrete ones, not a smooth decay's.

A rate that is constant between changes (constant, plateau, a staircase decay, piecewise
steps) is marked wherever it changes: each change is an event (a live change, a planned
``--lr-at`` change, a plateau reduction, a staircase or piecewise step).

A smooth schedule (cosine; exponential and inverse-time decay without ``staircase``) changes
the rate at every update, so a mark there would say nothing. There an update is marked when
its change of the rate stands out from its neighbours': with d(k) = log(lr(k) / lr(k-1)),
update k is marked when d(k) differs by more than SMOOTH_TOLERANCE from both d(k-1) and
d(k+1), and on the same side of both. A schedule's own decay changes d gradually (never an
isolated outlier), while a live change of the base rate makes one update's d jump and the next
return to the trend. So a smooth schedule's marks wait for the update after, update 1 (with no
trend before it) is not judged, and two live changes on consecutive updates may show as one.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

SMOOTH_SCHEDULES = frozenset({"cosine", "exponential", "inverse_time"})
"""Smooth unless ``staircase`` (cosine has none)."""
SMOOTH_TOLERANCE = math.log(1.01)
"""A change of the rate's per-update factor by more than 1% is a change of the base rate."""


def is_smooth(config: Any) -> bool:
    """Whether ``config``'s schedule changes the rate a little at every update."""
    return config.schedule in SMOOTH_SCHEDULES and not getattr(config, "staircase", False)


class LrMarks:
    """The marked updates of a growing learning-rate series, found incrementally: each call
    looks only at the updates added since the last (and the few before them it needs)."""

    def __init__(self, smooth: bool = False) -> None:
        self.smooth = smooth
        self.reset()

    def reset(self) -> None:
        self._marks: list[int] = []
        # Update 0 sets the run's rate: nothing changed there. A smooth schedule's first
        # change has no trend to stand out from.
        self._decided = 2 if self.smooth else 1

    def update(self, lr: np.ndarray) -> list[int]:
        """The marked updates of ``lr`` (the rate of each update so far, earlier ones as in
        the last call), in order."""
        if lr.size < self._decided:  # a new, shorter series
            self.reset()
        # A smooth series' newest update waits for the next to be judged.
        end = lr.size - 1 if self.smooth else lr.size
        if end > self._decided:
            first = self._decided
            found = _smooth_marks(lr, first, end) if self.smooth else _steps(lr, first, end)
            self._marks += [int(k) for k in found]
            self._decided = end
        return list(self._marks)


def _steps(lr: np.ndarray, first: int, end: int) -> np.ndarray:
    """Updates first … end-1 whose rate differs from the update before."""
    return first + np.flatnonzero(lr[first:end] != lr[first - 1 : end - 1])


def _smooth_marks(lr: np.ndarray, first: int, end: int) -> np.ndarray:
    """Updates first … end-1 (first >= 2) whose change of the rate is an outlier among its
    neighbours'."""
    lo = first - 2
    with np.errstate(divide="ignore", invalid="ignore"):
        d = np.diff(np.log(lr[lo : end + 1]))  # d[j]: the change at update lo + 1 + j
        k = np.arange(first, end) - lo - 1
        before, after = d[k] - d[k - 1], d[k] - d[k + 1]
        outlier = (np.minimum(abs(before), abs(after)) > SMOOTH_TOLERANCE) & (before * after > 0)
    return first + np.flatnonzero(outlier)
