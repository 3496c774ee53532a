"""Every run setting, declared once: the fields of :class:`RunSettings`.

The command line (``app/cli.py``), the experiment file (``trainers/formats``), the exported
scripts (``trainers/scripts``) and the backend cards (``widgets/backend_card.py``) all read
:data:`SETTINGS`; a new setting is one more field here (plus the backends that use it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from functools import partial
from typing import Any

from trainers.lr_schedules import SCHEDULE_KEYS, SCHEDULES, check_boundaries, check_values
from trainers.lr_schedules import check_name as check_schedule
from trainers.messages import QT_TRANSLATE_NOOP
from trainers.optimizers import HYPER_PARAMETERS, OPTIMIZERS, check_name, lacking, refusal
from trainers.setting import Setting
from trainers.values import (
    BACKENDS,
    ENGINES,
    MAX_SEED,
    MAX_STEPS,
    OWN_ENGINES,
    Init,
    batches_per_epoch,
    check_learning_rate,
    parse_learning_rate,
)

KERAS = frozenset({"keras", "keras-fit"})
FIT = frozenset({"keras-fit"})
FULL_BATCH = frozenset(BACKENDS) - FIT


def _using(key: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``when``: only while the optimizer is one that has ``key``."""
    return (("optimizer", tuple(o for o, keys in HYPER_PARAMETERS.items() if key in keys)),)


def _hyper(key: str, label: str, help: str, cli_help: str, **limits: Any) -> Any:
    """An optimizer's hyper-parameter, by Keras's name: None is the framework's own default,
    given on the command line as ``--opt KEY=VALUE`` (its help names the optimizers using it)."""
    cli_help = f"{', '.join(_using(key)[0][1])}: {cli_help}"
    kind = "bool" if key == "nesterov" else "float"
    if kind == "float":
        limits = {"default": None, "nullable": True, "low": 0.0, "high": math.inf, **limits}
    else:
        limits = {"default": False, **limits}
    return _declare(
        kind=kind,
        label=label,
        help=help,
        cli_help=cli_help,
        when=_using(key),
        lacks=partial(lacking, key),
        cli_via="opt",
        **limits,
    )


def _scheduled(key: str, label: str, help: str, cli_help: str, **limits: Any) -> Any:
    """A value of a learning-rate schedule, by Keras's name: None is Keras's own default,
    given on the command line as ``--schedule NAME:KEY=VALUE,...``."""
    kind = limits.pop("kind", "bool" if key == "staircase" else "float")
    if kind in ("ints", "floats"):
        limits = {"default": None, "nullable": True, **limits}
    elif kind == "float":
        limits = {"default": None, "nullable": True, "low": 0.0, "high": math.inf, **limits}
    else:
        limits = {"default": False, **limits}
    using = tuple(name for name, keys in SCHEDULE_KEYS.items() if key in keys)
    return _declare(
        kind=kind,
        label=label,
        help=help,
        cli_help=cli_help,
        when=(("schedule", using),),
        cli_via="schedule",
        **limits,
    )


def _declare(**declaration: Any) -> Any:
    """A dataclass field whose metadata is its Setting (its key is the field's name)."""
    setting = Setting(**declaration)
    return field(default=setting.default, kw_only=True, metadata={"setting": setting})


