"""What theory adds to the loss surface: the bowl's two axes, each backend's predicted path,
a note where there is none, and the faint paths of the previous run (ghosts)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from trainers.loss_surface import Bounds
from widgets.plot_theme import LIGHT, PlotTheme
from widgets.step_arrows import CORNERS, blocked_corners, corner_rect, quietest_corner

AXIS_COLORS = {"light": "#7a3e9d", "dark": "#c9a0e8"}
"""The bowl's axes: a purple apart from the backends' Okabe–Ito colours, readable on either
background; dash-dotted, unlike any path."""
LABEL_REACHES = (0.78, 0.62, 0.9, 0.5, 0.4)
"""How far from the optimum toward the view's edge an axis's label may sit, in order of
preference: the first that keeps clear of the start markers wins."""
LABEL_CLEARANCE = 0.1
"""How close (in fractions of the view) an axis label may come to a start marker."""
MAX_REACH = 1e4
"""A predicted path that runs away is drawn until it is this many view widths out."""
GHOST_ALPHA = 0.35
NOTE_MARGIN = 6
NOTE_FONT_SCALE = 0.85
"""The note's text is this much smaller than the plot's: a key, not a headline."""
NOTE_WIDTH = 0.4
"""The note's lines are cut (…) at this fraction of the view's width; its tooltip has it all."""


def segment_in(bounds: Bounds, point: np.ndarray, direction: np.ndarray) -> np.ndarray | None:
    """The two ends of the line through ``point`` along ``direction`` inside ``bounds``."""
    lo = np.array([bounds.w_lo, bounds.b_lo])
    hi = np.array([bounds.w_hi, bounds.b_hi])
    t_lo, t_hi = -np.inf, np.inf
    for axis in range(2):
        if abs(direction[axis]) < 1e-300:
            if not lo[axis] <= point[axis] <= hi[axis]:
                return None
            continue
        a = (lo[axis] - point[axis]) / direction[axis]
        b = (hi[axis] - point[axis]) / direction[axis]
        t_lo, t_hi = max(t_lo, min(a, b)), min(t_hi, max(a, b))
    if not t_lo < t_hi:
        return None
    return np.array([point + t_lo * direction, point + t_hi * direction])


class SurfaceOverlay:
    """Items on one PlotItem; created once, updated with setData."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self._plot = plot
        self._theme = LIGHT
        self._bowl: tuple[np.ndarray, np.ndarray] | None = None  # optimum, eigenvectors
        self._bounds: Bounds | None = None
        self._avoid: list[tuple[float, float]] = []
        self.axes = [pg.PlotCurveItem() for _ in range(2)]  # steep, shallow
        self.axis_labels = [pg.TextItem(anchor=(0.5, 0.5)) for _ in range(2)]
        for item in (*self.axes, *self.axis_labels):
            item.setZValue(-3)
            plot.addItem(item, ignoreBounds=True)
        self.predicted: dict[str, pg.PlotDataItem] = {}
        self._colors: dict[str, str] = {}
        self.ghosts: list[pg.PlotDataItem] = []
        self._ghost_colors: list[str] = []
        # The key to the lines and why some path is missing, in a corner away from the paths.
        self.note = pg.TextItem(anchor=(0, 0))
        self.note.setParentItem(plot.getViewBox())  # in the view's pixels: stays in its corner
        self.note.setZValue(30)
        font = self.note.textItem.font()
        font.setPointSizeF(font.pointSizeF() * NOTE_FONT_SCALE)
        self.note.setFont(font)
        self._note, self._key, self._details, self._key_details = "", "", "", ""
        self.note_corner = CORNERS[2]  # top left until told what to avoid
        self._clear_of: tuple[np.ndarray, QRectF | None] = (np.empty((0, 2)), None)
        plot.getViewBox().sigResized.connect(self._show_note)
        self._visible = True
        self.apply_theme(LIGHT)

    # -- the bowl's axes ----------------------------------------------------------------
    def set_bowl(
        self, optimum: tuple[float, float], vectors: np.ndarray, labels: list[str]
    ) -> None:
        """Axes through ``optimum`` along the columns of ``vectors`` (steep first)."""
        self._bowl = np.array(optimum, dtype=float), np.asarray(vectors, dtype=float)
        for label, text in zip(self.axis_labels, labels, strict=True):
            label.setText(text)
        if self._bounds is not None:
            self.fit(self._bounds, self._avoid)

    def fit(
        self, bounds: Bounds, avoid: list[tuple[float, float]] = ()
    ) -> list[tuple[float, float]]:
        """Clip the axes to the view ``bounds``, their labels clear of the points ``avoid``
        (the start markers); where the labels went (for the contour labels to keep clear of)."""
        self._bounds, self._avoid = bounds, list(avoid)
        spots: list[tuple[float, float]] = []
        if self._bowl is None:
            return spots
        optimum, vectors = self._bowl
        span = np.array([bounds.width, bounds.height])
        centre = np.array([(bounds.w_lo + bounds.w_hi) / 2, (bounds.b_lo + bounds.b_hi) / 2])
        for i, (curve, label) in enumerate(zip(self.axes, self.axis_labels, strict=True)):
            ends = segment_in(bounds, optimum, vectors[:, i])
            if ends is None:
                curve.setData([], [])
                label.setVisible(False)
                continue
            curve.setData(ends[:, 0], ends[:, 1])
            # The label toward the view's centre side of the optimum, where contour labels
            # (toward the farthest corner) are not; steep and shallow on different ends.
            toward = (ends[1] - ends[0]) @ ((centre - optimum) / span**2)
            end = ends[1] if (toward >= 0) == (i == 0) else ends[0]
            at = self._label_spot(optimum, end, centre, span, avoid)
            label.setPos(QPointF(float(at[0]), float(at[1])))
            # The text reaches back toward the view's centre: never past its edge.
            label.setAnchor((float(at[0] > centre[0]), float(at[1] < centre[1])))
            label.setVisible(self._visible)
            # The text runs from there toward the centre: keep contour labels off both ends.
            reach = np.array([0.16, 0.03]) * np.sign(centre - at) * span
            spots += [(float(at[0]), float(at[1])), (float(at[0] + reach[0]), float(at[1]))]
            spots.append((float(at[0] + reach[0] / 2), float(at[1] + reach[1])))
        for item in self.predicted.values():
            self._clip(item)
        return spots

    @staticmethod
    def _label_spot(
        optimum: np.ndarray,
        end: np.ndarray,
        centre: np.ndarray,
        span: np.ndarray,
        avoid: list[tuple[float, float]],
    ) -> np.ndarray:
        """Where along the axis toward ``end`` its label goes: the first reach whose text
        (from the spot halfway toward the centre) keeps clear of every point in ``avoid``."""
        points = np.array(avoid, dtype=float).reshape(-1, 2)
        for reach in LABEL_REACHES:
            at = optimum + reach * (end - optimum)
            text_mid = at + np.array([0.08, 0.0]) * np.sign(centre - at) * span
            gaps = [np.hypot(*((points - spot) / span).T) for spot in (at, text_mid)]
            if not points.size or min(g.min() for g in gaps) >= LABEL_CLEARANCE:
                return at
        return optimum + LABEL_REACHES[0] * (end - optimum)

    # -- predicted paths ----------------------------------------------------------------
    def set_backends(self, colors: dict[str, str]) -> None:
        for name in list(self.predicted):
            if name not in colors:
                self._plot.removeItem(self.predicted.pop(name))
        for name in colors:
            if name not in self.predicted:
                item = self.predicted[name] = pg.PlotDataItem(connect="finite")
                item.setZValue(8)  # under the real paths (10 and up)
                item.setVisible(self._visible)
                self._plot.addItem(item, ignoreBounds=True)
        self._colors = dict(colors)
        self._recolor()

    def set_predicted(self, name: str, w: np.ndarray, b: np.ndarray) -> None:
        """``name``'s predicted path (empty: none)."""
        item = self.predicted.get(name)
        if item is not None:
            item.full = (np.asarray(w, dtype=float), np.asarray(b, dtype=float))
            self._clip(item)

    def predicted_data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        x, y = self.predicted[name].getData()
        return (np.empty(0), np.empty(0)) if x is None else (x, y)

    def _clip(self, item: pg.PlotDataItem) -> None:
        """Drop a runaway path's points far outside the view: Qt cannot draw at 1e300."""
        w, b = getattr(item, "full", (np.empty(0), np.empty(0)))
        bounds = self._bounds
        if bounds is not None and w.size:
            reach = MAX_REACH * max(bounds.width, bounds.height)
            far = ~(np.abs(w - bounds.w_lo) < reach) | ~(np.abs(b - bounds.b_lo) < reach)
            cut = np.flatnonzero(far)
            if cut.size:
                w, b = w[: cut[0]], b[: cut[0]]
        item.setData(w, b)

    def set_note(self, text: str, details: str = "") -> None:
        """Why some backends have no predicted path ("" none); ``details``: the whole story,
        in the tooltip. Shown on one line, cut short if long."""
        self._note, self._details = text, details
        self._show_note()

    def set_key(self, text: str, details: str = "") -> None:
        """What the lines mean (dotted: predicted, solid: the run), above the note."""
        self._key, self._key_details = text, details
        self._show_note()

    def note_text(self) -> str:
        """The note in full ("" if none or hidden), whatever the plot shows of it."""
        return self._note if self.note.isVisible() else ""

    def place_note(self, avoid: np.ndarray, blocked: QRectF | None = None) -> None:
        """Put the note in the corner that covers fewest of the points ``avoid`` (data
        coordinates; the predicted paths are added here) and no axis label, off ``blocked``
        (the step legend, in the view's pixels)."""
        self._clear_of = (np.asarray(avoid, dtype=float).reshape(-1, 2), blocked)
        self._place_note()

    def _show_note(self, *_args: object) -> None:
        box = self._plot.getViewBox().boundingRect()
        metrics = QFontMetricsF(self.note.textItem.font())
        room = max(NOTE_WIDTH * box.width(), 80.0)
        lines = [
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, room)
            for line in (self._key, "; ".join(self._note.splitlines()))
            if line
        ]
        self.note.setText("\n".join(lines))
        tips = [tip for tip in (self._key_details or self._key, self._details or self._note) if tip]
        self.note.setToolTip("\n\n".join(tips))
        self.note.setVisible(bool(lines) and self._visible)
        self._place_note()

    def label_rects(self) -> list[QRectF]:
        """The axis labels shown, in the view's pixels: the keys keep off them."""
        view = self._plot.getViewBox()
        return [
            label.mapRectToItem(view, label.boundingRect())
            for label in self.axis_labels
            if label.isVisible()
        ]

    def _place_note(self) -> None:
        view = self._plot.getViewBox()
        box, rect = view.boundingRect(), view.viewRect()
        if box.width() <= 0 or box.height() <= 0 or rect.width() <= 0 or rect.height() <= 0:
            return
        size = self.note.boundingRect().size()
        avoid, blocked = self._clear_of
        points = [avoid]
        for item in self.predicted.values():
            w, b = getattr(item, "full", (np.empty(0), np.empty(0)))
            points.append(np.column_stack([w, b])[:: max(1, w.size // 200)])
        # Never on the legend; off the axis labels too while some corner is.
        taken = () if blocked is None else blocked_corners(size, box, NOTE_MARGIN, [blocked])
        labels = self.label_rects()
        labelled = blocked_corners(size, box, NOTE_MARGIN, labels)
        if len(set(taken) | set(labelled)) < len(CORNERS):
            taken = (*taken, *labelled)
        elif labels:  # too crowded: the free corner that covers the least of the labels

            def covered(corner: tuple[int, int]) -> float:
                spot = corner_rect(corner, size, box, NOTE_MARGIN)
                return sum(_area(spot.intersected(label)) for label in labels)

            least = min((c for c in CORNERS if c not in taken), key=covered, default=None)
            taken = tuple(c for c in CORNERS if c != least) if least else taken
        room = (size.width() / box.width(), size.height() / box.height())
        bounds = (rect.left(), rect.top(), rect.width(), rect.height())
        self.note_corner = quietest_corner(np.vstack(points), bounds, self.note_corner, room, taken)
        self.note.setAnchor((0, 0))
        self.note.setPos(corner_rect(self.note_corner, size, box, NOTE_MARGIN).topLeft())

    # -- ghosts -------------------------------------------------------------------------
    def set_ghosts(self, paths: list[tuple[np.ndarray, np.ndarray, str]]) -> None:
        """The previous run's paths, faint: (w, b, colour) each."""
        self.clear_ghosts()
        for w, b, color in paths:
            item = pg.PlotDataItem(w, b, connect="finite")
            item.setZValue(7)
            self._plot.addItem(item, ignoreBounds=True)
            self.ghosts.append(item)
            self._ghost_colors.append(color)
        self._recolor()

    def clear_ghosts(self) -> None:
        for item in self.ghosts:
            self._plot.removeItem(item)
        self.ghosts, self._ghost_colors = [], []

    # -- looks --------------------------------------------------------------------------
    def set_visible(self, visible: bool) -> None:
        """Show or hide the theory (axes, predicted paths, note); ghosts are not theory."""
        self._visible = visible
        for item in (*self.axes, *self.predicted.values()):
            item.setVisible(visible)
        for label, axis in zip(self.axis_labels, self.axes, strict=True):
            label.setVisible(visible and axis.getData()[0] is not None and axis.getData()[0].size)
        self.note.setVisible(visible and bool(self.note.toPlainText()))
        self._place_note()

    def apply_theme(self, theme: PlotTheme) -> None:
        self._theme = theme
        color = AXIS_COLORS[theme.name]
        for curve, label in zip(self.axes, self.axis_labels, strict=True):
            curve.setPen(pg.mkPen(color, width=1.2, style=Qt.PenStyle.DashDotLine))
            label.setColor(color)
            label.fill = pg.mkBrush(_faded(theme.background, 0.75))
        self.note.setColor(theme.foreground)
        self.note.fill = pg.mkBrush(_faded(theme.background, 0.7))
        self._recolor()

    def _recolor(self) -> None:
        for name, item in self.predicted.items():
            color = self._colors.get(name, "#888")
            item.setPen(pg.mkPen(color, width=2, style=Qt.PenStyle.DotLine))
        for item, color in zip(self.ghosts, self._ghost_colors, strict=True):
            item.setPen(pg.mkPen(_faded(color, GHOST_ALPHA), width=1.5))


def _area(rect: QRectF) -> float:
    return max(rect.width(), 0.0) * max(rect.height(), 0.0)


def _faded(color: str, alpha: float) -> pg.QtGui.QColor:
    qcolor = pg.mkColor(color)
    qcolor.setAlphaF(alpha)
    return qcolor
