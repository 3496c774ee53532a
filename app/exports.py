"""Pictures and tables out of the window: plots as PNG/SVG, the window as PNG, numbers as CSV."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from PySide6.QtCore import QBuffer, QRect, QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QWidget

from trainers.formats.atomic_write import write_atomically, write_through
from trainers.history import RunHistory

PLOT_FORMATS = ("png", "svg")
NO_CACHE = QGraphicsItem.CacheMode.NoCache
PNG_SCALE = 2.0
"""Plots are saved at twice their on-screen size: sharp on slides."""


def export_plot(view: QWidget, path: str | Path) -> Path:
    """Save a plot (a pyqtgraph PlotWidget) as PNG or SVG, chosen by the file's suffix."""
    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in PLOT_FORMATS:
        raise ValueError(f"plots are saved as PNG or SVG, not '{path.suffix}'")
    if suffix == "png":
        # Qt's writers report no errors: each writes a temporary file that is checked (read
        # back) before it replaces the target, so a full disk or read-only folder is said.
        write_through(path, lambda temp: _render_png(view, temp), _is_image)
    else:
        write_through(path, lambda temp: _render_svg(view, temp), _is_svg)
    return path


def _is_image(path: Path) -> bool:
    return not QImage(str(path)).isNull()


def _is_svg(path: Path) -> bool:
    return path.read_bytes().rstrip().endswith(b"</svg>")


@contextmanager
def _export_mode(view: QWidget, painter: QPainter) -> Iterator[None]:
    """pyqtgraph items draw for export meanwhile: markers as shapes, not cached pixmaps."""
    scene = view.scene()  # type: ignore[attr-defined]
    items = [i for i in scene.items() if hasattr(i, "setExportMode")]
    # Cached items (the axes) would go into an SVG as pictures of text: drawn afresh instead.
    cached = [(i, i.cacheMode()) for i in scene.items() if i.cacheMode() != NO_CACHE]
    for item in items:
        item.setExportMode(True, {"painter": painter, "antialias": True})
    for item, _mode in cached:
        item.setCacheMode(NO_CACHE)
    try:
        yield
    finally:
        for item in items:
            item.setExportMode(False)
        for item, mode in cached:
            item.setCacheMode(mode)


def _render_png(view: QWidget, path: Path, scale: float = PNG_SCALE) -> None:
    """The plot as drawn on screen at ``scale`` times the pixels: on a high-resolution image,
    text, legend, lines and markers all grow alike (a legend ignores transformations, so a
    scaled painter would leave it small)."""
    image = QImage(view.size() * scale, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(view.palette().window().color())
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    try:
        # QGraphicsView's own render (QWidget.render would scale the scene twice over).
        target = QRectF(0, 0, view.width(), view.height())
        view.render(painter, target, view.viewport().rect())  # type: ignore[call-arg]
    finally:
        painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")


def _render_svg(view: QWidget, path: Path) -> None:
    """Qt's own SVG rendering of the plot widget, made plain (see ``plain_svg``).

    pyqtgraph 0.14.0's SVGExporter fails on the closed paths ("... Z") that Qt 6.11 writes
    (pyqtgraph issue #3495, fixed after 0.14.0)."""
    from PySide6.QtSvg import QSvgGenerator

    buffer = QBuffer()
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(view.width(), view.height()))
    generator.setViewBox(QRect(0, 0, view.width(), view.height()))
    generator.setTitle("Descent Lab")
    # The screen's resolution: at QSvgGenerator's own 72 dpi, text and axes shrink to 3/4.
    generator.setResolution(view.logicalDpiX())
    painter = QPainter(generator)
    try:
        with _export_mode(view, painter):
            view.render(painter)
    finally:
        painter.end()
    path.write_text(plain_svg(bytes(buffer.data()).decode("utf-8")), encoding="utf-8")


_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_PAIR = re.compile(rf"({_NUMBER}),({_NUMBER})")
_MATRIX = re.compile(
    rf"matrix\(({_NUMBER}),({_NUMBER}),({_NUMBER}),({_NUMBER}),({_NUMBER}),({_NUMBER})\)"
)
_SVG = "{http://www.w3.org/2000/svg}"
_SHAPES = {f"{_SVG}path": "d", f"{_SVG}polyline": "points", f"{_SVG}polygon": "points"}
"""Shapes whose coordinates can take their group's transform: the attribute holding them."""


