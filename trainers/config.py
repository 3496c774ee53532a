"""The settings of one training run, checked when they are made."""

from __future__ import annotations

import math
from dataclasses import dataclass

from trainers.data import Dataset
from trainers.messages import QT_TRANSLATE_NOOP, ConfigError

BACKENDS: tuple[str, ...] = ("numpy", "tf", "tf1", "keras", "keras-fit")
"""Every backend, in the order the app lists them."""

TENSORFLOW_BACKENDS = frozenset({"tf", "tf1", "keras", "keras-fit"})

ENGINES: tuple[str, ...] = ("stepwise", "compiled")
"""stepwise: the original post's one call per update; compiled: chunks inside one compiled call."""

MAX_STEPS = 10_000_000

POST_SCRIPT_LR = 0.1
"""The original post's TensorFlow script used GradientDescentOptimizer(0.1); numpy, tf and tf1
start from its settings (w = b = 0, lr 0.1) unless told otherwise."""


INIT_KINDS = ("default", "zeros", "values")


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


def _check_count(name: str, value: int, low: int, high: int) -> None:
    # bool is an int to Python, but "steps = True" is a mistake, not 1.
    if not (isinstance(value, int) and not isinstance(value, bool) and low <= value <= high):
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "trainers", "{name} must be a whole number from {low} to {high}, got {value}"
            ),
            name=name,
            low=low,
            high=high,
            value=value,
        )


@dataclass(frozen=True)
class RunConfig:
    """Everything one backend needs to train: data, start, learning rate and update scheme.

    ``steps`` counts full-batch updates; ``keras-fit`` instead makes ``epochs`` passes of
    ``batch_size``-point updates over (optionally shuffled) data.
    """

    data: Dataset
    init: Init = Init()
    lr: float | None = None
    steps: int = 1001
    epochs: int = 20
    batch_size: int = 1
    shuffle: bool = True
    init_seed: int = 0
    engine: str = "compiled"  # "stepwise", "compiled" or a backend's own engine name

    def __post_init__(self) -> None:
        if self.lr is not None:
            object.__setattr__(self, "lr", check_learning_rate(self.lr))
        _check_count("steps", self.steps, 1, MAX_STEPS)
        _check_count("epochs", self.epochs, 1, MAX_STEPS)
        _check_count("batch size", self.batch_size, 1, MAX_STEPS)
        _check_count("init seed", self.init_seed, 0, 2**31 - 1)

    @property
    def batches_per_epoch(self) -> int:
        return -(-self.data.n // self.batch_size)
