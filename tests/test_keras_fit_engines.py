"""keras-fit's two engines: ``compiled`` makes the same updates as ``stepwise`` and as a plain
Keras program, bit for bit, in chunks of exactly the requested size, with live changes and stops.
"""

from __future__ import annotations

import numpy as np
import pytest
from backend_runs import run_to_end

from trainers import Chunk, Init, LrChange, LrSchedule, RunConfig, create_trainer, synthetic
from trainers.backends.keras_fit import BUFFER_ROWS, STEPS_PER_EXECUTION

DATA = synthetic()  # the post's 50 points
W0, B0, LR = -0.7, 0.1, 0.1
CHANGE = LrChange(17, 0.3)  # mid-epoch for batch sizes 1 and 7


def fit_config(**kwargs) -> RunConfig:
    base = {"init": Init.values(W0, B0), "lr": LR, "init_seed": 3}
    return RunConfig(DATA, **{**base, **kwargs})


def assert_same_updates(got: Chunk, want: Chunk) -> None:
    np.testing.assert_array_equal(got.step, want.step)
    np.testing.assert_array_equal(got.lr, want.lr)
    np.testing.assert_array_equal(got.w, want.w)
    np.testing.assert_array_equal(got.b, want.b)


@pytest.mark.parametrize("shuffle", [False, True], ids=["in-order", "shuffled"])
@pytest.mark.parametrize("batch_size, epochs", [(1, 2), (7, 4), (50, 30), (64, 5)])
def test_compiled_makes_the_stepwise_updates_bit_for_bit(
    batch_size: int, epochs: int, shuffle: bool
) -> None:
    config = fit_config(batch_size=batch_size, epochs=epochs, shuffle=shuffle)
    schedule = LrSchedule([CHANGE])
    runs = {}
    for engine, k in (("stepwise", 11), ("compiled", 64)):
        runs[engine], trainer = run_to_end(
            "keras-fit", RunConfig(**{**config.__dict__, "engine": engine}), schedule, k
        )
        assert trainer.engine == engine and trainer.divergence is None
    assert len(runs["compiled"]) == trainer.total_steps == epochs * -(-DATA.n // batch_size)
    assert np.all(runs["compiled"].lr[: CHANGE.step] == LR)
    assert np.all(runs["compiled"].lr[CHANGE.step :] == CHANGE.lr)
    assert_same_updates(runs["compiled"], runs["stepwise"])


def test_chunks_are_exactly_the_requested_updates_across_buffers_and_executions() -> None:
    config = fit_config(batch_size=1, epochs=25, shuffle=True)  # 1,250 updates: the last is cut
    sizes = [1, 2, STEPS_PER_EXECUTION + 1, BUFFER_ROWS + 5, 3, 1000]
    lrs = [0.05, 0.2, 0.01, 0.1, 0.3, 0.02]  # a change before every chunk
    chunks = []
    with create_trainer("keras-fit", RunConfig(**{**config.__dict__, "engine": "compiled"})) as t:
        t.prepare()
        for k, lr in zip(sizes, lrs, strict=True):
            start = t.next_step
            t.set_learning_rate(lr)
            chunk = t.advance(k)
            expected = min(k, t.total_steps - start)
            assert chunk.step.tolist() == list(range(start, start + expected))
            assert np.all(chunk.lr == lr)
            chunks.append(chunk)
        assert t.done and t.next_step == t.total_steps
    schedule = LrSchedule(LrChange(int(c.step[0]), lr) for c, lr in zip(chunks, lrs, strict=True))
    stepwise, _ = run_to_end(
        "keras-fit", RunConfig(**{**config.__dict__, "engine": "stepwise"}), schedule, 100
    )
    assert_same_updates(Chunk.concat(chunks), stepwise)


@pytest.mark.parametrize("engine", ["stepwise", "compiled"])
def test_a_stop_mid_run_ends_fit_and_the_next_run_starts_clean(engine: str) -> None:
    config = fit_config(batch_size=7, epochs=6, shuffle=True, engine=engine)
    trainer = create_trainer("keras-fit", config)
    trainer.prepare()
    first = trainer.advance(19)  # stops mid-epoch, mid-execution
    trainer.stop()
    assert trainer.done and len(first) == 19 and len(trainer.advance(10)) == 0
    trainer.close()
    assert not trainer._thread.is_alive()
    # The model goes back to the pool; a new run on it starts from the configured start.
    again, _ = run_to_end("keras-fit", config)
    assert_same_updates(first, again.take(slice(0, 19)))
    assert len(again) == 6 * 8


def plain_keras_fit(
    batch_size: int, epochs: int, shuffle: bool, seed: int, change: LrChange
) -> tuple[np.ndarray, np.ndarray]:
    """The user's program: ``model.fit`` with a callback recording every batch's weights (and
    changing the learning rate before update ``change.step``)."""
    import keras

    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer="sgd")
    model.layers[0].set_weights([np.array([[W0]], np.float32), np.array([B0], np.float32)])
    model.optimizer.learning_rate.assign(LR)
    path: list[tuple[float, float]] = []

    class Record(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None) -> None:
            kernel, bias = self.model.layers[0].get_weights()
            path.append((float(kernel[0, 0]), float(bias[0])))
            if len(path) == change.step:
                self.model.optimizer.learning_rate.assign(change.lr)

    keras.utils.set_random_seed(seed)
    model.fit(
        DATA.x.astype(np.float32)[:, None],
        DATA.y.astype(np.float32)[:, None],
        epochs=epochs,
        batch_size=batch_size,
        shuffle=shuffle,
        verbose=0,
        callbacks=[Record()],
    )
    rows = np.array(path, dtype=np.float64)
    return rows[:, 0], rows[:, 1]


