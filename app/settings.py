"""What Descent Lab remembers between launches, through QSettings (an INI file)."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

from trainers import Dataset, DescentLabError
from trainers.experiment import Experiment
from trainers.formats.experiment_file import experiment_from_text, experiment_text

log = logging.getLogger(__name__)

ORGANIZATION = "DescentLab"
APPLICATION = "descent-lab"
MAX_RECENT = 8
THEMES = ("system", "light", "dark")
LANGUAGES = ("system", "en", "zh_CN")


KNOWN_GROUPS = ("window/", "experiment/", "view/", "files/")


def _garbage(settings: QSettings) -> bool:
    """A non-empty settings file in which Qt found none of our keys: not ours, or damaged
    (Qt's INI reader accepts any bytes), so it is set aside rather than silently overwritten."""
    try:
        size = Path(settings.fileName()).stat().st_size
    except OSError:
        return False
    keys = settings.allKeys()
    return size > 0 and not any(key.startswith(KNOWN_GROUPS) for key in keys)


class AppSettings:
    """Window layout, the last experiment (data source, cards, speed), theme, language and
    recent files. A settings file that cannot be read is moved aside (``problem`` says so)
    and the app starts from defaults."""

    def __init__(self) -> None:
        self.problem: str | None = None
        self._said_unwritable = False
        self.qsettings = self._open()

    def _open(self) -> QSettings:
        settings = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
        )
        if settings.status() == QSettings.Status.NoError and not _garbage(settings):
            return settings
        path = Path(settings.fileName())
        aside = path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            path.replace(aside)
            self.problem = f"{path} could not be read; it was moved to {aside.name}"
        except OSError as exc:
            self.problem = f"{path} could not be read and not moved aside ({exc.strerror})"
        log.warning(self.problem)
        return QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
        )

    @property
    def path(self) -> Path:
        return Path(self.qsettings.fileName())

    def sync(self) -> str | None:
        """Write the settings out; what ``unwritable`` says if they could not be."""
        self.qsettings.sync()
        return self.unwritable()

    def unwritable(self) -> str | None:
        """Why nothing can be remembered (the settings folder cannot be written), translated
        and logged, said once per launch; None if the settings can be saved, or it was said."""
        if self._said_unwritable:
            return None
        failed = self.qsettings.status() == QSettings.Status.AccessError
        if self.qsettings.isWritable() and not failed:
            return None
        self._said_unwritable = True
        log.warning("the settings cannot be written to %s; nothing will be remembered", self.path)
        return QCoreApplication.translate(
            "AppSettings", "Settings cannot be saved in {folder}: changes will not be remembered"
        ).format(folder=self.path.parent)

    # -- window layout ------------------------------------------------------------------
    def geometry(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(f"window/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, key: str, value: QByteArray) -> None:
        self.qsettings.setValue(f"window/{key}", value)

    # -- the last experiment ------------------------------------------------------------
    def experiment(self) -> Experiment | None:
        """The experiment shown when the app was last closed, or None (or if unreadable)."""
        text = self.qsettings.value("experiment/json")
        if not isinstance(text, str) or not text:
            return None
        try:
            # Its CSV is not read here: the document reads it in the background.
            return experiment_from_text(text, self.path, read_data=False).experiment
        except DescentLabError as exc:
            self.problem = f"the remembered experiment could not be restored: {exc}"
            log.warning(self.problem)
            return None

    def forget_experiment(self) -> None:
        """Open on the defaults next time (the remembered experiment's data failed)."""
        self.qsettings.remove("experiment/json")
        self.qsettings.sync()

    def set_experiment(self, experiment: Experiment, data: Dataset) -> None:
        try:
            self.qsettings.setValue("experiment/json", experiment_text(experiment, data))
        except DescentLabError:
            log.exception("the experiment could not be remembered")

    # -- preferences --------------------------------------------------------------------
    def _choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self.qsettings.value(key, choices[0])
        return value if value in choices else choices[0]

    @property
    def theme(self) -> str:
        return self._choice("view/theme", THEMES)

    @theme.setter
    def theme(self, value: str) -> None:
        self.qsettings.setValue("view/theme", value)

    @property
    def language(self) -> str:
        return self._choice("view/language", LANGUAGES)

    @language.setter
    def language(self, value: str) -> None:
        self.qsettings.setValue("view/language", value)

    @property
    def theory_overlay(self) -> bool:
        """Whether the loss surface shows the theory (its axes and the predicted paths)."""
        return self.qsettings.value("view/theory_overlay", True, type=bool)

    @theory_overlay.setter
    def theory_overlay(self, value: bool) -> None:
        self.qsettings.setValue("view/theory_overlay", bool(value))

    # -- recent files -------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.qsettings.value("files/recent", [])
        if isinstance(value, str):  # QSettings gives a one-item list back as a string
            value = [value]
        return [str(v) for v in value if v][:MAX_RECENT] if isinstance(value, list) else []

    def add_recent_file(self, path: str) -> list[str]:
        path = str(Path(path).resolve())
        files = [path] + [f for f in self.recent_files() if f != path]
        self.qsettings.setValue("files/recent", files[:MAX_RECENT])
        return files[:MAX_RECENT]

    def clear_recent_files(self) -> None:
        self.qsettings.setValue("files/recent", [])
