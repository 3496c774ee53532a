"""Updates per second of every backend and engine, at the post's 50 points and at a million."""

from __future__ import annotations

import time

from trainers import Init, RunConfig, create_trainer, synthetic

ENGINES = {
    "numpy": ("loop", "closed_form"),
    "tf": ("eager", "stepwise", "compiled"),
    "tf1": ("stepwise", "compiled"),
    "keras": ("stepwise", "compiled"),
    "keras-fit": ("stepwise", "compiled"),  # fit + per-batch callback; recorded in train_step
}
SIZES = {"50": 50, "1000000": 1_000_000}


def updates_per_second(
    name: str, engine: str, n: int, seconds: float, batch_size: int = 1, shuffle: bool = True
) -> float:
    """Steady-state rate: after preparing and one warm-up chunk, as many chunks as fit in
    ``seconds`` (at least two)."""
    config = RunConfig(
        synthetic(n=n),
        init=Init("zeros"),
        lr=0.05,
        steps=10_000_000,
        epochs=10_000_000,
        batch_size=batch_size,  # keras-fit as in the post: per-update work does not grow with n
        shuffle=shuffle,
        engine=engine,
    )
    with create_trainer(name, config) as trainer:
        trainer.prepare()
        trainer.advance(trainer.chunk_size)
        done, chunks = 0, 0
        start = time.perf_counter()
        while chunks < 2 or time.perf_counter() - start < seconds:
            done += len(trainer.advance(trainer.chunk_size))
            chunks += 1
        return done / (time.perf_counter() - start)


def measure(quick: bool) -> dict[str, dict[str, dict[str, float]]]:
    seconds = 0.25 if quick else 1.5
    result: dict[str, dict[str, dict[str, float]]] = {}
    for name, engines in ENGINES.items():
        for engine in engines:
            for label, n in SIZES.items():
                rate = updates_per_second(name, engine, n, seconds)
                result.setdefault(name, {}).setdefault(engine, {})[label] = rate
    return result


def keras_fit_full_batch(quick: bool) -> dict[str, float]:
    """keras-fit's engines at the post's 50 points as one batch (the aligned demo's
    ``--batch-size 50 --no-shuffle``): one update per ``fit`` epoch."""
    seconds = 0.25 if quick else 1.5
    return {
        engine: updates_per_second("keras-fit", engine, 50, seconds, batch_size=50, shuffle=False)
        for engine in ENGINES["keras-fit"]
    }
