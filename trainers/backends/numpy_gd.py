"""The float64 reference: full-batch gradient descent written out in NumPy."""

from __future__ import annotations

import numpy as np

from trainers.base import Trainer
from trainers.config import POST_SCRIPT_LR
from trainers.theory import gd_path
from trainers.values import OWN_ENGINES


class NumpyTrainer(Trainer):
    """Full-batch gradient descent in float64.

    ``loop`` computes the gradient from every point at every update, as a textbook would;
    ``closed_form`` uses the sufficient statistics, which makes each update O(1) and a whole
    chunk one vectorised expression: the fastest full-batch descent can be.
    """

    name = "numpy"
    precision = "float64"
    engines = OWN_ENGINES["numpy"]
    aliases = {"stepwise": "loop", "compiled": "closed_form"}
    chunk_sizes = {"loop": 50, "closed_form": 2000}

    def _setup(self) -> tuple[float, float, float]:
        self._w, self._b = self.start_values(0.0, 0.0)
        return self._w, self._b, POST_SCRIPT_LR

    def _apply_lr(self, lr: float) -> None:
        pass  # read at every update from self.lr

    def _run(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        if self.engine == "closed_form":
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
