"""The values run settings take: backend and engine names, limits, initial values, rates."""

from __future__ import annotations

import math
from dataclasses import dataclass

from trainers.messages import QT_TRANSLATE_NOOP, ConfigError

BACKENDS: tuple[str, ...] = ("numpy", "tf", "tf1", "keras", "keras-fit")
"""Every backend, in the order the app lists them."""

TENSORFLOW_BACKENDS = frozenset({"tf", "tf1", "keras", "keras-fit"})

ENGINES: tuple[str, ...] = ("stepwise", "compiled")
"""stepwise: the original post's one call per update; compiled: chunks inside one compiled call."""

OWN_ENGINES: dict[str, tuple[str, ...]] = {
    "numpy": ("loop", "closed_form"),
    "tf": ("eager", "stepwise", "compiled"),
    "tf1": ("stepwise", "compiled"),
    "keras": ("stepwise", "compiled"),
    "keras-fit": ("stepwise", "compiled", "fit"),  # "fit": the old name of stepwise
}
"""Each backend's own engine names (its trainer's ``engines``): known here, so that checking a
setting never imports a backend (nor makes the settings depend on the trainers)."""

MAX_STEPS = 10_000_000
SPEED_RANGE = (10.0, 100_000.0)
"""Paced speeds, in updates per second, as the window's speed slider offers them."""
MAX_SEED = 2**31 - 1
"""Seeds are 32-bit signed integers, the widest that every framework (and QSpinBox) takes."""

POST_SCRIPT_LR = 0.1
"""The original post's TensorFlow script used GradientDescentOptimizer(0.1); numpy, tf and tf1
start from its settings (w = b = 0, lr 0.1) unless told otherwise."""


INIT_KINDS: tuple[str, ...] = ("default", "zeros", "values")


@dataclass(frozen=True)
class Init:
    """Initial (w, b): the framework's own choice, zeros, or given values."""

    kind: str = "default"  # "default" | "zeros" | "values"
    w: float = 0.0
    b: float = 0.0

    def __post_init__(self) -> None:
        if self.kind not in INIT_KINDS:
            raise ConfigError(
                QT_TRANSLATE_NOOP(
                    "trainers", "'{kind}' is not a kind of initial values (choose from: {kinds})"
                ),
                kind=self.kind,
                kinds=", ".join(INIT_KINDS),
            )
        if not (math.isfinite(self.w) and math.isfinite(self.b)):
            raise ConfigError(
                QT_TRANSLATE_NOOP(
                    "trainers", "initial w and b must be finite numbers, got {w}, {b}"
                ),
                w=self.w,
                b=self.b,
            )

    @classmethod
    def parse(cls, text: str) -> Init:
        """Read ``default``, ``zeros`` or ``W,B``."""
        text = text.strip()
        if text in ("default", "zeros"):
            return cls(text)
        parts = text.split(",")
        if len(parts) == 2:
            try:
                w, b = float(parts[0]), float(parts[1])
            except ValueError:
                pass
            else:
                return cls.values(w, b)
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "trainers",
                "initial values '{text}' should be 'default', 'zeros' or 'W,B' (e.g. 0.5,-1)",
            ),
            text=text,
        )

    @classmethod
    def values(cls, w: float, b: float) -> Init:
        return cls("values", float(w), float(b))

    def __str__(self) -> str:
        return f"{self.w!r},{self.b!r}" if self.kind == "values" else self.kind


def check_learning_rate(lr: float) -> float:
    """Return lr as a float, or raise ConfigError unless it is finite and positive."""
    try:
        value = math.nan if isinstance(lr, bool) else float(lr)
    except (TypeError, ValueError):
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "trainers", "the learning rate must be a finite number above 0, got {lr}"
            ),
            lr=lr,
        )
    return value


def parse_learning_rate(text: str) -> float | None:
    """Read a learning rate, or ``default`` (None: each framework's own)."""
    if text.strip() == "default":
        return None
    try:
        value = float(text)
    except ValueError:
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "trainers", "learning rate '{text}' should be a positive number or 'default'"
            ),
            text=text,
        ) from None
    return check_learning_rate(value)


def batches_per_epoch(n_points: int, batch_size: int) -> int:
    """How many batches (the last one maybe smaller) one pass over n_points makes."""
    return -(-n_points // batch_size)