@dataclass(frozen=True, kw_only=True)
class RunSettings:
    """The settings of one backend's run, without the data; BackendSpec and RunConfig add
    to these. Nothing is checked here: RunConfig checks, the card keeps values valid."""

    init: Init = _declare(
        kind="init",
        default=Init(),
        label=QT_TRANSLATE_NOOP("BackendCard", "Start"),
        help=QT_TRANSLATE_NOOP(
            "BackendCard",
            "Where gradient descent starts. Keras draws the kernel w at random from "
            "glorot_uniform (uniform within ±√(6 / (fan_in + fan_out)) = ±1.73 here) and "
            "starts the bias at 0; the post's TensorFlow script starts at w = b = 0.",
        ),
        cli_help="initial w and b; default: zeros for numpy/tf/tf1, Keras's glorot_uniform "
        "kernel and zero bias for keras/keras-fit",
        metavar="default|zeros|W,B",
        parse_text=Init.parse,
    )
    lr: float | None = _declare(
        kind="float",
        default=None,
        low=0,
        above_low=True,
        high=math.inf,
        nullable=True,
        label=QT_TRANSLATE_NOOP("BackendCard", "Learning rate"),
        help=QT_TRANSLATE_NOOP(
            "BackendCard",
            "The learning rate scales every step: w ← w − lr · ∂loss/∂w. Too small and descent "
            "crawls; too large and it overshoots, oscillates or diverges. Changes apply from "
            "the next update, even while training.",
        ),
        cli_help="learning rate for every backend; default: 0.1 for numpy/tf/tf1 (the post's "
        "script), Keras's own 'sgd' default for keras/keras-fit",
        metavar="LR|default",
        parse_text=parse_learning_rate,
        check_value=check_learning_rate,
    )
    steps: int = _declare(
        kind="int",
        default=1001,
        low=1,
        high=MAX_STEPS,
        backends=FULL_BATCH,
        label=QT_TRANSLATE_NOOP("BackendCard", "Updates"),
        help=QT_TRANSLATE_NOOP(
            "BackendCard", "Full-batch updates: each uses the gradient over all points"
        ),
        cli_help="full-batch updates",
        metavar="N",
        script_note="full-batch updates",
    )
    epochs: int = _declare(
        kind="int",
        default=20,
        low=1,
        high=MAX_STEPS,
        backends=FIT,
        label=QT_TRANSLATE_NOOP("BackendCard", "Epochs"),
        help=QT_TRANSLATE_NOOP("BackendCard", "fit(epochs=…): passes over the data"),
        cli_help="keras-fit epochs",
        metavar="E",
        script_note="",
    )
    batch_size: int = _declare(
        kind="int",
        default=1,
        low=1,
        high=MAX_STEPS,
        backends=FIT,
        label=QT_TRANSLATE_NOOP("BackendCard", "Batch size"),
        help=QT_TRANSLATE_NOOP(
            "BackendCard",
            "fit(batch_size=…): points per update; 1 gives noisy single-sample updates",
        ),
        cli_help="keras-fit batch size",
        metavar="B",
        script_note="",
    )
    shuffle: bool = _declare(
        kind="bool",
        default=True,
        backends=FIT,
        label=QT_TRANSLATE_NOOP("BackendCard", "shuffle every epoch"),
        help=QT_TRANSLATE_NOOP(
            "BackendCard", "fit(shuffle=True) visits the points in a new order each epoch"
        ),
        cli_help="keras-fit: keep the data order every epoch",
        script_note="True: a new order of the points every epoch",
    )
    init_seed: int = _declare(
        kind="int",
        default=0,
        low=0,
        high=MAX_SEED,
        backends=KERAS,
        label=QT_TRANSLATE_NOOP("BackendCard", "Seed"),
        help=QT_TRANSLATE_NOOP(
            "BackendCard", "Seed of Keras's random kernel (and of fit's shuffling)"
        ),
        cli_help="seed of Keras's random kernel and of keras-fit's shuffling",
        metavar="K",
    )
    engine: str = _declare(
        kind="choice",
        default="compiled",
        choices=ENGINES,
        choice_labels=(
            QT_TRANSLATE_NOOP("BackendCard", "stepwise (as the post)"),
            QT_TRANSLATE_NOOP("BackendCard", "compiled (fast)"),
        ),
        own_choices=OWN_ENGINES.__getitem__,
        backends=frozenset(BACKENDS),
        label=QT_TRANSLATE_NOOP("BackendCard", "Engine"),
        help=QT_TRANSLATE_NOOP(
            "BackendCard",
            "stepwise calls the framework once per update, like the post; compiled runs many "
            "updates inside one compiled call. Both give the same numbers.",
        ),
        cli_help="stepwise: one framework call per update, as the post; compiled: chunks of "
        "updates inside one compiled call (same numbers, faster)",
    )

    optimizer: str = _declare(
        kind="choice",
        default="sgd",
        choices=OPTIMIZERS,
        choice_labels=OPTIMIZERS,
        label=QT_TRANSLATE_NOOP("BackendCard", "Optimizer"),
        help=QT_TRANSLATE_NOOP(
            "BackendCard",
            "The optimizer, as Keras names it. Keras backends use Keras's optimizer classes, "
            "TensorFlow 1 its tf.compat.v1.train optimizers, NumPy Keras's formulas in float64; "
            "hyper-parameters left at 'default' take each framework's own default.",
        ),
        cli_help="optimizer, as Keras names it; its hyper-parameters with --opt KEY=VALUE",
        metavar="NAME",
        check_value=check_name,
        refusal=refusal,
    )
    momentum: float | None = _hyper(
        "momentum",
        QT_TRANSLATE_NOOP("BackendCard", "Momentum"),
        QT_TRANSLATE_NOOP(
            "BackendCard", "Fraction of the previous step kept in the next (0: none)"
        ),
        "momentum",
        high=1.0,
    )
    nesterov: bool = _hyper(
        "nesterov",
        QT_TRANSLATE_NOOP("BackendCard", "Nesterov"),
        QT_TRANSLATE_NOOP("BackendCard", "Nesterov momentum: look ahead along the momentum"),
        "Nesterov momentum (true/false)",
    )
    rho: float | None = _hyper(
        "rho",
        QT_TRANSLATE_NOOP("BackendCard", "rho"),
        QT_TRANSLATE_NOOP(
            "BackendCard",
            "Decay of the running mean of squared gradients (Adadelta: and of squared steps); "
            "TensorFlow 1's RMSPropOptimizer calls it decay",
        ),
        "decay of the running means of squares",
        high=1.0,
    )
    epsilon: float | None = _hyper(
        "epsilon",
        QT_TRANSLATE_NOOP("BackendCard", "epsilon"),
        QT_TRANSLATE_NOOP(
            "BackendCard",
            "Small constant that keeps the denominator above 0; where it enters the formula "
            "and its default differ between frameworks",
        ),
        "epsilon",
    )
    beta_1: float | None = _hyper(
        "beta_1",
        QT_TRANSLATE_NOOP("BackendCard", "beta_1"),
        QT_TRANSLATE_NOOP(
            "BackendCard",
            "Decay of the running mean of gradients (Lion: that mean's weight in the sign of "
            "each step, above 0)",
        ),
        "beta_1",
        high=1.0,
    )
    beta_2: float | None = _hyper(
        "beta_2",
        QT_TRANSLATE_NOOP("BackendCard", "beta_2"),
        QT_TRANSLATE_NOOP(
            "BackendCard",
            "Decay of the running mean of squared gradients (Lion: of the gradients)",
        ),
        "beta_2",
        high=1.0,
    )
    initial_accumulator_value: float | None = _hyper(
        "initial_accumulator_value",
        QT_TRANSLATE_NOOP("BackendCard", "Initial accumulator"),
        QT_TRANSLATE_NOOP(
            "BackendCard",
            "Starting value of Adagrad's sum of squared gradients (FTRL: of its accumulator)",
        ),
        "starting value of the accumulators",
    )
    weight_decay: float | None = _hyper(
        "weight_decay",
        QT_TRANSLATE_NOOP("BackendCard", "Weight decay"),
        QT_TRANSLATE_NOOP(
            "BackendCard",
            "AdamW's decoupled weight decay: before each step Keras shrinks every variable, "
            "the bias too, by lr · weight_decay of itself",
        ),
        "decoupled weight decay",
    )
    learning_rate_power: float | None = _hyper(
        "learning_rate_power",
        QT_TRANSLATE_NOOP("BackendCard", "lr power"),
        QT_TRANSLATE_NOOP(
            "BackendCard",
            "How FTRL's per-variable rate falls as squared gradients add up: 0 keeps it fixed, "
            "-0.5 divides it by their square root",
        ),
        "0 or below",
        low=-math.inf,
        high=0.0,
    )
    l1_regularization_strength: float | None = _hyper(
        "l1_regularization_strength",
        QT_TRANSLATE_NOOP("BackendCard", "L1 strength"),
        QT_TRANSLATE_NOOP(
            "BackendCard", "FTRL's L1 penalty: a weight stays at 0 until it is worth more"
        ),
        "L1 regularization",
    )
    l2_regularization_strength: float | None = _hyper(
        "l2_regularization_strength",
        QT_TRANSLATE_NOOP("BackendCard", "L2 strength"),
        QT_TRANSLATE_NOOP("BackendCard", "FTRL's L2 penalty, a stabilizing one"),
        "L2 regularization",
    )
    l2_shrinkage_regularization_strength: float | None = _hyper(
        "l2_shrinkage_regularization_strength",
        QT_TRANSLATE_NOOP("BackendCard", "L2 shrinkage"),
        QT_TRANSLATE_NOOP(
            "BackendCard",
            "FTRL's L2 shrinkage: a penalty on the weights' size, added to the loss's gradient",
        ),
        "L2 shrinkage regularization",
    )
    beta: float | None = _hyper(
        "beta",
        QT_TRANSLATE_NOOP("BackendCard", "beta"),
        QT_TRANSLATE_NOOP(
            "BackendCard",
            "FTRL's beta: adds beta / (2 · lr) to the L2 strength (TensorFlow 1 writes None for 0)",
        ),
        "beta",
    )

    schedule: str = _declare(
        kind="choice",
        default="constant",
        choices=SCHEDULES,
        choice_labels=SCHEDULES,
        label=QT_TRANSLATE_NOOP("BackendCard", "Schedule"),
        help=QT_TRANSLATE_NOOP(
            "BackendCard",
            "How the learning rate changes with the update count, as Keras's "
            "LearningRateSchedule: update k uses schedule(k), counted from 0. The learning rate "
            "is the schedule's initial rate; changing it while training sets that base rate "
            "from the next update, and the schedule keeps counting. piecewise_constant's values "
            "are the rates: the learning rate is its first value, and changing it scales every "
            "value by new/old.",
        ),
        cli_help="learning-rate schedule NAME[:KEY=VALUE,...]",
        check_value=check_schedule,
        cli_via="schedule",
    )
    decay_steps: float | None = _scheduled(
        "decay_steps",
        QT_TRANSLATE_NOOP("BackendCard", "Decay steps"),
        QT_TRANSLATE_NOOP("BackendCard", "Updates over which the rate decays once"),
        "decay_steps",
        above_low=True,
    )
    decay_rate: float | None = _scheduled(
        "decay_rate",
        QT_TRANSLATE_NOOP("BackendCard", "Decay rate"),
        QT_TRANSLATE_NOOP("BackendCard", "How much the rate decays every decay_steps updates"),
        "decay_rate",
    )
    staircase: bool = _scheduled(
        "staircase",
        QT_TRANSLATE_NOOP("BackendCard", "Staircase"),
        QT_TRANSLATE_NOOP("BackendCard", "Decay in steps, every decay_steps updates"),
        "staircase (true/false)",
    )
    factor: float | None = _scheduled(
        "factor",
        QT_TRANSLATE_NOOP("BackendCard", "Factor"),
        QT_TRANSLATE_NOOP("BackendCard", "ReduceLROnPlateau multiplies the rate by this"),
        "factor",
        high=1.0,
    )
    patience: float | None = _scheduled(
        "patience",
        QT_TRANSLATE_NOOP("BackendCard", "Patience"),
        QT_TRANSLATE_NOOP(
            "BackendCard", "Updates (keras-fit: epochs) without improvement before a reduction"
        ),
        "patience",
    )
    min_delta: float | None = _scheduled(
        "min_delta",
        QT_TRANSLATE_NOOP("BackendCard", "Min delta"),
        QT_TRANSLATE_NOOP("BackendCard", "Smallest decrease of the loss that counts"),
        "min_delta",
    )
    cooldown: float | None = _scheduled(
        "cooldown",
        QT_TRANSLATE_NOOP("BackendCard", "Cooldown"),
        QT_TRANSLATE_NOOP("BackendCard", "Updates (keras-fit: epochs) to wait after a reduction"),
        "cooldown",
    )
    min_lr: float | None = _scheduled(
        "min_lr",
        QT_TRANSLATE_NOOP("BackendCard", "Min rate"),
        QT_TRANSLATE_NOOP("BackendCard", "ReduceLROnPlateau never goes below this rate"),
        "min_lr",
    )
    alpha: float | None = _scheduled(
        "alpha",
        QT_TRANSLATE_NOOP("BackendCard", "alpha"),
        QT_TRANSLATE_NOOP("BackendCard", "Cosine decay ends at alpha times the initial rate"),
        "alpha",
        high=1.0,
    )
    boundaries: tuple[int, ...] | None = _scheduled(
        "boundaries",
        QT_TRANSLATE_NOOP("BackendCard", "Boundaries"),
        QT_TRANSLATE_NOOP(
            "BackendCard",
            "Update counts where the rate changes, in increasing order, e.g. 100, 500: update k "
            "uses values[i] while k ≤ boundaries[i], the last value after the last boundary",
        ),
        "piecewise_constant: update counts, e.g. 100/500",
        kind="ints",
        check_value=check_boundaries,
        script_note="piecewise_constant: update counts where the rate changes",
    )
    values: tuple[float, ...] | None = _scheduled(
        "values",
        QT_TRANSLATE_NOOP("BackendCard", "Values"),
        QT_TRANSLATE_NOOP(
            "BackendCard",
            "The rates, one more than boundaries, e.g. 0.1, 0.05, 0.01. The learning rate is the "
            "first value: setting it, also while training, scales every value by new/old from "
            "the next update on, so the shape stays",
        ),
        "piecewise_constant: the rates, e.g. 0.1/0.05/0.01",
        kind="floats",
        check_value=check_values,
        script_note="piecewise_constant: the rates; the first is the learning rate",
    )

    def settings(self) -> dict[str, Any]:
        """Every declared setting's value, by key."""
        return {s.key: getattr(self, s.key) for s in SETTINGS}

    def updates(self, backend: str, n_points: int) -> int:
        """How many updates ``backend`` makes on ``n_points`` points with these settings."""
        if backend in FIT:
            return self.epochs * batches_per_epoch(n_points, self.batch_size)
        return self.steps


SETTINGS: tuple[Setting, ...] = tuple(
    replace(f.metadata["setting"], key=f.name) for f in fields(RunSettings)
)
"""Every run setting, in the order of the experiment file and the command line."""

SETTING: dict[str, Setting] = {s.key: s for s in SETTINGS}
