"""The document: the experiment on screen and the points it trains on.

Everything that changes them goes through here, and every change is signalled, so that the
window's parts show the document rather than each other (napari's ViewerModel, mu's Editor).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from app.file_loader import FileLoader
from trainers import Dataset, DescentLabError, InitialState, LrSchedule, load_csv
from trainers.bounded_read import check_regular
from trainers.differences import align
from trainers.experiment import BackendSpec, DataSpec, Experiment
from trainers.formats.csv_data import missing_csv
from trainers.presets import apply_preset
from trainers.values import SPEED_RANGE, check_learning_rate

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
    start_data_failed = Signal(str)  # the data file of the experiment it opened on: why not
    backend_refused = Signal(str, str)  # a backend's edit that cannot make a run: name, why
    backend_set = Signal(str)  # a backend's settings changed from outside its card

    def __init__(self, experiment: Experiment | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.loader = FileLoader(self)  # CSV and experiment files are read in its thread
        self._experiment = experiment or Experiment()
        self._data: Dataset | None = None
        wanted = self._experiment.data
        if wanted.kind == "csv":  # read in the background; the window opens on generated points
            self._experiment = replace(
                self._experiment, data=replace(wanted, kind="synthetic", path="")
            )
        if not self.load_data(self._experiment.data):
            log.warning("the experiment's data could not be loaded; using the default points")
            self._experiment = replace(self._experiment, data=DataSpec())
            self.load_data(self._experiment.data)
        if wanted.kind == "csv":  # from the event loop: whoever listens is connected by then
            QTimer.singleShot(
                0,
                self,
                lambda: self._read(
                    wanted, lambda data: self._show_read(wanted, data), self.start_data_failed.emit
                ),
            )

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
        if data is None and self._needs_reading(experiment.data):
            return self._read(
                experiment.data, lambda read: self.set_experiment(experiment, schedules, read)
            )
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
        """Load ``spec`` (unless its points are given; a CSV must be, see ``_read``); on
        failure say why (``data_failed``) and keep the data already there."""
        try:
            if data is None and spec.kind == "csv":
                if spec != self._experiment.data or self._data is None:
                    raise RuntimeError("a CSV file is read in the background (Document._read)")
                data = self._data
            data = data if data is not None else spec.load()
        except DescentLabError as exc:
            self.data_failed.emit(exc.translated(QCoreApplication.translate))
            return False
        self._data = data
        self._experiment = replace(self._experiment, data=spec)
        self.data_changed.emit()
        return True

    def load_csv(self, path: str) -> bool:
        """Train on the points of a CSV file, read in the background: False (and
        ``data_failed``) at once if it is no regular file, else True and later ``replaced``,
        or ``data_failed`` with the previous data kept."""
        spec = replace(self._experiment.data, kind="csv", path=path)
        return self._read(spec, lambda data: self._show_read(spec, data))

    def edit_data(self, spec: DataSpec) -> bool:
        """A data setting edited (a new run follows once the edits stop)."""
        if self._needs_reading(spec):
            return self._read(spec, lambda data: self._edited(spec, data))
        return self._edited(spec)

    def _edited(self, spec: DataSpec, data: Dataset | None = None) -> bool:
        if not self.load_data(spec, data):
            return False
        self.settings_edited.emit()
        return True

    @property
    def loading(self) -> bool:
        """True while a file is being read."""
        return self.loader.busy

    def _needs_reading(self, spec: DataSpec) -> bool:
        return spec.kind == "csv" and (spec != self._experiment.data or self._data is None)

    def _show_read(self, spec: DataSpec, data: Dataset) -> None:
        if self.load_data(spec, data):
            self.replaced.emit(None)

    def _read(
        self,
        spec: DataSpec,
        then: Callable[[Dataset], object],
        failed: Callable[[str], object] | None = None,
    ) -> bool:
        """Read ``spec``'s CSV in the loader's thread, then ``then(data)`` on this thread."""

        def fail(exc: BaseException) -> None:
            if isinstance(exc, DescentLabError):
                why = exc.translated(QCoreApplication.translate)
            else:  # a bug or a framework's surprise: still said, never raised into Qt
                log.error("reading %s failed", spec.path, exc_info=exc)
                why = f"{type(exc).__name__}: {exc}"
            self.data_failed.emit(why)
            if failed is not None:
                failed(why)

        try:
            check_regular(spec.path)  # a FIFO or a folder is refused before any thread
        except FileNotFoundError:
            fail(missing_csv(spec.path))
            return False
        except DescentLabError as exc:
            fail(exc)
            return False
        self.loader.load(
            Path(spec.path).name,
            lambda progress, cancelled: load_csv(spec.path, progress, cancelled),
            then,
            fail,
        )
        return True

    # -- one backend's card -------------------------------------------------------------
    def edit_backend(self, spec: BackendSpec) -> bool:
        """A backend's settings edited (a new run follows once the edits stop); False, with
        the experiment unchanged, if its settings cannot make a run."""
        try:
            spec.run_config(self.data)
        except DescentLabError as exc:
            log.warning("refused %s's settings: %s", spec.name, exc)
            self.backend_refused.emit(spec.name, exc.translated(QCoreApplication.translate))
            return False
        self._experiment = self._experiment.with_backend(spec)
        self.settings_edited.emit()
        return True

    def set_backend(self, spec: BackendSpec) -> bool:
        """A backend's settings changed elsewhere than in its card (the stability map): as
        ``edit_backend``, and ``backend_set`` so that the card shows them."""
        if not self.edit_backend(spec):
            return False
        self.backend_set.emit(spec.name)
        return True

    def edit_lr(self, spec: BackendSpec, lr: float) -> bool:
        """A backend's learning rate moved to ``lr`` (``spec.lr`` None: its default, ``lr``);
        False, with the experiment unchanged, if either is no learning rate."""
        try:
            check_learning_rate(lr)
            if spec.lr is not None:
                check_learning_rate(spec.lr)
        except DescentLabError as exc:
            log.warning("refused %s's learning rate: %s", spec.name, exc)
            return False
        self._experiment = self._experiment.with_backend(spec)
        self.lr_edited.emit(spec.name, lr)
        return True

    def edit_color(self, spec: BackendSpec) -> None:
        self._experiment = self._experiment.with_backend(spec)
        self.color_edited.emit(spec.name)

    def set_speed(self, speed: float | None) -> bool:
        """Updates per second (None: as fast as each backend goes); False, with the speed
        unchanged, outside the slider's range (``SPEED_RANGE``)."""
        low, high = SPEED_RANGE
        if speed is not None and not (math.isfinite(speed) and low <= speed <= high):
            log.warning("refused the speed %r (from %g to %g updates/s, or None)", speed, low, high)
            return False
        self._experiment = replace(self._experiment, speed=speed)
        self.speed_edited.emit(speed)
        return True
