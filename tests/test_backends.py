"""Every backend against the closed-form reference, against each other and its framework."""

from __future__ import annotations

import math

import numpy as np
import pytest
from backend_runs import FULL_BATCH_ENGINES, run_to_end

from trainers import (
    BACKENDS,
    Init,
    LrChange,
    LrSchedule,
    RunConfig,
    create_trainer,
    synthetic,
    theory,
)

DATA = synthetic()
W0, B0, LR = -0.7, 0.1, 0.1
ALIGNED = RunConfig(DATA, init=Init.values(W0, B0), lr=LR, steps=1001)


def fit_config(**kwargs) -> RunConfig:
    base = {"init": Init.values(W0, B0), "lr": LR, "shuffle": False, "batch_size": 1, "epochs": 3}
    return RunConfig(DATA, **{**base, **kwargs})


@pytest.mark.parametrize("name, engine", FULL_BATCH_ENGINES)
def test_full_batch_backends_follow_the_closed_form_at_every_update(name: str, engine: str) -> None:
    chunk, trainer = run_to_end(name, RunConfig(**{**ALIGNED.__dict__, "engine": engine}))
    w_ref, b_ref = theory.gd_path(DATA.stats, W0, B0, LR, 1001)
    assert trainer.engine == engine
    assert chunk.step.tolist() == list(range(1001))
    assert np.max(np.abs(chunk.w - w_ref)) < 1e-5
    assert np.max(np.abs(chunk.b - b_ref)) < 1e-5
    assert np.all(chunk.lr == LR)
    np.testing.assert_allclose(chunk.loss, DATA.stats.mse(chunk.w, chunk.b))
    # and it really trained: from far away to the true line
    assert abs(chunk.w[0] - W0) > 0.01 and abs(chunk.w[-1] - 0.6) < 1e-4


def test_keras_fit_with_full_batches_in_order_is_full_batch_descent() -> None:
    epochs = 300
    chunk, trainer = run_to_end("keras-fit", fit_config(batch_size=DATA.n, epochs=epochs))
    assert trainer.total_steps == epochs
    w_ref, b_ref = theory.gd_path(DATA.stats, W0, B0, LR, epochs)
    assert chunk.step.tolist() == list(range(epochs))
    assert np.max(np.abs(chunk.w - w_ref)) < 1e-5
    assert np.max(np.abs(chunk.b - b_ref)) < 1e-5


@pytest.mark.parametrize("batch_size", [1, 7])
def test_keras_fit_minibatches_match_numpy_sgd_in_the_same_order(batch_size: int) -> None:
    chunk, trainer = run_to_end("keras-fit", fit_config(batch_size=batch_size, epochs=4))
    orders = [np.arange(DATA.n)] * 4
    w_ref, b_ref = theory.minibatch_sgd_path(DATA.x, DATA.y, W0, B0, LR, batch_size, orders)
    assert trainer.total_steps == 4 * math.ceil(DATA.n / batch_size) == len(chunk)
    assert np.max(np.abs(chunk.w - w_ref)) < 1e-5
    assert np.max(np.abs(chunk.b - b_ref)) < 1e-5


def test_keras_fit_shuffles_reproducibly_by_seed() -> None:
    config = fit_config(shuffle=True, epochs=2, init=Init("zeros"))
    first, _ = run_to_end("keras-fit", config)
    again, _ = run_to_end("keras-fit", config)
    other, _ = run_to_end("keras-fit", RunConfig(**{**config.__dict__, "init_seed": 1}))
    in_order, _ = run_to_end("keras-fit", RunConfig(**{**config.__dict__, "shuffle": False}))
    np.testing.assert_array_equal(first.w, again.w)
    assert not np.allclose(first.w, other.w)
    assert not np.allclose(first.w, in_order.w)
    # shuffled SGD with single samples is noisy, unlike full-batch descent: some updates go uphill
    assert np.any(np.diff(first.loss) > 0)


def test_keras_defaults_are_read_from_keras() -> None:
    import keras

    sgd_default = float(keras.optimizers.get("sgd").learning_rate)
    limit = math.sqrt(6 / (1 + 1))  # glorot_uniform for a 1x1 kernel
    kernels = {}
    for name in ("keras", "keras-fit"):
        for seed in (0, 1, 2):
            with create_trainer(name, RunConfig(DATA, init_seed=seed)) as trainer:
                initial = trainer.prepare()
            assert initial.lr == initial.default_lr == pytest.approx(sgd_default)
            assert initial.b == 0.0
            assert -limit <= initial.w <= limit
            kernels[name, seed] = initial.w
    assert len({kernels["keras", s] for s in (0, 1, 2)}) == 3
    assert all(kernels["keras", s] == kernels["keras-fit", s] for s in (0, 1, 2))


