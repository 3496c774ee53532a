"""Light and dark looks for the whole window, following the system unless the user chooses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

_DARK = {
    QPalette.ColorRole.Window: "#2b2d30",
    QPalette.ColorRole.WindowText: "#dfe1e5",
    QPalette.ColorRole.Base: "#1e1f22",
    QPalette.ColorRole.AlternateBase: "#26282b",
    QPalette.ColorRole.ToolTipBase: "#3c3f41",
    QPalette.ColorRole.ToolTipText: "#dfe1e5",
    QPalette.ColorRole.PlaceholderText: "#8c8f94",
    QPalette.ColorRole.Text: "#dfe1e5",
    QPalette.ColorRole.Button: "#3c3f41",
    QPalette.ColorRole.ButtonText: "#dfe1e5",
    QPalette.ColorRole.BrightText: "#ff6b68",
    QPalette.ColorRole.Highlight: "#2f65ca",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#6aa6ff",
}
_DISABLED_DARK = {
    QPalette.ColorRole.WindowText: "#7a7d82",
    QPalette.ColorRole.Text: "#7a7d82",
    QPalette.ColorRole.ButtonText: "#7a7d82",
}


def system_prefers_dark() -> bool:
    """True if the desktop asks for a dark colour scheme (Qt 6.5+ knows)."""
    hints = QGuiApplication.styleHints()
    return hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark


def effective_theme(choice: str) -> str:
    """ "light" or "dark" for a choice of "system", "light" or "dark"."""
    if choice == "system":
        return "dark" if system_prefers_dark() else "light"
    return choice


def apply_palette(app: QApplication, theme: str) -> None:
    """The Fusion style in the theme's colours (the same look on every platform)."""
    app.setStyle("Fusion")
    if theme != "dark":
        app.setPalette(app.style().standardPalette())
        return
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))
    for role, color in _DISABLED_DARK.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(color))
    app.setPalette(palette)
