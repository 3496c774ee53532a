"""CSV data files: columns x,y (a header row is optional), read once and parsed in blocks.

Limits, documented for users: a file of at most 1 GiB (``CSV_SIZE_LIMIT``, about 40 million
rows) and lines of at most 10,000 characters (``MAX_LINE``); x,y rows are a few dozen. Numbers
are written the plain ASCII way (``-1.5e3``); ``1_0`` or full-width digits are refused.

Parsing goes block by block (about a megabyte each): a clean block goes through NumPy's
compiled reader, a block with a problem row by row to name the first bad line. Between blocks a
caller sees the progress and can cancel, and other threads (the window) get the interpreter.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

from trainers.bounded_read import CSV_SIZE_LIMIT, ReadCancelled, read_bounded
from trainers.data import Dataset
from trainers.messages import QT_TRANSLATE_NOOP, DataError

__all__ = ["MAX_LINE", "load_csv", "missing_csv", "parse_csv"]

MAX_LINE = 10_000
"""The longest line a CSV may have, in bytes."""
BLOCK = 1024 * 1024
"""Parse about this many bytes at a time."""

_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?(inf|infinity|nan)", re.ASCII)

Progress = Callable[[int, int], None]


def _parse_number(text: str) -> float | None:
    """The value of a plain ASCII number; None for anything else (Python's float() would also
    take ``1_0`` and full-width digits)."""
    text = text.strip()
    if not _NUMBER.fullmatch(text.lower()):
        return None
    return float(text)


def load_csv(
    path: str | Path,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Dataset:
    """Read points from a CSV with columns x,y; a header row is optional.

    With a header, the columns named ``x`` and ``y`` are used (any order, other columns
    ignored); without one, the first two columns. ``progress(done, total)`` is called with
    fractions of reading (first half) and parsing (second half); ``cancelled()`` true raises
    ReadCancelled.
    """
    path = Path(path)
    half = _halves(progress)
    try:
        raw = read_bounded(path, CSV_SIZE_LIMIT, half(0), cancelled)
    except FileNotFoundError:
        raise missing_csv(path) from None
    return parse_csv(raw, str(path), half(1), cancelled)


def missing_csv(path: str | Path) -> DataError:
    """The error for a data file that does not exist."""
    return DataError(
        QT_TRANSLATE_NOOP("trainers", "data file '{path}' does not exist"), path=str(path)
    )


def _halves(progress: Progress | None) -> Callable[[int], Progress | None]:
    def half(which: int) -> Progress | None:
        if progress is None:
            return None
        return lambda done, total: progress(which * 1000 + (1000 * done) // max(total, 1), 2000)

    return half


def parse_csv(
    raw: bytes,
    source: str,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Dataset:
    """The points of a CSV file's bytes; ``source`` names it in messages."""
    checksum = hashlib.sha256(raw).hexdigest()
    start = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    if b"\n" not in raw and b"\r" in raw:  # old Mac line ends
        raw = raw.replace(b"\r", b"\n")
    reader = _BlockReader(raw, source)
    columns, start, line = reader.header(start)
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    while start < len(raw):
        if cancelled is not None and cancelled():
            raise ReadCancelled()
        end = raw.find(b"\n", min(start + BLOCK, len(raw)))
        end = len(raw) if end < 0 else end + 1
        x, y = reader.block(start, end, line, columns)
        xs.append(x)
        ys.append(y)
        line += raw.count(b"\n", start, end)
        start = end
        if progress is not None:
            progress(start, len(raw))
    x = np.concatenate(xs) if xs else np.empty(0)
    y = np.concatenate(ys) if ys else np.empty(0)
    return Dataset(x, y, source, None, checksum)


