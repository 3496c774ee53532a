"""Experiment files: exact round trips, atomic saves, and a precise message for every bad field."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from app import experiment_file
from app.experiment_file import (
    FORMAT_VERSION,
    INLINE_POINTS,
    ExperimentFileError,
    LoadedExperiment,
    SavedRun,
    load_experiment,
    save_experiment,
)
from trainers import (
    BACKENDS,
    Chunk,
    DescentLabError,
    Init,
    LrChange,
    LrSchedule,
    create_trainer,
    load_csv,
    run_planned,
    synthetic,
)
from trainers.experiment import BackendSpec, DataSpec, Experiment
from trainers.history import RunHistory
from trainers.printout import printed_steps

ROOT = Path(__file__).resolve().parents[1]


# -- helpers ----------------------------------------------------------------------------------
def bits(array: np.ndarray) -> list[int]:
    """The exact bit patterns of float64 values (so -0.0 != 0.0 and NaN payloads count)."""
    return np.ascontiguousarray(array, dtype=np.float64).view(np.int64).tolist()


def assert_rows_identical(a: Chunk, b: Chunk) -> None:
    assert b.step.dtype == np.int64
    assert a.step.tolist() == b.step.tolist()
    for name in ("w", "b", "loss", "lr"):
        assert bits(getattr(a, name)) == bits(getattr(b, name)), name


def awkward_rows() -> Chunk:
    """Rows whose floats need every digit: thirds, subnormals, -0.0, neighbours of 1."""
    return Chunk(
        np.array([0, 50, 100, 150], dtype=np.int64),
        np.array([0.1 + 0.2, -0.0, 5e-324, np.nextafter(1.0, 2.0)]),
        np.array([1 / 3, -2.5e-308, 1.7976931348623157e308, -1e-7]),
        np.array([0.0, 1e-300, 123456789.12345679, np.float64(np.float32(0.1))]),
        np.array([0.1, 0.1, 0.01, 0.01]),
    )


def every_field_changed() -> Experiment:
    """No BackendSpec field, data setting, speed or spacing left at its default."""
    specs = {
        "numpy": BackendSpec(
            "numpy",
            enabled=True,
            color="#123abc",
            init=Init.values(0.1 + 0.2, -1 / 3),
            lr=0.0123456789,
            steps=777,
            epochs=3,
            batch_size=7,
            shuffle=False,
            init_seed=2**31 - 1,
            engine="closed_form",
        ),
        "tf": BackendSpec("tf", enabled=True, init=Init("zeros"), lr=1e-300, engine="eager"),
        "tf1": BackendSpec("tf1", enabled=False, color="#FFFFFF", steps=1, engine="stepwise"),
        "keras": BackendSpec("keras", enabled=True, lr=None, init=Init("default")),
        "keras-fit": BackendSpec(
            "keras-fit", enabled=True, epochs=10_000_000, batch_size=50, shuffle=False, engine="fit"
        ),
    }
    data = DataSpec("synthetic", n=123, slope=-2.5, intercept=1e-3, noise=0.25, seed=99)
    return Experiment(data, specs, speed=1234.5, every=7)


def write_csv(path: Path, n: int, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    y = 0.6 * x + 0.8 + rng.normal(scale=0.1, size=n)
    lines = ["x,y", *(f"{a!r},{b!r}" for a, b in zip(x.tolist(), y.tolist(), strict=True))]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A valid file with one finished keras run, as the malformed-file tests' starting point."""
    experiment = Experiment().with_backend(BackendSpec("keras", enabled=True, lr=0.05))
    run = SavedRun("finished", 151, awkward_rows(), ((100, 0.01),))
    path = tmp_path / "exp.json"
    save_experiment(path, experiment, synthetic(), {"keras": run})
    return path


def rewrite(path: Path, change: Callable[[dict[str, Any]], Any]) -> None:
    document = json.loads(path.read_text())
    result = change(document)
    path.write_text(json.dumps(document if result is None else result))


def load_error(path: Path) -> str:
    with pytest.raises(ExperimentFileError) as info:
        load_experiment(path)
    return str(info.value)


