"""The Run menu and the toolbar: start/pause, step, reset, align, the speed and the presets."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMenu, QStyle, QToolBar, QWidget

from app.controller import TrainingController
from app.document import Document
from app.run_session import RunSession
from trainers.align_report import align_report
from trainers.messages import QT_TRANSLATE_NOOP
from trainers.presets import OPENING, PRESETS, apply_preset
from widgets.speed_control import SpeedControl

CUSTOM = "custom"
"""The preset box's entry once the settings match none of the presets."""

PRESET_TITLES = {
    OPENING: QT_TRANSLATE_NOOP("RunActions", "The post's puzzle: TensorFlow vs Keras"),
    "tf-lr-0.1": QT_TRANSLATE_NOOP("RunActions", "Post, TensorFlow 1: lr 0.1"),
    "tf-lr-0.01": QT_TRANSLATE_NOOP("RunActions", "Post, TensorFlow 1: lr 0.01"),
    "keras-defaults": QT_TRANSLATE_NOOP("RunActions", "Post, Keras train_on_batch: 'sgd' defaults"),
    "keras-lr-0.1": QT_TRANSLATE_NOOP("RunActions", "Post, Keras train_on_batch: SGD(lr=0.1)"),
    "keras-lr-0.01": QT_TRANSLATE_NOOP("RunActions", "Post, Keras train_on_batch: SGD(lr=0.01)"),
    "keras-fit": QT_TRANSLATE_NOOP("RunActions", "Post, Keras fit(epochs=20, batch_size=1)"),
    "aligned": QT_TRANSLATE_NOOP("RunActions", "All five backends, aligned settings"),
    "momentum": QT_TRANSLATE_NOOP("RunActions", "Momentum vs plain SGD"),
    "adam-tf1-keras": QT_TRANSLATE_NOOP("RunActions", "Adam: TensorFlow 1 vs Keras"),
    "rmsprop-tf1-keras": QT_TRANSLATE_NOOP("RunActions", "RMSprop: TensorFlow 1 vs Keras"),
    "keras-fit-plateau": QT_TRANSLATE_NOOP("RunActions", "The post's fit with ReduceLROnPlateau"),
    "rmsprop-float32-float64": QT_TRANSLATE_NOOP("RunActions", "RMSprop: float32 vs float64"),
}


