"""The ``run`` command line: its output contract, its defaults and its errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from guards import SUBPROCESS_GUARD_S

from app.cli import run
from trainers import synthetic, theory

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run(list(args), out, err)
    return status, out.getvalue(), err.getvalue()


def table_rows(text: str) -> tuple[list[str], dict[int, list[str]]]:
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    header = lines[0].split()
    rows = {int(line.split()[0]): line.split()[1:] for line in lines[1:]}
    return header, rows


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_default_run_shows_the_posts_contradiction() -> None:
    status, out, err = cli()
    assert status == 0 and err == ""
    header, rows = table_rows(out)
    assert header == ["step", "tf", "w", "tf", "b", "keras", "w", "keras", "b"]
    assert sorted(rows) == list(range(0, 1001, 50))
    tf_w, tf_b, keras_w, _ = map(float, rows[1000])
    assert tf_w == pytest.approx(0.6, abs=1e-5) and tf_b == pytest.approx(0.8, abs=1e-5)
    assert abs(keras_w - 0.6) > 0.1  # lr 0.01 from a random kernel: far from done
    # the header lines say why
    assert "lr 0.1 (the post script)" in out
    assert "lr 0.01 (Keras sgd default)" in out
    assert "Keras's default kernel initializer, seed 0" in out


def test_first_row_is_after_the_first_update() -> None:
    status, out, _ = cli("--backend", "numpy", "--format", "jsonl", "--every", "1", "--steps", "3")
    rows = jsonl(out)
    stats = synthetic().stats
    w, b = theory.gd_path(stats, 0.0, 0.0, 0.1, 3)
    assert status == 0
    assert [r["step"] for r in rows] == [0, 1, 2]
    assert [r["w"] for r in rows] == pytest.approx(w.tolist(), abs=1e-15)
    assert [r["b"] for r in rows] == pytest.approx(b.tolist(), abs=1e-15)
    assert rows[0]["loss"] == pytest.approx(float(stats.mse(w[0], b[0])))


def test_aligned_settings_print_the_same_numbers_in_every_backend() -> None:
    # The full-batch backends make the post's 1001 updates; keras-fit, which pays one Keras
    # epoch per full-batch update, makes the first 201 of them (its agreement is under test,
    # not its length).
    args = ["--init", "zeros", "--lr", "0.1", "--no-shuffle", "--batch-size", "50"]
    args += ["--steps", "1001", "--epochs", "201", "--format", "jsonl"]
    for name in ("numpy", "tf", "tf1", "keras", "keras-fit"):
        args += ["--backend", name]
    status, out, _ = cli(*args)
    assert status == 0
    by_backend: dict[str, list[dict]] = {}
    for row in jsonl(out):
        assert set(row) == {"backend", "step", "w", "b", "loss", "lr"}
        by_backend.setdefault(row["backend"], []).append(row)
    assert set(by_backend) == {"numpy", "tf", "tf1", "keras", "keras-fit"}
    reference = {r["step"]: r for r in by_backend["numpy"]}
    assert list(reference) == list(range(0, 1001, 50))
    assert [r["step"] for r in by_backend["keras-fit"]] == [*range(0, 201, 50)]
    for name, rows in by_backend.items():
        if name != "keras-fit":
            assert [r["step"] for r in rows] == list(reference)
        for key in ("w", "b"):
            gap = max(abs(r[key] - reference[r["step"]][key]) for r in rows)
            assert gap < 1e-5, (name, key, gap)


def test_every_and_last_step_rows() -> None:
    status, out, _ = cli("--backend", "tf", "--steps", "107", "--every", "25", "--format", "jsonl")
    assert status == 0
    assert [r["step"] for r in jsonl(out)] == [0, 25, 50, 75, 100, 106]


def test_keras_fit_counts_batches_across_epochs() -> None:
    status, out, _ = cli("--backend", "keras-fit", "--format", "jsonl", "--every", "100")
    steps = [r["step"] for r in jsonl(out)]
    assert status == 0 and steps == [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 999]


def test_lr_at_changes_the_rate_before_that_update() -> None:
    status, out, _ = cli(
        "--backend",
        "tf1",
        "--lr-at",
        "500:0.01",
        "--every",
        "1",
        "--steps",
        "600",
        "--format",
        "jsonl",
    )
    rows = jsonl(out)
    assert status == 0
    assert {r["lr"] for r in rows[:500]} == {0.1} and {r["lr"] for r in rows[500:]} == {0.01}
    w1, b1 = theory.gd_path(synthetic().stats, 0.0, 0.0, 0.1, 500)
    w2, _ = theory.gd_path(synthetic().stats, w1[-1], b1[-1], 0.01, 100)
    assert np.max(np.abs(np.array([r["w"] for r in rows]) - np.concatenate([w1, w2]))) < 1e-5


def test_csv_data(tmp_path: Path) -> None:
    path = tmp_path / "points.csv"
    x = np.linspace(0, 1, 20)
    path.write_text("x,y\n" + "".join(f"{a},{2 * a - 1}\n" for a in x))
    status, out, _ = cli("--data", str(path), "--backend", "numpy", "--steps", "3000")
    _, rows = table_rows(out)
    assert status == 0
    assert "# data: 20 points" in out
    assert float(rows[2999][0]) == pytest.approx(2.0, abs=1e-4)
    assert float(rows[2999][1]) == pytest.approx(-1.0, abs=1e-4)


@pytest.mark.parametrize(
    "args, words",
    [
        (["--backend", "torch"], "unknown backend 'torch'"),
        (["--data", "/nonexistent/points.csv"], "does not exist"),
        (["--data", "{bad}"], "y = 'oops' is not a finite number"),
        (["--data", "{one}"], "at least 2 points"),
        (["--data", "{bad}", "--n", "10"], "drop --n"),
        (["--n", "1"], "at least 2 points"),
        (["--noise", "nan"], "noise must be a finite number"),
        (["--lr", "0"], "learning rate must be a finite number above 0"),
        (["--lr", "-0.1"], "above 0"),
        (["--lr", "fast"], "learning rate 'fast' should be a positive number"),
        (["--lr", "inf"], "above 0"),
        (["--init", "1;2"], "initial values '1;2'"),
        (["--init", "nan,0"], "finite"),
        (["--lr-at", "500"], "should be STEP:LR"),
        (["--lr-at", "x:0.1"], "should be STEP:LR"),
        (["--lr-at", "5:-1"], "above 0"),
        (["--lr-at=-5:0.1"], "cannot be negative"),
        (["--lr-at", "5000:0.1"], "after the last update"),
        (["--steps", "0"], "steps must be a whole number from 1"),
        (["--steps", "many"], "invalid int value"),
        (["--every", "0"], "--every must be a whole number from 1"),
        (["--batch-size", "0"], "batch size must be"),
        (["--format", "xml"], "invalid choice"),
        (["--frobnicate"], "unrecognized arguments"),
        (["--optimizer", "lbfgs"], "invalid choice: 'lbfgs'"),
        (["--optimizer", "adam", "--opt", "momentum=0.9"], "adam has no option 'momentum'"),
        (["--opt", "momentum"], "should be KEY=VALUE"),
        (["--opt", "momentum=1.5"], "momentum must be a number from 0.0 to 1.0, got 1.5"),
        (["--opt", "momentum=fast"], "momentum must be a number from 0.0 to 1.0, got fast"),
        (["--opt", "nesterov=yes"], "nesterov must be true or false, got 'yes'"),
        (["--optimizer", "adam", "--opt", "epsilon=-1"], "epsilon must be a number from 0.0"),
        (["--backend", "tf1", "--optimizer", "adamax"], "tf1 cannot run optimizer 'adamax'"),
        (["--backend", "tf1", "--optimizer", "nadam"], "tf1 cannot run optimizer 'nadam'"),
        (["--backend", "tf1", "--optimizer", "adamw"], "tf1 cannot run optimizer 'adamw'"),
        (["--backend", "tf1", "--optimizer", "lion"], "tf1 cannot run optimizer 'lion'"),
        (["--optimizer", "adadelta", "--opt", "beta_1=0.9"], "adadelta has no option 'beta_1'"),
        (["--optimizer", "adamw", "--opt", "weight_decay=-1"], "weight decay must be a number"),
        (
            ["--optimizer", "ftrl", "--opt", "learning_rate_power=0.5"],
            "learning rate power must be a number from -inf to 0.0, got 0.5",
        ),
        (["--optimizer", "ftrl", "--opt", "beta=-0.5"], "beta must be a number from 0.0"),
        (["--optimizer", "lion", "--opt", "beta_1=0"], "'lion' needs a beta_1 above 0"),
        (["--optimizer", "lion", "--opt", "epsilon=1e-7"], "lion has no option 'epsilon'"),
        (
            ["--backend", "tf1", "--optimizer", "adagrad", "--opt", "epsilon=1e-7"],
            "AdagradOptimizer has no epsilon",
        ),
        (["--schedule", "step"], "unknown learning-rate schedule 'step'"),
        (["--schedule", "cosine:decay_rate=0.5"], "schedule cosine has no option 'decay_rate'"),
        (["--schedule", "cosine:decay_steps"], "should be KEY=VALUE"),
        (["--schedule", "exponential:decay_steps=10"], "needs decay_rate"),
        (["--schedule", "cosine:decay_steps=0"], "decay steps must be a number"),
        (["--schedule", "cosine:decay_steps=9,alpha=2"], "alpha must be a number from 0.0 to 1.0"),
        (["--schedule", "plateau:patience=0.5"], "plateau's patience counts updates"),
        (["--schedule", "plateau:factor=1"], "plateau's factor must be below 1"),
        (["--schedule", "plateau:decay_steps=5"], "schedule plateau has no option 'decay_steps'"),
        (["--schedule", "piecewise_constant:boundaries=5/2,values=1/2/3"], "strictly increasing"),
        (["--schedule", "piecewise_constant:boundaries=-1/2,values=1/2/3"], "from 0"),
        (["--schedule", "piecewise_constant:boundaries=2/x,values=1/2/3"], "got '2/x'"),
        (["--schedule", "piecewise_constant:boundaries=2/5,values=0.1/0.05"], "one more value"),
        (["--schedule", "piecewise_constant:boundaries=2,values=0.1/nan"], "rates above 0"),
        (["--schedule", "piecewise_constant:boundaries=2,values=0.1/-1"], "rates above 0"),
        (["--schedule", "piecewise_constant:boundaries=2,5,values=1/2/3"], "separated by '/'"),
        (["--schedule", "piecewise_constant:boundaries=2"], "needs values"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, args: list[str], words: str) -> None:
    (tmp_path / "bad.csv").write_text("x,y\n1,2\n3,oops\n")
    (tmp_path / "one.csv").write_text("x,y\n1,2\n")
    args = [a.format(bad=tmp_path / "bad.csv", one=tmp_path / "one.csv") for a in args]
    status, out, err = cli(*args)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert words in err


def test_divergence_is_reported_and_exits_3() -> None:
    status, out, _ = cli("--backend", "numpy", "--backend", "tf", "--lr", "10")
    assert status == 3
    diverged = [line for line in out.splitlines() if "diverged" in line]
    assert len(diverged) == 2
    assert diverged[0].startswith("# numpy diverged at step ") and diverged[0].endswith("(lr=10)")
    assert "nan" not in out.lower() and "inf" not in out.lower()


def test_the_real_entry_point_exits_cleanly_without_a_traceback(tmp_path: Path) -> None:
    bad = subprocess.run(
        [sys.executable, "-m", "app", "run", "--backend", "nope"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=SUBPROCESS_GUARD_S,
    )
    assert bad.returncode == 2
    assert (
        bad.stderr
        == "error: unknown backend 'nope'; choose from: numpy, tf, tf1, keras, keras-fit\n"
    )
    diverging = subprocess.run(
        [sys.executable, "-m", "app", "run", "--backend", "tf", "--lr", "10", "--format", "jsonl"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=SUBPROCESS_GUARD_S,
    )
    assert diverging.returncode == 3
    assert "Traceback" not in diverging.stderr
    assert diverging.stderr.strip().startswith("# tf diverged at step")
    assert all(json.loads(line)["backend"] == "tf" for line in diverging.stdout.splitlines())


def test_the_installed_cli_script_runs_the_command_line() -> None:
    script = Path(sys.executable).parent / "descent-lab-cli"
    assert script.exists(), "pip install -e . creates it"
    result = subprocess.run(
        [
            str(script),
            "run",
            "--backend",
            "numpy",
            "--steps",
            "3",
            "--every",
            "1",
            "--format",
            "jsonl",
        ],
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_GUARD_S,
    )
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["step"] for line in result.stdout.splitlines()] == [0, 1, 2]
