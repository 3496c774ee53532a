"""Telling the user: errors in a dialog that never blocks, passing news in the status bar."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


class Notices(QObject):
    """Shows errors and news to the user; remembers the last (``last``, for tests and probes)."""

    def __init__(self, window: QWidget, show_message: Callable[[str], None]) -> None:
        super().__init__(window)
        self._window, self._show_message = window, show_message
        self.last: tuple[str, str] = ("", "")

    def error(self, title: str, detail: str) -> None:
        """A warning dialog that does not block the window (nor the tests)."""
        log.warning("%s: %s", title, detail)
        self.last = (title, detail)
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, detail, QMessageBox.StandardButton.Ok, self._window
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def info(self, text: str) -> None:
        """News (a file saved, opened) in the status bar for a few seconds."""
        self.last = (text, "")
        self._show_message(text)
