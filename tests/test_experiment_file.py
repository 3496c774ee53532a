"""Experiment files: exact round trips, atomic saves, and a precise message for every bad field."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from experiment_file_helpers import (
    assert_rows_identical,
    awkward_rows,
    bits,
    every_field_changed,
    load_error,
    rewrite,
    saved_file,
    write_csv,
)

from trainers import (
    BACKENDS,
    Chunk,
    Init,
    LrChange,
    LrSchedule,
    create_trainer,
    load_csv,
    run_planned,
    synthetic,
)
from trainers.experiment import BackendSpec, DataSpec, Experiment
from trainers.formats import atomic_write, experiment_file
from trainers.formats.atomic_write import SaveError, remove_stale_temporaries
from trainers.formats.experiment_file import (
    FORMAT_VERSION,
    INLINE_POINTS,
    ExperimentFileError,
    LoadedExperiment,
    SavedRun,
    load_experiment,
    save_experiment,
)
from trainers.history import RunHistory
from trainers.printout import printed_steps

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    return saved_file(tmp_path)


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


@pytest.mark.parametrize("target", ["replace", "fsync", "write"])
def test_a_failed_save_leaves_the_old_file_and_no_temporary(
    saved: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    before = saved.read_bytes()

    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_write.os, target, broken)
    with pytest.raises(SaveError, match=r"cannot save .*No space left on device"):
        save_experiment(saved, every_field_changed(), synthetic(), {})
    assert saved.read_bytes() == before
    assert _leftovers(saved.parent) == []


def test_an_interrupted_save_cleans_up_and_reraises(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved.read_bytes()

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic_write.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_experiment(saved, every_field_changed(), synthetic(), {})
    assert saved.read_bytes() == before
    assert _leftovers(saved.parent) == []


def test_saving_refuses_a_target_that_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "device.json"  # stands in for a device node: never a real one here
    os.mkfifo(fifo)
    with pytest.raises(SaveError, match="is not a regular file"):
        save_experiment(fifo, every_field_changed(), synthetic(), {})
    assert fifo.is_fifo() and sorted(p.name for p in tmp_path.iterdir()) == ["device.json"]
    with pytest.raises(SaveError, match="is not a regular file"):
        save_experiment(tmp_path, every_field_changed(), synthetic(), {})


def test_temporaries_of_killed_saves_are_removed_by_the_next_save(saved: Path) -> None:
    stale = [saved.with_name(f".exp.json.{n:08x}.tmp") for n in (1, 0xABCDEF12)]
    for path in stale:
        path.write_bytes(b"x" * 1000)
    other = saved.with_name(".other.json.00000001.tmp")
    other.write_bytes(b"kept")
    save_experiment(saved, every_field_changed(), synthetic(), {})
    assert _leftovers(saved.parent) == [other.name]
    stale[0].write_bytes(b"x")
    assert remove_stale_temporaries([saved]) == 1  # what the app does at start-up


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


# -- boundaries -------------------------------------------------------------------------------
def test_the_module_imports_neither_qt_nor_a_framework() -> None:
    tree = ast.parse((ROOT / "trainers" / "formats" / "experiment_file.py").read_text())
    names = {
        a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    names |= {
        n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module
    }
    assert not names & {"PySide6", "pyqtgraph", "shiboken6", "tensorflow", "keras"}


def test_opening_a_file_loads_neither_qt_nor_tensorflow(saved: Path) -> None:
    code = (
        "import sys\nfrom trainers.formats.experiment_file import load_experiment\n"
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
    from trainers.experiment import Experiment
    from trainers.formats.experiment_file import experiment_from_text, experiment_text
    from trainers.presets import apply_preset

    experiment = apply_preset("aligned", Experiment(), 50)
    data = experiment.data.load()
    loaded = experiment_from_text(experiment_text(experiment, data), tmp_path / "settings.ini")
    assert loaded.experiment == experiment
    with pytest.raises(ExperimentFileError, match="not valid JSON"):
        experiment_from_text("{", tmp_path / "settings.ini")
