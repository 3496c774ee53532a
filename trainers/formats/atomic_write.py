"""Writing a file all at once, and only where a file belongs (Qt-free).

Every save and export goes through :func:`write_atomically`: the bytes go to a hidden temporary
file beside the target, are flushed to disk, then renamed over it, so a reader sees the old file
or the new one, never half of one. A target that exists but is not a regular file (a device, a
FIFO, a folder) is refused: renaming over it would replace a device node with a plain file.
Temporary files left by a save that was killed are removed by the next save of the same file,
and at start-up (:func:`remove_stale_temporaries`).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from trainers.messages import QT_TRANSLATE_NOOP, DescentLabError

_CANNOT_SAVE = QT_TRANSLATE_NOOP("trainers", "cannot save '{path}': {reason}")
_NOT_REGULAR = QT_TRANSLATE_NOOP(
    "trainers", "cannot save '{path}': it exists and is not a regular file"
)
_NOTHING_WRITTEN = QT_TRANSLATE_NOOP(
    "trainers",
    "cannot save '{path}': nothing was written (is the disk full, or the folder read-only?)",
)
_TEMP = re.compile(r"\.(?P<name>.+)\.[0-9a-f]{8}\.tmp(\.[A-Za-z0-9]+)?")


class SaveError(DescentLabError):
    """A file could not be written; the message says which and why."""


def target_of(path: str | Path) -> Path:
    """Where ``path`` writes (through a symlink, what it points to), refused unless it is a
    regular file or does not exist yet."""
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise SaveError(_CANNOT_SAVE, path=str(path), reason=exc.strerror or str(exc)) from None
    if not stat.S_ISREG(mode):
        raise SaveError(_NOT_REGULAR, path=str(path))
    return target


def temporary_for(target: Path) -> Path:
    """A fresh hidden name beside ``target``, keeping its suffix (Qt picks formats by it)."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp{target.suffix}")


def write_atomically(path: str | Path, payload: bytes) -> Path:
    """Replace ``path`` by ``payload`` all at once; SaveError if that fails (nothing changed)."""
    return write_through(path, lambda temp: _write_bytes(temp, payload))


def write_through(
    path: str | Path, write: Callable[[Path], None], check: Callable[[Path], bool] | None = None
) -> Path:
    """Let ``write`` create a temporary file, check it holds something (and ``check(temp)``),
    then rename it over ``path``. For writers that report no errors (Qt's image and SVG
    writers), the check is what tells a full disk or a read-only folder."""
    target = target_of(path)
    remove_stale_temporaries([target])
    temp = temporary_for(target)
    try:
        write(temp)
        try:
            written = temp.stat().st_size > 0 and (check is None or check(temp))
        except OSError:
            written = False
        if not written:
            raise SaveError(_NOTHING_WRITTEN, path=str(path))
        with contextlib.suppress(OSError):  # keep the permissions of the file being replaced
            os.chmod(temp, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(temp, target)
    except OSError as exc:
        raise SaveError(_CANNOT_SAVE, path=str(path), reason=exc.strerror or str(exc)) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    _sync_folder(target.parent)
    return Path(path)


def _write_bytes(temp: Path, payload: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, 0o666)
    try:
        view = memoryview(payload)
        while view:  # os.write may write less than asked
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temporaries(targets: Iterable[str | Path]) -> int:
    """Remove the hidden temporary files a killed save of any of ``targets`` left; how many."""
    removed = 0
    for target in targets:
        target = Path(target)
        try:
            siblings = list(target.parent.iterdir())
        except OSError:
            continue
        for sibling in siblings:
            match = _TEMP.fullmatch(sibling.name)
            if match and match["name"] == target.name and sibling.is_file():
                with contextlib.suppress(OSError):
                    sibling.unlink()
                    removed += 1
    return removed


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it (not on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
