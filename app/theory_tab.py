"""The "Theory" tab: keeps its numbers and its stability map in step with the document, and
turns a click on the map into a backend's new learning rate and momentum."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Slot

from app.controller import TrainingController
from app.document import Document
from app.i18n import backend_title
from trainers import DescentLabError, SufficientStats
from trainers.differences import effective
from trainers.prediction import predict
from trainers.stability import StabilityMap, stability_map
from widgets.theory_panel import BackendTheory, TheoryPanel

if TYPE_CHECKING:
    from app.appearance import Appearance
    from app.plot_area import PlotArea
    from widgets.stability_map import StabilityMapView


class TheoryTab(QObject):
    """Feeds the theory panel from the document (at once: no framework needed) and, once the
    plots are built (pyqtgraph imported), its stability map."""

    def __init__(
        self,
        panel: TheoryPanel,
        document: Document,
        controller: TrainingController,
        appearance: Appearance,
        plots: PlotArea,
    ) -> None:
        super().__init__(panel)
        self._panel, self._document, self._controller = panel, document, controller
        self._appearance = appearance
        self.map_view: StabilityMapView | None = None
        self._map: tuple[tuple[SufficientStats, bool], StabilityMap] | None = None
        for signal in (
            document.replaced,
            document.data_changed,
            document.settings_edited,
            document.lr_edited,
            document.color_edited,
            controller.prepared,  # Keras's default learning rate is known
        ):
            signal.connect(self.refresh)
        appearance.theme_changed.connect(self._apply_theme)
        plots.built.connect(self._build_map)
        self.refresh()

    @Slot()
    def _build_map(self) -> None:
        from widgets.stability_map import StabilityMapView

        view = self.map_view = StabilityMapView()
        self._panel.set_map_view(view)
        view.picked.connect(self._on_picked)
        view.chosen_changed.connect(self.refresh)
        self._apply_theme(self._appearance.theme)
        self.refresh()

    @Slot(str)
    def _apply_theme(self, theme: str) -> None:
        if self.map_view is not None:
            from widgets.plot_theme import THEMES

            self.map_view.apply_theme(THEMES[theme])

    def retranslate(self) -> None:
        if self.map_view is not None:
            self.map_view.retranslate()
        self.refresh()

    @Slot()
    def refresh(self, *_args: object) -> None:
        """Show the current data's bowl and each enabled backend's setting."""
        document = self._document
        data = document.data
        rows = []
        for spec in document.experiment.enabled():
            lr = effective(spec, self._controller.initials.get(spec.name), data.n).lr
            try:
                outcome = None if lr is None else predict(spec.name, spec.run_config(data), lr)
            except DescentLabError:  # settings the document refuses: no numbers for them
                outcome = None
            rows.append(BackendTheory(spec.name, backend_title(spec.name), spec.color, lr, outcome))
        self._panel.show_theory(data.stats, rows, QCoreApplication.translate)
        if self.map_view is not None:
            self._show_map(data.stats)

    def _show_map(self, stats: SufficientStats) -> None:
        """The map of the chosen backend's kind of momentum (heavy ball or Nesterov's), with
        every enabled backend's point on it or the reason it has none there."""
        from widgets.stability_map import MapBackend

        view = self.map_view
        assert view is not None
        enabled = self._document.experiment.enabled()
        initials, n = self._controller.initials, self._document.data.n
        backends = [
            MapBackend(
                spec.name,
                backend_title(spec.name),
                spec.color,
                effective(spec, initials.get(spec.name), n).lr,
                float(spec.momentum or 0.0),
                applies=spec.optimizer == "sgd",
                nesterov=bool(spec.nesterov),
            )
            for spec in enabled
        ]
        chosen = next((b for b in backends if b.name == view.chosen()), None)
        if chosen is None and backends:
            chosen = backends[0]
        nesterov = chosen is not None and chosen.nesterov and chosen.momentum > 0
        if self._map is None or self._map[0] != (stats, nesterov):
            self._map = ((stats, nesterov), stability_map(stats, nesterov=nesterov))
            view.set_map(self._map[1])
        view.set_backends(backends)

    @Slot(str, float, float)
    def _on_picked(self, name: str, lr: float, momentum: float) -> None:
        """A click on the map: the backend's new rate and momentum, as if typed in its card."""
        spec = self._document.experiment.backends[name]
        self._document.set_backend(replace(spec, lr=lr, momentum=momentum))
