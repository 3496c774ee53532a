"""Helpers shared by the backend tests: run a trainer to the end and keep every update."""

from __future__ import annotations

from trainers import Chunk, LrSchedule, RunConfig, create_trainer, run_planned

FULL_BATCH_ENGINES = [
    ("numpy", "loop"),
    ("numpy", "closed_form"),
    ("tf", "eager"),
    ("tf", "stepwise"),
    ("tf", "compiled"),
    ("tf1", "stepwise"),
    ("tf1", "compiled"),
    ("keras", "stepwise"),
    ("keras", "compiled"),
]


def run_to_end(
    name: str, config: RunConfig, schedule: LrSchedule | None = None, k: int | None = None
) -> tuple[Chunk, object]:
    """Every update of a whole run, and the (closed) trainer."""
    with create_trainer(name, config) as trainer:
        chunk = Chunk.concat(list(run_planned(trainer, schedule or LrSchedule(), k)))
    return chunk, trainer
