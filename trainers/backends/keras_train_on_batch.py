"""Keras ``train_on_batch``: one full-batch update per call, as in the original post."""

from __future__ import annotations

from typing import Any

import numpy as np

from trainers.backends.keras_model import KerasModel, keras_optimizer, schedule_base
from trainers.base import Trainer
from trainers.model_pool import POOL
from trainers.optimizers import pool_key, resolved
from trainers.tensorflow_import import import_keras, import_tensorflow
from trainers.values import OWN_ENGINES


def _compile_chunk(tf: Any, km: KerasModel) -> Any:
    """A tf.function making k updates with the model, its compiled loss and its optimizer."""
    model, optimizer = km.model, km.model.optimizer
    variables = model.trainable_variables
    x, y = tf.constant(km.x), tf.constant(km.y)
    kernel, bias = km.layer.kernel, km.layer.bias

    def run_chunk(k: Any) -> Any:
        path = tf.TensorArray(tf.float32, size=k)
        for i in tf.range(k):
            tf.autograph.experimental.set_loop_options(parallel_iterations=1)
            with tf.GradientTape() as tape:
                y_pred = model(x, training=True)
                loss = model.compute_loss(x=x, y=y, y_pred=y_pred)
            optimizer.apply(tape.gradient(loss, variables), variables)
            path = path.write(i, tf.stack([kernel[0, 0], bias[0]]))
        return path.stack()

    chunk = tf.function(run_chunk)
    chunk(tf.constant(0))  # trace once per model, not in the first visible chunk
    return chunk


class KerasTrainer(Trainer):
    """``model.train_on_batch(x, y)`` per update, weights read after each.

    Engines: ``stepwise`` is the post's loop; ``compiled`` runs a chunk in one ``tf.function``
    that calls the same model, its compiled loss and its own optimizer's ``apply`` on the
    model's variables, so both give the same numbers.
    """

    name = "keras"
    engines = OWN_ENGINES["keras"]
    chunk_sizes = {"stepwise": 10, "compiled": 200}

    def _setup(self) -> tuple[float, float, float]:
        keras = import_keras()
        self._key = pool_key(self.name, self.config)
        km = self._km = POOL.borrow(self._key)
        if km is None:
            base = schedule_base(import_tensorflow(), self.name, self.config)
            optimizer = keras_optimizer(self.config, base)
            km = self._km = KerasModel(keras, self.config.data, optimizer=optimizer, base=base)
        if not self.plain:
            self.hyper = resolved(self.name, self.config)
        w0, b0 = km.reset(self.config)
        self._tf = import_tensorflow()
        if self.engine == "compiled" and km.compiled_chunk is None:
            km.compiled_chunk = _compile_chunk(self._tf, km)
        return w0, b0, km.default_lr

    def _apply_lr(self, lr: float) -> None:
        self._km.set_lr(lr)

    def _run(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        km = self._km
        if self.engine == "compiled":
            path = km.compiled_chunk(self._tf.constant(k)).numpy()
            return path[:, 0], path[:, 1]
        ws, bs = np.empty(k), np.empty(k)
        for i in range(k):
            km.model.train_on_batch(km.x, km.y)
            ws[i], bs[i] = km.weights()
        return ws, bs

    def _rates(self, first: int, count: int) -> np.ndarray:
        return self._km.rates(first, count)

    def _close(self) -> None:
        km, self._km = getattr(self, "_km", None), None
        if km is not None:
            POOL.give_back(self._key, km)
