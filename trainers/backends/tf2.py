"""TensorFlow 2: tf.Variable w and b, the loss on a GradientTape, eager or compiled."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from trainers.backends.keras_model import keras_optimizer, schedule_base
from trainers.base import Trainer
from trainers.config import POST_SCRIPT_LR
from trainers.data import Dataset
from trainers.model_pool import POOL
from trainers.optimizers import framework_defaults, pool_key, resolved
from trainers.tensorflow_import import import_tensorflow
from trainers.values import OWN_ENGINES


class _Model:
    """The variables and functions of one data set, reused run after run (see model_pool)."""

    def __init__(
        self, tf: ModuleType, data: Dataset, optimizer: Any = None, base: Any = None
    ) -> None:
        x = tf.constant(data.x, dtype=tf.float32)
        y = tf.constant(data.y, dtype=tf.float32)
        self.w = w = tf.Variable(0.0, dtype=tf.float32, name="w")
        self.b = b = tf.Variable(0.0, dtype=tf.float32, name="b")
        self.optimizer = optimizer
        if optimizer is None:  # plain gradient descent, as the post's script
            self.lr = lr = tf.Variable(POST_SCRIPT_LR, dtype=tf.float32, trainable=False)
        else:  # a Keras optimizer applied to the two tf.Variables
            optimizer.build([w, b])
            # on a schedule, the rate set live is its initial rate
            self.lr = optimizer.learning_rate if base is None else base
            self.fresh = [v.numpy() for v in optimizer.variables]

        def update() -> None:
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(y - (w * x + b)))
            grad_w, grad_b = tape.gradient(loss, [w, b])
            if optimizer is not None:
                optimizer.apply([grad_w, grad_b], [w, b])
                return
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

        self.eager_step = update_and_read
        self.graph_step = tf.function(update_and_read)
        self.graph_chunk = tf.function(run_chunk)


class TF2Trainer(Trainer):
    """Gradient descent with ``tf.GradientTape``, in float32.

    Engines: ``eager`` (plain Python loop), ``stepwise`` (one ``tf.function`` call per update)
    and ``compiled`` (one ``tf.function`` call runs a whole chunk in a graph loop, returning
    every intermediate). The learning rate is a ``tf.Variable``, so changing it never retraces.
    Plain gradient descent is the post's ``assign_sub``; any other optimizer is Keras's class
    applied to the two variables (``optimizer.apply``).
    """

    name = "tf"
    engines = OWN_ENGINES["tf"]
    chunk_sizes = {"eager": 10, "stepwise": 20, "compiled": 200}

    def _setup(self) -> tuple[float, float, float]:
        tf = self._tf = import_tensorflow()
        w0, b0 = self.start_values(0.0, 0.0)
        self._key = pool_key(self.name, self.config)
        model = self._model = POOL.borrow(self._key)
        default_lr = POST_SCRIPT_LR
        if model is None:
            optimizer = base = None
            if not self.plain:
                own = POST_SCRIPT_LR if self.config.optimizer == "sgd" else None
                base = schedule_base(tf, self.name, self.config, own)
                optimizer = keras_optimizer(self.config, base)
            model = self._model = _Model(tf, self.config.data, optimizer, base)
        model.w.assign(w0)
        model.b.assign(b0)
        if model.optimizer is not None:
            self.hyper = resolved(self.name, self.config)
            for variable, fresh in zip(model.optimizer.variables, model.fresh, strict=True):
                variable.assign(fresh)
            if self.config.optimizer != "sgd":  # sgd keeps the post's 0.1
                default_lr = framework_defaults(self.name, self.config.optimizer)["learning_rate"]
        if self.engine == "compiled":
            model.graph_chunk(tf.constant(0))  # trace now (once per model), not mid-run
        elif self.engine == "stepwise":
            model.graph_step.get_concrete_function()
        return w0, b0, default_lr

    def _apply_lr(self, lr: float) -> None:
        self._model.lr.assign(lr)

    def _run(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        model = self._model
        if self.engine == "compiled":
            path = model.graph_chunk(self._tf.constant(k)).numpy()
        else:
            step = model.graph_step if self.engine == "stepwise" else model.eager_step
            path = self._tf.stack([step() for _ in range(k)]).numpy()
        return path[:, 0], path[:, 1]

    def _rates(self, first: int, count: int) -> np.ndarray:
        schedule = self._model.optimizer._learning_rate  # Keras's schedule object
        return np.array([float(schedule(np.int64(s))) for s in range(first, first + count)])

    def _close(self) -> None:
        model, self._model = getattr(self, "_model", None), None
        if model is not None:
            POOL.give_back(self._key, model)
