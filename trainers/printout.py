"""Which updates the original post printed, and how its numbers were spelled."""

from __future__ import annotations

import numpy as np


def format_value(value: float, precision: str) -> str:
    """float32 results in their shortest float32 spelling (as TensorFlow prints); float64 to
    10 significant digits."""
    if precision == "float32":
        return str(np.float32(value))
    return f"{value:.10g}"


def printed_steps(count: int, every: int, last: int | None = None) -> np.ndarray:
    """Updates 0, every, 2·every, … below ``count``, plus ``last`` (the final update) if given."""
    steps = np.arange(0, count, every, dtype=np.int64)
    if last is not None and last >= 0 and (steps.size == 0 or steps[-1] != last):
        steps = np.append(steps, last)
    return steps
