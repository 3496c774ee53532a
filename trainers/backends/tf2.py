"""TensorFlow 2: tf.Variable w and b, the loss on a GradientTape, eager or compiled."""

from __future__ import annotations

from typing import Any

import numpy as np

from trainers.base import Trainer
from trainers.config import POST_SCRIPT_LR
from trainers.tensorflow_import import import_tensorflow


class TF2Trainer(Trainer):
    """Gradient descent with ``tf.GradientTape``, in float32.

    Engines: ``eager`` (plain Python loop), ``stepwise`` (one ``tf.function`` call per update)
    and ``compiled`` (one ``tf.function`` call runs a whole chunk in a graph loop, returning
    every intermediate). The learning rate is a ``tf.Variable``, so changing it never retraces.
    """

    name = "tf"
    engines = ("eager", "stepwise", "compiled")
    chunk_sizes = {"eager": 10, "stepwise": 20, "compiled": 200}

    def _setup(self) -> tuple[float, float, float]:
        tf = self._tf = import_tensorflow()
        w0, b0 = self.start_values(0.0, 0.0)
        data = self.config.data
        x = tf.constant(data.x, dtype=tf.float32)
        y = tf.constant(data.y, dtype=tf.float32)
        self._w = w = tf.Variable(w0, dtype=tf.float32, name="w")
        self._b = b = tf.Variable(b0, dtype=tf.float32, name="b")
        self._lr_var = lr = tf.Variable(POST_SCRIPT_LR, dtype=tf.float32, trainable=False)

        def update() -> None:
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(y - (w * x + b)))
            grad_w, grad_b = tape.gradient(loss, [w, b])
            w.assign_sub(lr * grad_w)
            b.assign_sub(lr * grad_b)

        def update_and_read() -> Any:
            update()
            return tf.stack([w.read_value(), b.read_value()])

        def run_chunk(k: Any) -> Any:
            path = tf.TensorArray(tf.float32, size=k)
            for i in tf.range(k):
                # Each update reads the variables the previous one wrote: run them in order.
                tf.autograph.experimental.set_loop_options(parallel_iterations=1)
                update()
                path = path.write(i, tf.stack([w.read_value(), b.read_value()]))
            return path.stack()

        self._eager_step = update_and_read
        self._graph_step = tf.function(update_and_read)
        self._graph_chunk = tf.function(run_chunk)
        if self.engine == "compiled":
            self._graph_chunk(tf.constant(0))  # trace now, not in the first visible chunk
        elif self.engine == "stepwise":
            self._graph_step.get_concrete_function()
        return w0, b0, POST_SCRIPT_LR

    def _apply_lr(self, lr: float) -> None:
        self._lr_var.assign(lr)

    def _run(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        if self.engine == "compiled":
            path = self._graph_chunk(self._tf.constant(k)).numpy()
        else:
            step = self._graph_step if self.engine == "stepwise" else self._eager_step
            path = self._tf.stack([step() for _ in range(k)]).numpy()
        return path[:, 0], path[:, 1]
