"""Experiment files: File → Save / Open writes and reads one comparison as a small JSON file.

The file is the user's, so its layout is documented here. Every number is written in
Python's shortest round-trip spelling, so floats read back bit for bit; NaN and Infinity are
never written and never accepted. Unknown keys are ignored (a newer Descent Lab of the same
format version may add some); missing optional keys take the defaults shown.

``format_version``  1 (required). A file of a higher version is refused with a clear message.
``app``, ``saved_at``  ``"Descent Lab"`` and the save time in ISO-8601 UTC (informational).
``data``  (required) where the points come from:
    ``kind``  ``"synthetic"`` or ``"csv"`` (required);
    ``n``, ``slope``, ``intercept``, ``noise``, ``seed``  the synthetic generator's settings
    (defaults 50, 0.6, 0.8, 0.0, 0); the points are generated again on load. They are kept for
    CSV data too, as the data panel keeps them;
    ``path``, ``sha256``  CSV only: the file (absolute when saved; a relative path is read
    relative to the experiment file) and the SHA-256 of its bytes, or null. A CSV whose bytes
    no longer match is refused; a missing CSV is looked for next to the experiment file;
    ``x``, ``y``  CSV only, when it has at most 10,000 points: a copy of the points, used
    when the CSV file is missing, so that a small experiment travels on its own.
``backends``  (required) one object per backend name (``numpy``, ``tf``, ``tf1``, ``keras``,
    ``keras-fit``); a backend left out is disabled with default settings. Fields:
    ``enabled`` (false), ``color`` (``"#RRGGBB"``, the backend's own colour), one key per run
    setting of :mod:`trainers.settings` (default in brackets; ``init`` kinds are ``"default"``,
    ``"zeros"`` and ``"values"``, a null ``lr`` is the framework's default): {settings},
    ``lr_changes`` (``[[step, lr], ...]``: the learning rate was set to lr from update step on
    while the run went; empty by default).
``speed``  updates per second, from 10 to 100,000 (the speed slider's range), or null for as
    fast as each backend goes (null).
``every``  print a row every this many updates (50).
``results``  per backend name, the run as it stood when saved ({}):
    ``state``  one of ``ready``, ``running``, ``paused``, ``finished``, ``diverged``,
    ``stopped``, ``error``;  ``updates``  how many updates it had made;
    ``rows``  the printed rows, five equally long lists: ``step`` (whole numbers, increasing),
    ``w``, ``b``, ``loss``, ``lr``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PureWindowsPath
from typing import Any

import numpy as np

from trainers.bounded_read import CSV_SIZE_LIMIT, EXPERIMENT_SIZE_LIMIT, read_bounded
from trainers.data import Dataset
from trainers.experiment import DataSpec, Experiment
from trainers.formats.atomic_write import write_atomically
from trainers.formats.csv_data import parse_csv
from trainers.formats.document import (
    FORMAT_VERSION,
    INLINE_POINTS,
    RUN_STATES,
    SavedRun,
    build_document,
    parse_document,
)
from trainers.formats.fields import ExperimentFileError, NonFinite
from trainers.messages import QT_TRANSLATE_NOOP
from trainers.schedule import LrChange, LrSchedule
from trainers.settings import SETTINGS

__all__ = [
    "FORMAT_VERSION",
    "INLINE_POINTS",
    "RUN_STATES",
    "ExperimentFileError",
    "LoadedExperiment",
    "SavedRun",
    "experiment_from_text",
    "experiment_text",
    "load_experiment",
    "save_experiment",
]

# The file's backend keys are the declared settings; the documentation lists them from there.
__doc__ = (__doc__ or "").replace(
    "{settings}",
    ", ".join(f"``{s.key}`` ({json.dumps(s.write_json(s.default))})" for s in SETTINGS),
)

_NOT_JSON = QT_TRANSLATE_NOOP(
    "trainers", "'{path}' is not valid JSON (line {line}, column {column}): {reason}"
)
_UNREADABLE_JSON = QT_TRANSLATE_NOOP("trainers", "'{path}' cannot be read as JSON: {reason}")
_NOT_UTF8 = QT_TRANSLATE_NOOP("trainers", "'{path}' is not a text file (not UTF-8)")
_FILE_MISSING = QT_TRANSLATE_NOOP("trainers", "experiment file '{path}' does not exist")
_CANNOT_SAVE = QT_TRANSLATE_NOOP("trainers", "cannot save '{path}': {reason}")
_CSV_MISSING = QT_TRANSLATE_NOOP(
    "trainers",
    "data.path: the data file '{path}' does not exist, and the experiment holds no copy "
    "of its points",
)
_CSV_CHANGED = QT_TRANSLATE_NOOP(
    "trainers",
    "data.sha256: the data file '{path}' has changed since the experiment was saved "
    "(SHA-256 {actual}, saved {expected})",
)


@dataclass(frozen=True)
class LoadedExperiment:
    """An opened experiment file: the settings, the saved runs, and the data to train on."""

    experiment: Experiment
    runs: dict[str, SavedRun]
    path: Path
    data: Dataset | None = field(default=None, repr=False, compare=False)
    """The points when they were read while opening (CSV data); None for synthetic data."""

    def dataset(self) -> Dataset:
        """The points to train on: the CSV or its inline copy as read, else regenerated."""
        return self.data if self.data is not None else self.experiment.data.load()

    def schedules(self) -> dict[str, LrSchedule]:
        """Each saved run's live learning-rate changes, as a schedule that replays them."""
        return {
            name: LrSchedule(LrChange(step, lr) for step, lr in run.lr_changes)
            for name, run in self.runs.items()
        }


