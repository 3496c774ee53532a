"""How far a file has been read, with a button to stop: in the status bar while reading."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QStatusBar, QWidget

from app.file_loader import FileLoader

SHOW_AFTER_MS = 300
"""A read quicker than this never shows the bar (no flicker for small files)."""


class LoadProgress(QObject):
    """A progress bar and a Cancel button for the document's file loader."""

    def __init__(self, loader: FileLoader, bar: QStatusBar) -> None:
        super().__init__(bar)
        self._loader = loader
        self.widget = QWidget()
        layout = QHBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(loader.cancel)
        for widget in (self.label, self.progress, self.cancel_button):
            layout.addWidget(widget)
        bar.addPermanentWidget(self.widget)
        self.widget.hide()
        self._timer = QTimer(self, singleShot=True, interval=SHOW_AFTER_MS)
        self._timer.timeout.connect(self.widget.show)
        loader.started.connect(self._on_started)
        loader.progressed.connect(self._on_progressed)
        loader.ended.connect(self._on_ended)
        self.retranslate()

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))

    @Slot(str)
    def _on_started(self, what: str) -> None:
        self.label.setText(self.tr("Reading {name}…").format(name=what))
        self.progress.setRange(0, 0)  # busy until the first chunk says how far
        self._timer.start()

    @Slot(int, int)
    def _on_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    @Slot()
    def _on_ended(self) -> None:
        self._timer.stop()
        self.widget.hide()
