"""The base of every plot: a pyqtgraph PlotWidget whose repaints the application can guard."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

import pyqtgraph as pg


class PlotView(pg.PlotWidget):
    """``paint_guard`` wraps every repaint; the window uses it to keep training threads from
    starting new work (and competing for the GIL) while a plot is drawn."""

    paint_guard: Callable[[], AbstractContextManager[object]] = nullcontext

    def paintEvent(self, event) -> None:
        with self.paint_guard():
            super().paintEvent(event)