class _BlockReader:
    """The checks and the two ways of parsing one block of lines."""

    def __init__(self, raw: bytes, source: str) -> None:
        self.raw = raw
        self.source = source

    def text(self, start: int, end: int, first_line: int) -> str:
        block = self.raw[start:end]
        ends = np.flatnonzero(np.frombuffer(block, dtype=np.uint8) == 10)
        bounds = np.concatenate(([-1], ends, [len(block)]))
        lengths = np.diff(bounds) - 1
        if lengths.size and lengths.max() > MAX_LINE:
            raise DataError(
                QT_TRANSLATE_NOOP(
                    "trainers",
                    "line {line} of '{path}' is longer than {limit} characters; a CSV of x,y "
                    "points has short lines",
                ),
                line=first_line + int(np.argmax(lengths > MAX_LINE)),
                path=self.source,
                limit=MAX_LINE,
            )
        try:
            return block.decode("utf-8")
        except UnicodeDecodeError:
            raise DataError(
                QT_TRANSLATE_NOOP("trainers", "'{path}' is not a text CSV file (not UTF-8)"),
                path=self.source,
            ) from None

    def header(self, start: int) -> tuple[tuple[int, int], int, int]:
        """(the x and y columns, where data starts, its line number)."""
        line = 1
        while start < len(self.raw):
            end = self.raw.find(b"\n", start)
            end = len(self.raw) if end < 0 else end + 1
            text = self.text(start, end, line).strip()
            if text and not text.startswith("#"):
                cells = _cells(text, line, self.source)
                if all(_parse_number(cell) is not None for cell in cells[:2]) and len(cells) > 1:
                    return (0, 1), start, line
                names = [cell.strip().lower() for cell in cells]
                if "x" not in names or "y" not in names:
                    if len(cells) < 2 or any(_parse_number(c) is not None for c in cells[:2]):
                        return (0, 1), start, line  # a bad data row: the parser names it
                    raise DataError(
                        QT_TRANSLATE_NOOP(
                            "trainers",
                            "line {line} of '{path}' is a header without columns named x and y "
                            "(found: {found})",
                        ),
                        line=line,
                        path=self.source,
                        found=", ".join(cell.strip() for cell in cells),
                    )
                return (names.index("x"), names.index("y")), end, line + 1
            start, line = end, line + 1
        raise DataError(
            QT_TRANSLATE_NOOP("trainers", "'{path}' has no data rows"), path=self.source
        )

    def block(
        self, start: int, end: int, first_line: int, columns: tuple[int, int]
    ) -> tuple[np.ndarray, np.ndarray]:
        text = self.text(start, end, first_line)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # e.g. a block of comments only
                table = np.loadtxt(
                    io.StringIO(text), delimiter=",", usecols=columns, ndmin=2, comments="#"
                )
            if np.all(np.isfinite(table)):
                return table[:, 0].copy(), table[:, 1].copy()
        except (ValueError, UserWarning):
            pass
        return self.careful(text, first_line, columns)

    def careful(
        self, text: str, first_line: int, columns: tuple[int, int]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Row by row, to say which line is wrong and why."""
        ix, iy = columns
        xs: list[float] = []
        ys: list[float] = []
        for line, raw_line in enumerate(text.split("\n"), start=first_line):
            if not raw_line.strip() or raw_line.lstrip().startswith("#"):
                continue
            cells = [cell.strip() for cell in _cells(raw_line, line, self.source)]
            if len(cells) <= max(ix, iy):
                raise DataError(
                    QT_TRANSLATE_NOOP(
                        "trainers", "line {line} of '{path}' should hold x and y, found: {content}"
                    ),
                    line=line,
                    path=self.source,
                    content=",".join(cells),
                )
            for label, cell, out in (("x", cells[ix], xs), ("y", cells[iy], ys)):
                value = _parse_number(cell)
                if value is None or not math.isfinite(value):
                    raise DataError(
                        QT_TRANSLATE_NOOP(
                            "trainers",
                            "line {line} of '{path}': {column} = '{cell}' is not a finite number",
                        ),
                        line=line,
                        path=self.source,
                        column=label,
                        cell=cell,
                    )
                out.append(value)
        return np.array(xs, dtype=np.float64), np.array(ys, dtype=np.float64)


def _cells(text: str, line: int, source: str) -> list[str]:
    try:
        return next(csv.reader([text.rstrip("\r\n")]), [])
    except csv.Error as exc:
        raise DataError(
            QT_TRANSLATE_NOOP("trainers", "line {line} of '{path}' cannot be read: {reason}"),
            line=line,
            path=source,
            reason=str(exc),
        ) from None
