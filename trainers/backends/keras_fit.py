"""Keras ``model.fit``: epochs of (shuffled) mini-batch updates, watched batch by batch."""

from __future__ import annotations

import queue
import threading
from typing import Any

import numpy as np

from trainers.backends.keras_model import KerasModel
from trainers.base import Trainer
from trainers.model_pool import POOL
from trainers.tensorflow_import import import_keras
from trainers.values import OWN_ENGINES

_STOP = -1


class KerasFitTrainer(Trainer):
    """One ``model.fit(x, y, epochs, batch_size, shuffle, verbose=0)`` call, paced by a callback.

    ``fit`` owns its loop, so it runs in a helper thread; a callback records the weights after
    every batch and parks the thread once the requested number of updates is reached, until the
    next :meth:`advance` (or a stop, which sets ``model.stop_training``). A learning-rate change
    is assigned to the optimizer's variable while the helper is parked, so it applies from the
    next batch. Shuffling is seeded with ``init_seed`` through ``keras.utils.set_random_seed``.
    """

    name = "keras-fit"
    engines = OWN_ENGINES["keras-fit"]
    aliases = {"stepwise": "fit", "compiled": "fit"}
    chunk_sizes = {"fit": 10}

    @property
    def total_steps(self) -> int:
        return self.config.epochs * self.config.batches_per_epoch

    def _setup(self) -> tuple[float, float, float]:
        self._keras = import_keras()
        self._key = (self.name, self.config.data)
        km = self._km = POOL.borrow(self._key) or KerasModel(self._keras, self.config.data)
        self._requests: queue.Queue[int] = queue.Queue()
        self._results: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._thread: threading.Thread | None = None
        w0, b0 = km.reset(self.config)
        return w0, b0, km.default_lr

    def _apply_lr(self, lr: float) -> None:
        # Called only while the fit thread is parked (or not started): no batch is running.
        self._km.set_lr(lr)

    def _run(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        if self._thread is None:
            self._thread = threading.Thread(target=self._fit, name="keras-fit", daemon=True)
            self._thread.start()
        self._requests.put(k)
        kind, payload = self._results.get()
        if kind == "error":
            raise payload
        rows = np.array(payload, dtype=np.float64).reshape(-1, 2)
        if kind == "ended" and len(rows) < k:
            self.stop()  # fit returned before the planned number of updates
        return rows[:, 0], rows[:, 1]

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
                self.rows.append(trainer._km.weights())
                self.done += 1
                if len(self.rows) >= self.quota and self.done < total:
                    trainer._results.put(("rows", self.rows))
                    self.rows = []
                    self.quota = trainer._requests.get()  # parked until the next advance()
                    if self.quota == _STOP:
                        self.model.stop_training = True

        recorder = Recorder()
        try:
            keras.utils.set_random_seed(self.config.init_seed)
            km = self._km
            km.model.fit(
                km.x,
                km.y,
                epochs=self.config.epochs,
                batch_size=self.config.batch_size,
                shuffle=self.config.shuffle,
                verbose=0,
                callbacks=[recorder],
            )
        except Exception as exc:  # handed to the caller of advance()
            self._results.put(("error", exc))
            return
        self._results.put(("ended", getattr(recorder, "rows", [])))

    def _close(self) -> None:
        thread = getattr(self, "_thread", None)
        if thread is not None and thread.is_alive():
            self._requests.put(_STOP)
            thread.join(timeout=10)
        km, self._km = getattr(self, "_km", None), None
        if km is not None and not (thread is not None and thread.is_alive()):
            POOL.give_back(self._key, km)  # only once fit has really returned
