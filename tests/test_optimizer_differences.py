"""Each TensorFlow 1 vs Keras difference in the definition of one optimizer: the numbers differ
with the frameworks' defaults, and agree once aligned (or, where no argument of either
framework changes it, the difference is exactly the documented one)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from backend_runs import run_to_end

from trainers import BACKENDS, Init, LrChange, LrSchedule, create_trainer, synthetic
from trainers.config import POST_SCRIPT_LR
from trainers.differences import (
    ADADELTA_EPSILON,
    FTRL_LEARNING_RATE,
    MOMENTUM_FORM,
    RMS_START,
    align,
    default_notes,
    differences,
    effective,
    formula_notes,
)
from trainers.experiment import BackendSpec, Experiment
from trainers.optimizers import ALL_KEYS

DATA = synthetic()
W_STAR, B_STAR = DATA.stats.optimum
# Next to the optimum the gradients are tiny, so an epsilon added to them shows.
NEAR = Init.values(W_STAR + 1e-4, B_STAR)
FAR = Init.values(-0.7, 0.1)
TOLERANCE = 2e-5


def experiment(**card: Any) -> Experiment:
    settings = {"init": NEAR, "lr": 0.01, "steps": 300, **card}
    backends = {n: BackendSpec(n, enabled=n in ("tf1", "keras"), **settings) for n in BACKENDS}
    return Experiment(backends=backends)


def run(exp: Experiment, schedule: LrSchedule | None = None) -> tuple[dict, dict]:
    """Every enabled backend's path and its framework's report of where it started."""
    paths, initials = {}, {}
    for spec in exp.enabled():
        chunk, trainer = run_to_end(spec.name, spec.run_config(DATA), schedule)
        paths[spec.name] = np.stack([chunk.w, chunk.b], axis=1)
        initials[spec.name] = trainer.initial
    return paths, initials


def apart(paths: dict) -> float:
    return float(np.max(np.abs(paths["tf1"] - paths["keras"])))


def hyper(initials: dict, name: str) -> dict:
    return dict(initials[name].hyper)


def test_adam_epsilon_1e8_in_tensorflow_1_and_1e7_in_keras() -> None:
    exp = experiment(optimizer="adam")
    paths, initials = run(exp)
    assert hyper(initials, "tf1")["epsilon"] == 1e-8  # AdamOptimizer(epsilon=1e-08)
    assert hyper(initials, "keras")["epsilon"] == 1e-7  # keras.optimizers.Adam(epsilon=1e-07)
    assert apart(paths) > 1e-4
    settings = [effective(s, initials[s.name], DATA.n) for s in exp.enabled()]
    assert "hyper" in differences(settings)
    aligned = align(exp, initials, DATA.n)
    assert {s.epsilon for s in aligned.enabled()} == {1e-8}  # the first backend's, tf1's
    paths, initials = run(aligned)
    assert apart(paths) < TOLERANCE
    settings = [effective(s, initials[s.name], DATA.n) for s in aligned.enabled()]
    assert "hyper" not in differences(settings)


def test_adagrad_has_no_epsilon_in_tensorflow_1_and_1e7_in_keras() -> None:
    # A tiny starting accumulator, so that the epsilon beside it counts.
    exp = experiment(optimizer="adagrad", initial_accumulator_value=1e-12)
    paths, initials = run(exp)
    assert hyper(initials, "tf1")["epsilon"] == 0.0  # ApplyAdagrad: lr·g/sqrt(accum)
    assert hyper(initials, "keras")["epsilon"] == 1e-7  # lr·g/sqrt(accum + 1e-07)
    assert apart(paths) > 1e-3
    aligned = align(exp, initials, DATA.n)
    # TensorFlow 1 cannot take an epsilon: Align sets Keras's to 0, the value of TF1's formula
    assert {s.epsilon for s in aligned.enabled()} == {0.0}
    paths, _ = run(aligned)
    assert apart(paths) < TOLERANCE


def tf1_rmsprop(rms_start: float, epsilon: float, steps: int) -> np.ndarray:
    """TensorFlow 1's ApplyRMSProp in float64: ms += (g² − ms)·(1 − decay);
    mom = momentum·mom + lr·g/sqrt(ms + epsilon); var −= mom, ms starting at ``rms_start``."""
    theta = np.array([FAR.w, FAR.b])
    ms, mom, path = np.full(2, rms_start), np.zeros(2), []
    for _ in range(steps):
        grad = np.array(DATA.stats.gradient(theta[0], theta[1]))
        ms = ms + (grad**2 - ms) * (1 - 0.9)
        mom = 0.0 * mom + 0.001 * grad / np.sqrt(ms + epsilon)
        theta = theta - mom
        path.append(theta)
    return np.array(path)


def test_rmsprop_mean_square_starts_at_1_in_tensorflow_1_and_0_in_keras() -> None:
    # Far from the optimum, with small steps: RMSprop's ±lr-sized steps do not reach it (where
    # it would circle it, and rounding would decide the path).
    exp = experiment(optimizer="rmsprop", steps=60, init=FAR, lr=0.001)
    paths, initials = run(exp)
    assert hyper(initials, "tf1")["epsilon"] == 1e-10  # RMSPropOptimizer(epsilon=1e-10)
    assert hyper(initials, "keras")["epsilon"] == 1e-7  # keras.optimizers.RMSprop(epsilon=1e-07)
    assert apart(paths) > 1e-3
    settings = [effective(s, initials[s.name], DATA.n) for s in exp.enabled()]
    assert formula_notes(settings) == [RMS_START] and "formula" in differences(settings)
    aligned = align(exp, initials, DATA.n)
    assert {s.epsilon for s in aligned.enabled()} == {1e-10}
    paths, _ = run(aligned)
    # Still apart, by exactly the start of the mean square: TF1's own formula from 1 is tf1's
    # path, the same formula from 0 is Keras's (RMSprop's velocities start at zeros).
    assert apart(paths) > 1e-3
    assert np.max(np.abs(paths["tf1"] - tf1_rmsprop(1.0, 1e-10, 60))) < TOLERANCE
    assert np.max(np.abs(paths["keras"] - tf1_rmsprop(0.0, 1e-10, 60))) < TOLERANCE


def test_momentum_sums_gradients_in_tensorflow_1_and_steps_in_keras() -> None:
    exp = experiment(optimizer="sgd", momentum=0.9, init=FAR, lr=0.05)
    paths, initials = run(exp)
    assert apart(paths) < TOLERANCE  # the same numbers while the learning rate is constant
    settings = [effective(s, initials[s.name], DATA.n) for s in exp.enabled()]
    assert formula_notes(settings) == [MOMENTUM_FORM]
    change = LrSchedule([LrChange(20, 0.005)])
    paths, _ = run(exp, change)
    assert apart(paths) > 1e-3
    np.testing.assert_array_equal(paths["tf1"][:20], run(exp)[0]["tf1"][:20])
    # TF1 applies the new rate to the remembered gradients: its first step after the change
    # is 0.005·(0.9·accum + g), Keras's 0.9·m − 0.005·g with m made at 0.05.
    ratio = np.linalg.norm(paths["tf1"][20] - paths["tf1"][19]) / np.linalg.norm(
        paths["keras"][20] - paths["keras"][19]
    )
    assert ratio < 0.5


def test_aligning_plain_runs_leaves_every_optimizer_setting_at_its_default() -> None:
    exp = experiment()
    with create_trainer("tf1", exp.backends["tf1"].run_config(DATA)) as trainer:
        initial = trainer.prepare()
    assert initial.hyper == ()  # plain gradient descent has no hyper-parameters
    aligned = align(exp, {"tf1": initial}, DATA.n)
    defaults = BackendSpec("keras")
    for spec in aligned.enabled():
        for key in ("optimizer", *ALL_KEYS):
            assert getattr(spec, key) == getattr(defaults, key), key


def test_align_gives_every_backend_the_first_ones_schedule() -> None:
    exp = experiment(optimizer="adam")
    tf1 = exp.backends["tf1"]
    exp = exp.with_backend(replace(tf1, schedule="cosine", decay_steps=50.0, alpha=0.2))
    settings = [effective(s, None, DATA.n) for s in exp.enabled()]
    assert "schedule" in differences(settings)
    aligned = align(exp, {}, DATA.n)
    assert {(s.schedule, s.decay_steps, s.alpha) for s in aligned.enabled()} == {
        ("cosine", 50.0, 0.2)
    }
    paths, _ = run(aligned)
    assert apart(paths) < TOLERANCE


def signature_default(cls: Any, argument: str) -> Any:
    import inspect

    return inspect.signature(cls).parameters[argument].default


def test_adadelta_epsilon_1e8_in_tensorflow_1_and_1e7_in_keras() -> None:
    import keras
    import tensorflow as tf

    tf1_own = signature_default(tf.compat.v1.train.AdadeltaOptimizer, "epsilon")
    keras_own = signature_default(keras.optimizers.Adadelta, "epsilon")
    assert (
        ADADELTA_EPSILON.params
        == {"tf1": tf1_own, "keras": keras_own}
        == {
            "tf1": 1e-8,
            "keras": 1e-7,
        }
    )
    # lr 1, the original paper's form (both frameworks default to 0.001, and rho to 0.95)
    exp = experiment(optimizer="adadelta", init=FAR, lr=1.0, steps=200)
    paths, initials = run(exp)
    assert hyper(initials, "tf1") == {"rho": 0.95, "epsilon": 1e-8}
    assert hyper(initials, "keras") == {"rho": 0.95, "epsilon": 1e-7}
    assert apart(paths) > 1e-2
    # the first step is about lr·sqrt(epsilon / (1 − rho)): √10 times longer in Keras
    first = {n: np.linalg.norm(paths[n][0] - [FAR.w, FAR.b]) for n in ("tf1", "keras")}
    assert first["keras"] / first["tf1"] == pytest.approx(np.sqrt(10), rel=1e-3)
    assert first["tf1"] == pytest.approx(np.sqrt(2 * 1e-8 / 0.05), rel=1e-3)  # w and b
    settings = [effective(s, initials[s.name], DATA.n) for s in exp.enabled()]
    assert default_notes(settings) == [ADADELTA_EPSILON] and "hyper" in differences(settings)
    aligned = align(exp, initials, DATA.n)
    assert {s.epsilon for s in aligned.enabled()} == {1e-8}  # tf1's, the first backend's
    paths, initials = run(aligned)
    assert apart(paths) < TOLERANCE
    settings = [effective(s, initials[s.name], DATA.n) for s in aligned.enabled()]
    assert default_notes(settings) == [] and "hyper" not in differences(settings)


def test_ftrl_has_no_learning_rate_in_tensorflow_1_and_0_001_in_keras() -> None:
    import inspect

    import keras
    import tensorflow as tf

    tf1_class = tf.compat.v1.train.FtrlOptimizer
    assert signature_default(tf1_class, "learning_rate") is inspect.Parameter.empty
    assert signature_default(keras.optimizers.Ftrl, "learning_rate") == 0.001
    assert FTRL_LEARNING_RATE.params == {"tf1": POST_SCRIPT_LR, "keras": 0.001}
    exp = experiment(optimizer="ftrl", init=FAR, lr=None, steps=200)
    paths, initials = run(exp)
    assert (initials["tf1"].lr, initials["keras"].lr) == (POST_SCRIPT_LR, pytest.approx(0.001))
    # every other default agrees; TensorFlow 1's beta=None is the 0.0 its constructor keeps
    assert hyper(initials, "tf1") == hyper(initials, "keras")
    assert hyper(initials, "tf1")["beta"] == tf1_class(0.1)._beta == 0.0
    assert apart(paths) > 1e-2
    settings = [effective(s, initials[s.name], DATA.n) for s in exp.enabled()]
    assert default_notes(settings) == [FTRL_LEARNING_RATE]
    assert "lr" in differences(settings) and "hyper" not in differences(settings)
    aligned = align(exp, initials, DATA.n)
    assert {s.lr for s in aligned.enabled()} == {POST_SCRIPT_LR}
    paths, initials = run(aligned)
    assert apart(paths) < TOLERANCE
    settings = [effective(s, initials[s.name], DATA.n) for s in aligned.enabled()]
    assert default_notes(settings) == [] and "lr" not in differences(settings)
