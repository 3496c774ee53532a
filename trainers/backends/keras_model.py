"""The original post's Keras model, with every default taken from Keras itself."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from trainers.config import RunConfig
from trainers.data import Dataset


class KerasModel:
    """``Sequential([Dense(1)])`` compiled with ``loss="mse", optimizer="sgd"`` for one data
    set, reset for each run and reused run after run (see model_pool). An engine may build it
    from a subclass of ``Sequential`` and add compile options (keras-fit's compiled engine).

    Everything a run starts from comes from Keras at run time: the learning rate ``"sgd"``
    chose, the Dense layer's own kernel initializer (glorot_uniform) made reproducible with the
    run's seed, and its own bias initializer (zeros).
    """

    def __init__(
        self, keras: ModuleType, data: Dataset, sequential: Any = None, **compile_options: Any
    ) -> None:
        self.keras = keras
        sequential = sequential or keras.Sequential
        self.model = sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
        self.model.compile(loss="mse", optimizer="sgd", **compile_options)
        self.default_lr = float(self.model.optimizer.learning_rate)
        self.model.optimizer.build(self.model.trainable_variables)
        self.layer = self.model.layers[0]
        self.x = data.x.astype(np.float32)[:, None]
        self.y = data.y.astype(np.float32)[:, None]
        self.compiled_chunk: Any = None  # built by the compiled engine on first use
        self.recorder: Any = None  # keras-fit's compiled engine: its per-batch buffer

    def reset(self, config: RunConfig) -> tuple[float, float]:
        """Put the model at the run's start (and the optimizer at step 0, Keras's default lr);
        return (w0, b0)."""
        layer = self.layer
        if config.init.kind == "default":
            default = layer.kernel_initializer
            seeded = type(default).from_config({**default.get_config(), "seed": config.init_seed})
            kernel = seeded(shape=layer.kernel.shape, dtype=layer.kernel.dtype)
            bias = layer.bias_initializer(shape=layer.bias.shape, dtype=layer.bias.dtype)
        else:
            w0, b0 = (0.0, 0.0) if config.init.kind == "zeros" else (config.init.w, config.init.b)
            kernel = np.array([[w0]], dtype=np.float32)
            bias = np.array([b0], dtype=np.float32)
        layer.kernel.assign(kernel)
        layer.bias.assign(bias)
        optimizer = self.model.optimizer
        optimizer.iterations.assign(0)
        optimizer.learning_rate.assign(self.default_lr)
        return self.weights()

    def weights(self) -> tuple[float, float]:
        """(w, b) of the single Dense unit."""
        return float(self.layer.kernel.numpy()[0, 0]), float(self.layer.bias.numpy()[0])

    def set_lr(self, lr: float) -> None:
        self.model.optimizer.learning_rate.assign(lr)
