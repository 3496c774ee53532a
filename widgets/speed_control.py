"""How fast training runs: slow motion (10 updates/s) up to as fast as each backend can go."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QSlider, QToolButton, QWidget

SLOWEST, FASTEST_PACED = 10.0, 100_000.0
WATCHABLE = 160.0
"""Where "full speed" toggles back to when no paced speed was chosen before."""


class SpeedControl(QWidget):
    """A slider over 10…100,000 updates/s whose last notch means "no limit" (None)."""

    speed_changed = Signal(object)  # float | None

    STEPS = 40

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, self.STEPS + 1)
        self.slider.setMinimumWidth(140)
        self.label = QLabel()
        self.label.setMinimumWidth(110)
        # Full speed one click away, and back to the pace it left.
        self.full_button = QToolButton()
        self.full_button.setObjectName("full-speed")
        self.full_button.setCheckable(True)
        self.full_button.clicked.connect(self._on_full)
        self._paced = WATCHABLE
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel()
        layout.addWidget(self.caption)
        layout.addWidget(self.slider)
        layout.addWidget(self.label)
        layout.addWidget(self.full_button)
        self.slider.setMaximumWidth(220)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.slider.valueChanged.connect(self._on_moved)
        self.set_speed(None)
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Speed"))
        self.full_button.setText(self.tr("Full speed"))
        self.full_button.setToolTip(
            self.tr("Train as fast as each backend goes; click again for the paced speed")
        )
        self.setToolTip(
            self.tr("Updates per second: slide left for slow motion, right for full speed")
        )
        self._show()

    def _position_speed(self, position: int) -> float | None:
        if position > self.STEPS:
            return None
        ratio = math.log10(FASTEST_PACED / SLOWEST)
        return float(f"{SLOWEST * 10 ** (ratio * position / self.STEPS):.2g}")

    def speed(self) -> float | None:
        return self._position_speed(self.slider.value())

    def set_speed(self, speed: float | None, emit: bool = False) -> bool:
        """Move the slider to ``speed`` (None: full speed); ``emit`` tells listeners too.
        False, with the slider left where it was, if ``speed`` is not a number above 0."""
        if speed is not None and not (math.isfinite(speed) and speed > 0):
            return False
        if speed is None:
            position = self.STEPS + 1
        else:
            ratio = math.log10(FASTEST_PACED / SLOWEST)
            position = round(math.log10(max(speed, SLOWEST) / SLOWEST) / ratio * self.STEPS)
            position = min(max(position, 0), self.STEPS)
        self.slider.blockSignals(True)
        self.slider.setValue(position)
        self.slider.blockSignals(False)
        self._show()
        if emit:
            self.speed_changed.emit(self.speed())
        return True

    def _show(self) -> None:
        speed = self.speed()
        if speed is not None:
            self._paced = speed
        self.full_button.setChecked(speed is None)
        if speed is None:
            self.label.setText(self.tr("full speed"))
        else:
            self.label.setText(self.tr("{n} updates/s").format(n=f"{speed:,.0f}"))

    def _on_full(self, checked: bool) -> None:
        self.set_speed(None if checked else self._paced, emit=True)

    def _on_moved(self, _position: int) -> None:
        self._show()
        self.speed_changed.emit(self.speed())
