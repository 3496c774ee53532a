"""The app's non-code files (icon, style sheets, translations) behind one small helper.

Callers ask for resources by name and never build paths themselves, so the files can move (into
a wheel, an AppImage, ...) without touching the code that uses them. Importing this module does
not import Qt: only the functions that return Qt objects load it, when called.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

ROOT = Path(__file__).resolve().parent
ICON_NAME = "descent-lab"
# The sizes of the hicolor theme's fixed-size folders; QIcon gets a crisp pixmap for each.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

# The QGuiApplication render_icon_png() had to create, kept so it is not garbage-collected.
_app = None


def path(name: str) -> Path:
    """The file ``name`` (e.g. ``"descent-lab.svg"``) in this resources folder."""
    target = (ROOT / name).resolve()
    # A name such as "../app/x" would reach outside the package: that is a bug in the caller.
    if not target.is_relative_to(ROOT):
        raise ValueError(f"resource name {name!r} points outside {ROOT}")
    return target


def icon_svg_path() -> Path:
    """The application icon, a scalable SVG."""
    return path(f"{ICON_NAME}.svg")


def translations_dir() -> Path:
    """The folder of the Qt translation files (``*.qm``); it may not exist yet."""
    return path("translations")


def load_stylesheet(name: str) -> str:
    """The Qt style sheet ``resources/NAME.qss``, or "" when there is none."""
    qss = path(f"{name}.qss")
    return qss.read_text(encoding="utf-8") if qss.is_file() else ""


def _ensure_gui_application() -> None:
    """Create a QGuiApplication if none exists yet: QPainter and QPixmap need one."""
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        # Offscreen, so this works without a display (ssh, CI, an installer run from a terminal).
        _app = QGuiApplication(["descent-lab", "-platform", "offscreen"])


def _render(size: int):
    """The icon as a ``size``×``size`` QImage on a transparent background."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if size < 1:
        raise ValueError(f"icon size must be at least 1, not {size}")
    renderer = QSvgRenderer(str(icon_svg_path()))
    if not renderer.isValid():
        raise RuntimeError(f"cannot read the icon {icon_svg_path()}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def render_icon_png(size: int, target: Path) -> None:
    """Render the icon to a ``size``×``size`` PNG at ``target`` (a transparent background).

    Creates an offscreen QGuiApplication if none exists: call it before the app's own
    QApplication only in a process that will not open a window afterwards.
    """
    _ensure_gui_application()
    image = _render(size)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Write beside the target, then rename: icon caches and file managers never see half a PNG.
    partial = target.with_name(f".{target.name}.partial")
    if not image.save(str(partial), "PNG"):
        partial.unlink(missing_ok=True)
        raise OSError(f"could not write {target}")
    partial.replace(target)


def load_icon() -> QIcon:
    """The application icon, with a pixmap rendered for every standard size.

    Needs a QGuiApplication (or QApplication) to exist. A QIcon made from the SVG file lists no
    availableSizes(); rendering each standard size once makes that list real, and every size is
    drawn from the vector shapes instead of being scaled from another bitmap.
    """
    from PySide6.QtGui import QGuiApplication, QIcon, QPixmap

    if QGuiApplication.instance() is None:
        raise RuntimeError("load_icon() needs a QApplication: create it first")
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addPixmap(QPixmap.fromImage(_render(size)))
    return icon
