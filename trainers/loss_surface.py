"""The MSE over a (w, b) window: a grid for the colour map and contour lines (via contourpy).

Both come from the sufficient statistics, so their cost does not depend on how many points
the data has.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from trainers.sufficient_stats import SufficientStats


@dataclass(frozen=True)
class Bounds:
    """A rectangle of (w, b)."""

    w_lo: float
    w_hi: float
    b_lo: float
    b_hi: float

    @property
    def width(self) -> float:
        return self.w_hi - self.w_lo

    @property
    def height(self) -> float:
        return self.b_hi - self.b_lo

    def contains(self, w: np.ndarray, b: np.ndarray) -> bool:
        w, b = np.asarray(w), np.asarray(b)
        return bool(
            np.all((w >= self.w_lo) & (w <= self.w_hi) & (b >= self.b_lo) & (b <= self.b_hi))
        )

    @classmethod
    def around(
        cls, w: np.ndarray, b: np.ndarray, margin: float = 0.15, minimum: float = 0.5
    ) -> Bounds:
        """The smallest box holding every point, widened by ``margin`` of its size (at least
        ``minimum`` across in each direction)."""
        w, b = np.asarray(w, dtype=float), np.asarray(b, dtype=float)
        w_lo, w_hi, b_lo, b_hi = w.min(), w.max(), b.min(), b.max()
        dw = max(w_hi - w_lo, minimum) * (1 + 2 * margin)
        db = max(b_hi - b_lo, minimum) * (1 + 2 * margin)
        cw, cb = (w_lo + w_hi) / 2, (b_lo + b_hi) / 2
        return cls(cw - dw / 2, cw + dw / 2, cb - db / 2, cb + db / 2)

    def union(self, other: Bounds) -> Bounds:
        return Bounds(
            min(self.w_lo, other.w_lo),
            max(self.w_hi, other.w_hi),
            min(self.b_lo, other.b_lo),
            max(self.b_hi, other.b_hi),
        )


@dataclass(frozen=True, eq=False)
class Surface:
    """MSE sampled on a grid, and contour lines at ``levels`` (each a list of (k, 2) arrays)."""

    bounds: Bounds
    w: np.ndarray  # grid columns
    b: np.ndarray  # grid rows
    loss: np.ndarray  # shape (len(b), len(w))
    levels: np.ndarray
    lines: list[list[np.ndarray]]
    minimum: tuple[float, float, float]  # w*, b*, least MSE


def default_bounds(stats: SufficientStats, w: np.ndarray, b: np.ndarray) -> Bounds:
    """A window holding the optimum and the given points (typically the starting points)."""
    w_star, b_star = stats.optimum
    return Bounds.around(np.append(w, w_star), np.append(b, b_star), minimum=1.0)


def contour_levels(excess_max: float, least: float, count: int = 12) -> np.ndarray:
    """Levels whose excess over the least MSE doubles from one to the next.

    On a quadratic bowl that makes nested ellipses a factor √2 apart, evenly spaced by eye.
    """
    if not np.isfinite(excess_max) or excess_max <= 0:
        return np.empty(0)
    top = 0.8 * excess_max
    return least + top / 2.0 ** np.arange(count - 1, -1, -1)


def compute_surface(
    stats: SufficientStats, bounds: Bounds, resolution: int = 200, levels: int = 12
) -> Surface:
    """The loss on a ``resolution``² grid over ``bounds``, with contour lines."""
    w = np.linspace(bounds.w_lo, bounds.w_hi, resolution)
    b = np.linspace(bounds.b_lo, bounds.b_hi, resolution)
    loss = stats.mse(w[None, :], b[:, None])
    w_star, b_star = stats.optimum
    least = stats.residual
    chosen = contour_levels(float(loss.max()) - least, least, levels)
    import contourpy  # here, not at the top: the window opens before anything needs it

    generator = contourpy.contour_generator(w, b, loss, line_type=contourpy.LineType.Separate)
    lines = [generator.lines(level) for level in chosen]
    return Surface(bounds, w, b, loss, chosen, lines, (w_star, b_star, least))
