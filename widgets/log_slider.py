"""A horizontal slider over a logarithmic range, e.g. learning rates from 1e-4 to 10."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSlider, QWidget


class LogSlider(QSlider):
    """Emits ``value_changed(float)`` on user moves; ``set_value`` never emits."""

    value_changed = Signal(float)

    def __init__(
        self, low: float, high: float, steps: int = 1000, parent: QWidget | None = None
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._log_low, self._log_high = math.log10(low), math.log10(high)
        self.setRange(0, steps)
        self.setPageStep(steps // 20)
        self.valueChanged.connect(self._on_moved)

    def _to_value(self, position: int) -> float:
        fraction = position / self.maximum()
        return 10 ** (self._log_low + fraction * (self._log_high - self._log_low))

    def _to_position(self, value: float) -> int:
        fraction = (math.log10(value) - self._log_low) / (self._log_high - self._log_low)
        return round(min(max(fraction, 0.0), 1.0) * self.maximum())

    def value_float(self) -> float:
        """The value under the handle, rounded to three significant digits."""
        return float(f"{self._to_value(self.value()):.3g}")

    def set_value(self, value: float) -> None:
        self.blockSignals(True)
        self.setValue(self._to_position(value))
        self.blockSignals(False)

    def _on_moved(self, _position: int) -> None:
        self.value_changed.emit(self.value_float())
