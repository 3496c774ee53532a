"""The critical and optimal learning rates a card marks on its slider, and what a rate means.

Full-batch SGD (plain or with momentum) on the line-fit MSE is a linear map (:mod:`trainers.
theory`): at or above the critical rate it diverges, whatever the start. The optimal rate
2/(λmin + λmax) is plain gradient descent's fastest. Adaptive optimizers have no such rates,
and the full-batch critical rate does not bound minibatch SGD, whose every update follows its
own batch's curvature: there the marks are hidden (``shown`` False) and ``why`` says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trainers import theory
from trainers.prediction import NoPrediction, Prediction, predict


@dataclass(frozen=True)
class RateMarks:
    """One backend's critical and optimal rates for its data, optimizer and momentum."""

    critical: float
    optimal: float
    momentum: float = 0.0
    shown: bool = True  # the marks apply: plain or momentum SGD on the full batch
    minibatch: bool = False  # SGD in keras-fit with batches smaller than the data: no marks
    exact: bool = True  # and at one constant rate, so crossing the critical rate surely diverges
    why: NoPrediction | None = None  # why there is no exact prediction

    def zone(self, lr: float) -> str:
        """ "diverges" at or above the critical rate of an exactly predicted run; "oscillates"
        past plain descent's optimal rate (its steep direction flips sign and sets the pace);
        else ""."""
        if not self.exact:
            return ""
        if lr >= self.critical:
            return "diverges"
        if self.momentum == 0.0 and lr > self.optimal:
            return "oscillates"
        return ""


def rate_marks(backend: str, config: Any) -> RateMarks:
    """The marks for ``backend``'s run under ``config`` (a RunConfig; its lr does not matter)."""
    stats = config.data.stats
    momentum = float(config.momentum or 0.0)  # None: the frameworks' default, 0
    nesterov = bool(config.nesterov) and momentum > 0.0
    prediction = predict(backend, config, 1.0)
    sgd = config.optimizer == "sgd"
    minibatch = sgd and backend == "keras-fit" and config.batch_size < config.data.n
    return RateMarks(
        critical=theory.critical_lr(stats, momentum, nesterov),
        optimal=theory.optimal_lr(stats),
        momentum=momentum,
        shown=sgd and not minibatch,
        minibatch=minibatch,
        exact=isinstance(prediction, Prediction),
        why=prediction if isinstance(prediction, NoPrediction) else None,
    )