def _transformed(d: str, m: tuple[float, ...]) -> str:
    a, b, c, d_, e, f = m

    def point(match: re.Match[str]) -> str:
        x, y = float(match.group(1)), float(match.group(2))
        return f"{a * x + c * y + e:.6g},{b * x + d_ * y + f:.6g}"

    return _PAIR.sub(point, d)


def plain_svg(text: str) -> str:
    """An SVG any renderer draws alike: Qt draws plot lines in data coordinates under a
    transform, with ``vector-effect="non-scaling-stroke"`` to keep them thin, which librsvg and
    ImageMagick ignore (the lines become bands as wide as the transform's scale). Here each
    such path gets its coordinates in pixels and loses the transform and the vector effect."""
    for prefix, uri in (
        ("", "http://www.w3.org/2000/svg"),
        ("xlink", "http://www.w3.org/1999/xlink"),
    ):
        ET.register_namespace(prefix, uri)
    root = ET.fromstring(text)
    box = root.get("viewBox", "").split()
    if len(box) == 4:  # sizes in pixels, not millimetres that each renderer converts its way
        root.set("width", box[2])
        root.set("height", box[3])
    for group in root.iter(f"{_SVG}g"):
        children = list(group)
        scaling = [c for c in children if c.get("vector-effect") == "non-scaling-stroke"]
        if not scaling:
            continue
        transform = group.get("transform", "").replace(" ", "")
        match = _MATRIX.fullmatch(transform)
        a, b, c, d, e, f = (float(v) for v in match.groups()) if match else (1, 0, 0, 1, 0, 0)
        if (a, b, c, d) == (1, 0, 0, 1) and (match or not transform):
            for child in scaling:  # a shift alone scales nothing: the effect changes nothing
                del child.attrib["vector-effect"]
        elif match and all(child.tag in _SHAPES and child in scaling for child in children):
            for child in children:
                key = _SHAPES[child.tag]
                child.set(key, _transformed(child.get(key, ""), (a, b, c, d, e, f)))
                del child.attrib["vector-effect"]
            del group.attrib["transform"]
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def export_widget_png(widget: QWidget, path: str | Path) -> Path:
    """Save what a widget (e.g. the whole window) shows as a PNG."""
    path = Path(path)
    write_through(path, lambda temp: widget.grab().save(str(temp), "PNG"), _is_image)
    return path


def shortest(value: float, precision: str) -> str:
    """The shortest spelling that reads back to the same float32 (or float64): a Keras
    learning rate of float32 0.01 is "0.01", not "0.009999999776482582"."""
    if precision == "float32":
        return str(np.float32(value))
    return repr(float(value))


def write_history_csv(
    path: str | Path, histories: Mapping[str, RunHistory], precisions: Mapping[str, str]
) -> Path:
    """Every update of every backend: backend, step, w, b, loss, lr (one row per update)."""
    path = Path(path)
    handle = io.StringIO(newline="")
    # Built in memory, then written all at once (and checked).
    writer = csv.writer(handle)
    writer.writerow(["backend", "step", "w", "b", "loss", "lr"])
    for name, history in histories.items():
        precision = precisions.get(name, "float64")
        for step, w, b, loss, lr in zip(
            history.step, history.w, history.b, history.loss, history.lr, strict=True
        ):
            writer.writerow(
                [
                    name,
                    int(step),
                    shortest(w, precision),
                    shortest(b, precision),
                    shortest(loss, precision),
                    shortest(lr, precision),
                ]
            )
    write_atomically(path, handle.getvalue().encode("utf-8"))
    return path


def write_table_csv(path: str | Path, tab_separated: str) -> Path:
    """A tab-separated table (e.g. the printout) as a CSV file."""
    path = Path(path)
    rows = [line.split("\t") for line in tab_separated.rstrip("\n").split("\n")]
    handle = io.StringIO(newline="")
    csv.writer(handle).writerows(rows)
    write_atomically(path, handle.getvalue().encode("utf-8"))
    return path
