"""Which points each keras-fit update used, and the step a batch takes (Qt-free).

``fit`` cuts one permutation of the n indices into consecutive batches of ``batch_size`` (the
last one smaller when n does not divide). A seeded ``fit`` repeats that permutation every epoch
(each epoch re-creates the seeded shuffle, see trainers/backends/keras_fit.py), so one order of
n indices gives the batch of any update: a chunk carries a reference to it, nothing per update.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from trainers.data import Dataset
from trainers.values import batches_per_epoch


@dataclass(frozen=True, eq=False)
class BatchPlan:
    """The batches of a keras-fit run: epoch after epoch, ``order`` cut into ``batch_size``."""

    order: np.ndarray
    batch_size: int

    @property
    def n(self) -> int:
        return int(self.order.size)

    @property
    def per_epoch(self) -> int:
        return batches_per_epoch(self.n, self.batch_size)

    @property
    def full(self) -> bool:
        """Every batch is the whole data: full-batch descent, nothing to single out."""
        return self.batch_size >= self.n

    def indices(self, step: int) -> np.ndarray:
        """The indices of the points update ``step`` (counted from 0) used."""
        start = (int(step) % self.per_epoch) * self.batch_size
        return self.order[start : start + self.batch_size]


def mse_gradient(x: np.ndarray, y: np.ndarray, w: float, b: float) -> tuple[float, float]:
    """∂/∂w and ∂/∂b of mean((w·x + b − y)²) over the given points, in float64."""
    x = np.asarray(x, dtype=np.float64)
    err = w * x + b - np.asarray(y, dtype=np.float64)
    return 2.0 * float(np.mean(err * x)), 2.0 * float(np.mean(err))


@dataclass(frozen=True)
class BatchStep:
    """The next update of a minibatch run, seen from its current point (w, b): its batch
    and the step −lr·∇L that batch takes, next to the step the whole data would take."""

    step: int
    indices: np.ndarray
    w: float
    b: float
    batch_step: tuple[float, float]
    full_step: tuple[float, float]


def next_batch_step(
    plan: BatchPlan | None, data: Dataset, step: int, w: float, b: float, lr: float
) -> BatchStep | None:
    """The batch update ``step`` uses, from (w, b) at rate ``lr``; None for full batches."""
    if plan is None or plan.full or not (np.isfinite(w) and np.isfinite(b)):
        return None
    indices = plan.indices(step)
    gw, gb = mse_gradient(data.x[indices], data.y[indices], w, b)
    fw, fb = (float(g) for g in data.stats.gradient(w, b))
    return BatchStep(step, indices, w, b, (-lr * gw, -lr * gb), (-lr * fw, -lr * fb))
