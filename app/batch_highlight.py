"""The current minibatch on the plots: its points ringed on the scatter, and on the loss surface
the step it takes next to the step the whole data would take (keras-fit with batches smaller
than the data), so the noise of small batches shows."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Slot

from app.controller import TrainingController
from app.document import Document
from app.i18n import backend_title
from app.plot_area import PlotArea
from trainers.history import RunHistory
from trainers.minibatch import next_batch_step

AVOID_POINTS = 300
"""The legend of the arrows avoids at most this many points of the path (a stride of it)."""


class BatchHighlight(QObject):
    """Draws the batch of a backend's next update from its history, when shown."""

    def __init__(
        self, document: Document, controller: TrainingController, plots: PlotArea, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._document, self._controller, self._plots = document, controller, plots
        self.shown = True
        document.color_edited.connect(lambda _name: self.redraw())

    @Slot(bool)
    def set_shown(self, shown: bool) -> None:
        """Show or hide the current batch (the View menu's "Show the current batch")."""
        self.shown = shown
        self.redraw()

    def clear(self) -> None:
        if self._plots.is_built:
            self._plots.fit_view.clear_batch()
            self._plots.surface_view.steps.hide()

    def redraw(self) -> None:
        """Draw again from the histories (after a toggle, a language or colour change)."""
        drawn = False
        for name, history in self._controller.histories.items():
            if history.batches is not None:
                drawn = self.draw(name, history) or drawn
        if not drawn:
            self.clear()

    def draw(self, name: str, history: RunHistory) -> bool:
        """Show the batch ``name`` uses next, from its newest point; False if there is none
        to show (full batches, a run that has ended, or hidden)."""
        if history.batches is None:
            return False
        status = self._controller.statuses.get(name)
        ended = status is None or status.ended
        # The run's own data: the document's may already be new data the run is not on yet
        # (a rebuild waits a moment), whose points the run's batches do not index.
        config = self._controller.configs.get(name)
        data = config.data if config is not None else None
        step = None
        if data is not None and self.shown and len(history) and not ended and self._plots.is_built:
            step = next_batch_step(
                history.batches,
                data,
                len(history),
                float(history.w[-1]),
                float(history.b[-1]),
                float(history.lr[-1]),
            )
        if step is None:
            self.clear()
            return False
        title = backend_title(name)
        color = self._document.experiment.backends[name].color
        points = self.tr("{name}: next batch").format(name=title)
        self._plots.fit_view.set_batch(data.x[step.indices], data.y[step.indices], color, points)
        labels = (
            self.tr("next batch: −lr·∇L(batch) ×{scale}"),
            self.tr("all the data: −lr·∇L ×{scale}"),
        )
        # The legend keeps clear of the path (a sample of it), its start and the minimum.
        stride = max(1, len(history) // AVOID_POINTS)
        avoid = np.column_stack([history.w[::stride], history.b[::stride]])
        start = self._controller.initials.get(name)
        extra = [data.stats.optimum, *([(start.w, start.b)] if start else [])]
        self._plots.surface_view.steps.show(
            (step.w, step.b),
            step.batch_step,
            step.full_step,
            color,
            labels,
            np.vstack([avoid, extra]),
            self.tr(
                "From {name}'s current point: the step its next batch takes, −lr·∇L of that "
                "batch's MSE ({count} of {total} points), and the step all the data would take, "
                "−lr·∇L of the whole MSE. Both are drawn {{scale}}× as long, to be visible."
            ).format(name=title, count=len(step.indices), total=data.n),
        )
        return True
