"""A horizontal slider over a logarithmic range, e.g. learning rates from 1e-4 to 10, with
optional coloured marks at chosen values (e.g. the critical and the optimal learning rate)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionSlider, QStylePainter, QWidget

from widgets.status_entry import ERROR_COLORS

MARK_COLORS = {"error": ERROR_COLORS, "good": {"light": "#2e7d32", "dark": "#81c784"}}
"""A mark's colour by tone, on a light and on a dark window."""


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

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._marks:
            super().paintEvent(event)
            return
        # Groove, then the marks, then the handle: a mark never hides the handle.
        painter = QStylePainter(self)
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        controls = option.subControls
        option.subControls = QStyle.SubControl.SC_SliderGroove
        painter.drawComplexControl(QStyle.ComplexControl.CC_Slider, option)
        groove = self.style().subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
        )
        middle = QRectF(groove).center().y()
        reach = min(self.height() / 2 - 1, 8.0)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        positions = self.mark_positions()
        # Alternately above and below the groove: two close values stay distinguishable.
        for index, (name, (_value, tone)) in enumerate(self._marks.items()):
            if name not in positions:
                continue
            color = tone_color(self, tone)
            if not self.isEnabled():
                color.setAlphaF(0.4)
            pen = QPen(color, 2.5)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            end = middle - reach if index % 2 == 0 else middle + reach
            x = positions[name]
            painter.drawLine(QPointF(x, middle), QPointF(x, end))
        option.subControls = controls & ~QStyle.SubControl.SC_SliderGroove
        painter.drawComplexControl(QStyle.ComplexControl.CC_Slider, option)
