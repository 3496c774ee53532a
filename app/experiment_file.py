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
    ``enabled`` (false), ``color`` (``"#RRGGBB"``, the backend's own colour),
    ``init`` (``{"kind": "default" | "zeros" | "values", "w": 0.0, "b": 0.0}``),
    ``lr`` (null: the framework's default), ``steps`` (1001), ``epochs`` (20),
    ``batch_size`` (1), ``shuffle`` (true), ``init_seed`` (0), ``engine`` (``"compiled"``),
    ``lr_changes`` (``[[step, lr], ...]``: the learning rate was set to lr from update step on
    while the run went; empty by default).
``speed``  updates per second, or null for as fast as each backend goes (null).
``every``  print a row every this many updates (50).
``results``  per backend name, the run as it stood when saved ({}):
    ``state``  one of ``ready``, ``running``, ``paused``, ``finished``, ``diverged``,
    ``stopped``, ``error``;  ``updates``  how many updates it had made;
    ``rows``  the printed rows, five equally long lists: ``step`` (whole numbers, increasing),
    ``w``, ``b``, ``loss``, ``lr``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path, PureWindowsPath
from typing import Any, NoReturn

import numpy as np

from trainers.base import Chunk
from trainers.config import BACKENDS, ENGINES, MAX_STEPS, Init
from trainers.data import MIN_POINTS, Dataset, load_csv
from trainers.experiment import DEFAULT_COLORS, BackendSpec, DataSpec, Experiment
from trainers.messages import QT_TRANSLATE_NOOP, DataError, DescentLabError
from trainers.registry import trainer_class
from trainers.schedule import LrChange, LrSchedule

FORMAT_VERSION = 1
APP_NAME = "Descent Lab"
INLINE_POINTS = 10_000
"""CSV data with at most this many points is also stored in the file itself."""
RUN_STATES: tuple[str, ...] = (
    "ready",
    "running",
    "paused",
    "finished",
    "diverged",
    "stopped",
    "error",
)
ROW_FIELDS: tuple[str, ...] = ("step", "w", "b", "loss", "lr")
MAX_SEED = 2**31 - 1
MAX_POINTS = 10_000_000
MAX_UPDATES = MAX_STEPS * MAX_POINTS
"""keras-fit makes epochs × batches updates, so a run can count far more than MAX_STEPS."""
INIT_KINDS: tuple[str, ...] = ("default", "zeros", "values")
DATA_KINDS: tuple[str, ...] = ("synthetic", "csv")

_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


class ExperimentFileError(DescentLabError):
    """An experiment file that cannot be written or read; the message names the bad field."""


# -- messages ---------------------------------------------------------------------------------
_NUMBER = QT_TRANSLATE_NOOP("trainers", "{field}: expected a number, got {got}")
_NUMBER_FROM_0 = QT_TRANSLATE_NOOP("trainers", "{field}: expected a number, 0 or more, got {got}")
_NUMBER_ABOVE_0 = QT_TRANSLATE_NOOP("trainers", "{field}: expected a number above 0, got {got}")
_NUMBER_ABOVE_0_OR_NULL = QT_TRANSLATE_NOOP(
    "trainers", "{field}: expected a number above 0 or null, got {got}"
)
_WHOLE = QT_TRANSLATE_NOOP(
    "trainers", "{field}: expected a whole number from {low} to {high}, got {got}"
)
_BOOL = QT_TRANSLATE_NOOP("trainers", "{field}: expected true or false, got {got}")
_CHOICE = QT_TRANSLATE_NOOP("trainers", "{field}: expected one of {choices}, got {got}")
_COLOR_TEXT = QT_TRANSLATE_NOOP("trainers", '{field}: expected a colour "#RRGGBB", got {got}')
_OBJECT = QT_TRANSLATE_NOOP("trainers", "{field}: expected an object {{...}}, got {got}")
_LIST = QT_TRANSLATE_NOOP("trainers", "{field}: expected a list [...], got {got}")
_PAIR = QT_TRANSLATE_NOOP("trainers", "{field}: expected a pair [step, lr], got {got}")
_PATH_TEXT = QT_TRANSLATE_NOOP("trainers", "{field}: expected the path of a CSV file, got {got}")
_SHA_TEXT = QT_TRANSLATE_NOOP(
    "trainers", "{field}: expected a SHA-256 checksum (64 hex digits) or null, got {got}"
)
_MISSING_FIELD = QT_TRANSLATE_NOOP("trainers", "{field}: missing; this field is required")
_UNKNOWN_BACKEND = QT_TRANSLATE_NOOP(
    "trainers", "{field}: unknown backend '{name}' (choose from: {choices})"
)
_LENGTH = QT_TRANSLATE_NOOP(
    "trainers", "{field}: expected as many values as {other} ({count}), got {actual}"
)
_TOO_FEW_POINTS = QT_TRANSLATE_NOOP(
    "trainers", "{field}: expected at least {low} points, got {actual}"
)
_BAD_POINTS = QT_TRANSLATE_NOOP("trainers", "{field}: these points cannot be used: {reason}")
_ORDER = QT_TRANSLATE_NOOP(
    "trainers", "{field}: expected steps in increasing order, got {got} after {previous}"
)
_UPDATES = QT_TRANSLATE_NOOP(
    "trainers", "{field}: expected at least {low} (the rows go up to update {last}), got {got}"
)
_NEWER = QT_TRANSLATE_NOOP(
    "trainers",
    "format_version: this file was written by a newer Descent Lab (format {version}); "
    "this version reads format {supported}",
)
_NO_VERSION = QT_TRANSLATE_NOOP(
    "trainers", "format_version: missing; '{path}' is not a Descent Lab experiment file"
)
_NOT_JSON = QT_TRANSLATE_NOOP(
    "trainers", "'{path}' is not valid JSON (line {line}, column {column}): {reason}"
)
_UNREADABLE_JSON = QT_TRANSLATE_NOOP("trainers", "'{path}' cannot be read as JSON: {reason}")
_NOT_UTF8 = QT_TRANSLATE_NOOP("trainers", "'{path}' is not a text file (not UTF-8)")
_TOP_NOT_OBJECT = QT_TRANSLATE_NOOP(
    "trainers",
    "'{path}' is not a Descent Lab experiment: expected a JSON object {{...}}, got {got}",
)
_FILE_MISSING = QT_TRANSLATE_NOOP("trainers", "experiment file '{path}' does not exist")
_CANNOT_READ = QT_TRANSLATE_NOOP("trainers", "cannot read '{path}': {reason}")
_CANNOT_SAVE = QT_TRANSLATE_NOOP("trainers", "cannot save '{path}': {reason}")
_CSV_MISSING = QT_TRANSLATE_NOOP(
    "trainers",
    "data.path: the data file '{path}' does not exist, and the experiment holds no copy "
    "of its points",
)
_CSV_UNREADABLE = QT_TRANSLATE_NOOP("trainers", "data.path: cannot read '{path}': {reason}")
_CSV_CHANGED = QT_TRANSLATE_NOOP(
    "trainers",
    "data.sha256: the data file '{path}' has changed since the experiment was saved "
    "(SHA-256 {actual}, saved {expected})",
)
_NO_DATA = QT_TRANSLATE_NOOP(
    "trainers", "data: an experiment on CSV data needs the points of '{path}' to save it"
)


# -- what a file holds ------------------------------------------------------------------------
@dataclass(frozen=True)
class SavedRun:
    """One backend's run as saved: its state, update count, printed rows and live lr changes."""

    state: str
    updates: int
    rows: Chunk
    lr_changes: tuple[tuple[int, float], ...] = ()

    def __post_init__(self) -> None:
        changes = tuple(
            (c.step, c.lr) if isinstance(c, LrChange) else tuple(c) for c in self.lr_changes
        )
        object.__setattr__(self, "lr_changes", changes)


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
    document = _document(experiment, data, runs)
    _parse_document(document)  # what is written must read back: the same checks as on load
    try:
        text = _encode(document) + "\n"
    except ValueError as exc:  # a non-finite number the checks above did not reach
        raise ExperimentFileError(_CANNOT_SAVE, path=str(path), reason=str(exc)) from None
    _write_atomically(path, text.encode("utf-8"))


def experiment_text(experiment: Experiment, data: Dataset) -> str:
    """The experiment's settings (no results) as the JSON text of an experiment file."""
    document = _document(experiment, data, {})
    _parse_document(document)
    return _encode(document)


def experiment_from_text(text: str, origin: str | Path) -> LoadedExperiment:
    """Read what :func:`experiment_text` wrote; ``origin`` names it in messages and is where a
    relative CSV path starts from."""
    origin = Path(origin)
    try:
        document = json.loads(text, parse_constant=_NonFinite)
    except json.JSONDecodeError as exc:
        raise ExperimentFileError(
            _NOT_JSON, path=origin.name, line=exc.lineno, column=exc.colno, reason=exc.msg
        ) from None
    except (ValueError, RecursionError) as exc:
        raise ExperimentFileError(_UNREADABLE_JSON, path=origin.name, reason=str(exc)) from None
    return _loaded(document, origin)


def _document(
    experiment: Experiment, data: Dataset, runs: Mapping[str, SavedRun]
) -> dict[str, Any]:
    for name in list(experiment.backends) + list(runs):
        if name not in BACKENDS:
            where = "backends" if name in experiment.backends else "results"
            raise ExperimentFileError(
                _UNKNOWN_BACKEND, field=f"{where}.{name}", name=name, choices=", ".join(BACKENDS)
            )
    specs = dict(experiment.backends)
    for name in runs:
        specs.setdefault(name, BackendSpec(name))
    backends = {}
    for name, spec in specs.items():
        entry = _backend_document(spec)
        run = runs.get(name)
        entry["lr_changes"] = [[_plain(s), _plain(lr)] for s, lr in run.lr_changes] if run else []
        backends[name] = entry
    return {
        "format_version": FORMAT_VERSION,
        "app": APP_NAME,
        "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "data": _data_document(experiment.data, data),
        "backends": backends,
        "speed": _plain(experiment.speed),
        "every": _plain(experiment.every),
        "results": {name: _run_document(run) for name, run in runs.items()},
    }


def _plain(value: Any) -> Any:
    """A NumPy scalar as the Python number it holds; anything else unchanged."""
    return value.item() if isinstance(value, np.generic) else value


def _data_document(spec: DataSpec, data: Dataset) -> dict[str, Any]:
    document: dict[str, Any] = {"kind": spec.kind}
    if spec.kind == "csv":
        if data is None:
            raise ExperimentFileError(_NO_DATA, path=spec.path)
        document["path"] = os.path.abspath(spec.path) if spec.path else spec.path
        document["sha256"] = data.checksum or None
    for name in ("n", "slope", "intercept", "noise", "seed"):
        document[name] = _plain(getattr(spec, name))
    if spec.kind == "csv" and data.n <= INLINE_POINTS:
        document["x"] = data.x.tolist()
        document["y"] = data.y.tolist()
    return document


def _backend_document(spec: BackendSpec) -> dict[str, Any]:
    init = spec.init
    return {
        "enabled": spec.enabled,
        "color": spec.color,
        "init": {"kind": init.kind, "w": _plain(init.w), "b": _plain(init.b)},
        "lr": _plain(spec.lr),
        "steps": _plain(spec.steps),
        "epochs": _plain(spec.epochs),
        "batch_size": _plain(spec.batch_size),
        "shuffle": _plain(spec.shuffle),
        "init_seed": _plain(spec.init_seed),
        "engine": spec.engine,
    }


def _run_document(run: SavedRun) -> dict[str, Any]:
    rows = {name: np.asarray(getattr(run.rows, name)).tolist() for name in ROW_FIELDS}
    return {"state": run.state, "updates": _plain(run.updates), "rows": rows}


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


def _write_atomically(path: Path, payload: bytes) -> None:
    """Replace ``path`` by ``payload`` all at once: readers see the old file or the new one."""
    target = Path(os.path.realpath(path))  # through a symlink, replace what it points to
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:
        raise ExperimentFileError(
            _CANNOT_SAVE, path=str(path), reason=exc.strerror or str(exc)
        ) from None
    try:
        with open(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(OSError):  # keep the permissions of the file being replaced
            os.chmod(temp, stat.S_IMODE(os.stat(target).st_mode))
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise ExperimentFileError(
                _CANNOT_SAVE, path=str(path), reason=exc.strerror or str(exc)
            ) from None
        raise
    _sync_folder(target.parent)


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


# -- loading ----------------------------------------------------------------------------------
def load_experiment(path: str | Path) -> LoadedExperiment:
    """Read an experiment file; raises ExperimentFileError naming the first bad field.

    A CSV data file is read here (its checksum must match); if it cannot be parsed, the
    loader's DataError comes through.
    """
    path = Path(path)
    return _loaded(_read_json(path), path)


def _loaded(document: Any, path: Path) -> LoadedExperiment:
    experiment, runs, points, sha256 = _parse_document(document, path.name)
    data = None
    if experiment.data.kind == "csv":
        spec, data = _resolve_csv(experiment.data, path, points, sha256)
        experiment = replace(experiment, data=spec)
    return LoadedExperiment(experiment, runs, path, data)


class _NonFinite:
    """What ``NaN``, ``Infinity`` or ``-Infinity`` in a file reads as: never a valid number."""

    def __init__(self, text: str) -> None:
        self.text = text


def _read_json(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ExperimentFileError(_FILE_MISSING, path=str(path)) from None
    except OSError as exc:
        raise ExperimentFileError(
            _CANNOT_READ, path=str(path), reason=exc.strerror or str(exc)
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ExperimentFileError(_NOT_UTF8, path=path.name) from None
    try:
        return json.loads(text, parse_constant=_NonFinite)
    except json.JSONDecodeError as exc:
        raise ExperimentFileError(
            _NOT_JSON, path=path.name, line=exc.lineno, column=exc.colno, reason=exc.msg
        ) from None
    except (ValueError, RecursionError) as exc:  # e.g. an integer with thousands of digits
        raise ExperimentFileError(_UNREADABLE_JSON, path=path.name, reason=str(exc)) from None


def _resolve_csv(
    spec: DataSpec, path: Path, points: tuple[np.ndarray, np.ndarray] | None, sha256: str | None
) -> tuple[DataSpec, Dataset]:
    """The CSV named in the file (or beside it, or its inline copy), checked against sha256."""
    folder = path.parent
    named = Path(spec.path)
    if not named.is_absolute():
        named = folder / named
    beside = folder / PureWindowsPath(spec.path).name  # moved along with the experiment file
    for candidate in dict.fromkeys([named, beside]):
        try:
            raw = candidate.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:
            raise ExperimentFileError(
                _CSV_UNREADABLE, path=str(candidate), reason=exc.strerror or str(exc)
            ) from None
        actual = hashlib.sha256(raw).hexdigest()
        if sha256 is not None and actual != sha256:
            raise ExperimentFileError(
                _CSV_CHANGED, path=str(candidate), actual=actual, expected=sha256
            )
        return DataSpec("csv", *_synthetic_settings(spec), path=str(candidate)), load_csv(candidate)
    if points is None:
        raise ExperimentFileError(_CSV_MISSING, path=str(named))
    data = Dataset(points[0], points[1], str(named), None, sha256 or "")
    return DataSpec("csv", *_synthetic_settings(spec), path=str(named)), data


def _synthetic_settings(spec: DataSpec) -> tuple[int, float, float, float, int]:
    return spec.n, spec.slope, spec.intercept, spec.noise, spec.seed


# -- checking a document, field by field ------------------------------------------------------
_ABSENT = object()


def _got(value: Any) -> str:
    """A value as the file spells it, short enough for a message."""
    if isinstance(value, _NonFinite):
        return value.text
    if value is _ABSENT:
        return "nothing"
    if isinstance(value, dict):
        return "{...}"
    if isinstance(value, list):
        return "[...]"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= 60 else text[:56] + '..."'
    if isinstance(value, (bool, int, float)) or value is None:
        return json.dumps(value)
    return repr(value)


def _fail(template: str, where: str, value: Any, **params: Any) -> NoReturn:
    raise ExperimentFileError(template, field=where, got=_got(value), **params)


def _key(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _required(obj: dict[str, Any], key: str, where: str) -> Any:
    value = obj.get(key, _ABSENT)
    if value is _ABSENT:
        raise ExperimentFileError(_MISSING_FIELD, field=_key(where, key))
    return value


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        _fail(_OBJECT, where, value)
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        _fail(_LIST, where, value)
    return value


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        _fail(_BOOL, where, value)
    return value


def _whole(value: Any, where: str, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        _fail(_WHOLE, where, value, low=low, high=high)
    return value


_NUMBER_RULES: dict[str, tuple[str, Callable[[float], bool]]] = {
    "any": (_NUMBER, lambda v: True),
    "from 0": (_NUMBER_FROM_0, lambda v: v >= 0),
    "above 0": (_NUMBER_ABOVE_0, lambda v: v > 0),
}


def _number(value: Any, where: str, rule: str = "any") -> float:
    template, accept = _NUMBER_RULES[rule]
    if type(value) is int:
        try:
            number = float(value)
        except OverflowError:
            _fail(template, where, value)
    elif type(value) is float:
        number = value
    else:
        _fail(template, where, value)
    if not (math.isfinite(number) and accept(number)):
        _fail(template, where, value)
    return number


def _positive_or_null(value: Any, where: str) -> float | None:
    if value is None:
        return None
    number = float(value) if type(value) in (int, float) and abs(value) <= 1e308 else math.nan
    if not (math.isfinite(number) and number > 0):
        _fail(_NUMBER_ABOVE_0_OR_NULL, where, value)
    return number


def _choice(value: Any, where: str, choices: Iterable[str]) -> str:
    choices = tuple(choices)
    if not (isinstance(value, str) and value in choices):
        _fail(_CHOICE, where, value, choices=", ".join(json.dumps(c) for c in choices))
    return value


def _numbers(value: Any, where: str, rule: str = "any") -> np.ndarray:
    """A list of finite numbers as float64; checked in one pass, then element by element."""
    values = _list(value, where)
    if all(type(v) is float or type(v) is int for v in values):
        try:
            array = np.array(values, dtype=np.float64)
        except OverflowError:
            pass
        else:
            if np.all(np.isfinite(array)) and _accepts(array, rule):
                return array
    for i, item in enumerate(values):
        _number(item, f"{where}[{i}]", rule)
    raise AssertionError("unreachable: some element must have failed")  # pragma: no cover


def _accepts(array: np.ndarray, rule: str) -> bool:
    if rule == "from 0":
        return bool(np.all(array >= 0))
    if rule == "above 0":
        return bool(np.all(array > 0))
    return True


def _steps(value: Any, where: str) -> np.ndarray:
    """A list of whole, increasing update indices as int64."""
    values = _list(value, where)
    previous = -1
    if all(type(v) is int for v in values):
        try:
            array = np.array(values, dtype=np.int64)
        except OverflowError:
            pass
        else:
            if array.size == 0 or (
                array[0] >= 0 and array[-1] <= MAX_UPDATES and np.all(np.diff(array) > 0)
            ):
                return array
    for i, item in enumerate(values):
        step = _whole(item, f"{where}[{i}]", 0, MAX_UPDATES)
        if step <= previous:
            raise ExperimentFileError(_ORDER, field=f"{where}[{i}]", got=step, previous=previous)
        previous = step
    raise AssertionError("unreachable: some element must have failed")  # pragma: no cover


def _parse_document(
    document: Any, file_name: str = ""
) -> tuple[Experiment, dict[str, SavedRun], tuple[np.ndarray, np.ndarray] | None, str | None]:
    """Check every field; return the experiment, its runs, inline CSV points and CSV checksum."""
    if not isinstance(document, dict):
        raise ExperimentFileError(_TOP_NOT_OBJECT, path=file_name, got=_got(document))
    version = document.get("format_version", _ABSENT)
    if version is _ABSENT:
        raise ExperimentFileError(_NO_VERSION, path=file_name)
    if type(version) is int and version > FORMAT_VERSION:
        raise ExperimentFileError(_NEWER, version=version, supported=FORMAT_VERSION)
    _whole(version, "format_version", 1, FORMAT_VERSION)

    data, points, sha256 = _parse_data(_object(_required(document, "data", ""), "data"))
    backend_entries = _object(_required(document, "backends", ""), "backends")
    results = _object(document.get("results", {}), "results")
    for where, names in (("backends", backend_entries), ("results", results)):
        for name in names:
            if name not in BACKENDS:
                raise ExperimentFileError(
                    _UNKNOWN_BACKEND,
                    field=f"{where}.{name}",
                    name=name,
                    choices=", ".join(BACKENDS),
                )
    backends: dict[str, BackendSpec] = {}
    changes: dict[str, tuple[tuple[int, float], ...]] = {}
    for name in BACKENDS:
        entry = backend_entries.get(name, _ABSENT)
        if entry is _ABSENT:
            backends[name], changes[name] = BackendSpec(name), ()
        else:
            where = f"backends.{name}"
            backends[name], changes[name] = _parse_backend(name, _object(entry, where), where)
    speed = _positive_or_null(document.get("speed"), "speed")
    every = _whole(document.get("every", Experiment.every), "every", 1, MAX_STEPS)

    runs: dict[str, SavedRun] = {}
    for name in BACKENDS:
        if name in results:
            where = f"results.{name}"
            runs[name] = _parse_run(_object(results[name], where), where, changes[name])
        elif changes[name]:  # planned changes without a run yet: a run that has not started
            runs[name] = SavedRun("ready", 0, Chunk.empty(), changes[name])
    return Experiment(data, backends, speed, every), runs, points, sha256


def _parse_data(
    entry: dict[str, Any],
) -> tuple[DataSpec, tuple[np.ndarray, np.ndarray] | None, str | None]:
    default = DataSpec()
    kind = _choice(_required(entry, "kind", "data"), "data.kind", DATA_KINDS)
    n = _whole(entry.get("n", default.n), "data.n", MIN_POINTS, MAX_POINTS)
    slope = _number(entry.get("slope", default.slope), "data.slope")
    intercept = _number(entry.get("intercept", default.intercept), "data.intercept")
    noise = _number(entry.get("noise", default.noise), "data.noise", "from 0")
    seed = _whole(entry.get("seed", default.seed), "data.seed", 0, MAX_SEED)
    if kind == "synthetic":
        return DataSpec(kind, n, slope, intercept, noise, seed), None, None

    path = _required(entry, "path", "data")
    if not (isinstance(path, str) and path.strip()):
        _fail(_PATH_TEXT, "data.path", path)
    sha256 = entry.get("sha256")
    if sha256 is not None and not (isinstance(sha256, str) and _SHA256.fullmatch(sha256)):
        _fail(_SHA_TEXT, "data.sha256", sha256)
    points = None
    if "x" in entry or "y" in entry:
        x = _numbers(_required(entry, "x", "data"), "data.x")
        y = _numbers(_required(entry, "y", "data"), "data.y")
        if y.size != x.size:
            raise ExperimentFileError(
                _LENGTH, field="data.y", other="data.x", count=x.size, actual=y.size
            )
        if x.size < MIN_POINTS:
            raise ExperimentFileError(
                _TOO_FEW_POINTS, field="data.x", low=MIN_POINTS, actual=x.size
            )
        try:
            Dataset(x, y, path)
        except DataError as exc:
            raise ExperimentFileError(_BAD_POINTS, field="data.x", reason=str(exc)) from None
        points = (x, y)
    return DataSpec(kind, n, slope, intercept, noise, seed, path), points, sha256


def _engines(name: str) -> tuple[str, ...]:
    """Engine names a backend accepts: the generic two, then its own."""
    own = trainer_class(name).engines
    return (*ENGINES, *(e for e in own if e not in ENGINES))


def _parse_backend(
    name: str, entry: dict[str, Any], where: str
) -> tuple[BackendSpec, tuple[tuple[int, float], ...]]:
    default = BackendSpec(name)
    init_entry = _object(entry.get("init", {"kind": default.init.kind}), f"{where}.init")
    init = Init(
        _choice(_required(init_entry, "kind", f"{where}.init"), f"{where}.init.kind", INIT_KINDS),
        _number(init_entry.get("w", 0.0), f"{where}.init.w"),
        _number(init_entry.get("b", 0.0), f"{where}.init.b"),
    )
    color = entry.get("color", DEFAULT_COLORS[name])
    if not (isinstance(color, str) and _COLOR.fullmatch(color)):
        _fail(_COLOR_TEXT, f"{where}.color", color)
    spec = BackendSpec(
        name,
        enabled=_bool(entry.get("enabled", default.enabled), f"{where}.enabled"),
        color=color,
        init=init,
        lr=_positive_or_null(entry.get("lr", default.lr), f"{where}.lr"),
        steps=_whole(entry.get("steps", default.steps), f"{where}.steps", 1, MAX_STEPS),
        epochs=_whole(entry.get("epochs", default.epochs), f"{where}.epochs", 1, MAX_STEPS),
        batch_size=_whole(
            entry.get("batch_size", default.batch_size), f"{where}.batch_size", 1, MAX_STEPS
        ),
        shuffle=_bool(entry.get("shuffle", default.shuffle), f"{where}.shuffle"),
        init_seed=_whole(
            entry.get("init_seed", default.init_seed), f"{where}.init_seed", 0, MAX_SEED
        ),
        engine=_choice(entry.get("engine", default.engine), f"{where}.engine", _engines(name)),
    )
    changes = []
    for i, pair in enumerate(_list(entry.get("lr_changes", []), f"{where}.lr_changes")):
        at = f"{where}.lr_changes[{i}]"
        if not (isinstance(pair, list) and len(pair) == 2):
            _fail(_PAIR, at, pair)
        changes.append(
            (_whole(pair[0], f"{at}[0]", 0, MAX_UPDATES), _number(pair[1], f"{at}[1]", "above 0"))
        )
    return spec, tuple(changes)


def _parse_run(
    entry: dict[str, Any], where: str, changes: tuple[tuple[int, float], ...]
) -> SavedRun:
    state = _choice(_required(entry, "state", where), f"{where}.state", RUN_STATES)
    updates = _whole(_required(entry, "updates", where), f"{where}.updates", 0, MAX_UPDATES)
    rows_where = f"{where}.rows"
    rows = _object(_required(entry, "rows", where), rows_where)
    columns: dict[str, np.ndarray] = {}
    for name, rule in zip(ROW_FIELDS, ("step", "any", "any", "from 0", "above 0"), strict=True):
        value = _required(rows, name, rows_where)
        at = f"{rows_where}.{name}"
        columns[name] = _steps(value, at) if rule == "step" else _numbers(value, at, rule)
        count = columns["step"].size
        if columns[name].size != count:
            raise ExperimentFileError(
                _LENGTH,
                field=at,
                other=f"{rows_where}.step",
                count=count,
                actual=columns[name].size,
            )
    if columns["step"].size and updates <= columns["step"][-1]:
        last = int(columns["step"][-1])
        _fail(_UPDATES, f"{where}.updates", updates, low=last + 1, last=last)
    for array in columns.values():
        array.flags.writeable = False
    return SavedRun(state, updates, Chunk(**columns), changes)
