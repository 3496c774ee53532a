"""Data sets for the line fit: the original post's synthetic points, or a CSV of x,y pairs."""

from __future__ import annotations

import csv
import hashlib
import io
import math
import warnings
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from trainers.messages import QT_TRANSLATE_NOOP, DataError
from trainers.sufficient_stats import SufficientStats

MIN_POINTS = 2


@dataclass(frozen=True, eq=False)
class Dataset:
    """Points (x, y) in float64, where they came from, and the true line if known."""

    x: np.ndarray
    y: np.ndarray
    source: str
    true_line: tuple[float, float] | None = None
    checksum: str = ""

    def __post_init__(self) -> None:
        x = np.ascontiguousarray(self.x, dtype=np.float64)
        y = np.ascontiguousarray(self.y, dtype=np.float64)
        x.flags.writeable = False
        y.flags.writeable = False
        object.__setattr__(self, "x", x)
        object.__setattr__(self, "y", y)
        validate_points(x, y)

    @property
    def n(self) -> int:
        return int(self.x.size)

    @cached_property
    def stats(self) -> SufficientStats:
        """The six moments that give the MSE and its gradient anywhere in O(1)."""
        return SufficientStats.from_points(self.x, self.y)


def validate_points(x: np.ndarray, y: np.ndarray) -> None:
    """Raise DataError unless x and y are two equal-length finite vectors that define a line fit."""
    if x.ndim != 1 or y.ndim != 1 or x.size != y.size:
        raise DataError(
            QT_TRANSLATE_NOOP("trainers", "x and y must be two columns of equal length")
        )
    if x.size < MIN_POINTS:
        raise DataError(
            QT_TRANSLATE_NOOP(
                "trainers", "the data has {n} point(s); a line fit needs at least {min} points"
            ),
            n=int(x.size),
            min=MIN_POINTS,
        )
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise DataError(
            QT_TRANSLATE_NOOP("trainers", "the data contains values that are not finite")
        )
    if np.ptp(x) == 0.0:
        raise DataError(
            QT_TRANSLATE_NOOP(
                "trainers",
                "all x values are equal ({x:g}), so no single line fits best; "
                "use data with at least two different x values",
            ),
            x=float(x[0]),
        )


def synthetic(
    n: int = 50,
    slope: float = 0.6,
    intercept: float = 0.8,
    noise: float = 0.0,
    seed: int = 0,
) -> Dataset:
    """The original post's data: x ~ U(0, 1) in float32, y = slope·x + intercept (+ Gaussian noise).

    Values are rounded to float32, as the post's ``astype(np.float32)`` did, so the float64
    reference and the float32 frameworks train on exactly the same numbers.
    """
    for name, value in (("slope", slope), ("intercept", intercept), ("noise", noise)):
        if not math.isfinite(value):
            raise DataError(
                QT_TRANSLATE_NOOP("trainers", "{name} must be a finite number, not {value}"),
                name=name,
                value=value,
            )
    if noise < 0:
        raise DataError(
            QT_TRANSLATE_NOOP("trainers", "noise is a standard deviation and cannot be negative"),
        )
    if not isinstance(n, int) or isinstance(n, bool):
        raise DataError(
            QT_TRANSLATE_NOOP("trainers", "the number of points must be a whole number")
        )
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise DataError(
            QT_TRANSLATE_NOOP("trainers", "the seed must be a whole number, 0 or more, got {seed}"),
            seed=seed,
        )
    if n < MIN_POINTS:
        raise DataError(
            QT_TRANSLATE_NOOP(
                "trainers", "the data has {n} point(s); a line fit needs at least {min} points"
            ),
            n=n,
            min=MIN_POINTS,
        )
    rng = np.random.default_rng(seed)
    x = rng.random(n).astype(np.float32)
    y = (x * np.float32(slope) + np.float32(intercept)).astype(np.float32)
    if noise > 0:
        y = (y + rng.normal(0.0, noise, n).astype(np.float32)).astype(np.float32)
    source = f"synthetic n={n} slope={slope:g} intercept={intercept:g} noise={noise:g} seed={seed}"
    return Dataset(x.astype(np.float64), y.astype(np.float64), source, (slope, intercept))


