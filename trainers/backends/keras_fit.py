"""Keras ``model.fit``: epochs of (shuffled) mini-batch updates, watched batch by batch.

Two engines run the user's ``model.fit(x, y, epochs=E, batch_size=B, shuffle=S)`` in a helper
thread (``fit`` owns its loop) and give the same numbers, bit for bit:

``stepwise`` (alias ``fit``, the engine's old name) is that call as written, with a
``Callback.on_train_batch_end`` that reads the weights after every batch and parks the thread
between chunks. Keras pays its per-epoch overhead (callbacks, a new ``tf.data`` iterator,
metric resets: 15-40 ms on a 2-core x86_64) once per epoch, i.e. once per update with full
batches: 25-55 updates/s at n = 50, 1,001 updates in ~40 s.

``compiled`` records inside the compiled step and gives the epochs to one ``fit`` epoch:

- The model is a ``Sequential`` subclass whose ``train_step`` calls Keras's own and then writes
  (w, b) into a buffer variable; it is compiled with ``steps_per_execution`` > 1, so one call
  of Keras's compiled train function runs many batches.
- When a chunk's last update is made, a ``tf.py_function`` (inside a ``tf.cond``, so only then)
  hands the buffered rows over and blocks until the next :meth:`advance` or a stop. A
  learning-rate change is assigned while it waits, so it applies from the very next batch;
  on a stop it sets ``model.stop_training``, and ``fit`` returns when the current execution
  ends (the model makes its remaining batches, fewer than ``STEPS_PER_EXECUTION``, unseen:
  they are never reported, and a pooled model is reset before its next run).
- Structure: ``fit`` gets one ``tf.data.Dataset`` holding all E passes, and ``epochs=1``,
  instead of the arrays and ``epochs=E``. Each pass is the order Keras itself draws: Keras's
  array adapter shuffles all n indices at once (``tf.random.shuffle`` in ``get_tf_dataset``,
  whatever B) and cuts them into batches of B and a last, smaller one; here the same adapter
  with ``shuffle=S`` and one batch of n, built right after the same
  ``keras.utils.set_random_seed``, gives that permutation, cut the same way, and the batches
  are the same ``tf.gather`` of x and y. ``fit`` starts a new iterator for every epoch, which
  re-creates the seeded shuffle kernel, so every epoch of a seeded ``fit`` repeats one
  permutation; the dataset repeats that pass E times. What changes: callbacks see
  one epoch of E·⌈n/B⌉ batches (``on_epoch_*`` once, per-epoch metrics averaged over the run),
  ``steps_per_execution`` and ``jit_compile=False`` (a ``py_function`` cannot be XLA-compiled;
  "auto" is False on a CPU anyway) are compile options, and the train step also records.
  The updates, their order, their batches and the arithmetic of each step are unchanged:
  tests/test_keras_fit_engines.py checks both engines and a plain ``fit`` program bit for bit.
  Measured (bench, 2-core x86_64): 11,700 updates/s at n = 50 in one batch (stepwise 25-55),
  10,400 with batch size 1 (stepwise 606).
"""

from __future__ import annotations

import queue
import threading
from typing import Any

import numpy as np

from trainers.backends.keras_model import KerasModel, keras_optimizer, schedule_base
from trainers.base import Trainer
from trainers.lr_schedules import plateau_callback
from trainers.minibatch import BatchPlan
from trainers.model_pool import POOL
from trainers.optimizers import pool_key, resolved
from trainers.tensorflow_import import import_keras, import_tensorflow
from trainers.values import OWN_ENGINES

_STOP = -1
STEPS_PER_EXECUTION = 128
"""Batches per call of Keras's compiled train function in the compiled engine."""
BUFFER_ROWS = 1024
"""(w, b) rows the compiled step buffers before handing them over (a chunk may be longer)."""


class _Recorder:
    """The compiled engine's buffer: variables the train step writes, and the hand-over."""

    def __init__(self, tf: Any) -> None:
        self.tf = tf
        self.path = tf.Variable(tf.zeros((BUFFER_ROWS, 2), tf.float32), trainable=False)
        self.filled = tf.Variable(0, dtype=tf.int64, trainable=False)
        self.left = tf.Variable(0, dtype=tf.int64, trainable=False)
        self.hand_over: Any = None  # set for each run: (rows, left) -> the next chunk's size

    def reset(self, first_chunk: int) -> None:
        self.filled.assign(0)
        self.left.assign(first_chunk)

    def record(self, kernel: Any, bias: Any) -> None:
        """Graph code run after every batch: buffer (w, b); at a chunk's end, hand over."""
        tf = self.tf
        self.path.scatter_nd_update([[self.filled]], [tf.stack([kernel[0, 0], bias[0]])])
        self.filled.assign_add(1)
        self.left.assign_sub(1)

        def flush() -> Any:
            left = tf.py_function(self._flush, [self.path, self.filled, self.left], tf.int64)
            self.left.assign(tf.reshape(left, []))
            self.filled.assign(0)
            return tf.constant(True)

        tf.cond(
            tf.logical_or(tf.equal(self.left, 0), tf.equal(self.filled, BUFFER_ROWS)),
            flush,
            lambda: tf.constant(False),
        )

    def _flush(self, path: Any, filled: Any, left: Any) -> Any:
        rows = path.numpy()[: int(filled.numpy())]
        return np.int64(self.hand_over(rows, int(left.numpy())))


