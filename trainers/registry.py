"""Find a backend's trainer class by name without importing any framework."""

from __future__ import annotations

import importlib

from trainers.base import Trainer
from trainers.config import BACKENDS, RunConfig
from trainers.messages import QT_TRANSLATE_NOOP, ConfigError

_CLASSES = {
    "numpy": ("trainers.backends.numpy_gd", "NumpyTrainer"),
    "tf": ("trainers.backends.tf2", "TF2Trainer"),
    "tf1": ("trainers.backends.tf1_graph", "TF1Trainer"),
    "keras": ("trainers.backends.keras_train_on_batch", "KerasTrainer"),
    "keras-fit": ("trainers.backends.keras_fit", "KerasFitTrainer"),
}
assert tuple(_CLASSES) == BACKENDS


def trainer_class(name: str) -> type[Trainer]:
    """The Trainer subclass for a backend name (its module imports no framework at import)."""
    try:
        module_name, class_name = _CLASSES[name]
    except KeyError:
        raise ConfigError(
            QT_TRANSLATE_NOOP("trainers", "unknown backend '{name}' (choose from: {choices})"),
            name=name,
            choices=", ".join(BACKENDS),
        ) from None
    return getattr(importlib.import_module(module_name), class_name)


def create_trainer(name: str, config: RunConfig) -> Trainer:
    """A new, unprepared trainer for ``name``."""
    return trainer_class(name)(config)
