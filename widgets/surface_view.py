"""The loss surface over (w, b): colour map, labelled contours, minimum, and every path on it."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt

from trainers import SufficientStats
from trainers.loss_surface import Bounds, Surface, compute_surface, default_bounds
from widgets.decimate import StrideDecimator
from widgets.plot_theme import LIGHT, PlotTheme, style_plot
from widgets.plot_view import PlotView
from widgets.step_arrows import StepArrows
from widgets.surface_overlay import SurfaceOverlay

MAX_PATH_POINTS = 1500
"""A path longer than this is drawn decimated (its first and newest points always kept)."""
LABEL_CLEARANCE, MARKER_CLEARANCE = 0.07, 0.12
"""How close (in fractions of the view) a contour label may come to another, or to a marker."""
MAX_ZOOM_OUT = 25.0
"""The view follows a path out to this many times its first size; past that it stays put."""


class _PathItems:
    """One backend's path line, its learning-rate change marks, start marker and current-point
    marker."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.line = pg.PlotDataItem(skipFiniteCheck=True)
        self.decimator = StrideDecimator(MAX_PATH_POINTS)
        self.lr_marks = pg.ScatterPlotItem(size=10, symbol="t1")  # ▲, as on the loss curve
        self.start = pg.ScatterPlotItem(size=11, symbol="o")
        self.current = pg.ScatterPlotItem(size=11, symbol="o")
        # Where the path crossed the view's edge, once the view stopped following it.
        self.exit = pg.ScatterPlotItem(size=15, symbol="x")
        self.diverged = False
        for z, item in enumerate(self.items(), start=10):
            item.setZValue(z)
            plot.addItem(item)

    def items(self) -> tuple[pg.GraphicsObject, ...]:
        return self.line, self.lr_marks, self.start, self.current, self.exit

    def recolor(self, color: str, background: str) -> None:
        style = Qt.PenStyle.DashLine if self.diverged else Qt.PenStyle.SolidLine
        self.line.setPen(pg.mkPen(color, width=2, style=style))
        self.exit.setPen(pg.mkPen(background, width=1))
        self.exit.setBrush(pg.mkBrush(color))
        self.lr_marks.setPen(pg.mkPen(background, width=1))
        self.lr_marks.setBrush(pg.mkBrush(color))
        self.start.setPen(pg.mkPen(color, width=2))
        self.start.setBrush(pg.mkBrush(background))
        self.current.setPen(pg.mkPen(background, width=1.5))
        self.current.setBrush(pg.mkBrush(color))

    def remove(self, plot: pg.PlotItem) -> None:
        for item in self.items():
            plot.removeItem(item)


def exit_point(w: np.ndarray, b: np.ndarray, bounds: Bounds) -> tuple[float, float] | None:
    """Where a path first leaves ``bounds`` (on its edge), or None if it stays inside."""
    finite = np.isfinite(w) & np.isfinite(b)
    inside = finite & (w >= bounds.w_lo) & (w <= bounds.w_hi)
    inside &= (b >= bounds.b_lo) & (b <= bounds.b_hi)
    out = np.flatnonzero(~inside)
    if out.size == 0 or out[0] == 0:
        return None
    i = int(out[0])
    (w0, b0), (w1, b1) = (w[i - 1], b[i - 1]), (w[i], b[i])
    if not finite[i]:
        return float(w0), float(b0)
    # The largest step t in [0, 1] along the segment that stays inside the box.
    t = 1.0
    for start, end, lo, hi in (
        (w0, w1, bounds.w_lo, bounds.w_hi),
        (b0, b1, bounds.b_lo, bounds.b_hi),
    ):
        if end > hi:
            t = min(t, (hi - start) / (end - start))
        elif end < lo:
            t = min(t, (lo - start) / (end - start))
    return float(w0 + t * (w1 - w0)), float(b0 + t * (b1 - b0))


