"""Helpers shared by the backend tests: run a trainer to the end and keep every update."""

from __future__ import annotations

import numpy as np

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


def plain_train_on_batch(optimizer, data, w0: float, b0: float, steps: int) -> np.ndarray:
    """The post's Keras program, written plainly: ``Dense(1)`` from (w0, b0), compiled with
    ``optimizer``, ``train_on_batch`` on the whole data ``steps`` times; (w, b) after each."""
    import keras

    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer=optimizer)
    model.layers[0].set_weights([np.array([[w0]], np.float32), np.array([b0], np.float32)])
    x, y = data.x.astype(np.float32)[:, None], data.y.astype(np.float32)[:, None]
    path = np.empty((steps, 2))
    for i in range(steps):
        model.train_on_batch(x, y)
        kernel, bias = model.layers[0].get_weights()
        path[i] = kernel[0, 0], bias[0]
    return path