def _recording_sequential(keras: Any, recorder: _Recorder) -> type:
    """``keras.Sequential`` whose train step records (w, b) after Keras's own step."""

    class RecordingSequential(keras.Sequential):
        def train_step(self, data: Any) -> Any:
            logs = super().train_step(data)
            layer = self.layers[0]
            recorder.record(layer.kernel, layer.bias)
            return logs

    return RecordingSequential


class KerasFitTrainer(Trainer):
    """One ``model.fit(x, y, epochs, batch_size, shuffle, verbose=0)`` call, paced chunk by
    chunk (see the module docstring for the two engines).

    A learning-rate change is assigned to the optimizer's variable while the helper is parked,
    so it applies from the next batch. Shuffling is seeded with ``init_seed`` through
    ``keras.utils.set_random_seed``.
    """

    name = "keras-fit"
    engines = OWN_ENGINES["keras-fit"]
    aliases = {"fit": "stepwise"}
    chunk_sizes = {"stepwise": 10, "compiled": 200}

    own_plateau = True

    def __init__(self, config: Any) -> None:
        super().__init__(config)
        if config.schedule == "plateau":
            # ReduceLROnPlateau acts at the end of each fit epoch: the compiled engine gives
            # fit one epoch of all the batches, so plateau runs the user's fit as written.
            self.engine = "stepwise"
        self._batch_rates = np.empty(0)

    @property
    def records_rates(self) -> bool:
        """On plateau the rate changes inside fit: each batch's rate is read after it."""
        return self.config.schedule == "plateau"

    @property
    def total_steps(self) -> int:
        return self.config.epochs * self.config.batches_per_epoch

    def _setup(self) -> tuple[float, float, float]:
        self._keras = import_keras()
        self._tf = import_tensorflow()
        self._key = pool_key(self.name, self.config, self.engine)
        km = self._km = POOL.borrow(self._key) or self._build()
        if not self.plain:
            self.hyper = resolved(self.name, self.config)
        self._requests: queue.Queue[int] = queue.Queue()
        self._results: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._rows: list[np.ndarray] = []
        self._delivered = 0
        w0, b0 = km.reset(self.config)
        # Which points each update uses: fit's own order, drawn as fit draws it (and again by
        # fit itself after the same seeding, so drawing it here changes nothing).
        self.batch_plan = BatchPlan(self._epoch_order(), self.config.batch_size)
        return w0, b0, km.default_lr

    def _build(self) -> KerasModel:
        base = schedule_base(self._tf, self.name, self.config)
        optimizer = keras_optimizer(self.config, base)
        if self.engine == "stepwise":
            return KerasModel(self._keras, self.config.data, optimizer=optimizer, base=base)
        recorder = _Recorder(self._tf)
        km = KerasModel(
            self._keras,
            self.config.data,
            _recording_sequential(self._keras, recorder),
            optimizer,
            base,
            steps_per_execution=STEPS_PER_EXECUTION,
            jit_compile=False,
        )
        km.recorder = recorder
        return km

    def _apply_lr(self, lr: float) -> None:
        # Called only while the fit thread is parked (or not started): no batch is running.
        self._km.set_lr(lr)

    def _run(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        if self._thread is None:
            target = self._fit if self.engine == "stepwise" else self._fit_compiled
            self._thread = threading.Thread(target=target, name="keras-fit", daemon=True)
            self._thread.start()
        self._requests.put(k)
        kind, payload = self._results.get()
        if kind == "error":
            raise payload
        rows = np.array(payload, dtype=np.float64).reshape(-1, 3 if self.records_rates else 2)
        if kind == "ended" and len(rows) < k:
            self.stop()  # fit returned before the planned number of updates
        if self.records_rates and len(rows):
            self._batch_rates = rows[:, 2]
            # the rate now (a live change compares with it); a reduction at the end of this
            # epoch applies from its next batch
            self._lr = float(rows[-1, 2])
        return rows[:, 0], rows[:, 1]

    def _call_fit(self, *args: Any, **kwargs: Any) -> bool:
        """``model.fit`` in the helper thread; False (and the error handed over) if it raised."""
        try:
            self._km.model.fit(*args, verbose=0, **kwargs)
        except Exception as exc:  # handed to the caller of advance()
            self._results.put(("error", exc))
            return False
        return True

    # -- stepwise: the user's call, a callback after every batch --------------------------
    def _fit(self) -> None:
        keras = self._keras
        trainer = self
        total = self.total_steps

        class Recorder(keras.callbacks.Callback):
            def on_train_begin(self, logs: Any = None) -> None:
                self.rows: list[tuple[float, float]] = []
                self.done = 0
                self.quota = trainer._requests.get()
                if self.quota == _STOP:
                    self.model.stop_training = True

            def on_train_batch_end(self, batch: int, logs: Any = None) -> None:
                if self.quota == _STOP:
                    return
                row = trainer._km.weights()
                if trainer.records_rates:  # the rate this batch used
                    row = (*row, float(trainer._km.model.optimizer.learning_rate))
                self.rows.append(row)
                self.done += 1
                if len(self.rows) >= self.quota and self.done < total:
                    trainer._results.put(("rows", self.rows))
                    self.rows = []
                    self.quota = trainer._requests.get()  # parked until the next advance()
                    if self.quota == _STOP:
                        self.model.stop_training = True

        recorder = Recorder()
        callbacks: list[Any] = [recorder]
        if self.config.schedule == "plateau":  # Keras's own callback, per epoch, on the loss
            callbacks.append(plateau_callback(self.config))
        keras.utils.set_random_seed(self.config.init_seed)
        km = self._km
        config = self.config
        ok = self._call_fit(
            km.x,
            km.y,
            epochs=config.epochs,
            batch_size=config.batch_size,
            shuffle=config.shuffle,
            callbacks=callbacks,
        )
        if ok:
            self._results.put(("ended", getattr(recorder, "rows", [])))

    # -- compiled: recorded inside the compiled step, all epochs in one fit epoch ---------
    def _fit_compiled(self) -> None:
        first = self._requests.get()
        if first == _STOP:
            return
        self._keras.utils.set_random_seed(self.config.init_seed)
        recorder = self._km.recorder
        recorder.hand_over = self._hand_over
        recorder.reset(first)
        try:
            dataset = self._all_epochs()
        except Exception as exc:  # handed to the caller of advance()
            self._results.put(("error", exc))
            return
        ended = self._call_fit(dataset, epochs=1, shuffle=False)  # the passes are in order
        if ended and self._delivered < self.total_steps and not self._km.model.stop_training:
            # fit returned before the planned updates: hand over what it made
            rows = recorder.path.numpy()[: int(recorder.filled.numpy())]
            self._results.put(("ended", [*self._rows, *rows]))

    def _hand_over(self, rows: np.ndarray, left: int) -> int:
        """In the compiled step: keep the rows; at a chunk's end deliver them and wait."""
        self._rows.extend(rows)
        if left != 0:  # the buffer was full mid-chunk (or the run was stopped)
            return left
        chunk, self._rows = self._rows, []
        self._delivered += len(chunk)
        self._results.put(("rows", chunk))
        if self._delivered >= self.total_steps:
            return _STOP
        k = self._requests.get()  # parked until the next advance()
        if k == _STOP:
            self._km.model.stop_training = True
        return k

    def _epoch_order(self) -> np.ndarray:
        """The permutation of the n indices that ``fit`` cuts into batches every epoch.

        Keras's array adapter shuffles all n indices at once (``tf.random.shuffle`` in
        ``get_tf_dataset``, whatever B) and cuts them into batches of B and a last, smaller one:
        the same adapter with one batch of n, right after the same seeding, gives that order.
        """
        from keras.src.trainers.data_adapters import get_data_adapter

        n = self.config.data.n
        self._keras.utils.set_random_seed(self.config.init_seed)
        adapter = get_data_adapter(np.arange(n), batch_size=n, shuffle=self.config.shuffle)
        order = self._tf.nest.flatten(next(iter(adapter.get_tf_dataset())))[0]
        return np.asarray(order, dtype=np.int64)

    def _all_epochs(self) -> Any:
        """The E passes ``fit(x, y, epochs=E, batch_size=B, shuffle=S)`` makes, as one dataset
        in Keras's own order (see the module docstring)."""
        tf = self._tf
        config, km = self.config, self._km
        n, size = config.data.n, config.batch_size
        assert self.batch_plan is not None  # made by _setup
        order = tf.constant(self.batch_plan.order)
        whole = n // size * size
        one_pass = tf.data.Dataset.from_tensor_slices(tf.reshape(order[:whole], (-1, size)))
        if whole < n:
            one_pass = one_pass.concatenate(tf.data.Dataset.from_tensors(order[whole:]))
        x, y = tf.constant(km.x), tf.constant(km.y)
        return (
            one_pass.repeat(config.epochs)
            .map(lambda i: (tf.gather(x, i, axis=0), tf.gather(y, i, axis=0)))
            .prefetch(tf.data.AUTOTUNE)
        )

    def _rates(self, first: int, count: int) -> np.ndarray:
        if self.records_rates:
            return self._batch_rates[:count]
        return self._km.rates(first, count)

    def _close(self) -> None:
        thread = getattr(self, "_thread", None)
        if thread is not None and thread.is_alive():
            self._requests.put(_STOP)
            thread.join(timeout=10)
        km, self._km = getattr(self, "_km", None), None
        if km is not None and not (thread is not None and thread.is_alive()):
            if km.recorder is not None:
                km.recorder.hand_over = None  # the pooled model must not keep this run alive
            POOL.give_back(self._key, km)  # only once fit has really returned
