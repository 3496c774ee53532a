"""The stability map: contraction per update over learning rate × momentum, with each backend's
setting on it; a click moves the chosen backend's setting there."""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from trainers.stability import StabilityMap
from widgets.plot_theme import LIGHT, PlotTheme, style_plot
from widgets.plot_view import PlotView

DIVERGED = (150, 150, 150)
"""Rates of 1 and above (no convergence): one flat grey, so the stable region stands out."""


@dataclass(frozen=True)
class MapBackend:
    """A backend as the map shows it: its point (None: not known yet) or why it has none."""

    name: str
    title: str
    color: str
    lr: float | None
    momentum: float
    applies: bool = True  # False: an adaptive optimizer, no point on this map
    nesterov: bool = False  # its momentum is Nesterov's: a map of its own


def nice(lr: float, momentum: float) -> tuple[float, float]:
    """A clicked point rounded to what a person would type (well within a pixel)."""
    return float(f"{lr:.3g}"), round(float(momentum), 2)


class StabilityMapView(QWidget):
    """The map as an image (rate per update), its critical boundary (rate 1), the optimum, and
    a marker per backend; ``picked(name, lr, momentum)`` when the user clicks a point."""

    picked = Signal(str, float, float)
    chosen_changed = Signal()  # the user chose another backend: its kind of momentum may differ

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()  # which backend a click moves
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(8)
        # Only a user's choice: currentIndexChanged also fires while the combo is destroyed,
        # and a slot run then reached freed objects (a crash on quitting).
        self.combo.activated.connect(lambda _index: self.chosen_changed.emit())
        self.combo_label = QLabel()
        self.combo_label.setBuddy(self.combo)
        self.note = QLabel()  # for whom the map does not apply
        self.note.setWordWrap(True)
        self.note.setObjectName("note")
        self.hover = QLabel()  # (lr, β, rate) under the mouse
        self.hover.setWordWrap(True)  # its text never sets how narrow the tab may get
        self.plot = PlotView()
        self.plot.setMinimumHeight(150)
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.getViewBox().setMouseEnabled(x=False, y=False)
        self.image = pg.ImageItem()
        self.boundary = pg.PlotDataItem()
        self.optimum = pg.ScatterPlotItem(size=14, symbol="star")
        self.markers = pg.ScatterPlotItem(size=12, symbol="o")
        for z, part in enumerate((self.image, self.boundary, self.optimum, self.markers)):
            part.setZValue(z)
            item.addItem(part)
        self.colorbar = pg.ColorBarItem(values=(0.0, 1.0), width=12, interactive=False)
        self.colorbar.setImageItem(self.image, insert_in=item)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.combo_label)
        top.addWidget(self.combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.hover)
        layout.addWidget(self.note)

        self._map: StabilityMap | None = None
        self._backends: list[MapBackend] = []
        self._theme = LIGHT
        self.plot.scene().sigMouseMoved.connect(self._on_moved)
        self.plot.scene().sigMouseClicked.connect(self._on_clicked)
        self.apply_theme(LIGHT)
        self.retranslate()

    # -- what it shows ------------------------------------------------------------------
    def set_map(self, smap: StabilityMap) -> None:
        """The rates over the grid, the boundary and the optimum of the current data."""
        self._map = smap
        lrs, momenta = smap.lrs, smap.momenta
        dlr = float(lrs[1] - lrs[0]) if lrs.size > 1 else 1.0
        dm = float(momenta[1] - momenta[0]) if momenta.size > 1 else 1.0
        # Column-major: image[x, y] is the rate at lrs[x], momenta[y]; pixel centres on the grid.
        self.image.setImage(smap.rates.T, autoLevels=False)
        self.image.setRect(
            QRectF(lrs[0] - dlr / 2, momenta[0] - dm / 2, dlr * lrs.size, dm * momenta.size)
        )
        low = max(0.0, min(float(smap.optimum[2]), 0.99))
        self.colorbar.setLevels((low, 1.0))
        self.boundary.setData(smap.boundary, momenta)
        self.optimum.setData([smap.optimum[0]], [smap.optimum[1]])
        view = self.plot.getPlotItem().getViewBox()
        # A margin so the markers at β = 0 and small rates show whole.
        view.setRange(
            xRange=(-0.03 * lrs[-1], lrs[-1] + dlr / 2),
            yRange=(-0.06, momenta[-1] + dm / 2),
            padding=0,
        )
        self._show_hover(None)
        self._show_kind()
        self._show_note()

    def set_backends(self, backends: list[MapBackend]) -> None:
        """The enabled backends: a marker for each one the map applies to, in its colour."""
        self._backends = backends
        chosen = self.chosen()
        self.combo.blockSignals(True)
        self.combo.clear()
        for b in backends:
            self.combo.addItem(b.title, b.name)
        index = self.combo.findData(chosen)
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)
        shown = [b for b in backends if self._on_this_map(b) and b.lr is not None]
        self.markers.setData(
            [b.lr for b in shown],
            [b.momentum for b in shown],
            brush=[pg.mkBrush(b.color) for b in shown],
            pen=pg.mkPen(self._theme.background, width=1.5),
            data=[b.name for b in shown],
        )
        self._show_note()

    def _on_this_map(self, backend: MapBackend) -> bool:
        """Whether ``backend`` has a point on the map drawn (heavy ball or Nesterov)."""
        nesterov = self._map is not None and self._map.nesterov
        return backend.applies and (backend.nesterov and backend.momentum > 0) == nesterov

    def chosen(self) -> str | None:
        """The backend a click moves."""
        return self.combo.currentData()

    def marker_positions(self) -> dict[str, tuple[float, float]]:
        """Each marked backend's (lr, momentum), as drawn."""
        x, y = self.markers.getData()
        names = self.markers.data["data"]
        return {str(n): (float(a), float(b)) for n, a, b in zip(names, x, y, strict=True)}

    def rate_at(self, lr: float, momentum: float) -> float | None:
        """The rate of the pixel under (lr, momentum), None outside the map."""
        if self._map is None:
            return None
        rect = self.image.mapRectToParent(self.image.boundingRect())
        if not rect.contains(QPointF(lr, momentum)):
            return None
        rates = self.image.image
        i = min(int((lr - rect.left()) / rect.width() * rates.shape[0]), rates.shape[0] - 1)
        j = min(int((momentum - rect.top()) / rect.height() * rates.shape[1]), rates.shape[1] - 1)
        return float(rates[i, j])

    def apply_theme(self, theme: PlotTheme) -> None:
        self._theme = theme
        self.plot.setBackground(theme.background)
        style_plot(self.plot.getPlotItem(), theme)
        self.plot.getPlotItem().showGrid(x=False, y=False)
        for side in ("left", "right", "top", "bottom"):
            axis = self.colorbar.getAxis(side)
            axis.setPen(pg.mkPen(theme.foreground))
            axis.setTextPen(pg.mkPen(theme.foreground))
        stops = np.array([0.0, 0.35, 0.7, 0.995, 1.0])
        colors = np.array(
            [(20, 70, 150), (40, 150, 170), (250, 220, 90), (250, 160, 60), DIVERGED],
            dtype=np.ubyte,
        )
        self.colorbar.setColorMap(pg.ColorMap(stops, colors))
        self.boundary.setPen(pg.mkPen(theme.foreground, width=2, style=Qt.PenStyle.DashLine))
        self.optimum.setPen(pg.mkPen(theme.background, width=1))
        self.optimum.setBrush(pg.mkBrush(theme.foreground))
        if self._backends:
            self.set_backends(self._backends)

    def retranslate(self) -> None:
        self.combo_label.setText(self.tr("A click sets:"))
        self.combo.setToolTip(self.tr("The backend whose learning rate and momentum a click sets"))
        item = self.plot.getPlotItem()
        item.setLabel("bottom", self.tr("learning rate"))
        self._show_kind()
        self.colorbar.setLabel("right", self.tr("rate per update"))
        self.plot.setToolTip(
            self.tr(
                "Contraction of the distance to the optimum per update (lower is faster). "
                "Grey, past the dashed line: it diverges. ★ the fastest setting."
            )
        )
        self._show_note()
        self._show_hover(None)

    # -- the mouse ----------------------------------------------------------------------
    def _data_point(self, scene_pos: QPointF) -> tuple[float, float] | None:
        view = self.plot.getPlotItem().getViewBox()
        if self._map is None or not view.sceneBoundingRect().contains(scene_pos):
            return None
        point = view.mapSceneToView(scene_pos)
        lrs, momenta = self._map.lrs, self._map.momenta
        if not (0 < point.x() <= lrs[-1] * 1.01 and 0 <= point.y() <= momenta[-1]):
            return None
        return point.x(), point.y()

    def _on_moved(self, scene_pos: QPointF) -> None:
        self._show_hover(self._data_point(scene_pos))

    def _on_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        point = self._data_point(event.scenePos())
        name = self.chosen()
        applies = {b.name: b.applies for b in self._backends}
        if point is None or name is None or not applies.get(name, False):
            return
        lr, momentum = nice(*point)
        self.picked.emit(name, lr, momentum)

    def _show_hover(self, point: tuple[float, float] | None) -> None:
        if point is None:
            self.hover.setText(self.tr("{kind} · a click sets lr and β").format(kind=self.kind()))
            return
        rate = self.rate_at(*point)
        text = self.tr("lr {lr}, β {beta}: rate {rate} per update").format(
            lr=f"{point[0]:.3g}",
            beta=f"{point[1]:.2f}",
            rate="?" if rate is None else f"{rate:.4f}",
        )
        if rate is not None and rate >= 1.0:
            text += " " + self.tr("(diverges)")
        self.hover.setText(text)

    def _show_kind(self) -> None:
        """Which momentum the map is of (the chosen backend's), said under the map."""
        self.plot.getPlotItem().setLabel("left", self.tr("momentum β"))
        self._show_hover(None)

    def kind(self) -> str:
        """The map's momentum, as said under it: heavy ball or Nesterov's."""
        nesterov = self._map is not None and self._map.nesterov
        return self.tr("Nesterov momentum") if nesterov else self.tr("Heavy-ball momentum")

    def _show_note(self) -> None:
        adaptive = [b for b in self._backends if not b.applies]
        other = [b for b in self._backends if b.applies and not self._on_this_map(b)]
        nesterov = self._map is not None and self._map.nesterov
        lines = [
            self.tr(
                "The map does not apply to {backend}: its optimizer scales every step by "
                "statistics of the gradients, so no (lr, β) point describes it."
            ).format(backend=f'<b style="color:{b.color}">{html.escape(b.title)}</b>')
            for b in adaptive
        ]
        lines += [
            (
                self.tr(
                    "{backend} uses heavy-ball momentum, not Nesterov's: choose it above to see "
                    "its own map."
                )
                if nesterov
                else self.tr(
                    "{backend} uses Nesterov momentum, whose rates differ: choose it above to see "
                    "its own map."
                )
            ).format(backend=f'<b style="color:{b.color}">{html.escape(b.title)}</b>')
            for b in other
        ]
        self.note.setText("<br>".join(lines))
        self.note.setVisible(bool(lines))
