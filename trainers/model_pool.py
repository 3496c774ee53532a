"""Built framework models, kept for the next run on the same data.

TensorFlow never frees the graph of a traced function: it stays referenced from C++ after the
model is gone (measured: ~1 MB per Keras model, ~0.1 MB per TensorFlow 1 graph). Building
new models for every Reset would grow memory without bound, so a run borrows the models built
for its data and gives them back when it closes; the next run resets and reuses them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

MODELS_PER_KEY = 2
"""A Reset briefly runs the old and the new run of a backend side by side: two per key."""
KEYS = 4
"""Built models are kept for the last few data sets (a key holds its data set alive)."""


class ModelPool:
    """Thread-safe shelves of built objects by key, least recently used keys dropped first.

    An object given back may define ``close()``; it is called when the object is dropped.
    """

    def __init__(self, per_key: int = MODELS_PER_KEY, keys: int = KEYS) -> None:
        self.per_key = per_key
        self.keys = keys
        self._lock = threading.Lock()
        self._shelves: OrderedDict[Hashable, list[Any]] = OrderedDict()

    def borrow(self, key: Hashable) -> Any | None:
        """A built object for ``key``, or None (then the caller builds one)."""
        with self._lock:
            shelf = self._shelves.get(key)
            if not shelf:
                return None
            self._shelves.move_to_end(key)
            return shelf.pop()

    def give_back(self, key: Hashable, built: Any) -> None:
        """Keep ``built`` for a later borrow of ``key`` (or drop it if the shelf is full)."""
        dropped: list[Any] = []
        with self._lock:
            shelf = self._shelves.setdefault(key, [])
            self._shelves.move_to_end(key)
            if len(shelf) < self.per_key:
                shelf.append(built)
            else:
                dropped.append(built)
            while len(self._shelves) > self.keys:
                _, old = self._shelves.popitem(last=False)
                dropped.extend(old)
        for item in dropped:
            close = getattr(item, "close", None)
            if close is not None:
                close()

    def clear(self) -> None:
        with self._lock:
            items = [item for shelf in self._shelves.values() for item in shelf]
            self._shelves.clear()
        for item in items:
            close = getattr(item, "close", None)
            if close is not None:
                close()


POOL = ModelPool()
"""The process-wide pool every TensorFlow/Keras backend borrows from."""
