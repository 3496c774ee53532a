"""Learning-rate schedules: every backend against Keras's own schedule objects at every update,
and against plain Keras and tf.compat.v1 programs written here."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from backend_runs import plain_tf1_descent, plain_train_on_batch, run_to_end

from trainers import ConfigError, Init, LrChange, LrSchedule, RunConfig, create_trainer, synthetic

DATA = synthetic()
W0, B0, LR, STEPS = -0.7, 0.1, 0.1, 300
TOLERANCE = 2e-5

CASES: list[tuple[str, dict[str, Any]]] = [
    ("exponential", {"decay_steps": 100.0, "decay_rate": 0.5}),
    ("exponential", {"decay_steps": 40.0, "decay_rate": 0.7, "staircase": True}),
    ("inverse_time", {"decay_steps": 50.0, "decay_rate": 0.5}),
    ("cosine", {"decay_steps": 200.0}),
    ("cosine", {"decay_steps": 150.0, "alpha": 0.1}),
]
IDS = [f"{name}-{'-'.join(values)}" for name, values in CASES]
KERAS_NAMES = {"exponential": "ExponentialDecay", "inverse_time": "InverseTimeDecay"}
ENGINES = [
    ("numpy", "closed_form"),
    ("tf", "compiled"),
    ("tf1", "compiled"),
    ("keras", "compiled"),
    ("keras-fit", "compiled"),
]


def config(name: str, values: dict[str, Any], **more: Any) -> RunConfig:
    base = {"init": Init.values(W0, B0), "lr": LR, "steps": STEPS, "schedule": name}
    fit = {"epochs": STEPS, "batch_size": DATA.n, "shuffle": False}  # keras-fit, full batches
    return RunConfig(DATA, **{**base, **fit, **values, **more})


def keras_schedule(name: str, values: dict[str, Any], initial: float = LR) -> Any:
    import keras

    cls = getattr(keras.optimizers.schedules, KERAS_NAMES.get(name, "CosineDecay"))
    return cls(initial_learning_rate=initial, **values)


def keras_rates(name: str, values: dict[str, Any], steps: range, initial: float = LR) -> list:
    schedule = keras_schedule(name, values, initial)
    return [float(schedule(step)) for step in steps]


def plain_keras(name: str, values: dict[str, Any], optimizer: str = "SGD") -> np.ndarray:
    """The post's Keras program, its optimizer on Keras's schedule object."""
    import keras

    schedule = keras_schedule(name, values)
    return plain_train_on_batch(getattr(keras.optimizers, optimizer)(schedule), DATA, W0, B0, STEPS)


def plain_tf1(name: str, values: dict[str, Any]) -> np.ndarray:
    """The post's TensorFlow 1 program with tf.compat.v1.train's decay on a global step."""
    import tensorflow as tf

    decay = getattr(tf.compat.v1.train, f"{name}_decay")
    return plain_tf1_descent(lambda step: decay(LR, step, **values), DATA, W0, B0, STEPS)[:, :2]


def deviation(chunk: Any, path: np.ndarray) -> float:
    return float(max(np.max(np.abs(chunk.w - path[:, 0])), np.max(np.abs(chunk.b - path[:, 1]))))


@pytest.mark.parametrize(("name", "values"), CASES, ids=IDS)
def test_every_backend_uses_keras_schedule_at_every_update(name: str, values: dict) -> None:
    expected = keras_rates(name, values, range(STEPS))
    keras_path = plain_keras(name, values)
    for backend, engine in ENGINES:
        chunk, _ = run_to_end(backend, config(name, values, engine=engine))
        assert chunk.step.tolist() == list(range(STEPS))
        # the jsonl lr column: the rate of each update, Keras's schedule(k) (float32, bit for
        # bit; NumPy computes Keras's formula in float64, and TensorFlow 1's own decay
        # functions round some steps' rates in the last bit of a float32: within float32's
        # rounding of the rate, two float32 steps of 0.1 (1.5e-8), whatever the rate's size)
        atol = 2e-8 if backend in ("numpy", "tf1") else 0
        np.testing.assert_allclose(chunk.lr, expected, rtol=0, atol=atol, err_msg=backend)
        assert deviation(chunk, keras_path) < TOLERANCE, backend
    assert expected[0] == pytest.approx(LR) and expected[-1] < LR  # it did decay


@pytest.mark.parametrize(("name", "values"), CASES, ids=IDS)
def test_tf1_follows_a_plain_tf_compat_v1_program(name: str, values: dict) -> None:
    reference = plain_tf1(name, values)
    for engine in ("stepwise", "compiled"):
        chunk, _ = run_to_end("tf1", config(name, values, engine=engine))
        assert deviation(chunk, reference) < TOLERANCE, engine


def test_a_schedule_drives_any_optimizer() -> None:
    name, values = "cosine", {"decay_steps": 200.0, "alpha": 0.1}
    reference = plain_keras(name, values, optimizer="Adam")
    for backend in ("numpy", "tf", "keras"):
        chunk, _ = run_to_end(backend, config(name, values, optimizer="adam"))
        assert deviation(chunk, reference) < TOLERANCE, backend


@pytest.mark.parametrize(("backend", "engine"), ENGINES)
def test_a_live_change_sets_the_base_rate_from_the_next_update(backend: str, engine: str) -> None:
    name, values = CASES[0]
    change = LrSchedule([LrChange(120, 0.05)])
    chunk, _ = run_to_end(backend, config(name, values, engine=engine), change, k=64)
    # the schedule keeps counting: update k >= 120 uses ExponentialDecay(0.05, ...)(k)
    expected = keras_rates(name, values, range(120)) + keras_rates(
        name, values, range(120, STEPS), initial=0.05
    )
    atol = 2e-8 if backend in ("numpy", "tf1") else 0
    np.testing.assert_allclose(chunk.lr, expected, rtol=0, atol=atol)


@pytest.mark.parametrize("name", ["numpy", "tf", "tf1", "keras"])
def test_both_engines_agree_on_a_schedule(name: str) -> None:
    engines = {"numpy": ("loop", "closed_form")}.get(name, ("stepwise", "compiled"))
    runs = [
        run_to_end(name, config(*CASES[1], engine=engine, steps=100), k=30)[0] for engine in engines
    ]
    np.testing.assert_array_equal(runs[0].lr, runs[1].lr)
    assert max(np.max(np.abs(runs[0].w - runs[1].w)), np.max(np.abs(runs[0].b - runs[1].b))) < 1e-6


def test_a_pooled_model_restarts_its_schedule() -> None:
    for backend in ("tf", "tf1", "keras"):
        first, _ = run_to_end(backend, config(*CASES[0], steps=30))
        again, _ = run_to_end(backend, config(*CASES[0], steps=30))
        np.testing.assert_array_equal(first.lr, again.lr)
        np.testing.assert_array_equal(first.w, again.w)


def test_values_keras_has_no_default_for_are_required() -> None:
    with pytest.raises(ConfigError, match="schedule exponential needs decay_rate"):
        create_trainer("numpy", RunConfig(DATA, schedule="exponential", decay_steps=10.0))
    with pytest.raises(ConfigError, match="unknown learning-rate schedule 'step'"):
        RunConfig(DATA, schedule="step")
    with pytest.raises(ConfigError, match="decay steps must be a number"):
        RunConfig(DATA, schedule="cosine", decay_steps=0.0)


def test_the_jsonl_lr_column_is_the_rate_of_each_update() -> None:
    import io
    import json

    from app.cli import run

    out, err = io.StringIO(), io.StringIO()
    status = run(
        ["--backend", "keras", "--init", "zeros", "--lr", "0.1", "--steps", "120",
         "--every", "1", "--format", "jsonl",
         "--schedule", "exponential:decay_steps=40,decay_rate=0.5,staircase=true",
         "--lr-at", "100:0.2"],
        out,
        err,
    )  # fmt: skip
    assert status == 0 and err.getvalue() == ""
    rates = [json.loads(line)["lr"] for line in out.getvalue().splitlines()]
    values = {"decay_steps": 40, "decay_rate": 0.5, "staircase": True}
    assert rates == keras_rates("exponential", values, range(100)) + keras_rates(
        "exponential", values, range(100, 120), initial=0.2
    )
    assert rates[0] == rates[39] != rates[40]  # staircase: a new rate every 40 updates


def test_a_full_batch_run_on_plateau_exports_with_the_callback_or_its_rule() -> None:
    from trainers.experiment import BackendSpec, DataSpec
    from trainers.scripts.export import export_script

    spec = BackendSpec("keras", schedule="plateau")
    assert "plateau.on_epoch_end(step" in export_script(spec, DATA, DataSpec())
    assert "class Plateau" in export_script(replace(spec, name="tf1"), DATA, DataSpec())
    assert "ReduceLROnPlateau" in export_script(replace(spec, name="keras-fit"), DATA, DataSpec())


PLATEAU = {"factor": 0.5, "patience": 1.0, "min_delta": 0.001, "min_lr": 0.001}


def plateau_config(**more: Any) -> RunConfig:
    base = {"init": Init.values(W0, B0), "lr": LR, "schedule": "plateau", **PLATEAU}
    return RunConfig(DATA, **{**base, **more})


def test_plateau_in_keras_fit_is_a_plain_fit_with_reduce_lr_on_plateau() -> None:
    import keras

    epochs, batch_size, seed = 20, 10, 3
    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer="sgd")
    model.optimizer.learning_rate.assign(LR)
    model.layers[0].set_weights([np.array([[W0]], np.float32), np.array([B0], np.float32)])
    rows: list = []

    class EveryBatch(keras.callbacks.Callback):
        def on_train_batch_end(self, batch: int, logs: Any = None) -> None:
            kernel, bias = self.model.layers[0].get_weights()
            rows.append((kernel[0, 0], bias[0], float(self.model.optimizer.learning_rate)))

    plateau = keras.callbacks.ReduceLROnPlateau(
        monitor="loss", factor=0.5, patience=1, min_delta=0.001, min_lr=0.001
    )
    keras.utils.set_random_seed(seed)
    x, y = DATA.x.astype(np.float32)[:, None], DATA.y.astype(np.float32)[:, None]
    model.fit(
        x, y, epochs=epochs, batch_size=batch_size, verbose=0, callbacks=[EveryBatch(), plateau]
    )
    expected = np.array(rows, dtype=np.float64)
    config = plateau_config(epochs=epochs, batch_size=batch_size, init_seed=seed, shuffle=True)
    chunk, trainer = run_to_end("keras-fit", config)
    assert trainer.engine == "stepwise"  # fit as written: the callback acts per epoch
    np.testing.assert_array_equal(chunk.w, expected[:, 0])
    np.testing.assert_array_equal(chunk.b, expected[:, 1])
    np.testing.assert_array_equal(chunk.lr, expected[:, 2])
    assert len(set(chunk.lr.tolist())) > 2  # it did reduce, more than once


@pytest.mark.parametrize(("backend", "engine"), ENGINES[:4])
def test_plateau_per_update_is_fit_with_one_batch_per_epoch(backend: str, engine: str) -> None:
    """One full-batch update is one epoch of fit with the whole data as its batch: the same
    rule per update gives the same rates and path as keras-fit's real callback per epoch."""
    fit, _ = run_to_end("keras-fit", plateau_config(epochs=40, batch_size=DATA.n, shuffle=False))
    chunk, _ = run_to_end(backend, plateau_config(steps=40, engine=engine), k=16)
    np.testing.assert_allclose(chunk.lr, fit.lr, rtol=1e-7)
    assert len(set(chunk.lr.tolist())) > 2
    assert max(np.max(np.abs(chunk.w - fit.w)), np.max(np.abs(chunk.b - fit.b))) < TOLERANCE


def test_a_live_change_on_plateau_sets_the_current_rate() -> None:
    change = LrSchedule([LrChange(30, 0.05)])
    runs = [run_to_end(b, plateau_config(steps=40), change)[0] for b in ("numpy", "keras")]
    for chunk in runs:
        assert chunk.lr[29] == pytest.approx(0.001) and chunk.lr[30] == 0.05
    np.testing.assert_allclose(runs[0].lr, runs[1].lr)


def test_plateau_values_are_checked() -> None:
    with pytest.raises(ConfigError, match="plateau's patience counts updates"):
        create_trainer("numpy", plateau_config(patience=1.5))
    with pytest.raises(ConfigError, match="plateau's factor must be below 1"):
        create_trainer("numpy", plateau_config(factor=1.0))
