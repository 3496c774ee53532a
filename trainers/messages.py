"""User-facing error messages of the Qt-free core.

The core cannot call Qt's ``translate``, yet its messages reach the window. Each message is
a template marked with ``QT_TRANSLATE_NOOP("trainers", "...")``, which Qt's ``lupdate``
extracts by name (only with the context written as a literal, not as ``CONTEXT``); the command
line formats it in English, the window translates the template first.
"""

from __future__ import annotations

from typing import Any

CONTEXT = "trainers"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation without translating it here."""
    return text


class DescentLabError(ValueError):
    """An input problem, told in words a user can act on."""

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(template.format(**params))

    def translated(self, translate: Any) -> str:
        """The message with ``translate(context, template)`` applied before formatting."""
        return translate(CONTEXT, self.template).format(**self.params)


class DataError(DescentLabError):
    """A data set that cannot be used: missing file, bad rows, too few points."""


class ConfigError(DescentLabError):
    """Training settings that cannot be used: a bad learning rate, init or step count."""
