"""A line edit for a list-valued setting (piecewise_constant's boundaries and values)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from trainers import DescentLabError
from trainers.lr_schedules import parse_list
from trainers.setting import Setting
from widgets.status_entry import error_color


def list_text(value: tuple | None) -> str:
    """``(100, 500)`` as ``100, 500``; nothing for None."""
    return "" if value is None else ", ".join(f"{v:g}" for v in value)


class ListEdit(QLineEdit):
    """Takes ``100, 500`` (or ``100/500``), checked by the setting's own check on Enter or
    leaving the box. A refused text is framed in the error colour with the reason as its
    tooltip, and the last good value stays; an empty box is None (not set).

    Speaks the card's generic editor protocol: ``valueChanged``, ``value``, ``setValue``,
    ``minimum`` (None) and ``specialValueText``.
    """

    valueChanged = Signal(object)  # the name Qt's own editors use

    def __init__(self, setting: Setting, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setting = setting
        self._value: tuple | None = None
        self._help = ""
        self.error = ""
        self.retranslate()
        self.editingFinished.connect(self._commit)

    def retranslate(self) -> None:
        """The hint in the empty box: an example, not a value (nothing is set until typed)."""
        example = "100, 500" if self.setting.kind == "ints" else "0.1, 0.05, 0.01"
        self.setPlaceholderText(self.tr("e.g. {example}").format(example=example))

    # -- the card's editor protocol ----------------------------------------------------
    def value(self) -> tuple | None:
        return self._value

    def setValue(self, value: tuple | None) -> None:
        self._value = None if value is None else tuple(value)
        self._show_error("")
        self.setText(list_text(self._value))

    @staticmethod
    def minimum() -> None:
        """What None is shown from (the card's protocol for a nullable number)."""
        return None

    @staticmethod
    def specialValueText() -> str:
        return ""

    def setToolTip(self, text: str) -> None:  # keeps the help under an error
        self._help = text
        self._show_error(self.error)

    # -- editing ------------------------------------------------------------------------
    def _commit(self) -> None:
        text = self.text().strip()
        try:
            value = (
                None
                if not text
                else self.setting.check(parse_list(text, whole=self.setting.kind == "ints"))
            )
        except DescentLabError as refused:
            self._show_error(refused.translated(QCoreApplication.translate))
            return
        self._show_error("")
        self.setText(list_text(value))
        if value != self._value:
            self._value = value
            self.valueChanged.emit(value)

    def _show_error(self, error: str) -> None:
        self.error = error
        style = f"border: 1px solid {error_color(self)};" if error else ""
        self.setStyleSheet(style)
        super().setToolTip(f"{error}\n\n{self._help}" if error else self._help)
