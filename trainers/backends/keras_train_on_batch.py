"""Keras ``train_on_batch``: one full-batch update per call, as in the original post."""

from __future__ import annotations

from typing import Any

import numpy as np

from trainers.backends.keras_model import build_model, read_weights, training_arrays
from trainers.base import Trainer
from trainers.tensorflow_import import import_keras, import_tensorflow


class KerasTrainer(Trainer):
    """``model.train_on_batch(x, y)`` per update, weights read after each.

    Engines: ``stepwise`` is the post's loop; ``compiled`` runs a chunk in one ``tf.function``
    that calls the same model, its compiled loss and its own optimizer's ``apply`` on the
    model's variables, so both give the same numbers.
    """

    name = "keras"
    engines = ("stepwise", "compiled")
    chunk_sizes = {"stepwise": 10, "compiled": 200}

    def _setup(self) -> tuple[float, float, float]:
        keras = import_keras()
        self._model, default_lr = build_model(keras, self.config)
        self._x, self._y = training_arrays(self.config)
        if self.engine == "compiled":
            self._compile_chunk(import_tensorflow())
        w0, b0 = read_weights(self._model)
        return w0, b0, default_lr

    def _compile_chunk(self, tf: Any) -> None:
        model = self._model
        optimizer = model.optimizer
        variables = model.trainable_variables
        optimizer.build(variables)
        x = tf.constant(self._x)
        y = tf.constant(self._y)
        kernel, bias = model.layers[0].kernel, model.layers[0].bias

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

        self._tf = tf
        self._chunk = tf.function(run_chunk)
        self._chunk(tf.constant(0))

    def _apply_lr(self, lr: float) -> None:
        self._model.optimizer.learning_rate.assign(lr)

    def _run(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        if self.engine == "compiled":
            path = self._chunk(self._tf.constant(k)).numpy()
            return path[:, 0], path[:, 1]
        ws, bs = np.empty(k), np.empty(k)
        for i in range(k):
            self._model.train_on_batch(self._x, self._y)
            ws[i], bs[i] = read_weights(self._model)
        return ws, bs
