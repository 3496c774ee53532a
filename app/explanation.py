""" "Why they differ": the effective settings of the run on screen, what the theory predicts,
how far apart the runs ended, and what Align set."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction

from app.controller import TrainingController
from app.document import Document
from app.i18n import backend_title
from trainers.align_report import AlignReport
from trainers.differences import effective, max_deviation
from trainers.optimizers import HYPER_PARAMETERS
from trainers.outcome import run_facts
from widgets.explain_panel import ExplainPanel


class Explanation(QObject):
    """Keeps the explain panel (and whether aligning can help) in step with the document and
    the runs; ``message`` says in the status bar what Align set."""

    message = Signal(str)

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
        self._aligned: AlignReport | None = None
        controller.prepared.connect(self.refresh)
        controller.run_finished.connect(self.refresh)
        controller.status_changed.connect(self._on_status_changed)
        document.lr_edited.connect(self.refresh)
        document.color_edited.connect(self.refresh)
        # Align's report holds until the settings change again (Align itself replaces the
        # document first, then reports).
        for edited in (document.replaced, document.settings_edited, document.lr_edited):
            edited.connect(self._forget_align)

    @Slot()
    def _forget_align(self, *_args: object) -> None:
        self._aligned = None

    @Slot(object)
    def show_aligned(self, report: AlignReport) -> None:
        """Say what Align settings set, in the panel and the status bar."""
        self._aligned = report
        self.refresh()
        titles = {s.name: backend_title(s.name) for s in self._document.experiment.enabled()}
        self.message.emit(self._panel.sections.align_message(report, titles))

    @Slot(str)
    def _on_status_changed(self, name: str) -> None:
        status = self._controller.statuses.get(name)
        if status is not None and status.ended:  # a run stopped or diverged on its own
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        document, controller = self._document, self._controller
        enabled = document.experiment.enabled()
        n = document.data.n
        settings = [effective(s, controller.initials.get(s.name), n) for s in enabled]
        ended = {
            name: (status.divergence.step if status.divergence is not None else None)
            for name, status in controller.statuses.items()
            if status.ended
        }
        finished = {
            name: h
            for name, h in controller.histories.items()
            if controller.statuses[name].state == "finished"
        }
        deviation = max_deviation(finished) if len(finished) == len(enabled) else None
        defaults = {
            s.name: frozenset(k for k in HYPER_PARAMETERS[s.optimizer] if getattr(s, k) is None)
            for s in enabled
        }
        facts = run_facts(settings, controller.configs, controller.histories, ended, defaults)
        self._panel.show_settings(
            settings,
            {s.name: backend_title(s.name) for s in enabled},
            {s.name: s.color for s in enabled},
            document.data.stats,
            n,
            deviation,
            facts,
            self._aligned,
        )
        self._align_action.setEnabled(self._panel.align_button.isEnabled())
