"""Launching Python children and reading what they report."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


_SCRATCH = tempfile.mkdtemp(prefix="descent-lab-bench-")


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a benchmark child: offscreen Qt, quiet TensorFlow, and settings and
    logs in a scratch folder of its own (a benchmark must not change what the user's app
    remembers, nor one child what the next opens on: a window that reopened another child's
    unstarted experiment never drew the update the "ready" probe waits for)."""
    own = tempfile.mkdtemp(dir=_SCRATCH)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "XDG_CONFIG_HOME": os.path.join(own, "config"),
        "XDG_STATE_HOME": os.path.join(own, "state"),
    }
    env.update(extra)
    return env


def run_child(args: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` from the project root; an error if it fails."""
    result = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=child_env(),
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{args} failed:\n{result.stderr[-3000:]}")
    return result


def timed_launch(args: list[str], marker: str, timeout: float = 300) -> float:
    """Seconds from starting ``python ARGS`` to the moment it prints ``marker <unix time>``."""
    start = time.time()
    result = run_child(args, timeout)
    for line in result.stdout.splitlines():
        if line.startswith(marker + " "):
            return float(line.split()[-1]) - start
    raise RuntimeError(f"{args} printed no '{marker}' line:\n{result.stdout}")


def run_json(args: list[str], timeout: float = 900) -> dict:
    """Run a child that prints one JSON object as its last line; return it."""
    return json.loads(run_child(args, timeout).stdout.strip().splitlines()[-1])


def median(values: list[float]) -> float:
    return float(statistics.median(values))
