"""Why two backends print different numbers, and how to make them agree (Qt-free).

The window words these facts in the user's language; this module only finds them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from trainers import Init, InitialState
from trainers.config import POST_SCRIPT_LR
from trainers.experiment import BackendSpec, Experiment
from trainers.history import RunHistory
from trainers.lr_schedules import SCHEDULE_KEYS
from trainers.messages import QT_TRANSLATE_NOOP
from trainers.optimizers import HYPER_PARAMETERS, TF1_WITHOUT, is_plain

KERAS_BACKENDS = ("keras", "keras-fit")
SCHEDULE_SETTINGS = ("schedule", *dict.fromkeys(k for keys in SCHEDULE_KEYS.values() for k in keys))


@dataclass(frozen=True)
class Effective:
    """The settings a backend really trains with, as far as they are known yet."""

    name: str
    w0: float | None  # None until the framework has drawn it
    b0: float | None
    init: Init
    init_seed: int
    lr: float | None
    lr_is_default: bool
    full_batch: bool
    updates: int
    batch_size: int
    epochs: int
    shuffled: bool
    optimizer: str = "sgd"
    hyper: dict[str, Any] = field(default_factory=dict)
    schedule: tuple[Any, ...] = ("constant",)
    """The learning-rate schedule's name and the values the card sets."""
    """The optimizer's hyper-parameters as far as known: all of them (defaults included) once
    the framework reported them, else the ones the card sets."""


def effective(spec: BackendSpec, initial: InitialState | None, n_points: int) -> Effective:
    """Combine a card with what its framework reported once it built the model."""
    keras_default = spec.name in KERAS_BACKENDS and spec.init.kind == "default"
    if initial is not None:
        w0, b0 = initial.w, initial.b
    elif keras_default:
        w0 = b0 = None
    elif spec.init.kind == "values":
        w0, b0 = spec.init.w, spec.init.b
    else:
        w0 = b0 = 0.0
    # The card's lr is current (it may have changed live); the framework only knows its default.
    if spec.lr is not None:
        lr = spec.lr
    elif initial is not None:
        lr = initial.default_lr
    else:
        lr = None if spec.name in KERAS_BACKENDS else POST_SCRIPT_LR
    fit = spec.name == "keras-fit"
    batch = min(spec.batch_size, n_points) if fit else n_points
    return Effective(
        name=spec.name,
        w0=w0,
        b0=b0,
        init=spec.init,
        init_seed=spec.init_seed,
        lr=lr,
        lr_is_default=spec.lr is None,
        full_batch=batch >= n_points,
        updates=spec.total_updates(n_points),
        batch_size=batch,
        epochs=spec.epochs,
        shuffled=fit and spec.shuffle and batch < n_points,
        optimizer=spec.optimizer,
        schedule=(spec.schedule, *(getattr(spec, k) for k in SCHEDULE_KEYS[spec.schedule])),
        hyper=dict(initial.hyper) if initial is not None and initial.hyper else _set_by(spec),
    )


def _set_by(spec: BackendSpec) -> dict[str, Any]:
    """The hyper-parameters a card sets (None and a false ``nesterov``: the framework's own)."""
    values = {key: getattr(spec, key) for key in HYPER_PARAMETERS[spec.optimizer]}
    return {k: v for k, v in values.items() if v is not None and v is not False}


def differences(settings: list[Effective]) -> list[str]:
    """The topics on which the backends differ: "start", "lr", "updates", "shuffle",
    "schedule", "optimizer", "hyper" (the same optimizer, other values), "formula" (see
    :func:`formula_notes`)."""
    if len(settings) < 2:
        return []
    topics = []
    starts = {(s.w0, s.b0) for s in settings}
    if len(starts) > 1 or any(s.w0 is None for s in settings):
        topics.append("start")
    if len({s.lr for s in settings}) > 1 or any(s.lr is None for s in settings):
        topics.append("lr")
    if len({(s.full_batch, s.updates, s.batch_size) for s in settings}) > 1:
        topics.append("updates")
    if any(s.shuffled for s in settings):
        topics.append("shuffle")
    if len({s.schedule for s in settings}) > 1:
        topics.append("schedule")
    if len({s.optimizer for s in settings}) > 1:
        topics.append("optimizer")
    elif _hyper_differ(settings):
        topics.append("hyper")
    if formula_notes(settings):
        topics.append("formula")
    return topics


