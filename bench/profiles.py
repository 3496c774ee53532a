"""How long each measurement runs: ``full`` (the figures), ``quick`` (under a minute, figures
to within their noise) and ``smoke`` (seconds: proves every measurement runs end to end and
reports every key; its figures mean nothing)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    """The size of every measurement of one benchmark run."""

    name: str
    launches: int
    """Launches of the window and of a bare Qt window (median)."""
    imports: int
    """Timed TensorFlow imports and launches to a drawn TensorFlow update (median)."""
    gui_seconds: float
    """Each of the window's loaded and replayed (idle, long) phases."""
    long_updates: int
    """Updates each run already holds in the long replay."""
    speeds: tuple[float, ...]
    """Paced speeds (updates/s), each measured for every backend at once."""
    paced_seconds: float
    memory_cycles: int
    throughput_seconds: float
    """Each backend and engine, after warm-up."""
    big_n: int
    """The large data set of the throughput table (its key stays "1000000")."""
    view_repeats: int
    view_n: int
    overlap: bool = False
    """Run the child processes side by side (their figures then mean nothing)."""


PROFILES: dict[str, Profile] = {
    "full": Profile(
        name="full",
        launches=3,
        imports=3,
        gui_seconds=8.0,
        long_updates=2_000_000,
        speeds=(100.0, 1000.0),
        paced_seconds=4.0,
        memory_cycles=200,
        throughput_seconds=1.5,
        big_n=1_000_000,
        view_repeats=15,
        view_n=1_000_000,
    ),
    "quick": Profile(
        name="quick",
        launches=1,
        imports=1,
        gui_seconds=1.5,
        long_updates=1_000_000,
        speeds=(100.0, 1000.0),
        paced_seconds=1.0,
        memory_cycles=4,
        throughput_seconds=0.15,
        big_n=1_000_000,
        view_repeats=5,
        view_n=1_000_000,
    ),
    "smoke": Profile(
        name="smoke",
        launches=1,
        imports=1,
        gui_seconds=0.3,
        long_updates=1_000,
        speeds=(100.0, 1000.0),
        paced_seconds=0.2,
        memory_cycles=1,
        throughput_seconds=0.0,
        big_n=1_000,
        view_repeats=1,
        view_n=1_000,
        overlap=True,
    ),
}
