"""piecewise_constant's part of an exported script: its values are the rates, so the learning
rate is the first value, and a new one scales every value by new/old (as the app does, see
:func:`trainers.lr_schedules.scaled_values`). ``BOUNDARIES`` and ``VALUES`` are the script's
constants (the settings' own)."""

from __future__ import annotations

from typing import Any

_SCALED = '''def scaled(lr):
    """VALUES with the first at lr, every value scaled by lr / VALUES[0]: the values are the
    rates, so the learning rate is the first one, and a new one keeps the shape."""
    if lr == VALUES[0]:
        return list(VALUES)
    return [lr, *(v * (lr / VALUES[0]) for v in VALUES[1:])]'''

_SET_RATES = '''def set_rates(lr):
    """A new learning rate: every value scaled by new/old, from the next update on."""
    for rate, value in zip(rates, scaled(lr), strict=True):
        rate.assign(value)'''


def piecewise(config: Any) -> bool:
    return config.schedule == "piecewise_constant"


def functions(name: str, config: Any) -> list[str]:
    """The script's sections defining ``scaled`` (and ``set_rates`` where variables hold the
    values); none without piecewise_constant."""
    if not piecewise(config):
        return []
    return [_SCALED] if name in ("numpy", "tf1") else [_SCALED, _SET_RATES]


def rate_variables(variable: str) -> list[str]:
    """``rates = [...]``: one variable per value (``variable`` with ``v`` as its value)."""
    return [
        "# The values, as variables: a new learning rate scales them (set_rates).",
        f"rates = [{variable} for v in scaled(LEARNING_RATE)]",
    ]


KERAS_SCHEDULE = [
    "# Keras's schedule: update k (from 0) uses VALUES[i] while k <= BOUNDARIES[i], the last",
    "# value after the last boundary.",
    "schedule = keras.optimizers.schedules.PiecewiseConstantDecay(list(BOUNDARIES), rates)",
]

NUMPY_RATE = [
    "def rate(step, base):",
    '    """Keras\'s PiecewiseConstantDecay, its values scaled to start at base."""',
    "    piece = sum(1 for boundary in BOUNDARIES if step > boundary)",
    "    return scaled(base)[piece]",
]

TF1_RATES = [
    "    # The values, as variables: a new learning rate scales them (set_rates).",
    "    rates = [v1.Variable(v, dtype=tf.float32, trainable=False)"
    " for v in scaled(LEARNING_RATE)]",
]
TF1_SET_RATES = [
    "    new_rates = v1.placeholder(tf.float32, shape=(len(VALUES),))",
    "    set_rates = tf.group(*(v1.assign(r, new_rates[i]) for i, r in enumerate(rates)))",
]
TF1_RUN_SET_RATES = "sess.run(set_rates, {new_rates: scaled(LR_CHANGES[step])})"
