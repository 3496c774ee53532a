"""Draw long descent paths with a bounded number of points, updated incrementally as they grow.

Only the surface view needs this: a path over (w, b) is not ordered along x, and pyqtgraph's
own downsampling (which the loss view uses) presumes it is."""

from __future__ import annotations

import numpy as np


class StrideDecimator:
    """Keeps every ``stride``-th index of a growing series, doubling the stride whenever more
    than ``limit`` indices are kept; the newest point is always shown.

    Each update costs O(limit + new points / stride), not O(length), so a ten-million-update
    run draws as cheaply as a thousand-update one.
    """

    def __init__(self, limit: int = 4000) -> None:
        self.limit = limit
        self.reset()

    def reset(self) -> None:
        self._kept = np.empty(0, np.int64)
        self._stride = 1
        self._next = 0

    def indices(self, length: int) -> np.ndarray:
        """Indices to draw for a series that now has ``length`` points."""
        if length < self._next - self._stride:  # the series was replaced by a shorter one
            self.reset()
        if length > self._next:
            fresh = np.arange(self._next, length, self._stride, dtype=np.int64)
            self._kept = np.concatenate([self._kept, fresh])
            self._next = int(self._kept[-1]) + self._stride
            while self._kept.size > self.limit:
                self._kept = self._kept[::2]
                self._stride *= 2
                self._next = int(self._kept[-1]) + self._stride
        if length and (self._kept.size == 0 or self._kept[-1] != length - 1):
            return np.append(self._kept, length - 1)
        return self._kept


class PeakDecimator:
    """The lowest and highest value of each run of ``width`` consecutive points of a growing
    series (pyqtgraph's "peak" reduction), kept between updates: at most ``limit`` such
    buckets, their width doubling when more are needed.

    pyqtgraph reduces the whole series again each time it changes: 30 ms per frame for five
    curves of 10⁶ updates, 180 ms at 5·10⁶ (measured). Here an update costs O(new points +
    limit), so a single spike stays in sight however long the run, for the same price.
    """

    def __init__(self, limit: int = 1024) -> None:
        self.limit = limit
        self.reset()

    def reset(self) -> None:
        self.width = 1
        self._low = np.empty(0)
        self._high = np.empty(0)
        self._covered = 0  # points summarised by the buckets; the rest is drawn as is

    def update(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(index, value) to draw for the series ``y`` (its earlier points unchanged since the
        last call): two points per bucket, at its first index, then the newest points as is."""
        if y.size < self._covered:  # replaced by a shorter series
            self.reset()
        whole = (y.size - self._covered) // self.width
        if whole:
            stop = self._covered + whole * self.width
            rows = y[self._covered : stop].reshape(whole, self.width)
            self._low = np.concatenate([self._low, rows.min(axis=1)])
            self._high = np.concatenate([self._high, rows.max(axis=1)])
            self._covered = stop
            while self._low.size > self.limit:
                if self._low.size % 2:  # the odd bucket out is summarised again, wider
                    self._low, self._high = self._low[:-1], self._high[:-1]
                    self._covered -= self.width
                self._low = np.minimum(self._low[::2], self._low[1::2])
                self._high = np.maximum(self._high[::2], self._high[1::2])
                self.width *= 2
        if self.width == 1:
            return np.arange(y.size), y
        starts = np.arange(self._low.size) * self.width
        tail = np.arange(self._covered, y.size)
        index = np.concatenate([np.repeat(starts, 2), tail])
        values = np.concatenate([np.column_stack([self._low, self._high]).ravel(), y[tail]])
        return index, values


def zoomed(
    steps: np.ndarray,
    y: np.ndarray,
    kept: tuple[np.ndarray, np.ndarray],
    bucket: int,
    x_range: tuple[float, float],
    pixels: int,
) -> tuple[np.ndarray, np.ndarray]:
    """(index, value) of a series kept as ``bucket``-wide peak buckets (``kept``), with the
    stretch inside ``x_range`` reduced afresh to ``pixels`` columns where the kept buckets are
    wider than a column: a zoomed-in plot shows every update it has room for."""
    index, values = kept
    lo, hi = (int(i) for i in np.searchsorted(steps, x_range))
    lo, hi = max(0, lo - 1), min(steps.size, hi + 1)
    width = max(1, (hi - lo) // max(1, pixels))
    if width >= bucket or hi <= lo:
        return index, values
    whole = (hi - lo) // width
    fine_index = lo + np.arange(whole) * width
    if width == 1:
        fine = y[lo:hi]
    else:
        rows = y[lo : lo + whole * width].reshape(whole, width)
        fine = np.column_stack([rows.min(axis=1), rows.max(axis=1)]).ravel()
        fine_index = np.repeat(fine_index, 2)
    before, after = index < lo, index >= lo + whole * width
    return (
        np.concatenate([index[before], fine_index, index[after]]),
        np.concatenate([values[before], fine, values[after]]),
    )