@pytest.mark.parametrize("batch_size, epochs", [(7, 3), (50, 20)])
def test_compiled_follows_a_plain_keras_fit_program(batch_size: int, epochs: int) -> None:
    config = fit_config(batch_size=batch_size, epochs=epochs, shuffle=True, init_seed=11)
    chunk, _ = run_to_end("keras-fit", config, LrSchedule([CHANGE]), 5)
    w, b = plain_keras_fit(batch_size, epochs, True, 11, CHANGE)
    assert len(chunk) == len(w) == epochs * -(-DATA.n // batch_size)
    np.testing.assert_array_equal(chunk.w, w)
    np.testing.assert_array_equal(chunk.b, b)


def test_compiled_is_the_default_and_fit_still_names_stepwise() -> None:
    with create_trainer("keras-fit", RunConfig(DATA)) as default:
        assert default.engine == "compiled"
    with create_trainer("keras-fit", RunConfig(DATA, engine="fit")) as old_name:
        assert old_name.engine == "stepwise"


@pytest.mark.parametrize("shuffle", [False, True], ids=["in-order", "shuffled"])
@pytest.mark.parametrize("engine", ["stepwise", "compiled"])
def test_each_update_reports_the_batch_keras_used(engine: str, shuffle: bool) -> None:
    # Plain SGD: every update is w ← w − lr·∇L_batch(w), so the reported batch's own gradient
    # must give each step that Keras took (in float32), and no other batch's does.
    config = fit_config(batch_size=7, epochs=2, shuffle=shuffle, engine=engine)
    with create_trainer("keras-fit", config) as trainer:
        initial = trainer.prepare()
        chunk = Chunk.concat([trainer.advance(5), trainer.advance(100)])
    assert len(chunk) == trainer.total_steps == 2 * 8 and chunk.batches is not None
    x, y = DATA.x.astype(np.float32), DATA.y.astype(np.float32)
    w = np.concatenate([[initial.w], chunk.w])
    b = np.concatenate([[initial.b], chunk.b])
    seen = []
    for k in chunk.step:
        batch = chunk.batches.indices(int(k))
        seen.append(batch)
        err = w[k] * x[batch] + b[k] - y[batch]
        assert w[k + 1] - w[k] == pytest.approx(-LR * 2 * np.mean(err * x[batch]), abs=2e-6)
        assert b[k + 1] - b[k] == pytest.approx(-LR * 2 * np.mean(err), abs=2e-6)
    # each epoch's batches are 7, 7, …, 1 points that together are every point once
    for epoch in (seen[:8], seen[8:]):
        assert [len(batch) for batch in epoch] == [7] * 7 + [1]
        assert sorted(np.concatenate(epoch).tolist()) == list(range(DATA.n))
    in_order = np.array_equal(np.concatenate(seen[:8]), np.arange(DATA.n))
    assert in_order != shuffle
