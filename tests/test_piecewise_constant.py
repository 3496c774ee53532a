"""piecewise_constant: every backend and engine against Keras's own PiecewiseConstantDecay at
every update, TensorFlow 1 against tf.compat.v1.train.piecewise_constant, and what the learning
rate means when the values are the rates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from backend_runs import FULL_BATCH_ENGINES, plain_tf1_descent, plain_train_on_batch, run_to_end

from trainers import ConfigError, Init, LrChange, LrSchedule, RunConfig, synthetic
from trainers.experiment import BackendSpec, Experiment
from trainers.formats.experiment_file import ExperimentFileError, load_experiment, save_experiment

DATA = synthetic()
W0, B0, STEPS = -0.7, 0.1, 60
BOUNDARIES, VALUES = (10, 30), (0.1, 0.05, 0.01)
TOLERANCE = 2e-5
ENGINES = [*FULL_BATCH_ENGINES, ("keras-fit", "stepwise"), ("keras-fit", "compiled")]


def config(**more: Any) -> RunConfig:
    base = {
        "init": Init.values(W0, B0),
        "steps": STEPS,
        "schedule": "piecewise_constant",
        "boundaries": BOUNDARIES,
        "values": VALUES,
    }
    fit = {"epochs": STEPS, "batch_size": DATA.n, "shuffle": False}  # keras-fit, full batches
    return RunConfig(DATA, **{**base, **fit, **more})


def keras_rates(values: tuple[float, ...], steps: range) -> list[float]:
    import keras

    schedule = keras.optimizers.schedules.PiecewiseConstantDecay(list(BOUNDARIES), list(values))
    return [float(schedule(step)) for step in steps]


def deviation(chunk: Any, path: np.ndarray) -> float:
    return float(max(np.max(np.abs(chunk.w - path[:, 0])), np.max(np.abs(chunk.b - path[:, 1]))))


def test_every_backend_and_engine_uses_kerass_piecewise_constant_decay() -> None:
    import keras

    expected = keras_rates(VALUES, range(STEPS))
    schedule = keras.optimizers.schedules.PiecewiseConstantDecay(list(BOUNDARIES), list(VALUES))
    reference = plain_train_on_batch(keras.optimizers.SGD(schedule), DATA, W0, B0, STEPS)
    for backend, engine in ENGINES:
        chunk, _ = run_to_end(backend, config(engine=engine), k=16)
        assert chunk.step.tolist() == list(range(STEPS))
        if backend == "numpy":  # Keras's rule in float64: the values themselves
            assert chunk.lr.tolist() == [VALUES[sum(k > b for b in BOUNDARIES)] for k in range(60)]
            np.testing.assert_allclose(chunk.lr, expected, rtol=1e-7)
        else:  # the jsonl lr column is Keras's schedule(k), bit for bit
            np.testing.assert_array_equal(chunk.lr, expected, err_msg=f"{backend} {engine}")
        assert deviation(chunk, reference) < TOLERANCE, (backend, engine)
    # values[i] while k <= boundaries[i]: update 10 still at 0.1, update 11 at 0.05
    assert expected[10] == pytest.approx(0.1) and expected[11] == pytest.approx(0.05)


def plain_tf1() -> np.ndarray:
    """The post's TensorFlow 1 program with tf.compat.v1.train.piecewise_constant."""
    import tensorflow as tf

    def rate_of(step: Any) -> Any:
        return tf.compat.v1.train.piecewise_constant(step, list(BOUNDARIES), list(VALUES))

    return plain_tf1_descent(rate_of, DATA, W0, B0, STEPS)


def test_tf1_is_a_plain_tf_compat_v1_piecewise_constant_program() -> None:
    reference = plain_tf1()
    for engine in ("stepwise", "compiled"):
        chunk, _ = run_to_end("tf1", config(engine=engine), k=16)
        np.testing.assert_array_equal(chunk.lr, reference[:, 2])  # its rates, bit for bit
        # the path within float32 rounding (the app's rate is a variable, the plain one's a
        # constant: TensorFlow may round one multiplication differently)
        assert deviation(chunk, reference[:, :2]) < 1e-8, engine


@pytest.mark.parametrize("backend", ["numpy", "tf", "tf1", "keras", "keras-fit"])
def test_a_live_change_scales_every_value_from_the_next_update(backend: str) -> None:
    change = LrSchedule([LrChange(5, 0.05)])  # the first value was 0.1: every value halves
    chunk, _ = run_to_end(backend, config(), change, k=8)
    halved = tuple(v * 0.5 for v in VALUES)
    expected = keras_rates(VALUES, range(5)) + keras_rates(halved, range(5, STEPS))
    np.testing.assert_allclose(chunk.lr, expected, rtol=1e-7)
    assert chunk.lr[4] == pytest.approx(0.1) and chunk.lr[5] == pytest.approx(0.05)
    assert chunk.lr[11] == pytest.approx(0.025)  # the second value, halved
    assert chunk.lr[-1] == pytest.approx(0.005)  # the shape stays: the last value halved too


def test_the_learning_rate_is_the_first_value() -> None:
    chunk, trainer = run_to_end("numpy", config(), k=60)
    assert trainer.initial.lr == trainer.initial.default_lr == VALUES[0]
    doubled, trainer = run_to_end("numpy", config(lr=0.2), k=60)  # a set rate scales them all
    assert trainer.initial.lr == 0.2
    np.testing.assert_allclose(doubled.lr, 2 * chunk.lr, rtol=1e-15)


def test_bad_lists_are_refused() -> None:
    with pytest.raises(ConfigError, match="strictly increasing"):
        config(boundaries=(30, 10))
    with pytest.raises(ConfigError, match="from 0"):
        config(boundaries=(-1, 10))
    with pytest.raises(ConfigError, match="rates above 0"):
        config(values=(0.1, 0.0, 0.01))
    with pytest.raises(ConfigError, match="one more value than boundaries"):
        run_to_end("numpy", config(values=(0.1, 0.05)))


def test_the_experiment_file_holds_the_lists_as_json_arrays(tmp_path: Path) -> None:
    import json

    spec = BackendSpec(
        "tf1", enabled=True, schedule="piecewise_constant", boundaries=(10, 30), values=VALUES
    )
    experiment = Experiment().with_backend(spec)
    path = tmp_path / "pc.json"
    save_experiment(path, experiment, DATA, {})
    document = json.loads(path.read_text())
    assert document["backends"]["tf1"]["boundaries"] == [10, 30]
    assert document["backends"]["tf1"]["values"] == [0.1, 0.05, 0.01]
    assert load_experiment(path).experiment.backends["tf1"] == spec
    for bad, words in (
        ([30, 10], "backends.tf1.boundaries: boundaries must be update counts"),
        ([10.5, 30], "backends.tf1.boundaries[0]: expected a whole number"),
        ("10/30", "backends.tf1.boundaries: expected a list"),
    ):
        document["backends"]["tf1"]["boundaries"] = bad
        path.write_text(json.dumps(document))
        with pytest.raises(ExperimentFileError) as info:
            load_experiment(path)
        assert words in str(info.value)
