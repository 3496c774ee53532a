"""The optimizer's part of an exported script: the framework's own call (Keras's optimizer
classes, ``tf.compat.v1.train`` optimizers), or, for NumPy, Keras's update rule in float64.

Hyper-parameters the card leaves out are left out of the call too, so that the framework uses
its own defaults, as the app does; the NumPy script has no framework, so it spells out Keras's
defaults (read from Keras when the script is written).
"""

from __future__ import annotations

from typing import Any

from trainers.config import POST_SCRIPT_LR
from trainers.lr_schedules import KERAS_SCHEDULES, RULES, SCHEDULE_KEYS, TF1_SCHEDULES
from trainers.lr_schedules import given as schedule_given
from trainers.lr_schedules import resolved as schedule_values
from trainers.optimizers import (
    HYPER_PARAMETERS,
    KERAS_CLASSES,
    TF1,
    framework_defaults,
    given,
    is_plain,
    resolved,
    tf1_arguments,
)
from trainers.scripts import piecewise_code


def plain(config: Any) -> bool:
    """Plain gradient descent at a rate set from outside (constant, or changed by plateau's
    rule between updates), as the app's ``Trainer.plain``: the post's own code, no optimizer
    state."""
    return config.schedule in RULES and is_plain(config.optimizer, config.__dict__)


def scheduled(config: Any) -> bool:
    """Whether a schedule of the update count sets each update's rate."""
    return config.schedule not in RULES


def scheduled_lr(name: str, config: Any) -> float:
    """The initial rate of a schedule when the card sets none: the trainer's default."""
    value = default_lr(name, config)[0]
    if value is None:  # Keras's own default of the optimizer class
        value = framework_defaults("keras", config.optimizer)["learning_rate"]
    return value


def schedule_lines(config: Any, base: str) -> list[str]:
    """Keras's schedule object on the variable ``base``: ``schedule = ...`` (piecewise_constant:
    on the variables ``rates``)."""
    if piecewise_code.piecewise(config):
        return piecewise_code.KERAS_SCHEDULE
    arguments = [f"initial_learning_rate={base}"]
    arguments += [f"{k}={v!r}" for k, v in schedule_given(config).items()]
    call = f"keras.optimizers.schedules.{KERAS_SCHEDULES[config.schedule]}("
    return [
        "# Keras's schedule: update k (from 0) uses schedule(k). Its initial rate is a variable,",
        "# so that a change of the learning rate sets that base from the next update on.",
        f"schedule = {call}",
        *(f"    {a}," for a in arguments),
        ")",
    ]


def tf1_schedule_call(config: Any, base: str, step: str) -> str:
    """``v1.train.exponential_decay(learning_rate, global_step, decay_steps=...)``."""
    if piecewise_code.piecewise(config):  # its values: the variables ``rates``
        return f"v1.train.piecewise_constant({step}, list(BOUNDARIES), rates)"
    arguments = [base, step, *(f"{k}={v!r}" for k, v in schedule_given(config).items())]
    return f"v1.train.{TF1_SCHEDULES[config.schedule]}({', '.join(arguments)})"


def numpy_rate_lines(config: Any) -> list[str]:
    """``def rate(step, base)``: Keras's formula of the schedule in float64."""
    name = config.schedule
    if piecewise_code.piecewise(config):
        return piecewise_code.NUMPY_RATE
    lines = ["def rate(step, base):", f'    """Keras\'s {KERAS_SCHEDULES[name]}, in float64."""']
    if name == "cosine":
        return [
            *lines,
            "    completed = min(float(step), DECAY_STEPS) / DECAY_STEPS",
            "    cosine = 0.5 * (1.0 + math.cos(math.pi * completed))",
            "    return base * ((1 - ALPHA) * cosine + ALPHA)",
        ]
    lines.append("    p = step / DECAY_STEPS")
    if schedule_values(config)["staircase"]:
        lines.append("    p = math.floor(p)  # staircase")
    if name == "exponential":
        return [*lines, "    return base * DECAY_RATE**p"]
    return [*lines, "    return base / (1.0 + DECAY_RATE * p)"]


