"""``plateau`` in an exported full-batch script, as the app runs it (``Trainer`` in
:mod:`trainers.base`): one full-batch update is one epoch of ``fit`` with the whole data as
its batch, so after every update ReduceLROnPlateau sees the loss of the weights that update
started from (float64, on the float64 points) and may lower the rate from the next update on.

The Keras script drives Keras's own callback by hand (``set_model``, ``on_train_begin``,
``on_epoch_end``); the NumPy, TensorFlow and TensorFlow 1 scripts write its rule out, as
Keras 3 runs it (it compares the losses in float32), with the rate as a Python number as the
app keeps it.
"""

from __future__ import annotations

from typing import Any

from trainers.lr_schedules import WHOLE
from trainers.lr_schedules import given as schedule_given
from trainers.lr_schedules import resolved as schedule_values
from trainers.optimizers import is_plain


def full_batch_plateau(name: str, config: Any) -> bool:
    return config.schedule == "plateau" and name != "keras-fit"


_EPOCH_LOSS = '''# float64 points, for the loss ReduceLROnPlateau watches (as in the app).
X64, Y64 = np.array(X), np.array(Y)


def epoch_loss(w, b):
    """The loss of the whole data at (w, b), the weights an update starts from: one full-batch
    update is one epoch of fit, whose loss is that of its one batch."""
    return float(np.mean((float(w) * X64 + float(b) - Y64) ** 2))'''

_RULE = '''class Plateau:
    """Keras's ReduceLROnPlateau(monitor="loss") written out, as Keras 3 runs it."""

    def __init__(self):
        self.best = None
        self.wait = 0
        self.cooldown_counter = 0

    def on_epoch_end(self, loss, lr):
        """After an update, with the loss it started from: the rate from the next update on."""
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.wait = 0
        # An improvement: loss + min_delta below the best (Keras compares in float32).
        if self.best is None or np.float32(loss + MIN_DELTA) < np.float32(self.best):
            self.best = loss
            self.wait = 0
        elif self.cooldown_counter <= 0:
            self.wait += 1
            if self.wait >= PATIENCE and lr > np.float32(MIN_LR):
                lr = max(lr * FACTOR, MIN_LR)
                self.cooldown_counter = COOLDOWN
                self.wait = 0
        return lr


plateau = Plateau()'''


def sections(name: str, config: Any) -> list[str]:
    """``epoch_loss`` (and the written-out rule) before the training code."""
    if not full_batch_plateau(name, config):
        return []
    return [_EPOCH_LOSS] if name == "keras" else [_EPOCH_LOSS, _RULE]


def constants(name: str, config: Any) -> list[str]:
    """The rule's values for the written-out rule (Keras's defaults for those not given)."""
    if not full_batch_plateau(name, config) or name == "keras":
        return []
    chosen = schedule_given(config)
    lines = ["# ReduceLROnPlateau's values (Keras's own defaults where the card sets none)"]
    for key, value in schedule_values(config).items():
        value = int(value) if key in WHOLE else float(value)
        lines.append(
            f"{key.upper()} = {value!r}" + ("" if key in chosen else "  # Keras's default")
        )
    return lines


def callback(config: Any) -> list[str]:
    """``plateau = keras.callbacks.ReduceLROnPlateau(...)`` with the values the card sets (the
    rest: the callback's own defaults)."""
    values = {k: int(v) if k in WHOLE else v for k, v in schedule_given(config).items()}
    return [
        "plateau = keras.callbacks.ReduceLROnPlateau(",
        '    monitor="loss",',
        *(f"    {k}={v!r}," for k, v in values.items()),
        ")",
    ]


def keras_callback(config: Any) -> list[str]:
    """Keras's own callback, driven by hand after each update."""
    return [
        "# Keras's own ReduceLROnPlateau, driven by hand: after each update (one epoch of the",
        "# whole data), on the loss of the weights that update started from.",
        *callback(config),
        "plateau.set_model(model)",
        "plateau.on_train_begin()",
    ]


def around(name: str, config: Any, indent: str) -> tuple[list[str], list[str]]:
    """Lines before and after one update in the loop: the loss it starts from, then the rule
    (tf and tf1 keep the rate as a Python number, ``rate``, and set their variable from it)."""
    if not full_batch_plateau(name, config):
        return [], []
    plain = config.optimizer == "sgd" and is_plain(config.optimizer, config.__dict__)
    start = {
        "numpy": ["loss = epoch_loss(w, b)" if plain else "loss = epoch_loss(*theta)"],
        "tf": ["loss = epoch_loss(w.numpy(), b.numpy())"],
        "tf1": ["loss = epoch_loss(*sess.run([w, b]))"],
        "keras": [
            "kernel, bias = layer.get_weights()",
            "loss = epoch_loss(kernel[0, 0], bias[0])",
        ],
    }[name]
    after = {
        "numpy": ["lr = plateau.on_epoch_end(loss, lr)"],
        "keras": ['plateau.on_epoch_end(step, {"loss": loss})'],
        "tf": [
            "rate = plateau.on_epoch_end(loss, rate)",
            "lr.assign(rate)" if plain else "optimizer.learning_rate.assign(rate)",
        ],
        "tf1": ["rate = plateau.on_epoch_end(loss, rate)", "sess.run(set_lr, {new_lr: rate})"],
    }[name]
    return [indent + line for line in start], [indent + line for line in after]


def rate_start(name: str, config: Any, has_lr: bool, indent: str = "") -> list[str]:
    """tf and tf1: the rate as a Python number, before the loop."""
    if not full_batch_plateau(name, config) or name not in ("tf", "tf1"):
        return []
    start = "LEARNING_RATE" if has_lr else "float(optimizer.learning_rate)"
    return [f"{indent}rate = {start}  # the rate as a number, as ReduceLROnPlateau reads it"]


def rate_change(name: str, config: Any, indent: str) -> list[str]:
    """tf and tf1: a planned change sets the number too."""
    if not full_batch_plateau(name, config) or name not in ("tf", "tf1"):
        return []
    return [f"{indent}rate = LR_CHANGES[step]"]
