"""Exported scripts: standalone programs that print what the app's own trainers compute."""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from export_cases import CASES
from guards import SUBPROCESS_GUARD_S

from trainers import Chunk, Dataset, Init, LrChange, LrSchedule, create_trainer, run_planned
from trainers.experiment import BackendSpec, DataSpec
from trainers.scripts.export import EMBED_LIMIT, export_script, parse_printed_rows

ROOT = Path(__file__).resolve().parents[1]
DATA_SPEC = DataSpec(n=400, noise=0.1, seed=3)
DATA = DATA_SPEC.load()
EVERY = 25

PLATEAU_ENGINES = ("stepwise",)  # on plateau keras-fit runs fit as written (stepwise)
ENGINES = {
    "numpy": ("stepwise", "compiled"),
    "tf": ("stepwise", "compiled"),
    "tf1": ("stepwise", "compiled"),
    "keras": ("stepwise", "compiled"),
    "keras-fit": ("fit", "compiled"),
}
STANDALONE_IMPORTS = {"csv", "math", "os", "numpy", "tensorflow", "keras"}


def tolerance(name: str) -> float:
    return 1e-12 if name == "numpy" else 1e-6


def trainer_rows(
    spec: BackendSpec, data: Dataset, changes: list[tuple[int, float]], engine: str
) -> list[tuple[int, float, float]]:
    """The rows the exported script should print, from the project's own trainer."""
    config = replace(spec, engine=engine).run_config(data)
    schedule = LrSchedule(LrChange(step, lr) for step, lr in changes)
    with create_trainer(spec.name, config) as trainer:
        chunk = Chunk.concat(list(run_planned(trainer, schedule)))
    total = spec.total_updates(data.n)
    assert trainer.divergence is None
    assert chunk.step.tolist() == list(range(total))
    keep = (chunk.step % EVERY == 0) | (chunk.step == total - 1)
    return list(
        zip(chunk.step[keep].tolist(), chunk.w[keep].tolist(), chunk.b[keep].tolist(), strict=True)
    )


