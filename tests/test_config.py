"""Run settings are checked when they are made, with messages that name the problem."""

from __future__ import annotations

import pytest

from trainers import ConfigError, Init, RunConfig, create_trainer, synthetic
from trainers.experiment import BackendSpec


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"steps": True}, "steps must be a whole number"),
        ({"steps": 0}, "steps must be a whole number"),
        ({"epochs": 1.5}, "epochs must be a whole number"),
        ({"batch_size": 0}, "batch size must be"),
        ({"lr": True}, "learning rate"),
        ({"lr": float("nan")}, "learning rate"),
        ({"init_seed": -1}, "init seed"),
    ],
)
def test_run_config_rejects_bad_settings(kwargs: dict, words: str) -> None:
    with pytest.raises(ConfigError, match=words):
        RunConfig(synthetic(), **kwargs)


def test_init_is_checked_however_it_is_made() -> None:
    with pytest.raises(ConfigError, match="'random' is not a kind of initial values"):
        Init("random")
    with pytest.raises(ConfigError, match="finite"):
        Init("values", float("nan"), 0.0)
    assert Init.parse("0.5,-1") == Init("values", 0.5, -1.0)
    assert str(Init.parse(" zeros ")) == "zeros"


def test_unknown_backend_and_engine_are_named() -> None:
    with pytest.raises(ConfigError, match="unknown backend 'bogus'"):
        BackendSpec("bogus")
    with pytest.raises(
        ConfigError, match=r"no engine .turbo. \(choose from: stepwise, compiled, eager\)"
    ):
        create_trainer("tf", RunConfig(synthetic(), engine="turbo"))
