"""Switching the look and the language of the whole application, and remembering the choice."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from app.i18n import install_language
from app.plot_area import PlotArea
from app.settings import AppSettings
from app.themes import apply_palette, effective_theme


class Appearance(QObject):
    """The theme ("light"/"dark") and language ("en"/"zh_CN") in use, from the user's choices
    ("system" or one of those)."""

    language_changed = Signal()  # the application's translations changed: retranslate now
    theme_changed = Signal(str)  # "light" or "dark" now in use

    def __init__(self, settings: AppSettings, plots: PlotArea) -> None:
        super().__init__(plots)
        self._settings, self._plots = settings, plots
        self.theme = effective_theme(settings.theme)
        self.language = settings.language
        plots.apply_theme(self.theme)

    def set_theme(self, choice: str, remember: bool = True) -> None:
        """Light, dark, or as the system says; remembered unless ``remember`` is False."""
        if remember:
            self._settings.theme = choice
        self.theme = effective_theme(choice)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_palette(app, self.theme)
        self._plots.apply_theme(self.theme)
        self.theme_changed.emit(self.theme)

    def set_language(self, choice: str, remember: bool = True) -> None:
        """English or Simplified Chinese (or as the system says), applied at once; remembered
        unless ``remember`` is False."""
        if remember:
            self._settings.language = choice
        self.language = install_language(choice)
        # Qt delivers LanguageChange to each widget later; the window retranslates now.
        self.language_changed.emit()
