"""The original post's own program, TensorFlow 1 style, through ``tf.compat.v1``."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from trainers.base import Trainer
from trainers.config import POST_SCRIPT_LR
from trainers.data import Dataset
from trainers.lr_schedules import RULES, scaled_values, tf1_rate
from trainers.model_pool import POOL
from trainers.optimizers import (
    framework_defaults,
    is_plain,
    pool_key,
    resolved,
    tf1_arguments,
    tf1_class,
)
from trainers.tensorflow_import import import_tensorflow
from trainers.values import OWN_ENGINES


class _Graph:
    """One data set's graph and session, reused run after run (see model_pool)."""

    def __init__(
        self,
        tf: ModuleType,
        data: Dataset,
        w0: float,
        b0: float,
        optimizer_class: Any = None,
        arguments: dict[str, Any] | None = None,
        config: Any = None,
    ) -> None:
        from tensorflow.python.util import deprecation

        v1 = tf.compat.v1
        graph = tf.Graph()
        # silence(): RMSProp's and Adagrad's slot initializers log a deprecation notice.
        with graph.as_default(), deprecation.silence():
            # The post's program, with the learning rate in a variable so it can change live.
            x_data = tf.constant(data.x, dtype=tf.float32)
            y_data = tf.constant(data.y, dtype=tf.float32)
            w = v1.Variable(w0, dtype=tf.float32, name="w")
            b = v1.Variable(b0, dtype=tf.float32, name="b")
            learning_rate = v1.Variable(POST_SCRIPT_LR, dtype=tf.float32, trainable=False)
            y = w * x_data + b
            loss = tf.reduce_mean(tf.square(y_data - y))
            rate, global_step, resets = learning_rate, None, []
            if config is not None and config.schedule not in RULES:
                # tf.compat.v1.train's decay of the learning rate (its base) on a global step
                # that minimize() counts: update k uses the rate at step k.
                global_step = v1.Variable(0, dtype=tf.int64, trainable=False, name="global_step")
                base = learning_rate
                if config.schedule == "piecewise_constant":  # its values, set with the rate
                    count = len(config.values)
                    pieces = v1.Variable(np.float32(config.values), trainable=False, name="values")
                    base = [pieces[i] for i in range(count)]
                    self.pieces_value = v1.placeholder(tf.float32, shape=(count,), name="pieces")
                    self.set_pieces = v1.assign(pieces, self.pieces_value)

                def rate() -> Any:  # called by each minimize(): in the loop, at each update
                    return tf1_rate(config, base, global_step)

                self.step_at = v1.placeholder(tf.int64, shape=(), name="step_at")
                self.rate_at = tf1_rate(config, base, self.step_at)
                resets.append(v1.assign(global_step, 0))
            if optimizer_class is None:
                optimizer = v1.train.GradientDescentOptimizer(rate)
            else:  # the run's tf.compat.v1.train optimizer, Keras's names mapped onto it
                optimizer = optimizer_class(rate, **(arguments or {}))
            self.train = optimizer.minimize(loss, global_step=global_step)
            self.read = tf.stack([w.read_value(), b.read_value()])
            init = v1.global_variables_initializer()

            # Feeds for changing the learning rate, and for restarting at other values.
            self.lr_value = v1.placeholder(tf.float32, shape=(), name="lr_value")
            self.set_lr = v1.assign(learning_rate, self.lr_value)
            self.w0 = v1.placeholder(tf.float32, shape=(), name="w0")
            self.b0 = v1.placeholder(tf.float32, shape=(), name="b0")
            self.restart = tf.group(v1.assign(w, self.w0), v1.assign(b, self.b0), *resets)

            # The compiled engine: a chunk of updates in one in-graph loop.
            self.count = v1.placeholder(tf.int32, shape=(), name="count")

            def body(i, path):
                step_loss = tf.reduce_mean(tf.square(y_data - (w * x_data + b)))
                update = optimizer.minimize(step_loss, global_step=global_step)
                with tf.control_dependencies([update]):
                    return i + 1, path.write(i, tf.stack([w.read_value(), b.read_value()]))

            _, path = tf.while_loop(
                lambda i, _: i < self.count,
                body,
                [tf.constant(0), tf.TensorArray(tf.float32, size=self.count)],
                parallel_iterations=1,  # updates depend on each other through the variables
            )
            self.chunk = path.stack()
            # The optimizer's slots (and Adam's beta powers) back at their start, for a rerun.
            self.reset_optimizer = v1.variables_initializer(optimizer.variables())
        graph.finalize()
        self.session = v1.Session(graph=graph)
        self.session.run(init)

    def close(self) -> None:
        self.session.close()


