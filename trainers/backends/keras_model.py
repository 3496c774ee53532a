"""The original post's Keras model, with every default taken from Keras itself."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from trainers.config import RunConfig
from trainers.data import Dataset
from trainers.lr_schedules import RULES, keras_schedule, scaled_values
from trainers.optimizers import framework_defaults, given, keras_class


class KerasModel:
    """``Sequential([Dense(1)])`` compiled with ``loss="mse", optimizer="sgd"`` (or the run's
    Keras optimizer, see :func:`keras_optimizer`) for one data set, reset for each run (the
    optimizer's state too) and reused run after run (see model_pool). An engine may build it
    from a subclass of ``Sequential`` and add compile options (keras-fit's compiled engine).

    Everything a run starts from comes from Keras at run time: the learning rate ``"sgd"``
    chose, the Dense layer's own kernel initializer (glorot_uniform) made reproducible with the
    run's seed, and its own bias initializer (zeros).
    """

    def __init__(
        self,
        keras: ModuleType,
        data: Dataset,
        sequential: Any = None,
        optimizer: Any = "sgd",
        base: Any = None,
        **compile_options: Any,
    ) -> None:
        self.keras = keras
        sequential = sequential or keras.Sequential
        self.model = sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
        self.model.compile(loss="mse", optimizer=optimizer, **compile_options)
        self.base = base  # a schedule's initial rate (a variable), or None
        source = self.model.optimizer.learning_rate if base is None else base
        self.default_lr = float(source)
        self.model.optimizer.build(self.model.trainable_variables)
        # The optimizer's state as built (slots at their initial values), for every reset.
        self._fresh = [v.numpy() for v in self.model.optimizer.variables]
        self.layer = self.model.layers[0]
        self.x = data.x.astype(np.float32)[:, None]
        self.y = data.y.astype(np.float32)[:, None]
        self.compiled_chunk: Any = None  # built by the compiled engine on first use
        self.recorder: Any = None  # keras-fit's compiled engine: its per-batch buffer

    def reset(self, config: RunConfig) -> tuple[float, float]:
        """Put the model at the run's start (and the optimizer at step 0, Keras's default lr);
        return (w0, b0)."""
        layer = self.layer
        if config.init.kind == "default":
            default = layer.kernel_initializer
            seeded = type(default).from_config({**default.get_config(), "seed": config.init_seed})
            kernel = seeded(shape=layer.kernel.shape, dtype=layer.kernel.dtype)
            bias = layer.bias_initializer(shape=layer.bias.shape, dtype=layer.bias.dtype)
        else:
            w0, b0 = (0.0, 0.0) if config.init.kind == "zeros" else (config.init.w, config.init.b)
            kernel = np.array([[w0]], dtype=np.float32)
            bias = np.array([b0], dtype=np.float32)
        layer.kernel.assign(kernel)
        layer.bias.assign(bias)
        optimizer = self.model.optimizer
        for variable, fresh in zip(optimizer.variables, self._fresh, strict=True):
            variable.assign(fresh)
        optimizer.iterations.assign(0)
        self.set_lr(self.default_lr)
        return self.weights()

    def weights(self) -> tuple[float, float]:
        """(w, b) of the single Dense unit."""
        return float(self.layer.kernel.numpy()[0, 0]), float(self.layer.bias.numpy()[0])

    def set_lr(self, lr: float) -> None:
        """The learning rate from the next update on (on a schedule: its initial rate)."""
        if self.base is not None:
            self.base.assign(lr)
        else:
            self.model.optimizer.learning_rate.assign(lr)

    def rates(self, first: int, count: int) -> np.ndarray:
        """The rates the schedule gives updates first … first + count - 1: Keras's schedule
        object, called as the optimizer calls it (with its update count)."""
        schedule = self.model.optimizer._learning_rate
        return np.array([float(schedule(np.int64(s))) for s in range(first, first + count)])


def keras_optimizer(config: RunConfig, base: Any = None) -> Any:
    """What ``compile`` gets: ``"sgd"`` for the post's plain default, else the Keras class of
    the run's optimizer with the hyper-parameters it sets (the rest: Keras's defaults); on a
    schedule, Keras's schedule object from the variable ``base``."""
    values = given(config)
    if base is not None:
        return keras_class(config.optimizer)(learning_rate=keras_schedule(config, base), **values)
    if config.optimizer == "sgd" and not values:
        return "sgd"
    return keras_class(config.optimizer)(**values)


def schedule_base(tf: Any, backend: str, config: RunConfig, default: float | None = None) -> Any:
    """The variable a schedule starts from (its initial_learning_rate), at the optimizer's
    own default learning rate (or ``default``); None without a schedule."""
    if config.schedule in RULES:  # constant, or changed from outside (plateau)
        return None
    if config.schedule == "piecewise_constant":
        return PiecewiseValues(tf, config.values)
    if default is None:
        default = framework_defaults(backend, config.optimizer)["learning_rate"]
    return tf.Variable(default, dtype=tf.float32, trainable=False)


class PiecewiseValues:
    """piecewise_constant's values as variables, given to Keras's ``PiecewiseConstantDecay``:
    the learning rate is the first value, and setting it scales every value by new/old
    (:func:`lr_schedules.scaled_values`), so the shape stays. Stands where other schedules'
    base variable does (``assign``, ``float``)."""

    def __init__(self, tf: Any, values: tuple[float, ...]) -> None:
        self.values = tuple(values)
        self.variables = [tf.Variable(v, dtype=tf.float32, trainable=False) for v in values]

    def assign(self, lr: float) -> None:
        for variable, value in zip(self.variables, scaled_values(self.values, lr), strict=True):
            variable.assign(value)

    def __float__(self) -> float:
        """The rate the values start at (exact, not its float32), the run's default."""
        return self.values[0]