# -- saving -----------------------------------------------------------------------------------
def save_experiment(
    path: str | Path,
    experiment: Experiment,
    data: Dataset,
    runs: Mapping[str, SavedRun],
) -> None:
    """Write the experiment, its data source and its runs to ``path`` atomically."""
    path = Path(path)
    document = build_document(experiment, data, runs)
    parse_document(document)  # what is written must read back: the same checks as on load
    try:
        text = _encode(document) + "\n"
    except ValueError as exc:  # a non-finite number the checks above did not reach
        raise ExperimentFileError(_CANNOT_SAVE, path=str(path), reason=str(exc)) from None
    write_atomically(path, text.encode("utf-8"))


def experiment_text(experiment: Experiment, data: Dataset) -> str:
    """The experiment's settings (no results) as the JSON text of an experiment file."""
    document = build_document(experiment, data, {})
    parse_document(document)
    return _encode(document)


def experiment_from_text(text: str, origin: str | Path, read_data: bool = True) -> LoadedExperiment:
    """Read what :func:`experiment_text` wrote; ``origin`` names it in messages and is where a
    relative CSV path starts from. ``read_data`` False: leave a CSV unread (its loader reads it
    later, off the GUI thread)."""
    origin = Path(origin)
    return _loaded(_parse_json(text, origin.name), origin, read_data)


def _encode(value: Any, depth: int = 0) -> str:
    """JSON with one key per line, but lists and short flat objects on one line each."""
    if isinstance(value, dict) and value:
        if not any(isinstance(v, (dict, list)) for v in value.values()):
            inline = _dumps(value)
            if len(inline) <= 60:
                return inline
        pad = "  " * (depth + 1)
        items = [f"{pad}{_dumps(k)}: {_encode(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
    return _dumps(value)


def _dumps(value: Any) -> str:
    return json.dumps(value, allow_nan=False, ensure_ascii=False, separators=(", ", ": "))


# -- loading ----------------------------------------------------------------------------------
def load_experiment(
    path: str | Path, cancelled: Callable[[], bool] | None = None
) -> LoadedExperiment:
    """Read an experiment file (at most EXPERIMENT_SIZE_LIMIT bytes, a regular file); raises
    ExperimentFileError naming the first bad field.

    A CSV data file is read here, once (its checksum must match); if it cannot be parsed, the
    loader's DataError comes through. ``cancelled()`` true raises ReadCancelled.
    """
    path = Path(path)
    return _loaded(_read_json(path, cancelled), path, cancelled=cancelled)


def _loaded(
    document: Any,
    path: Path,
    read_data: bool = True,
    cancelled: Callable[[], bool] | None = None,
) -> LoadedExperiment:
    experiment, runs, points, sha256 = parse_document(document, path.name)
    data = None
    if experiment.data.kind == "csv" and read_data:
        spec, data = _resolve_csv(experiment.data, path, points, sha256, cancelled)
        experiment = replace(experiment, data=spec)
    return LoadedExperiment(experiment, runs, path, data)


def _read_json(path: Path, cancelled: Callable[[], bool] | None = None) -> Any:
    try:
        raw = read_bounded(path, EXPERIMENT_SIZE_LIMIT, cancelled=cancelled)
    except FileNotFoundError:
        raise ExperimentFileError(_FILE_MISSING, path=str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ExperimentFileError(_NOT_UTF8, path=path.name) from None
    return _parse_json(text, path.name)


def _parse_json(text: str, name: str) -> Any:
    """The JSON document in ``text``; ExperimentFileError naming ``name`` and the place."""
    try:
        return json.loads(text, parse_constant=NonFinite)
    except json.JSONDecodeError as exc:
        raise ExperimentFileError(
            _NOT_JSON, path=name, line=exc.lineno, column=exc.colno, reason=exc.msg
        ) from None
    except (ValueError, RecursionError) as exc:  # e.g. an integer with thousands of digits
        raise ExperimentFileError(_UNREADABLE_JSON, path=name, reason=str(exc)) from None


def _resolve_csv(
    spec: DataSpec,
    path: Path,
    points: tuple[np.ndarray, np.ndarray] | None,
    sha256: str | None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[DataSpec, Dataset]:
    """The CSV named in the file (or beside it, or its inline copy), checked against sha256."""
    folder = path.parent
    named = Path(spec.path)
    if not named.is_absolute():
        named = folder / named
    beside = folder / PureWindowsPath(spec.path).name  # moved along with the experiment file
    for candidate in dict.fromkeys([named, beside]):
        try:
            raw = read_bounded(candidate, CSV_SIZE_LIMIT, cancelled=cancelled)
        except FileNotFoundError:
            continue
        actual = hashlib.sha256(raw).hexdigest()
        if sha256 is not None and actual != sha256:
            raise ExperimentFileError(
                _CSV_CHANGED, path=str(candidate), actual=actual, expected=sha256
            )
        data = parse_csv(raw, str(candidate), cancelled=cancelled)  # the bytes just checked
        return DataSpec("csv", *_synthetic_settings(spec), path=str(candidate)), data
    if points is None:
        raise ExperimentFileError(_CSV_MISSING, path=str(named))
    data = Dataset(points[0], points[1], str(named), None, sha256 or "")
    return DataSpec("csv", *_synthetic_settings(spec), path=str(named)), data


def _synthetic_settings(spec: DataSpec) -> tuple[int, float, float, float, int]:
    return spec.n, spec.slope, spec.intercept, spec.noise, spec.seed