def _hyper_differ(settings: list[Effective]) -> bool:
    keys = HYPER_PARAMETERS[settings[0].optimizer]
    return any(len({repr(s.hyper.get(key)) for s in settings}) > 1 for key in keys)


@dataclass(frozen=True)
class FormulaNote:
    """A difference between TensorFlow 1's and Keras's definition of the same optimizer that no
    argument of either changes: Align cannot remove it. ``text`` is marked for translation
    (context ``Differences``) and formatted with ``params``."""

    key: str
    text: str
    params: dict[str, Any]


RMS_START = FormulaNote(
    "rms_start",
    QT_TRANSLATE_NOOP(
        "Differences",
        "RMSprop's mean of squared gradients starts at {tf1} in TensorFlow 1 (RMSPropOptimizer's "
        "'rms' slot uses ones_initializer) and at {keras} in Keras (RMSprop's velocities start "
        "at zeros). Neither has an argument for it, so Align cannot make them agree: the first "
        "steps of TensorFlow 1 are much shorter.",
    ),
    {"tf1": 1.0, "keras": 0.0},
)
MOMENTUM_FORM = FormulaNote(
    "momentum_form",
    QT_TRANSLATE_NOOP(
        "Differences",
        "Momentum: TensorFlow 1's MomentumOptimizer keeps a sum of gradients "
        "(accum = momentum·accum + g; w −= lr·accum), Keras's SGD a sum of steps "
        "(m = momentum·m − lr·g; w += m). With a constant learning rate both give the same "
        "numbers; after a learning-rate change TensorFlow 1 applies the new rate to the "
        "remembered gradients too, Keras only to new ones.",
    ),
    {},
)


@dataclass(frozen=True)
class DefaultNote(FormulaNote):
    """A default that TensorFlow 1 and Keras give the same optimizer differently (``params``:
    each framework's value, as their signatures have it; tests/test_optimizer_differences.py
    reads them there). Unlike a :class:`FormulaNote`, Align removes it: it sets the value."""

    optimizer: str = ""
    setting: str = ""
    """Keras's name of the hyper-parameter, or ``lr``."""


ADADELTA_EPSILON = DefaultNote(
    "adadelta_epsilon",
    QT_TRANSLATE_NOOP(
        "Differences",
        "Adadelta's epsilon is {tf1} in TensorFlow 1 (AdadeltaOptimizer) and {keras} in Keras "
        "(Adadelta). Its steps start from sqrt(epsilon): the first is about "
        "lr·sqrt(epsilon / (1 − rho)) long, so Keras's first steps are √10 ≈ 3.2 times "
        "TensorFlow 1's. Align gives both the same epsilon.",
    ),
    {"tf1": 1e-8, "keras": 1e-7},
    optimizer="adadelta",
    setting="epsilon",
)
FTRL_LEARNING_RATE = DefaultNote(
    "ftrl_learning_rate",
    QT_TRANSLATE_NOOP(
        "Differences",
        "FTRL's learning rate: TensorFlow 1's FtrlOptimizer has no default (Descent Lab uses "
        "the post's {tf1}), Keras's Ftrl uses {keras}. Their other defaults agree "
        "(learning_rate_power −0.5, initial accumulator 0.1, no L1, L2 or L2 shrinkage, and a "
        "beta of 0, which TensorFlow 1 writes as None). Align gives both the same rate.",
    ),
    {"tf1": POST_SCRIPT_LR, "keras": 0.001},
    optimizer="ftrl",
    setting="lr",
)
DEFAULT_NOTES = (ADADELTA_EPSILON, FTRL_LEARNING_RATE)


def default_notes(settings: list[Effective]) -> list[DefaultNote]:
    """The documented TensorFlow 1 vs Keras defaults in effect for the backends shown
    together: TensorFlow 1 at its value and another backend at Keras's, same optimizer."""
    tf1 = next((s for s in settings if s.name == "tf1"), None)
    if tf1 is None:
        return []

    def at(s: Effective, note: DefaultNote, framework: str) -> bool:
        value = s.lr if note.setting == "lr" else s.hyper.get(note.setting)
        # a Keras learning rate is read back from a float32 variable
        return value is not None and math.isclose(value, note.params[framework], rel_tol=1e-6)

    return [
        note
        for note in DEFAULT_NOTES
        if tf1.optimizer == note.optimizer
        and at(tf1, note, "tf1")
        and any(
            s.name != "tf1" and s.optimizer == note.optimizer and at(s, note, "keras")
            for s in settings
        )
    ]


