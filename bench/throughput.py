"""Updates per second of every backend and engine, at the post's 50 points and at a million."""

from __future__ import annotations

import functools
import time

from bench.profiles import Profile
from trainers import Dataset, Init, RunConfig, create_trainer, synthetic

ENGINES = {
    "numpy": ("loop", "closed_form"),
    "tf": ("eager", "stepwise", "compiled"),
    "tf1": ("stepwise", "compiled"),
    "keras": ("stepwise", "compiled"),
    "keras-fit": ("stepwise", "compiled"),  # fit + per-batch callback; recorded in train_step
}


@functools.cache
def _points(n: int) -> Dataset:
    """One data set per size for every measurement (0.2 s to make at n = 10⁶; and the app's
    model pool reuses a data set's models, as it does in the window)."""
    return synthetic(n=n)


def updates_per_second(
    name: str, engine: str, n: int, seconds: float, batch_size: int = 1, shuffle: bool = True
) -> float:
    """Steady-state rate: after preparing and one warm-up chunk, as many chunks as fit in
    ``seconds`` (at least two)."""
    config = RunConfig(
        _points(n),
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


def measure(profile: Profile) -> dict[str, dict[str, dict[str, float]]]:
    """Updates/s of each backend and engine at n = 50 and n = 10⁶ (keys "50", "1000000"; the
    smoke profile's "1000000" is a small n)."""
    sizes = {"50": 50, "1000000": profile.big_n}
    result: dict[str, dict[str, dict[str, float]]] = {}
    for name, engines in ENGINES.items():
        for engine in engines:
            for label, n in sizes.items():
                rate = updates_per_second(name, engine, n, profile.throughput_seconds)
                result.setdefault(name, {}).setdefault(engine, {})[label] = rate
    return result


def keras_fit_full_batch(profile: Profile) -> dict[str, float]:
    """keras-fit's engines at the post's 50 points as one batch (the aligned demo's
    ``--batch-size 50 --no-shuffle``): one update per ``fit`` epoch."""
    seconds = profile.throughput_seconds
    return {
        engine: updates_per_second("keras-fit", engine, 50, seconds, batch_size=50, shuffle=False)
        for engine in ENGINES["keras-fit"]
    }
