"""Exported plots look the same everywhere: SVG drawn by Qt and by librsvg, PNG scaled whole."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from guards import SUBPROCESS_GUARD_S
from gui_helpers import run_to_end, wait_prepared
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from app.exports import plain_svg

ROOT = Path(__file__).resolve().parents[1]


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), np.uint8)
    rows = data.reshape(image.height(), image.bytesPerLine() // 4, 4)
    return rows[:, : image.width(), :3].astype(float)


def on_white(image: QImage, width: int, height: int) -> QImage:
    canvas = QImage(width, height, QImage.Format.Format_RGB32)
    canvas.fill(Qt.GlobalColor.white)
    painter = QPainter(canvas)
    painter.drawImage(0, 0, image)
    painter.end()
    return canvas


def qt_rendering(svg: Path) -> QImage:
    renderer = QSvgRenderer(str(svg))
    size = renderer.defaultSize()
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def exported_run(qtbot, window, tmp_path, monkeypatch, plot: str, suffix: str) -> Path:
    target = tmp_path / f"{plot}.{suffix}"
    monkeypatch.setattr(
        "app.actions.file_actions.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    window.file_actions.plot_actions[plot].trigger()
    assert target.is_file()
    return target


@pytest.fixture
def finished(qtbot, window):
    wait_prepared(qtbot, window)
    run_to_end(qtbot, window)
    return window


def test_plain_svg_bakes_scaled_strokes_into_pixels() -> None:
    text = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10mm" height="5mm" viewBox="0 0 40 20">'
        '<g stroke-width="2" transform="matrix(100,0,0,-100,5,15)">'
        '<path vector-effect="non-scaling-stroke" d="M0,0 L0.1,0.05 L1e-2,-5e-2"/></g>'
        '<g transform="matrix(1,0,0,1,3,4)"><rect vector-effect="non-scaling-stroke"/></g></svg>'
    )
    plain = plain_svg(text)
    assert "non-scaling-stroke" not in plain and "matrix(100" not in plain
    assert 'd="M5,15 L15,10 L6,20"' in plain
    assert 'width="40"' in plain and 'height="20"' in plain


@pytest.mark.parametrize("plot", ["fit_view", "surface_view", "loss_view"])
def test_svg_renders_alike_in_qt_and_librsvg(qtbot, finished, tmp_path, monkeypatch, plot) -> None:
    rsvg = shutil.which("rsvg-convert")
    assert rsvg, "rsvg-convert is missing: scripts/system-packages.sh installs librsvg2-bin"
    svg = exported_run(qtbot, finished, tmp_path, monkeypatch, plot, "svg")
    text = svg.read_text()
    assert "non-scaling-stroke" not in text
    assert "<image" not in text or plot == "surface_view"  # only the colour map is a picture
    png = tmp_path / f"{plot}.rsvg.png"
    subprocess.run([rsvg, str(svg), "-o", str(png)], check=True, timeout=SUBPROCESS_GUARD_S)
    ours = qt_rendering(svg)
    theirs = on_white(QImage(str(png)), ours.width(), ours.height())
    assert (theirs.width(), theirs.height()) == (ours.width(), ours.height())
    view = finished.plots.view(plot)
    assert (ours.width(), ours.height()) == (view.width(), view.height())
    difference = np.abs(pixels(ours) - pixels(theirs)).max(axis=2)
    # Anti-aliasing and font hinting differ by a pixel here and there; a band or a squashed
    # marker would differ over large areas.
    assert (difference > 96).mean() < 0.02, (difference > 96).mean()


def test_svg_markers_are_shapes_not_pictures(qtbot, finished, tmp_path, monkeypatch) -> None:
    svg = exported_run(qtbot, finished, tmp_path, monkeypatch, "surface_view", "svg")
    text = svg.read_text()
    assert text.count("<image") == 1  # the loss surface's colours; the markers are paths
    color = finished.document.experiment.backends["tf"].color
    assert f'fill="{color.lower()}"' in text.lower()  # the current point, in its colour


def test_png_scales_the_whole_plot_legend_included(qtbot, finished, tmp_path, monkeypatch) -> None:
    png = exported_run(qtbot, finished, tmp_path, monkeypatch, "fit_view", "png")
    view = finished.plots.fit_view
    exported = QImage(str(png))
    assert (exported.width(), exported.height()) == (view.width() * 2, view.height() * 2)
    shrunk = exported.scaled(
        view.width(),
        view.height(),
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    screen = view.grab().toImage().scaled(view.width(), view.height())
    legend = view.legend.mapRectToScene(view.legend.boundingRect())
    box = view.mapFromScene(legend).boundingRect().intersected(screen.rect())
    a = pixels(shrunk.copy(box))
    b = pixels(screen.copy(box))
    # The legend at half the export's size is the legend on screen: it scaled with the plot.
    assert np.abs(a - b).mean() < 12
