"""What Align settings had to set, per backend, and what it could not align (Qt-free).

The window words the report in the user's language; this module compares the settings each
backend really trained with (framework defaults included) before Align and after it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from trainers import InitialState
from trainers.differences import Effective, FormulaNote, effective, formula_notes
from trainers.experiment import Experiment
from trainers.optimizers import HYPER_PARAMETERS, TF1_WITHOUT

MISSING_IN_TF1 = {(opt, key) for opt, key in TF1_WITHOUT}
"""Values Align sets everywhere to what TensorFlow 1's formula uses, because it has no argument
for them (Adagrad's epsilon: 0)."""


@dataclass(frozen=True)
class Change:
    """One setting Align changed on one backend: ``key`` is "start", "lr", "optimizer",
    "schedule", "updates", "batch_size", "shuffle" or a hyper-parameter's Keras name; None
    stands for "not known yet" (a Keras kernel not drawn yet, a default not read yet)."""

    backend: str
    key: str
    old: Any
    new: Any
    tf1_has_none: bool = False
    """The new value is what TensorFlow 1's formula uses, for want of an argument."""


@dataclass(frozen=True)
class AlignReport:
    changes: tuple[Change, ...]
    not_aligned: tuple[FormulaNote, ...]
    """The differences no argument of either framework removes."""


def _fields(s: Effective) -> dict[str, Any]:
    start = None if s.w0 is None or s.b0 is None else (s.w0, s.b0)
    return {
        "start": start,
        "lr": s.lr,
        "optimizer": s.optimizer,
        "schedule": s.schedule,
        "updates": s.updates,
        "batch_size": s.batch_size,
        "shuffle": s.shuffled,
    }


def _hyper_after(spec: Any, before: Effective) -> dict[str, Any]:
    """The aligned card's hyper-parameters: its explicit values, the framework's (as reported
    before) where Align left one to the framework."""
    out = {}
    for key in HYPER_PARAMETERS[spec.optimizer]:
        value = getattr(spec, key)
        if value is None and spec.optimizer == before.optimizer:
            value = before.hyper.get(key)
        out[key] = value
    return out


def align_report(
    before: Experiment,
    after: Experiment,
    initials: Mapping[str, InitialState],
    n_points: int,
) -> AlignReport:
    """Every setting Align changed (``before`` → ``after``), backend by backend in the app's
    order, and what it could not align."""
    changes: list[Change] = []
    aligned: list[Effective] = []
    for spec in after.enabled():
        old = effective(before.backends[spec.name], initials.get(spec.name), n_points)
        # where the start is unchanged the framework's report of it still holds
        kept = initials.get(spec.name) if spec.init == old.init else None
        new = effective(spec, kept, n_points)
        new_hyper = _hyper_after(spec, old)
        aligned.append(replace(new, hyper=new_hyper))
        old_fields, new_fields = _fields(old), _fields(new)
        for key, value in new_fields.items():
            if old_fields[key] != value:
                changes.append(Change(spec.name, key, old_fields[key], value))
        for key, value in new_hyper.items():
            was = old.hyper.get(key) if old.optimizer == spec.optimizer else None
            if value is None or (was is None and value is False):
                continue  # left to the framework; or nesterov off, as every framework's default
            if repr(was) != repr(value):
                missing = (spec.optimizer, key) in MISSING_IN_TF1 and spec.name != "tf1"
                changes.append(Change(spec.name, key, was, value, missing))
    return AlignReport(tuple(changes), tuple(formula_notes(aligned)))
