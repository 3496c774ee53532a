"""``python -m app`` / ``descent-lab``: open the window, or render it to a PNG and exit."""

from __future__ import annotations

import argparse
import ctypes.util
import math
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import NoReturn

from trainers.presets import OPENING, OPENING_SPEED, PRESETS
from trainers.values import batches_per_epoch

SCREENSHOT_TIMEOUT_MS = 180_000
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
}


TABS = ("why", "printout", "theory")
"""The bottom-right tabs, in their order in the window."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="descent-lab",
        description="See how gradient descent fits a line, framework by framework. "
        "'python -m app run --help' describes the command line.",
    )
    parser.add_argument("experiment", nargs="?", help="an experiment file (.json) to open")
    parser.add_argument(
        "--screenshot", metavar="PATH", help="render the window offscreen to a PNG, then exit"
    )
    parser.add_argument(
        "--install-desktop",
        action="store_true",
        help="add Descent Lab to your desktop's application menu (no root needed), then exit",
    )
    parser.add_argument(
        "--uninstall-desktop",
        action="store_true",
        help="remove exactly what --install-desktop added, then exit",
    )
    parser.add_argument(
        "--preset",
        choices=list(PRESETS),
        help=f"which run to show (default: the last one, or {OPENING} the first time)",
    )
    parser.add_argument("--steps", type=int, metavar="N", help="with --screenshot: train N updates")
    parser.add_argument(
        "--size",
        type=window_size,
        metavar="WxH",
        help="with --screenshot: the window's size in pixels (default 1440x900)",
    )
    parser.add_argument(
        "--theme", choices=("light", "dark"), help="with --screenshot: the look to render"
    )
    parser.add_argument(
        "--language", choices=("en", "zh_CN"), help="with --screenshot: the language to render"
    )
    parser.add_argument(
        "--tab",
        choices=TABS,
        help="with --screenshot: the tab to show at the bottom right (default: why)",
    )
    parser.add_argument(
        "--pause-at",
        type=int,
        metavar="N",
        help="with --screenshot: pause once every backend has made N updates (a run mid-way)",
    )
    # For bench/: print when the window first painted, or first drew a TensorFlow update, and quit.
    parser.add_argument(
        "--probe", choices=("first-paint", "plots", "ready"), help=argparse.SUPPRESS
    )
    return parser


def window_size(text: str) -> tuple[int, int]:
    """``"1024x700"`` → (1024, 700); at least 640×480."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not WIDTHxHEIGHT, e.g. 1024x700") from None
    if width < 640 or height < 480:
        raise argparse.ArgumentTypeError(f"{text} is smaller than 640x480")
    return width, height


def install_probe(window, app, probe: str) -> None:
    """Print ``probe <event> <unix time>`` at the probed moment, then quit (benchmarks time it)."""
    import time

    from trainers import TENSORFLOW_BACKENDS

    reported = []

    def report(*args: object) -> None:
        if reported or (probe == "ready" and not (args and args[0] in TENSORFLOW_BACKENDS)):
            return
        reported.append(probe)
        print(f"probe {probe} {time.time():.6f}", flush=True)
        window.remember_on_close = False  # a probe must not change what the app remembers
        window.close()
        app.quit()

    if probe == "first-paint":
        window.first_painted.connect(report)
    elif probe == "plots":
        window.plots_painted.connect(report)
    else:
        window.first_update_drawn.connect(report)


