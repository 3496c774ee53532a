"""One line saying how a backend trains: its optimizer with the hyper-parameters the card sets
(the rest are the framework's own defaults) and its learning-rate schedule with its values,
e.g. ``adam (beta_1 0.8) · exponential decay (decay_steps 100, decay_rate 0.5)``.

The printout shows it above its table; the words are marked for translation (context
``trainers``) and translated by the caller's ``translate``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from trainers.lr_schedules import LIST_SEPARATOR
from trainers.lr_schedules import given as schedule_given
from trainers.messages import CONTEXT, QT_TRANSLATE_NOOP
from trainers.optimizers import given as optimizer_given

SCHEDULE_WORDS = {
    "constant": QT_TRANSLATE_NOOP("trainers", "constant rate"),
    "exponential": QT_TRANSLATE_NOOP("trainers", "exponential decay"),
    "inverse_time": QT_TRANSLATE_NOOP("trainers", "inverse-time decay"),
    "piecewise_constant": QT_TRANSLATE_NOOP("trainers", "piecewise constant"),
    "cosine": QT_TRANSLATE_NOOP("trainers", "cosine decay"),
    "plateau": QT_TRANSLATE_NOOP("trainers", "ReduceLROnPlateau"),
}
Translate = Callable[[str, str], str]


def _spelled(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return LIST_SEPARATOR.join(_spelled(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _with_values(name: str, values: dict[str, Any]) -> str:
    if not values:
        return name
    return f"{name} ({', '.join(f'{k} {_spelled(v)}' for k, v in values.items())})"


def settings_summary(spec: Any, translate: Translate | None = None) -> str:
    """``optimizer (its set values) · schedule (its set values)`` for a card or run config."""
    translate = translate or (lambda _context, text: text)
    optimizer = _with_values(spec.optimizer, optimizer_given(spec))
    words = translate(CONTEXT, SCHEDULE_WORDS[spec.schedule])
    values = schedule_given(spec) if spec.schedule != "constant" else {}
    return f"{optimizer} · {_with_values(words, values)}"
