"""Reading a user's file without trusting it: regular files only, bounded in size, in chunks.

Every file Descent Lab reads (CSV data, experiment files) comes through :func:`read_bounded`.
A FIFO, a device or a folder is refused before it is opened for reading (a FIFO opened the
usual way blocks until a writer appears; ``/dev/zero`` never ends), the size is checked before
and while reading, and a caller can follow the progress and cancel between chunks.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from trainers.messages import QT_TRANSLATE_NOOP, DataError

MiB = 1024 * 1024
CSV_SIZE_LIMIT = 1024 * MiB
"""A CSV of up to 1 GiB: about 40 million x,y rows, far more than a line fit needs to show."""
EXPERIMENT_SIZE_LIMIT = 64 * MiB
"""An experiment file holds settings, at most 10,000 inline points and the printed rows."""
CHUNK = 4 * MiB
"""Read this much at a time: progress and cancel are checked between chunks."""

Progress = Callable[[int, int], None]
"""Called with (bytes read, bytes in the file) after each chunk."""


class ReadCancelled(Exception):
    """The caller's ``cancelled()`` said stop; nothing was loaded."""


def _kind(mode: int) -> str | None:
    """The message for a path that is not a regular file (whole sentences, for translators);
    None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return QT_TRANSLATE_NOOP("trainers", "'{path}' is a folder, not a file; choose a file")
    if stat.S_ISFIFO(mode):
        return QT_TRANSLATE_NOOP(
            "trainers", "'{path}' is a pipe (FIFO), not a regular file; choose a file"
        )
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return QT_TRANSLATE_NOOP(
            "trainers", "'{path}' is a device, not a regular file; choose a file"
        )
    return QT_TRANSLATE_NOOP("trainers", "'{path}' is not a regular file; choose a file")


def _not_regular(path: Path, mode: int) -> DataError:
    return DataError(_kind(mode) or "", path=str(path))


def _too_big(path: Path, limit: int) -> DataError:
    return DataError(
        QT_TRANSLATE_NOOP(
            "trainers", "'{path}' is larger than {limit} MiB, the most Descent Lab reads"
        ),
        path=str(path),
        limit=limit // MiB,
    )


def check_regular(path: str | Path) -> os.stat_result:
    """The file's status if ``path`` is a regular file (following symlinks); else DataError.

    Raises FileNotFoundError for a missing file, so each caller words that case itself.
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise
    except NotADirectoryError:
        raise FileNotFoundError(errno.ENOENT, "not found", str(path)) from None
    except OSError as exc:
        raise _cannot_read(path, exc) from None
    if _kind(info.st_mode) is not None:
        raise _not_regular(path, info.st_mode)
    return info


def _cannot_read(path: Path, exc: OSError) -> DataError:
    return DataError(
        QT_TRANSLATE_NOOP("trainers", "cannot read '{path}': {reason}"),
        path=str(path),
        reason=exc.strerror or str(exc),
    )


def read_bounded(
    path: str | Path,
    limit: int,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Raises FileNotFoundError if it does not exist, DataError if it is not a regular file, is
    larger than ``limit`` or cannot be read, and ReadCancelled if ``cancelled()`` turns true.
    """
    path = Path(path)
    info = check_regular(path)
    if info.st_size > limit:
        raise _too_big(path, limit)
    # O_NONBLOCK: if the path was swapped for a FIFO since the check, opening still returns.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise _cannot_read(path, exc) from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise _not_regular(path, opened.st_mode)
        total = opened.st_size
        parts: list[bytes] = []
        size = 0
        while True:
            if cancelled is not None and cancelled():
                raise ReadCancelled()
            try:
                part = os.read(fd, CHUNK)
            except OSError as exc:
                raise _cannot_read(path, exc) from None
            if not part:
                break
            size += len(part)
            if size > limit:  # the file grew while being read
                raise _too_big(path, limit)
            parts.append(part)
            if progress is not None:
                progress(size, max(total, size))
        return b"".join(parts)
    finally:
        os.close(fd)
