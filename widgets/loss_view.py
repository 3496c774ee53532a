"""Loss per update, one log-scaled curve per backend, marked where a learning rate changed."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from widgets.plot_theme import LIGHT, PlotTheme, style_plot
from widgets.plot_view import PlotView

LOSS_FLOOR = 1e-32
"""Losses are drawn no lower than this: an exact fit has loss 0, which a log axis cannot show."""


class LossView(PlotView):
    """Curves updated in place. pyqtgraph draws a long one reduced to the view's pixels,
    keeping each pixel column's highest and lowest loss ("peak"): a single noisy update or a
    divergence stays visible however long the run."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._theme = LIGHT
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._markers: dict[str, pg.ScatterPlotItem] = {}
        self._colors: dict[str, str] = {}
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.setLogMode(x=False, y=True)
        # The plot hands these to every curve it holds (its own settings override the items').
        plot.setDownsampling(auto=True, mode="peak")
        plot.setClipToView(True)
        self.apply_theme(LIGHT)

    def set_backends(self, colors: dict[str, str]) -> None:
        plot = self.getPlotItem()
        for name in list(self._curves):
            if name not in colors:
                plot.removeItem(self._curves.pop(name))
                plot.removeItem(self._markers.pop(name))
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
            self._curves[name].setPen(pg.mkPen(color, width=2))
            self._markers[name].setBrush(pg.mkBrush(color))
            self._markers[name].setPen(pg.mkPen(self._theme.background))
        self._colors = dict(colors)

    def set_curve(
        self, name: str, steps: np.ndarray, loss: np.ndarray, lr_change_steps: list[int]
    ) -> None:
        """The loss after each update; triangles where the learning rate changed."""
        curve = self._curves.get(name)
        if curve is None:
            return
        curve.setData(steps, np.maximum(loss, LOSS_FLOOR))
        index = np.searchsorted(steps, lr_change_steps)
        index = index[(index < steps.size)]
        self._markers[name].setData(steps[index], np.log10(np.maximum(loss[index], LOSS_FLOOR)))

    def clear_curves(self) -> None:
        for name in self._curves:
            self._curves[name].setData([], [])
            self._markers[name].setData([], [])
        # A diverged run's huge range must not outlive it: fit the next run afresh.
        self.getPlotItem().enableAutoRange()

    def curve_data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """Every (update, loss) the curve holds."""
        curve = self._curves[name]
        if curve.xData is None:
            return np.empty(0), np.empty(0)
        return curve.xData, curve.yData

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
        for name, marker in self._markers.items():
            marker.setPen(pg.mkPen(theme.background))
            marker.setBrush(pg.mkBrush(self._colors.get(name, "#888")))