def script_env() -> dict[str, str]:
    """The environment without TensorFlow's and Keras's settings: the script sets its own."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TF_", "KERAS_")) and key != "PYTHONPATH"
    }


def run_script(source: str, path: Path) -> tuple[list[tuple[int, float, float]], list[str]]:
    """Run an exported script on its own; its rows, and its stdout lines."""
    path.write_text(source, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(path)],
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_GUARD_S,
        cwd=path.parent,
        env=script_env(),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return parse_printed_rows(result.stdout), result.stdout.splitlines()


def assert_rows_match(
    name: str, printed: list[tuple[int, float, float]], expected: list[tuple[int, float, float]]
) -> None:
    assert [row[0] for row in printed] == [row[0] for row in expected]
    got = np.array([row[1:] for row in printed])
    want = np.array([row[1:] for row in expected])
    worst = float(np.max(np.abs(got - want)))
    assert worst <= tolerance(name), f"{name}: worst |Δ| {worst:g}"


def printed_lines(name: str, rows: list[tuple[int, float, float]]) -> list[str]:
    """The rows as the script should spell them: str(np.float32(v)), or repr(v) for numpy."""
    spell = repr if name == "numpy" else (lambda v: str(np.float32(v)))
    return [f"{step} [{spell(w)}, {spell(b)}]" for step, w, b in rows]


def script_imports(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add((node.module or "").split(".")[0])
    return names


@pytest.fixture(scope="module")
def case_runs(tmp_path_factory) -> dict[str, Future]:
    """Every case's exported script, run on its own: two at a time, since each spends seconds
    importing its framework (one after the other they took most of a minute)."""
    folder = tmp_path_factory.mktemp("exports")
    pool = ThreadPoolExecutor(max_workers=2)
    runs = {}
    for case, (spec, changes) in CASES.items():
        source = export_script(spec, DATA, DATA_SPEC, changes, every=EVERY)
        path = folder / f"export_{case.replace('-', '_')}.py"
        runs[case] = pool.submit(run_script, source, path)
    yield runs
    pool.shutdown(wait=True)


@pytest.mark.parametrize("case", list(CASES))
def test_exported_script_prints_the_trainers_numbers(case: str, case_runs) -> None:
    spec, changes = CASES[case]
    source = export_script(spec, DATA, DATA_SPEC, changes, every=EVERY)
    assert script_imports(source) <= STANDALONE_IMPORTS
    assert "Exported by Descent Lab" in source and "X = [" in source
    if spec.name != "numpy":  # oneDNN rounds differently: it must be off before the import
        framework = "import keras" if spec.name.startswith("keras") else "import tensorflow"
        assert source.index('"TF_ENABLE_ONEDNN_OPTS", "0"') < source.index(framework)
    printed, lines = case_runs[case].result()
    assert len(printed) == len(lines) > 2  # rows, and nothing else, on stdout
    fit_on_plateau = spec.schedule == "plateau" and spec.name == "keras-fit"
    engines = PLATEAU_ENGINES if fit_on_plateau else ENGINES[spec.name]
    for engine in engines:
        expected = trainer_rows(spec, DATA, changes, engine)
        assert_rows_match(spec.name, printed, expected)
        if engine in ("stepwise", "fit"):  # the same operations: the same digits
            assert lines == printed_lines(spec.name, expected)


def write_csv(path: Path, x: np.ndarray, y: np.ndarray) -> None:
    """A CSV with a comment, a header naming the columns in the other order, an extra column."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# points for the export test", "", " Y , note, X "]
    lines += [
        f"{b!r},p{i},{a!r}" for i, (a, b) in enumerate(zip(x.tolist(), y.tolist(), strict=True))
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def large_csv(folder: Path) -> DataSpec:
    """Too many points to embed, in a file whose path is longer than a line of code."""
    n = EMBED_LIMIT + 500
    rng = np.random.default_rng(5)
    x = rng.uniform(-1.0, 2.0, n)
    y = 0.3 * x - 0.5 + rng.normal(0.0, 0.2, n)
    path = folder / ("a folder with a long name " * 4).strip() / 'points "2".csv'
    write_csv(path, x, y)
    return DataSpec(kind="csv", path=str(path))


def constant(source: str, name: str) -> object:
    """The value a script assigns to a top-level NAME."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not assigned")


def test_large_csv_data_is_read_from_the_file_and_still_matches(tmp_path: Path) -> None:
    data_spec = large_csv(tmp_path)
    data = data_spec.load()
    assert data.n > EMBED_LIMIT
    spec = BackendSpec("keras", init=Init.values(0.9, 0.1), lr=0.2, steps=150)
    source = export_script(spec, data, data_spec, every=EVERY)
    assert "X = [" not in source and "read_points(DATA_FILE)" in source
    assert constant(source, "DATA_FILE") == data_spec.path and data.checksum in source
    printed, lines = run_script(source, tmp_path / "large_csv.py")
    assert len(printed) == len(lines)
    for engine in ENGINES["keras"]:
        expected = trainer_rows(spec, data, [], engine)
        assert_rows_match("keras", printed, expected)
    assert lines == printed_lines("keras", expected)


def test_large_synthetic_data_is_regenerated_and_still_matches(tmp_path: Path) -> None:
    data_spec = DataSpec(n=EMBED_LIMIT + 1000, slope=-1.25, intercept=3.0, noise=0.2, seed=9)
    data = data_spec.load()
    spec = BackendSpec("numpy", init=Init("zeros"), lr=0.3, steps=150)
    changes = [(75, 0.1)]
    source = export_script(spec, data, data_spec, changes, every=EVERY)
    assert "X = [" not in source and "make_points(" in source
    printed, lines = run_script(source, tmp_path / "large_synthetic.py")
    assert len(printed) == len(lines)
    expected = trainer_rows(spec, data, changes, "stepwise")
    assert_rows_match("numpy", printed, expected)
    assert lines == printed_lines("numpy", expected)


def test_large_data_the_data_spec_does_not_describe_is_written_out() -> None:
    data = DataSpec(n=EMBED_LIMIT + 1).load()
    for stale in (DataSpec(n=EMBED_LIMIT + 1, seed=1), DataSpec(kind="csv", path="elsewhere.csv")):
        source = export_script(BackendSpec("numpy", steps=10), data, stale)
        assert "X = [" in source and "elsewhere" not in source and "make_points" not in source


def test_exported_scripts_are_ruff_clean(tmp_path: Path) -> None:
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is not installed in this environment")
    large = DataSpec(n=EMBED_LIMIT + 1)
    csv_data = large_csv(tmp_path)
    sources = {
        case: export_script(spec, DATA, DATA_SPEC, changes, EVERY)
        for case, (spec, changes) in CASES.items()
    }
    odd = DataSpec(n=EMBED_LIMIT + 1, slope=0.123456789012, intercept=-9.87654321, noise=0.5)
    many_changes = [(10 * i, 0.001 * (i + 1)) for i in range(12)]  # too many for one line
    for name in ("numpy", "tf", "tf1", "keras", "keras-fit"):
        spec = BackendSpec(name, steps=200, epochs=2)
        sources[f"{name}-plain"] = export_script(spec, DATA, DATA_SPEC)
        sources[f"{name}-large"] = export_script(spec, large.load(), large)
        sources[f"{name}-odd"] = export_script(spec, odd.load(), odd, many_changes)
        sources[f"{name}-csv"] = export_script(spec, csv_data.load(), csv_data)
    paths = []
    for case, source in sources.items():
        # not numpy.py or keras.py: a script must not hide the module it imports
        path = tmp_path / f"export_{case.replace('-', '_')}.py"
        path.write_text(source, encoding="utf-8")
        compile(source, str(path), "exec")
        paths.append(str(path))
    config = ["--config", str(ROOT / "pyproject.toml")]
    for command in (["check", "--no-cache"], ["format", "--check", "--no-cache"]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command, *config, *paths],
            capture_output=True,
            text=True,
            timeout=SUBPROCESS_GUARD_S,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_script_settings_follow_the_card() -> None:
    spec = BackendSpec("keras", steps=100)
    source = export_script(spec, DATA, DATA_SPEC, [(50, 0.1), (50, 0.2), (500, 0.3)], every=10)
    assert "LR_CHANGES = {50: 0.2}" in source  # the last change for a step wins; 500 never comes
    assert "learning_rate.assign(LEARNING_RATE)" not in source  # Keras keeps its own default
    assert "set_weights" not in source  # and its own seeded kernel
    assert "GlorotUniform(seed=SEED)" in source and "SEED = 0" in source
    plain = export_script(BackendSpec("tf"), DATA, DATA_SPEC)
    assert "LR_CHANGES" not in plain and "EVERY = 50" in plain and "STEPS = 1001" in plain
    assert "LEARNING_RATE = 0.1" in plain and "W0, B0 = 0.0, 0.0" in plain
    fit = export_script(BackendSpec("keras-fit", epochs=4, batch_size=3), DATA, DATA_SPEC)
    assert "EPOCHS = 4" in fit and "BATCH_SIZE = 3" in fit and "SHUFFLE = True" in fit
    assert "keras.utils.set_random_seed(SEED)" in fit


@pytest.mark.parametrize(
    "kwargs",
    [{"every": 0}, {"lr_changes": [(-1, 0.1)]}, {"lr_changes": [(5, 0.0)]}, {"every": 2.5}],
)
def test_bad_export_settings_are_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        export_script(BackendSpec("numpy"), DATA, DATA_SPEC, **kwargs)


def test_lr_changes_may_be_given_as_lr_change_objects() -> None:
    spec = BackendSpec("tf1", steps=300)
    as_objects = export_script(spec, DATA, DATA_SPEC, [LrChange(100, 0.5)])
    assert as_objects == export_script(spec, DATA, DATA_SPEC, [(100, 0.5)])


def test_parse_printed_rows_reads_the_posts_rows() -> None:
    text = (
        "0 [0.09048238, 0.20768635]\n"
        "some other output\n"
        "\n"
        "50 [0.59999704, 0.8000013]\n"
        "1000 [-1.5e-07, nan]\n"
        "7 [np.float32(0.1), 0.2]\n"
    )
    rows = parse_printed_rows(text)
    assert rows[:2] == [(0, 0.09048238, 0.20768635), (50, 0.59999704, 0.8000013)]
    assert rows[2][:2] == (1000, -1.5e-07) and np.isnan(rows[2][2])
    assert len(rows) == 3


def test_module_imports_neither_qt_nor_a_framework() -> None:
    code = (
        "import sys, trainers.scripts.export\n"
        "bad = ('PySide6', 'pyqtgraph', 'shiboken6', 'tensorflow', 'keras')\n"
        "print([m for m in sys.modules if m.split('.')[0] in bad])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=SUBPROCESS_GUARD_S,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