def _parse_number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def load_csv(path: str | Path) -> Dataset:
    """Read points from a CSV with columns x,y; a header row is optional.

    With a header, the columns named ``x`` and ``y`` are used (any order, other columns
    ignored); without one, the first two columns.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(
            QT_TRANSLATE_NOOP("trainers", "data file '{path}' does not exist"), path=str(path)
        ) from None
    except IsADirectoryError:
        raise DataError(
            QT_TRANSLATE_NOOP("trainers", "'{path}' is a folder, not a CSV file"), path=str(path)
        ) from None
    except OSError as exc:
        raise DataError(
            QT_TRANSLATE_NOOP("trainers", "cannot read data file '{path}': {reason}"),
            path=str(path),
            reason=exc.strerror or str(exc),
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(
            QT_TRANSLATE_NOOP("trainers", "'{path}' is not a text CSV file (not UTF-8)"),
            path=str(path),
        ) from None

    checksum = hashlib.sha256(raw).hexdigest()
    fast = _read_clean_csv(text)
    if fast is not None:
        return Dataset(fast[0], fast[1], str(path), None, checksum)
    # Something is off: read row by row to say which line and why.
    rows = [
        (number, row)
        for number, row in enumerate(csv.reader(text.splitlines()), start=1)
        if row and any(cell.strip() for cell in row) and not row[0].lstrip().startswith("#")
    ]
    if not rows:
        raise DataError(QT_TRANSLATE_NOOP("trainers", "'{path}' has no data rows"), path=str(path))

    ix, iy = 0, 1
    first_line, first = rows[0]
    if any(_parse_number(cell) is None for cell in first[:2]):
        names = [cell.strip().lower() for cell in first]
        if "x" not in names or "y" not in names:
            raise DataError(
                QT_TRANSLATE_NOOP(
                    "trainers",
                    "line {line} of '{path}' is a header without columns named x and y "
                    "(found: {found})",
                ),
                line=first_line,
                path=str(path),
                found=", ".join(cell.strip() for cell in first),
            )
        ix, iy = names.index("x"), names.index("y")
        rows = rows[1:]

    xs: list[float] = []
    ys: list[float] = []
    for line, row in rows:
        cells = [cell.strip() for cell in row]
        if len(cells) <= max(ix, iy):
            raise DataError(
                QT_TRANSLATE_NOOP(
                    "trainers", "line {line} of '{path}' should hold x and y, found: {content}"
                ),
                line=line,
                path=str(path),
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
                    path=str(path),
                    column=label,
                    cell=cell,
                )
            out.append(value)
    return Dataset(np.array(xs), np.array(ys), str(path), None, checksum)


def _read_clean_csv(text: str) -> tuple[np.ndarray, np.ndarray] | None:
    """x and y of a well-formed CSV through NumPy's compiled reader (a million rows in ~0.3 s,
    ten times the row-by-row reader), or None to let the careful reader find the problem."""
    lines = iter(text.splitlines())
    skip = 0
    for line in lines:
        skip += 1
        if line.strip() and not line.lstrip().startswith("#"):
            break
    else:
        return None
    cells = [cell.strip() for cell in line.split(",")]
    columns = (0, 1)
    if any(_parse_number(cell) is None for cell in cells[:2]):
        names = [cell.lower() for cell in cells]
        if "x" not in names or "y" not in names:
            return None
        columns = (names.index("x"), names.index("y"))
    else:
        skip -= 1  # the first row is data
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. an empty file after the header
            table = np.loadtxt(
                io.StringIO(text),
                delimiter=",",
                skiprows=skip,
                usecols=columns,
                ndmin=2,
                comments="#",
            )
    except (ValueError, UserWarning):
        return None
    if table.shape[0] < MIN_POINTS or not np.all(np.isfinite(table)):
        return None
    return table[:, 0].copy(), table[:, 1].copy()
