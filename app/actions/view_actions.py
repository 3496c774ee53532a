"""The View menu: the theme and the language, each a group of choices; the theory overlay
and the previous run's ghost paths on the loss surface."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from app.appearance import Appearance
from app.i18n import LANGUAGE_NAMES
from app.settings import LANGUAGES, THEMES, AppSettings


class ViewActions(QObject):
    """One checkable action per theme and per language; choosing one switches the app. And
    what the plots show: the current minibatch (``batch_action``)."""

    def __init__(self, appearance: Appearance, settings: AppSettings, parent: QWidget) -> None:
        super().__init__(parent)
        self._appearance = appearance
        self.theme_menu = QMenu(parent)
        self.language_menu = QMenu(parent)
        self.theme_actions = self._choices(self.theme_menu, THEMES, self.set_theme)
        self.language_actions = self._choices(self.language_menu, LANGUAGES, self.set_language)
        self.theme_actions[settings.theme].setChecked(True)
        self.language_actions[settings.language].setChecked(True)
        self.batch_action = QAction(parent, checkable=True, checked=True)
        self._settings = settings
        self.theory_action = QAction(parent, checkable=True, checked=settings.theory_overlay)
        self.theory_action.toggled.connect(self._remember_theory)
        self.clear_ghosts_action = QAction(parent, shortcut=QKeySequence("Ctrl+G"))

    def _choices(
        self, menu: QMenu, choices: tuple[str, ...], choose: Callable[[str], None]
    ) -> dict[str, QAction]:
        group = QActionGroup(self)
        actions = {}
        for choice in choices:
            action = QAction(menu, checkable=True)
            action.triggered.connect(lambda _checked=False, c=choice: choose(c))
            group.addAction(action)
            menu.addAction(action)
            actions[choice] = action
        return actions

    def populate(self, menu: QMenu) -> None:
        menu.addMenu(self.theme_menu)
        menu.addMenu(self.language_menu)
        menu.addSeparator()
        menu.addAction(self.batch_action)
        menu.addAction(self.theory_action)
        menu.addAction(self.clear_ghosts_action)

    def shortcut_actions(self) -> list[QAction]:
        return [self.clear_ghosts_action]

    def _remember_theory(self, shown: bool) -> None:
        self._settings.theory_overlay = shown

    def set_theme(self, choice: str) -> None:
        self.theme_actions[choice].setChecked(True)
        self._appearance.set_theme(choice)

    def set_language(self, choice: str) -> None:
        self.language_actions[choice].setChecked(True)
        self._appearance.set_language(choice)

    def retranslate(self) -> None:
        self.theory_action.setText(self.tr("Theory on the loss surface"))
        self.theory_action.setToolTip(
            self.tr("The bowl's steep and shallow axes and each backend's predicted path")
        )
        self.clear_ghosts_action.setText(self.tr("Clear ghost paths"))
        self.clear_ghosts_action.setToolTip(
            self.tr("Remove the previous run's faint paths from the loss surface (Ctrl+G)")
        )
        self.theme_menu.setTitle(self.tr("&Theme"))
        theme_names = {
            "system": self.tr("Follow the system"),
            "light": self.tr("Light"),
            "dark": self.tr("Dark"),
        }
        for choice, action in self.theme_actions.items():
            action.setText(theme_names[choice])
        self.batch_action.setText(self.tr("Show the current &batch"))
        self.batch_action.setToolTip(
            self.tr(
                "keras-fit with minibatches: ring the points of its next batch and draw the "
                "step that batch takes next to the full data's step"
            )
        )
        self.language_menu.setTitle(self.tr("&Language"))
        for choice, action in self.language_actions.items():
            action.setText(
                self.tr("Follow the system") if choice == "system" else LANGUAGE_NAMES[choice]
            )
