"""``python -m bench [--quick]``: every figure side by side in one run, a table, then JSON.

The last line printed is one JSON object (the keys below); everything before it is for people.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time

from bench import startup, throughput, views
from bench.procs import run_json


def targets(r: dict) -> list[tuple[str, float, str, bool]]:
    """(what, measured, target, met) for each target of the speed issue."""
    ups = r["updates_per_s"]

    def ratio(a: float, b: float) -> float:
        return a / b if b else float("inf")

    tf50 = ups["tf"]["compiled"]["50"]
    rows = [
        ("tf compiled / eager, n=50", ratio(tf50, ups["tf"]["eager"]["50"]), ">= 20x", 20),
        ("tf compiled / stepwise, n=50", ratio(tf50, ups["tf"]["stepwise"]["50"]), ">= 5x", 5),
        (
            "tf1 compiled / stepwise, n=50",
            ratio(ups["tf1"]["compiled"]["50"], ups["tf1"]["stepwise"]["50"]),
            ">= 2x",
            2,
        ),
        (
            "keras compiled / stepwise, n=50",
            ratio(ups["keras"]["compiled"]["50"], ups["keras"]["stepwise"]["50"]),
            ">= 10x",
            10,
        ),
        (
            "keras-fit compiled / stepwise, B=n=50",
            ratio(r["keras_fit_full_batch"]["compiled"], r["keras_fit_full_batch"]["stepwise"]),
            ">= 10x",
            10,
        ),
        ("tf compiled / numpy loop, n=50", ratio(tf50, ups["numpy"]["loop"]["50"]), ">= 0.5x", 0.5),
        (
            "tf compiled / numpy loop, n=10^6",
            ratio(ups["tf"]["compiled"]["1000000"], ups["numpy"]["loop"]["1000000"]),
            ">= 1x",
            1,
        ),
    ]
    out = [(what, value, goal, value >= need) for what, value, goal, need in rows]
    out += [
        (
            "window_s / qt_floor_s",
            r["window_s"] / r["qt_floor_s"],
            "<= 1.2x",
            r["window_s"] <= 1.2 * r["qt_floor_s"],
        ),
        (
            "ready_s - tf_import_s (s)",
            r["ready_s"] - r["tf_import_s"],
            "<= 1.5",
            r["ready_s"] <= r["tf_import_s"] + 1.5,
        ),
        ("gui_stall_ms (p99 gap)", r["gui_stall_ms"], "<= 50", r["gui_stall_ms"] <= 50),
        ("frames_per_s", r["frames_per_s"], ">= 30", r["frames_per_s"] >= 30),
        ("surface_ms (n=10^6)", r["surface_ms"], "<= 50", r["surface_ms"] <= 50),
        ("scatter_ms (n=10^6)", r["scatter_ms"], "<= 200", r["scatter_ms"] <= 200),
        (
            f"rss_growth_mb ({r['rss_cycles']} cycles)",
            r["rss_growth_mb"],
            "<= 20",
            r["rss_growth_mb"] <= 20,
        ),
    ]
    return out


def print_report(r: dict) -> None:
    print(f"Descent Lab benchmark — {r['machine']}")
    print(f"\n{'updates per second':<22}{'n = 50':>14}{'n = 1,000,000':>16}")
    for backend, engines in r["updates_per_s"].items():
        for engine, by_n in engines.items():
            print(f"{backend + ' ' + engine:<22}{by_n['50']:>14,.0f}{by_n['1000000']:>16,.0f}")
    print(
        f"\nwindow {r['window_s']:.2f} s (bare Qt {r['qt_floor_s']:.2f} s), "
        f"TensorFlow import {r['tf_import_s']:.2f} s, first TF update drawn {r['ready_s']:.2f} s"
    )
    print(
        f"five backends at full speed: GUI p99 gap {r['gui_stall_ms']:.1f} ms, "
        f"{r['frames_per_s']:.1f} repaints/s; updates/s meanwhile: "
        + ", ".join(f"{k} {v:,.0f}" for k, v in r["updates_per_s_under_load"].items())
    )
    print(f"\n{'target':<38}{'measured':>12}  {'goal':<8} ok")
    for what, value, goal, met in targets(r):
        print(f"{what:<38}{value:>12.2f}  {goal:<8} {'yes' if met else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="shorter runs, under a minute")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    started = time.time()
    result: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "quick": args.quick,
    }
    # Children first, before this process imports TensorFlow and Qt (and loads the cores).
    result.update(startup.measure(args.quick))
    load = run_json(["-m", "bench.gui_load", "4" if args.quick else "10"])
    result.update(load)
    cycles = 15 if args.quick else 200
    result.update(run_json(["-m", "bench.memory", str(cycles)]))
    result["rss_cycles"] = result.pop("cycles")
    result["updates_per_s"] = throughput.measure(args.quick)
    result["keras_fit_full_batch"] = throughput.keras_fit_full_batch(args.quick)
    result.update(views.measure(args.quick))
    result["bench_s"] = time.time() - started
    print_report(result)
    print(json.dumps(result), flush=True)
    sys.stdout.flush()
    os._exit(0)  # skip TensorFlow's slow interpreter teardown; everything is printed


if __name__ == "__main__":
    main()
