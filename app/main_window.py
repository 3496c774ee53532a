"""Descent Lab's main window: controls on the left, the four views on the right."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStyle,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.app_logging import log_path
from app.controller import TrainingController
from app.file_actions import FileActions
from app.i18n import LANGUAGE_NAMES, install_language
from app.settings import LANGUAGES, THEMES, AppSettings
from app.themes import apply_palette, effective_theme
from trainers import BACKENDS, Dataset, DescentLabError, LrSchedule, trainer_class
from trainers.differences import align, effective, max_deviation
from trainers.experiment import BACKEND_TITLES, DataSpec, Experiment
from trainers.messages import QT_TRANSLATE_NOOP
from trainers.presets import OPENING, PRESETS, apply_preset
from widgets.backend_card import BackendCard
from widgets.data_panel import DataPanel
from widgets.explain_panel import ExplainPanel
from widgets.printout_view import PrintoutView
from widgets.speed_control import SpeedControl

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

FRAME_MS = 25
"""The views redraw at most this often (40 frames per second)."""
STATUS_EVERY_FRAMES = 6
"""Status texts (updates done, rate) change every frame but are read at ~5 per second."""
REBUILD_DELAY_MS = 250
"""Settings edits are gathered this long before the run is rebuilt (typing a number)."""

PRESET_TITLES = {
    OPENING: QT_TRANSLATE_NOOP("MainWindow", "The post's puzzle: TensorFlow vs Keras"),
    "tf-lr-0.1": QT_TRANSLATE_NOOP("MainWindow", "Post, TensorFlow 1: lr 0.1"),
    "tf-lr-0.01": QT_TRANSLATE_NOOP("MainWindow", "Post, TensorFlow 1: lr 0.01"),
    "keras-defaults": QT_TRANSLATE_NOOP("MainWindow", "Post, Keras train_on_batch: 'sgd' defaults"),
    "keras-lr-0.1": QT_TRANSLATE_NOOP("MainWindow", "Post, Keras train_on_batch: SGD(lr=0.1)"),
    "keras-lr-0.01": QT_TRANSLATE_NOOP("MainWindow", "Post, Keras train_on_batch: SGD(lr=0.01)"),
    "keras-fit": QT_TRANSLATE_NOOP("MainWindow", "Post, Keras fit(epochs=20, batch_size=1)"),
    "aligned": QT_TRANSLATE_NOOP("MainWindow", "All five backends, aligned settings"),
}

STATE_TEXT = {
    "idle": QT_TRANSLATE_NOOP("MainWindow", "idle"),
    "loading": QT_TRANSLATE_NOOP("MainWindow", "loading TensorFlow…"),
    "preparing": QT_TRANSLATE_NOOP("MainWindow", "building the model…"),
    "ready": QT_TRANSLATE_NOOP("MainWindow", "ready"),
    "running": QT_TRANSLATE_NOOP("MainWindow", "running"),
    "paused": QT_TRANSLATE_NOOP("MainWindow", "paused"),
    "finished": QT_TRANSLATE_NOOP("MainWindow", "finished"),
    "stopped": QT_TRANSLATE_NOOP("MainWindow", "stopped"),
}


def translate(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    """Trains each enabled backend in its own thread (through the controller) and draws them."""

    first_painted = Signal()  # the window has been on screen once
    plots_painted = Signal()  # ... and then with its plots
    first_update_drawn = Signal(str)  # a backend's first update has been drawn

    def __init__(
        self,
        experiment: Experiment | None = None,
        preset: str | None = OPENING,
        autostart: bool = False,
        settings: AppSettings | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.resize(1440, 900)
        self.settings = settings or AppSettings()
        self.remember_on_close = True  # off for screenshots and probes: they change nothing
        self.last_message: tuple[str, str] = ("", "")
        self.controller = TrainingController(self)
        self._data: Dataset | None = None
        self._experiment = experiment or Experiment()
        self._dirty: set[str] = set()
        self._status_dirty: set[str] = set()
        self._autostart = autostart
        self._shut_down = False
        self._watching_expose = False
        self._first_rebuild_pending = False
        self._plots_built = False
        self._frames = 0

        self._build_views()
        self._build_controls()
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        self._build_layout()

        self._rebuild_timer = QTimer(self, singleShot=True, interval=REBUILD_DELAY_MS)
        self._rebuild_timer.timeout.connect(self.rebuild)
        self._frame_timer = QTimer(self, interval=FRAME_MS)
        self._frame_timer.timeout.connect(self._on_frame)
        self._frame_timer.start()

        c = self.controller
        c.prepared.connect(self._on_prepared)
        c.progressed.connect(self._on_progressed)
        c.status_changed.connect(self._on_status_changed)
        c.run_finished.connect(self._on_run_finished)
        c.framework_failed.connect(self._on_framework_failed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

        self.theme = effective_theme(self.settings.theme)
        self.language = self.settings.language
        self.theme_actions[self.settings.theme].setChecked(True)
        self.language_actions[self.settings.language].setChecked(True)
        self.retranslate()
        geometry = self.settings.geometry("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if not self._load_data(self._experiment.data):
            self._experiment = replace(self._experiment, data=DataSpec())
            self._load_data(self._experiment.data)
        if preset is not None:
            self._experiment = apply_preset(preset, self._experiment, self.data.n)
            self.preset_combo.setCurrentIndex(max(self.preset_combo.findData(preset), 0))
        self._show_experiment()
        # The first run (threads, loss surface, contours) is prepared once the window has been
        # painted: it opens at Qt's own speed, and the surface appears a moment later.
        self._first_rebuild_pending = True

    # -- construction -----------------------------------------------------------------
    def _build_views(self) -> None:
        # The plots need pyqtgraph, a quarter of a second to import: they are built once the
        # window has been painted (ensure_plots); until then placeholders hold their places.
        self._plot_slots = [QLabel() for _ in range(3)]
        for slot in self._plot_slots:
            slot.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.printout = PrintoutView()
        self.explain = ExplainPanel()
        self.explain.align_requested.connect(self.align_settings)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.explain, "")
        self.tabs.addTab(self.printout, "")
        self.tabs.currentChanged.connect(lambda _index: self.printout.printout.refresh())

    def _build_controls(self) -> None:
        self.data_panel = DataPanel()
        self.data_panel.changed.connect(self._on_data_edited)
        self.data_panel.open_requested.connect(self.open_csv_dialog)
        self.cards: dict[str, BackendCard] = {}
        for name in BACKENDS:
            card = BackendCard(self._experiment.backends[name], name)
            card.changed.connect(self._on_card_changed)
            card.lr_changed.connect(self._on_card_lr)
            card.color_changed.connect(self._on_card_color)
            card.script_requested.connect(
                lambda name: self.file_actions.export_backend_script(name)
            )
            self.cards[name] = card
        self.same_lr = QCheckBox()
        self.same_lr.toggled.connect(self._on_same_lr)

    def _build_toolbar(self) -> None:
        bar = QToolBar()
        bar.setObjectName("controls")
        bar.setMovable(False)
        self.addToolBar(bar)
        self.start_action = QAction(self)
        self.start_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self.start_action.triggered.connect(self.start_or_pause)
        self.step_action = QAction(self)
        self.step_action.setShortcut(QKeySequence("Ctrl+Right"))
        self.step_action.triggered.connect(self.step)
        self.reset_action = QAction(self)
        self.reset_action.setShortcut(QKeySequence("Ctrl+R"))
        self.reset_action.triggered.connect(self.reset)
        style = self.style()
        self._icons = {
            "start": style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay),
            "pause": style.standardIcon(QStyle.StandardPixmap.SP_MediaPause),
        }
        self.step_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward))
        self.reset_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.start_action, self.step_action, self.reset_action):
            bar.addAction(action)
        bar.addSeparator()
        self.speed = SpeedControl()
        self.speed.speed_changed.connect(self._on_speed)
        bar.addWidget(self.speed)
        bar.addSeparator()
        self.preset_label = QLabel()
        bar.addWidget(self.preset_label)
        self.preset_combo = QComboBox()
        self.preset_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for key in PRESETS:
            self.preset_combo.addItem("", key)
        self.preset_combo.activated.connect(
            lambda index: self.apply_preset(self.preset_combo.itemData(index))
        )
        bar.addWidget(self.preset_combo)
        self.toolbar = bar

    def _build_menus(self) -> None:
        menu = self.menuBar()
        self.file_actions = FileActions(self)
        self.file_menu = menu.addMenu("")
        self.file_actions.populate(self.file_menu)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))  # StandardKey.Quit is empty on some
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.run_menu = menu.addMenu("")
        for action in (self.start_action, self.step_action, self.reset_action):
            self.run_menu.addAction(action)
        self.align_action = QAction(self)
        self.align_action.setShortcut(QKeySequence("Ctrl+L"))
        self.align_action.triggered.connect(self.align_settings)
        self.run_menu.addAction(self.align_action)
        self.view_menu = menu.addMenu("")
        self.theme_menu = self.view_menu.addMenu("")
        self.theme_actions = self._choice_actions(self.theme_menu, THEMES, self.set_theme)
        self.language_menu = self.view_menu.addMenu("")
        self.language_actions = self._choice_actions(
            self.language_menu, LANGUAGES, self.set_language
        )
        self.help_menu = menu.addMenu("")
        self.shortcuts_action = QAction(self)
        self.shortcuts_action.setShortcut(QKeySequence("F1"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.about_action)

    def _choice_actions(self, menu: QMenu, choices: tuple[str, ...], choose) -> dict[str, QAction]:
        group = QActionGroup(self)
        actions = {}
        for choice in choices:
            action = QAction(self, checkable=True)
            action.triggered.connect(lambda _checked=False, c=choice: choose(c))
            group.addAction(action)
            menu.addAction(action)
            actions[choice] = action
        return actions

    def _build_status_bar(self) -> None:
        self.status_labels: dict[str, QLabel] = {}
        for name in BACKENDS:
            label = QLabel()
            label.setObjectName(f"status-{name}")
            label.setTextFormat(Qt.TextFormat.RichText)
            self.status_labels[name] = label
            self.statusBar().addWidget(label, 1)

    def _build_layout(self) -> None:
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.data_panel)
        side_layout.addWidget(self.same_lr)
        for card in self.cards.values():
            side_layout.addWidget(card)
        side_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        self._side, self._scroll = side, scroll
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self._plot_slots[0])
        top.addWidget(self._plot_slots[1])
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self._plot_slots[2])
        bottom.addWidget(self.tabs)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(top)
        right.addWidget(bottom)
        right.setSizes([520, 380])
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(scroll)
        main.addWidget(right)
        main.setStretchFactor(1, 1)
        main.setSizes([420, 1020])
        self.splitters = {"main": main, "right": right, "top": top, "bottom": bottom}
        self.setCentralWidget(main)

    def retranslate(self) -> None:
        """Apply every user-visible string (again after a language change)."""
        self.setWindowTitle(self.tr("Descent Lab"))
        self.file_menu.setTitle(self.tr("&File"))
        self.run_menu.setTitle(self.tr("&Run"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.file_actions.retranslate()
        self.quit_action.setText(self.tr("&Quit"))
        self.theme_menu.setTitle(self.tr("&Theme"))
        theme_names = {
            "system": self.tr("Follow the system"),
            "light": self.tr("Light"),
            "dark": self.tr("Dark"),
        }
        for choice, action in self.theme_actions.items():
            action.setText(theme_names[choice])
        self.language_menu.setTitle(self.tr("&Language"))
        for choice, action in self.language_actions.items():
            action.setText(
                self.tr("Follow the system") if choice == "system" else LANGUAGE_NAMES[choice]
            )
        self.shortcuts_action.setText(self.tr("&Keyboard shortcuts"))
        self.about_action.setText(self.tr("&About Descent Lab"))
        self.step_action.setText(self.tr("Step"))
        self.step_action.setToolTip(
            self.tr("Pause, then make one more update in every backend (Ctrl+→)")
        )
        self.reset_action.setText(self.tr("Reset"))
        self.reset_action.setToolTip(
            self.tr("Stop and start over from the initial values (Ctrl+R)")
        )
        self.align_action.setText(self.tr("&Align settings"))
        self.preset_label.setText(self.tr("Preset"))
        for i in range(self.preset_combo.count()):
            self.preset_combo.setItemText(
                i, translate(PRESET_TITLES[self.preset_combo.itemData(i)])
            )
        self.preset_combo.setToolTip(self.tr("Rebuild one of the original post's runs"))
        self.same_lr.setText(self.tr("Same learning rate for all"))
        self.same_lr.setToolTip(self.tr("Moving any learning-rate slider moves them all"))
        self.tabs.setTabText(0, self.tr("Why they differ"))
        self.tabs.setTabText(1, self.tr("Printout"))
        for slot in self._plot_slots:
            slot.setText(self.tr("Loading the plots…"))
        if self._plots_built:
            self._retranslate_plots()
        self.printout.printout.set_labels(
            self.tr("step"), ("w", "b", self.tr("loss"), self.tr("lr"))
        )
        self.data_panel.retranslate()
        if self._data is not None:
            self.data_panel.set_summary(self.tr("{n} points").format(n=f"{self._data.n:,}"))
        self.speed.retranslate()
        self.explain.retranslate()
        for name, card in self.cards.items():
            card.setTitle(self.backend_title(name))
            card.retranslate()
        self._update_start_action()
        for name in BACKENDS:
            self._status_dirty.add(name)
        self._fit_sidebar()

    def _fit_sidebar(self) -> None:
        """Keep the settings column wide enough for its widgets and a scroll bar (the texts'
        widths depend on the language)."""
        self._side.layout().activate()
        side = self._side.minimumSizeHint().width()
        bar = self._scroll.verticalScrollBar().sizeHint().width()
        self._scroll.setMinimumWidth(side + bar + 2 * self._scroll.frameWidth() + 2)

    def _retranslate_plots(self) -> None:
        self.fit_view.setTitle(self.tr("Data and fitted lines"))
        self.fit_view.setLabel("bottom", "x")
        self.fit_view.setLabel("left", "y")
        self.surface_view.setTitle(self.tr("Loss surface (MSE) and descent paths"))
        self.surface_view.setLabel("bottom", self.tr("w (kernel)"))
        self.surface_view.setLabel("left", self.tr("b (bias)"))
        self.loss_view.setTitle(self.tr("Loss per update (▲ learning rate changed)"))
        self.loss_view.setLabel("bottom", self.tr("update"))
        self.loss_view.setLabel("left", self.tr("MSE"))
        self._draw_data()
        enabled = self._experiment.enabled()
        if self.controller.histories:  # a run is set up: its legend and table name the backends
            self.fit_view.set_backends(
                {s.name: (self.backend_title(s.name), s.color) for s in enabled}
            )
            self.printout.printout.set_titles({s.name: self.backend_title(s.name) for s in enabled})

    def ensure_plots(self) -> None:
        """Build the three plots (importing pyqtgraph) in place of their placeholders."""
        if self._plots_built:
            return
        from widgets.fit_view import FitView
        from widgets.loss_view import LossView
        from widgets.surface_view import SurfaceView

        self.fit_view = FitView()
        self.surface_view = SurfaceView()
        self.loss_view = LossView()
        views = (self.fit_view, self.surface_view, self.loss_view)
        for slot, view in zip(self._plot_slots, views, strict=True):
            view.paint_guard = self.controller.turnstile.hold
            slot.parentWidget().replaceWidget(slot.parentWidget().indexOf(slot), view)
            slot.deleteLater()
        self._plot_slots = []
        self._plots_built = True
        # The placeholders' size hints skewed the splitters: give the plots their room, or the
        # sizes the user left them at.
        splitters = self.splitters
        splitters["top"].setSizes([1, 1])
        width = max(splitters["bottom"].width(), 2)
        splitters["bottom"].setSizes([int(width * 0.6), int(width * 0.4)])
        for name, splitter in splitters.items():
            saved = self.settings.geometry(f"splitter-{name}")
            if saved is not None:
                splitter.restoreState(saved)
        if self.theme == "dark":
            from widgets.plot_theme import DARK

            for view in views:
                view.apply_theme(DARK)
        self._retranslate_plots()

    def _draw_data(self) -> None:
        if self._plots_built and self._data is not None:
            self.fit_view.set_data(
                self._data,
                sample_note=self.tr("{shown:,} of {total:,} points shown"),
                true_line_title=self.tr("true line"),
            )

    def backend_title(self, name: str) -> str:
        return QCoreApplication.translate("Backends", BACKEND_TITLES[name])

    # -- experiment and data ----------------------------------------------------------
    @property
    def experiment(self) -> Experiment:
        return self._experiment

    @property
    def data(self) -> Dataset:
        assert self._data is not None
        return self._data

    def _show_experiment(self) -> None:
        for name, card in self.cards.items():
            card.set_spec(self._experiment.backends[name])
        self.data_panel.set_spec(self._experiment.data)
        self.speed.set_speed(self._experiment.speed)
        self._fit_sidebar()

    def _load_data(self, spec: DataSpec, data: Dataset | None = None) -> bool:
        """Load ``spec`` (unless its points are given); on failure say why and keep the data
        already shown."""
        try:
            data = data if data is not None else spec.load()
        except DescentLabError as exc:
            self.data_panel.show_error(exc.translated(QCoreApplication.translate))
            self.data_panel.set_spec(self._experiment.data)
            return False
        self.data_panel.clear_error()
        self._data = data
        self._experiment = replace(self._experiment, data=spec)
        self.data_panel.set_spec(spec)
        self.data_panel.set_summary(self.tr("{n} points").format(n=f"{data.n:,}"))
        self._draw_data()
        return True

    def load_csv(self, path: str) -> bool:
        """Use the points of a CSV file (the previous data stays if it cannot be read)."""
        ok = self._load_data(replace(self._experiment.data, kind="csv", path=path))
        if ok:
            self.rebuild()
        return ok

    def open_csv_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open CSV data"), "", self.tr("CSV files (*.csv);;All files (*)")
        )
        if path:
            self.load_csv(path)
        else:
            self.data_panel.set_spec(self._experiment.data)

    def apply_preset(self, key: str) -> None:
        """Set the cards as one of the original post's runs, and prepare it."""
        self._experiment = apply_preset(key, self._experiment, self.data.n)
        index = self.preset_combo.findData(key)
        if index >= 0:
            self.preset_combo.setCurrentIndex(index)
        self._show_experiment()
        self.rebuild()

    def align_settings(self) -> None:
        """Give every enabled backend the first one's start, learning rate and update scheme."""
        self._experiment = align(self._experiment, self.controller.initials, self.data.n)
        self._show_experiment()
        self.rebuild()

    def set_experiment(
        self,
        experiment: Experiment,
        schedules: dict[str, LrSchedule] | None = None,
        data: Dataset | None = None,
    ) -> bool:
        """Show and prepare ``experiment`` (on ``data`` if given, else its data source);
        False, with nothing changed, if its data cannot load."""
        previous = self._experiment
        if not self._load_data(experiment.data, data):
            self._experiment = previous
            return False
        self._experiment = experiment
        self._show_experiment()
        self.rebuild(schedules)
        return True

    # -- running ----------------------------------------------------------------------
    def rebuild(self, schedules: dict[str, LrSchedule] | None = None) -> None:
        """Stop whatever runs and prepare the current experiment, parked at 'ready'."""
        if self._shut_down:
            return
        self._first_rebuild_pending = False
        self._rebuild_timer.stop()
        self.ensure_plots()
        enabled = self._experiment.enabled()
        colors = {spec.name: spec.color for spec in enabled}
        self.controller.configure(self._experiment, self.data, schedules)
        self.fit_view.set_backends({n: (self.backend_title(n), c) for n, c in colors.items()})
        self.surface_view.set_backends(colors)
        self.loss_view.set_backends(colors)
        self.surface_view.clear_paths()
        self.loss_view.clear_curves()
        for name in colors:
            self.fit_view.clear_line(name)
        starts = [(s.init.w, s.init.b) if s.init.kind == "values" else (0.0, 0.0) for s in enabled]
        self.surface_view.set_stats(self.data.stats, starts)
        self.printout.printout.set_runs(
            {n: self.backend_title(n) for n in colors},
            {n: trainer_class(n).precision for n in colors},
            self.controller.histories,
            self._experiment.every,
        )
        self._dirty.clear()
        self._drawn: set[str] = set()
        self._refresh_explanation()
        self._update_start_action()
        if self._autostart:
            self._autostart = False
            self.controller.start()
            self._update_start_action()

    def start(self) -> None:
        """Run every enabled backend (from the start again if the last run ended)."""
        if self._first_rebuild_pending or self.controller.all_ended:
            self.rebuild()
        self.controller.start()
        self._update_start_action()

    def pause(self) -> None:
        self.controller.pause()
        self._update_start_action()

    def start_or_pause(self) -> None:
        if self.controller.running:
            self.pause()
        else:
            self.start()

    def step(self) -> None:
        """One update in every backend, then paused."""
        if self._first_rebuild_pending or self.controller.all_ended:
            self.rebuild()
        self.controller.step()
        self._update_start_action()

    def reset(self) -> None:
        self.rebuild()

    def _update_start_action(self) -> None:
        running = self.controller.running
        self.start_action.setText(self.tr("Pause") if running else self.tr("Start"))
        self.start_action.setIcon(self._icons["pause" if running else "start"])
        self.start_action.setToolTip(
            self.tr("Pause training (Space)")
            if running
            else self.tr("Start or resume training (Space)")
        )

    # -- reacting to edits ------------------------------------------------------------
    @Slot(object)
    def _on_data_edited(self, spec: DataSpec) -> None:
        if self._load_data(spec):
            self._rebuild_timer.start()

    @Slot(str)
    def _on_card_changed(self, name: str) -> None:
        spec = self.cards[name].spec()
        self._experiment = self._experiment.with_backend(spec)
        self._fit_sidebar()
        self._rebuild_timer.start()

    @Slot(str, float)
    def _on_card_lr(self, name: str, lr: float) -> None:
        names = [name]
        if self.same_lr.isChecked():
            names = [s.name for s in self._experiment.enabled()]
            for other in names:
                if other != name:
                    self.cards[other].set_lr(lr)
        for n in names:
            self._experiment = self._experiment.with_backend(self.cards[n].spec())
            self.controller.set_lr(n, self.cards[n].effective_lr or lr)
        self._refresh_explanation()

    @Slot(str, str)
    def _on_card_color(self, name: str, color: str) -> None:
        self._experiment = self._experiment.with_backend(self.cards[name].spec())
        if self._experiment.backends[name].enabled and self._plots_built:
            colors = {s.name: s.color for s in self._experiment.enabled()}
            self.fit_view.set_backends({n: (self.backend_title(n), c) for n, c in colors.items()})
            self.surface_view.set_backends(colors)
            self.loss_view.set_backends(colors)
            self._refresh_explanation()

    def _on_same_lr(self, on: bool) -> None:
        enabled = self._experiment.enabled()
        if on and enabled:
            lr = self.cards[enabled[0].name].effective_lr
            if lr is not None:
                self._on_card_lr(enabled[0].name, lr)
                self.cards[enabled[0].name].set_lr(lr)

    def _on_speed(self, speed: float | None) -> None:
        self._experiment = replace(self._experiment, speed=speed)
        self.controller.set_speed(speed)

    # -- reacting to the controller ---------------------------------------------------
    @Slot(str)
    def _on_prepared(self, name: str) -> None:
        initial = self.controller.initials[name]
        self.cards[name].set_default_lr(initial.default_lr)
        self.surface_view.set_start(name, initial.w, initial.b)
        if not len(self.controller.histories.get(name, ())):
            self.fit_view.set_line(name, initial.w, initial.b)
        self._refresh_explanation()

    @Slot(str)
    def _on_progressed(self, name: str) -> None:
        self._dirty.add(name)

    @Slot(str)
    def _on_status_changed(self, name: str) -> None:
        self._status_dirty.add(name)
        status = self.controller.statuses.get(name)
        if status is not None and status.ended:
            self.printout.printout.mark_ended(name)
            self._dirty.add(name)
            self._update_start_action()

    @Slot()
    def _on_run_finished(self) -> None:
        self._update_start_action()
        self._refresh_explanation()

    @Slot(object)
    def _on_framework_failed(self, exc: BaseException) -> None:
        message = (
            exc.translated(QCoreApplication.translate)
            if isinstance(exc, DescentLabError)
            else str(exc)
        )
        self.show_error(
            self.tr("TensorFlow and Keras could not be loaded"),
            message + "\n\n" + self.tr("The NumPy backend still works."),
        )

    # -- messages, settings, theme, language, help ------------------------------------
    def show_error(self, title: str, detail: str) -> None:
        """Tell the user in a dialog that does not block the window (nor the tests)."""
        log.warning("%s: %s", title, detail)
        self.last_message = (title, detail)
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, detail, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_info(self, text: str) -> None:
        self.last_message = (text, "")
        self.statusBar().showMessage(text, 8000)

    def recent_files(self) -> list[str]:
        return self.settings.recent_files()

    def remember_file(self, path: str | Path) -> None:
        self.settings.add_recent_file(str(path))

    def clear_recent_files(self) -> None:
        self.settings.clear_recent_files()

    def set_theme(self, choice: str) -> None:
        """Light, dark, or as the system says; remembered."""
        self.settings.theme = choice
        self.theme_actions[choice].setChecked(True)
        theme = effective_theme(choice)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_palette(app, theme)
        self.theme = theme
        if self._plots_built:
            from widgets.plot_theme import THEMES as PLOT_THEMES

            for view in (self.fit_view, self.surface_view, self.loss_view):
                view.apply_theme(PLOT_THEMES[theme])

    def set_language(self, choice: str) -> None:
        """English or Simplified Chinese (or as the system says); remembered, applied at once."""
        self.settings.language = choice
        self.language_actions[choice].setChecked(True)
        self.language = install_language(choice)
        # Qt delivers LanguageChange later (changeEvent); update this window now.
        self.retranslate()
        self._refresh_explanation()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._refresh_explanation()
        super().changeEvent(event)

    def show_shortcuts(self) -> QDialog:
        from app.dialogs import ShortcutsDialog  # on demand: not needed to open the window

        actions = [
            self.start_action,
            self.step_action,
            self.reset_action,
            self.align_action,
            *self.file_actions.actions(),
            self.quit_action,
            self.shortcuts_action,
        ]
        dialog = ShortcutsDialog(actions, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_about(self) -> QDialog:
        from app.dialogs import AboutDialog

        dialog = AboutDialog(str(log_path()), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def save_settings(self) -> None:
        """Remember the window's layout and the experiment on screen."""
        settings = self.settings
        settings.set_geometry("geometry", self.saveGeometry())
        for name, splitter in self.splitters.items():
            settings.set_geometry(f"splitter-{name}", splitter.saveState())
        if self._data is not None:
            settings.set_experiment(self._experiment, self._data)
        settings.sync()

    @property
    def up_to_date(self) -> bool:
        """True once every update received so far has been drawn."""
        return not self._dirty

    def refresh_now(self) -> None:
        """Redraw every view from the current histories right away."""
        self._dirty |= set(self.controller.histories)
        self._status_dirty |= set(BACKENDS)
        self._on_frame()

    def _on_frame(self) -> None:
        """Update the views with whatever changed since the last frame.

        This, and every plot's repaint (through its ``paint_guard``), holds the training
        turnstile: no new chunk of training starts meanwhile. A repaint re-enters Python once per
        plot item, and each re-entry would otherwise wait for training threads to hand over the
        GIL.
        """
        if not self._plots_built or (not self._dirty and not self._status_dirty):
            return
        first_drawn = []
        with self.controller.turnstile.hold():
            histories = self.controller.histories
            for name in self._dirty:
                history = histories.get(name)
                if history is None or not len(history):
                    continue
                if name not in self._drawn:
                    self._drawn.add(name)
                    first_drawn.append(name)
                self.fit_view.set_line(name, float(history.w[-1]), float(history.b[-1]))
                self.surface_view.set_path(name, history.w, history.b)
                self.loss_view.set_curve(
                    name, history.step, history.loss, [s for s, _ in history.lr_changes()]
                )
            if self._dirty:
                if self.tabs.currentWidget() is self.printout:
                    self.printout.printout.refresh()
                self._dirty.clear()
            self._frames += 1
            if self._frames % STATUS_EVERY_FRAMES == 0 or not self.controller.running:
                for name in self._status_dirty:
                    self._show_status(name)
                self._status_dirty.clear()
        for name in first_drawn:  # outside the hold: a listener may close the window
            self.first_update_drawn.emit(name)

    def status_text(self, name: str) -> str:
        status = self.controller.statuses.get(name)
        if status is None:
            return ""
        if status.state == "diverged" and status.divergence is not None:
            state = self.tr("diverged at step {step} (lr={lr})").format(
                step=status.divergence.step, lr=f"{status.divergence.lr:g}"
            )
        elif status.state == "error":
            error = status.error
            detail = (
                error.translated(QCoreApplication.translate)
                if isinstance(error, DescentLabError)
                else f"{type(error).__name__}: {error}"
            )
            state = self.tr("error: {message}").format(message=detail)
        else:
            state = translate(STATE_TEXT[status.state])
        text = f"{state} · {status.updates:,}/{status.total:,}"
        if status.rate > 0:
            text += " · " + self.tr("{rate} updates/s").format(rate=f"{status.rate:,.0f}")
        return text

    def _show_status(self, name: str) -> None:
        label = self.status_labels[name]
        if name not in self.controller.statuses:
            label.hide()
            self.cards[name].set_status("")
            return
        text = self.status_text(name)
        state = self.controller.statuses[name].state
        tone = "error" if state in ("error", "diverged") else ""
        color = self._experiment.backends[name].color
        label.setText(f'<span style="color:{color}">●</span> {self.backend_title(name)}: {text}')
        label.show()
        self.cards[name].set_status(text, tone)

    def _refresh_explanation(self) -> None:
        enabled = self._experiment.enabled()
        n = self.data.n
        settings = [effective(s, self.controller.initials.get(s.name), n) for s in enabled]
        finished = {
            name: h
            for name, h in self.controller.histories.items()
            if self.controller.statuses[name].state == "finished"
        }
        deviation = max_deviation(finished) if len(finished) == len(enabled) else None
        self.explain.show_settings(
            settings,
            {s.name: self.backend_title(s.name) for s in enabled},
            {s.name: s.color for s in enabled},
            self.data.stats,
            n,
            deviation,
        )
        self.align_action.setEnabled(self.explain.align_button.isEnabled())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_sidebar()  # size hints are only final once the widgets are polished
        handle = self.windowHandle()
        if handle is not None and not self._watching_expose:
            self._watching_expose = True
            handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Expose
            and watched is self.windowHandle()
            and self.windowHandle().isExposed()
        ):
            # Qt paints the window while it handles this expose; TensorFlow's import (which
            # holds the GIL for seconds) may start right after that, not before.
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._after_first_paint)
        return False

    def _after_first_paint(self) -> None:
        if self._shut_down:
            return
        self.first_painted.emit()
        if self._first_rebuild_pending:
            self.rebuild()
        self.repaint()
        self.plots_painted.emit()
        self.controller.allow_framework_loading()

    # -- drag and drop, closing -------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.load_csv(urls[0].toLocalFile())

    def shutdown(self) -> bool:
        """Stop every training thread (idempotent); True if all stopped within a second."""
        if self._shut_down:
            return True
        self._shut_down = True
        self._frame_timer.stop()
        self._rebuild_timer.stop()
        return self.controller.shutdown(1000)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._shut_down and self.remember_on_close:
            self.save_settings()
        self.hide()  # gone for the user at once, even if a thread needs a moment to stop
        self.shutdown()
        event.accept()
