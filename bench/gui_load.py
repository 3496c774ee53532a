"""The real window under load, measured against itself: ``python -m bench.gui_load SIZE``.

A child process (offscreen Qt) that prints one JSON object. SIZE is a profile of
``bench.profiles`` (smoke, quick, full). In order:

1. *aligned*: the "all five aligned" preset as a user runs it; after every backend has
   prepared, Start, and the seconds until all five have finished (``aligned_window_s``).
2. *loaded*: the same five with a million updates each (NumPy on its per-point loop, so it is
   still running), at full speed: repaints per second of the plots and the event loop's gaps
   (a precise 2 ms timer; a gap is time the window could not serve the user).
3. *idle*: the same window drawing the same updates at the same moments, replayed from what
   the loaded phase received, with no training thread working: the machine's own floor
   (``frames_per_s_idle``). Then *long*: that replay after each run already holds
   ``long_updates`` updates, which is where per-frame costs that grow with the run show.
4. *paced*: the five at a set speed (e.g. 100 and 1,000 updates/s each), default engines:
   the rate each backend delivered.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import replace

import numpy as np

from bench.profiles import PROFILES, Profile

LOADED_UPDATES = 1_000_000


def main(profile: Profile) -> None:
    began = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    from app.main_window import MainWindow
    from app.malloc_tuning import limit_malloc_arenas

    limit_malloc_arenas()  # as the launcher does
    sys.setswitchinterval(0.001)  # as the launcher does
    app = QApplication(sys.argv[:1])
    window = MainWindow(preset="aligned")
    window.remember_on_close = False
    window.resize(1440, 900)
    window.show()
    result: dict[str, object] = {}
    phases: dict[str, float] = {"open": time.perf_counter() - began}
    for phase, measure in (
        ("aligned", lambda: aligned_window(window)),
        ("loaded_idle_long", lambda: loaded_then_idle(window, profile)),
        ("paced", lambda: {"paced": {f"{v:g}": paced(window, v, profile) for v in profile.speeds}}),
    ):
        started = time.perf_counter()
        result.update(measure())
        phases[phase] = time.perf_counter() - started
    result["window_phase_s"] = phases
    window.close()
    app.processEvents()
    print(json.dumps(result), flush=True)


# -- phases ---------------------------------------------------------------------------------
def aligned_window(window) -> dict[str, object]:
    """Start to the last of the five finished, after preparing (the preset's own settings)."""
    from bench.gui_probe import wait_until

    controller = window.controller
    _wait_ready(window)
    finished: dict[str, float] = {}
    start = time.perf_counter()

    def note(name: str) -> None:
        if controller.statuses[name].ended and name not in finished:
            finished[name] = time.perf_counter() - start

    controller.status_changed.connect(note)
    window.session.start()
    wait_until(lambda: controller.all_ended)
    took = time.perf_counter() - start
    controller.status_changed.disconnect(note)
    states = {n: s.state for n, s in controller.statuses.items()}
    if set(states.values()) != {"finished"}:
        raise RuntimeError(f"the aligned run did not finish: {states}")
    return {"aligned_window_s": took, "aligned_finished_s": finished}


def loaded_then_idle(window, profile: Profile) -> dict[str, object]:
    from bench.gui_probe import FrameProbe, run_for, wait_until

    controller = window.controller
    _set_run(window, LOADED_UPDATES, numpy_engine="loop", speed=None)
    _wait_ready(window)
    window.session.start()
    wait_until(
        lambda: (
            all(s.state == "running" for s in controller.statuses.values())
            and all(len(h) for h in controller.histories.values())
        )
    )
    probe = FrameProbe(window.plots.views())
    received: list[tuple[float, str, int]] = []  # (seconds into the phase, backend, rows)
    start_rows = {n: len(h) for n, h in controller.histories.items()}

    def record(name: str) -> None:
        received.append((time.perf_counter() - began, name, len(controller.histories[name])))

    cpu = time.thread_time()
    began = time.perf_counter()
    controller.progressed.connect(record)
    probe.start()
    run_for(profile.gui_seconds)
    loaded = probe.stop()
    controller.progressed.disconnect(record)
    cpu_share = (time.thread_time() - cpu) / loaded["seconds"]
    rows = {n: len(h) for n, h in controller.histories.items()}
    under_load = {n: (rows[n] - start_rows[n]) / loaded["seconds"] for n in rows}
    snapshot = {n: _rows(h, 0, rows[n]) for n, h in controller.histories.items()}
    window.session.pause()
    seconds = loaded["seconds"]
    idle = _replay(window, probe, received, start_rows, snapshot, 0, seconds)
    long = _replay(window, probe, received, start_rows, snapshot, profile.long_updates, seconds)
    return {
        "frames_per_s": loaded["frames_per_s"],
        "gui_stall_ms": loaded["gap_p99_ms"],
        "gui_max_gap_ms": loaded["gap_max_ms"],
        "gui_thread_cpu_share": cpu_share,
        "updates_per_s_under_load": under_load,
        "frames_per_s_idle": idle["frames_per_s"],
        "gui_stall_ms_idle": idle["gap_p99_ms"],
        "frames_per_s_long": long["frames_per_s"],
        "gui_stall_ms_long": long["gap_p99_ms"],
        "long_updates": profile.long_updates,
    }


def paced(window, speed: float, profile: Profile) -> dict[str, float]:
    """Updates per second each backend delivered at ``speed``, after settling in."""
    from bench.gui_probe import run_for, wait_until

    controller = window.controller
    _set_run(window, LOADED_UPDATES, numpy_engine=None, speed=speed)
    _wait_ready(window)
    window.session.start()
    wait_until(lambda: all(len(h) for h in controller.histories.values()))
    run_for(min(0.5, profile.paced_seconds))
    before = {n: len(h) for n, h in controller.histories.items()}
    began = time.perf_counter()
    run_for(profile.paced_seconds)
    took = time.perf_counter() - began
    rates = {n: (len(h) - before[n]) / took for n, h in controller.histories.items()}
    window.session.pause()
    return rates


# -- helpers --------------------------------------------------------------------------------
def _set_run(window, updates: int, numpy_engine: str | None, speed: float | None) -> None:
    """The aligned preset with ``updates`` updates per backend; a fresh run of it, not started."""
    from trainers.presets import apply_preset

    document = window.document
    experiment = apply_preset("aligned", document.experiment, document.data.n)
    backends = {}
    for name, spec in experiment.backends.items():
        spec = replace(spec, steps=updates, epochs=updates)
        if name == "numpy" and numpy_engine:
            spec = replace(spec, engine=numpy_engine)
        backends[name] = spec
    document.set_experiment(replace(experiment, backends=backends, speed=speed))


def _wait_ready(window) -> None:
    from bench.gui_probe import wait_until

    controller = window.controller
    if not controller.statuses:
        window.session.rebuild()
    wait_until(
        lambda: (
            bool(controller.statuses)
            and all(s.state == "ready" for s in controller.statuses.values())
        )
    )


def _rows(history, start: int, end: int):
    from trainers.base import Chunk

    return Chunk(*(history.column(f)[start:end].copy() for f in ("step", "w", "b", "loss", "lr")))


def _replay(
    window, probe, received, start_rows, snapshot, offset: int, seconds: float
) -> dict[str, float]:
    """Draw what the loaded phase received, at the moments it did, from a run whose workers
    were never sent a job; with ``offset`` updates of history before it (a long run)."""
    from PySide6.QtCore import Qt, QTimer

    from bench.gui_probe import run_for, wait_until
    from trainers.base import Chunk
    from trainers.runloop import WorkerEvent

    controller = window.controller
    controller._launch = lambda run: None  # no worker: this run is only drawn
    try:
        window.session.reset()
    finally:
        del controller._launch
    controller.start()
    generation = controller._generation

    def deliver(name: str, kind: str, data: object) -> None:
        controller._on_worker_event(WorkerEvent(generation, name, kind, data))

    def shifted(chunk: Chunk) -> Chunk:
        return replace(chunk, step=chunk.step + offset)

    for name, chunk in snapshot.items():
        deliver(name, "state", "running")
        if offset:
            steps = np.arange(offset)
            head = chunk.take(slice(0, 1))
            loss = np.geomspace(10.0, max(float(head.loss[0]), 1e-12), offset)
            deliver(
                name,
                "progress",
                Chunk(
                    steps,
                    np.repeat(head.w, offset),
                    np.repeat(head.b, offset),
                    loss,
                    np.repeat(head.lr, offset),
                ),
            )
        deliver(name, "progress", shifted(chunk.take(slice(0, start_rows[name]))))
    wait_until(lambda: window.frames.up_to_date)
    run_for(0.2)
    done = dict(start_rows)
    queue = iter(received)
    upcoming = next(queue, None)
    began = time.perf_counter()

    def feed() -> None:
        nonlocal upcoming
        now = time.perf_counter() - began
        while upcoming is not None and upcoming[0] <= now:
            _, name, rows = upcoming
            if rows > done[name]:
                deliver(name, "progress", shifted(snapshot[name].take(slice(done[name], rows))))
                done[name] = rows
            upcoming = next(queue, None)

    feeder = QTimer(interval=1, timerType=Qt.TimerType.PreciseTimer)
    feeder.timeout.connect(feed)
    probe.start()
    feeder.start()
    run_for(seconds)
    feeder.stop()
    return probe.stop()


if __name__ == "__main__":
    main(PROFILES[sys.argv[1] if len(sys.argv) > 1 else "full"])
