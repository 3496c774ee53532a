"""``python -m bench [--quick | --smoke]``: every figure side by side in one run, a table,
then JSON.

The last line printed is one JSON object (the keys below); everything before it is for people.
``--smoke`` runs each measurement for a moment: it proves that everything runs and reports
every key (the test suite uses it); its figures mean nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from bench import startup, throughput, views
from bench.procs import run_json
from bench.profiles import PROFILES

PACED_TOLERANCE = 0.10
"""A paced speed is kept if every backend delivers it to within this fraction."""


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
            ratio(r["window_s"], r["qt_floor_s"]),
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
        (
            "aligned_window_s / tf_import_s",
            ratio(r["aligned_window_s"], r["tf_import_s"]),
            "<= 1x",
            r["aligned_window_s"] <= r["tf_import_s"],
        ),
        (
            "frames_per_s / frames_per_s_idle",
            ratio(r["frames_per_s"], r["frames_per_s_idle"]),
            ">= 0.8x",
            r["frames_per_s"] >= 0.8 * r["frames_per_s_idle"],
        ),
        (
            "p99 gap in idle frame intervals",
            r["gui_stall_frames"],
            "<= 2.5",
            r["gui_stall_frames"] <= 2.5,
        ),
        (
            f"frames_per_s_long ({r['long_updates']:.0e}) / idle",
            ratio(r["frames_per_s_long"], r["frames_per_s_idle"]),
            ">= 0.8x",
            r["frames_per_s_long"] >= 0.8 * r["frames_per_s_idle"],
        ),
        ("surface_ms (n=10^6)", r["surface_ms"], "<= 50", r["surface_ms"] <= 50),
        ("scatter_ms (n=10^6)", r["scatter_ms"], "<= 200", r["scatter_ms"] <= 200),
        (
            f"rss_growth_mb ({r['rss_cycles']} cycles)",
            r["rss_growth_mb"],
            "<= 20",
            r["rss_growth_mb"] <= 20,
        ),
    ]
    for speed, off in paced_errors(r).items():
        out.append((f"paced {speed}/s: worst backend off by (%)", 100 * off, "<= 10", off <= 0.1))
    return out


def paced_errors(r: dict) -> dict[str, float]:
    """For each paced speed, the largest relative difference of a backend's delivered rate."""
    return {
        f"{float(speed):g}": max(abs(rate / float(speed) - 1) for rate in rates.values())
        for speed, rates in r["paced"].items()
    }


def print_report(r: dict) -> None:
    print(f"Descent Lab benchmark ({r['profile']}) — {r['machine']}")
    if r["profile"] == "smoke":
        print("(smoke: every measurement ran for a moment; the figures below mean nothing)")
    print(f"\n{'updates per second':<22}{'n = 50':>14}{'n = 1,000,000':>16}")
    for backend, engines in r["updates_per_s"].items():
        for engine, by_n in engines.items():
            print(f"{backend + ' ' + engine:<22}{by_n['50']:>14,.0f}{by_n['1000000']:>16,.0f}")
    full = r["keras_fit_full_batch"]
    print(
        f"keras-fit, n = batch = 50: stepwise {full['stepwise']:,.0f}, "
        f"compiled {full['compiled']:,.0f}"
    )
    print(
        f"\nwindow {r['window_s']:.2f} s (bare Qt {r['qt_floor_s']:.2f} s), "
        f"TensorFlow import {r['tf_import_s']:.2f} s, first TF update drawn {r['ready_s']:.2f} s"
    )
    print(
        f"five backends at full speed: GUI p99 gap {r['gui_stall_ms']:.1f} ms, "
        f"{r['frames_per_s']:.1f} repaints/s; updates/s meanwhile: "
        + ", ".join(f"{k} {v:,.0f}" for k, v in r["updates_per_s_under_load"].items())
    )
    print(
        f"the same updates replayed without training: {r['frames_per_s_idle']:.1f} repaints/s, "
        f"p99 gap {r['gui_stall_ms_idle']:.1f} ms; after {r['long_updates']:,} updates each: "
        f"{r['frames_per_s_long']:.1f} repaints/s, p99 gap {r['gui_stall_ms_long']:.1f} ms"
    )
    print(
        f"aligned preset in the window, Start to all five finished: {r['aligned_window_s']:.2f} s ("
        + ", ".join(f"{k} {v:.2f}" for k, v in r["aligned_finished_s"].items())
        + ")"
    )
    for speed, rates in r["paced"].items():
        print(
            f"paced {float(speed):g} updates/s delivered: "
            + ", ".join(f"{k} {v:,.1f}" for k, v in rates.items())
        )
    print("seconds per part: " + ", ".join(f"{k} {v:.1f}" for k, v in r["phase_s"].items()))
    print(
        "  of which in the window: "
        + ", ".join(f"{k} {v:.1f}" for k, v in r["window_phase_s"].items())
    )
    print(f"\n{'target':<38}{'measured':>12}  {'goal':<8} ok")
    for what, value, goal, met in targets(r):
        print(f"{what:<38}{value:>12.2f}  {goal:<8} {'yes' if met else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", help="shorter runs, under a minute")
    size.add_argument(
        "--smoke",
        action="store_true",
        help="a moment of each (proves it runs; figures meaningless)",
    )
    args = parser.parse_args()
    profile = PROFILES["smoke" if args.smoke else "quick" if args.quick else "full"]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    started = time.time()
    result: dict = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "profile": profile.name,
    }
    phases: dict[str, float] = {}

    def timed(phase: str, figures: dict) -> None:
        result.update(figures)
        phases[phase] = time.time() - sum(phases.values()) - started

    # Children first, before this process imports TensorFlow and Qt (and loads the cores).
    children = {
        "startup": lambda: startup.measure(profile),
        "window": lambda: run_json(["-m", "bench.gui_load", profile.name]),
        "memory": lambda: run_json(["-m", "bench.memory", str(profile.memory_cycles)]),
    }
    in_process = {
        "views": lambda: views.measure(profile),  # before this process imports TensorFlow
        "throughput": lambda: {"updates_per_s": throughput.measure(profile)},
        "keras_fit": lambda: {"keras_fit_full_batch": throughput.keras_fit_full_batch(profile)},
    }
    if profile.overlap:  # figures that mean nothing may share the cores
        with ThreadPoolExecutor(len(children)) as pool:
            running = {phase: pool.submit(measure) for phase, measure in children.items()}
            for phase, measure in in_process.items():
                timed(phase, measure())
            for phase, future in running.items():
                timed(phase, future.result())
    else:
        for phase, measure in {**children, **in_process}.items():
            timed(phase, measure())
    result["rss_cycles"] = result.pop("cycles")
    # A gap measured in the frame intervals this machine manages with nothing training.
    result["gui_stall_frames"] = result["gui_stall_ms"] * result["frames_per_s_idle"] / 1000
    result["phase_s"] = phases
    result["bench_s"] = time.time() - started
    print_report(result)
    print(json.dumps(result), flush=True)
    sys.stdout.flush()
    os._exit(0)  # skip TensorFlow's slow interpreter teardown; everything is printed


if __name__ == "__main__":
    main()
