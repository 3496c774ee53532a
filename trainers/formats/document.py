"""An experiment file's JSON document: built from the app's objects, and checked field by field
back into them. The layout is documented in :mod:`trainers.formats.experiment_file`."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from trainers.base import Chunk
from trainers.data import MIN_POINTS, Dataset
from trainers.experiment import DEFAULT_COLORS, BackendSpec, DataSpec, Experiment
from trainers.formats import fields
from trainers.formats.fields import MAX_POINTS, MAX_UPDATES, ExperimentFileError, plain
from trainers.messages import QT_TRANSLATE_NOOP, DataError
from trainers.schedule import LrChange
from trainers.settings import SETTINGS
from trainers.values import BACKENDS, MAX_SEED, MAX_STEPS, SPEED_RANGE

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
DATA_KINDS: tuple[str, ...] = ("synthetic", "csv")

_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_SHA256 = re.compile(r"[0-9a-f]{64}")

_COLOR_TEXT = QT_TRANSLATE_NOOP("trainers", '{field}: expected a colour "#RRGGBB", got {got}')
_PAIR = QT_TRANSLATE_NOOP("trainers", "{field}: expected a pair [step, lr], got {got}")
_PATH_TEXT = QT_TRANSLATE_NOOP("trainers", "{field}: expected the path of a CSV file, got {got}")
_SHA_TEXT = QT_TRANSLATE_NOOP(
    "trainers", "{field}: expected a SHA-256 checksum (64 hex digits) or null, got {got}"
)
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
_TOP_NOT_OBJECT = QT_TRANSLATE_NOOP(
    "trainers",
    "'{path}' is not a Descent Lab experiment: expected a JSON object {{...}}, got {got}",
)
_NO_DATA = QT_TRANSLATE_NOOP(
    "trainers", "data: an experiment on CSV data needs the points of '{path}' to save it"
)


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


# -- writing --------------------------------------------------------------------------------
def build_document(
    experiment: Experiment, data: Dataset, runs: Mapping[str, SavedRun]
) -> dict[str, Any]:
    """The JSON document of an experiment file (check it with :func:`parse_document`)."""
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
        entry["lr_changes"] = [[plain(s), plain(lr)] for s, lr in run.lr_changes] if run else []
        backends[name] = entry
    return {
        "format_version": FORMAT_VERSION,
        "app": APP_NAME,
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "data": _data_document(experiment.data, data),
        "backends": backends,
        "speed": plain(experiment.speed),
        "every": plain(experiment.every),
        "results": {name: _run_document(run) for name, run in runs.items()},
    }


def _data_document(spec: DataSpec, data: Dataset) -> dict[str, Any]:
    document: dict[str, Any] = {"kind": spec.kind}
    if spec.kind == "csv":
        if data is None:
            raise ExperimentFileError(_NO_DATA, path=spec.path)
        document["path"] = os.path.abspath(spec.path) if spec.path else spec.path
        document["sha256"] = data.checksum or None
    for name in ("n", "slope", "intercept", "noise", "seed"):
        document[name] = plain(getattr(spec, name))
    if spec.kind == "csv" and data.n <= INLINE_POINTS:
        document["x"] = data.x.tolist()
        document["y"] = data.y.tolist()
    return document


def _backend_document(spec: BackendSpec) -> dict[str, Any]:
    entry = {"enabled": spec.enabled, "color": spec.color}
    return entry | {s.key: s.write_json(getattr(spec, s.key)) for s in SETTINGS}


def _run_document(run: SavedRun) -> dict[str, Any]:
    rows = {name: np.asarray(getattr(run.rows, name)).tolist() for name in ROW_FIELDS}
    return {"state": run.state, "updates": plain(run.updates), "rows": rows}


# -- checking -------------------------------------------------------------------------------
def parse_document(
    document: Any, file_name: str = ""
) -> tuple[Experiment, dict[str, SavedRun], tuple[np.ndarray, np.ndarray] | None, str | None]:
    """Check every field; return the experiment, its runs, inline CSV points and CSV checksum."""
    if not isinstance(document, dict):
        raise ExperimentFileError(_TOP_NOT_OBJECT, path=file_name, got=fields.got(document))
    version = document.get("format_version", fields.ABSENT)
    if version is fields.ABSENT:
        raise ExperimentFileError(_NO_VERSION, path=file_name)
    if type(version) is int and version > FORMAT_VERSION:
        raise ExperimentFileError(_NEWER, version=version, supported=FORMAT_VERSION)
    fields.whole(version, "format_version", 1, FORMAT_VERSION)

    data, points, sha256 = _parse_data(
        fields.as_object(fields.required(document, "data", ""), "data")
    )
    backend_entries = fields.as_object(fields.required(document, "backends", ""), "backends")
    results = fields.as_object(document.get("results", {}), "results")
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
        entry = backend_entries.get(name, fields.ABSENT)
        if entry is fields.ABSENT:
            backends[name], changes[name] = BackendSpec(name), ()
        else:
            where = f"backends.{name}"
            backends[name], changes[name] = _parse_backend(
                name, fields.as_object(entry, where), where
            )
    speed = document.get("speed")
    if speed is not None:  # within the slider's range: 1e-300 once overflowed the pacing
        speed = fields.number_between(speed, "speed", *SPEED_RANGE)
    every = fields.whole(document.get("every", Experiment.every), "every", 1, MAX_STEPS)

    runs: dict[str, SavedRun] = {}
    for name in BACKENDS:
        if name in results:
            where = f"results.{name}"
            runs[name] = _parse_run(fields.as_object(results[name], where), where, changes[name])
        elif changes[name]:  # planned changes without a run yet: a run that has not started
            runs[name] = SavedRun("ready", 0, Chunk.empty(), changes[name])
    return Experiment(data, backends, speed, every), runs, points, sha256


def _parse_data(
    entry: dict[str, Any],
) -> tuple[DataSpec, tuple[np.ndarray, np.ndarray] | None, str | None]:
    default = DataSpec()
    kind = fields.choice(fields.required(entry, "kind", "data"), "data.kind", DATA_KINDS)
    n = fields.whole(entry.get("n", default.n), "data.n", MIN_POINTS, MAX_POINTS)
    slope = fields.number(entry.get("slope", default.slope), "data.slope")
    intercept = fields.number(entry.get("intercept", default.intercept), "data.intercept")
    noise = fields.number(entry.get("noise", default.noise), "data.noise", "from 0")
    seed = fields.whole(entry.get("seed", default.seed), "data.seed", 0, MAX_SEED)
    if kind == "synthetic":
        return DataSpec(kind, n, slope, intercept, noise, seed), None, None

    path = fields.required(entry, "path", "data")
    if not (isinstance(path, str) and path.strip()):
        fields.fail(_PATH_TEXT, "data.path", path)
    sha256 = entry.get("sha256")
    if sha256 is not None and not (isinstance(sha256, str) and _SHA256.fullmatch(sha256)):
        fields.fail(_SHA_TEXT, "data.sha256", sha256)
    points = None
    if "x" in entry or "y" in entry:
        x = fields.numbers(fields.required(entry, "x", "data"), "data.x")
        y = fields.numbers(fields.required(entry, "y", "data"), "data.y")
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


def _parse_backend(
    name: str, entry: dict[str, Any], where: str
) -> tuple[BackendSpec, tuple[tuple[int, float], ...]]:
    color = entry.get("color", DEFAULT_COLORS[name])
    if not (isinstance(color, str) and _COLOR.fullmatch(color)):
        fields.fail(_COLOR_TEXT, f"{where}.color", color)
    settings = {
        s.key: s.read_json(entry.get(s.key, s.write_json(s.default)), f"{where}.{s.key}", name)
        for s in SETTINGS
    }
    enabled = fields.as_bool(entry.get("enabled", False), f"{where}.enabled")
    spec = BackendSpec(name, enabled=enabled, color=color, **settings)
    changes = []
    for i, pair in enumerate(fields.as_list(entry.get("lr_changes", []), f"{where}.lr_changes")):
        at = f"{where}.lr_changes[{i}]"
        if not (isinstance(pair, list) and len(pair) == 2):
            fields.fail(_PAIR, at, pair)
        changes.append(
            (
                fields.whole(pair[0], f"{at}[0]", 0, MAX_UPDATES),
                fields.number(pair[1], f"{at}[1]", "above 0"),
            )
        )
    return spec, tuple(changes)


def _parse_run(
    entry: dict[str, Any], where: str, changes: tuple[tuple[int, float], ...]
) -> SavedRun:
    state = fields.choice(fields.required(entry, "state", where), f"{where}.state", RUN_STATES)
    updates = fields.whole(
        fields.required(entry, "updates", where), f"{where}.updates", 0, MAX_UPDATES
    )
    rows_where = f"{where}.rows"
    rows = fields.as_object(fields.required(entry, "rows", where), rows_where)
    columns: dict[str, np.ndarray] = {}
    for name, rule in zip(ROW_FIELDS, ("step", "any", "any", "from 0", "above 0"), strict=True):
        value = fields.required(rows, name, rows_where)
        at = f"{rows_where}.{name}"
        columns[name] = (
            fields.steps(value, at) if rule == "step" else fields.numbers(value, at, rule)
        )
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
        fields.fail(_UPDATES, f"{where}.updates", updates, low=last + 1, last=last)
    for array in columns.values():
        array.flags.writeable = False
    return SavedRun(state, updates, Chunk(**columns), changes)
