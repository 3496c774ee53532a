"""``python -m app theory`` against an independent computation from the data's design matrix."""

from __future__ import annotations

import io
import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from guards import SUBPROCESS_GUARD_S

from app.cli import theory
from trainers import load_csv, synthetic

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = theory(list(args), out, err)
    return status, out.getvalue(), err.getvalue()


def independent(x: np.ndarray, y: np.ndarray) -> dict:
    """The MSE's Hessian, axes and optimum from the design matrix [x, 1], not from moments."""
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    design = np.column_stack([x, np.ones_like(x)])
    hessian = 2.0 * design.T @ design / x.size
    values, vectors = np.linalg.eigh(hessian)
    optimum = np.linalg.lstsq(design, y, rcond=None)[0]
    return {"hessian": hessian, "values": values, "vectors": vectors, "optimum": optimum}


def heavy_ball_radius(values: np.ndarray, lr: float, momentum: float) -> float:
    """Spectral radius of v' = βv − lr·Λe, e' = e + v' in the eigenbasis, as one 4×4 matrix."""
    lam = np.diag(values)
    matrix = np.block(
        [[np.eye(2) - lr * lam, momentum * np.eye(2)], [-lr * lam, momentum * np.eye(2)]]
    )
    return float(np.max(np.abs(np.linalg.eigvals(matrix))))


def first_shrink(rho: float) -> int | None:
    return next((k for k in range(1, 10**6) if rho**k <= 0.01), None) if rho < 1 else None


def check(report: dict, x: np.ndarray, y: np.ndarray, lr: float, momentum: float) -> None:
    ref = independent(x, y)
    np.testing.assert_allclose(report["optimum"], ref["optimum"], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(report["hessian"], ref["hessian"], rtol=1e-9)
    np.testing.assert_allclose(report["eigenvalues"], ref["values"], rtol=1e-9)
    for got, want in zip(report["eigenvectors"], ref["vectors"].T, strict=True):
        assert abs(float(np.dot(got, want))) == pytest.approx(1.0, abs=1e-9)  # same axis
    lo, hi = ref["values"]
    assert report["condition_number"] == pytest.approx(hi / lo, rel=1e-9)
    assert report["critical_lr"] == pytest.approx(2 * (1 + momentum) / hi, rel=1e-9)
    assert report["optimal_lr"] == pytest.approx(2 / (lo + hi), rel=1e-9)
    rho = heavy_ball_radius(ref["values"], lr, momentum)
    assert report["rate"] == pytest.approx(rho, rel=1e-6)
    assert report["updates_to_100x"] == first_shrink(rho)


@pytest.mark.parametrize(
    "lr, momentum", [(0.1, 0.0), (0.7, 0.0), (0.9, 0.0), (0.3, 0.9), (1.5, 0.9), (0.05, 0.5)]
)
def test_json_matches_the_design_matrix(lr: float, momentum: float) -> None:
    args = ["--noise", "0.3", "--seed", "4", "--lr", str(lr), "--format", "json"]
    if momentum:
        args += ["--optimizer", "sgd", "--opt", f"momentum={momentum}"]
    status, out, err = cli(*args)
    assert status == 0 and err == ""
    data = synthetic(noise=0.3, seed=4)
    check(json.loads(out), data.x, data.y, lr, momentum)


def test_csv_data_and_text_format(tmp_path: Path) -> None:
    path = tmp_path / "points.csv"
    x = np.linspace(-1, 3, 30)
    path.write_text("x,y\n" + "".join(f"{a},{2 * a - 1 + 0.1 * math.sin(7 * a)}\n" for a in x))
    status, out, _ = cli("--data", str(path), "--lr", "0.05", "--format", "json")
    data = load_csv(str(path))
    report = json.loads(out)
    assert status == 0
    check(report, data.x, data.y, 0.05, 0.0)
    status, text, _ = cli("--data", str(path), "--lr", "0.05")
    assert status == 0
    for key in ("optimum", "hessian", "eigenvalues", "condition number", "critical lr"):
        assert key in text
    assert f"{report['condition_number']:.6g}" in text
    assert f"{report['critical_lr']:.6g}" in text
    assert f"{report['updates_to_100x']} updates to shrink" in text


def test_without_lr_no_rate_and_never_shrinking_is_null() -> None:
    _, out, _ = cli("--format", "json")
    assert "rate" not in json.loads(out) and "updates_to_100x" not in json.loads(out)
    _, out, _ = cli("--format", "json", "--lr", "0.8")  # past 2/λmax = 0.771
    report = json.loads(out)
    assert report["rate"] > 1 and report["updates_to_100x"] is None


def test_nesterov_and_adaptive_optimizers() -> None:
    _, out, _ = cli("--format", "json", "--opt", "momentum=0.5", "--opt", "nesterov=true")
    lam_max = json.loads(out)["eigenvalues"][1]
    assert json.loads(out)["critical_lr"] == pytest.approx(2 * 1.5 / (2.0 * lam_max))
    status, out, _ = cli("--format", "json", "--optimizer", "adam", "--lr", "0.01")
    report = json.loads(out)
    assert status == 0 and report["critical_lr"] is None and report["rate"] is None
    assert "adaptive" in report["no_prediction"]


@pytest.mark.parametrize(
    "args, words",
    [
        (["--lr", "-1"], "learning rate"),
        # no framework here, so no framework default to stand for
        (["--lr", "default"], "'default' is no learning rate"),
        (["--data", "/nonexistent/points.csv"], "does not exist"),
        (["--data", "p.csv", "--n", "5"], "drop --n"),
        (["--opt", "beta_1=0.9"], "no option 'beta_1'"),
        (["--opt", "momentum=1.5"], "momentum"),
        (["--optimizer", "lbfgs"], "lbfgs"),
        (["--format", "yaml"], "yaml"),
        (["--n", "1"], "at least 2 points"),
    ],
)
def test_bad_input_is_one_error_line_and_status_2(args: list[str], words: str) -> None:
    status, out, err = cli(*args)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and words in err


def test_python_m_app_theory() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app", "theory", "--lr", "0.1", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_GUARD_S,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["updates_to_100x"] == 350  # the explain panel's "≈ 350"
    bad = subprocess.run(
        [sys.executable, "-m", "app", "theory", "--lr", "zero"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_GUARD_S,
    )
    assert bad.returncode == 2 and bad.stderr.startswith("error:") and bad.stdout == ""
