"""The Help menu: the keyboard shortcuts and About."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from app.app_logging import log_path


class HelpActions(QObject):
    """Opens the help dialogs (loaded on first use: not needed to open the window)."""

    def __init__(self, shortcut_actions: Callable[[], list[QAction]], parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._shortcut_actions = shortcut_actions
        self.shortcuts_action = QAction(parent, shortcut=QKeySequence("F1"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.about_action = QAction(parent)
        self.about_action.triggered.connect(self.show_about)

    def populate(self, menu: QMenu) -> None:
        menu.addAction(self.shortcuts_action)
        menu.addAction(self.about_action)

    def retranslate(self) -> None:
        self.shortcuts_action.setText(self.tr("&Keyboard shortcuts"))
        self.about_action.setText(self.tr("&About Descent Lab"))

    def show_shortcuts(self) -> QDialog:
        from app.dialogs import ShortcutsDialog

        actions = [*self._shortcut_actions(), self.shortcuts_action]
        return self._open(ShortcutsDialog(actions, self._parent))

    def show_about(self) -> QDialog:
        from app.dialogs import AboutDialog

        return self._open(AboutDialog(str(log_path()), self._parent))

    @staticmethod
    def _open(dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
