"""Descent Lab's main window: it arranges the document's views and actions, and wires them.

The parts live in modules named for their job: the document (app/document.py) owns the
experiment and the data; the run session prepares and commands runs; the frame renderer draws
them; the actions (app/actions/) are the menus and the toolbar.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QTabWidget

from app.actions.file_actions import FileActions
from app.actions.help_actions import HelpActions
from app.actions.run_actions import RunActions
from app.actions.view_actions import ViewActions
from app.appearance import Appearance
from app.controller import TrainingController
from app.document import Document
from app.explanation import Explanation
from app.first_paint import FirstPaint
from app.frame_renderer import FrameRenderer
from app.keyboard import MediaKeys
from app.load_progress import LoadProgress
from app.notices import Notices
from app.plot_area import PlotArea
from app.run_session import RunSession
from app.settings import AppSettings
from app.shutdown import Shutdown
from app.side_panel import SidePanel
from app.status_bar import StatusBar
from app.theory_overlay import TheoryOverlay
from app.theory_tab import TheoryTab
from app.window_memory import WindowMemory
from trainers import DescentLabError
from trainers.experiment import Experiment
from trainers.presets import OPENING
from widgets.explain_panel import ExplainPanel
from widgets.printout_view import PrintoutView
from widgets.theory_panel import TheoryPanel


class MainWindow(QMainWindow):
    """Settings on the left, the three plots and the explanation/printout tabs on the right."""

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
        self.document = Document(experiment, self)
        if preset is not None:  # before anything listens: it is prepared once painted
            self.document.apply_preset(preset)
        self.controller = TrainingController(self)
        self.session = RunSession(self.document, self.controller, autostart)
        self._build_parts()
        self._build_menus()
        self._build_layout()
        self._wire()
        self.memory = WindowMemory(self.settings, self, self.splitters, self.document)
        self.retranslate()
        self.memory.restore_geometry()
        self.side.show_experiment()
        self.run_actions.show_experiment(preset)
        unwritable = self.settings.unwritable()
        if unwritable:  # a read-only settings folder: said once, not ignored
            self.notices.info(unwritable)

    # -- construction -------------------------------------------------------------------
    def _build_parts(self) -> None:
        document, controller = self.document, self.controller
        self.printout = PrintoutView()
        self.explain = ExplainPanel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.explain, "")
        self.tabs.addTab(self.printout, "")
        self.theory_panel = TheoryPanel()
        self.tabs.addTab(self.theory_panel, "")
        self.side = SidePanel(document, controller)
        self.plots = PlotArea(controller.turnstile.hold, self)
        self.status = StatusBar(
            self.statusBar(),
            self.side.cards,
            lambda: controller.statuses,
            lambda: {n: s.color for n, s in document.experiment.backends.items()},
        )
        self.notices = Notices(self, self.status.show_message)
        self.load_progress = LoadProgress(document.loader, self.statusBar())
        self.keys = MediaKeys(self)
        self.frames = FrameRenderer(
            document,
            controller,
            self.plots,
            self.printout,
            lambda: self.tabs.currentWidget() is self.printout,
            self.status,
        )
        self.appearance = Appearance(self.settings, self.plots)
        self.overlay = TheoryOverlay(document, controller, self.session, self.plots)
        self.run_actions = RunActions(self.session, document, controller, self)
        self.file_actions = FileActions(
            document,
            controller,
            self.plots,
            self.printout.printout,
            self.settings,
            self.notices,
            self,
        )
        self.view_actions = ViewActions(self.appearance, self.settings, self)
        self.help_actions = HelpActions(
            lambda: [
                *self.run_actions.shortcut_actions(),
                *self.view_actions.shortcut_actions(),
                *self.file_actions.actions(),
            ],
            self,
        )
        self.explanation = Explanation(
            self.explain, self.run_actions.align_action, document, controller
        )
        self.theory = TheoryTab(
            self.theory_panel, document, controller, self.appearance, self.plots
        )
        self._shutdown = Shutdown(
            controller, [self.frames.stop, self.session.shutdown, document.loader.cancel], self
        )
        self._first_paint = FirstPaint(self)
        # What users touch, under the names tests and tools know them by.
        self.cards, self.data_panel, self.same_lr = (
            self.side.cards,
            self.side.data_panel,
            self.side.same_lr,
        )
        run = self.run_actions
        self.start_action, self.step_action = run.start_action, run.step_action
        self.reset_action, self.align_action = run.reset_action, run.align_action
        self.speed, self.preset_combo, self.toolbar = run.speed, run.preset_combo, run.toolbar
        self.status_labels = self.status.labels

    def _build_menus(self) -> None:
        self.addToolBar(self.run_actions.toolbar)
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_actions.populate(self.file_menu)
        self.run_menu = bar.addMenu("")
        self.run_actions.populate(self.run_menu)
        self.view_menu = bar.addMenu("")
        self.view_actions.populate(self.view_menu)
        self.help_menu = bar.addMenu("")
        self.help_actions.populate(self.help_menu)

    def _build_layout(self) -> None:
        slots = self.plots.placeholders
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(slots[0])
        top.addWidget(slots[1])
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(slots[2])
        bottom.addWidget(self.tabs)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(top)
        right.addWidget(bottom)
        right.setSizes([520, 380])
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(self.side)
        main.addWidget(right)
        main.setStretchFactor(1, 1)
        main.setSizes([420, 1020])
        self.splitters = {"main": main, "right": right, "top": top, "bottom": bottom}
        self.setCentralWidget(main)

    def _wire(self) -> None:
        side, files, session = self.side, self.file_actions, self.session
        self.explain.align_requested.connect(self.run_actions.align)
        self.run_actions.aligned.connect(self.explanation.show_aligned)
        self.explanation.message.connect(self.status.show_message)
        self.explain.theory_requested.connect(self._show_theory)
        self.tabs.currentChanged.connect(lambda _index: self.printout.printout.refresh())
        self.data_panel.open_requested.connect(
            lambda: files.open_csv_dialog() or side.show_data_spec()
        )
        for card in self.cards.values():
            card.script_requested.connect(files.export_backend_script)
        files.quit_action.triggered.connect(self.close)
        view = self.view_actions
        self.overlay.set_visible(view.theory_action.isChecked())
        view.theory_action.toggled.connect(self.overlay.set_visible)
        view.clear_ghosts_action.triggered.connect(self.overlay.clear_ghosts)
        session.rebuilt.connect(self.frames.show_new_run)
        session.rebuilt.connect(self.explanation.refresh)
        self.controller.framework_failed.connect(self._on_framework_failed)
        self.controller.status_changed.connect(self._show_waiting)
        self.plots.built.connect(self._show_waiting)
        self.frames.first_update_drawn.connect(self.first_update_drawn)
        self.view_actions.batch_action.toggled.connect(self.frames.batch.set_shown)
        self.plots.built.connect(self._on_plots_built)
        self.appearance.language_changed.connect(self._on_language_changed)
        self._first_paint.painted.connect(self._after_first_paint)

    def retranslate(self) -> None:
        """Apply every user-visible string (again after a language change)."""
        self.setWindowTitle(self.tr("Descent Lab"))
        self.file_menu.setTitle(self.tr("&File"))
        self.run_menu.setTitle(self.tr("&Run"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.tabs.setTabText(0, self.tr("Why they differ"))
        self.tabs.setTabText(1, self.tr("Printout"))
        self.tabs.setTabText(2, self.tr("Theory"))
        for part in (
            self.file_actions,
            self.load_progress,
            self.view_actions,
            self.help_actions,
            self.run_actions,
            self.plots,
            self.overlay,
            self.frames,
            self.explain,
            self.theory_panel,
            self.theory,
            self.side,
        ):
            part.retranslate()

    # -- reacting -----------------------------------------------------------------------
    @Slot()
    def _on_plots_built(self) -> None:
        # The splitters re-lay out for their new children once control returns to the event
        # loop; the plots get their share of the room after that.
        if not self.memory.restore_splitters():
            QTimer.singleShot(0, self, self._size_plots)

    def _size_plots(self) -> None:
        """The plots' share of the width."""
        splitters = self.splitters
        side = max(self.side.minimumWidth(), int(self.width() * 0.29))
        splitters["main"].setSizes([side, max(self.width() - side, 1)])
        for name, share in (("top", 0.5), ("bottom", 0.6)):
            width = max(splitters[name].width(), 2)
            splitters[name].setSizes([int(width * share), width - int(width * share)])

    @Slot()
    def _show_waiting(self, *_name: str) -> None:
        self.plots.show_waiting(self.controller.statuses)

    @Slot()
    def _on_language_changed(self) -> None:
        self.retranslate()
        self.explanation.refresh()
        self._show_waiting()

    @Slot()
    def _show_theory(self) -> None:
        """The explain panel's link to the Theory tab."""
        self.tabs.setCurrentWidget(self.theory_panel)

    @Slot(object)
    def _on_framework_failed(self, exc: BaseException) -> None:
        message = (
            exc.translated(QCoreApplication.translate)
            if isinstance(exc, DescentLabError)
            else str(exc)
        )
        self.notices.error(
            self.tr("TensorFlow and Keras could not be loaded"),
            message + "\n\n" + self.tr("The NumPy backend still works."),
        )

    def _after_first_paint(self) -> None:
        if self._shutdown.done:
            return
        self.first_painted.emit()
        self.session.window_painted()
        self.repaint()
        self.plots_painted.emit()
        self.controller.allow_framework_loading()

    # -- Qt events ----------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._on_language_changed()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.side.fit_width()  # size hints are only final once the widgets are polished
        self._first_paint.watch()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.file_actions.open_file(urls[0].toLocalFile())

    # -- closing ------------------------------------------------------------------------
    def shutdown(self) -> bool:
        """Stop every training thread (idempotent); True if all stopped within a second."""
        return self._shutdown.run()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._shutdown.done and self.remember_on_close:
            self.memory.save()
        self.hide()  # gone for the user at once, even if a thread needs a moment to stop
        self.shutdown()
        event.accept()
