"""Put Descent Lab in the desktop's application menu (freedesktop.org), and take it out again.

``install_desktop()`` writes a ``.desktop`` launcher and the icon into the user's XDG data
folder (no root needed) and records every file and folder it created in a manifest;
``uninstall_desktop()`` removes exactly those, so it never deletes anything it did not write.
Only rendering the PNG icons uses Qt, and it is imported then, not when this module loads.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

# The .desktop file's base name, also the icon name and StartupWMClass. The app passes it to
# QGuiApplication.setDesktopFileName(): Qt then sends it as the Wayland app id and X11 window
# hints, which is how shells tie the app's windows to this menu entry and its icon.
DESKTOP_FILE_NAME = "descent-lab"
ICON_NAME = DESKTOP_FILE_NAME
SCRIPT_NAME = "descent-lab"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)
MANIFEST = Path(DESKTOP_FILE_NAME) / "installed-files.txt"
MANIFEST_HEADER = (
    "# Written by Descent Lab's desktop installer; uninstall_desktop() removes these.\n"
    "# 'file' lines are files it wrote, 'dir' lines folders it created (removed when empty).\n"
)
TOOL_TIMEOUT_S = 30
EXPERIMENT_MIME_TYPE = "application/x-descent-lab-experiment"
"""Experiment files: JSON whose start names the app (shared-mime-info sniffs it, so a file
manager offers Descent Lab for them and not for every .json)."""


def mime_package_text() -> str:
    """The shared-mime-info package declaring EXPERIMENT_MIME_TYPE."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">\n'
        f'  <mime-type type="{EXPERIMENT_MIME_TYPE}">\n'
        "    <comment>Descent Lab experiment</comment>\n"
        '    <comment xml:lang="zh_CN">梯度下降实验室实验</comment>\n'
        # A sub-class of JSON: its magic then wins over the *.json glob (the spec's rule).
        '    <sub-class-of type="application/json"/>\n'
        '    <magic priority="60">\n'
        '      <match type="string" value="&quot;app&quot;: &quot;Descent Lab&quot;" '
        'offset="0:256"/>\n'
        "    </magic>\n"
        "  </mime-type>\n"
        "</mime-info>\n"
    )


