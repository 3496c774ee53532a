"""Experiment files: a precise, translatable message for every malformed field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from experiment_file_helpers import load_error, rewrite, saved_file

from trainers import DescentLabError
from trainers.formats.experiment_file import ExperimentFileError, load_experiment


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    return saved_file(tmp_path)


# -- malformed files --------------------------------------------------------------------------
def set_in(*keys: str | int, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        target = document
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return change


def drop(*keys: str) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        target = document
        for key in keys[:-1]:
            target = target[key]
        del target[keys[-1]]

    return change


MALFORMED = {
    "string lr": (
        set_in("backends", "keras", "lr", value="fast"),
        'backends.keras.lr: expected a number above 0 or null, got "fast"',
    ),
    "zero lr": (
        set_in("backends", "keras", "lr", value=0),
        "backends.keras.lr: expected a number above 0 or null, got 0",
    ),
    "bool steps": (
        set_in("backends", "numpy", "steps", value=True),
        "backends.numpy.steps: expected a whole number from 1 to 10000000, got true",
    ),
    "float steps": (
        set_in("backends", "numpy", "steps", value=100.0),
        "backends.numpy.steps: expected a whole number from 1 to 10000000, got 100.0",
    ),
    "negative epochs": (
        set_in("backends", "keras-fit", "epochs", value=-3),
        "backends.keras-fit.epochs: expected a whole number from 1 to 10000000, got -3",
    ),
    "batch size 0": (
        set_in("backends", "keras-fit", "batch_size", value=0),
        "backends.keras-fit.batch_size: expected a whole number from 1 to 10000000, got 0",
    ),
    "init kind random": (
        set_in("backends", "tf", "init", "kind", value="random"),
        'backends.tf.init.kind: expected one of "default", "zeros", "values", got "random"',
    ),
    "init not an object": (
        set_in("backends", "tf", "init", value="zeros"),
        'backends.tf.init: expected an object {...}, got "zeros"',
    ),
    "init w string": (
        set_in("backends", "tf", "init", "w", value="0.5"),
        'backends.tf.init.w: expected a number, got "0.5"',
    ),
    "colour name": (
        set_in("backends", "tf1", "color", value="red"),
        'backends.tf1.color: expected a colour "#RRGGBB", got "red"',
    ),
    "colour short": (
        set_in("backends", "tf1", "color", value="#12345"),
        'backends.tf1.color: expected a colour "#RRGGBB", got "#12345"',
    ),
    "colour not hex": (
        set_in("backends", "tf1", "color", value="#GG0000"),
        'backends.tf1.color: expected a colour "#RRGGBB", got "#GG0000"',
    ),
    "shuffle string": (
        set_in("backends", "keras-fit", "shuffle", value="yes"),
        'backends.keras-fit.shuffle: expected true or false, got "yes"',
    ),
    "enabled number": (
        set_in("backends", "numpy", "enabled", value=1),
        "backends.numpy.enabled: expected true or false, got 1",
    ),
    "engine unknown": (
        set_in("backends", "numpy", "engine", value="eager"),
        'backends.numpy.engine: expected one of "stepwise", "compiled", "loop", "closed_form", '
        'got "eager"',
    ),
    "init seed negative": (
        set_in("backends", "numpy", "init_seed", value=-1),
        "backends.numpy.init_seed: expected a whole number from 0 to 2147483647, got -1",
    ),
    "lr change not a pair": (
        set_in("backends", "keras", "lr_changes", value=[[100, 0.01, 3]]),
        "backends.keras.lr_changes[0]: expected a pair [step, lr], got [...]",
    ),
    "lr change negative step": (
        set_in("backends", "keras", "lr_changes", value=[[-1, 0.01]]),
        "backends.keras.lr_changes[0][0]: expected a whole number from 0 to",
    ),
    "backend not an object": (
        set_in("backends", "tf", value=[]),
        "backends.tf: expected an object {...}, got [...]",
    ),
    "unknown backend": (
        set_in("backends", "torch", value={"enabled": True}),
        "backends.torch: unknown backend 'torch' (choose from: numpy, tf, tf1, keras, keras-fit)",
    ),
    "unknown backend in results": (
        lambda d: d["results"].update(jax=d["results"]["keras"]),
        "results.jax: unknown backend 'jax'",
    ),
    "format version 2": (
        set_in("format_version", value=2),
        "format_version: this file was written by a newer Descent Lab (format 2); "
        "this version reads format 1",
    ),
    "format version 0": (
        set_in("format_version", value=0),
        "format_version: expected a whole number from 1 to 1, got 0",
    ),
    "format version missing": (
        drop("format_version"),
        "format_version: missing; 'exp.json' is not a Descent Lab experiment file",
    ),
    "data missing": (drop("data"), "data: missing; this field is required"),
    "backends missing": (drop("backends"), "backends: missing; this field is required"),
    "data kind missing": (drop("data", "kind"), "data.kind: missing; this field is required"),
    "data kind excel": (
        set_in("data", "kind", value="excel"),
        'data.kind: expected one of "synthetic", "csv", got "excel"',
    ),
    "data n fraction": (
        set_in("data", "n", value=1.5),
        "data.n: expected a whole number from 2 to 10000000, got 1.5",
    ),
    "noise negative": (
        set_in("data", "noise", value=-0.5),
        "data.noise: expected a number, 0 or more, got -0.5",
    ),
    "csv without path": (
        lambda d: d["data"].update(kind="csv"),
        "data.path: missing; this field is required",
    ),
    "csv bad checksum": (
        lambda d: d["data"].update(kind="csv", path="a.csv", sha256="abc"),
        'data.sha256: expected a SHA-256 checksum (64 hex digits) or null, got "abc"',
    ),
    "csv inline unequal": (
        lambda d: d["data"].update(kind="csv", path="gone.csv", x=[0.0, 1.0, 2.0], y=[1.0, 2.0]),
        "data.y: expected as many values as data.x (3), got 2",
    ),
    "csv inline one x": (
        lambda d: d["data"].update(kind="csv", path="gone.csv", x=[1.0, 1.0], y=[1.0, 2.0]),
        "data.x: these points cannot be used: all x values are equal",
    ),
    "speed zero": (set_in("speed", value=0), "speed: expected a number from 10.0 to 100000.0"),
    "speed tiny": (set_in("speed", value=1e-300), "speed: expected a number from 10.0 to 100000.0"),
    "speed below the slider": (set_in("speed", value=0.5), "speed: expected a number from 10"),
    "every zero": (
        set_in("every", value=0),
        "every: expected a whole number from 1 to 10000000, got 0",
    ),
    "results not an object": (
        set_in("results", value=[]),
        "results: expected an object {...}, got [...]",
    ),
    "state unknown": (
        set_in("results", "keras", "state", value="done"),
        'results.keras.state: expected one of "ready", "running", "paused", "finished", '
        '"diverged", "stopped", "error", got "done"',
    ),
    "state missing": (
        drop("results", "keras", "state"),
        "results.keras.state: missing; this field is required",
    ),
    "rows column missing": (
        drop("results", "keras", "rows", "lr"),
        "results.keras.rows.lr: missing; this field is required",
    ),
    "rows unequal": (
        lambda d: d["results"]["keras"]["rows"]["w"].remove(-0.0),
        "results.keras.rows.w: expected as many values as results.keras.rows.step (4), got 3",
    ),
    "rows step bool": (
        set_in("results", "keras", "rows", "step", 1, value=True),
        "results.keras.rows.step[1]: expected a whole number from 0 to",
    ),
    "rows steps out of order": (
        set_in("results", "keras", "rows", "step", value=[0, 50, 50, 150]),
        "results.keras.rows.step[2]: expected steps in increasing order, got 50 after 50",
    ),
    "rows loss string": (
        set_in("results", "keras", "rows", "loss", 2, value="0.1"),
        'results.keras.rows.loss[2]: expected a number, 0 or more, got "0.1"',
    ),
    "rows negative loss": (
        set_in("results", "keras", "rows", "loss", 3, value=-1.0),
        "results.keras.rows.loss[3]: expected a number, 0 or more, got -1.0",
    ),
    "updates below the last row": (
        set_in("results", "keras", "updates", value=150),
        "results.keras.updates: expected at least 151 (the rows go up to update 150), got 150",
    ),
    "not an object": (lambda d: [d], "'exp.json' is not a Descent Lab experiment: expected a JSON"),
}


@pytest.mark.parametrize("change, message", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_fields_are_named(
    saved: Path, change: Callable[[dict[str, Any]], Any], message: str
) -> None:
    rewrite(saved, change)
    assert load_error(saved).startswith(message)


RAW = {
    "truncated": (
        lambda text: text[: len(text) // 2],
        "'exp.json' is not valid JSON (line ",
    ),
    "nan lr": (
        lambda text: text.replace('"lr": 0.05', '"lr": NaN'),
        "backends.keras.lr: expected a number above 0 or null, got NaN",
    ),
    "infinite row": (
        lambda text: text.replace('"w": [0.30000000000000004', '"w": [-Infinity'),
        "results.keras.rows.w[0]: expected a number, got -Infinity",
    ),
    "overflowing number": (
        lambda text: text.replace('"slope": 0.6', '"slope": 1e999'),
        "data.slope: expected a number, got Infinity",
    ),
    "trailing comma": (
        lambda text: text.replace('"every": 50', '"every": 50,'),
        "'exp.json' is not valid JSON (line ",
    ),
    "empty": (lambda text: "", "'exp.json' is not valid JSON (line 1, column 1): Expecting value"),
}


@pytest.mark.parametrize("change, message", RAW.values(), ids=RAW.keys())
def test_malformed_text_is_explained(
    saved: Path, change: Callable[[str], str], message: str
) -> None:
    text = saved.read_text()
    changed = change(text)
    assert changed != text
    saved.write_text(changed)
    assert load_error(saved).startswith(message)


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "exp.json"
    path.write_text('{\n  "format_version": 1,\n    "data" {}\n}\n')
    assert load_error(path) == (
        "'exp.json' is not valid JSON (line 3, column 12): Expecting ':' delimiter"
    )


def test_unreadable_files(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    assert load_error(missing) == f"experiment file '{missing}' does not exist"
    binary = tmp_path / "exp.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert load_error(binary) == "'exp.json' is not a text file (not UTF-8)"


def test_errors_are_translatable_descent_lab_errors(saved: Path) -> None:
    rewrite(saved, set_in("backends", "keras", "lr", value="fast"))
    with pytest.raises(DescentLabError) as info:
        load_experiment(saved)
    error = info.value
    assert isinstance(error, ExperimentFileError)
    assert error.template == "{field}: expected a number above 0 or null, got {got}"
    assert error.params == {"field": "backends.keras.lr", "got": '"fast"'}
    shouted = error.translated(lambda context, text: text.replace("expected", "EXPECTED"))
    assert shouted == 'backends.keras.lr: EXPECTED a number above 0 or null, got "fast"'
