"""The benchmark runs end to end and reports every figure it promises (never a timed check)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from guards import SUBPROCESS_GUARD_S

ROOT = Path(__file__).resolve().parents[1]

KEYS = {
    "window_s",
    "qt_floor_s",
    "tf_import_s",
    "ready_s",
    "updates_per_s",
    "gui_stall_ms",
    "frames_per_s",
    "surface_ms",
    "scatter_ms",
    "rss_growth_mb",
}
ENGINES = {
    "numpy": {"loop", "closed_form"},
    "tf": {"eager", "stepwise", "compiled"},
    "tf1": {"stepwise", "compiled"},
    "keras": {"stepwise", "compiled"},
    "keras-fit": {"stepwise", "compiled"},
}


def test_quick_benchmark_prints_every_key_as_its_last_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=SUBPROCESS_GUARD_S,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    report = json.loads(lines[-1])
    assert set(report) >= KEYS
    assert "target" in result.stdout  # the human-readable table comes first
    ups = report["updates_per_s"]
    assert {b: set(e) for b, e in ups.items()} == ENGINES
    for engines in ups.values():
        for by_n in engines.values():
            assert set(by_n) == {"50", "1000000"}
            assert all(rate > 0 for rate in by_n.values())
    for key in KEYS - {"updates_per_s"}:
        assert isinstance(report[key], float), key
    assert report["window_s"] > 0 and report["qt_floor_s"] > 0
