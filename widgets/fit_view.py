"""The data as a scatter, and every backend's current line y = w·x + b over it."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from trainers import Dataset
from widgets.plot_theme import LIGHT, PlotTheme, style_legend, style_plot
from widgets.plot_view import PlotView
from widgets.status_entry import ERROR_COLORS

MAX_SCATTER_POINTS = 20_000
"""Beyond this many points the view draws a random sample (and says so)."""


class FitView(PlotView):
    """Scatter drawn once per data set; lines updated in place with ``setData``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._theme = LIGHT
        self._lines: dict[str, pg.PlotDataItem] = {}
        self._titles: dict[str, str] = {}
        self._colors: dict[str, str] = {}
        self._true_title: str | None = None
        self.diverged: set[str] = set()  # backends whose line is kept, dashed, where it left
        self._x_range = (0.0, 1.0)
        self._y_range = (0.0, 1.0)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        self.legend = plot.addLegend(offset=(10, 10))
        self.scatter = pg.ScatterPlotItem(size=6, pxMode=True)
        self.true_line = pg.PlotDataItem()
        # Rings around the points of a minibatch backend's current batch.
        self.batch = pg.ScatterPlotItem(size=15, pxMode=True, symbol="o", brush=None)
        self.batch.setZValue(15)
        self._batch_title: str | None = None
        self.note = pg.TextItem(anchor=(1, 1))
        self.note.setZValue(20)
        # Names the lines that left the plot at once when their run diverged.
        self.gone_note = pg.TextItem(anchor=(1, 1))
        self.gone_note.setZValue(20)
        self._gone: dict[str, str] = {}
        for item in (self.scatter, self.true_line, self.batch, self.note, self.gone_note):
            plot.addItem(item)
        self.apply_theme(LIGHT)

    # -- content ----------------------------------------------------------------------
    def set_data(
        self,
        data: Dataset,
        sample_note: str = "{shown:,} of {total:,} points shown",
        true_line_title: str = "true line",
    ) -> None:
        """Draw the points (a sample of them beyond MAX_SCATTER_POINTS) and the true line."""
        x, y = data.x, data.y
        if data.n > MAX_SCATTER_POINTS:
            pick = np.random.default_rng(0).choice(data.n, MAX_SCATTER_POINTS, replace=False)
            x, y = x[pick], y[pick]
            self.note.setText(sample_note.format(shown=MAX_SCATTER_POINTS, total=data.n))
        else:
            self.note.setText("")
        self.scatter.setData(x, y)
        lo, hi = float(data.x.min()), float(data.x.max())
        pad = 0.05 * (hi - lo)
        self._x_range = (lo - pad, hi + pad)
        if data.true_line is not None:
            slope, intercept = data.true_line
            xs = np.array(self._x_range)
            self.true_line.setData(xs, slope * xs + intercept)
            if self._true_title != true_line_title:
                self._true_title = true_line_title
                self._rebuild_legend()
        else:
            self.true_line.setData([], [])
            if self._true_title is not None:
                self._true_title = None
                self._rebuild_legend()
        y_lo, y_hi = float(data.y.min()), float(data.y.max())
        y_pad = 0.15 * max(y_hi - y_lo, 1e-9)
        self._y_range = (y_lo - y_pad, y_hi + y_pad)
        # The view frames the data; a wild line is clipped rather than rescaling everything.
        self.getPlotItem().setRange(
            xRange=self._x_range, yRange=(y_lo - y_pad, y_hi + y_pad), padding=0
        )
        view = self.getPlotItem().getViewBox()
        self.note.setPos(view.viewRect().right(), view.viewRect().top())

    def set_backends(self, backends: dict[str, tuple[str, str]]) -> None:
        """One line per backend: ``{name: (title, colour)}``; unchanged ones keep their item."""
        renamed = False
        for name in list(self._lines):
            if name not in backends:
                self.getPlotItem().removeItem(self._lines.pop(name))
                self._titles.pop(name)
                renamed = True
        for name, (title, color) in backends.items():
            if name not in self._lines:
                self._lines[name] = pg.PlotDataItem()
                self.getPlotItem().addItem(self._lines[name])
            if self._titles.get(name) != title:
                self._titles[name] = title
                renamed = True
            self._colors[name] = color
            self._style_line(name)
        if renamed:
            self._rebuild_legend()

    def _rebuild_legend(self) -> None:
        """The true line first, then the backends in their order, each by its title."""
        self.legend.clear()
        if self._true_title is not None:
            self.legend.addItem(self.true_line, self._true_title)
        for name, line in self._lines.items():
            self.legend.addItem(line, self._titles[name])
        if self._batch_title is not None:
            self.legend.addItem(self.batch, self._batch_title)
        style_legend(self.legend, self._theme)

    def _style_line(self, name: str) -> None:
        style = Qt.PenStyle.DashLine if name in self.diverged else Qt.PenStyle.SolidLine
        self._lines[name].setPen(pg.mkPen(self._colors[name], width=2.5, style=style))

    def set_line(self, name: str, w: float, b: float) -> None:
        """``name``'s line y = w·x + b; a non-finite one keeps the last line drawn."""
        line = self._lines.get(name)
        if line is not None and np.isfinite(w) and np.isfinite(b):
            xs = np.array(self._x_range)
            line.setData(xs, w * xs + b)

    def set_diverged(self, name: str, w: np.ndarray, b: np.ndarray, gone: str = "") -> None:
        """Keep ``name``'s line dashed where it was last seen: its last line (of the path
        ``w``, ``b``) that still crossed the plot, before the run ran away. If none ever did,
        ``gone`` says so in the plot's corner."""
        line = self._lines.get(name)
        if line is None or name in self.diverged:
            return
        self.diverged.add(name)
        self._style_line(name)
        (x_lo, x_hi), (y_lo, y_hi) = self._x_range, self._y_range
        with np.errstate(all="ignore"):
            at_lo, at_hi = w * x_lo + b, w * x_hi + b
            seen = np.isfinite(at_lo) & np.isfinite(at_hi)
            seen &= (np.maximum(at_lo, at_hi) >= y_lo) & (np.minimum(at_lo, at_hi) <= y_hi)
        index = np.flatnonzero(seen)
        if index.size:
            xs = np.array(self._x_range)
            line.setData(xs, w[index[-1]] * xs + b[index[-1]])
        elif gone:
            self._gone[name] = gone
            self._show_gone()

    def _show_gone(self) -> None:
        self.gone_note.setText("\n".join(self._gone.values()))
        view = self.getPlotItem().getViewBox().viewRect()  # bottom right: below the data
        self.gone_note.setPos(view.right(), view.top() + 0.08 * view.height())

    def clear_line(self, name: str) -> None:
        line = self._lines.get(name)
        if line is not None:
            line.setData([], [])
            if name in self.diverged:
                self.diverged.discard(name)
                self._style_line(name)
            if self._gone.pop(name, None) is not None:
                self._show_gone()

    def set_batch(self, x: np.ndarray, y: np.ndarray, color: str, title: str) -> None:
        """Ring the points (``x``, ``y``) of a batch in ``color``; ``title`` names them."""
        self.batch.setData(x, y, pen=pg.mkPen(color, width=2.5), brush=None)
        if title != self._batch_title:
            self._batch_title = title
            self._rebuild_legend()

    def clear_batch(self) -> None:
        self.batch.setData([], [])
        if self._batch_title is not None:
            self._batch_title = None
            self._rebuild_legend()

    def batch_points(self) -> tuple[np.ndarray, np.ndarray]:
        """The ringed points as drawn (for tests)."""
        x, y = self.batch.getData()
        return (np.empty(0), np.empty(0)) if x is None else (x, y)

    def line_data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """What the line item currently shows (for tests and exports)."""
        x, y = self._lines[name].getData()
        return (np.empty(0), np.empty(0)) if x is None else (x, y)

    # -- looks ------------------------------------------------------------------------
    def apply_theme(self, theme: PlotTheme) -> None:
        self._theme = theme
        self.setBackground(theme.background)
        style_plot(self.getPlotItem(), theme)
        self.scatter.setPen(None)
        self.scatter.setBrush(pg.mkBrush(theme.scatter))
        self.true_line.setPen(pg.mkPen(theme.true_line, width=1.5, style=Qt.PenStyle.DashLine))
        self.note.setColor(theme.foreground)
        self.gone_note.setColor(ERROR_COLORS[theme.name])
        backdrop = pg.mkColor(theme.background)
        backdrop.setAlpha(220)
        self.gone_note.fill = pg.mkBrush(backdrop)  # readable over the data it may cross
        style_legend(self.legend, theme)