class TF1Trainer(Trainer):
    """A private ``tf.Graph`` and ``Session`` with ``GradientDescentOptimizer(lr).minimize(loss)``
    (or the run's ``tf.compat.v1.train`` optimizer: ``MomentumOptimizer``, ``RMSPropOptimizer``,
    ``AdagradOptimizer``, ``AdamOptimizer``, with Keras's names mapped onto their arguments).

    The graph is built inside ``graph.as_default()``, so eager execution stays on for the rest
    of the process. The learning rate is a non-trainable variable with an assign op.
    Engines: ``stepwise`` runs ``sess.run(train)`` once per update, as the post did;
    ``compiled`` runs a chunk in one ``sess.run`` of an in-graph ``tf.while_loop``.
    """

    name = "tf1"
    engines = OWN_ENGINES["tf1"]
    chunk_sizes = {"stepwise": 20, "compiled": 200}

    def _setup(self) -> tuple[float, float, float]:
        tf = import_tensorflow()
        w0, b0 = self.start_values(0.0, 0.0)
        self._key = pool_key(self.name, self.config)
        graph = POOL.borrow(self._key)
        default_lr = POST_SCRIPT_LR
        optimizer_class = None
        if not is_plain(self.config.optimizer, self.config.__dict__):
            self.hyper = resolved(self.name, self.config)
            optimizer_class = tf1_class(self.config.optimizer, self.hyper)
            own = framework_defaults(self.name, self.config.optimizer)
            default_lr = own.get("learning_rate", POST_SCRIPT_LR)  # the post's, if none
        if graph is None:
            arguments = tf1_arguments(self.config)
            graph = _Graph(tf, self.config.data, w0, b0, optimizer_class, arguments, self.config)
        else:
            graph.session.run(graph.restart, {graph.w0: w0, graph.b0: b0})
            if not is_plain(self.config.optimizer, self.config.__dict__):
                graph.session.run(graph.reset_optimizer)
        self._graph = graph
        if self.engine == "compiled":
            graph.session.run(graph.chunk, {graph.count: 0})
            if not is_plain(self.config.optimizer, self.config.__dict__):  # be sure of the start
                graph.session.run(graph.reset_optimizer)
        return w0, b0, default_lr

    def _apply_lr(self, lr: float) -> None:
        graph = self._graph
        graph.session.run(graph.set_lr, {graph.lr_value: lr})
        if self.config.schedule == "piecewise_constant":  # every value scaled by new/old
            pieces = np.float32(scaled_values(self.config.values, lr))
            graph.session.run(graph.set_pieces, {graph.pieces_value: pieces})

    def _run(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        graph = self._graph
        sess = graph.session
        if self.engine == "compiled":
            path = sess.run(graph.chunk, {graph.count: k})
        else:
            path = np.empty((k, 2), dtype=np.float32)
            for i in range(k):
                sess.run(graph.train)
                path[i] = sess.run(graph.read)
        return path[:, 0], path[:, 1]

    def _rates(self, first: int, count: int) -> np.ndarray:
        graph = self._graph
        run = graph.session.run
        return np.array(
            [run(graph.rate_at, {graph.step_at: s}) for s in range(first, first + count)]
        )

    def _close(self) -> None:
        graph, self._graph = getattr(self, "_graph", None), None
        if graph is not None:
            POOL.give_back(self._key, graph)
