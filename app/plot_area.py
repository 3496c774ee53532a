"""The three plots, built once the window has been painted (pyqtgraph takes a quarter of a
second to import); until then placeholders hold their places in the splitters."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from app.i18n import backend_title

if TYPE_CHECKING:
    from app.controller import BackendStatus
    from widgets.fit_view import FitView
    from widgets.loss_view import LossView
    from widgets.surface_view import SurfaceView

PLOTS = ("fit_view", "surface_view", "loss_view")
TITLE_SIZE = "10pt"
"""Plot titles fit a 1024-pixel-wide window's plots at this size."""


class PlotArea(QObject):
    """Owns the plots: their placeholders, their building, their titles and their theme."""

    built = Signal()  # the plots replaced their placeholders

    def __init__(
        self, paint_guard: Callable[[], AbstractContextManager[object]], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._paint_guard = paint_guard
        self._theme = "light"
        self.placeholders = [QLabel() for _ in PLOTS]
        for slot in self.placeholders:
            slot.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fit_view: FitView
        self.surface_view: SurfaceView
        self.loss_view: LossView

    @property
    def is_built(self) -> bool:
        return not self.placeholders

    def views(self) -> tuple[FitView, SurfaceView, LossView]:
        return self.fit_view, self.surface_view, self.loss_view

    def view(self, name: str) -> QWidget:
        """A plot by its name in PLOTS (built first if need be)."""
        self.ensure()
        return getattr(self, name)

    def ensure(self) -> None:
        """Build the plots (importing pyqtgraph) in place of their placeholders."""
        if self.is_built:
            return
        from widgets.fit_view import FitView
        from widgets.loss_view import LossView
        from widgets.surface_view import SurfaceView

        self.fit_view = FitView()
        self.surface_view = SurfaceView()
        self.loss_view = LossView()
        for slot, view in zip(self.placeholders, self.views(), strict=True):
            view.paint_guard = self._paint_guard
            slot.parentWidget().replaceWidget(slot.parentWidget().indexOf(slot), view)
            slot.deleteLater()
        self.placeholders = []
        if self._theme != "light":
            self.apply_theme(self._theme)
        self.retranslate()
        self.built.emit()

    def apply_theme(self, theme: str) -> None:
        """Plot colours for "light" or "dark" (kept for the plots until they are built)."""
        self._theme = theme
        if self.is_built:
            from widgets.plot_theme import THEMES

            for view in self.views():
                view.apply_theme(THEMES[theme])

    def set_backends(self, titles: dict[str, str], colors: dict[str, str]) -> None:
        """The backends of the run on screen: ``{name: title}`` and ``{name: colour}``."""
        if self.is_built:
            self.fit_view.set_backends({n: (titles[n], c) for n, c in colors.items()})
            self.surface_view.set_backends(colors)
            self.loss_view.set_backends(colors)

    def show_diverged(self, name: str, w: np.ndarray, b: np.ndarray) -> None:
        """Keep ``name``'s line and path (``w``, ``b``) on screen, dashed: it diverged."""
        if self.is_built:
            gone = self.tr("⚠ {name} diverged: its line left the plot").format(
                name=backend_title(name)
            )
            self.fit_view.set_diverged(name, w, b, gone)
            self.surface_view.set_diverged(name)

    def show_waiting(self, statuses: Mapping[str, BackendStatus]) -> None:
        """While TensorFlow loads, say so on the plots, and what is ready meanwhile."""
        if not self.is_built:
            return
        waiting = [backend_title(n) for n, s in statuses.items() if s.state == "loading"]
        text = ""
        if waiting:
            ready = [self.tr("the data"), self.tr("the loss surface")]
            ready += [backend_title(n) for n, s in statuses.items() if s.state == "ready"]
            text = self.tr(
                "Loading TensorFlow for {waiting} (a few seconds)…\nReady meanwhile: {ready}."
            ).format(waiting=", ".join(waiting), ready=", ".join(ready))
        self.loss_view.set_banner(text)
        self.fit_view.set_banner(self.tr("Loading TensorFlow…") if waiting else "")

    def retranslate(self) -> None:
        for slot in self.placeholders:
            slot.setText(self.tr("Loading the plots…"))
        if not self.is_built:
            return
        self.fit_view.setTitle(self.tr("Data and fitted lines"), size=TITLE_SIZE)
        self.fit_view.setLabel("bottom", "x")
        self.fit_view.setLabel("left", "y")
        self.surface_view.setTitle(self.tr("Loss surface (MSE) and descent paths"), size=TITLE_SIZE)
        self.surface_view.setLabel("bottom", self.tr("w (kernel)"))
        self.surface_view.setLabel("left", self.tr("b (bias)"))
        self.loss_view.setTitle(
            self.tr("Loss per update (▲ learning rate changed)"), size=TITLE_SIZE
        )
        self.loss_view.set_labels(self.tr("update"), self.tr("MSE"), self.tr("learning rate"))
