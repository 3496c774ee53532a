"""Loss per update, one log-scaled curve per backend, marked where a learning rate changed;
under it, on the same update axis, each backend's learning rate."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from widgets.decimate import PeakDecimator, zoomed
from widgets.lr_plot import LEFT_AXIS_WIDTH, DecadeAxis, LrPlot
from widgets.plot_theme import LIGHT, PlotTheme, style_plot
from widgets.plot_view import PlotView, keep_off_the_edge

LOSS_FLOOR = 1e-32
"""Losses are drawn no lower than this: an exact fit has loss 0, which a log axis cannot show."""
LR_SHARE = 0.28
"""The learning-rate plot's share of the view's height."""
LR_MIN_VIEW_HEIGHT = 200
"""Below this height (pixels) the view shows the loss alone: both would be unreadable."""
EMPTY_LOSS_RANGE = (-1.5, 0.5)
EMPTY_LR_RANGE = (-2.5, -1.5)
"""log10 ranges of the plots before a run's first update, their labels away from the plots'
edges, where the loss's lowest and the rate's highest would collide. The rate's spans one
decade: a constant rate, drawn flat, keeps that span (pyqtgraph keeps the previous one)."""


class LossView(PlotView):
    """Curves updated in place. A long one is drawn reduced to each stretch's highest and
    lowest loss ("peak": a single noisy update or a divergence stays visible however long the
    run), kept up to date incrementally; pyqtgraph reduces that further to the view's pixels.
    Zoomed in, the stretch on screen is reduced afresh from every update."""

    _layout: pg.GraphicsLayout | None = None  # None until built (a resize may come first)
    _lr_shown: bool | None = None
    _empty = False  # showing clear_curves's ranges until a curve arrives

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._theme = LIGHT
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._markers: dict[str, pg.ScatterPlotItem] = {}
        self._colors: dict[str, str] = {}
        self._data: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._peaks: dict[str, PeakDecimator] = {}
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        # The rate plot's axis too (set before the log mode, which the axis keeps).
        plot.setAxisItems({"left": DecadeAxis("left")})
        plot.setLogMode(x=False, y=True)
        # The plot hands these to every curve it holds (its own settings override the items').
        plot.setDownsampling(auto=True, mode="peak")
        plot.setClipToView(True)
        plot.getViewBox().sigXRangeChanged.connect(self._on_x_range_changed)
        # The rates, in a plot of their own under the loss's: zooming one zooms both along x.
        self.lr_plot = LrPlot()
        self.lr_plot.setXLink(plot)
        layout = pg.GraphicsLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)  # between the plots: their tick labels stay apart
        self.setCentralItem(layout)  # first: it takes the plot out of the scene
        layout.addItem(plot, row=0, col=0)
        layout.addItem(self.lr_plot, row=1, col=0)
        self._layout = layout
        keep_off_the_edge(self.lr_plot)
        for item in (plot, self.lr_plot):  # as wide, so that their update axes line up
            item.getAxis("left").setWidth(LEFT_AXIS_WIDTH)
        self._show_lr_plot(True)
        self.apply_theme(LIGHT)

    def set_backends(self, colors: dict[str, str]) -> None:
        plot = self.getPlotItem()
        for name in list(self._curves):
            if name not in colors:
                plot.removeItem(self._curves.pop(name))
                plot.removeItem(self._markers.pop(name))
                self._data.pop(name, None)
                self._peaks.pop(name, None)
        for name, color in colors.items():
            if name not in self._curves:
                # One bin per pixel column ("peak": its highest and lowest loss); pyqtgraph's
                # default of five made a repaint twice as slow for nothing visible.
                curve = pg.PlotDataItem(skipFiniteCheck=True, autoDownsampleFactor=1.0)
                marker = pg.ScatterPlotItem(size=12, symbol="t1")  # ▲, as the title says
                marker.setZValue(10)
                plot.addItem(curve)
                plot.addItem(marker)
                self._curves[name], self._markers[name] = curve, marker
                self._peaks[name] = PeakDecimator()
            self._curves[name].setPen(pg.mkPen(color, width=2))
            self._markers[name].setBrush(pg.mkBrush(color))
            self._markers[name].setPen(pg.mkPen(self._theme.background))
        self._colors = dict(colors)
        self.lr_plot.set_backends(colors)

    def set_labels(self, update: str, loss: str, lr: str) -> None:
        """Axis titles: the update axis (under the lowest plot), the loss's, the rate's."""
        for item in (self.getPlotItem(), self.lr_plot):
            item.setLabel("bottom", update)
        self.getPlotItem().setLabel("left", loss)
        # Its name as its axis title, as the loss's: inside the plot it covered the rates.
        self.lr_plot.setLabel("left", lr)
        self._lr_shown = None  # setLabel shows the axis it labels: lay the axes out again
        self._show_lr_plot(self.height() >= LR_MIN_VIEW_HEIGHT)

    def set_rates(self, name: str, steps: np.ndarray, lr: np.ndarray) -> None:
        """The learning rate of each update so far, drawn under the loss."""
        self.lr_plot.set_rates(name, steps, lr)

    @property
    def lr_plot_shown(self) -> bool:
        return bool(self._lr_shown)

    def _show_lr_plot(self, shown: bool) -> None:
        """The rates under the loss, or (too little room) the loss alone with its own axis."""
        if self._layout is None or shown == self._lr_shown:
            return
        self._lr_shown = shown
        grid = self._layout.layout
        self.lr_plot.setVisible(shown)
        # The update axis is drawn once, under the lowest plot.
        self.getPlotItem().showAxis("bottom", not shown)
        grid.setRowStretchFactor(0, round(100 * (1 - LR_SHARE)))
        grid.setRowStretchFactor(1, round(100 * LR_SHARE) if shown else 0)
        grid.setRowMaximumHeight(1, 1e6 if shown else 0)
        self.lr_plot.setMaximumHeight(1e6 if shown else 0)
        self.lr_plot.setMinimumHeight(0)

    def resizeEvent(self, event) -> None:
        # pyqtgraph calls this itself, with no event, when the view's scene changes.
        self._show_lr_plot(self.height() >= LR_MIN_VIEW_HEIGHT)
        super().resizeEvent(event)

    def set_curve(
        self, name: str, steps: np.ndarray, loss: np.ndarray, lr_change_steps: list[int]
    ) -> None:
        """The loss after each update; triangles where the learning rate changed."""
        if name not in self._curves:
            return
        self._data[name] = (steps, loss)  # earlier rows never change: a run's history grows
        if self._empty and steps.size:
            self._fit_first_update()
        self._show(name)
        index = np.searchsorted(steps, lr_change_steps)
        index = index[(index < steps.size)]
        self._markers[name].setData(steps[index], np.log10(np.maximum(loss[index], LOSS_FLOOR)))

    def _show(self, name: str) -> None:
        steps, loss = self._data[name]
        peaks = self._peaks[name]
        index, values = peaks.update(loss)
        view = self.getPlotItem().getViewBox()
        if peaks.width > 1 and not view.autoRangeEnabled()[0]:
            x_range, pixels = view.viewRange()[0], int(view.width())
            index, values = zoomed(steps, loss, (index, values), peaks.width, x_range, pixels)
        self._curves[name].setData(steps[index], np.maximum(values, LOSS_FLOOR))

    def _on_x_range_changed(self) -> None:
        if not self.getPlotItem().getViewBox().autoRangeEnabled()[0]:
            for name in self._data:
                self._show(name)

    def clear_curves(self, updates: int = 1) -> None:
        """No curves; until the first update arrives, the axes of a run of ``updates``."""
        for name in self._curves:
            self._curves[name].setData([], [])
            self._markers[name].setData([], [])
            self._peaks[name].reset()
        self._data.clear()
        self.lr_plot.clear_curves()
        # Nothing to fit yet: pyqtgraph's 0…1 ranges would label 0.2…0.8 and collide.
        self.getPlotItem().setRange(xRange=(0, max(updates, 1)), yRange=EMPTY_LOSS_RANGE, padding=0)
        self.lr_plot.setYRange(*EMPTY_LR_RANGE, padding=0)
        self._empty = True

    def _fit_first_update(self) -> None:
        """A diverged run's huge range must not outlive it: fit the next run afresh."""
        self._empty = False
        self.getPlotItem().enableAutoRange()
        self.lr_plot.enableAutoRange()

    def curve_data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """Every (update, loss) the curve holds."""
        if name not in self._data:
            return np.empty(0), np.empty(0)
        steps, loss = self._data[name]
        return steps, np.maximum(loss, LOSS_FLOOR)

    def drawn_data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """What the curve draws: (update, log10 loss), reduced to the view's pixels."""
        x, y = self._curves[name].getData()
        return (np.empty(0), np.empty(0)) if x is None else (x, y)

    def marker_steps(self, name: str) -> list[int]:
        x, _ = self._markers[name].getData()
        return [int(v) for v in x]

    def apply_theme(self, theme: PlotTheme) -> None:
        self._theme = theme
        self.setBackground(theme.background)
        style_plot(self.getPlotItem(), theme)
        # A log axis draws a grid line at every 1..9 of ~30 decades: 25 ms per repaint.
        self.getPlotItem().showGrid(x=True, y=False, alpha=theme.grid_alpha)
        self.lr_plot.apply_theme(theme)
        for name, marker in self._markers.items():
            marker.setPen(pg.mkPen(theme.background))
            marker.setBrush(pg.mkBrush(self._colors.get(name, "#888")))
