"""Noticing the moment the window is first on screen (for work that must wait for it)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget


class FirstPaint(QObject):
    """Emits ``painted`` once, just after Qt has first painted ``window``.

    Qt paints the window while it handles its first expose event; work that holds the GIL
    for seconds (TensorFlow's import) or imports pyqtgraph may start right after that, not
    before.
    """

    painted = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._watching = False

    def watch(self) -> None:
        """Call from the window's showEvent: its native window exists from then on."""
        handle = self._window.windowHandle()
        if handle is not None and not self._watching:
            self._watching = True
            handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        handle = self._window.windowHandle()
        if event.type() == QEvent.Type.Expose and watched is handle and handle.isExposed():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.painted.emit)
        return False
