"""Keys that behave like a media player's: Space and Ctrl+→ work wherever the focus is, except
in a widget that needs the key itself; Enter or Escape in a field hands the focus back."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLineEdit,
    QWidget,
)

TEXT_FIELDS = (QLineEdit, QAbstractSpinBox)
"""Widgets where typed keys are text: Space is a character, Ctrl+→ moves by a word."""
SPACE_USERS = (*TEXT_FIELDS, QAbstractButton, QComboBox)
"""Widgets that act on Space themselves: check boxes tick, buttons press, combos open."""
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def needs_key(widget: QWidget | None, event: QKeyEvent) -> bool:
    """True if the focused ``widget`` uses this key itself (the window's shortcut waits)."""
    if widget is None:
        return False
    plain = event.modifiers() in (
        Qt.KeyboardModifier.NoModifier,
        Qt.KeyboardModifier.KeypadModifier,
    )
    if event.key() == Qt.Key.Key_Space and plain:
        # A backend card's title is a check box too.
        checkable_box = isinstance(widget, QGroupBox) and widget.isCheckable()
        return isinstance(widget, SPACE_USERS) or checkable_box
    return isinstance(widget, TEXT_FIELDS) and event.matches(
        QKeySequence.StandardKey.MoveToNextWord
    )


class MediaKeys(QObject):
    """An application event filter for one window's widgets (removed with the window)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False
        assert isinstance(event, QKeyEvent)
        if kind == QEvent.Type.ShortcutOverride:
            # An accepted override hands the key to the widget instead of the shortcut (and
            # must stop here: the widget's own handler would ignore it again).
            if needs_key(watched, event):
                event.accept()
                return True
            return False
        if isinstance(watched, TEXT_FIELDS) and self._hands_back(watched, event):
            return event.key() == Qt.Key.Key_Escape  # Enter still reaches the field
        return False

    def _hands_back(self, field: QWidget, event: QKeyEvent) -> bool:
        """Enter (after the field has taken the value) or Escape: focus back to the window."""
        if event.key() in ENTER_KEYS:
            # The field handles Enter first (editingFinished), then gives up the focus.
            QTimer.singleShot(0, self._window, lambda: self._give_back(field))
            return True
        if event.key() == Qt.Key.Key_Escape:
            self._give_back(field)
            return True
        return False

    def _give_back(self, field: QWidget) -> None:
        if field.hasFocus():
            self._window.setFocus(Qt.FocusReason.ShortcutFocusReason)
