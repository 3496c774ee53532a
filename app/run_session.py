"""Keeping the controller's run in step with the document: prepare, start, pause, step, reset."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from app.controller import TrainingController
from app.document import Document
from trainers import LrSchedule

REBUILD_DELAY_MS = 250
"""Settings edits are gathered this long before the run is rebuilt (typing a number)."""

Schedules = dict[str, LrSchedule] | None


class RunSession(QObject):
    """Prepares a fresh run whenever the document changes, and commands the controller.

    The document's first experiment is prepared once the window has been painted
    (``window_painted``), or when the user first runs it: the window opens at Qt's own speed,
    and the loss surface and the threads follow a moment later.
    """

    rebuilt = Signal()  # a fresh run of the document is prepared (the controller's is new)
    commanded = Signal()  # started, paused or stepped: whether it runs may have changed

    def __init__(
        self, document: Document, controller: TrainingController, autostart: bool = False
    ) -> None:
        super().__init__(controller)
        self._document, self._controller = document, controller
        self._autostart = autostart
        self._first_pending = True  # the first run waits for the window to be painted
        self._shut_down = False
        self._debounced: Any = None  # superqt's debounced rebuild, made when first needed
        document.replaced.connect(self.rebuild)
        document.settings_edited.connect(self.request_rebuild)
        document.lr_edited.connect(controller.set_lr)
        document.speed_edited.connect(controller.set_speed)

    def window_painted(self) -> None:
        """The window is on screen: prepare the run that waited for it."""
        if self._first_pending:
            self.rebuild()

    @Slot(object)
    def rebuild(self, schedules: Schedules = None) -> None:
        """Stop whatever runs and prepare the document's experiment, parked at 'ready'."""
        if self._shut_down:
            return
        self._first_pending = False
        if self._debounced is not None:
            self._debounced.cancel()
        document = self._document
        self._controller.configure(document.experiment, document.data, schedules)
        self.rebuilt.emit()
        if self._autostart:
            self._autostart = False
            self._controller.start()
        self.commanded.emit()

    @Slot()
    def request_rebuild(self) -> None:
        """Rebuild once the edits have paused for REBUILD_DELAY_MS."""
        if self._debounced is None:
            from superqt.utils import qdebounced  # 0.2 s to import: after the first paint

            self._debounced = qdebounced(self.rebuild, REBUILD_DELAY_MS, parent=self)
        self._debounced()

    # -- commands -----------------------------------------------------------------------
    def _ensure_run(self) -> None:
        if self._first_pending or self._controller.all_ended:
            self.rebuild()

    def start(self) -> None:
        """Run every enabled backend (from the start again if the last run ended)."""
        self._ensure_run()
        self._controller.start()
        self.commanded.emit()

    def pause(self) -> None:
        self._controller.pause()
        self.commanded.emit()

    def start_or_pause(self) -> None:
        if self._controller.running:
            self.pause()
        else:
            self.start()

    def step(self) -> None:
        """One update in every backend, then paused."""
        self._ensure_run()
        self._controller.step()
        self.commanded.emit()

    def reset(self) -> None:
        """Start over from the initial values."""
        self.rebuild()

    def shutdown(self) -> None:
        """Prepare nothing more (edits still gathering are dropped)."""
        self._shut_down = True
        if self._debounced is not None:
            self._debounced.cancel()
