"""A horizontal slider over a logarithmic range, e.g. learning rates from 1e-4 to 10, with
optional coloured marks at chosen values (e.g. the critical and the optimal learning rate)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionSlider, QWidget

from widgets.status_entry import ERROR_COLORS

MARK_COLORS = {"error": ERROR_COLORS, "good": {"light": "#2e7d32", "dark": "#81c784"}}
"""A mark's colour by tone, on a light and on a dark window."""
MARK_ROOM = 3
"""Pixels above and below the handle where a mark shows even under it."""


def tone_color(widget: QWidget, tone: str) -> QColor:
    """The colour of ``tone`` that reads on ``widget``'s background."""
    dark = widget.palette().window().color().lightness() < 128
    return QColor(MARK_COLORS[tone]["dark" if dark else "light"])


class LogSlider(QSlider):
    """Emits ``value_changed(float)`` on user moves; ``set_value`` never emits."""

    value_changed = Signal(float)

    def __init__(
        self, low: float, high: float, steps: int = 1000, parent: QWidget | None = None
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._log_low, self._log_high = math.log10(low), math.log10(high)
        self._marks: dict[str, tuple[float, str]] = {}
        self.setRange(0, steps)
        self.setPageStep(steps // 20)
        self.valueChanged.connect(self._on_moved)

    def _to_value(self, position: float) -> float:
        fraction = position / self.maximum()
        return 10 ** (self._log_low + fraction * (self._log_high - self._log_low))

    def _fraction(self, value: float) -> float:
        return (math.log10(value) - self._log_low) / (self._log_high - self._log_low)

    def _to_position(self, value: float) -> int:
        return round(min(max(self._fraction(value), 0.0), 1.0) * self.maximum())

    def value_float(self) -> float:
        """The value under the handle, rounded to three significant digits."""
        return float(f"{self._to_value(self.value()):.3g}")

    def set_value(self, value: float) -> None:
        self.blockSignals(True)
        self.setValue(self._to_position(value))
        self.blockSignals(False)

    def _on_moved(self, _position: int) -> None:
        self.value_changed.emit(self.value_float())

    # -- marks ----------------------------------------------------------------------------
    def set_marks(self, marks: dict[str, tuple[float, str]]) -> None:
        """Mark each named value with a tick in its tone ("error", "good"), the first above
        the groove, the second below, and so on; {}: none."""
        if marks != self._marks:
            self._marks = dict(marks)
            self.update()

    def mark_positions(self) -> dict[str, float]:
        """The x pixel (sub-pixel) of each mark inside the range: where the handle's centre
        stands when the slider's value is the mark's."""
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        centres = []
        for position in (self.minimum(), self.maximum()):
            option.sliderPosition = option.sliderValue = position
            handle = self.style().subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
            )
            centres.append(QRectF(handle).center().x())
        positions = {}
        for name, (value, _tone) in self._marks.items():
            fraction = self._fraction(value) if value > 0 and math.isfinite(value) else -1.0
            if 0.0 <= fraction <= 1.0:
                positions[name] = centres[0] + fraction * (centres[1] - centres[0])
        return positions

    def minimumSizeHint(self) -> QSize:
        # Room above and below the handle, where the marks stay visible under it.
        hint = super().minimumSizeHint()
        return QSize(hint.width(), hint.height() + 2 * MARK_ROOM)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), hint.height() + 2 * MARK_ROOM)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        positions = self.mark_positions()
        if not positions:
            return
        # On top of the handle, from the edges to the groove: where the handle stands
        # against a mark stays visible. Alternately above and below the groove, so two
        # close values stay distinguishable.
        middle = self.height() / 2
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for index, (name, (_value, tone)) in enumerate(self._marks.items()):
            if name not in positions:
                continue
            color = tone_color(self, tone)
            if not self.isEnabled():
                color.setAlphaF(0.4)
            pen = QPen(color, 2.5)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            x = positions[name]
            edge, near = (0.0, middle - 2) if index % 2 == 0 else (self.height(), middle + 2)
            painter.drawLine(QPointF(x, edge), QPointF(x, near))
        painter.end()