def numpy_schedule_constants(config: Any) -> list[str]:
    values = schedule_values(config)
    chosen = schedule_given(config)
    lines = [f"# the {config.schedule} schedule, as Keras defines it"]
    for key in SCHEDULE_KEYS[config.schedule]:
        if key in ("staircase", "boundaries", "values"):
            continue  # written into rate() itself; lists are the settings' own constants
        value = float(values[key])
        lines.append(
            f"{key.upper()} = {value!r}" + ("" if key in chosen else "  # Keras's default")
        )
    return lines


def default_lr(name: str, config: Any) -> tuple[float | None, str]:
    """The learning rate a script starts with when the card sets none, and where it comes
    from; None: the optimizer's call takes its framework's own default."""
    if name.startswith("keras"):
        return None, f"Keras's own default for optimizer='{config.optimizer}'"
    if config.optimizer == "sgd":
        return POST_SCRIPT_LR, f"the original post's GradientDescentOptimizer({POST_SCRIPT_LR!r})"
    if name == "tf":
        return None, f"Keras's own default for {KERAS_CLASSES[config.optimizer]}"
    own = framework_defaults(name, config.optimizer)
    if name == "tf1":
        if "learning_rate" in own:
            return own["learning_rate"], f"{TF1[config.optimizer][0]}'s own default"
        return POST_SCRIPT_LR, (
            f"{TF1[config.optimizer][0]} has no default; the original post's {POST_SCRIPT_LR!r}"
        )
    return own["learning_rate"], f"Keras's default for {KERAS_CLASSES[config.optimizer]}"


def keras_call(config: Any, lr: str | None = None) -> str:
    """``keras.optimizers.Adam(beta_1=0.8)``: the class with the values the card sets."""
    arguments = [f"learning_rate={lr}"] if lr else []
    arguments += [f"{key}={value!r}" for key, value in given(config).items()]
    return f"keras.optimizers.{KERAS_CLASSES[config.optimizer]}({', '.join(arguments)})"


def tf1_call(config: Any, lr: str) -> str:
    """``v1.train.AdamOptimizer(learning_rate, beta1=0.8)``, Keras's names mapped."""
    if is_plain(config.optimizer, config.__dict__):
        return f"v1.train.GradientDescentOptimizer({lr})"
    arguments = [lr, *(f"{k}={v!r}" for k, v in tf1_arguments(config).items())]
    return f"v1.train.{TF1[config.optimizer][0]}({', '.join(arguments)})"


def numpy_constants(config: Any) -> list[str]:
    """``BETA_1 = 0.9  # Keras's default``: every hyper-parameter the rule uses."""
    values = resolved("numpy", config)
    chosen = given(config)
    keras_name = KERAS_CLASSES[config.optimizer]
    lines = [f"# {config.optimizer}, as Keras defines it (keras.optimizers.{keras_name})"]
    for key in HYPER_PARAMETERS[config.optimizer]:
        note = "" if key in chosen else "  # Keras's default"
        lines.append(f"{key.upper()} = {values[key]!r}{note}")
    return lines


def numpy_state(config: Any) -> list[str]:
    """The optimizer's state before the first update, as Keras starts it."""
    name = config.optimizer
    if name == "adagrad":
        return ["v = np.full(2, INITIAL_ACCUMULATOR_VALUE)  # Keras's accumulators start here"]
    if name == "ftrl":
        return [
            "accumulator = np.full(2, INITIAL_ACCUMULATOR_VALUE)  # Keras's accumulators",
            "linear = np.zeros(2)",
        ]
    lines = ["m = np.zeros(2)  # Keras's optimizer state starts at zero", "v = np.zeros(2)"]
    if name == "nadam":
        return [*lines, "u_product = 1.0  # the product of Nadam's momentum caches"]
    return lines


