"""Pictures and tables out of the window: plots as PNG/SVG, the window as PNG, numbers as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from trainers.formats.atomic_write import write_atomically, write_through
from trainers.history import RunHistory
from trainers.printout import format_value

PLOT_FORMATS = ("png", "svg")


def export_plot(view: object, path: str | Path) -> Path:
    """Save a plot (a pyqtgraph PlotWidget) as PNG or SVG, chosen by the file's suffix."""
    import pyqtgraph.exporters as exporters

    path = Path(path)
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in PLOT_FORMATS:
        raise ValueError(f"plots are saved as PNG or SVG, not '{path.suffix}'")
    item = view.getPlotItem()  # type: ignore[attr-defined]
    if suffix == "png":
        exporter = exporters.ImageExporter(item)
        # Twice the on-screen size: sharp on slides.
        exporter.parameters()["width"] = int(item.sceneBoundingRect().width() * 2)
        # Qt's writers report no errors: each writes a temporary file that is checked (read
        # back) before it replaces the target, so a full disk or read-only folder is said.
        write_through(path, lambda temp: exporter.export(str(temp)), _is_image)
    else:
        write_through(path, lambda temp: _render_svg(view, temp), _is_svg)
    return path


def _is_image(path: Path) -> bool:
    return not QImage(str(path)).isNull()


def _is_svg(path: Path) -> bool:
    return path.read_bytes().rstrip().endswith(b"</svg>")


def _render_svg(view: QWidget, path: Path) -> None:
    """Qt's own SVG rendering of the plot widget. pyqtgraph 0.14.0's SVGExporter fails on the
    closed paths ("... Z") that Qt 6.11 writes (pyqtgraph issue #3495, fixed after 0.14.0)."""
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(view.width(), view.height()))
    generator.setViewBox(QRect(0, 0, view.width(), view.height()))
    generator.setTitle("Descent Lab")
    painter = QPainter(generator)
    try:
        view.render(painter)
    finally:
        painter.end()


def export_widget_png(widget: QWidget, path: str | Path) -> Path:
    """Save what a widget (e.g. the whole window) shows as a PNG."""
    path = Path(path)
    write_through(path, lambda temp: widget.grab().save(str(temp), "PNG"), _is_image)
    return path


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
                    format_value(float(w), precision),
                    format_value(float(b), precision),
                    repr(float(loss)),
                    repr(float(lr)),
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
