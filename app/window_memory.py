"""What the window remembers between launches: its geometry, its splitters, the experiment."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QSplitter, QWidget

from app.document import Document
from app.settings import AppSettings


class WindowMemory:
    """Saves the window's layout and the document to the settings, and restores the layout."""

    def __init__(
        self,
        settings: AppSettings,
        window: QWidget,
        splitters: Mapping[str, QSplitter],
        document: Document,
    ) -> None:
        self._settings, self._window = settings, window
        self._splitters, self._document = splitters, document

    def restore_geometry(self) -> None:
        geometry = self._settings.geometry("geometry")
        if geometry is not None:
            self._window.restoreGeometry(geometry)

    def restore_splitters(self) -> bool:
        """The sizes the user left the splitters at (they only fit once the plots exist);
        False if none were saved."""
        restored = False
        for name, splitter in self._splitters.items():
            saved = self._settings.geometry(f"splitter-{name}")
            if saved is not None:
                restored = splitter.restoreState(saved) or restored
        return restored

    def save(self) -> None:
        """Remember the window's layout and the experiment on screen."""
        settings = self._settings
        settings.set_geometry("geometry", self._window.saveGeometry())
        for name, splitter in self._splitters.items():
            settings.set_geometry(f"splitter-{name}", splitter.saveState())
        settings.set_experiment(self._document.experiment, self._document.data)
        settings.sync()