class SurfaceView(PlotView):
    """Shows the MSE as colour and contour lines; keeps every path in view as it grows."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._theme = LIGHT
        self._stats: SufficientStats | None = None
        self._surface: Surface | None = None
        self._first_span = 1.0
        self._paths: dict[str, _PathItems] = {}
        self._colors: dict[str, str] = {}
        self._points: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._starts: dict[str, tuple[float, float]] = {}
        self._avoid: list[tuple[float, float]] = []
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        plot.addItem(self.image)
        self._contours: list[pg.PlotCurveItem] = []
        self._labels: list[pg.TextItem] = []
        self.minimum = pg.ScatterPlotItem(size=16, symbol="star")
        self.minimum.setZValue(5)
        plot.addItem(self.minimum)
        self.steps = StepArrows(plot)  # a minibatch's step next to the full data's
        self.overlay = SurfaceOverlay(plot)
        self.steps.moved = self._place_note  # the note yields its corner to the legend
        self.steps.keep_clear = self.overlay.label_rects
        self._ghost_stats: SufficientStats | None = None
        self.apply_theme(LIGHT)

    @property
    def bounds(self) -> Bounds | None:
        return None if self._surface is None else self._surface.bounds

    @property
    def surface(self) -> Surface | None:
        return self._surface

    # -- data -------------------------------------------------------------------------
    def set_stats(self, stats: SufficientStats, starts: list[tuple[float, float]] = ()) -> None:
        """A new data set: recompute the surface around its optimum and the given starts."""
        if stats != self._ghost_stats:  # the old paths on another surface would mislead
            self.overlay.clear_ghosts()
        self._stats = stats
        self._avoid = list(starts)
        ws = np.array([w for w, _ in starts], dtype=float)
        bs = np.array([b for _, b in starts], dtype=float)
        bounds = default_bounds(stats, ws, bs)
        self._first_span = max(bounds.width, bounds.height)
        self._rebuild(bounds)

    def set_backends(self, colors: dict[str, str]) -> None:
        plot = self.getPlotItem()
        for name in list(self._paths):
            if name not in colors:
                self._paths.pop(name).remove(plot)
                self._points.pop(name, None)
        for name, color in colors.items():
            items = self._paths.get(name) or self._paths.setdefault(name, _PathItems(plot))
            items.recolor(color, self._theme.background)
        self._colors = dict(colors)
        self.overlay.set_backends(colors)

    def set_start(self, name: str, w: float, b: float) -> None:
        items = self._paths.get(name)
        if items is None:
            return
        self._starts[name] = (w, b)
        items.start.setData([w], [b])
        if name not in self._points:
            items.current.setData([w], [b])
        self._follow(np.array([w]), np.array([b]))

    def set_path(self, name: str, w: np.ndarray, b: np.ndarray) -> None:
        """The whole path so far (the view decimates long ones)."""
        items = self._paths.get(name)
        if items is None or w.size == 0:
            return
        self._points[name] = (w, b)
        keep = items.decimator.indices(w.size)
        dw, db = w[keep], b[keep]
        start = self._starts.get(name)
        if start is not None:  # the path begins where the backend started, before update 0
            dw, db = np.insert(dw, 0, start[0]), np.insert(db, 0, start[1])
        items.line.setData(dw, db)
        items.current.setData([w[-1]], [b[-1]])
        self._follow(dw, db)
        bounds = self.bounds
        edge = None if bounds is None else exit_point(dw, db, bounds)
        items.exit.setData(*(([edge[0]], [edge[1]]) if edge else ([], [])))
        self._place_note()

    def set_lr_marks(self, name: str, steps: list[int]) -> None:
        """Triangles on ``name``'s path (as :meth:`set_path` last drew it) at the (w, b) after
        each update ``steps`` whose learning rate changed. A decimated path's mark sits on
        the next point drawn, at most one per point: marks stay on the line, and as few."""
        items, points = self._paths.get(name), self._points.get(name)
        if items is None or points is None:
            return
        w, b = points
        keep = items.decimator.indices(w.size)
        at = np.asarray(steps, dtype=np.int64)
        at = np.unique(keep[np.searchsorted(keep, at[at < w.size])])
        items.lr_marks.setData(w[at], b[at])

    def lr_mark_points(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        x, y = self._paths[name].lr_marks.getData()
        return (np.empty(0), np.empty(0)) if x is None else (x, y)

    def set_diverged(self, name: str) -> None:
        """Draw ``name``'s path dashed: it ran away from the minimum."""
        items = self._paths.get(name)
        if items is not None and not items.diverged:
            items.diverged = True
            items.recolor(self._colors.get(name, "#888"), self._theme.background)

    def exit_marker(self, name: str) -> tuple[float, float] | None:
        """Where the marker shows ``name``'s path leaving the view (None: it did not)."""
        x, y = self._paths[name].exit.getData()
        return (float(x[0]), float(y[0])) if x is not None and len(x) else None

    def clear_paths(self) -> None:
        """Empty every path; the ones drawn stay faintly as ghosts (``overlay``)."""
        self.steps.hide()
        drawn = [(*self.path_data(n), self._colors.get(n, "#888")) for n in self._points]
        if drawn:
            self.overlay.set_ghosts(drawn)
            self._ghost_stats = self._stats
        self._points.clear()
        self._starts.clear()
        for name, items in self._paths.items():
            items.decimator.reset()
            for item in items.items():
                item.setData([], [])
            if items.diverged:
                items.diverged = False
                items.recolor(self._colors.get(name, "#888"), self._theme.background)

    def path_data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        x, y = self._paths[name].line.getData()
        return (np.empty(0), np.empty(0)) if x is None else (x, y)

    # -- internals --------------------------------------------------------------------
    def _follow(self, w: np.ndarray, b: np.ndarray) -> None:
        """Widen the window when a path leaves it, up to MAX_ZOOM_OUT times its first size."""
        bounds = self.bounds
        if bounds is None or self._stats is None or bounds.contains(w, b):
            return
        finite = np.isfinite(w) & np.isfinite(b)
        wanted = bounds.union(Bounds.around(w[finite], b[finite], margin=0.1))
        limit = MAX_ZOOM_OUT * self._first_span
        if max(wanted.width, wanted.height) > limit:
            if max(bounds.width, bounds.height) >= 0.999 * limit:
                return  # already as wide as it goes; the path runs off the edge
            cw, cb = (bounds.w_lo + bounds.w_hi) / 2, (bounds.b_lo + bounds.b_hi) / 2
            half = limit / 2
            wanted = Bounds(
                max(wanted.w_lo, cw - half),
                min(wanted.w_hi, cw + half),
                max(wanted.b_lo, cb - half),
                min(wanted.b_hi, cb + half),
            )
        self._rebuild(wanted)

    def _rebuild(self, bounds: Bounds) -> None:
        assert self._stats is not None
        surface = self._surface = compute_surface(self._stats, bounds)
        plot = self.getPlotItem()
        least = surface.minimum[2]
        excess = np.maximum(surface.loss - least, 0.0)
        scale = max(float(excess.max()), 1e-300)
        # Colour by the log of the excess loss: the bowl stays visible at every zoom level.
        self.image.setImage(np.log10(excess / scale + 1e-6), autoLevels=True)
        self.image.setRect(QRectF(bounds.w_lo, bounds.b_lo, bounds.width, bounds.height))
        for item in self._contours + self._labels:
            plot.removeItem(item)
        self._contours, self._labels = [], []
        pen = pg.mkPen(self._theme.contour, width=1)
        w_star, b_star, _ = surface.minimum
        # Labels keep clear of the minimum's star (where the paths end) and the start markers.
        axis_labels = self.overlay.fit(bounds, [*self._avoid, *self._starts.values()])
        markers = [(w_star, b_star), *self._avoid, *self._starts.values(), *axis_labels]
        placed: list[tuple[np.ndarray, float]] = [
            (np.array(m, dtype=float), MARKER_CLEARANCE) for m in markers
        ]
        # Outer levels first: their labels have room and get priority over crowded inner ones.
        for level, segments in reversed(list(zip(surface.levels, surface.lines, strict=True))):
            if not segments:
                continue
            joined = np.concatenate([np.vstack([s, [np.nan, np.nan]]) for s in segments])
            curve = pg.PlotCurveItem(joined[:, 0], joined[:, 1], pen=pen, connect="finite")
            curve.setZValue(-5)
            plot.addItem(curve)
            self._contours.append(curve)
            at = self._label_position(np.concatenate(segments), bounds, w_star, b_star, placed)
            if at is None:
                continue
            placed.append((at, LABEL_CLEARANCE))
            label = pg.TextItem(f"{level:.3g}", color=self._theme.contour, anchor=(0.5, 0.5))
            label.setPos(float(at[0]), float(at[1]))
            label.setZValue(-4)
            plot.addItem(label)
            self._labels.append(label)
        self.minimum.setData([w_star], [b_star])
        plot.setRange(
            xRange=(bounds.w_lo, bounds.w_hi), yRange=(bounds.b_lo, bounds.b_hi), padding=0
        )
        self._place_note()

    def _place_note(self) -> None:
        """The overlay's note where it covers the fewest paths, starts and the minimum, off
        the step legend's corner."""
        points = [np.array([*self._avoid, *self._starts.values()], dtype=float).reshape(-1, 2)]
        for items in self._paths.values():
            w, b = items.line.getData()
            if w is not None:
                points.append(np.column_stack([w, b]))
        points.append(np.array(self.minimum.getData(), dtype=float).T.reshape(-1, 2))
        legend = self.steps.legend
        blocked = legend.mapRectToParent(legend.boundingRect()) if self.steps.shown else None
        self.overlay.place_note(np.vstack(points), blocked)

    @staticmethod
    def _label_position(
        points: np.ndarray,
        bounds: Bounds,
        w_star: float,
        b_star: float,
        placed: list[tuple[np.ndarray, float]],
    ) -> np.ndarray | None:
        """Where a contour crosses the ray from the minimum toward the farthest corner of the
        view (where the rings have room), unless that spot is at the edge or crowds a label
        already placed (None)."""
        u = (points[:, 0] - bounds.w_lo) / bounds.width
        v = (points[:, 1] - bounds.b_lo) / bounds.height
        inside = (u > 0.06) & (u < 0.94) & (v > 0.06) & (v < 0.94)
        if not inside.any():
            return None
        u0 = (w_star - bounds.w_lo) / bounds.width
        v0 = (b_star - bounds.b_lo) / bounds.height
        corner = (0.0 if u0 > 0.5 else 1.0, 0.0 if v0 > 0.5 else 1.0)
        toward = np.arctan2(corner[1] - v0, corner[0] - u0)
        off = np.abs(np.angle(np.exp(1j * (np.arctan2(v - v0, u - u0) - toward))))
        angle = np.where(inside, off, np.inf)
        i = int(np.argmin(angle))
        here = np.array([u[i], v[i]])
        for other, clearance in placed:
            there = np.array(
                [(other[0] - bounds.w_lo) / bounds.width, (other[1] - bounds.b_lo) / bounds.height]
            )
            if np.hypot(*(here - there)) < clearance:
                return None
        return points[i]

    # -- looks ------------------------------------------------------------------------
    def apply_theme(self, theme: PlotTheme) -> None:
        self._theme = theme
        self.setBackground(theme.background)
        style_plot(self.getPlotItem(), theme)
        self.getPlotItem().showGrid(x=False, y=False)
        self.image.setColorMap(theme.surface_colormap())
        self.minimum.setPen(pg.mkPen(theme.background, width=1))
        self.minimum.setBrush(pg.mkBrush(theme.minimum))
        self.steps.apply_theme(theme)
        for name, items in self._paths.items():
            items.recolor(self._colors.get(name, "#888"), theme.background)
        self.overlay.apply_theme(theme)
        if self._surface is not None:
            self._rebuild(self._surface.bounds)
