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
import re
from typing import Any

from trainers.messages import QT_TRANSLATE_NOOP, ConfigError

SCHEDULES: tuple[str, ...] = (
    "constant",
    "exponential",
    "inverse_time",
    "piecewise_constant",
    "cosine",
    "plateau",
)
RULES = frozenset({"constant", "plateau"})
"""Not a function of the update count: the rate stays until it is changed (plateau: by
Keras's ``ReduceLROnPlateau`` on the loss)."""

KERAS_SCHEDULES = {
    "exponential": "ExponentialDecay",
    "inverse_time": "InverseTimeDecay",
    "piecewise_constant": "PiecewiseConstantDecay",
    "cosine": "CosineDecay",
}
TF1_SCHEDULES = {
    "exponential": "exponential_decay",
    "inverse_time": "inverse_time_decay",
    "piecewise_constant": "piecewise_constant",
    "cosine": "cosine_decay",
}
"""``tf.compat.v1.train`` functions of a global step; their arguments have Keras's names."""

SCHEDULE_KEYS: dict[str, tuple[str, ...]] = {
    "constant": (),
    "exponential": ("decay_steps", "decay_rate", "staircase"),
    "inverse_time": ("decay_steps", "decay_rate", "staircase"),
    "piecewise_constant": ("boundaries", "values"),
    "cosine": ("decay_steps", "alpha"),
    "plateau": ("factor", "patience", "min_delta", "cooldown", "min_lr"),
}
WHOLE = frozenset({"patience", "cooldown"})
"""Values Keras counts in epochs (updates here): whole numbers."""
LIST_SEPARATOR = "/"
"""Between the items of a list on the command line (the comma separates the keys):
``piecewise_constant:boundaries=100/500,values=0.1/0.05/0.01``."""


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
                    "exponential:decay_steps=100,decay_rate=0.5 (a list's items are separated "
                    "by '/': piecewise_constant:boundaries=100/500,values=0.1/0.05/0.01)",
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


REQUIRED: dict[str, tuple[str, ...]] = {
    "exponential": ("decay_steps", "decay_rate"),
    "inverse_time": ("decay_steps", "decay_rate"),
    "piecewise_constant": ("boundaries", "values"),
    "cosine": ("decay_steps",),
}
"""The values Keras's schedule has no default for (tests compare with its signatures): known
without importing Keras, so that the window can say what is missing before any run."""


def always_required(key: str) -> bool:
    """Whether every schedule with ``key`` needs it given (decay_steps: yes; alpha: no)."""
    using = [name for name, keys in SCHEDULE_KEYS.items() if key in keys]
    return bool(using) and all(key in REQUIRED.get(name, ()) for name in using)


class Incomplete(ConfigError):
    """A schedule still waits for values it needs: nothing wrong, only not yet filled in."""


def missing(config: Any) -> list[str]:
    """The values the run's schedule needs and does not have yet."""
    values = given(config)
    return [key for key in REQUIRED.get(config.schedule, ()) if key not in values]


def check_complete(config: Any) -> None:
    """Refuse a schedule without a value that has no default in Keras (Incomplete, e.g.
    decay_steps) or with values that do not fit together (ConfigError)."""
    values = given(config)
    if config.schedule == "plateau":
        for key in WHOLE:
            if key in values and values[key] != int(values[key]):
                raise ConfigError(_PLATEAU_WHOLE, key=key, value=values[key])
        if values.get("factor", 0.0) >= 1.0:
            raise ConfigError(_PLATEAU_FACTOR, value=values["factor"])
    keys = missing(config)
    if keys:
        raise Incomplete(
            _NEEDS_THEM if len(keys) > 1 else _NEEDS_IT,
            name=config.schedule,
            keys=", ".join(keys),
        )
    if config.schedule == "piecewise_constant":
        pieces = len(values["boundaries"]), len(values["values"])
        if pieces[1] != pieces[0] + 1:
            raise ConfigError(_PIECES, boundaries=pieces[0], values=pieces[1])


