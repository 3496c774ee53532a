"""The original post's Keras model, with every default taken from Keras itself."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from trainers.config import RunConfig


def seeded_default_kernel_initializer(keras: ModuleType, seed: int) -> Any:
    """Keras's own default kernel initializer for Dense (glorot_uniform), made reproducible."""
    default = keras.layers.Dense(1).kernel_initializer
    return type(default).from_config({**default.get_config(), "seed": seed})


def build_model(keras: ModuleType, config: RunConfig) -> tuple[Any, float]:
    """``Sequential([Dense(1)])`` compiled with ``loss="mse", optimizer="sgd"``.

    The kernel starts from Keras's default initializer (seeded with ``config.init_seed``), the
    bias from Keras's default (zeros), unless the config gives initial values. Returns the
    model and the learning rate Keras's ``"sgd"`` chose.
    """
    model = keras.Sequential(
        [
            keras.Input(shape=(1,)),
            keras.layers.Dense(
                1, kernel_initializer=seeded_default_kernel_initializer(keras, config.init_seed)
            ),
        ]
    )
    model.compile(loss="mse", optimizer="sgd")
    if config.init.kind != "default":
        w0, b0 = (0.0, 0.0) if config.init.kind == "zeros" else (config.init.w, config.init.b)
        model.layers[0].set_weights(
            [np.array([[w0]], dtype=np.float32), np.array([b0], dtype=np.float32)]
        )
    return model, float(model.optimizer.learning_rate)


def read_weights(model: Any) -> tuple[float, float]:
    """(w, b) of the single Dense unit."""
    layer = model.layers[0]
    return float(layer.kernel.numpy()[0, 0]), float(layer.bias.numpy()[0])


def training_arrays(config: RunConfig) -> tuple[np.ndarray, np.ndarray]:
    """x and y as the (n, 1) float32 columns Keras expects."""
    data = config.data
    return data.x.astype(np.float32)[:, None], data.y.astype(np.float32)[:, None]
