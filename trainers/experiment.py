"""An experiment: a data source and one settings card per backend, as the window edits it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from trainers.config import BACKENDS, RunConfig
from trainers.data import Dataset, synthetic
from trainers.formats.csv_data import load_csv
from trainers.messages import QT_TRANSLATE_NOOP, ConfigError
from trainers.settings import RunSettings

# Okabe–Ito colours: distinguishable with colour-blindness, readable on light and dark.
DEFAULT_COLORS = {
    "numpy": "#0072B2",
    "tf": "#E69F00",
    "tf1": "#D55E00",
    "keras": "#009E73",
    "keras-fit": "#CC79A7",
}

BACKEND_TITLES = {
    "numpy": QT_TRANSLATE_NOOP("Backends", "NumPy"),
    "tf": QT_TRANSLATE_NOOP("Backends", "TensorFlow 2"),
    "tf1": QT_TRANSLATE_NOOP("Backends", "TensorFlow 1 graph"),
    "keras": QT_TRANSLATE_NOOP("Backends", "Keras train_on_batch"),
    "keras-fit": QT_TRANSLATE_NOOP("Backends", "Keras fit"),
}


@dataclass(frozen=True)
class DataSpec:
    """Synthetic points (the post's y = 0.6·x + 0.8) or a CSV file."""

    kind: str = "synthetic"  # "synthetic" | "csv"
    n: int = 50
    slope: float = 0.6
    intercept: float = 0.8
    noise: float = 0.0
    seed: int = 0
    path: str = ""

    def load(self) -> Dataset:
        """The data set; raises DataError with a readable message."""
        if self.kind == "csv":
            return load_csv(self.path)
        return synthetic(self.n, self.slope, self.intercept, self.noise, self.seed)


@dataclass(frozen=True)
class BackendSpec(RunSettings):
    """One backend's card: whether it runs, its colour, and its run settings (keywords)."""

    name: str
    enabled: bool = False
    color: str = ""

    def __post_init__(self) -> None:
        if self.name not in BACKENDS:
            raise ConfigError(
                QT_TRANSLATE_NOOP("trainers", "unknown backend '{name}' (choose from: {choices})"),
                name=self.name,
                choices=", ".join(BACKENDS),
            )
        if not self.color:
            object.__setattr__(self, "color", DEFAULT_COLORS[self.name])

    def run_config(self, data: Dataset) -> RunConfig:
        return RunConfig(data=data, **self.settings())

    def total_updates(self, n_points: int) -> int:
        return self.updates(self.name, n_points)


def _all_backends() -> dict[str, BackendSpec]:
    return {name: BackendSpec(name) for name in BACKENDS}


@dataclass(frozen=True)
class Experiment:
    """Everything needed to rebuild a comparison: data, the five cards, speed, printout spacing."""

    data: DataSpec = DataSpec()
    backends: dict[str, BackendSpec] = field(default_factory=_all_backends)
    speed: float | None = None  # updates per second; None: as fast as each backend goes
    every: int = 50

    def enabled(self) -> list[BackendSpec]:
        return [spec for spec in self.backends.values() if spec.enabled]

    def with_backend(self, spec: BackendSpec) -> Experiment:
        return replace(self, backends={**self.backends, spec.name: spec})

    def with_backends(self, **changes: object) -> Experiment:
        """Apply the same field changes to every backend."""
        return replace(self, backends={n: replace(s, **changes) for n, s in self.backends.items()})