_NEEDS_IT = QT_TRANSLATE_NOOP(
    "trainers", "schedule {name} needs {keys} (Keras has no default for it)"
)
_NEEDS_THEM = QT_TRANSLATE_NOOP(
    "trainers", "schedule {name} needs {keys} (Keras has no default for them)"
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
    """Keras's schedule object, starting from ``base`` (a variable: live changes; for
    piecewise_constant, :class:`PiecewiseValues`-like, its values as variables)."""
    cls = keras_schedule_class(config.schedule)
    if config.schedule == "piecewise_constant":
        return cls(boundaries=list(config.boundaries), values=list(base.variables))
    return cls(initial_learning_rate=base, **given(config))


def tf1_rate(config: Any, base: Any, global_step: Any) -> Any:
    """The ``tf.compat.v1.train`` decay of ``base`` at ``global_step`` (a graph tensor); for
    piecewise_constant, ``base`` is the list of its values (tensors)."""
    from trainers.tensorflow_import import import_tensorflow

    decay = getattr(import_tensorflow().compat.v1.train, TF1_SCHEDULES[config.schedule])
    if config.schedule == "piecewise_constant":
        return decay(global_step, list(config.boundaries), list(base))
    return decay(base, global_step, **given(config))


def numpy_rate(name: str, values: dict[str, Any], base: float, step: int) -> float:
    """Keras's formula in float64: the rate of update ``step``."""
    if name == "constant":
        return base
    if name == "piecewise_constant":  # values[i] while step <= boundaries[i]
        piece = sum(1 for boundary in values["boundaries"] if step > boundary)
        return scaled_values(values["values"], base)[piece]
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


# -- piecewise_constant: its values are the rates ----------------------------------------------
def scaled_values(values: Any, lr: float) -> tuple[float, ...]:
    """piecewise_constant's values when the learning rate (its first value) is ``lr``: every
    value scaled by ``lr / values[0]``, so the shape stays; the values themselves at their own
    first value."""
    values = tuple(float(v) for v in values)
    if lr == values[0]:
        return values
    return (float(lr), *(v * (lr / values[0]) for v in values[1:]))


def parse_list(text: str, whole: bool) -> tuple[Any, ...] | str:
    """``100/500`` (the command line) or ``100, 500`` (the card) as numbers; the text itself
    if an item is not a number (the check then says so)."""
    items = [t for t in re.split(r"[/,\s]+", text.strip()) if t]
    try:
        return tuple(int(t) if whole else float(t) for t in items)
    except ValueError:
        return text


def check_boundaries(value: Any) -> tuple[int, ...]:
    """Keras's boundaries: update counts (whole, from 0), strictly increasing, at least one."""
    items = _items(value)
    whole = all(isinstance(v, int) and not isinstance(v, bool) for v in items)
    if not (items and whole and items[0] >= 0 and list(items) == sorted(set(items))):
        raise ConfigError(_BOUNDARIES, value=_shown(value), separator=LIST_SEPARATOR)
    return tuple(items)


def check_values(value: Any) -> tuple[float, ...]:
    """piecewise_constant's values: learning rates (finite, above 0), at least two."""
    items = _items(value)
    numbers = all(type(v) in (int, float) and math.isfinite(v) and v > 0 for v in items)
    if not (len(items) >= 2 and numbers):
        raise ConfigError(_VALUES, value=_shown(value), separator=LIST_SEPARATOR)
    return tuple(float(v) for v in items)


def _items(value: Any) -> tuple[Any, ...]:
    return tuple(value) if isinstance(value, (list, tuple)) else ()


def _shown(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


_BOUNDARIES = QT_TRANSLATE_NOOP(
    "trainers",
    "boundaries must be update counts (whole numbers from 0) in strictly increasing order, "
    "separated by '{separator}' (e.g. 100{separator}500), got '{value}'",
)
_VALUES = QT_TRANSLATE_NOOP(
    "trainers",
    "values must be learning rates above 0, at least two, separated by '{separator}' "
    "(e.g. 0.1{separator}0.05{separator}0.01), got '{value}'",
)
_PIECES = QT_TRANSLATE_NOOP(
    "trainers",
    "piecewise_constant needs one more value than boundaries (values[i] is the rate up to "
    "boundaries[i]), got {boundaries} boundaries and {values} values",
)
