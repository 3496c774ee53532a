"""The base of every plot: a pyqtgraph PlotWidget whose repaints the application can guard."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

EDGE_MARGIN = 6
"""Pixels left of a plot's left axis title: the dots of a splitter handle beside the plot
stayed on the title ("b (bias)")."""


def keep_off_the_edge(plot: pg.PlotItem) -> None:
    """Room between the widget's left edge and ``plot``'s left axis title."""
    plot.layout.setContentsMargins(EDGE_MARGIN, 1, 1, 1)  # pyqtgraph's own: 1 all round


class PlotView(pg.PlotWidget):
    """``paint_guard`` wraps every repaint; the window uses it to keep training threads from
    starting new work (and competing for the GIL) while a plot is drawn."""

    paint_guard: Callable[[], AbstractContextManager[object]] = nullcontext
    _banner: QLabel | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        keep_off_the_edge(self.getPlotItem())

    def paintEvent(self, event) -> None:
        with self.paint_guard():
            super().paintEvent(event)

    def set_banner(self, text: str) -> None:
        """A note across the top of the plot (what it waits for); "" removes it."""
        if self._banner is None:
            if not text:
                return
            banner = self._banner = QLabel(self)
            banner.setObjectName("plot-banner")
            banner.setWordWrap(True)
            banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
            banner.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            banner.setAutoFillBackground(True)
            banner.setMargin(6)
        self._banner.setText(text)
        self._banner.setVisible(bool(text))
        self._place_banner()

    def banner_text(self) -> str:
        banner = self._banner
        return banner.text() if banner is not None and not banner.isHidden() else ""

    def _place_banner(self) -> None:
        banner = self._banner
        if banner is None:
            return
        width = max(min(self.width() - 40, 520), 80)
        banner.setFixedWidth(width)
        banner.adjustSize()
        # Low in the plot: the legend and the titles sit at the top.
        banner.move(
            (self.width() - width) // 2, max(self.height() * 2 // 3 - banner.height() // 2, 24)
        )
        banner.raise_()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_banner()
