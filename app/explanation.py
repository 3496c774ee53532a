""" "Why they differ": the effective settings of the run on screen, and how far apart it ended."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction

from app.controller import TrainingController
from app.document import Document
from app.i18n import backend_title
from trainers.differences import effective, max_deviation
from widgets.explain_panel import ExplainPanel


class Explanation(QObject):
    """Keeps the explain panel (and whether aligning can help) in step with the document and
    the runs."""

    def __init__(
        self,
        panel: ExplainPanel,
        align_action: QAction,
        document: Document,
        controller: TrainingController,
    ) -> None:
        super().__init__(panel)
        self._panel, self._align_action = panel, align_action
        self._document, self._controller = document, controller
        controller.prepared.connect(self.refresh)
        controller.run_finished.connect(self.refresh)
        document.lr_edited.connect(self.refresh)
        document.color_edited.connect(self.refresh)

    @Slot()
    def refresh(self) -> None:
        document, controller = self._document, self._controller
        enabled = document.experiment.enabled()
        n = document.data.n
        settings = [effective(s, controller.initials.get(s.name), n) for s in enabled]
        finished = {
            name: h
            for name, h in controller.histories.items()
            if controller.statuses[name].state == "finished"
        }
        deviation = max_deviation(finished) if len(finished) == len(enabled) else None
        self._panel.show_settings(
            settings,
            {s.name: backend_title(s.name) for s in enabled},
            {s.name: s.color for s in enabled},
            document.data.stats,
            n,
            deviation,
        )
        self._align_action.setEnabled(self._panel.align_button.isEnabled())
