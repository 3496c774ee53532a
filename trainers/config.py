"""The settings of one training run, checked when they are made."""

from __future__ import annotations

from dataclasses import dataclass

from trainers.data import Dataset
from trainers.lr_schedules import check_complete
from trainers.optimizers import check_expressible
from trainers.settings import SETTINGS, RunSettings
from trainers.values import (  # noqa: F401  (re-exported: the names' long-standing home)
    BACKENDS,
    ENGINES,
    INIT_KINDS,
    MAX_SEED,
    MAX_STEPS,
    POST_SCRIPT_LR,
    TENSORFLOW_BACKENDS,
    Init,
    batches_per_epoch,
    check_learning_rate,
    parse_learning_rate,
)


@dataclass(frozen=True)
class RunConfig(RunSettings):
    """Everything one backend needs to train: data, start, learning rate and update scheme.

    ``steps`` counts full-batch updates; ``keras-fit`` instead makes ``epochs`` passes of
    ``batch_size``-point updates over (optionally shuffled) data.
    """

    data: Dataset

    def __post_init__(self) -> None:
        for setting in SETTINGS:
            value = setting.check(getattr(self, setting.key))
            object.__setattr__(self, setting.key, value)

    def check_runnable(self, backend: str) -> None:
        """Refuse what ``backend``'s framework cannot express (ConfigError) and a schedule
        still missing values (lr_schedules.Incomplete): known without importing a framework,
        so before any worker is made."""
        check_expressible(backend, self)
        check_complete(self)

    @property
    def batches_per_epoch(self) -> int:
        return batches_per_epoch(self.data.n, self.batch_size)
