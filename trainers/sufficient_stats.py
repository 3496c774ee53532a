"""The six numbers that summarise a data set for a line fit.

For y ≈ w·x + b the mean squared error is a quadratic in (w, b) whose coefficients are the
moments n, mean x, mean y, mean x², mean xy and mean y². With them the loss and its gradient
cost O(1) at any (w, b), however many points there are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike


@dataclass(frozen=True)
class SufficientStats:
    """Moments of a data set, with the centred ones computed in two passes for accuracy."""

    n: int
    mean_x: float
    mean_y: float
    var_x: float
    cov_xy: float
    var_y: float
    residual: float  # the least MSE any line reaches: what noise leaves behind

    @classmethod
    def from_points(cls, x: np.ndarray, y: np.ndarray) -> SufficientStats:
        """The moments of finite points whose x differ (see ``trainers.data.validate_points``).

        Computed on x and y centred and divided by their largest magnitude, so no intermediate
        overflows or underflows whatever the values' size; only the results are scaled back.
        """
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        sx = _scale(x)
        sy = _scale(y)
        mx = float(np.mean(x / sx)) * sx
        my = float(np.mean(y / sy)) * sy
        with np.errstate(over="ignore"):
            dx, dy = x - mx, y - my
        dx_scale, dy_scale = _scale(dx), _scale(dy)
        ux, uy = dx / dx_scale, dy / dy_scale
        var_u = float(np.mean(ux * ux))
        cov_u = float(np.mean(ux * uy))
        slope_u = cov_u / var_u if var_u > 0 else 0.0
        residual_u = float(np.mean((uy - slope_u * ux) ** 2))
        with np.errstate(over="ignore"):
            var_x = var_u * dx_scale * dx_scale
            cov_xy = cov_u * dx_scale * dy_scale
            var_y = float(np.mean(uy * uy)) * dy_scale * dy_scale
            residual = residual_u * dy_scale * dy_scale
        return cls(int(x.size), mx, my, var_x, cov_xy, var_y, residual)

    @property
    def finite(self) -> bool:
        """True when every moment, and the raw ones the loss uses, fit in a float64."""
        values = (self.mean_x, self.mean_y, self.var_x, self.cov_xy, self.var_y, self.residual)
        with np.errstate(over="ignore"):
            raw = (self.mean_xx, self.mean_xy, self.mean_yy)
        return all(np.isfinite(v) for v in (*values, *raw))

    # The raw moments, as the textbook writes the loss.
    @property
    def mean_xx(self) -> float:
        return self.var_x + self.mean_x**2

    @property
    def mean_xy(self) -> float:
        return self.cov_xy + self.mean_x * self.mean_y

    @property
    def mean_yy(self) -> float:
        return self.var_y + self.mean_y**2

    @property
    def optimum(self) -> tuple[float, float]:
        """The least-squares line (w*, b*)."""
        w = self.cov_xy / self.var_x
        return w, self.mean_y - w * self.mean_x

    def mse(self, w: ArrayLike, b: ArrayLike) -> np.ndarray:
        """Mean squared error of y ≈ w·x + b, elementwise over arrays of (w, b).

        Written as a sum of non-negative terms around the optimum, so it stays accurate
        (and never negative) down to losses far below the rounding error of the raw moments.
        """
        w = np.asarray(w, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        w_star, _ = self.optimum
        mean_error = w * self.mean_x + b - self.mean_y
        return self.var_x * (w - w_star) ** 2 + mean_error**2 + self.residual

    def gradient(self, w: ArrayLike, b: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """(∂MSE/∂w, ∂MSE/∂b) at (w, b)."""
        w = np.asarray(w, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        mean_error = w * self.mean_x + b - self.mean_y
        return 2.0 * (w * self.var_x - self.cov_xy + mean_error * self.mean_x), 2.0 * mean_error

    def hessian(self) -> np.ndarray:
        """The constant second derivative of the MSE over (w, b)."""
        return 2.0 * np.array([[self.mean_xx, self.mean_x], [self.mean_x, 1.0]])


def _scale(values: np.ndarray) -> float:
    """The largest magnitude, or 1 for all zeros: dividing by it keeps values within ±1."""
    largest = float(np.max(np.abs(values))) if values.size else 0.0
    return largest if largest > 0 else 1.0
