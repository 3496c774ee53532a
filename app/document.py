"""The document: the experiment on screen and the points it trains on.

Everything that changes them goes through here, and every change is signalled, so that the
window's parts show the document rather than each other (napari's ViewerModel, mu's Editor).
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, Signal

from trainers import Dataset, DescentLabError, InitialState, LrSchedule
from trainers.differences import align
from trainers.experiment import BackendSpec, DataSpec, Experiment
from trainers.presets import apply_preset

log = logging.getLogger(__name__)


class Document(QObject):
    """Owns the current Experiment and Dataset; says what changed, never draws."""

    replaced = Signal(object)  # a new experiment as a whole; the lr schedules to replay, or None
    data_changed = Signal()  # new points
    data_failed = Signal(str)  # a data source could not be read: why, translated
    settings_edited = Signal()  # a setting that needs a new run changed (gathered, then rebuilt)
    lr_edited = Signal(str, float)  # a backend's learning rate, in use from its next update
    color_edited = Signal(str)
    speed_edited = Signal(object)  # updates per second, or None: as fast as it goes

    def __init__(self, experiment: Experiment | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._experiment = experiment or Experiment()
        self._data: Dataset | None = None
        if not self.load_data(self._experiment.data):
            log.warning("the experiment's data could not be loaded; using the default points")
            self._experiment = replace(self._experiment, data=DataSpec())
            self.load_data(self._experiment.data)

    @property
    def experiment(self) -> Experiment:
        return self._experiment

    @property
    def data(self) -> Dataset:
        assert self._data is not None
        return self._data

    # -- whole experiments --------------------------------------------------------------
    def set_experiment(
        self,
        experiment: Experiment,
        schedules: dict[str, LrSchedule] | None = None,
        data: Dataset | None = None,
    ) -> bool:
        """Show ``experiment`` (on ``data`` if given, else its data source); False, with
        nothing changed, if its data cannot load."""
        previous = self._experiment
        if not self.load_data(experiment.data, data):
            self._experiment = previous
            return False
        self._experiment = experiment
        self.replaced.emit(schedules)
        return True

    def apply_preset(self, key: str) -> None:
        """One of the original post's runs."""
        self._experiment = apply_preset(key, self._experiment, self.data.n)
        self.replaced.emit(None)

    def align(self, initials: dict[str, InitialState]) -> None:
        """Give every enabled backend the first one's start, learning rate and update scheme."""
        self._experiment = align(self._experiment, initials, self.data.n)
        self.replaced.emit(None)

    # -- data ---------------------------------------------------------------------------
    def load_data(self, spec: DataSpec, data: Dataset | None = None) -> bool:
        """Load ``spec`` (unless its points are given); on failure say why (``data_failed``)
        and keep the data already there."""
        try:
            data = data if data is not None else spec.load()
        except DescentLabError as exc:
            self.data_failed.emit(exc.translated(QCoreApplication.translate))
            return False
        self._data = data
        self._experiment = replace(self._experiment, data=spec)
        self.data_changed.emit()
        return True

    def load_csv(self, path: str) -> bool:
        """Train on the points of a CSV file (the previous data stays if it cannot be read)."""
        if not self.load_data(replace(self._experiment.data, kind="csv", path=path)):
            return False
        self.replaced.emit(None)
        return True

    def edit_data(self, spec: DataSpec) -> bool:
        """A data setting edited (a new run follows once the edits stop)."""
        if not self.load_data(spec):
            return False
        self.settings_edited.emit()
        return True

    # -- one backend's card -------------------------------------------------------------
    def edit_backend(self, spec: BackendSpec) -> None:
        """A backend's settings edited (a new run follows once the edits stop)."""
        self._experiment = self._experiment.with_backend(spec)
        self.settings_edited.emit()

    def edit_lr(self, spec: BackendSpec, lr: float) -> None:
        """A backend's learning rate moved to ``lr`` (``spec.lr`` None: its default, ``lr``)."""
        self._experiment = self._experiment.with_backend(spec)
        self.lr_edited.emit(spec.name, lr)

    def edit_color(self, spec: BackendSpec) -> None:
        self._experiment = self._experiment.with_backend(spec)
        self.color_edited.emit(spec.name)

    def set_speed(self, speed: float | None) -> None:
        self._experiment = replace(self._experiment, speed=speed)
        self.speed_edited.emit(speed)
