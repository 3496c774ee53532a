"""A backend's card: enable it, pick its colour, start, learning rate and update scheme."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from trainers import Init
from trainers.experiment import BackendSpec
from trainers.lr_schedules import always_required
from trainers.rate_marks import RateMarks
from trainers.setting import Setting
from trainers.settings import SETTING, SETTINGS
from widgets.list_edit import ListEdit
from widgets.lr_row import LrRow
from widgets.number_box import NumberBox
from widgets.status_entry import error_color

KERAS = ("keras", "keras-fit")
SPECIAL = ("init", "lr")
NULL_TEXT = "default"
"""What a nullable number's box shows at None (the framework's own default)."""
"""Settings with widgets of their own; every other setting gets a generic row."""


def _tr(text: str) -> str:
    # The declaration marks its words in this class's context (trainers/settings.py).
    return QCoreApplication.translate("BackendCard", text)


def color_icon(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class BackendCard(QGroupBox):
    """Edits one BackendSpec. ``changed`` means the run must be rebuilt; ``lr_changed`` can
    be applied live; ``color_changed`` only repaints."""

    changed = Signal(str)
    lr_changed = Signal(str, float)
    color_changed = Signal(str, str)
    script_requested = Signal(str)

    def __init__(self, spec: BackendSpec, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.name = spec.name
        self._spec = spec
        self.setCheckable(True)
        self.setObjectName(f"card-{spec.name}")

        self.color_button = QToolButton()
        self.color_button.clicked.connect(self._pick_color)
        self.expand_button = QToolButton()
        self.expand_button.setObjectName("expand")
        self.expand_button.setCheckable(True)
        self.expand_button.setChecked(True)
        self.expand_button.setAutoRaise(True)
        self.expand_button.toggled.connect(self.set_expanded)

        self.init_combo = QComboBox()
        self.init_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.init_combo.setMinimumContentsLength(8)
        self.init_w = self._number_box()
        self.init_b = self._number_box()

        self.lr_row = LrRow(keras=spec.name in KERAS)
        # The names the window and the tests have used for the row's parts.
        self.lr_slider, self.lr_edit = self.lr_row.slider, self.lr_row.edit
        self.lr_reset, self.lr_note = self.lr_row.reset, self.lr_row.note
        self.lr_warning = self.lr_row.warning

        # One editor and one label per declared setting without a widget of its own.
        self.editors = {s.key: self._editor(s) for s in SETTINGS if s.key not in SPECIAL}
        self.labels = {key: QLabel() for key in self.editors}
        # The names the window, the tests and the benchmarks have used for them.
        self.seed, self.steps, self.epochs = (
            self.editors[k] for k in ("init_seed", "steps", "epochs")
        )
        self.batch, self.shuffle = self.editors["batch_size"], self.editors["shuffle"]
        self.engine = self.editors["engine"]
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.script_button = QToolButton()
        self.script_button.clicked.connect(lambda: self.script_requested.emit(self.name))

        self._build_layout()
        self.retranslate()
        self.set_spec(spec)
        self.set_expanded(True)

        self.toggled.connect(self._on_toggled)
        self.init_combo.currentIndexChanged.connect(self._on_init_kind)
        for box in (self.init_w, self.init_b):
            box.valueChanged.connect(self._emit_changed)
        for editor in self.editors.values():
            self._changed_signal(editor).connect(self._emit_changed)
        self.lr_row.edited.connect(lambda lr: self.set_lr(lr, emit=True))

    @staticmethod
    def _number_box() -> NumberBox:
        box = NumberBox()
        box.setMaximumWidth(80)
        box.setRange(-1e4, 1e4)
        box.setSingleStep(0.1)
        return box

    @staticmethod
    def _editor(setting: Setting) -> QWidget:
        """A generic editor for a declared setting, limited to its valid values."""
        if setting.kind == "int":
            box = QSpinBox()
            box.setRange(int(setting.low), int(setting.high))
            return box
        if setting.kind == "float":  # 1e-7 as Python reads it, 0.45 shown as 0.45
            number = NumberBox()
            low, high = max(setting.low, -1e9), min(setting.high, 1e9)
            if setting.nullable:  # one tiny step below the lowest value stands for None
                number.setSingleStep(0.01)
                number.set_nullable(low, high, NULL_TEXT)
            else:
                number.setRange(low, high)
            return number
        if setting.kind == "bool":
            return QCheckBox()
        if setting.kind in ("ints", "floats"):  # e.g. piecewise_constant's "100, 500"
            return ListEdit(setting)
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    @staticmethod
    def _changed_signal(editor: QWidget) -> Signal:
        if isinstance(editor, QCheckBox):
            return editor.toggled
        if isinstance(editor, QComboBox):
            return editor.currentIndexChanged
        return editor.valueChanged

    @staticmethod
    def _show_value(editor: QWidget, value: object, default: object) -> None:
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox):  # a backend's own choice (from a file): the default
            found = editor.findData(value)
            editor.setCurrentIndex(found if found >= 0 else max(editor.findData(default), 0))
        elif value is None:  # a nullable number: the framework's own default
            editor.setValue(editor.minimum())
        else:
            editor.setValue(value)

    @staticmethod
    def _value(editor: QWidget) -> object:
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if editor.specialValueText() and editor.value() == editor.minimum():
            return None
        return editor.value()

    def _show_applicable_rows(self) -> None:
        for key, editor in self.editors.items():
            setting = SETTING[key]
            self._form.setRowVisible(editor, setting.applies(self.name, self._spec))
            # A value this backend's framework has no place for: shown, disabled, saying why.
            lacks = setting.lacked(self.name, self._spec)
            editor.setEnabled(lacks is None)
            self.labels[key].setEnabled(lacks is None)
            why = "" if lacks is None else lacks.translated(QCoreApplication.translate) + "\n\n"
            editor.setToolTip(why + _tr(setting.help))

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        start = QHBoxLayout()
        start.addWidget(self.init_combo, 1)
        self.w_label, self.b_label = QLabel("w"), QLabel("b")
        for label, box in ((self.w_label, self.init_w), (self.b_label, self.init_b)):
            start.addWidget(label)
            start.addWidget(box)
        self.start_label = QLabel()
        form.addRow(self.start_label, start)
        self.lr_label = QLabel()
        form.addRow(self.lr_label, self.lr_row)
        for key, editor in self.editors.items():
            form.addRow(self.labels[key], editor)
        self._form = form
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        # Collapsing hides the settings; the state line and the script button stay.
        self.details = QWidget()
        self.details.setLayout(form)
        form.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.details)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.script_button, 0, Qt.AlignmentFlag.AlignBottom)
        body.addLayout(footer)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(8, 2, 4, 4)
        outer.addWidget(self.body, 1)
        side = QVBoxLayout()
        side.addWidget(self.color_button)
        side.addWidget(self.expand_button)
        side.addStretch(1)
        outer.addLayout(side)
        self.body.setContentsMargins(0, 0, 0, 0)

    def retranslate(self) -> None:
        """(Re)apply every user-visible string, e.g. after a language change."""
        keras = self.name in KERAS
        index = self.init_combo.currentIndex()
        self.init_combo.blockSignals(True)
        self.init_combo.clear()
        self.init_combo.addItem(
            self.tr("Keras default (glorot_uniform)")
            if keras
            else self.tr("as the post's script (0, 0)"),
            "default",
        )
        self.init_combo.addItem(self.tr("zeros"), "zeros")
        self.init_combo.addItem(self.tr("values"), "values")
        self.init_combo.setCurrentIndex(max(index, 0))
        self.init_combo.blockSignals(False)
        self.start_label.setText(_tr(SETTING["init"].label))
        self.lr_label.setText(_tr(SETTING["lr"].label))
        for key, editor in self.editors.items():
            self._retranslate_row(SETTING[key], editor)
        self.script_button.setText(self.tr("Python script…"))
        self.script_button.setToolTip(
            self.tr("Save a plain program in the original post's style that reproduces this run")
        )
        self.color_button.setToolTip(self.tr("Colour of this backend's line, path and loss curve"))
        self.expand_button.setToolTip(self.tr("Show or hide this backend's settings"))
        self.init_combo.setToolTip(_tr(SETTING["init"].help))
        self.lr_row.retranslate(_tr(SETTING["lr"].help))
        self._show_applicable_rows()  # the tooltips of values this backend has no place for

    def _retranslate_row(self, setting: Setting, editor: QWidget) -> None:
        label = self.labels[setting.key]
        if isinstance(editor, QCheckBox):  # a check box carries its own words
            editor.setText(_tr(setting.label))
        else:
            label.setText(_tr(setting.label))
        if isinstance(editor, ListEdit):
            editor.retranslate()
        if isinstance(editor, NumberBox) and setting.nullable:  # None: Keras's, or none yet
            needed = always_required(setting.key)
            editor.setSpecialValueText(self.tr("required") if needed else NULL_TEXT)
        if isinstance(editor, QComboBox):
            chosen = editor.currentData()
            editor.blockSignals(True)
            editor.clear()
            for value, text in zip(setting.choices, setting.choice_labels, strict=True):
                editor.addItem(_tr(text), value)
            self._refuse_choices(setting, editor)
            self._show_value(editor, chosen, setting.default)
            editor.blockSignals(False)

    def _refuse_choices(self, setting: Setting, editor: QComboBox) -> None:
        """Disable the choices this backend's framework cannot express, saying why."""
        if setting.refusal is None:
            return
        for index, value in enumerate(setting.choices):
            refused = setting.refusal(self.name, value)
            if refused is not None:
                editor.model().item(index).setEnabled(False)
                why = refused.translated(QCoreApplication.translate)
                editor.setItemData(index, why, Qt.ItemDataRole.ToolTipRole)

    # -- spec <-> widgets -------------------------------------------------------------
    def spec(self) -> BackendSpec:
        return self._spec

    def set_spec(self, spec: BackendSpec) -> None:
        """Show ``spec`` without emitting anything."""
        self._spec = spec
        widgets = (self, self.init_combo, self.init_w, self.init_b, *self.editors.values())
        for widget in widgets:
            widget.blockSignals(True)
        self.setChecked(spec.enabled)
        self.body.setVisible(spec.enabled)
        self.color_button.setVisible(spec.enabled)
        self.expand_button.setVisible(spec.enabled)
        self.color_button.setIcon(color_icon(spec.color))
        self.init_combo.setCurrentIndex(self.init_combo.findData(spec.init.kind))
        self.init_w.setValue(spec.init.w)
        self.init_b.setValue(spec.init.b)
        for key, editor in self.editors.items():
            self._show_value(editor, getattr(spec, key), SETTING[key].default)
        for widget in widgets:
            widget.blockSignals(False)
        self._show_init_values(spec.init.kind == "values")
        self._show_applicable_rows()
        self.lr_row.set_settings(spec)
        self.lr_row.set_lr(spec.lr)

    def _read_widgets(self) -> BackendSpec:
        kind = self.init_combo.currentData()
        init = (
            Init.values(self.init_w.value(), self.init_b.value())
            if kind == "values"
            else Init(kind)
        )
        return replace(
            self._spec,
            enabled=self.isChecked(),
            init=init,
            **{key: self._value(editor) for key, editor in self.editors.items()},
        )

    def _show_init_values(self, visible: bool) -> None:
        for widget in (self.w_label, self.init_w, self.b_label, self.init_b):
            widget.setVisible(visible)

    # -- learning rate ----------------------------------------------------------------
    def set_default_lr(self, lr: float) -> None:
        """The framework has said what its own default is."""
        self.lr_row.set_default(lr)

    @property
    def effective_lr(self) -> float | None:
        return self.lr_row.effective

    def set_lr(self, lr: float | None, emit: bool = False) -> bool:
        """Show ``lr`` (None: the framework default); optionally tell the window. False if
        ``lr`` is no learning rate (not a finite number above 0): the box says so and the
        previous value stays, in the card's spec as in the window."""
        if not self.lr_row.set_lr(lr):
            return False
        self._spec = replace(self._spec, lr=self.lr_row.lr)
        effective = self.effective_lr
        if emit and effective is not None:
            self.lr_changed.emit(self.name, effective)
        return True

    def set_rate_marks(self, marks: RateMarks | None) -> None:
        """Mark the critical and optimal rates on the slider, and warn at or above the
        critical one (None: nothing known)."""
        self.lr_row.set_marks(marks)

    # -- other edits ------------------------------------------------------------------
    def _on_toggled(self, enabled: bool) -> None:
        self.body.setVisible(enabled)
        self.color_button.setVisible(enabled)
        self.expand_button.setVisible(enabled)
        self._emit_changed()

    def _on_init_kind(self) -> None:
        self._show_init_values(self.init_combo.currentData() == "values")
        self._emit_changed()

    def _emit_changed(self, *_args: object) -> None:
        self._spec = self._read_widgets()
        self._show_applicable_rows()  # a setting may apply only while another has some value
        self.lr_row.set_settings(self._spec)
        self.changed.emit(self.name)

    def _pick_color(self) -> None:
        color = QColorDialog.getColor(QColor(self._spec.color), self, self.tr("Backend colour"))
        if color.isValid():
            self.set_color(color.name())

    def set_color(self, color: str) -> bool:
        """Draw this backend in ``color``; False, with the colour kept, if it is none."""
        if not QColor.isValidColorName(color):
            return False
        self._spec = replace(self._spec, color=color)
        self.color_button.setIcon(color_icon(color))
        self.color_changed.emit(self.name, color)
        return True

    @property
    def expanded(self) -> bool:
        return self.expand_button.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        """Show the settings, or fold them away (the state line stays)."""
        self.expand_button.setChecked(expanded)
        self.expand_button.setArrowType(
            Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow
        )
        self.details.setVisible(expanded)

    def set_status(self, text: str, tone: str = "") -> None:
        """One line of state under the card; ``tone`` "error" draws it in the error colour,
        "note" (settings still to fill in) as a calm aside."""
        self.status.setText(("⚠ " + text) if tone == "error" and text else text)
        style = "font-style: italic;" if tone == "note" else ""
        if tone == "error":  # the error colour that reads on this theme's background
            style = f"color: {error_color(self)};"
        if style != self.status.styleSheet() or tone != self.status.property("tone"):
            self.status.setProperty("tone", tone)
            self.status.setStyleSheet(style)
            self.status.updateGeometry()
