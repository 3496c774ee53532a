"""Every run setting, declared once: the fields of :class:`RunSettings`.

The command line (``app/cli.py``), the experiment file (``trainers/formats``), the exported
scripts (``trainers/scripts``) and the backend cards (``widgets/backend_card.py``) all read
:data:`SETTINGS`; a new setting is one more field here (plus the backends that use it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from typing import Any

from trainers.messages import QT_TRANSLATE_NOOP
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
