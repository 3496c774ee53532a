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


def plain_tf1_descent(rate_of, data, w0: float, b0: float, steps: int) -> np.ndarray:
    """The post's TensorFlow 1 program, written plainly, with ``rate_of(global_step)`` as
    the learning rate (a ``tf.compat.v1.train`` decay); (w, b, the update's rate) after each."""
    import tensorflow as tf

    v1 = tf.compat.v1
    graph = tf.Graph()
    with graph.as_default():
        w = v1.Variable(w0, dtype=tf.float32)
        b = v1.Variable(b0, dtype=tf.float32)
        x, y = data.x.astype(np.float32), data.y.astype(np.float32)
        loss = tf.reduce_mean(tf.square(y - (w * x + b)))
        global_step = v1.train.get_or_create_global_step()
        rate = rate_of(global_step)
        train = v1.train.GradientDescentOptimizer(rate).minimize(loss, global_step=global_step)
        init = v1.global_variables_initializer()
    path = np.empty((steps, 3))
    with v1.Session(graph=graph) as sess:
        sess.run(init)
        for i in range(steps):
            path[i, 2] = sess.run(rate)
            sess.run(train)
            path[i, :2] = sess.run([w, b])
    return path
