"""A number box that reads numbers as Python does: 0.45, 1e-7, 2.5E-3.

QDoubleSpinBox's own validator drops what it does not expect, so "1e-07" typed into it became
107; and it shows every value with its fixed decimals ("0.4500000000").
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

from widgets.status_entry import error_color

MAX_DECIMALS = 323
"""Qt's most: Qt rounds every value to its decimals, and 1e-7 must stay 1e-7."""


def number_text(value: float) -> str:
    """The shortest text that reads back as ``value`` (up to 15 digits): 0.45, 1e-07, 107."""
    return f"{value:.15g}"


def read_number(text: str) -> float | None:
    """``text`` as a finite number, or None."""
    try:
        number = float(text.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


class NumberBox(QDoubleSpinBox):
    """Takes what a Python user types (plain decimals and scientific notation) on Enter or
    leaving the box. Anything else, or a number out of range, is framed in the error colour
    with the reason as its tooltip, and the last good value stays."""

    refused = Signal(str)  # why the text typed was not taken (translated)

    def __init__(self, parent: QWidget | None = None) -> None:
        self._help = ""
        self.error = ""
        self._lowest = -math.inf  # the lowest number; below it, with a special text, None
        super().__init__(parent)
        self.setDecimals(MAX_DECIMALS)
        self.setKeyboardTracking(False)  # "1e-7" passes through "1" while typed: not a value

    def set_nullable(self, low: float, high: float, text: str) -> None:
        """Numbers from ``low`` to ``high``, and ``text`` (None) one tiny step below ``low``."""
        self._lowest = low
        self.setRange(low - max(abs(low), 1.0) * 1e-10, high)
        self.setSpecialValueText(text)

    # -- what Qt asks of a spin box -------------------------------------------------------
    def textFromValue(self, value: float) -> str:
        return number_text(value)

    def valueFromText(self, text: str) -> float:
        if self.specialValueText() and text.strip() == self.specialValueText():
            return self.minimum()
        number = read_number(text)
        return self.value() if number is None else number

    def validate(self, text: str, pos: int) -> object:
        # Anything may be typed (the refusal is said on Enter, not swallowed key by key).
        if self._accepts(text):
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos

    def fixup(self, text: str) -> str:
        return text

    def stepBy(self, steps: int) -> None:
        """Steps without float noise (0.45 + 0.1 shows 0.55); from "default" up to the lowest
        number on the step's grid."""
        step, value = self.singleStep(), self.value()
        if self.specialValueText() and value == self.minimum():
            if steps <= 0:
                return
            value, steps = math.ceil(max(value, self._lowest) / step) * step, steps - 1
        target = min(max(value + steps * step, self.minimum()), self.maximum())
        self.setValue(float(f"{target:.12g}"))

    # -- refusing visibly ------------------------------------------------------------------
    def _accepts(self, text: str) -> bool:
        if self.specialValueText() and text.strip() == self.specialValueText():
            return True
        number = read_number(text)
        low = max(self.minimum(), self._lowest)
        return number is not None and low <= number <= self.maximum()

    def _why(self, text: str) -> str:
        if read_number(text) is None:
            return self.tr("'{text}' is not a number (write e.g. 0.001 or 1e-3)").format(
                text=text.strip()
            )
        low = number_text(max(self.minimum(), self._lowest))
        if self.specialValueText():
            low = self.tr("{low} (or '{default}')").format(low=low, default=self.specialValueText())
        return self.tr("'{text}' is out of range: from {low} to {high}").format(
            text=text.strip(), low=low, high=number_text(self.maximum())
        )

    def _check_typed(self) -> None:
        text = self.lineEdit().text()
        if self._accepts(text):
            self._show_error("")
        else:
            self._show_error(self._why(text))
            self.refused.emit(self.error)

    def setValue(self, value: float) -> None:
        """Show ``value`` (a refusal shown before is over)."""
        self._show_error("")
        super().setValue(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._check_typed()  # before Qt puts the last good value back
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._check_typed()
        super().focusOutEvent(event)

    def setToolTip(self, text: str) -> None:  # keeps the help under an error
        self._help = text
        self._show_error(self.error)

    def _show_error(self, error: str) -> None:
        self.error = error
        self.lineEdit().setStyleSheet(f"border: 1px solid {error_color(self)};" if error else "")
        shown = f"{error}\n\n{self._help}" if error and self._help else error or self._help
        super().setToolTip(shown)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self.error:  # the theme's error colour
            self._show_error(self.error)
        super().changeEvent(event)
