"""Whether a run's path can be predicted exactly, and the prediction or the reason why not.

Full-batch gradient descent and Keras's SGD with (Nesterov) momentum at one constant learning
rate are linear maps of the state (:mod:`trainers.theory`), so their whole path follows from
the start. Anything else has no exact closed form here: adaptive optimizers divide by running
statistics of the gradients, minibatches use a different gradient at every update, and a
learning rate that changes makes the map change with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from trainers import theory
from trainers.messages import QT_TRANSLATE_NOOP
from trainers.sufficient_stats import SufficientStats

_ADAPTIVE = QT_TRANSLATE_NOOP(
    "trainers",
    "no exact prediction for {optimizer}: an adaptive optimizer scales each step by running "
    "statistics of the gradients, so an update is not a fixed linear map",
)
_MINIBATCH = QT_TRANSLATE_NOOP(
    "trainers",
    "no exact prediction for batches of {batch_size} of {n} points: every update follows its "
    "own batch's gradient, not the full one",
)
_SCHEDULE = QT_TRANSLATE_NOOP(
    "trainers",
    "no exact prediction on the {schedule} schedule: the learning rate, and with it the "
    "update's linear map, changes as training goes",
)
_LR_CHANGES = QT_TRANSLATE_NOOP(
    "trainers",
    "no exact prediction once the learning rate is changed during the run: the prediction "
    "holds for one constant rate",
)


@dataclass(frozen=True)
class Prediction:
    """An exact prediction: full-batch descent (momentum 0) or Keras's SGD with momentum."""

    stats: SufficientStats
    lr: float
    momentum: float = 0.0
    nesterov: bool = False

    @property
    def rate(self) -> float:
        """Contraction per update: spectral radius of one update's linear map."""
        return theory.rate(self.stats, self.lr, self.momentum, self.nesterov)

    @property
    def critical_lr(self) -> float:
        return theory.critical_lr(self.stats, self.momentum, self.nesterov)

    @property
    def updates_to_100x(self) -> int | None:
        """Updates to shrink the distance to the optimum 100× (None: it never does)."""
        n = theory.updates_for(self.rate, 100.0)
        return None if n == float("inf") else int(n)

    def path(self, w0: float, b0: float, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(w, b) after each of ``k`` updates from (w0, b0)."""
        return theory.momentum_path(self.stats, w0, b0, self.lr, k, self.momentum, self.nesterov)


@dataclass(frozen=True)
class NoPrediction:
    """Why a run has no exact prediction: a translatable template and its values."""

    template: str
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def reason(self) -> str:
        return self.template.format(**dict(self.params))

    def translated(self, translate: Any) -> str:
        return translate("trainers", self.template).format(**dict(self.params))


def predict(
    backend: str, config: Any, lr: float, lr_changes: bool = False
) -> Prediction | NoPrediction:
    """The exact prediction of ``backend``'s run under ``config`` (a RunConfig) at learning rate
    ``lr`` (the rate the trainer starts with), or the reason there is none."""
    if config.optimizer != "sgd":
        return NoPrediction(_ADAPTIVE, (("optimizer", config.optimizer),))
    n = config.data.n
    if backend == "keras-fit" and config.batch_size < n:
        return NoPrediction(_MINIBATCH, (("batch_size", config.batch_size), ("n", n)))
    if config.schedule != "constant":
        return NoPrediction(_SCHEDULE, (("schedule", config.schedule),))
    if lr_changes:
        return NoPrediction(_LR_CHANGES)
    # momentum None: Keras's and TF1's default, 0
    return predict_optimizer(
        config.data.stats, "sgd", lr, float(config.momentum or 0.0), bool(config.nesterov)
    )


def predict_optimizer(
    stats: SufficientStats, optimizer: str, lr: float, momentum: float = 0.0, nesterov: bool = False
) -> Prediction | NoPrediction:
    """The exact prediction of full-batch ``optimizer`` at one constant rate, or why not."""
    if optimizer != "sgd":
        return NoPrediction(_ADAPTIVE, (("optimizer", optimizer),))
    momentum = float(momentum or 0.0)
    return Prediction(stats, float(lr), momentum, bool(nesterov) and momentum > 0)