# -- round trips ------------------------------------------------------------------------------
def test_synthetic_round_trip_keeps_every_field_and_every_bit(tmp_path: Path) -> None:
    experiment = every_field_changed()
    runs = {
        "numpy": SavedRun("finished", 151, awkward_rows(), ((100, 0.01), (120, 0.5))),
        "tf": SavedRun("diverged", 3, Chunk.empty(), ()),
        "keras-fit": SavedRun("paused", 51, awkward_rows().take(slice(0, 2)), ((7, 0.1),)),
    }
    path = tmp_path / "exp.json"
    save_experiment(path, experiment, experiment.data.load(), runs)
    loaded = load_experiment(path)

    assert isinstance(loaded, LoadedExperiment)
    assert loaded.path == path
    assert loaded.experiment == experiment
    assert list(loaded.experiment.backends) == list(BACKENDS)
    assert loaded.experiment.backends["numpy"].init.w == 0.1 + 0.2  # not 0.3
    assert set(loaded.runs) == set(runs)
    for name, run in runs.items():
        assert loaded.runs[name].state == run.state
        assert loaded.runs[name].updates == run.updates
        assert loaded.runs[name].lr_changes == run.lr_changes
        assert_rows_identical(run.rows, loaded.runs[name].rows)
    schedules = loaded.schedules()
    assert schedules["numpy"].changes == [LrChange(100, 0.01), LrChange(120, 0.5)]
    assert not schedules["tf"]
    data = loaded.dataset()
    assert np.array_equal(data.x, synthetic(123, -2.5, 1e-3, 0.25, 99).x)
    assert "x" not in json.loads(path.read_text())["data"]  # synthetic points are regenerated


def test_the_file_is_documented_json(saved: Path) -> None:
    document = json.loads(saved.read_text())
    assert document["format_version"] == FORMAT_VERSION == 1
    assert document["app"] == "Descent Lab"
    assert document["saved_at"].endswith("+00:00")
    assert list(document["backends"]) == list(BACKENDS)
    keras = document["backends"]["keras"]
    assert keras["lr"] == 0.05 and keras["lr_changes"] == [[100, 0.01]]
    assert keras["init"] == {"kind": "default", "w": 0.0, "b": 0.0}
    assert document["backends"]["numpy"]["lr"] is None
    assert document["speed"] is None and document["every"] == 50
    rows = document["results"]["keras"]["rows"]
    assert set(rows) == {"step", "w", "b", "loss", "lr"}
    assert rows["step"] == [0, 50, 100, 150]
    assert document["results"]["keras"]["state"] == "finished"
    for word in ("format_version", "lr_changes", "sha256", "results", "every"):
        assert word in experiment_file.__doc__


def test_small_csv_travels_inline_and_is_used_when_the_csv_is_gone(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "points.csv", 40)
    data = load_csv(csv_path)
    experiment = Experiment(DataSpec("csv", n=77, seed=5, path=str(csv_path)))
    path = tmp_path / "exp.json"
    save_experiment(path, experiment, data, {})
    document = json.loads(path.read_text())["data"]
    assert document["path"] == str(csv_path) and document["sha256"] == data.checksum
    assert len(document["x"]) == len(document["y"]) == 40

    with_csv = load_experiment(path)
    assert with_csv.experiment == experiment  # the synthetic settings kept aside come back too
    assert with_csv.dataset().checksum == data.checksum
    assert bits(with_csv.dataset().x) == bits(data.x)

    csv_path.unlink()
    inline = load_experiment(path)
    assert inline.experiment.data.kind == "csv"
    assert inline.experiment.data.path == str(csv_path)
    assert bits(inline.dataset().x) == bits(data.x)
    assert bits(inline.dataset().y) == bits(data.y)
    assert inline.dataset().checksum == data.checksum


def test_large_csv_is_referenced_not_copied(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "big.csv", INLINE_POINTS + 1)
    data = load_csv(csv_path)
    path = tmp_path / "exp.json"
    save_experiment(path, Experiment(DataSpec("csv", path=str(csv_path))), data, {})
    document = json.loads(path.read_text())["data"]
    assert "x" not in document and "y" not in document
    loaded = load_experiment(path)
    assert loaded.dataset().n == INLINE_POINTS + 1
    assert bits(loaded.dataset().y) == bits(data.y)

    csv_path.unlink()
    message = load_error(path)
    assert message.startswith("data.path:")
    assert str(csv_path) in message and "does not exist" in message


