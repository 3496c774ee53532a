"""Stopping everything once, whichever comes first: the window closing or the app quitting."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject

from app.controller import TrainingController

STOP_WAIT_MS = 1000
"""How long closing waits for the training threads before it says they were slow."""


class Shutdown(QObject):
    """Stops the window's timers and pending work, then every training thread (idempotent).

    ``closeEvent`` alone is not enough: the application may quit without closing the window
    (napari PR #9367), so quitting runs it too.
    """

    def __init__(
        self, controller: TrainingController, stops: list[Callable[[], None]], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._controller, self._stops = controller, stops
        self.done = False
        self.in_time = True  # what the one real run found, for every later call
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.run)

    def run(self) -> bool:
        """True if every thread stopped within STOP_WAIT_MS (later calls: what the first
        found, so that a test asking after the window closed learns the truth)."""
        if self.done:
            return self.in_time
        self.done = True
        for stop in self._stops:
            stop()
        self.in_time = self._controller.shutdown(STOP_WAIT_MS)
        return self.in_time
