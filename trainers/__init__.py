"""Descent Lab's Qt-free core: data, loss surface, theory and one trainer per backend.

Importing this package imports neither Qt nor TensorFlow; backends load their framework
when a trainer is prepared.
"""

from trainers.base import Chunk, Divergence, InitialState, Trainer
from trainers.config import BACKENDS, ENGINES, TENSORFLOW_BACKENDS, Init, RunConfig
from trainers.data import Dataset, synthetic
from trainers.formats.csv_data import load_csv
from trainers.messages import ConfigError, DataError, DescentLabError
from trainers.registry import create_trainer, trainer_class
from trainers.schedule import LrChange, LrSchedule, advance_planned, run_planned
from trainers.sufficient_stats import SufficientStats

__all__ = [
    "BACKENDS",
    "ENGINES",
    "TENSORFLOW_BACKENDS",
    "Chunk",
    "ConfigError",
    "DataError",
    "Dataset",
    "DescentLabError",
    "Divergence",
    "Init",
    "InitialState",
    "LrChange",
    "LrSchedule",
    "RunConfig",
    "SufficientStats",
    "Trainer",
    "advance_planned",
    "create_trainer",
    "load_csv",
    "run_planned",
    "synthetic",
    "trainer_class",
]
