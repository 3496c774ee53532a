"""Two arrows from a path's current point on the loss surface: the step a minibatch takes and
the step the whole data would take, drawn to one scale so their difference (the noise) shows."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor

from widgets.plot_theme import LIGHT, PlotTheme, style_legend

LONGEST_FULL, LONGEST_BATCH = 0.15, 0.4
"""At most this long (in fractions of the view) the full-data and the batch arrow are drawn."""
SHORTEST = 0.12
"""The longer arrow is drawn at least this long, even if that takes it out of the view."""
LEGEND_ROOM = (0.5, 0.25)
"""The corner of the view (fractions of its width and height) the legend may cover."""
LEGEND_MARGIN = 10
"""Pixels between the legend and the view's edges."""
CORNERS = ((0, 1), (1, 1), (0, 0), (1, 0))
"""The legend's corners in order of preference, as (x, y) anchors: bottom left first."""


def quietest_corner(
    points: np.ndarray,
    bounds: tuple[float, float, float, float],
    current: tuple[int, int],
    room: tuple[float, float] = LEGEND_ROOM,
    taken: tuple[tuple[int, int], ...] = (),
    weights: np.ndarray | None = None,
    penalty: float = math.inf,
) -> tuple[int, int]:
    """The corner of the view (an anchor of CORNERS, none of ``taken``) whose box of ``room``
    (fractions of the view) would cover fewest of ``points`` (n × 2, data coordinates;
    ``bounds`` = x, y, width, height); ``current`` keeps its place unless another covers
    fewer. ``weights`` (one per point) make some points worse to cover than others; a corner of
    ``taken`` costs ``penalty`` (infinite: only if every corner is taken). The step legend and
    the surface's note both place themselves so."""
    x, y, width, height = bounds
    u = (points[:, 0] - x) / width
    v = 1.0 - (points[:, 1] - y) / height  # from the top, as the anchors count
    room_u, room_v = room
    corners = list(CORNERS)
    if math.isinf(penalty):
        corners = [corner for corner in CORNERS if corner not in taken] or corners

    def covered(corner: tuple[int, int]) -> float:
        cu = u > 1 - room_u if corner[0] else u < room_u
        cv = v > 1 - room_v if corner[1] else v < room_v
        hidden = cu & cv
        return float(np.sum(weights[hidden])) if weights is not None else int(hidden.sum())

    counts = {
        corner: covered(corner) + (penalty if corner in taken and math.isfinite(penalty) else 0)
        for corner in corners
    }
    best = min(corners, key=lambda corner: counts[corner])
    return current if counts.get(current, -1) == counts[best] else best


def corner_rect(corner: tuple[int, int], size: QSizeF, box: QRectF, margin: float) -> QRectF:
    """Where a box of ``size`` sits in ``corner`` of ``box``, ``margin`` from its edges."""
    x = box.left() + margin + corner[0] * (box.width() - size.width() - 2 * margin)
    y = box.top() + margin + corner[1] * (box.height() - size.height() - 2 * margin)
    return QRectF(x, y, size.width(), size.height())


def blocked_corners(
    size: QSizeF, box: QRectF, margin: float, obstacles: list[QRectF]
) -> tuple[tuple[int, int], ...]:
    """The corners where a box of ``size`` would overlap one of ``obstacles`` (the axis
    labels, another key): :func:`quietest_corner` leaves them out while it can."""
    return tuple(
        corner
        for corner in CORNERS
        if any(corner_rect(corner, size, box, margin).intersects(o) for o in obstacles)
    )


def nice_scale(wanted: float) -> float:
    """The largest of 1, 2, 5 × 10^k not above ``wanted``: a factor a legend can state."""
    if not math.isfinite(wanted) or wanted <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(wanted))
    return max(f * power for f in (1.0, 2.0, 5.0) if f * power <= wanted * (1 + 1e-12))


