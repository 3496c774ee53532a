"""The benchmark runs end to end and reports every figure it promises (never a timed check).

It runs at its ``--smoke`` size: every measurement for a moment, figures meaningless."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

from guards import SUBPROCESS_GUARD_S

ROOT = Path(__file__).resolve().parents[1]

FIGURES = {
    "window_s",
    "qt_floor_s",
    "plots_s",
    "tf_import_s",
    "ready_s",
    "aligned_window_s",
    "gui_stall_ms",
    "gui_stall_frames",
    "frames_per_s",
    "frames_per_s_idle",
    "frames_per_s_long",
    "surface_ms",
    "scatter_ms",
    "rss_growth_mb",
}
BACKENDS = {"numpy", "tf", "tf1", "keras", "keras-fit"}
ENGINES = {
    "numpy": {"loop", "closed_form"},
    "tf": {"eager", "stepwise", "compiled"},
    "tf1": {"stepwise", "compiled"},
    "keras": {"stepwise", "compiled"},
    "keras-fit": {"stepwise", "compiled"},
}


def test_smoke_benchmark_prints_every_key_as_its_last_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=SUBPROCESS_GUARD_S,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    report = json.loads(lines[-1])
    assert report["profile"] == "smoke"
    assert "target" in result.stdout and "mean nothing" in result.stdout  # people's table first
    for key in FIGURES:  # smoke figures mean nothing (a busy machine may paint no frame)
        assert isinstance(report[key], float) and math.isfinite(report[key]), key
    ups = report["updates_per_s"]
    assert {b: set(e) for b, e in ups.items()} == ENGINES
    for engines in ups.values():
        for by_n in engines.values():
            assert set(by_n) == {"50", "1000000"}
            assert all(rate > 0 for rate in by_n.values())
    assert set(report["keras_fit_full_batch"]) == {"stepwise", "compiled"}
    assert set(report["aligned_finished_s"]) == BACKENDS
    assert set(report["updates_per_s_under_load"]) == BACKENDS
    assert set(report["paced"]) == {"100", "1000"}
    assert all(set(rates) == BACKENDS for rates in report["paced"].values())