def numpy_update(config: Any) -> list[str]:
    """One update of theta = [w, b] with gradient ``grad`` at rate ``lr`` (indented for the
    loop), as the optimizer's ``update_step`` in Keras computes it."""
    name = config.optimizer
    values = resolved("numpy", config)
    if name == "sgd":
        step = "m * MOMENTUM - grad * lr" if values["nesterov"] else "m"
        return ["m = m * MOMENTUM - grad * lr", f"theta = theta + ({step})"]
    if name == "rmsprop":
        lines = [
            "v = RHO * v + (1 - RHO) * np.square(grad)",
            "increment = lr * grad / np.sqrt(v + EPSILON)  # epsilon inside the square root",
        ]
        if values["momentum"] > 0:
            return [*lines, "m = MOMENTUM * m + increment", "theta = theta - m"]
        return [*lines, "theta = theta - increment"]
    if name == "adagrad":
        return [
            "v = v + np.square(grad)",
            "theta = theta - lr * grad / np.sqrt(v + EPSILON)  # epsilon inside the square root",
        ]
    if name in NUMPY_UPDATES:
        return NUMPY_UPDATES[name]
    lines = ["t = step + 1  # Keras counts this update from 1", "m = m + (grad - m) * (1 - BETA_1)"]
    if name == "adamw":  # Keras's AdamW is Adam after the decoupled weight decay
        lines.insert(0, "theta = theta - theta * WEIGHT_DECAY * lr  # w and b alike")
    if name in ("adam", "adamw"):
        return [
            *lines,
            "alpha = lr * math.sqrt(1 - BETA_2**t) / (1 - BETA_1**t)",
            "v = v + (np.square(grad) - v) * (1 - BETA_2)",
            "theta = theta - m * alpha / (np.sqrt(v) + EPSILON)  # epsilon outside the root",
        ]
    return [
        *lines,
        "v = np.maximum(BETA_2 * v, np.abs(grad))",
        "theta = theta - lr * m / ((1 - BETA_1**t) * (v + EPSILON))",
    ]


NUMPY_UPDATES: dict[str, list[str]] = {
    "nadam": [
        "t = step + 1  # Keras counts this update from 1",
        "# the momentum cache of this update and of the next, and their running product",
        "u_t = BETA_1 * (1.0 - 0.5 * 0.96**t)",
        "u_t_1 = BETA_1 * (1.0 - 0.5 * 0.96 ** (t + 1))",
        "u_product = u_product * u_t",
        "m = m + (grad - m) * (1 - BETA_1)",
        "v = v + (np.square(grad) - v) * (1 - BETA_2)",
        "m_hat = u_t_1 * m / (1 - u_product * u_t_1) + (1 - u_t) * grad / (1 - u_product)",
        "v_hat = v / (1 - BETA_2**t)",
        "theta = theta - m_hat * lr / (np.sqrt(v_hat) + EPSILON)",
    ],
    "adadelta": [
        "v = RHO * v + (1 - RHO) * np.square(grad)  # mean of squared gradients",
        "delta = -np.sqrt(m + EPSILON) * grad / np.sqrt(v + EPSILON)",
        "m = RHO * m + (1 - RHO) * np.square(delta)  # mean of squared steps",
        "theta = theta + lr * delta",
    ],
    "ftrl": [
        "power = -LEARNING_RATE_POWER",
        "l2 = L2_REGULARIZATION_STRENGTH + BETA / (2.0 * lr)",
        "shrunk = grad + 2 * L2_SHRINKAGE_REGULARIZATION_STRENGTH * theta",
        "new_accumulator = accumulator + np.square(grad)",
        "linear = linear + shrunk - (new_accumulator**power - accumulator**power) / lr * theta",
        "quadratic = new_accumulator**power / lr + 2 * l2",
        "accumulator = new_accumulator",
        "l1 = L1_REGULARIZATION_STRENGTH",
        "theta = (np.clip(linear, -l1, l1) - linear) / quadratic",
    ],
    "lion": [
        "# a step of exactly lr for w and for b: the sign of the mixed gradient",
        "theta = theta - lr * np.sign(m * BETA_1 + grad * (1.0 - BETA_1))",
        "m = m * BETA_2 + grad * (1.0 - BETA_2)",
    ],
}
"""Keras's ``update_step`` of these optimizers, line for line in float64."""
