"""Learning-rate schedules with Keras's ``LearningRateSchedule`` semantics (framework-free at
import): update ``k`` (counted from 0, the optimizer's update count) uses ``schedule(k)``.

Each backend uses its framework's own schedule: Keras's schedule objects (tf, keras,
keras-fit), ``tf.compat.v1.train.exponential_decay`` and its kin on a global step (tf1), and
Keras's formulas in float64 (numpy). The schedule's ``initial_learning_rate`` is the run's
learning rate, its *base*: a live change of the learning rate (the window's, or ``--lr-at``)
sets the base from the next update on, and the schedule goes on counting its steps.
"""

from __future__ import annotations

import inspect
import math
from typing import Any

from trainers.messages import QT_TRANSLATE_NOOP, ConfigError

SCHEDULES: tuple[str, ...] = ("constant", "exponential", "inverse_time", "cosine", "plateau")
RULES = frozenset({"constant", "plateau"})
"""Not a function of the update count: the rate stays until it is changed (plateau: by
Keras's ``ReduceLROnPlateau`` on the loss)."""

KERAS_SCHEDULES = {
    "exponential": "ExponentialDecay",
    "inverse_time": "InverseTimeDecay",
    "cosine": "CosineDecay",
}
TF1_SCHEDULES = {
    "exponential": "exponential_decay",
    "inverse_time": "inverse_time_decay",
    "cosine": "cosine_decay",
}
"""``tf.compat.v1.train`` functions of a global step; their arguments have Keras's names."""

SCHEDULE_KEYS: dict[str, tuple[str, ...]] = {
    "constant": (),
    "exponential": ("decay_steps", "decay_rate", "staircase"),
    "inverse_time": ("decay_steps", "decay_rate", "staircase"),
    "cosine": ("decay_steps", "alpha"),
    "plateau": ("factor", "patience", "min_delta", "cooldown", "min_lr"),
}
WHOLE = frozenset({"patience", "cooldown"})
"""Values Keras counts in epochs (updates here): whole numbers."""


def check_name(name: Any) -> str:
    if name not in SCHEDULES:
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "trainers", "unknown learning-rate schedule '{name}' (choose from: {choices})"
            ),
            name=name,
            choices=", ".join(SCHEDULES),
        )
    return name


def assignments(text: str) -> list[str]:
    """``NAME[:KEY=VALUE,...]`` as ``["schedule=NAME", "KEY=VALUE", ...]``."""
    name, _, rest = text.partition(":")
    pairs = [p.strip() for p in rest.split(",") if p.strip()] if rest else []
    for pair in pairs:
        if "=" not in pair:
            raise ConfigError(
                QT_TRANSLATE_NOOP(
                    "trainers",
                    "schedule option '{text}' should be KEY=VALUE, e.g. "
                    "exponential:decay_steps=100,decay_rate=0.5",
                ),
                text=pair,
            )
    return [f"schedule={name.strip()}", *pairs]


def parse_schedule(text: str | None) -> dict[str, str]:
    """Check ``--schedule NAME[:KEY=VALUE,...]``: a known name, and only its keys."""
    if text is None:
        return {}
    found = dict(a.partition("=")[::2] for a in assignments(text))
    name = check_name(found.pop("schedule"))
    for key in found:
        if key not in SCHEDULE_KEYS[name]:
            raise ConfigError(
                QT_TRANSLATE_NOOP(
                    "trainers", "schedule {name} has no option '{key}' (its options: {keys})"
                ),
                name=name,
                key=key,
                keys=", ".join(SCHEDULE_KEYS[name]) or "none",
            )
    return found


def given(config: Any) -> dict[str, Any]:
    """The schedule's values the run sets (None and a false ``staircase``: Keras's own)."""
    values = {key: getattr(config, key) for key in SCHEDULE_KEYS[config.schedule]}
    return {k: v for k, v in values.items() if v is not None and v is not False}


def keras_schedule_class(name: str) -> Any:
    """Keras's schedule class, or ``ReduceLROnPlateau`` for ``plateau``."""
    from trainers.tensorflow_import import import_keras

    keras = import_keras()
    if name == "plateau":
        return keras.callbacks.ReduceLROnPlateau
    return getattr(keras.optimizers.schedules, KERAS_SCHEDULES[name])


def check_complete(config: Any) -> None:
    """Refuse a schedule without a value that has no default in Keras (e.g. decay_steps)."""
    if config.schedule == "constant":
        return
    parameters = inspect.signature(keras_schedule_class(config.schedule)).parameters
    values = given(config)
    missing = [
        key
        for key in SCHEDULE_KEYS[config.schedule]
        if key not in values and parameters[key].default is inspect.Parameter.empty
    ]
    if config.schedule == "plateau":
        for key in WHOLE:
            if key in values and values[key] != int(values[key]):
                raise ConfigError(_PLATEAU_WHOLE, key=key, value=values[key])
        if values.get("factor", 0.0) >= 1.0:
            raise ConfigError(_PLATEAU_FACTOR, value=values["factor"])
    if missing:
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "trainers", "schedule {name} needs {keys} (Keras has no default for them)"
            ),
            name=config.schedule,
            keys=", ".join(missing),
        )


_PLATEAU_WHOLE = QT_TRANSLATE_NOOP(
    "trainers", "plateau's {key} counts updates: a whole number, got {value}"
)
_PLATEAU_FACTOR = QT_TRANSLATE_NOOP(
    "trainers", "plateau's factor must be below 1 (it multiplies the rate), got {value}"
)


def plateau_callback(config: Any) -> Any:
    """Keras's own ``ReduceLROnPlateau`` on the loss, with the values the run sets."""
    values = {k: int(v) if k in WHOLE else v for k, v in given(config).items()}
    return keras_schedule_class("plateau")(monitor="loss", **values)


def resolved(config: Any) -> dict[str, Any]:
    """Every value of the schedule: the given ones, Keras's defaults for the rest."""
    parameters = inspect.signature(keras_schedule_class(config.schedule)).parameters
    values = {key: parameters[key].default for key in SCHEDULE_KEYS[config.schedule]}
    values.update(given(config))
    return values


def keras_schedule(config: Any, base: Any) -> Any:
    """Keras's schedule object, starting from ``base`` (a variable: live changes)."""
    return keras_schedule_class(config.schedule)(initial_learning_rate=base, **given(config))


def tf1_rate(config: Any, base: Any, global_step: Any) -> Any:
    """The ``tf.compat.v1.train`` decay of ``base`` at ``global_step`` (a graph tensor)."""
    from trainers.tensorflow_import import import_tensorflow

    decay = getattr(import_tensorflow().compat.v1.train, TF1_SCHEDULES[config.schedule])
    return decay(base, global_step, **given(config))


def numpy_rate(name: str, values: dict[str, Any], base: float, step: int) -> float:
    """Keras's formula in float64: the rate of update ``step``."""
    if name == "constant":
        return base
    decay_steps = float(values["decay_steps"])
    if name == "cosine":
        completed = min(float(step), decay_steps) / decay_steps
        cosine = 0.5 * (1.0 + math.cos(math.pi * completed))
        alpha = float(values["alpha"])
        return base * ((1 - alpha) * cosine + alpha)
    p = step / decay_steps
    if values["staircase"]:
        p = math.floor(p)
    if name == "exponential":
        return base * float(values["decay_rate"]) ** p
    return base / (1.0 + float(values["decay_rate"]) * p)
