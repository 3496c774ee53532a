"""The one small interface every backend implements, and what it hands back."""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

import numpy as np

from trainers.config import RunConfig, check_learning_rate
from trainers.lr_schedules import RULES, plateau_callback
from trainers.messages import QT_TRANSLATE_NOOP, ConfigError
from trainers.minibatch import BatchPlan
from trainers.optimizers import is_plain

DIVERGENCE_FACTOR = 1e6
"""A run has diverged once its loss exceeds this many times its starting scale."""


@dataclass(frozen=True, eq=False)
class Chunk:
    """Consecutive updates: row i holds w, b *after* update ``step[i]``, their MSE, the lr used.

    ``batches`` says which points each update used (``batches.indices(step)``) for minibatch
    backends (keras-fit); None for full-batch ones. It is the run's, shared by its chunks.
    ``live_changes`` holds (step, lr) for each learning rate set from outside (the window, a
    plan) that took effect at ``step`` in this chunk; a schedule's or plateau's own changes show
    in ``lr`` only.
    """

    step: np.ndarray
    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    lr: np.ndarray
    batches: BatchPlan | None = None
    live_changes: tuple[tuple[int, float], ...] = ()

    def __len__(self) -> int:
        return int(self.step.size)

    @classmethod
    def empty(cls) -> Chunk:
        return cls(np.empty(0, np.int64), *(np.empty(0) for _ in range(4)))

    @classmethod
    def concat(cls, chunks: Sequence[Chunk]) -> Chunk:
        if not chunks:
            return cls.empty()
        if len(chunks) == 1:
            return chunks[0]
        return cls(
            np.concatenate([c.step for c in chunks]),
            np.concatenate([c.w for c in chunks]),
            np.concatenate([c.b for c in chunks]),
            np.concatenate([c.loss for c in chunks]),
            np.concatenate([c.lr for c in chunks]),
            chunks[0].batches,
            tuple(change for c in chunks for change in c.live_changes),
        )

    def take(self, index: np.ndarray | slice) -> Chunk:
        return Chunk(
            self.step[index],
            self.w[index],
            self.b[index],
            self.loss[index],
            self.lr[index],
            self.batches,
            self.live_changes,
        )


@dataclass(frozen=True)
class InitialState:
    """Where a backend starts, once its framework has built the model."""

    w: float
    b: float
    lr: float
    loss: float
    default_lr: float  # the backend's own learning rate when none is given
    hyper: tuple[tuple[str, Any], ...] = ()
    """The optimizer's hyper-parameters as the run uses them (Keras's names), defaults
    included; empty for plain gradient descent."""


@dataclass(frozen=True)
class Divergence:
    """The update at which the loss stopped being a usable number."""

    step: int
    lr: float
    loss: float

    def __str__(self) -> str:
        return f"diverged at step {self.step} (lr={self.lr:g})"


class _RateOf:
    """What ReduceLROnPlateau reads and sets, ``model.optimizer.learning_rate``, on a trainer:
    setting it is a learning-rate change from the next update on."""

    def __init__(self, trainer: Trainer) -> None:
        self._trainer = trainer

    @property
    def optimizer(self) -> _RateOf:
        return self

    @property
    def learning_rate(self) -> float:
        return self._trainer.lr

    @learning_rate.setter
    def learning_rate(self, value: float) -> None:
        self._trainer._set_rate(float(value))  # the rule's own change, not a live one


FLOAT32_MAX = float(np.finfo(np.float32).max)


def _check_float32(backend: str, largest: float) -> None:
    """A float32 framework would turn values beyond its range into inf before training."""
    if largest > FLOAT32_MAX:
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "trainers",
                "{backend} trains in float32, which cannot hold values as large as {value:g} "
                "(at most {limit:.3g}); rescale the data, or compare with the NumPy backend",
            ),
            backend=backend,
            value=largest,
            limit=FLOAT32_MAX,
        )


