"""Help → About and Help → Keyboard shortcuts."""

from __future__ import annotations

import platform
import re
from collections.abc import Iterable
from importlib import metadata

from PySide6 import QtCore
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import app
import resources


def _version(*distributions: str) -> str:
    """The installed version of the first distribution found (TensorFlow is read without
    importing it, so About never stalls the window)."""
    for name in distributions:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return QtCore.QCoreApplication.translate("AboutDialog", "not installed")


def versions() -> list[tuple[str, str]]:
    """(component, version) for Descent Lab and everything it stands on."""
    import numpy
    import PySide6

    return [
        ("Descent Lab", app.__version__),
        ("Python", platform.python_version()),
        ("Qt", QtCore.qVersion()),
        ("PySide6", PySide6.__version__),
        ("pyqtgraph", _version("pyqtgraph")),
        ("NumPy", numpy.__version__),
        ("TensorFlow", _version("tensorflow-cpu", "tensorflow")),
        ("Keras", _version("keras")),
    ]


class AboutDialog(QDialog):
    """What this is, the versions of its parts, and where its log file is."""

    def __init__(self, log_file: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Descent Lab"))
        self.setWindowIcon(resources.load_icon())
        icon = QLabel()
        icon.setPixmap(resources.load_icon().pixmap(96, 96))
        rows = "".join(f"<tr><td>{name}</td><td><b>{ver}</b></td></tr>" for name, ver in versions())
        self.text = QLabel(
            "<h2>Descent Lab</h2><p>"
            + self.tr(
                "See how gradient descent fits a line, framework by framework: why TensorFlow "
                "and Keras print different numbers for the same model, and how to make them agree."
            )
            + f"</p><table cellspacing='6'>{rows}</table><p>"
            + self.tr("Log file: {path}").format(path=log_file)
            + "</p>"
        )
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(icon, 0, QtCore.Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(460, 420)


def _plain(text: str) -> str:
    """A menu text without its accelerator: "&Open" → "Open", "打开(&O)" → "打开"."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "")


class ShortcutsDialog(QDialog):
    """Every action that has a keyboard shortcut, in a table."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        shortcuts = [
            (
                a.text().replace("&", ""),
                a.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
            )
            for a in actions
            if not a.shortcut().isEmpty()
        ]
        self.table = QTableWidget(len(shortcuts), 2)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, (text, keys) in enumerate(shortcuts):
            self.table.setItem(row, 0, QTableWidgetItem(text))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        self.note = QLabel(
            self.tr(
                "Space and Ctrl+→ work wherever the focus is, as in a media player, except where "
                "a widget needs the key: in a text field Space types and Ctrl+→ moves by a word; "
                "on a check box or button Space ticks or presses it. Enter or Escape in a field "
                "hands the keys back to the window."
            )
        )
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(460, 480)
