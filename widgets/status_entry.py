"""One backend's entry in the status bar: a coloured dot and its state, elided to fit."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

ERROR_COLORS = {"light": "#c62828", "dark": "#ff6b68"}
"""The error tone's text colour on a light and on a dark window."""


def error_color(widget: QWidget) -> str:
    """The error colour that reads on ``widget``'s background."""
    dark = widget.palette().window().color().lightness() < 128
    return ERROR_COLORS["dark" if dark else "light"]


class StatusEntry(QWidget):
    """Draws "● title: state" in one line, ending in "…" when narrower than its text (the
    tooltip holds it all); an error is drawn in the error colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._color = "#888888"
        self._text = ""
        self.tone = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_entry(self, color: str, text: str, tone: str = "") -> None:
        if (color, text, tone) == (self._color, self._text, self.tone):
            return
        self._color, self._text, self.tone = color, text, tone
        self.setToolTip(text)
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        return self._text

    def color(self) -> str:
        """The dot's colour."""
        return self._color

    def elided_text(self) -> str:
        """The text as drawn at the current width."""
        metrics = self.fontMetrics()
        room = max(self.width() - self._dot_width(), 0)
        return metrics.elidedText(self._text, Qt.TextElideMode.ElideRight, room)

    def _dot_width(self) -> int:
        return self.fontMetrics().height()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(self._dot_width() + metrics.horizontalAdvance(self._text), metrics.height())

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(self._dot_width() + metrics.horizontalAdvance("…"), metrics.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        size = self._dot_width()
        dot = QRectF(size * 0.2, (self.height() - size * 0.6) / 2, size * 0.6, size * 0.6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self._color))
        painter.drawEllipse(dot)
        text_color = (
            QColor(error_color(self))
            if self.tone == "error"
            else self.palette().windowText().color()
        )
        painter.setPen(text_color)
        area = self.rect().adjusted(size, 0, 0, 0)
        painter.drawText(area, int(Qt.AlignmentFlag.AlignVCenter), self.elided_text())
        painter.end()
