"""The float64 reference: full-batch gradient descent written out in NumPy."""

from __future__ import annotations

import numpy as np

from trainers.base import Trainer
from trainers.config import POST_SCRIPT_LR
from trainers.lr_schedules import numpy_rate
from trainers.lr_schedules import resolved as schedule_values
from trainers.optimizers import NumpyOptimizer, framework_defaults, is_plain, resolved
from trainers.theory import gd_path
from trainers.values import OWN_ENGINES


class NumpyTrainer(Trainer):
    """Full-batch gradient descent in float64.

    ``loop`` computes the gradient from every point at every update, as a textbook would;
    ``closed_form`` uses the sufficient statistics, which makes each update O(1) and a whole
    chunk of plain gradient descent one vectorised expression: the fastest full-batch descent
    can be. Other optimizers are Keras's update rules written in float64
    (:class:`trainers.optimizers.NumpyOptimizer`), with Keras's defaults read from Keras, and
    learning-rate schedules Keras's formulas in float64 (:func:`lr_schedules.numpy_rate`).
    """

    name = "numpy"
    precision = "float64"
    engines = OWN_ENGINES["numpy"]
    aliases = {"stepwise": "loop", "compiled": "closed_form"}
    chunk_sizes = {"loop": 50, "closed_form": 2000}

    def _setup(self) -> tuple[float, float, float]:
        self._w, self._b = self.start_values(0.0, 0.0)
        if self.plain:
            self._optimizer = None
            return self._w, self._b, POST_SCRIPT_LR
        if is_plain(self.config.optimizer, self.config.__dict__):  # sgd on a schedule
            self._optimizer = NumpyOptimizer("sgd", {"momentum": 0.0, "nesterov": False})
        else:
            self.hyper = resolved(self.name, self.config)
            self._optimizer = NumpyOptimizer(self.config.optimizer, self.hyper)
        if self.scheduled:
            self._schedule = schedule_values(self.config)
        default_lr = POST_SCRIPT_LR
        if self.config.optimizer != "sgd":  # sgd keeps the post's 0.1, as tf and tf1
            default_lr = framework_defaults(self.name, self.config.optimizer)["learning_rate"]
        return self._w, self._b, default_lr

    def _apply_lr(self, lr: float) -> None:
        pass  # read at every update from self.lr

    def _run(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        if self._optimizer is not None:
            ws, bs = self._run_optimizer(k)
        elif self.engine == "closed_form":
            ws, bs = gd_path(self.stats, self._w, self._b, self.lr, k)
        else:
            ws, bs = np.empty(k), np.empty(k)
            x, y, w, b, lr = self.config.data.x, self.config.data.y, self._w, self._b, self.lr
            with np.errstate(over="ignore", invalid="ignore"):
                for i in range(k):
                    err = w * x + b - y
                    w, b = w - lr * 2.0 * np.mean(err * x), b - lr * 2.0 * np.mean(err)
                    ws[i], bs[i] = w, b
        self._w, self._b = float(ws[-1]), float(bs[-1])
        return ws, bs

    def _run_optimizer(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """``k`` updates of the optimizer; the gradient from the points (loop) or from the
        sufficient statistics (closed_form)."""
        path = np.empty((k, 2))
        theta = np.array([self._w, self._b])
        x, y, lr = self.config.data.x, self.config.data.y, self.lr
        rates = self._rates(self.next_step, k) if self.scheduled else np.full(k, lr)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for i, lr in enumerate(rates):
                if self.engine == "closed_form":
                    grad = np.array(self.stats.gradient(theta[0], theta[1]), dtype=np.float64)
                else:
                    err = theta[0] * x + theta[1] - y
                    grad = np.array([2.0 * np.mean(err * x), 2.0 * np.mean(err)])
                theta = self._optimizer.step(theta, grad, lr)
                path[i] = theta
        return path[:, 0], path[:, 1]

    def _rates(self, first: int, count: int) -> np.ndarray:
        name, values, base = self.config.schedule, self._schedule, self.lr
        return np.array([numpy_rate(name, values, base, s) for s in range(first, first + count)])
