"""Drawing the runs: at most one frame every FRAME_MS, from the controller's histories.

Data flows one way: a worker's chunk lands in the controller's history, the controller says
which backend progressed, and the next frame draws what changed since the last one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from app.batch_highlight import BatchHighlight
from app.controller import TrainingController
from app.document import Document
from app.i18n import backend_title
from app.plot_area import PlotArea
from app.status_bar import StatusBar
from trainers import BACKENDS, trainer_class
from trainers.lr_marks import LrMarks, is_smooth
from trainers.run_summary import settings_summary
from widgets.printout_view import PrintoutView

FRAME_MS = 25
"""The views redraw at most this often (40 frames per second)."""
STATUS_EVERY_FRAMES = 6
"""Status texts (updates done, rate) change every frame but are read at ~5 per second."""


class FrameRenderer(QObject):
    """Keeps the plots, the printout and the status texts in step with the runs."""

    tick = Signal()  # a frame's time came (whether or not anything needed drawing)
    first_update_drawn = Signal(str)  # a backend's first update has been drawn

    def __init__(
        self,
        document: Document,
        controller: TrainingController,
        plots: PlotArea,
        printout: PrintoutView,
        printout_shown: Callable[[], bool],
        status: StatusBar,
    ) -> None:
        super().__init__(controller)
        self._document, self._controller, self._plots = document, controller, plots
        self._printout, self._printout_shown, self._status = printout, printout_shown, status
        self._dirty: set[str] = set()
        self._status_dirty: set[str] = set()
        self._drawn: set[str] = set()
        self._marks: dict[str, LrMarks] = {}  # the learning-rate changes marked, per backend
        self._frames = 0
        self.batch = BatchHighlight(document, controller, plots, self)
        self._timer = QTimer(self, interval=FRAME_MS)
        self._timer.timeout.connect(self._on_frame)
        self._timer.start()
        controller.prepared.connect(self._on_prepared)
        controller.progressed.connect(self._dirty.add)
        controller.status_changed.connect(self._on_status_changed)
        document.data_changed.connect(self._draw_data)
        document.color_edited.connect(self._on_color_edited)
        plots.built.connect(self._show_names)

    @property
    def up_to_date(self) -> bool:
        """True once every update received so far has been drawn."""
        return not self._dirty

    def stop(self) -> None:
        self._timer.stop()

    def refresh_now(self) -> None:
        """Redraw every view from the current histories right away."""
        self._dirty |= set(self._controller.histories)
        self._status_dirty |= set(BACKENDS)
        self._on_frame()

    # -- a new run ----------------------------------------------------------------------
    def show_new_run(self) -> None:
        """Empty views for the run the controller has just prepared."""
        plots, document = self._plots, self._document
        plots.ensure()
        enabled = document.experiment.enabled()
        colors = {spec.name: spec.color for spec in enabled}
        titles = {name: backend_title(name) for name in colors}
        plots.set_backends(titles, colors)
        plots.surface_view.clear_paths()
        self.batch.clear()
        n = document.data.n
        plots.loss_view.clear_curves(max((s.total_updates(n) for s in enabled), default=1))
        for name in colors:
            plots.fit_view.clear_line(name)
        starts = [(s.init.w, s.init.b) if s.init.kind == "values" else (0.0, 0.0) for s in enabled]
        plots.surface_view.set_stats(document.data.stats, starts)
        self._printout.printout.set_runs(
            titles,
            {n: trainer_class(n).precision for n in colors},
            self._controller.histories,
            document.experiment.every,
        )
        self._show_settings(enabled, titles)
        self._dirty.clear()
        self._drawn.clear()
        self._marks.clear()
        self._status_dirty |= set(BACKENDS)  # the entries of this run's backends, no others

    def retranslate(self) -> None:
        self._printout.printout.set_labels(
            self.tr("step"), ("w", "b", self.tr("loss"), self.tr("lr"))
        )
        self._show_names()
        self.batch.redraw()
        self._status_dirty |= set(BACKENDS)

    def _lr_marks(self, name: str) -> LrMarks:
        """The run's marked learning-rate changes of ``name`` (see trainers.lr_marks)."""
        if name not in self._marks:
            config = self._controller.configs.get(name)
            self._marks[name] = LrMarks(smooth=config is not None and is_smooth(config))
        return self._marks[name]

    # -- reacting -----------------------------------------------------------------------
    @Slot()
    def _show_names(self) -> None:
        """The data (whose legend names the true line) and the run's backends, by name."""
        if not self._plots.is_built:
            return
        self._draw_data()
        if self._controller.histories:  # a run is set up: its legend and table name them
            enabled = self._document.experiment.enabled()
            titles = {s.name: backend_title(s.name) for s in enabled}
            self._plots.set_backends(titles, {s.name: s.color for s in enabled})
            self._printout.printout.set_titles(titles)
            self._show_settings(enabled, titles)

    def _show_settings(self, enabled: list, titles: dict[str, str]) -> None:
        """Above the printout: each backend's optimizer and schedule, with the values set."""
        lines = [
            f"{titles[s.name]}: {settings_summary(s, QCoreApplication.translate)}" for s in enabled
        ]
        self._printout.set_caption("\n".join(lines))

    @Slot()
    def _draw_data(self) -> None:
        if self._plots.is_built:
            self._plots.fit_view.set_data(
                self._document.data,
                sample_note=self.tr("{shown:,} of {total:,} points shown"),
                true_line_title=self.tr("true line"),
            )

    @Slot(str)
    def _on_color_edited(self, name: str) -> None:
        self._status_dirty.add(name)  # its dot in the status bar
        enabled = self._document.experiment.enabled()
        if self._document.experiment.backends[name].enabled and self._plots.is_built:
            colors = {s.name: s.color for s in enabled}
            self._plots.set_backends({n: backend_title(n) for n in colors}, colors)

    @Slot(str)
    def _on_prepared(self, name: str) -> None:
        if not self._plots.is_built:
            return
        initial = self._controller.initials[name]
        self._plots.surface_view.set_start(name, initial.w, initial.b)
        if not len(self._controller.histories.get(name, ())):
            self._plots.fit_view.set_line(name, initial.w, initial.b)

    @Slot(str)
    def _on_status_changed(self, name: str) -> None:
        self._status_dirty.add(name)
        status = self._controller.statuses.get(name)
        if status is not None and status.ended:
            self._printout.printout.mark_ended(name)
            self._dirty.add(name)
            history = self._controller.histories.get(name)
            if status.state == "diverged" and history is not None:
                self._plots.show_diverged(name, history.w, history.b)

    def _on_frame(self) -> None:
        """Update the views with whatever changed since the last frame.

        This, and every plot's repaint (through its ``paint_guard``), holds the training
        turnstile: no new chunk of training starts meanwhile. A repaint re-enters Python once per
        plot item, and each re-entry would otherwise wait for training threads to hand over the
        GIL.
        """
        self.tick.emit()
        if not self._plots.is_built or (not self._dirty and not self._status_dirty):
            return
        first_drawn = []
        controller, plots = self._controller, self._plots
        with controller.turnstile.hold():
            for name in self._dirty:
                history = controller.histories.get(name)
                if history is None or not len(history):
                    continue
                if name not in self._drawn:
                    self._drawn.add(name)
                    first_drawn.append(name)
                plots.fit_view.set_line(name, float(history.w[-1]), float(history.b[-1]))
                plots.surface_view.set_path(name, history.w, history.b)
                self.batch.draw(name, history)
                marks = self._lr_marks(name).update(history.lr)
                plots.surface_view.set_lr_marks(name, marks)
                plots.loss_view.set_curve(name, history.step, history.loss, marks)
                plots.loss_view.set_rates(name, history.step, history.lr)
            if self._dirty:
                if self._printout_shown():
                    self._printout.printout.refresh()
                self._dirty.clear()
            self._frames += 1
            # The status bar counts what the plots show, in the same frame; the cards' longer
            # texts are re-laid out less often.
            cards = self._frames % STATUS_EVERY_FRAMES == 0 or not controller.running
            for name in self._status_dirty:
                self._status.show_status(name, card=cards)
            if cards:
                self._status_dirty.clear()
                self._status.show_progress(controller.running)
        for name in first_drawn:  # outside the hold: a listener may close the window
            self.first_update_drawn.emit(name)
