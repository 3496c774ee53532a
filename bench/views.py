"""Rebuilding the loss surface and drawing a million-point scatter, in the real widgets."""

from __future__ import annotations

import statistics
import time

from bench.profiles import Profile


def measure(profile: Profile) -> dict[str, float]:
    """surface_ms: SurfaceView.set_stats (grid, colour map, contours) for 10⁶ points
    (``profile.view_n``), median of several; scatter_ms: FitView.set_data for as many points
    plus one repaint of the view."""
    from PySide6.QtWidgets import QApplication

    from trainers import synthetic
    from widgets.fit_view import FitView
    from widgets.surface_view import SurfaceView

    app = QApplication.instance() or QApplication([])
    data = synthetic(n=profile.view_n, noise=0.1)
    stats = data.stats
    surface = SurfaceView()
    surface.resize(600, 500)
    surface.show()
    fit = FitView()
    fit.resize(600, 500)
    fit.show()
    app.processEvents()
    repeats = profile.view_repeats
    surface_times, scatter_times = [], []
    for i in range(repeats):
        start = time.perf_counter()
        # A different window each time, as when a path drags the view along.
        surface.set_stats(stats, [(-1.0 - i * 0.1, 0.0)])
        surface.viewport().repaint()
        surface_times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        fit.set_data(data)
        fit.viewport().repaint()
        scatter_times.append((time.perf_counter() - start) * 1000)
    surface.close()
    fit.close()
    return {
        "surface_ms": statistics.median(surface_times),
        "scatter_ms": statistics.median(scatter_times),
    }
