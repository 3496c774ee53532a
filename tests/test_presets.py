"""The original post's runs as presets, checked without Qt."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from backend_runs import run_to_end

from trainers import Init, synthetic
from trainers.differences import RMS_START, align, differences, effective, formula_notes
from trainers.experiment import DataSpec, Experiment
from trainers.presets import OPENING, PRESETS, apply_preset

EXPECTED = {
    OPENING: {"tf": None, "keras": None},
    "tf-lr-0.1": {"tf1": 0.1},
    "tf-lr-0.01": {"tf1": 0.01},
    "keras-defaults": {"keras": None},
    "keras-lr-0.1": {"keras": 0.1},
    "keras-lr-0.01": {"keras": 0.01},
    "keras-fit": {"keras-fit": None},
    "aligned": {"numpy": 0.1, "tf": 0.1, "tf1": 0.1, "keras": 0.1, "keras-fit": 0.1},
    "momentum": {"tf": 0.01, "keras": 0.01},
    "adam-tf1-keras": {"tf1": 0.001, "keras": 0.001},
    "rmsprop-tf1-keras": {"tf1": 0.001, "keras": 0.001},
    "keras-fit-plateau": {"keras-fit": None},
    "rmsprop-float32-float64": {"numpy": 0.01, "keras": 0.01},
}


@pytest.mark.parametrize("name", list(PRESETS))
def test_a_preset_enables_exactly_its_backends_and_keeps_the_rest(name: str) -> None:
    every_card_on = Experiment().with_backends(color="#123456", enabled=True)
    before = replace(every_card_on, data=DataSpec(n=80), speed=500.0)
    after = apply_preset(name, before, 80)
    assert {s.name: s.lr for s in after.enabled()} == EXPECTED[name]
    assert {s.color for s in after.backends.values()} == {"#123456"}  # colours kept
    assert (after.data, after.speed, after.every) == (before.data, before.speed, before.every)


def test_keras_fit_uses_keras_defaults_and_aligned_uses_full_batches() -> None:
    fit = apply_preset("keras-fit", Experiment(), 50).backends["keras-fit"]
    assert (fit.epochs, fit.batch_size, fit.shuffle, fit.lr) == (20, 1, True, None)
    aligned = apply_preset("aligned", Experiment(), 80)
    fit = aligned.backends["keras-fit"]
    assert (fit.epochs, fit.batch_size, fit.shuffle) == (1001, 80, False)
    assert {s.init for s in aligned.enabled()} == {Init("zeros")}


DATA = synthetic()
TOLERANCE = 2e-5


def run(exp: Experiment, steps: int) -> tuple[dict, dict]:
    """Each enabled card run as ``python -m app run`` runs it (compiled, ``steps`` updates):
    its path [w, b] after every update, and the framework's report of where it started."""
    paths, initials = {}, {}
    for spec in exp.enabled():
        config = replace(spec, steps=steps, engine="compiled").run_config(DATA)
        chunk, trainer = run_to_end(spec.name, config)
        paths[spec.name] = np.stack([chunk.w, chunk.b], axis=1)
        initials[spec.name] = trainer.initial
    return paths, initials


def test_momentum_preset_reaches_the_optimum_faster_than_plain_sgd() -> None:
    exp = apply_preset("momentum", Experiment(), DATA.n)
    plain, heavy = exp.backends["tf"], exp.backends["keras"]
    assert (plain.optimizer, plain.momentum, heavy.optimizer, heavy.momentum) == (
        "sgd",
        None,
        "sgd",
        0.9,
    )
    assert plain.init == heavy.init == Init("zeros") and plain.lr == heavy.lr == 0.01
    paths, _ = run(exp, 150)
    optimum = np.array(DATA.stats.optimum)
    distance = {name: np.linalg.norm(path - optimum, axis=1) for name, path in paths.items()}
    # The velocity starts at 0: the first update is plain SGD's, then momentum builds up.
    assert np.max(np.abs(paths["keras"][0] - paths["tf"][0])) < 1e-7
    assert distance["keras"][-1] < 0.2 * distance["tf"][-1]


def test_adam_preset_differs_by_epsilon_and_agrees_once_aligned() -> None:
    exp = apply_preset("adam-tf1-keras", Experiment(), DATA.n)
    assert {(s.name, s.optimizer, s.epsilon) for s in exp.enabled()} == {
        ("tf1", "adam", None),
        ("keras", "adam", None),
    }
    paths, initials = run(exp, 200)
    assert initials["tf1"].hyper and dict(initials["tf1"].hyper)["epsilon"] == 1e-8
    assert dict(initials["keras"].hyper)["epsilon"] == 1e-7
    settings = [effective(s, initials[s.name], DATA.n) for s in exp.enabled()]
    assert differences(settings) == ["hyper"]
    aligned = align(exp, initials, DATA.n)
    assert {s.epsilon for s in aligned.enabled()} == {1e-8}
    paths, _ = run(aligned, 200)
    assert np.max(np.abs(paths["tf1"] - paths["keras"])) < TOLERANCE


def test_rmsprop_preset_differs_where_tensorflow_1_starts_its_mean_square() -> None:
    exp = apply_preset("rmsprop-tf1-keras", Experiment(), DATA.n)
    assert {(s.name, s.optimizer) for s in exp.enabled()} == {
        ("tf1", "rmsprop"),
        ("keras", "rmsprop"),
    }
    paths, initials = run(exp, 60)
    assert np.max(np.abs(paths["tf1"] - paths["keras"])) > 1e-3
    settings = [effective(s, initials[s.name], DATA.n) for s in exp.enabled()]
    assert formula_notes(settings) == [RMS_START] and "hyper" in differences(settings)


def test_posts_fit_with_plateau_halves_the_rate_after_an_epoch_without_improvement() -> None:
    exp = apply_preset("keras-fit-plateau", Experiment(), DATA.n)
    fit = exp.backends["keras-fit"]
    assert (fit.epochs, fit.batch_size, fit.shuffle, fit.lr, fit.init) == (
        20,
        1,
        True,
        None,
        Init("default"),
    )
    assert (fit.schedule, fit.factor, fit.patience, fit.min_delta) == ("plateau", 0.5, 1.0, 0.001)
    chunk, _ = run_to_end("keras-fit", fit.run_config(DATA))
    assert len(chunk) == 20 * DATA.n
    rates = chunk.lr.reshape(20, DATA.n)  # one row per epoch: the rate is the epoch's
    assert np.all(rates == rates[:, :1])
    per_epoch = rates[:, 0]
    assert per_epoch[0] == pytest.approx(0.01)  # Keras's 'sgd' default
    drops = per_epoch[1:] / per_epoch[:-1]
    assert set(np.round(drops, 6)) <= {1.0, 0.5} and 0.5 in np.round(drops, 6)