def test_csv_moved_together_with_the_experiment_is_found_beside_it(tmp_path: Path) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    csv_path = write_csv(here / "big.csv", INLINE_POINTS + 5)
    save_experiment(
        here / "exp.json", Experiment(DataSpec("csv", path=str(csv_path))), load_csv(csv_path), {}
    )
    for name in ("big.csv", "exp.json"):
        (here / name).rename(there / name)
    loaded = load_experiment(there / "exp.json")
    assert loaded.experiment.data.path == str(there / "big.csv")
    assert loaded.dataset().n == INLINE_POINTS + 5


def test_a_changed_csv_is_refused(tmp_path: Path) -> None:
    csv_path = write_csv(tmp_path / "points.csv", 30)
    path = tmp_path / "exp.json"
    save_experiment(path, Experiment(DataSpec("csv", path=str(csv_path))), load_csv(csv_path), {})
    write_csv(csv_path, 30, seed=1)  # same name, other points; the inline copy must not hide it
    message = load_error(path)
    assert message.startswith("data.sha256:")
    assert str(csv_path) in message and "changed" in message


def test_a_real_run_replays_from_the_file(tmp_path: Path) -> None:
    """A numpy run with a live lr change, saved and replayed: the printed rows come back."""
    data = synthetic()
    spec = BackendSpec("numpy", enabled=True, init=Init("zeros"), lr=0.1, steps=301)
    experiment = Experiment(data=DataSpec()).with_backend(spec)
    history = RunHistory()
    with create_trainer("numpy", spec.run_config(data)) as trainer:
        trainer.prepare()
        history.append(trainer.advance(120))
        trainer.set_learning_rate(0.5)  # the user moved the slider
        while not trainer.done:
            history.append(trainer.advance(50))
    printed = history.as_chunk().take(printed_steps(len(history), experiment.every, 300))
    run = SavedRun("finished", len(history), printed, tuple(history.lr_changes()))
    save_experiment(tmp_path / "run.json", experiment, data, {"numpy": run})

    loaded = load_experiment(tmp_path / "run.json")
    assert loaded.runs["numpy"].lr_changes == ((120, 0.5),)
    spec2 = loaded.experiment.backends["numpy"]
    with create_trainer("numpy", spec2.run_config(loaded.dataset())) as trainer:
        chunks = list(run_planned(trainer, loaded.schedules()["numpy"]))
    replay = Chunk.concat(chunks)
    saved_rows = loaded.runs["numpy"].rows
    assert_rows_identical(saved_rows, replay.take(saved_rows.step))


def test_lr_changes_without_a_result_become_a_run_not_yet_started(saved: Path) -> None:
    rewrite(saved, lambda d: d["backends"]["tf"].update(lr_changes=[[10, 0.2], [5, 0.3]]))
    loaded = load_experiment(saved)
    assert loaded.runs["tf"].state == "ready" and loaded.runs["tf"].updates == 0
    assert loaded.schedules()["tf"].changes == [LrChange(5, 0.3), LrChange(10, 0.2)]


def test_missing_optional_fields_take_defaults_and_unknown_keys_are_ignored(
    tmp_path: Path,
) -> None:
    path = tmp_path / "minimal.json"
    minimal = {
        "format_version": 1,
        "data": {"kind": "synthetic", "future": {"anything": [1, 2]}},
        "backends": {"keras": {"enabled": True, "later": "ignored"}},
        "added_in_a_later_release": True,
    }
    path.write_text(json.dumps(minimal))
    loaded = load_experiment(path)
    assert loaded.experiment == Experiment().with_backend(BackendSpec("keras", enabled=True))
    assert loaded.runs == {}
    assert loaded.schedules() == {}


# -- saving atomically ------------------------------------------------------------------------
def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "exp.json")


