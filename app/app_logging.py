"""Where warnings and errors go when Descent Lab was started by double-click: a rotating file."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path
from types import TracebackType

LOG_NAME = "descent-lab.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"


def state_dir() -> Path:
    """The user's state folder for Descent Lab ($XDG_STATE_HOME/descent-lab on Linux)."""
    base = os.environ.get("XDG_STATE_HOME", "")
    root = Path(base) if os.path.isabs(base) else Path.home() / ".local" / "state"
    return root / "descent-lab"


def log_path() -> Path:
    return state_dir() / LOG_NAME


def setup_logging() -> Path:
    """Send warnings and errors (Python's, Qt's, uncaught exceptions) to the rotating log file;
    return its path. A GUI started from a desktop entry has no terminal to print to."""
    path = log_path()
    root = logging.getLogger()
    if any(getattr(h, "descent_lab", False) for h in root.handlers):
        return path
    to_file = True
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler(sys.stderr)  # nowhere to write: the terminal, if any
        to_file = False
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.setLevel(logging.INFO)
    handler.descent_lab = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    if sys.stderr is not None and to_file:
        # Started from a terminal, problems show there too (a double-click discards this).
        console = logging.StreamHandler(sys.stderr)
        console.setFormatter(logging.Formatter("descent-lab: %(levelname)s %(message)s"))
        console.setLevel(logging.WARNING)
        root.addHandler(console)
    root.setLevel(logging.INFO)
    logging.captureWarnings(True)
    sys.excepthook = _log_uncaught
    _route_qt_messages()
    logging.getLogger(__name__).info("Descent Lab started (log: %s)", path)
    return path


def _log_uncaught(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    logging.getLogger("uncaught").critical("uncaught exception", exc_info=(kind, error, trace))
    sys.__excepthook__(kind, error, trace)


def _route_qt_messages() -> None:
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if "propagateSizeHints" in message:  # the offscreen platform's harmless notice
            return
        qt_log.log(levels.get(kind, logging.WARNING), message)

    qInstallMessageHandler(handler)