class RunActions(QObject):
    """Owns the run's actions and toolbar; commands go to the run session and the document.
    ``aligned`` carries what Align settings changed (an AlignReport)."""

    aligned = Signal(object)

    def __init__(
        self,
        session: RunSession,
        document: Document,
        controller: TrainingController,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._session, self._document, self._controller = session, document, controller
        style = parent.style()
        self._icons = {
            "start": style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay),
            "pause": style.standardIcon(QStyle.StandardPixmap.SP_MediaPause),
        }
        self.start_action = QAction(parent, shortcut=QKeySequence(Qt.Key.Key_Space))
        self.start_action.triggered.connect(session.start_or_pause)
        self.step_action = QAction(parent, shortcut=QKeySequence("Ctrl+Right"))
        self.step_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward))
        self.step_action.triggered.connect(session.step)
        self.reset_action = QAction(parent, shortcut=QKeySequence("Ctrl+R"))
        self.reset_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.reset_action.triggered.connect(session.reset)
        self.align_action = QAction(parent, shortcut=QKeySequence("Ctrl+L"))
        self.align_action.triggered.connect(self.align)

        self.speed = SpeedControl()
        self.speed.speed_changed.connect(document.set_speed)
        self.preset_label = QLabel()
        self.preset_combo = QComboBox()
        self.preset_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for key in PRESETS:
            self.preset_combo.addItem("", key)
        self.preset_combo.activated.connect(self._on_preset_chosen)
        self.toolbar = self._build_toolbar()

        session.commanded.connect(self.update_start_action)
        controller.run_finished.connect(self.update_start_action)
        controller.status_changed.connect(self._on_status_changed)
        document.replaced.connect(self.show_speed)
        for edited in (document.replaced, document.settings_edited, document.lr_edited):
            edited.connect(self.show_matching_preset)

    def matching_preset(self) -> str | None:
        """The preset the document's settings are (colours and speed aside), or None."""
        experiment = self._document.experiment
        n = self._document.data.n
        for key in PRESETS:
            preset = apply_preset(key, experiment, n)
            if preset.backends == experiment.backends:
                return key
        return None

    @Slot()
    def show_matching_preset(self, *_args: object) -> None:
        """Select the preset the settings match, or "Custom" once they match none."""
        combo = self.preset_combo
        key = self.matching_preset()
        custom = combo.findData(CUSTOM)
        if key is None:
            if custom < 0:
                combo.addItem(self.tr("Custom"), CUSTOM)
                custom = combo.count() - 1
            combo.setCurrentIndex(custom)
            return
        combo.setCurrentIndex(combo.findData(key))
        if custom >= 0:
            combo.removeItem(custom)

    def _build_toolbar(self) -> QToolBar:
        bar = QToolBar()
        bar.setObjectName("controls")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.start_action, self.step_action, self.reset_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addWidget(self.speed)
        bar.addSeparator()
        bar.addWidget(self.preset_label)
        bar.addWidget(self.preset_combo)
        return bar

    def populate(self, menu: QMenu) -> None:
        for action in (self.start_action, self.step_action, self.reset_action, self.align_action):
            menu.addAction(action)

    def shortcut_actions(self) -> list[QAction]:
        return [self.start_action, self.step_action, self.reset_action, self.align_action]

    @Slot(int)
    def _on_preset_chosen(self, index: int) -> None:
        key = self.preset_combo.itemData(index)
        if key in PRESETS:  # "Custom" is where the settings are, not a preset to apply
            self.apply_preset(key)

    # -- commands -----------------------------------------------------------------------
    def apply_preset(self, key: str) -> None:
        """Set the cards as one of the original post's runs, and prepare it."""
        index = self.preset_combo.findData(key)
        if index >= 0:
            self.preset_combo.setCurrentIndex(index)
        self._document.apply_preset(key)

    def align(self) -> None:
        """Give every enabled backend the first one's settings; say what that changed."""
        document, initials = self._document, dict(self._controller.initials)
        before = document.experiment
        document.align(initials)
        self.aligned.emit(align_report(before, document.experiment, initials, document.data.n))

    # -- showing ------------------------------------------------------------------------
    def _fix_start_width(self) -> None:
        """One width for Start and Pause, so the toolbar does not shift when they swap."""
        button = self.toolbar.widgetForAction(self.start_action)
        if button is None:
            return
        widths = []
        for text in (self.tr("Start"), self.tr("Pause")):
            self.start_action.setText(text)
            widths.append(button.sizeHint().width())
        button.setMinimumWidth(max(widths))

    @Slot()
    def update_start_action(self) -> None:
        running = self._controller.running
        self.start_action.setText(self.tr("Pause") if running else self.tr("Start"))
        self.start_action.setIcon(self._icons["pause" if running else "start"])
        self.start_action.setToolTip(
            self.tr("Pause training (Space)")
            if running
            else self.tr("Start or resume training (Space)")
        )

    @Slot(str)
    def _on_status_changed(self, name: str) -> None:
        status = self._controller.statuses.get(name)
        if status is not None and status.ended:
            self.update_start_action()

    def show_speed(self) -> None:
        self.speed.set_speed(self._document.experiment.speed)

    def show_experiment(self, preset: str | None) -> None:
        """The document's speed, and the preset it was made from (if any)."""
        if preset is not None:
            self.preset_combo.setCurrentIndex(max(self.preset_combo.findData(preset), 0))
        self.show_speed()

    def retranslate(self) -> None:
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
            key = self.preset_combo.itemData(i)
            title = PRESET_TITLES.get(key)
            text = (
                self.tr("Custom")
                if title is None
                else QCoreApplication.translate("RunActions", title)
            )
            self.preset_combo.setItemText(i, text)
        self.preset_combo.setToolTip(self.tr("Rebuild one of the original post's runs"))
        self.speed.retranslate()
        self.update_start_action()  # the icon first: it is part of the width
        self._fix_start_width()
        self.update_start_action()