@pytest.mark.parametrize("target", ["replace", "fsync"])
def test_a_failed_save_leaves_the_old_file_and_no_temporary(
    saved: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    before = saved.read_bytes()

    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(experiment_file.os, target, broken)
    with pytest.raises(ExperimentFileError, match=r"cannot save .*No space left on device"):
        save_experiment(saved, every_field_changed(), synthetic(), {})
    assert saved.read_bytes() == before
    assert _leftovers(saved.parent) == []


def test_an_interrupted_save_cleans_up_and_reraises(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved.read_bytes()

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(experiment_file.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_experiment(saved, every_field_changed(), synthetic(), {})
    assert saved.read_bytes() == before
    assert _leftovers(saved.parent) == []


def test_saving_replaces_the_file_and_keeps_its_permissions(saved: Path) -> None:
    if os.name == "posix":
        saved.chmod(0o640)
    save_experiment(saved, every_field_changed(), synthetic(123, -2.5, 1e-3, 0.25, 99), {})
    assert load_experiment(saved).experiment == every_field_changed()
    assert _leftovers(saved.parent) == []
    if os.name == "posix":
        assert saved.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    "runs, field",
    [
        (
            {
                "numpy": SavedRun(
                    "finished", 9, Chunk(*(np.array([0, 1]),), *[np.array([1.0, np.nan])] * 4)
                )
            },
            "results.numpy.rows.w[1]: expected a number, got NaN",
        ),
        ({"numpy": SavedRun("done", 0, Chunk.empty())}, "results.numpy.state: expected one of"),
        ({"torch": SavedRun("finished", 0, Chunk.empty())}, "results.torch: unknown backend"),
        (
            {"numpy": SavedRun("ready", 0, Chunk.empty(), ((5, float("inf")),))},
            "backends.numpy.lr_changes[0][1]: expected a number above 0, got Infinity",
        ),
    ],
)
def test_save_refuses_what_could_not_be_read_back(
    tmp_path: Path, runs: dict[str, SavedRun], field: str
) -> None:
    path = tmp_path / "exp.json"
    with pytest.raises(ExperimentFileError) as info:
        save_experiment(path, Experiment(), synthetic(), runs)
    assert str(info.value).startswith(field)
    assert list(tmp_path.iterdir()) == []


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
    "speed zero": (set_in("speed", value=0), "speed: expected a number above 0 or null, got 0"),
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


# -- boundaries -------------------------------------------------------------------------------
def test_the_module_imports_neither_qt_nor_a_framework() -> None:
    tree = ast.parse((ROOT / "app" / "experiment_file.py").read_text())
    names = {
        a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    names |= {
        n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module
    }
    assert not names & {"PySide6", "pyqtgraph", "shiboken6", "tensorflow", "keras"}


def test_opening_a_file_loads_neither_qt_nor_tensorflow(saved: Path) -> None:
    code = (
        "import sys\nfrom app.experiment_file import load_experiment\n"
        f"load_experiment({str(saved)!r}).dataset()\n"
        "print([m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'pyqtgraph', 'tensorflow', 'keras')])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_schedule_replays_like_the_live_changes() -> None:
    run = SavedRun("finished", 10, Chunk.empty(), [LrChange(4, 0.2), (7, 0.3)])
    loaded = LoadedExperiment(Experiment(), {"numpy": run}, Path("x.json"))
    schedule = loaded.schedules()["numpy"]
    assert isinstance(schedule, LrSchedule)
    assert run.lr_changes == ((4, 0.2), (7, 0.3))
    assert [schedule.lr_at(s) for s in range(9)] == [None] * 4 + [0.2, None, None, 0.3, None]


def test_settings_text_round_trip(tmp_path: Path) -> None:
    from app.experiment_file import experiment_from_text, experiment_text
    from trainers.experiment import Experiment
    from trainers.presets import apply_preset

    experiment = apply_preset("aligned", Experiment(), 50)
    data = experiment.data.load()
    loaded = experiment_from_text(experiment_text(experiment, data), tmp_path / "settings.ini")
    assert loaded.experiment == experiment
    with pytest.raises(ExperimentFileError, match="not valid JSON"):
        experiment_from_text("{", tmp_path / "settings.ini")
