"""The theory on the loss surface, kept in step with the document: the bowl's axes and each
backend's predicted path, computed here in the GUI thread (closed-form NumPy, no framework).

A learning rate changed while a run is under way: the dotted path of the rate the run started
with stays (the part before the change is still exact), and the note says the path has no
exact prediction any more. Before the run starts, a changed rate simply redraws the path.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QObject, Slot

from app.controller import TrainingController
from app.document import Document
from app.i18n import backend_title
from app.plot_area import PlotArea
from app.run_session import RunSession
from trainers import theory
from trainers.planned_paths import PlannedPath, plan


def headline(reason: str) -> str:
    """A reason's first clause, short enough for the plot (the whole one is its tooltip)."""
    return re.split("[:：]", reason, maxsplit=1)[0].strip()


class TheoryOverlay(QObject):
    """Draws the document's theory on the surface view whenever the document changes."""

    def __init__(
        self,
        document: Document,
        controller: TrainingController,
        session: RunSession,
        plots: PlotArea,
    ) -> None:
        super().__init__(plots)
        self._document, self._controller, self._plots = document, controller, plots
        self.plans: dict[str, PlannedPath] = {}
        self._started_at: dict[str, float | None] = {}  # rate a run began at, once changed
        self.visible = True
        for changed in (document.data_changed, document.settings_edited, document.color_edited):
            changed.connect(self.refresh)
        document.replaced.connect(self.refresh)
        document.data_changed.connect(self.clear_ghosts)  # old paths on another surface mislead
        document.lr_edited.connect(self._on_lr_edited)
        controller.prepared.connect(self.refresh)
        session.rebuilt.connect(self._on_rebuilt)
        plots.built.connect(self.refresh)

    @Slot()
    def refresh(self, *_args: object) -> None:
        """Recompute every enabled backend's prediction and the bowl's axes, and draw them."""
        if not self._plots.is_built:
            return
        document, controller = self._document, self._controller
        overlay = self._plots.surface_view.overlay
        enabled = document.experiment.enabled()
        overlay.set_backends({spec.name: spec.color for spec in enabled})
        self.plans = {}
        notes: dict[str, list[str]] = {}  # the short reason: the backends it holds for
        details = []
        for spec in enabled:
            name = spec.name
            found = self.plans[name] = plan(
                spec,
                document.data,
                controller.initials.get(name),
                self._started_at.get(name),
                lr_changed=name in self._started_at,
            )
            overlay.set_predicted(name, found.w, found.b)
            if found.note is not None:
                reason = found.note.translated(QCoreApplication.translate)
                notes.setdefault(headline(reason), []).append(backend_title(name))
                details.append(f"{backend_title(name)}: {reason}")
        lines = [
            self.tr("{backends}: {reason}").format(backends=", ".join(names), reason=short)
            for short, names in notes.items()
        ]
        overlay.set_note("\n".join(lines), "\n".join(details))
        overlay.set_key(
            self.tr("dotted: predicted · solid: the run"),
            self.tr(
                "Dotted: the path theory predicts for each backend, where it has an exact "
                "prediction. Solid: the path its run took."
            ),
        )
        self._show_bowl()
        overlay.set_visible(self.visible)

    def retranslate(self) -> None:
        self.refresh()

    def _show_bowl(self) -> None:
        bowl = theory.bowl(self._document.data.stats)
        shallow, steep = (float(v) for v in bowl.eigenvalues)
        labels = [
            self.tr("steep: λ = {value:.3g}").format(value=steep),
            self.tr("shallow: λ = {value:.3g}").format(value=shallow),
        ]
        self._plots.surface_view.overlay.set_bowl(bowl.optimum, bowl.eigenvectors[:, ::-1], labels)

    @Slot()
    def clear_ghosts(self) -> None:
        if self._plots.is_built:
            self._plots.surface_view.overlay.clear_ghosts()

    @Slot(bool)
    def set_visible(self, visible: bool) -> None:
        """Show or hide the axes, the predicted paths and the note (the ghosts stay)."""
        self.visible = visible
        if self._plots.is_built:
            self._plots.surface_view.overlay.set_visible(visible)

    @Slot()
    def _on_rebuilt(self) -> None:
        self._started_at.clear()  # a fresh run starts at the card's rate
        self.refresh()

    @Slot(str, float)
    def _on_lr_edited(self, name: str, _lr: float) -> None:
        history = self._controller.histories.get(name)
        status = self._controller.statuses.get(name)
        under_way = history is not None and len(history) > 0
        if under_way and status is not None and not status.ended and name not in self._started_at:
            earlier = self.plans.get(name)
            self._started_at[name] = None if earlier is None else earlier.lr
        self.refresh()