def display_problem() -> str | None:
    """Why a window cannot open here, in one line, or None."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return (
            "no display found: run `xvfb-run -a make run` for a virtual screen, or "
            "`python -m app --screenshot shot.png` to save a picture of the window"
        )
    if os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        missing = [
            pkg for lib, pkg in XCB_LIBRARIES.items() if ctypes.util.find_library(lib) is None
        ]
        if missing:
            packages = " ".join(missing)
            return f"Qt lacks system libraries: run `make run`, or `apt-get install {packages}`"
    return None


def clean_up_after_killed_saves(files: list[str]) -> None:
    """Remove the temporary files that saves killed mid-way left beside the recent files (in
    the background: a folder on a slow disk must not delay the window)."""
    import threading

    from trainers.formats.atomic_write import remove_stale_temporaries

    threading.Thread(
        target=remove_stale_temporaries, args=(files,), name="clean-temporaries", daemon=True
    ).start()


def wait_for_loading(window) -> None:
    """Spin the event loop until the window's file loader has finished."""
    from PySide6.QtCore import QEventLoop

    if window.document.loading:
        loop = QEventLoop()
        window.document.loader.ended.connect(loop.quit)
        loop.exec()


def forget_remembered(window, why: str) -> None:
    """The remembered experiment's data could not be read: say so, and never try it again."""
    from PySide6.QtCore import QCoreApplication

    window.settings.forget_experiment()
    window.notices.error(
        QCoreApplication.translate("MainWindow", "The data of the last session could not be read"),
        why,
    )


def take_screenshot(window, path: str, steps: int | None, pause_at: int | None = None) -> int:
    """Train the window's experiment (``steps`` updates if given; paused mid-way after
    ``pause_at``), then save it as a PNG."""
    from PySide6.QtCore import QEventLoop, QTimer

    if steps is not None:
        experiment = window.document.experiment
        for spec in experiment.enabled():
            batches = batches_per_epoch(window.document.data.n, spec.batch_size)
            epochs = max(1, math.ceil(steps / batches))
            experiment = experiment.with_backend(replace(spec, steps=steps, epochs=epochs))
        window.document.set_experiment(experiment)
    loop = QEventLoop()
    window.controller.run_finished.connect(loop.quit)
    if pause_at is not None:
        controller = window.controller
        if window.document.experiment.speed is None:
            window.speed.set_speed(1000, emit=True)  # a pace a pause can catch

        def maybe_pause() -> None:
            done = [len(controller.histories[s.name]) for s in window.document.experiment.enabled()]
            if controller.running and done and min(done) >= pause_at:
                window.session.pause()
                loop.quit()

        controller.progressed.connect(maybe_pause)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, loop.quit)
    if window.document.experiment.enabled():  # nothing enabled: nothing to wait for
        window.session.start()
        loop.exec()
    if pause_at is not None:  # until every backend says "paused"
        while any(not s.ended and s.state != "paused" for s in window.controller.statuses.values()):
            loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 100)
    window.frames.refresh_now()
    ok = window.grab().save(path, "PNG")
    if not ok:
        print(f"error: could not write {path}", file=sys.stderr)
    return 0 if ok else 1


BROKEN_PYSIDE = {"6.12.0": "corrupts the refcount of None while pyqtgraph repaints"}


def pyside_problem() -> str | None:
    """Why the installed PySide6 cannot run Descent Lab, or None."""
    from importlib import metadata

    for name in ("PySide6-Essentials", "PySide6"):
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
        if version in BROKEN_PYSIDE:
            return (
                f"{name} {version} {BROKEN_PYSIDE[version]}; "
                "install another version (make run does)"
            )
    return None


