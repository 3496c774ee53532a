"""The resources helper and the application icon: a self-contained SVG that renders cleanly."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import resources

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

# Rendering needs a QGuiApplication. Taking pytest-qt's QApplication first keeps
# render_icon_png() from creating a bare QGuiApplication that later widget tests would inherit.
pytestmark = pytest.mark.usefixtures("qapp")


def load_png(path: Path):
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), path
    return image


def test_paths_point_into_the_package() -> None:
    assert resources.path("descent-lab.svg") == ROOT / "resources" / "descent-lab.svg"
    assert resources.icon_svg_path().is_file()
    assert resources.translations_dir() == ROOT / "resources" / "translations"
    with pytest.raises(ValueError, match="outside"):
        resources.path("../pyproject.toml")


def test_load_stylesheet_reads_qss_or_gives_empty(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(resources, "ROOT", tmp_path)
    (tmp_path / "dark.qss").write_text("QWidget { color: white; }\n", encoding="utf-8")
    assert resources.load_stylesheet("dark") == "QWidget { color: white; }\n"
    assert resources.load_stylesheet("no-such-theme") == ""


def test_icon_svg_is_self_contained_and_textless() -> None:
    root = ET.parse(resources.icon_svg_path()).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 256 256"
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert not tags & {"text", "image", "script", "foreignObject", "style", "use"}, tags
    for element in root.iter():
        for name, value in element.attrib.items():
            # Only references inside the file itself (url(#id)) are allowed.
            assert name != XLINK_HREF and name != "href", (element.tag, name)
            assert "url(" not in value or value.startswith("url(#"), (element.tag, value)
            assert "://" not in value, (element.tag, value)


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256])
def test_icon_renders_at_each_size(tmp_path, size: int) -> None:
    target = tmp_path / "sub" / f"icon-{size}.png"
    resources.render_icon_png(size, target)
    assert target.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    image = load_png(target)
    assert (image.width(), image.height()) == (size, size)
    alpha = [[image.pixelColor(x, y).alpha() for x in range(size)] for y in range(size)]
    # The tile has transparent corners and a solid middle.
    for x, y in [(0, 0), (size - 1, 0), (0, size - 1), (size - 1, size - 1)]:
        assert alpha[y][x] == 0, (x, y)
    assert alpha[size // 2][size // 2] == 255
    opaque = sum(a == 255 for row in alpha for a in row)
    assert opaque > 0.6 * size * size
    # Not blank: the contours, the path and the minimum give many distinct colours.
    colours = {image.pixel(x, y) for y in range(size) for x in range(size)}
    assert len(colours) >= min(30, size * 2)
    assert not list(tmp_path.glob("sub/.*")), "a partial file was left behind"


def test_icon_is_a_rounded_square(tmp_path) -> None:
    target = tmp_path / "icon.png"
    resources.render_icon_png(256, target)
    image = load_png(target)

    def alpha(x: int, y: int) -> int:
        return image.pixelColor(x, y).alpha()

    # Straight edges are solid right up to the tile's border (x = 12 ... 244) ...
    assert alpha(128, 14) == alpha(14, 128) == alpha(128, 241) == alpha(241, 128) == 255
    # ... but the corners are cut by the rounding.
    for x, y in [(16, 16), (239, 16), (16, 239), (239, 239)]:
        assert alpha(x, y) == 0, (x, y)
    # Outside the tile: a transparent margin.
    assert alpha(128, 4) == alpha(4, 128) == 0


def test_icon_has_the_palette_colours(tmp_path) -> None:
    target = tmp_path / "icon.png"
    resources.render_icon_png(256, target)
    image = load_png(target)
    pixels = {image.pixelColor(x, y).name() for y in range(0, 256, 2) for x in range(0, 256, 2)}
    for colour in ("#e69f00", "#009e73", "#ffffff"):  # the path, the minimum, its ring
        assert colour in pixels, colour


def test_load_icon_has_every_standard_size() -> None:
    from PySide6.QtCore import QSize

    icon = resources.load_icon()
    assert not icon.isNull()
    sizes = {(s.width(), s.height()) for s in icon.availableSizes()}
    assert sizes == {(n, n) for n in resources.ICON_SIZES}
    pixmap = icon.pixmap(QSize(48, 48))
    assert not pixmap.isNull()
    assert pixmap.toImage().pixelColor(0, 0).alpha() == 0


def test_render_rejects_a_bad_size(tmp_path) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        resources.render_icon_png(0, tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()


def test_importing_resources_does_not_import_qt() -> None:
    code = (
        "import sys, resources, app.desktop_entry as d\n"
        "resources.icon_svg_path(); resources.translations_dir(); resources.load_stylesheet('x')\n"
        "d.desktop_entry_text(d.launcher_command()); d.data_home()\n"
        "print([m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
