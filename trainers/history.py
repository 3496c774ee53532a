"""Every update a run has made so far, in growable arrays."""

from __future__ import annotations

import numpy as np

from trainers.base import Chunk
from trainers.minibatch import BatchPlan


class RunHistory:
    """Rows (step, w, b, loss, lr) appended chunk by chunk; row i is update i.

    Storage doubles when full, so appending is amortised O(chunk) and reads are views.
    """

    _FIELDS = ("step", "w", "b", "loss", "lr")

    def __init__(self, capacity: int = 1024) -> None:
        self._size = 0
        self._live_changes: list[tuple[int, float]] = []
        self.batches: BatchPlan | None = None  # which points each update used (minibatches)
        self._arrays = {
            name: np.empty(capacity, np.int64 if name == "step" else np.float64)
            for name in self._FIELDS
        }

    def __len__(self) -> int:
        return self._size

    def append(self, chunk: Chunk) -> None:
        count = len(chunk)
        if count == 0:
            return
        if int(chunk.step[0]) != self._size:
            raise ValueError(f"chunk starts at update {int(chunk.step[0])}, expected {self._size}")
        needed = self._size + count
        capacity = self._arrays["step"].size
        if needed > capacity:
            capacity = max(needed, 2 * capacity)
            for name, old in self._arrays.items():
                grown = np.empty(capacity, old.dtype)
                grown[: self._size] = old[: self._size]
                self._arrays[name] = grown
        if chunk.batches is not None:
            self.batches = chunk.batches
        self._live_changes += chunk.live_changes
        for name in self._FIELDS:
            self._arrays[name][self._size : needed] = getattr(chunk, name)
        self._size = needed

    def clear(self) -> None:
        self._size = 0
        self._live_changes = []
        self.batches = None

    def column(self, name: str) -> np.ndarray:
        """A read-only view of one field over the updates so far."""
        view = self._arrays[name][: self._size]
        view.flags.writeable = False
        return view

    @property
    def step(self) -> np.ndarray:
        return self.column("step")

    @property
    def w(self) -> np.ndarray:
        return self.column("w")

    @property
    def b(self) -> np.ndarray:
        return self.column("b")

    @property
    def loss(self) -> np.ndarray:
        return self.column("loss")

    @property
    def lr(self) -> np.ndarray:
        return self.column("lr")

    def as_chunk(self) -> Chunk:
        return Chunk(self.step, self.w, self.b, self.loss, self.lr, self.batches)

    def lr_changes(self) -> list[tuple[int, float]]:
        """(step, lr) wherever the learning rate differs from the update before it (live
        changes, and a schedule's or plateau's own), read off the lr column when asked: the
        window marks changes from the column itself, so none is tracked chunk by chunk."""
        lr = self.lr
        changed = np.flatnonzero(np.diff(lr) != 0) + 1
        return [(int(self.step[i]), float(lr[i])) for i in changed]

    def live_changes(self) -> list[tuple[int, float]]:
        """(step, lr) for each rate set from outside (the window, a plan), from ``step`` on:
        what replaying the run must repeat, a schedule's own changes left to the schedule."""
        return list(self._live_changes)
