"""The original post's own program, TensorFlow 1 style, through ``tf.compat.v1``."""

from __future__ import annotations

import numpy as np

from trainers.base import Trainer
from trainers.config import POST_SCRIPT_LR
from trainers.tensorflow_import import import_tensorflow


class TF1Trainer(Trainer):
    """A private ``tf.Graph`` and ``Session`` with ``GradientDescentOptimizer(lr).minimize(loss)``.

    The graph is built inside ``graph.as_default()``, so eager execution stays on for the rest
    of the process. The learning rate is a non-trainable variable with an assign op.
    Engines: ``stepwise`` runs ``sess.run(train)`` once per update, as the post did;
    ``compiled`` runs a chunk in one ``sess.run`` of an in-graph ``tf.while_loop``.
    """

    name = "tf1"
    engines = ("stepwise", "compiled")
    chunk_sizes = {"stepwise": 20, "compiled": 200}

    def _setup(self) -> tuple[float, float, float]:
        tf = import_tensorflow()
        v1 = tf.compat.v1
        w0, b0 = self.start_values(0.0, 0.0)
        data = self.config.data
        graph = tf.Graph()
        with graph.as_default():
            x_data = tf.constant(data.x, dtype=tf.float32)
            y_data = tf.constant(data.y, dtype=tf.float32)
            w = v1.Variable(w0, dtype=tf.float32, name="w")
            b = v1.Variable(b0, dtype=tf.float32, name="b")
            learning_rate = v1.Variable(POST_SCRIPT_LR, dtype=tf.float32, trainable=False)
            self._lr_value = v1.placeholder(tf.float32, shape=(), name="lr_value")
            self._set_lr = v1.assign(learning_rate, self._lr_value)

            y = w * x_data + b
            loss = tf.reduce_mean(tf.square(y_data - y))
            optimizer = v1.train.GradientDescentOptimizer(learning_rate)
            self._train = optimizer.minimize(loss)
            self._read = tf.stack([w.read_value(), b.read_value()])

            self._count = v1.placeholder(tf.int32, shape=(), name="count")

            def body(i, path):
                step_loss = tf.reduce_mean(tf.square(y_data - (w * x_data + b)))
                with tf.control_dependencies([optimizer.minimize(step_loss)]):
                    return i + 1, path.write(i, tf.stack([w.read_value(), b.read_value()]))

            _, path = tf.while_loop(
                lambda i, _: i < self._count,
                body,
                [tf.constant(0), tf.TensorArray(tf.float32, size=self._count)],
                parallel_iterations=1,  # updates depend on each other through the variables
            )
            self._chunk = path.stack()
            init = v1.global_variables_initializer()
        graph.finalize()
        self._session = v1.Session(graph=graph)
        self._session.run(init)
        if self.engine == "compiled":
            self._session.run(self._chunk, {self._count: 0})
        return w0, b0, POST_SCRIPT_LR

    def _apply_lr(self, lr: float) -> None:
        self._session.run(self._set_lr, {self._lr_value: lr})

    def _run(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        sess = self._session
        if self.engine == "compiled":
            path = sess.run(self._chunk, {self._count: k})
        else:
            path = np.empty((k, 2), dtype=np.float32)
            for i in range(k):
                sess.run(self._train)
                path[i] = sess.run(self._read)
        return path[:, 0], path[:, 1]

    def _close(self) -> None:
        session = getattr(self, "_session", None)
        if session is not None:
            session.close()