def _room(at: tuple[float, float], step: tuple[float, float], view: QRectF) -> float:
    """How many times ``step`` fits from ``at`` before leaving ``view`` (with a margin)."""
    room = math.inf
    margin_w, margin_b = 0.03 * view.width(), 0.03 * view.height()
    lows = (view.left() + margin_w, view.top() + margin_b)
    highs = (view.right() - margin_w, view.bottom() - margin_b)
    for start, d, lo, hi in zip(at, step, lows, highs, strict=True):
        if d > 0 and hi > start:
            room = min(room, (hi - start) / d)
        elif d < 0 and start > lo:
            room = min(room, (lo - start) / d)
    return room


class _Arrow:
    """A shaft in data coordinates and a head of fixed pixel size at its tip."""

    def __init__(self, plot: pg.PlotItem, z: float) -> None:
        self.shaft = pg.PlotDataItem()
        self.head = pg.ArrowItem(pxMode=True, headLen=13, tipAngle=32, tailLen=None)
        self.head.setVisible(False)  # until there is a shaft to point along
        for item in (self.shaft, self.head):
            item.setZValue(z)
            plot.addItem(item)

    def recolor(self, color: str | QColor, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> None:
        self.shaft.setPen(pg.mkPen(color, width=2.5, style=style))
        self.head.setStyle(pen=pg.mkPen(color, width=1), brush=pg.mkBrush(color))

    def set(self, w: float, b: float, dw: float, db: float) -> None:
        self.shaft.setData([w, w + dw], [b, b + db])
        self.head.setPos(w + dw, b + db)

    def hide(self) -> None:
        self.shaft.setData([], [])
        self.head.setVisible(False)

    def orient(self, view: pg.ViewBox) -> None:
        """Point the head along the shaft as drawn on screen (axes differ in scale)."""
        x, y = self.shaft.getData()
        if x is None or not len(x):
            return
        start = view.mapViewToScene(QPointF(float(x[0]), float(y[0])))
        tip = view.mapViewToScene(QPointF(float(x[-1]), float(y[-1])))
        if start == tip:
            self.head.setVisible(False)
            return
        # ArrowItem's angle 0 points left; Qt's angles turn clockwise, as the scene's y grows down
        angle = math.degrees(math.atan2(tip.y() - start.y(), tip.x() - start.x())) + 180.0
        self.head.setStyle(angle=angle)
        self.head.setVisible(True)


class StepArrows:
    """The batch's step (in its backend's colour) and the full data's (neutral), from one
    point, with a legend that says what they are and how much they are enlarged."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self._plot = plot
        self._theme = LIGHT
        self._color = "#888"
        self.batch = _Arrow(plot, 30)
        self.full = _Arrow(plot, 29)
        self.scale = 1.0
        self.legend = pg.LegendItem(offset=(LEGEND_MARGIN, -LEGEND_MARGIN))
        self.legend.setParentItem(plot.getViewBox())
        self.corner = CORNERS[0]
        self._labels: tuple[str, ...] = ()
        self.legend.setVisible(False)
        # What the legend must not cover, in the view's pixels (the bowl's axis labels).
        self.keep_clear: Callable[[], list[QRectF]] = list
        self.moved: Callable[[], None] = lambda: None  # called when shown, hidden or moved
        plot.getViewBox().sigTransformChanged.connect(self._orient)
        self.apply_theme(LIGHT)

    @property
    def shown(self) -> bool:
        return self.legend.isVisible()

    def show(
        self,
        at: tuple[float, float],
        batch_step: tuple[float, float],
        full_step: tuple[float, float],
        color: str,
        labels: tuple[str, str],
        avoid: np.ndarray | None = None,
        tip: str = "",
    ) -> None:
        """Arrows ``batch_step`` and ``full_step`` from ``at``, both enlarged by one factor
        (a nice number) that keeps them visible; ``labels`` name them in the legend and ``tip``
        explains them, ``{scale}`` in either replaced by that factor. The legend takes the
        corner that covers fewest of the points ``avoid`` (n × 2) and of the arrows."""
        view = self._plot.getViewBox().viewRect()
        width, height = max(view.width(), 1e-300), max(view.height(), 1e-300)
        full = math.hypot(full_step[0] / width, full_step[1] / height)
        batch = math.hypot(batch_step[0] / width, batch_step[1] / height)
        longest = min(
            LONGEST_FULL / full if full > 0 else math.inf,
            LONGEST_BATCH / batch if batch > 0 else math.inf,
        )
        # Kept inside the view, unless that would leave both too short to read.
        inside = min(_room(at, batch_step, view), _room(at, full_step, view))
        readable = SHORTEST / max(full, batch, 1e-300)
        wanted = min(longest, max(inside, readable))
        self.scale = nice_scale(wanted) if math.isfinite(wanted) else 1.0
        w, b = at
        for arrow, (dw, db) in ((self.batch, batch_step), (self.full, full_step)):
            arrow.set(w, b, self.scale * dw, self.scale * db)
        if color != self._color:
            self._color = color
            self.batch.recolor(color)
        scale = f"{self.scale:g}"
        self._set_labels(
            tuple(text.format(scale=scale) for text in labels), tip.format(scale=scale)
        )
        ends = [(w, b), (w + self.scale * batch_step[0], b + self.scale * batch_step[1])]
        ends.append((w + self.scale * full_step[0], b + self.scale * full_step[1]))
        points = np.array(ends if avoid is None else [*ends, *avoid], dtype=float)
        # The arrows are what the legend explains: covering them is worse than any path.
        # Then the axis labels, then the path.
        weights = np.ones(len(points))
        weights[: len(ends)] = len(points) + 2
        label_cost = len(points) + 1.0
        bounds = (view.left(), view.top(), width, height)
        corner, shown = self.corner, self.shown
        box, size = self._plot.getViewBox().boundingRect(), self.legend.boundingRect().size()
        room, taken = LEGEND_ROOM, ()
        if box.width() > 0 and box.height() > 0 and size.width() > 0:
            room = (size.width() / box.width(), size.height() / box.height())
            taken = blocked_corners(size, box, LEGEND_MARGIN, self.keep_clear())
        where = quietest_corner(points, bounds, self.corner, room, taken, weights, label_cost)
        self._place_legend(where)
        self.legend.setVisible(True)
        self._orient()
        if (corner, shown) != (self.corner, True):
            self.moved()

    def _place_legend(self, corner: tuple[int, int]) -> None:
        if corner != self.corner:
            self.corner = corner
            offset = tuple(LEGEND_MARGIN * (1 - 2 * c) for c in corner)
            self.legend.anchor(itemPos=corner, parentPos=corner, offset=offset)

    def hide(self) -> None:
        self.batch.hide()
        self.full.hide()
        if self.shown:
            self.legend.setVisible(False)
            self.moved()

    def _set_labels(self, labels: tuple[str, ...], tip: str) -> None:
        if (*labels, tip) == self._labels:
            return
        self._labels = (*labels, tip)
        self.legend.clear()
        self.legend.addItem(self.batch.shaft, labels[0])
        self.legend.addItem(self.full.shaft, labels[1])
        style_legend(self.legend, self._theme)
        for item in (self.legend, self.batch.shaft, self.full.shaft):
            item.setToolTip(tip)

    def _orient(self, *_args: object) -> None:
        if self.shown:
            view = self._plot.getViewBox()
            self.batch.orient(view)
            self.full.orient(view)

    def apply_theme(self, theme: PlotTheme) -> None:
        self._theme = theme
        self.batch.recolor(self._color)
        neutral = pg.mkColor(theme.foreground)
        neutral.setAlpha(200)
        self.full.recolor(neutral, Qt.PenStyle.DashLine)
        style_legend(self.legend, theme)

    def data(self) -> dict[str, np.ndarray]:
        """The arrows' shafts as drawn (start and tip), for tests and exports."""
        out = {}
        for key, arrow in (("batch", self.batch), ("full", self.full)):
            x, y = arrow.shaft.getData()
            out[key] = np.empty((0, 2)) if x is None else np.column_stack([x, y])
        return out
