"""Helpers of the experiment-file tests: exact comparisons, awkward values, files to break."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from trainers import Chunk, Init, synthetic
from trainers.experiment import BackendSpec, DataSpec, Experiment
from trainers.formats.experiment_file import (
    ExperimentFileError,
    SavedRun,
    load_experiment,
    save_experiment,
)


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


def saved_file(tmp_path: Path) -> Path:
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
