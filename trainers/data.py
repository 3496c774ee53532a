"""Data sets for the line fit: the original post's synthetic points, or a CSV of x,y pairs."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from trainers.messages import QT_TRANSLATE_NOOP, DataError
from trainers.sufficient_stats import SufficientStats

MIN_POINTS = 2
MAX_SYNTHETIC = 10_000_000
"""Generated points at most: as many as the window draws fluidly (80 MB per column)."""
MAX_MAGNITUDE = 1e150
"""|x| and |y| stay below this, so squares and products of values (the loss) fit in a float64."""
MIN_RELATIVE_SPREAD = 1e-12
"""x must spread over at least this fraction of its magnitude: less, and rounding decides the
slope (float32 frameworks would see all x equal long before)."""
MIN_SPREAD = 1e-100
"""...and by at least this much, so its variance is a normal float64, not zero."""


@dataclass(frozen=True, eq=False)
class Dataset:
    """Points (x, y) in float64, where they came from, and the true line if known."""

    x: np.ndarray
    y: np.ndarray
    source: str
    true_line: tuple[float, float] | None = None
    checksum: str = ""

    def __post_init__(self) -> None:
        x = np.ascontiguousarray(self.x, dtype=np.float64)
        y = np.ascontiguousarray(self.y, dtype=np.float64)
        x.flags.writeable = False
        y.flags.writeable = False
        object.__setattr__(self, "x", x)
        object.__setattr__(self, "y", y)
        validate_points(x, y)
        if not self.stats.finite:  # computed here, once, by whoever builds the data set
            raise DataError(
                QT_TRANSLATE_NOOP("trainers", "the data's moments do not fit in a float64")
            )

    @property
    def n(self) -> int:
        return int(self.x.size)

    @cached_property
    def largest(self) -> float:
        """The largest |x| or |y|."""
        return max(float(np.max(np.abs(self.x))), float(np.max(np.abs(self.y))))

    @cached_property
    def stats(self) -> SufficientStats:
        """The six moments that give the MSE and its gradient anywhere in O(1)."""
        return SufficientStats.from_points(self.x, self.y)


def validate_points(x: np.ndarray, y: np.ndarray) -> None:
    """Raise DataError unless x and y are two equal-length finite vectors that define a line fit."""
    if x.ndim != 1 or y.ndim != 1 or x.size != y.size:
        raise DataError(
            QT_TRANSLATE_NOOP("trainers", "x and y must be two columns of equal length")
        )
    if x.size < MIN_POINTS:
        raise DataError(
            QT_TRANSLATE_NOOP(
                "trainers", "the data has {n} point(s); a line fit needs at least {min} points"
            ),
            n=int(x.size),
            min=MIN_POINTS,
        )
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise DataError(
            QT_TRANSLATE_NOOP("trainers", "the data contains values that are not finite")
        )
    if np.ptp(x) == 0.0:
        raise DataError(
            QT_TRANSLATE_NOOP(
                "trainers",
                "all x values are equal ({x:g}), so no single line fits best; "
                "use data with at least two different x values",
            ),
            x=float(x[0]),
        )
    largest = max(float(np.max(np.abs(x))), float(np.max(np.abs(y))))
    if largest > MAX_MAGNITUDE:
        raise DataError(
            QT_TRANSLATE_NOOP(
                "trainers",
                "values as large as {value:g} are too large to fit a line in float64 "
                "(their squares overflow); rescale the data so that |x| and |y| stay below "
                "{limit:g}",
            ),
            value=largest,
            limit=MAX_MAGNITUDE,
        )
    spread = float(np.max(x)) - float(np.min(x))
    magnitude = float(np.max(np.abs(x)))
    if spread < MIN_SPREAD or spread < MIN_RELATIVE_SPREAD * magnitude:
        raise DataError(
            QT_TRANSLATE_NOOP(
                "trainers",
                "the x values differ too little (by {spread:g}, at values up to {x:g}) for a "
                "line fit: rounding would decide the slope; use data whose x values are spread "
                "out, or subtract a common offset",
            ),
            spread=spread,
            x=magnitude,
        )


def synthetic(
    n: int = 50,
    slope: float = 0.6,
    intercept: float = 0.8,
    noise: float = 0.0,
    seed: int = 0,
) -> Dataset:
    """The original post's data: x ~ U(0, 1) in float32, y = slope·x + intercept (+ Gaussian noise).

    Values are rounded to float32, as the post's ``astype(np.float32)`` did, so the float64
    reference and the float32 frameworks train on exactly the same numbers.
    """
    for name, value in (("slope", slope), ("intercept", intercept), ("noise", noise)):
        if not math.isfinite(value):
            raise DataError(
                QT_TRANSLATE_NOOP("trainers", "{name} must be a finite number, not {value}"),
                name=name,
                value=value,
            )
    if noise < 0:
        raise DataError(
            QT_TRANSLATE_NOOP("trainers", "noise is a standard deviation and cannot be negative"),
        )
    if not isinstance(n, int) or isinstance(n, bool):
        raise DataError(
            QT_TRANSLATE_NOOP("trainers", "the number of points must be a whole number")
        )
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise DataError(
            QT_TRANSLATE_NOOP("trainers", "the seed must be a whole number, 0 or more, got {seed}"),
            seed=seed,
        )
    if n < MIN_POINTS:
        raise DataError(
            QT_TRANSLATE_NOOP(
                "trainers", "the data has {n} point(s); a line fit needs at least {min} points"
            ),
            n=n,
            min=MIN_POINTS,
        )
    if n > MAX_SYNTHETIC:
        raise DataError(
            QT_TRANSLATE_NOOP("trainers", "the number of points must be at most {max:,}"),
            max=MAX_SYNTHETIC,
        )
    rng = np.random.default_rng(seed)
    x = rng.random(n).astype(np.float32)
    y = (x * np.float32(slope) + np.float32(intercept)).astype(np.float32)
    if noise > 0:
        y = (y + rng.normal(0.0, noise, n).astype(np.float32)).astype(np.float32)
    source = f"synthetic n={n} slope={slope:g} intercept={intercept:g} noise={noise:g} seed={seed}"
    return Dataset(x.astype(np.float64), y.astype(np.float64), source, (slope, intercept))