def desktop_entry(install: bool) -> int:
    """--install-desktop / --uninstall-desktop: say what was written or removed."""
    from app.desktop_entry import install_desktop, uninstall_desktop

    paths = install_desktop() if install else uninstall_desktop()
    verb = "installed" if install else "removed"
    for path in paths:
        print(f"{verb} {path}")
    if not paths:
        print("nothing to remove" if not install else "nothing installed")
    return 0


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of ``descent-lab`` and ``python -m app``."""
    from app.malloc_tuning import limit_malloc_arenas

    limit_malloc_arenas()
    args = build_parser().parse_args(argv)
    if args.install_desktop or args.uninstall_desktop:
        sys.exit(desktop_entry(args.install_desktop))
    if args.steps is not None and args.steps < 1:
        print("error: --steps must be at least 1", file=sys.stderr)
        sys.exit(2)
    problem = pyside_problem()
    if problem:
        print(f"descent-lab: {problem}", file=sys.stderr)
        sys.exit(1)
    if args.screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    else:
        problem = display_problem()
        if problem:
            print(f"descent-lab: {problem}", file=sys.stderr)
            sys.exit(1)

    from app.app_logging import setup_logging

    setup_logging()

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    import resources
    from app.desktop_entry import DESKTOP_FILE_NAME
    from app.i18n import install_language
    from app.main_window import MainWindow
    from app.settings import AppSettings
    from app.themes import apply_palette, effective_theme
    from trainers.experiment import Experiment

    # Training threads hold the GIL in short bursts; switching more often keeps the GUI fluid.
    sys.setswitchinterval(0.001)
    app = QApplication.instance() or QApplication([DESKTOP_FILE_NAME])
    app.setApplicationName("Descent Lab")
    app.setOrganizationName("DescentLab")
    app.setDesktopFileName(DESKTOP_FILE_NAME)  # ties the window to the .desktop entry
    app.setWindowIcon(resources.load_icon())
    if args.screenshot:
        # A picture of the defaults: settings of its own, never the user's layout or choices.
        import tempfile

        from PySide6.QtCore import QSettings

        scratch = tempfile.mkdtemp(prefix="descent-lab-screenshot-")
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
    settings = AppSettings()
    install_language(settings.language)
    apply_palette(app, effective_theme(settings.theme))
    remembered = None if (args.preset or args.screenshot) else settings.experiment()
    # A first launch runs at a pace one can watch (full speed is one click away).
    opening = None if args.screenshot else Experiment(speed=OPENING_SPEED)
    window = MainWindow(
        experiment=remembered or opening,
        preset=None if remembered else (args.preset or OPENING),
        autostart=not args.screenshot and remembered is None and not args.experiment,
        settings=settings,
    )
    if settings.problem:
        window.notices.error(
            QCoreApplication.translate("MainWindow", "Settings were reset"), settings.problem
        )
    window.document.start_data_failed.connect(lambda why: forget_remembered(window, why))
    clean_up_after_killed_saves(settings.recent_files())
    if args.screenshot:
        window.remember_on_close = False
        if args.theme:
            window.appearance.set_theme(args.theme, remember=False)
        if args.language:
            window.appearance.set_language(args.language, remember=False)
        if args.tab:
            window.tabs.setCurrentIndex(TABS.index(args.tab))
    if args.experiment:
        window.file_actions.open_experiment(args.experiment)
    if args.screenshot:
        wait_for_loading(window)  # the experiment opened above, read in the background
        window.resize(*(args.size or (1440, 900)))
        window.show()
        status = take_screenshot(window, args.screenshot, args.steps, args.pause_at)
        window.close()
        exit_after(window, status)
    if args.probe:
        install_probe(window, app, args.probe)
    window.show()
    status = app.exec()
    exit_even_if_stuck(status)
    exit_after(window, status)


def exit_after(window, status: int) -> NoReturn:
    """Destroy ``window`` now, while Python is whole, then exit with ``status``: left to the
    interpreter's exit, a layout event still pending in a plot ran a Python override
    mid-finalization and crashed (SIGSEGV, one exit in ten on a busy machine)."""
    import shiboken6

    shiboken6.delete(window)
    sys.exit(status)


def exit_even_if_stuck(status: int) -> None:
    """End the process now if a training thread is still in a framework call (a model still
    being built, or a call that never returned): Python's own exit would destroy its running
    QThread and Qt would abort."""
    import logging

    from app.controller import abandoned_threads

    stuck = abandoned_threads()
    if stuck:
        logging.getLogger(__name__).warning("exiting without waiting for: %s", ", ".join(stuck))
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
