"""The learning rate of each update, one log-scaled step-line per backend: a schedule's decay,
plateau's reductions and live changes, under the loss curve on the same update axis."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg

from widgets.decimate import PeakDecimator, zoomed
from widgets.plot_theme import LIGHT, PlotTheme, style_plot

LEFT_AXIS_WIDTH = 58
"""Pixels; the loss plot's and the rate plot's left axes are as wide, so their x axes line up."""


class DecadeAxis(pg.AxisItem):
    """A log axis labelled at each decade, and at 2 and 5 times them when fewer than two
    decades are in view: pyqtgraph's own labels every 1…9, and they overlap in a short plot."""

    def logTickValues(self, minVal, maxVal, size, stdTicks):  # pyqtgraph's names
        lo, hi = math.floor(minVal), math.ceil(maxVal)
        decades = [float(v) for v in range(lo, hi + 1) if minVal <= v <= maxVal]
        if len(decades) > 1:
            step = max(1, math.ceil(len(decades) / max(size / 30, 1)))  # ~30 px apart
            return [(float(step), decades[::step])]
        between = [v + math.log10(m) for v in range(lo, hi) for m in (2, 5)]
        return [(1.0, decades), (None, [x for x in between if minVal < x < maxVal])]


def step_line(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Points of a line that holds each ``y`` from its ``x`` to the next one's ``x``: the rate
    of update k is drawn from k to k + 1, so a change rises or falls straight up at its update."""
    if x.size < 2:
        return x, y
    return np.repeat(x, 2)[1:], np.repeat(y, 2)[:-1]


class LrPlot(pg.PlotItem):
    """Rates drawn as the loss curves are: a long run reduced to each stretch's highest and
    lowest rate, kept incrementally; zoomed in, the stretch on screen afresh from every update."""

    def __init__(self) -> None:
        super().__init__(axisItems={"left": DecadeAxis("left")})
        self._theme = LIGHT
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._data: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._peaks: dict[str, PeakDecimator] = {}
        self.setMenuEnabled(False)
        self.setLogMode(x=False, y=True)
        self.getViewBox().sigXRangeChanged.connect(self._on_x_range_changed)
        self.apply_theme(LIGHT)

    def set_backends(self, colors: dict[str, str]) -> None:
        for name in list(self._curves):
            if name not in colors:
                self.removeItem(self._curves.pop(name))
                self._data.pop(name, None)
                self._peaks.pop(name, None)
        for name, color in colors.items():
            if name not in self._curves:
                # "finite": a rate of 0 (cosine decayed to alpha = 0) has no place on a log axis.
                curve = pg.PlotDataItem(connect="finite")
                self.addItem(curve)
                self._curves[name], self._peaks[name] = curve, PeakDecimator()
            self._curves[name].setPen(pg.mkPen(color, width=2))

    def set_rates(self, name: str, steps: np.ndarray, lr: np.ndarray) -> None:
        """The rate of each update so far (earlier ones unchanged since the last call)."""
        if name in self._curves:
            self._data[name] = (steps, lr)
            self._show(name)

    def _show(self, name: str) -> None:
        steps, lr = self._data[name]
        peaks = self._peaks[name]
        index, values = peaks.update(lr)
        view = self.getViewBox()
        if peaks.width > 1 and not view.autoRangeEnabled()[0]:
            x_range, pixels = view.viewRange()[0], int(view.width())
            index, values = zoomed(steps, lr, (index, values), peaks.width, x_range, pixels)
        self._curves[name].setData(*step_line(steps[index], values))

    def _on_x_range_changed(self) -> None:
        if not self.getViewBox().autoRangeEnabled()[0]:
            for name in self._data:
                self._show(name)

    def clear_curves(self) -> None:
        for name, curve in self._curves.items():
            curve.setData([], [])
            self._peaks[name].reset()
        self._data.clear()

    def rate_data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """Every (update, rate) the curve holds."""
        return self._data.get(name, (np.empty(0), np.empty(0)))

    def drawn_data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """What the step-line draws: (update, log10 rate) at its corners."""
        x, y = self._curves[name].getData()
        return (np.empty(0), np.empty(0)) if x is None else (x, y)

    def apply_theme(self, theme: PlotTheme) -> None:
        self._theme = theme
        style_plot(self, theme)
        self.showGrid(x=True, y=False, alpha=theme.grid_alpha)
