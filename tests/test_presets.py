"""The original post's runs as presets, checked without Qt."""

from __future__ import annotations

from dataclasses import replace

import pytest

from trainers import Init
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