@pytest.mark.parametrize("name", ["numpy", "tf", "tf1"])
def test_tensorflow_script_defaults(name: str) -> None:
    with create_trainer(name, RunConfig(DATA)) as trainer:
        initial = trainer.prepare()
    assert (initial.w, initial.b, initial.lr) == (0.0, 0.0, 0.1)


@pytest.mark.parametrize("name, engine", FULL_BATCH_ENGINES)
def test_lr_change_takes_effect_at_exactly_update_500(name: str, engine: str) -> None:
    config = RunConfig(**{**ALIGNED.__dict__, "engine": engine, "steps": 700})
    chunk, _ = run_to_end(name, config, LrSchedule([LrChange(500, 0.01)]), k=64)
    w1, b1 = theory.gd_path(DATA.stats, W0, B0, LR, 500)
    w2, b2 = theory.gd_path(DATA.stats, w1[-1], b1[-1], 0.01, 200)
    assert np.all(chunk.lr[:500] == LR) and np.all(chunk.lr[500:] == 0.01)
    assert np.max(np.abs(chunk.w - np.concatenate([w1, w2]))) < 1e-5
    assert np.max(np.abs(chunk.b - np.concatenate([b1, b2]))) < 1e-5


def test_keras_fit_lr_change_takes_effect_at_exactly_update_500() -> None:
    config = fit_config(epochs=12)  # 600 single-sample updates
    chunk, _ = run_to_end("keras-fit", config, LrSchedule([LrChange(500, 0.01)]), k=64)
    rates = np.where(np.arange(600) < 500, LR, 0.01)
    w_ref, b_ref = theory.minibatch_sgd_path(
        DATA.x, DATA.y, W0, B0, rates, 1, [np.arange(DATA.n)] * 12
    )
    assert np.all(chunk.lr[:500] == LR) and np.all(chunk.lr[500:] == 0.01)
    assert np.max(np.abs(chunk.w - w_ref)) < 1e-5
    assert np.max(np.abs(chunk.b - b_ref)) < 1e-5


@pytest.mark.parametrize("name", ["numpy", "tf", "tf1", "keras"])
def test_engines_agree_through_odd_chunks_and_changes(name: str) -> None:
    schedule = LrSchedule([LrChange(13, 0.3), LrChange(14, 0.05), LrChange(200, 0.5)])
    config = RunConfig(DATA, init=Init.values(1.5, -2.0), lr=0.2, steps=333)
    engines = [e for n, e in FULL_BATCH_ENGINES if n == name]
    runs = [
        run_to_end(name, RunConfig(**{**config.__dict__, "engine": e}), schedule, k)[0]
        for e, k in zip(engines, (7, 64, 1000), strict=False)
    ]
    for other in runs[1:]:
        np.testing.assert_array_equal(other.lr, runs[0].lr)
        assert np.max(np.abs(other.w - runs[0].w)) <= 1e-6
        assert np.max(np.abs(other.b - runs[0].b)) <= 1e-6


def test_divergence_is_reported_at_the_same_update_everywhere_and_never_as_nan() -> None:
    steps = {}
    for name in BACKENDS:
        config = RunConfig(
            DATA,
            init=Init("zeros"),
            lr=10.0,
            steps=200,
            batch_size=DATA.n,
            epochs=200,
            shuffle=False,
        )
        chunk, trainer = run_to_end(name, config)
        assert trainer.divergence is not None and trainer.done
        assert trainer.divergence.lr == 10.0
        assert len(chunk) == trainer.divergence.step
        assert np.all(np.isfinite(chunk.w)) and np.all(np.isfinite(chunk.loss))
        assert "diverged at step" in str(trainer.divergence)
        steps[name] = trainer.divergence.step
    assert len(set(steps.values())) == 1, steps


def test_stop_ends_a_run_early_and_releases_fit() -> None:
    trainer = create_trainer("keras-fit", fit_config(epochs=10))
    trainer.prepare()
    first = trainer.advance(30)
    trainer.stop()
    assert trainer.done and len(first) == 30 and len(trainer.advance(10)) == 0
    trainer.close()
    assert not trainer._thread.is_alive()


@pytest.mark.parametrize("name", BACKENDS)
def test_backends_print_nothing(name: str, capfd) -> None:
    run_to_end(name, RunConfig(DATA, steps=60, epochs=1))
    out, err = capfd.readouterr()
    assert out == "" and err == ""
