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
