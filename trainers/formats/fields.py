"""Checks of one JSON value each, whose messages name the value's path in the document.

Every message is a template marked for translation (context ``trainers``); ``{field}`` is the
path of the bad value, e.g. ``backends.tf1.lr``, and ``{got}`` the value as the file spells it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any, NoReturn

import numpy as np

from trainers.messages import QT_TRANSLATE_NOOP, DescentLabError
from trainers.values import MAX_STEPS

MAX_POINTS = 10_000_000
MAX_UPDATES = MAX_STEPS * MAX_POINTS
"""keras-fit makes epochs × batches updates, so a run can count far more than MAX_STEPS."""


class ExperimentFileError(DescentLabError):
    """An experiment file that cannot be written or read; the message names the bad field."""


_NUMBER = QT_TRANSLATE_NOOP("trainers", "{field}: expected a number, got {got}")
_NUMBER_FROM_0 = QT_TRANSLATE_NOOP("trainers", "{field}: expected a number, 0 or more, got {got}")
_NUMBER_ABOVE_0 = QT_TRANSLATE_NOOP("trainers", "{field}: expected a number above 0, got {got}")
_NUMBER_BETWEEN = QT_TRANSLATE_NOOP(
    "trainers", "{field}: expected a number from {low} to {high}, got {got}"
)
_NUMBER_ABOVE_0_OR_NULL = QT_TRANSLATE_NOOP(
    "trainers", "{field}: expected a number above 0 or null, got {got}"
)
_WHOLE = QT_TRANSLATE_NOOP(
    "trainers", "{field}: expected a whole number from {low} to {high}, got {got}"
)
_BOOL = QT_TRANSLATE_NOOP("trainers", "{field}: expected true or false, got {got}")
_CHOICE = QT_TRANSLATE_NOOP("trainers", "{field}: expected one of {choices}, got {got}")
_OBJECT = QT_TRANSLATE_NOOP("trainers", "{field}: expected an object {{...}}, got {got}")
_LIST = QT_TRANSLATE_NOOP("trainers", "{field}: expected a list [...], got {got}")
_MISSING_FIELD = QT_TRANSLATE_NOOP("trainers", "{field}: missing; this field is required")
_ORDER = QT_TRANSLATE_NOOP(
    "trainers", "{field}: expected steps in increasing order, got {got} after {previous}"
)
_SETTING_PROBLEM = QT_TRANSLATE_NOOP("trainers", "{field}: {problem}")
SETTING_PROBLEM = _SETTING_PROBLEM
"""A value the setting's own check refused: its message, prefixed with the field."""

ABSENT = object()
"""What a missing key reads as, so that it differs from null."""


class NonFinite:
    """What ``NaN``, ``Infinity`` or ``-Infinity`` in a file reads as: never a valid number."""

    def __init__(self, text: str) -> None:
        self.text = text


def plain(value: Any) -> Any:
    """A NumPy scalar as the Python number it holds; anything else unchanged."""
    return value.item() if isinstance(value, np.generic) else value


def got(value: Any) -> str:
    """A value as the file spells it, short enough for a message."""
    if isinstance(value, NonFinite):
        return value.text
    if value is ABSENT:
        return "nothing"
    if isinstance(value, dict):
        return "{...}"
    if isinstance(value, list):
        return "[...]"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 60 else text[:56] + '..."'
    if isinstance(value, (bool, int, float)) or value is None:
        return json.dumps(value)
    return repr(value)


def fail(template: str, where: str, value: Any, **params: Any) -> NoReturn:
    raise ExperimentFileError(template, field=where, got=got(value), **params)


def key_path(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def required(obj: dict[str, Any], key: str, where: str) -> Any:
    value = obj.get(key, ABSENT)
    if value is ABSENT:
        raise ExperimentFileError(_MISSING_FIELD, field=key_path(where, key))
    return value


def as_object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        fail(_OBJECT, where, value)
    return value


def as_list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        fail(_LIST, where, value)
    return value


def as_bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        fail(_BOOL, where, value)
    return value


def whole(value: Any, where: str, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        fail(_WHOLE, where, value, low=low, high=high)
    return value


def _float(value: Any) -> float:
    """A JSON number as a float; NaN for anything else (then no rule accepts it)."""
    if type(value) is int:
        try:
            return float(value)
        except OverflowError:
            return math.nan
    return value if type(value) is float else math.nan


_RULES = {"any": _NUMBER, "from 0": _NUMBER_FROM_0, "above 0": _NUMBER_ABOVE_0}


def number(value: Any, where: str, rule: str = "any") -> float:
    """A finite number obeying ``rule``: "any", "from 0" or "above 0"."""
    result = _float(value)
    if not (math.isfinite(result) and _accepts(np.float64(result), rule)):
        fail(_RULES[rule], where, value)
    return result


def number_between(value: Any, where: str, low: float, high: float) -> float:
    result = _float(value)
    if not (math.isfinite(result) and low <= result <= high):
        fail(_NUMBER_BETWEEN, where, value, low=low, high=high)
    return result


def positive_or_null(value: Any, where: str) -> float | None:
    if value is None:
        return None
    result = _float(value)
    if not (math.isfinite(result) and result > 0):
        fail(_NUMBER_ABOVE_0_OR_NULL, where, value)
    return result


def choice(value: Any, where: str, choices: Iterable[str]) -> str:
    choices = tuple(choices)
    if not (isinstance(value, str) and value in choices):
        fail(_CHOICE, where, value, choices=", ".join(json.dumps(c) for c in choices))
    return value


def numbers(value: Any, where: str, rule: str = "any") -> np.ndarray:
    """A list of finite numbers as float64; checked in one pass, then element by element."""
    values = as_list(value, where)
    if all(type(v) is float or type(v) is int for v in values):
        try:
            array = np.array(values, dtype=np.float64)
        except OverflowError:
            pass
        else:
            if np.all(np.isfinite(array)) and _accepts(array, rule):
                return array
    for i, item in enumerate(values):
        number(item, f"{where}[{i}]", rule)
    raise AssertionError("unreachable: some element must have failed")  # pragma: no cover


def _accepts(array: np.ndarray | np.floating, rule: str) -> bool:
    if rule == "from 0":
        return bool(np.all(array >= 0))
    if rule == "above 0":
        return bool(np.all(array > 0))
    return True


def steps(value: Any, where: str) -> np.ndarray:
    """A list of whole, increasing update indices as int64."""
    values = as_list(value, where)
    previous = -1
    if all(type(v) is int for v in values):
        try:
            array = np.array(values, dtype=np.int64)
        except OverflowError:
            pass
        else:
            if array.size == 0 or (
                array[0] >= 0 and array[-1] <= MAX_UPDATES and np.all(np.diff(array) > 0)
            ):
                return array
    for i, item in enumerate(values):
        step = whole(item, f"{where}[{i}]", 0, MAX_UPDATES)
        if step <= previous:
            raise ExperimentFileError(_ORDER, field=f"{where}[{i}]", got=step, previous=previous)
        previous = step
    raise AssertionError("unreachable: some element must have failed")  # pragma: no cover