class Trainer(ABC):
    """One backend fitting y ≈ w·x + b by gradient descent, advanced chunk by chunk.

    Call :meth:`prepare` once (it imports the framework and builds the model), then
    :meth:`advance` until :attr:`done`; :meth:`set_learning_rate` between any two calls takes
    effect from the next update. A trainer is used by one thread at a time.
    """

    name: ClassVar[str]
    precision: ClassVar[str] = "float32"
    engines: ClassVar[tuple[str, ...]]
    """This backend's engines; the generic names map onto them through ``aliases``."""
    aliases: ClassVar[dict[str, str]] = {}
    chunk_sizes: ClassVar[dict[str, int]] = {}
    """Updates per call that keep each call short enough to share the GIL with a GUI."""

    def __init__(self, config: RunConfig) -> None:
        engine = self.aliases.get(config.engine, config.engine)
        if engine not in self.engines:
            raise ConfigError(
                QT_TRANSLATE_NOOP(
                    "trainers",
                    "backend {backend} has no engine '{engine}' (choose from: {choices})",
                ),
                backend=self.name,
                engine=config.engine,
                choices=", ".join(dict.fromkeys(["stepwise", "compiled", *self.engines])),
            )
        config.check_runnable(self.name)
        self.config = config
        self.engine = engine
        self.stats = config.data.stats
        if self.precision == "float32":
            _check_float32(self.name, config.data.largest)
        self.initial: InitialState | None = None
        self.divergence: Divergence | None = None
        self._next_step = 0
        self._lr = math.nan
        self._live: list[tuple[int, float]] = []  # set from outside, for the next chunk
        self._stopped = False
        self._loss_limit = math.inf
        self.hyper: dict[str, Any] = {}  # the optimizer's hyper-parameters, set by _setup
        self._plateau: Any = None  # Keras's ReduceLROnPlateau, driven update by update
        self._start_of_next = (math.nan, math.nan)  # (w, b) the next update starts from

    @property
    def plain(self) -> bool:
        """Plain gradient descent (the post's optimizer) at a rate set from outside (constant,
        or changed by plateau's rule between updates): no optimizer state, no schedule."""
        return self.config.schedule in RULES and is_plain(
            self.config.optimizer, self.config.__dict__
        )

    @property
    def scheduled(self) -> bool:
        """Whether a learning-rate schedule sets the rate of each update from the update
        count (and the base rate :attr:`lr`)."""
        return self.config.schedule not in RULES

    # -- what callers use -------------------------------------------------------------
    @property
    def total_steps(self) -> int:
        """How many updates a full run makes."""
        return self.config.steps

    @property
    def next_step(self) -> int:
        """Index of the next update (updates count from 0)."""
        return self._next_step

    @property
    def lr(self) -> float:
        return self._lr

    @property
    def done(self) -> bool:
        return self._stopped or self.divergence is not None or self._next_step >= self.total_steps

    def prepare(self) -> InitialState:
        """Import the framework, build the model and return the starting point (idempotent)."""
        if self.initial is None:
            w0, b0, default_lr = self._setup()
            if self.config.schedule == "piecewise_constant":  # its values are the rates
                default_lr = self.config.values[0]
            lr = default_lr if self.config.lr is None else self.config.lr
            self._apply_lr(lr)
            self._lr = lr
            loss0 = float(self.stats.mse(w0, b0))
            # The scale a run is judged against: its own start, or the loss of the zero line.
            with np.errstate(over="ignore", invalid="ignore"):
                scale = max(loss0, float(self.stats.mse(0.0, 0.0)), np.finfo(float).tiny)
            # Capped: a limit that overflowed to inf would let an exploding run pass unnoticed.
            # Any non-finite loss or parameter is divergence whatever the limit.
            self._loss_limit = min(DIVERGENCE_FACTOR * scale, float(np.finfo(float).max))
            self.initial = InitialState(
                float(w0), float(b0), lr, loss0, float(default_lr), tuple(self.hyper.items())
            )
            if self.config.schedule == "plateau" and not self.own_plateau:
                self._plateau = plateau_callback(self.config)
                self._plateau.set_model(_RateOf(self))
                self._plateau.on_train_begin()
                self._start_of_next = (float(w0), float(b0))
        return self.initial

    def set_learning_rate(self, lr: float) -> None:
        """Use ``lr`` from the next update on: a live change (the window's or a plan's), which
        the next chunk reports in its ``live_changes``."""
        if self._set_rate(lr):
            self._live.append((self._next_step, self._lr))

    def _set_rate(self, lr: float) -> bool:
        """Use ``lr`` from the next update on; whether it differs from the current rate."""
        lr = check_learning_rate(lr)
        if self.initial is None:
            raise RuntimeError("prepare() the trainer before changing its learning rate")
        if lr == self._lr:
            return False
        self._apply_lr(lr)
        self._lr = lr
        return True

    records_rates: bool = False
    """Whether the framework changes the rate inside a chunk and the backend reports each
    update's (keras-fit on plateau)."""
    batch_plan: BatchPlan | None = None
    """Which points each update uses, for minibatch backends (set by their ``_setup``)."""
    own_plateau: ClassVar[bool] = False
    """keras-fit runs ReduceLROnPlateau in its own fit, per epoch; the others per update."""

    def advance(self, k: int) -> Chunk:
        """Make up to ``k`` updates and return them; fewer at the end, on divergence or stop."""
        if self.initial is None:
            self.prepare()
        chunk = self._advance_on_plateau(k) if self._plateau is not None else self._advance(k)
        if self._live and len(chunk):
            last = int(chunk.step[-1])
            taken = tuple(c for c in self._live if c[0] <= last)
            self._live = [c for c in self._live if c[0] > last]
            chunk = replace(chunk, live_changes=taken)
        return chunk

    def _advance_on_plateau(self, k: int) -> Chunk:
        """Updates one by one, each followed by ReduceLROnPlateau's ``on_epoch_end`` with the
        loss it started from: a full-batch update is an epoch of ``fit``, whose epoch loss is
        that of the weights its one batch started from."""
        chunks = []
        for _ in range(max(int(k), 0)):
            w, b = self._start_of_next
            chunk = self._advance(1)
            if not len(chunk):
                break
            chunks.append(chunk)
            self._start_of_next = (float(chunk.w[-1]), float(chunk.b[-1]))
            loss = float(self.stats.mse(w, b))
            self._plateau.on_epoch_end(int(chunk.step[-1]), {"loss": loss})
        return Chunk.concat(chunks)

    def _advance(self, k: int) -> Chunk:
        k = min(int(k), self.total_steps - self._next_step)
        if self.done or k <= 0:
            return Chunk.empty()
        w, b = self._run(k)
        w = np.asarray(w, dtype=np.float64)
        b = np.asarray(b, dtype=np.float64)
        count = w.size
        steps = np.arange(self._next_step, self._next_step + count, dtype=np.int64)
        with np.errstate(over="ignore", invalid="ignore"):
            loss = self.stats.mse(w, b)
            finite = np.isfinite(w) & np.isfinite(b) & np.isfinite(loss)
            bad = ~(finite & (loss <= self._loss_limit))
        self._next_step += count
        own_rates = self.scheduled or self.records_rates
        rates = self._rates(int(steps[0]), count) if own_rates else np.full(count, self._lr)
        if bad.any():
            first = int(np.argmax(bad))
            self.divergence = Divergence(int(steps[first]), float(rates[first]), float(loss[first]))
            w, b, loss, steps, rates = (
                w[:first],
                b[:first],
                loss[:first],
                steps[:first],
                rates[:first],
            )
        return Chunk(steps, w, b, loss, rates, self.batch_plan)

    @property
    def chunk_size(self) -> int:
        return self.chunk_sizes.get(self.engine, 100)

    def start_values(self, w_default: float, b_default: float) -> tuple[float, float]:
        """The configured (w0, b0), with the backend's own defaults for ``Init("default")``."""
        init = self.config.init
        if init.kind == "zeros":
            return 0.0, 0.0
        if init.kind == "values":
            return init.w, init.b
        return w_default, b_default

    def stop(self) -> None:
        """End the run early; :attr:`done` becomes true."""
        self._stopped = True

    def close(self) -> None:
        """Release the framework's resources (sessions, helper threads)."""
        self.stop()
        self._close()

    def __enter__(self) -> Trainer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- what a backend implements ----------------------------------------------------
    @abstractmethod
    def _setup(self) -> tuple[float, float, float]:
        """Build the model at the configured start; return (w0, b0, the backend's default lr)."""

    @abstractmethod
    def _apply_lr(self, lr: float) -> None:
        """Make the framework use ``lr`` from its next update."""

    @abstractmethod
    def _run(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Make exactly ``k`` updates with the current lr; return w and b after each."""

    def _rates(self, first: int, count: int) -> np.ndarray:
        """The rates the schedule gave updates ``first`` … ``first + count - 1`` (with the
        base rate they were made at)."""
        raise NotImplementedError(f"{self.name} has no learning-rate schedules")

    def _close(self) -> None:  # noqa: B027 - most backends hold nothing to release
        """Release resources; most backends hold none."""