def formula_notes(settings: list[Effective]) -> list[FormulaNote]:
    """The optimizer differences between TensorFlow 1 and the Keras-defined backends that no
    setting removes, for the backends shown together."""
    names = {s.name for s in settings}
    if "tf1" not in names or len(names) < 2:
        return []
    tf1 = next(s for s in settings if s.name == "tf1")
    others = [s for s in settings if s.name != "tf1" and s.optimizer == tf1.optimizer]
    if not others:
        return []
    if tf1.optimizer == "rmsprop":
        return [RMS_START]
    if tf1.optimizer == "sgd" and not is_plain("sgd", tf1.hyper):
        return [MOMENTUM_FORM]
    return []


def align_optimizer(specs: list[BackendSpec], ref_hyper: Mapping[str, Any]) -> dict[str, Any]:
    """The optimizer values Align gives every backend: the reference's, each one explicit so
    that no framework's own default is left to differ, except where TensorFlow 1 cannot take
    a value (Adagrad's epsilon, which its formula does not have: 0 for every backend)."""
    name = specs[0].optimizer
    values: dict[str, Any] = {key: None for keys in HYPER_PARAMETERS.values() for key in keys}
    values["nesterov"] = False
    values.update(ref_hyper)
    if any(spec.name == "tf1" for spec in specs):
        for (optimizer, key), value in TF1_WITHOUT.items():
            if optimizer == name:
                values[key] = value
    return values


def align(
    experiment: Experiment, initials: Mapping[str, InitialState], n_points: int
) -> Experiment:
    """Give every enabled backend the first one's start, learning rate and optimizer (with every
    hyper-parameter explicit), full-batch updates.

    The first enabled backend (in the app's order) is the reference. A Keras kernel drawn at
    random becomes explicit numbers for the others (or stays a shared seed if all are Keras).
    """
    enabled = experiment.enabled()
    if not enabled:
        return experiment
    ref = effective(enabled[0], initials.get(enabled[0].name), n_points)
    if ref.init.kind == "default" and all(s.name in KERAS_BACKENDS for s in enabled):
        init, seed = Init("default"), ref.init_seed
    elif ref.w0 is None or ref.b0 is None or (ref.w0 == 0.0 and ref.b0 == 0.0):
        init, seed = Init("zeros"), ref.init_seed
    else:
        init, seed = Init.values(ref.w0, ref.b0), ref.init_seed
    lr = ref.lr if ref.lr is not None else POST_SCRIPT_LR
    full_batch = [s.steps for s in enabled if s.name != "keras-fit"]
    updates = full_batch[0] if full_batch else ref.updates
    aligned: dict[str, BackendSpec] = dict(experiment.backends)
    ref_hyper = ref.hyper
    if enabled[0].name not in initials and not is_plain(ref.optimizer, ref.hyper):
        from trainers.optimizers import resolved  # reads the framework's defaults

        ref_hyper = resolved(enabled[0].name, enabled[0])
    optimizer = {"optimizer": ref.optimizer, **align_optimizer(enabled, ref_hyper)}
    # the reference's learning-rate schedule, with its values, everywhere
    optimizer.update({key: getattr(enabled[0], key) for key in SCHEDULE_SETTINGS})
    for spec in enabled:
        aligned[spec.name] = replace(
            spec,
            **optimizer,
            init=init,
            init_seed=seed,
            lr=lr,
            steps=updates,
            epochs=updates,
            batch_size=n_points,
            shuffle=False,
        )
    return replace(experiment, backends=aligned)


@dataclass(frozen=True)
class Deviation:
    """The largest gap between any two backends at the same update."""

    max_dw: float
    max_db: float
    updates_compared: int
    backends: tuple[str, ...]


def max_deviation(histories: Mapping[str, RunHistory]) -> Deviation | None:
    """Compare every pair of runs over the updates they all made; None with fewer than two."""
    runs = {name: h for name, h in histories.items() if len(h)}
    if len(runs) < 2:
        return None
    count = min(len(h) for h in runs.values())
    w = np.stack([h.w[:count] for h in runs.values()])
    b = np.stack([h.b[:count] for h in runs.values()])
    return Deviation(
        max_dw=float(np.max(w.max(axis=0) - w.min(axis=0))),
        max_db=float(np.max(b.max(axis=0) - b.min(axis=0))),
        updates_compared=count,
        backends=tuple(runs),
    )