# Exec arguments holding any of these must be quoted (Desktop Entry spec, "The Exec key").
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset or not absolute (as the spec says)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def launcher_command() -> list[str]:
    """The command that starts the installed app, with absolute paths."""
    # The gui-script of the environment running us (a venv's bin/) comes first: a menu entry
    # must start this installation, not whichever descent-lab happens to be first on PATH.
    script = Path(sys.executable).parent / SCRIPT_NAME
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script.absolute())]
    found = shutil.which(SCRIPT_NAME)
    if found:
        return [str(Path(found).absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "app"]


def _escape_string(value: str) -> str:
    """Escape a value of type string/localestring for a .desktop file (spec: "Possible value
    types"): a backslash and the control characters cannot appear literally."""
    return (
        value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    )


def _quote_exec_argument(arg: str) -> str:
    """One argument of the Exec key, quoted by the spec's rules (before string escaping)."""
    arg = arg.replace("%", "%%")  # a lone % would start a field code
    if arg and not _RESERVED.intersection(arg):
        return arg
    for char in ("\\", '"', "`", "$"):
        arg = arg.replace(char, "\\" + char)
    return f'"{arg}"'


def exec_value(command: list[str]) -> str:
    """The Exec value that runs ``command`` with the opened file (``%f``), ready to write."""
    if not command:
        raise ValueError("the command is empty")
    quoted = " ".join(_quote_exec_argument(arg) for arg in command)
    # The string escaping is applied on top of the quoting: a literal backslash inside a quoted
    # argument therefore ends up as four backslashes in the file, exactly as the spec requires.
    return _escape_string(f"{quoted} %f")


def desktop_entry_text(command: list[str]) -> str:
    """The text of ``descent-lab.desktop`` for an app started by ``command``."""
    lines = [
        "[Desktop Entry]",
        # 1.4, not 1.5: nothing here needs 1.5, desktop-file-utils 0.26 and older reject it.
        "Version=1.4",
        "Type=Application",
        "Name=Descent Lab",
        "Name[zh_CN]=梯度下降实验室",
        "GenericName=Gradient descent visualiser",
        "GenericName[zh_CN]=梯度下降可视化工具",
        "Comment=See how gradient descent fits a line in TensorFlow, Keras and NumPy, side by side",
        "Comment[zh_CN]=并排观察梯度下降如何在 TensorFlow、Keras 和 NumPy 中拟合一条直线",
        f"Exec={exec_value(command)}",
    ]
    # TryExec hides the menu entry once the program is gone (e.g. the venv was deleted).
    # It takes a plain path, so it is only written for an absolute one.
    if os.path.isabs(command[0]):
        lines.append(f"TryExec={_escape_string(command[0])}")
    lines += [
        f"Icon={ICON_NAME}",
        "Terminal=false",
        "Categories=Education;Science;",
        "Keywords=gradient descent;machine learning;linear regression;loss surface;"
        "optimisation;TensorFlow;Keras;NumPy;",
        "Keywords[zh_CN]=梯度下降;机器学习;线性回归;损失曲面;优化;",
        f"StartupWMClass={DESKTOP_FILE_NAME}",
        f"MimeType={EXPERIMENT_MIME_TYPE};",
    ]
    return "\n".join(lines) + "\n"


def _planned_files(home: Path) -> list[Path]:
    """Every file install_desktop() writes under ``home``, the manifest excepted."""
    icons = home / "icons" / "hicolor"
    return [
        home / "applications" / f"{DESKTOP_FILE_NAME}.desktop",
        home / "mime" / "packages" / f"{DESKTOP_FILE_NAME}.xml",
        icons / "scalable" / "apps" / f"{ICON_NAME}.svg",
        *(icons / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png" for size in PNG_SIZES),
    ]


def _read_manifest(home: Path) -> tuple[list[Path], list[Path]]:
    """The files and folders recorded under ``home``: ([], []) when there is no manifest."""
    manifest = home / MANIFEST
    if not manifest.is_file():
        return [], []
    files: list[Path] = []
    dirs: list[Path] = []
    for line in manifest.read_text(encoding="utf-8").splitlines():
        kind, _, name = line.partition(" ")
        relative = Path(name)
        # Entries are relative to home; anything else was not written by us, so it is ignored
        # rather than trusted with a delete.
        outside = relative.is_absolute() or ".." in relative.parts
        if kind not in ("file", "dir") or not name or outside:
            continue
        (files if kind == "file" else dirs).append(home / relative)
    return files, dirs


def _write_manifest(home: Path, files: list[Path], dirs: list[Path]) -> Path:
    manifest = home / MANIFEST
    lines = [f"file {p.relative_to(home).as_posix()}" for p in files]
    lines += [f"dir {d.relative_to(home).as_posix()}" for d in dirs]
    _write_text(manifest, MANIFEST_HEADER + "\n".join(lines) + "\n")
    return manifest


def _make_dirs(folder: Path, created: list[Path]) -> None:
    """``mkdir -p folder``, appending each folder it really creates to ``created``."""
    missing = []
    for parent in (folder, *folder.parents):
        if parent.exists():
            break
        missing.append(parent)
    for new in reversed(missing):
        new.mkdir(exist_ok=True)
        if new not in created:
            created.append(new)


def _write_text(target: Path, text: str) -> None:
    # Write a sibling, then rename: menus watch applications/ and must never read half a file.
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)


def _run_quietly(command: list[str]) -> None:
    """Run a helper tool; a missing or failing tool is not an error (menus catch up later)."""
    if shutil.which(command[0]) is None:
        return
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(command, capture_output=True, timeout=TOOL_TIMEOUT_S, check=False)


def _refresh_caches(home: Path) -> None:
    """Tell the desktop the menu and icons changed, as xdg-utils does for per-user installs.

    A cache is only refreshed when one exists already: creating a user-level icon-theme.cache
    would hide icons that other programs later add without updating it, and both caches would
    be files this installer did not write and could not remove.
    """
    applications = home / "applications"
    if (applications / "mimeinfo.cache").is_file():
        _run_quietly(["update-desktop-database", "-q", str(applications)])
    if (home / "mime" / "mime.cache").is_file():
        _run_quietly(["update-mime-database", str(home / "mime")])
    hicolor = home / "icons" / "hicolor"
    if (hicolor / "icon-theme.cache").is_file():
        _run_quietly(["gtk-update-icon-cache", "-q", "-f", "-t", str(hicolor)])
    elif hicolor.is_dir():
        # Without a cache, icon themes notice new icons from the theme folder's time stamp.
        with contextlib.suppress(OSError):
            os.utime(hicolor)


def install_desktop(home: Path | None = None) -> list[Path]:
    """Install the menu entry and icons under ``home`` (default: ``data_home()``).

    Returns the files written, the manifest last. Running it again rewrites the same files
    (so a moved venv gets a fresh Exec line) and keeps the record of the folders the first
    run created, so one uninstall_desktop() still removes everything.
    """
    from resources import icon_svg_path, render_icon_png

    home = Path(home) if home is not None else data_home()
    old_files, created = _read_manifest(home)
    created = [d for d in created if d.is_dir()]
    files = _planned_files(home)
    desktop_file, mime_file, svg_file, *png_files = files

    for target in files:
        _make_dirs(target.parent, created)
    _make_dirs(home / MANIFEST.parent, created)
    # Deepest folders first, the order uninstall removes them in.
    created.sort(key=lambda d: len(d.parts), reverse=True)
    # The manifest comes first, so even an install that fails half-way can be uninstalled.
    manifest = _write_manifest(home, files, created)

    _write_text(desktop_file, desktop_entry_text(launcher_command()))
    _write_text(mime_file, mime_package_text())
    _write_text(svg_file, icon_svg_path().read_text(encoding="utf-8"))
    for size, png in zip(PNG_SIZES, png_files, strict=True):
        render_icon_png(size, png)
    # Files an earlier version installed but this one does not would otherwise be orphaned.
    for stale in set(old_files) - set(files):
        if stale.is_file() or stale.is_symlink():
            stale.unlink()
    _refresh_caches(home)
    return [*files, manifest]


def uninstall_desktop(home: Path | None = None) -> list[Path]:
    """Remove what install_desktop() recorded under ``home``; return the paths removed.

    Only files named in the manifest are deleted, and a folder only if the installer created
    it and it is empty now: anything else a user put there stays. Nothing installed: [].
    """
    home = Path(home) if home is not None else data_home()
    files, dirs = _read_manifest(home)
    removed: list[Path] = []
    for target in [*files, home / MANIFEST]:
        # Never follow a link or descend into a folder that took a file's place.
        if target.is_symlink() or target.is_file():
            target.unlink()
            removed.append(target)
    for folder in sorted(dirs, key=lambda d: len(d.parts), reverse=True):
        try:
            folder.rmdir()  # fails, as intended, when the folder holds anything else
        except OSError:
            continue
        removed.append(folder)
    if removed:
        _refresh_caches(home)
    return removed
