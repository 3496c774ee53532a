"""The File menu: experiments (open, save, recent), exports (plots, window, CSV, scripts),
and copying to the clipboard."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from app.controller import TrainingController
from app.document import Document
from app.i18n import backend_title
from app.notices import Notices
from app.plot_area import PLOTS, PlotArea
from app.settings import AppSettings
from trainers import Dataset, DescentLabError, trainer_class
from trainers.bounded_read import check_regular
from trainers.experiment import Experiment
from trainers.formats.atomic_write import write_atomically
from trainers.formats.experiment_file import (
    RUN_STATES,
    LoadedExperiment,
    SavedRun,
    load_experiment,
    save_experiment,
)
from trainers.printout import printed_steps

if TYPE_CHECKING:
    from widgets.printout_view import PrintoutModel

log = logging.getLogger(__name__)


class FileActions(QObject):
    """Owns the File menu's actions and carries them out on the document and the runs."""

    def __init__(
        self,
        document: Document,
        controller: TrainingController,
        plots: PlotArea,
        printout: PrintoutModel,
        settings: AppSettings,
        notices: Notices,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self._document, self._controller, self._plots = document, controller, plots
        self._printout, self._settings, self._notices = printout, settings, notices
        self._window = window  # the parent of dialogs, and what "the whole window" exports
        self.current_file: Path | None = None
        w = window
        # Explicit keys: the standard ones depend on the platform theme (empty offscreen).
        self.open_action = QAction(w, shortcut=QKeySequence("Ctrl+O"))
        self.open_action.triggered.connect(lambda: self.open_experiment())
        self.save_action = QAction(w, shortcut=QKeySequence("Ctrl+S"))
        self.save_action.triggered.connect(lambda: self.save_experiment())
        self.save_as_action = QAction(w, shortcut=QKeySequence("Ctrl+Shift+S"))
        self.save_as_action.triggered.connect(lambda: self.save_experiment_as())
        self.open_csv_action = QAction(w, shortcut=QKeySequence("Ctrl+Shift+O"))
        self.open_csv_action.triggered.connect(lambda: self.open_csv_dialog())
        self.recent_menu = QMenu(w)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.export_menu = QMenu(w)
        self.plot_actions = {name: QAction(w) for name in PLOTS}
        for name, action in self.plot_actions.items():
            action.triggered.connect(lambda _checked=False, n=name: self.save_plot(n))
        self.window_png_action = QAction(w, shortcut=QKeySequence("Ctrl+E"))
        self.window_png_action.triggered.connect(lambda: self.save_window_png())
        self.printout_csv_action = QAction(w)
        self.printout_csv_action.triggered.connect(lambda: self.save_printout_csv())
        self.history_csv_action = QAction(w)
        self.history_csv_action.triggered.connect(lambda: self.save_history_csv())
        self.script_menu = QMenu(w)
        self.script_menu.aboutToShow.connect(self._fill_scripts)
        self.copy_menu = QMenu(w)
        self.copy_printout_action = QAction(w, shortcut=QKeySequence("Ctrl+Shift+C"))
        self.copy_printout_action.triggered.connect(self.copy_printout)
        self.copy_plot_actions = {name: QAction(w) for name in PLOTS}
        for name, action in self.copy_plot_actions.items():
            action.triggered.connect(lambda _checked=False, n=name: self.copy_plot(n))
        for action in self.plot_actions.values():
            self.export_menu.addAction(action)
        self.export_menu.addSeparator()
        for action in (self.window_png_action, self.printout_csv_action, self.history_csv_action):
            self.export_menu.addAction(action)
        self.export_menu.addSeparator()
        self.export_menu.addMenu(self.script_menu)
        self.copy_menu.addAction(self.copy_printout_action)
        for action in self.copy_plot_actions.values():
            self.copy_menu.addAction(action)
        # StandardKey.Quit is empty on some platforms; the window connects it to close().
        self.quit_action = QAction(w, shortcut=QKeySequence("Ctrl+Q"))

    def populate(self, menu: QMenu) -> None:
        for action in (self.open_action, self.save_action, self.save_as_action):
            menu.addAction(action)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        menu.addAction(self.open_csv_action)
        menu.addSeparator()
        menu.addMenu(self.export_menu)
        menu.addMenu(self.copy_menu)
        menu.addSeparator()
        menu.addAction(self.quit_action)

    def retranslate(self) -> None:
        self.open_action.setText(self.tr("&Open experiment…"))
        self.save_action.setText(self.tr("&Save experiment"))
        self.save_as_action.setText(self.tr("Save experiment &as…"))
        self.open_csv_action.setText(self.tr("Open &CSV data…"))
        self.recent_menu.setTitle(self.tr("Open &recent"))
        self.export_menu.setTitle(self.tr("&Export"))
        # Whole sentences per plot: other languages cannot assemble them from pieces.
        saves = {
            "fit_view": self.tr("Plot of the data and fitted lines (PNG or SVG)…"),
            "surface_view": self.tr("Plot of the loss surface (PNG or SVG)…"),
            "loss_view": self.tr("Plot of the loss per update (PNG or SVG)…"),
        }
        copies = {
            "fit_view": self.tr("Picture of the data and fitted lines"),
            "surface_view": self.tr("Picture of the loss surface"),
            "loss_view": self.tr("Picture of the loss per update"),
        }
        for name, action in self.plot_actions.items():
            action.setText(saves[name])
        for name, action in self.copy_plot_actions.items():
            action.setText(copies[name])
        self.window_png_action.setText(self.tr("The whole window as PNG…"))
        self.printout_csv_action.setText(self.tr("The printout as CSV…"))
        self.history_csv_action.setText(self.tr("Every update of every backend as CSV…"))
        self.script_menu.setTitle(self.tr("Python &script of a backend"))
        self.copy_menu.setTitle(self.tr("&Copy"))
        self.copy_printout_action.setText(self.tr("The printout (tab-separated)"))
        self.quit_action.setText(self.tr("&Quit"))

    def actions(self) -> list[QAction]:
        return [
            self.open_action,
            self.save_action,
            self.save_as_action,
            self.open_csv_action,
            self.window_png_action,
            self.copy_printout_action,
            self.quit_action,
        ]

    # -- experiments --------------------------------------------------------------------
    def run_records(self) -> tuple[Experiment, dict[str, SavedRun]]:
        """The experiment as it was run, and each backend's run so far.

        A learning rate moved during a run is saved as the rate the run started with plus the
        change at the update it took effect, so that opening and starting replays it.
        """
        controller = self._controller
        experiment = self._document.experiment
        runs: dict[str, SavedRun] = {}
        for name, history in controller.histories.items():
            spec = experiment.backends[name]
            config = controller.configs.get(name)
            changes = history.live_changes()  # a schedule's own steps replay by themselves
            if config is not None and len(history):
                spec = replace(spec, lr=config.lr)
            experiment = experiment.with_backend(spec)
            state = controller.statuses[name].state
            last = len(history) - 1 if controller.statuses[name].ended else None
            rows = history.as_chunk().take(printed_steps(len(history), experiment.every, last))
            runs[name] = SavedRun(
                state=state if state in RUN_STATES else "ready",
                updates=len(history),
                rows=rows,
                lr_changes=tuple(changes),
            )
        return experiment, runs

    def open_experiment(self, path: str | Path | None = None) -> bool:
        """Open an experiment file (asking for one if no path), read in the background; the
        current experiment stays if it cannot be read. False if cancelled or refused at once
        (not a regular file), else True: the window shows it, or says why not, once read."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self._window,
                self.tr("Open experiment"),
                "",
                self.tr("Descent Lab experiments (*.json)"),
            )
            if not path:
                return False
        path = Path(path)
        try:
            check_regular(path)
        except FileNotFoundError:
            pass  # load_experiment words it
        except DescentLabError as exc:
            self._open_failed(path, exc)
            return False

        def read(_progress: object, cancelled: Callable[[], bool]) -> object:
            loaded = load_experiment(path, cancelled)
            return loaded, loaded.dataset()

        self._document.loader.load(
            path.name,
            read,
            lambda result: self._opened(path, *result),
            lambda exc: self._open_failed(path, exc),
        )
        return True

    def _open_failed(self, path: Path, exc: BaseException) -> None:
        why = (
            exc.translated(QGuiApplication.translate)
            if isinstance(exc, DescentLabError)
            else f"{type(exc).__name__}: {exc}"
        )
        self._notices.error(self.tr("Could not open {path}").format(path=path.name), why)

    def _opened(self, path: Path, loaded: LoadedExperiment, data: Dataset) -> None:
        if not self._document.set_experiment(loaded.experiment, loaded.schedules(), data):
            return
        self.current_file = path
        self._settings.add_recent_file(str(path))
        self._notices.info(
            self.tr("Opened {name}: press Start to replay it.").format(name=path.name)
        )

    def save_experiment(self) -> bool:
        if self.current_file is None:
            return self.save_experiment_as()
        return self._save(self.current_file)

    def save_experiment_as(self, path: str | Path | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self._window,
                self.tr("Save experiment"),
                "experiment.json",
                self.tr("Descent Lab experiments (*.json)"),
            )
            if not path:
                return False
        return self._save(Path(path))

    def _save(self, path: Path) -> bool:
        experiment, runs = self.run_records()
        try:
            save_experiment(path, experiment, self._document.data, runs)
        except DescentLabError as exc:
            self._notices.error(
                self.tr("Could not save {path}").format(path=path.name),
                exc.translated(QGuiApplication.translate),
            )
            return False
        self.current_file = path
        self._settings.add_recent_file(str(path))
        self._notices.info(self.tr("Saved {name}").format(name=path.name))
        return True

    @Slot()
    def _fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = self._settings.recent_files()
        for path in files:
            action = menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_experiment(p))
        if not files:
            menu.addAction(self.tr("(none yet)")).setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction(self.tr("Clear the list"), self._settings.clear_recent_files)

    # -- exports ------------------------------------------------------------------------
    def _target(self, path: str | Path | None, title: str, name: str, filters: str) -> str:
        """``path`` if given, else what the user picks in a save dialog ("" if cancelled)."""
        if path is not None:
            return str(path)
        chosen, _ = QFileDialog.getSaveFileName(self._window, title, name, filters)
        return chosen

    def save_plot(self, plot: str, path: str | Path | None = None) -> Path | None:
        from app.exports import export_plot  # exports load on first use, not at start-up

        path = self._target(
            path,
            self.tr("Save plot"),
            f"{plot.removesuffix('_view')}.png",
            self.tr("PNG image (*.png);;SVG drawing (*.svg)"),
        )
        return self._attempt(lambda: export_plot(self._plots.view(plot), path)) if path else None

    def save_window_png(self, path: str | Path | None = None) -> Path | None:
        from app.exports import export_widget_png

        path = self._target(
            path, self.tr("Save window"), "descent-lab.png", self.tr("PNG image (*.png)")
        )
        return self._attempt(lambda: export_widget_png(self._window, path)) if path else None

    def save_printout_csv(self, path: str | Path | None = None) -> Path | None:
        from app.exports import write_table_csv

        path = self._target(
            path, self.tr("Save printout"), "printout.csv", self.tr("CSV file (*.csv)")
        )
        if not path:
            return None
        model = self._printout
        model.refresh()
        return self._attempt(lambda: write_table_csv(path, model.to_tsv()))

    def save_history_csv(self, path: str | Path | None = None) -> Path | None:
        from app.exports import write_history_csv

        path = self._target(
            path, self.tr("Save every update"), "updates.csv", self.tr("CSV file (*.csv)")
        )
        if not path:
            return None
        c = self._controller
        precisions = {n: trainer_class(n).precision for n in c.histories}
        return self._attempt(lambda: write_history_csv(path, c.histories, precisions))

    def export_backend_script(self, name: str, path: str | Path | None = None) -> Path | None:
        """Write the plain TensorFlow/Keras/NumPy program that reproduces ``name``'s run."""
        from trainers.scripts.export import export_script

        experiment, runs = self.run_records()
        spec = experiment.backends[name]
        run = runs.get(name)
        try:
            source = export_script(
                spec,
                self._document.data,
                experiment.data,
                run.lr_changes if run else (),
                experiment.every,
            )
        except (DescentLabError, ValueError) as exc:
            self._notices.error(self.tr("Could not export the script"), str(exc))
            return None
        path = self._target(
            path,
            self.tr("Export Python script"),
            f"descent_lab_{name.replace('-', '_')}.py",
            self.tr("Python script (*.py)"),
        )
        if not path:
            return None

        return self._attempt(lambda: write_atomically(path, source.encode("utf-8")))

    @Slot()
    def _fill_scripts(self) -> None:
        menu = self.script_menu
        menu.clear()
        for spec in self._document.experiment.enabled():
            action = menu.addAction(backend_title(spec.name) + "…")
            action.triggered.connect(
                lambda _checked=False, n=spec.name: self.export_backend_script(n)
            )

    def _attempt(self, write) -> Path | None:
        try:
            path = write()
        except (OSError, ValueError) as exc:
            why = (
                exc.translated(QGuiApplication.translate)
                if isinstance(exc, DescentLabError)
                else str(exc)
            )
            self._notices.error(self.tr("Could not save the file"), why)
            return None
        self._notices.info(self.tr("Saved {name}").format(name=Path(path).name))
        return path

    # -- clipboard ----------------------------------------------------------------------
    def copy_printout(self) -> str:
        model = self._printout
        model.refresh()
        text = model.to_tsv()
        QGuiApplication.clipboard().setText(text)
        return text

    def copy_plot(self, plot: str) -> None:
        QGuiApplication.clipboard().setImage(self._plots.view(plot).grab().toImage())

    # -- data ---------------------------------------------------------------------------
    def open_file(self, path: str | Path) -> bool:
        """A file dropped or passed in: an experiment (.json), data (.csv), or a one-line
        message that it is neither."""
        suffix = Path(path).suffix.lower()
        if suffix == ".json":
            return self.open_experiment(path)
        if suffix == ".csv":
            return self._document.load_csv(str(path))
        self._notices.info(
            self.tr(
                "{name} is neither an experiment (.json) nor CSV data (.csv): not opened."
            ).format(name=Path(path).name)
        )
        return False

    def open_csv_dialog(self) -> bool:
        """Ask for a CSV file and train on its points; False if cancelled or unreadable."""
        path, _ = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Open CSV data"),
            "",
            self.tr("CSV files (*.csv);;All files (*)"),
        )
        return bool(path) and self._document.load_csv(path)
