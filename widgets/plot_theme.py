"""Colours the plots use, for a light or a dark window."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem


@dataclass(frozen=True)
class PlotTheme:
    """Background, text and surface colours that keep every backend's colour readable."""

    name: str
    background: str
    foreground: str
    grid_alpha: float
    scatter: str
    true_line: str
    contour: str
    minimum: str
    surface_low: tuple[int, int, int]
    surface_high: tuple[int, int, int]

    def surface_colormap(self) -> pg.ColorMap:
        """A quiet two-colour ramp, low loss to high, so the coloured paths stand out on it."""
        colors = np.array([self.surface_low, self.surface_high], dtype=np.ubyte)
        return pg.ColorMap(np.array([0.0, 1.0]), colors)


LIGHT = PlotTheme(
    name="light",
    background="#ffffff",
    foreground="#303030",
    grid_alpha=0.15,
    scatter="#5a5a5a",
    true_line="#7f7f7f",
    contour="#8a8f99",
    minimum="#202020",
    surface_low=(255, 252, 235),
    surface_high=(200, 214, 232),
)

DARK = PlotTheme(
    name="dark",
    background="#1e1f22",
    foreground="#d8d8d8",
    grid_alpha=0.2,
    scatter="#b8b8b8",
    true_line="#9a9a9a",
    contour="#6d7480",
    minimum="#f0f0f0",
    surface_low=(52, 50, 40),
    surface_high=(28, 36, 52),
)

THEMES = {"light": LIGHT, "dark": DARK}


def style_plot(plot: pg.PlotItem, theme: PlotTheme) -> None:
    """Axes, labels and grid of one plot in the theme's colours."""
    pen = pg.mkPen(theme.foreground)
    for side in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(side)
        axis.setPen(pen)
        axis.setTextPen(pen)
        axis.enableAutoSIPrefix(False)  # "w (x0.001)" would confuse more than it helps
        # Major ticks only: minor grid lines cost ~8 ms per repaint in software rendering.
        axis.setStyle(maxTickLevel=0)
        # Axes (with their grid lines) are redrawn from a pixmap until their range changes.
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    plot.titleLabel.setAttr("color", theme.foreground)
    if plot.titleLabel.text:  # a label keeps its rendered colour until its text is set again
        plot.setTitle(plot.titleLabel.text)
    plot.showGrid(x=True, y=True, alpha=theme.grid_alpha)


def style_legend(legend: pg.LegendItem, theme: PlotTheme) -> None:
    """A legend on a backdrop of the plot's background, so it reads over the data, and its
    entries re-rendered in the theme's text colour."""
    backdrop = pg.mkColor(theme.background)
    backdrop.setAlpha(220)
    legend.setBrush(backdrop)
    edge = pg.mkColor(theme.foreground)
    edge.setAlpha(60)
    legend.setPen(edge)
    legend.setLabelTextColor(theme.foreground)
    for _sample, label in legend.items:
        label.setText(label.text)
