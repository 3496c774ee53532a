"""What one run setting is: everything the command line, the experiment file, the exported
scripts and the backend cards need to know about it, in one declaration.

The declarations themselves are the fields of :class:`trainers.settings.RunSettings`.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from trainers.formats import fields
from trainers.lr_schedules import assignments, parse_list
from trainers.messages import QT_TRANSLATE_NOOP, ConfigError
from trainers.values import BACKENDS, INIT_KINDS, Init

KINDS = ("int", "float", "bool", "choice", "init", "ints", "floats")
"""``ints``/``floats``: a list of numbers (a JSON array; ``1/2/3`` on the command line)."""

_WHOLE = QT_TRANSLATE_NOOP(
    "trainers", "{name} must be a whole number from {low} to {high}, got {value}"
)
_BETWEEN = QT_TRANSLATE_NOOP(
    "trainers", "{name} must be a number from {low} to {high}, got {value}"
)

_TRUE_FALSE = QT_TRANSLATE_NOOP("trainers", "{name} must be true or false, got '{value}'")


@dataclass(frozen=True)
class Setting:
    """One run setting: its type, default and valid values, words for people, where it counts.

    ``label`` and ``help`` are marked for translation (context ``BackendCard``, where they
    show); ``cli_help`` is the command line's English help. ``backends`` are the backends that
    use it and ``when`` narrows that further: ``(("optimizer", ("sgd",)),)`` applies only while
    the setting ``optimizer`` is "sgd". ``script_note`` makes it a plain ``KEY = value``
    constant of the exported scripts (with that comment, if any).
    """

    kind: str
    default: Any
    label: str
    help: str
    cli_help: str
    metavar: str | None = None
    low: float | None = None
    high: float | None = None
    above_low: bool = False  # low itself is not allowed: a learning rate is above 0
    nullable: bool = False  # None is a value: "the framework's own"
    choices: tuple[str, ...] = ()
    choice_labels: tuple[str, ...] = ()
    own_choices: Callable[[str], tuple[str, ...]] | None = None
    """Further values a backend accepts (e.g. its own engine names); the card offers only
    ``choices``."""
    backends: frozenset[str] = frozenset(BACKENDS)
    when: tuple[tuple[str, tuple[Any, ...]], ...] = ()
    script_note: str | None = None
    parse_text: Callable[[str], Any] | None = None
    """Reads the command line's text, when a plain int/float/choice does not do."""
    check_value: Callable[[Any], Any] | None = None
    """A setting's own check (raising ConfigError), when the generic one does not do."""
    refusal: Callable[[str, Any], ConfigError | None] | None = None
    """Why a backend cannot take one of the ``choices`` (its error), or None: the card shows
    such a choice disabled, with the reason as its tooltip."""
    lacks: Callable[[str, str], ConfigError | None] | None = None
    """Why a backend's optimizer (its name) has no such value (None: it has): the card shows
    the setting disabled there, with the reason as its tooltip."""
    cli_via: str = ""
    """Given on the command line as ``--{cli_via} KEY=VALUE`` (e.g. ``--opt momentum=0.9``), or
    within ``--schedule NAME:KEY=VALUE,...``, instead of an option of its own."""
    key: str = ""  # the field's name, filled in by trainers.settings

    def __post_init__(self) -> None:
        assert self.kind in KINDS, self.kind
        assert self.kind != "choice" or self.default in self.choices, self.default

    # -- where it applies -------------------------------------------------------------------
    def applies(self, backend: str, values: Any = None) -> bool:
        """Whether ``backend`` uses this setting, given the other settings' ``values`` (an
        object with them as attributes, or a mapping; None: ignore ``when``)."""
        if backend not in self.backends:
            return False
        if values is None:
            return True
        get = values.get if isinstance(values, Mapping) else lambda k: getattr(values, k)
        return all(get(key) in accepted for key, accepted in self.when)

    def lacked(self, backend: str, values: Any) -> ConfigError | None:
        """Why ``backend`` cannot take this setting with the other settings' ``values`` (an
        object with them as attributes), or None."""
        return None if self.lacks is None else self.lacks(backend, values.optimizer)

    # -- checks when a run is made (ConfigError) -------------------------------------------
    @property
    def words(self) -> str:
        """The setting's name in English messages: ``batch size``."""
        return self.key.replace("_", " ")

    def check(self, value: Any) -> Any:
        """The value to use, or ConfigError; bool, choice and init values check themselves
        (Init) or are checked by the trainer (engines)."""
        if self.check_value is not None:
            return value if value is None and self.nullable else self.check_value(value)
        # bool is an int to Python, but "steps = True" is a mistake, not 1.
        whole = isinstance(value, int) and not isinstance(value, bool)
        if self.kind == "int" and not (whole and self.low <= value <= self.high):
            raise ConfigError(_WHOLE, name=self.words, low=self.low, high=self.high, value=value)
        if self.kind == "float" and not (value is None and self.nullable):
            number = float(value) if type(value) in (int, float) else math.nan
            above = number > self.low if self.above_low else number >= self.low
            if not (math.isfinite(number) and above and number <= self.high):
                raise ConfigError(
                    _BETWEEN, name=self.words, low=self.low, high=self.high, value=value
                )
            return number
        return value

    # -- the experiment file ---------------------------------------------------------------
    def write_json(self, value: Any) -> Any:
        if self.kind == "init":
            return {"kind": value.kind, "w": fields.plain(value.w), "b": fields.plain(value.b)}
        if self.kind in ("ints", "floats") and value is not None:
            return [fields.plain(v) for v in value]
        return fields.plain(value)

    def read_json(self, value: Any, where: str, backend: str) -> Any:
        """The value a file holds at ``where``, or ExperimentFileError naming that path."""
        if self.kind == "int":
            return fields.whole(value, where, self.low, self.high)
        if self.kind == "bool":
            return fields.as_bool(value, where)
        if self.kind == "choice":
            own = self.own_choices(backend) if self.own_choices else ()
            return fields.choice(value, where, dict.fromkeys((*self.choices, *own)))
        if self.kind == "init":
            entry = fields.as_object(value, where)
            kind = fields.choice(fields.required(entry, "kind", where), f"{where}.kind", INIT_KINDS)
            w = fields.number(entry.get("w", 0.0), f"{where}.w")
            return Init(kind, w, fields.number(entry.get("b", 0.0), f"{where}.b"))
        if self.nullable and value is None:
            return None
        if self.kind in ("ints", "floats"):
            return self._read_list(value, where)
        unbounded = self.high == math.inf
        if unbounded and self.low == 0 and self.above_low:
            if self.nullable:
                return fields.positive_or_null(value, where)
            return fields.number(value, where, "above 0")
        if unbounded and self.low in (0, -math.inf):
            return fields.number(value, where, "from 0" if self.low == 0 else "any")
        return fields.number_between(value, where, self.low, self.high)

    def _read_list(self, value: Any, where: str) -> tuple[Any, ...]:
        """A JSON array of numbers (whole for ``ints``), then the setting's own check."""
        items = fields.as_list(value, where)
        read = [
            fields.whole(v, f"{where}[{i}]", 0, fields.MAX_UPDATES)
            if self.kind == "ints"
            else fields.number(v, f"{where}[{i}]", "above 0")
            for i, v in enumerate(items)
        ]
        try:
            return self.check(read)
        except ConfigError as error:
            raise fields.ExperimentFileError(
                fields.SETTING_PROBLEM, field=where, problem=str(error)
            ) from error

    # -- the command line ------------------------------------------------------------------
    @property
    def flag(self) -> str:
        negated = self.kind == "bool" and self.default
        return ("--no-" if negated else "--") + self.key.replace("_", "-")

    def add_option(self, parser: argparse.ArgumentParser | Any) -> None:
        """Add this setting's option to an argparse parser (or argument group); a setting
        given through ``--{cli_via} KEY=VALUE`` has none of its own."""
        if self.cli_via:
            return
        if self.kind == "bool":
            action = "store_false" if self.default else "store_true"
            parser.add_argument(self.flag, dest=self.key, action=action, help=self.cli_help)
            return
        options: dict[str, Any] = {"dest": self.key, "metavar": self.metavar}
        help_text = self.cli_help
        if self.parse_text is not None or self.nullable:  # read as text: "default" means None
            options["default"] = "default" if self.default is None else str(self.default)
        elif self.kind == "choice":
            options.update(default=self.default, choices=self.choices)
        else:  # a plain number: argparse reads it; the help shows the default
            options.update(default=self.default, type=int if self.kind == "int" else float)
            help_text = f"{self.cli_help} ({self.default})"
        parser.add_argument(self.flag, help=help_text, **options)

    def from_options(self, options: argparse.Namespace) -> Any:
        """This setting's value from parsed options."""
        if self.cli_via:
            texts = getattr(options, self.cli_via, None) or []
            if isinstance(texts, str):  # --schedule NAME:KEY=VALUE,...
                texts = assignments(texts)
            found = [t.partition("=")[2] for t in texts if t.partition("=")[0].strip() == self.key]
            return self.parse_value(found[-1]) if found else self.default
        value = getattr(options, self.key)
        if self.parse_text is not None:
            return self.parse_text(value)
        if self.nullable and self.kind == "float" and isinstance(value, str):
            return None if value.strip() == "default" else float(value)
        return value

    def parse_value(self, text: str) -> Any:
        """A value written as text (``--opt KEY=VALUE``): a number, or true/false; checked."""
        text = text.strip()
        if self.kind == "bool":
            if text.lower() in ("true", "false"):
                return text.lower() == "true"
            raise ConfigError(_TRUE_FALSE, name=self.key, value=text)
        if self.kind == "choice":
            return self.check(text)
        if self.nullable and text == "default":
            return None
        if self.kind in ("ints", "floats"):
            return self.check(parse_list(text, whole=self.kind == "ints"))
        try:
            number: Any = int(text) if self.kind == "int" else float(text)
        except ValueError:
            number = text
        return self.check(number)
