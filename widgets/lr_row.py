"""A card's learning-rate row: a log slider with the critical and optimal rates marked, a box,
a button back to the framework's default, a note on that default, and a warning shown as soon
as the rate would make the run diverge (before it does)."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from trainers import DescentLabError
from trainers.config import POST_SCRIPT_LR
from trainers.experiment import BackendSpec
from trainers.rate_marks import RateMarks
from trainers.values import check_learning_rate
from widgets.log_slider import LogSlider
from widgets.status_entry import error_color

LR_MIN, LR_MAX = 1e-4, 10.0


class LrRow(QWidget):
    """Shows one backend's learning rate (None: the framework's default) and its marks.
    ``edited`` carries what the user asked for: a number (maybe no learning rate, which
    :meth:`set_lr` refuses) or None, back to the default."""

    edited = Signal(object)

    def __init__(self, keras: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keras = keras
        self._lr: float | None = None
        # The post's script's choice, known without loading a framework; Keras's own
        # default is only known once Keras has loaded (set_default).
        self._default: float | None = None if keras else POST_SCRIPT_LR
        self._marks: RateMarks | None = None
        # The post's script's and Keras's 'sgd' notes are about sgd only; on piecewise_constant
        # the rate is the first of the values.
        self._optimizer = "sgd"
        self._first_value: float | None = None
        self._help = ""

        self.slider = LogSlider(LR_MIN, LR_MAX)
        self.slider.setMinimumWidth(90)
        self.edit = QLineEdit()
        self.edit.setMaximumWidth(64)
        self.reset = QToolButton()
        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setWordWrap(True)  # a long note must not widen the whole panel
        self.warning = QLabel()
        self.warning.setObjectName("lr-warning")
        self.warning.setWordWrap(True)
        self.warning.setVisible(False)

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.edit)
        controls.addWidget(self.reset)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(controls)
        column.addWidget(self.note)
        column.addWidget(self.warning)

        self.slider.value_changed.connect(self.edited.emit)
        self.edit.editingFinished.connect(self._on_edit)
        self.reset.clicked.connect(lambda: self.edited.emit(None))

    # -- the rate -------------------------------------------------------------------------
    @property
    def lr(self) -> float | None:
        """The chosen rate; None: the framework's default."""
        return self._lr

    @property
    def effective(self) -> float | None:
        return self._lr if self._lr is not None else self._default

    def set_default(self, lr: float) -> None:
        """The framework has said what its own default is."""
        self._default = lr
        self._show()

    def set_settings(self, spec: BackendSpec) -> None:
        """The card's other settings: the default rate's note names whose default it is."""
        first = spec.values[0] if spec.schedule == "piecewise_constant" and spec.values else None
        if (spec.optimizer, first) != (self._optimizer, self._first_value):
            self._optimizer, self._first_value = spec.optimizer, first
            self._show_note()

    def set_lr(self, lr: float | None) -> bool:
        """Show ``lr`` (None: the default). False if it is no learning rate (not a finite
        number above 0): the box says so and the previous value stays."""
        if lr is not None:
            try:
                lr = check_learning_rate(lr)
            except DescentLabError:
                self.edit.setStyleSheet(f"border: 1px solid {error_color(self)};")
                self.edit.setToolTip(self.tr("Type a number above 0, e.g. 0.1"))
                return False
        self._lr = lr
        self._show()
        return True

    def _on_edit(self) -> None:
        try:
            lr = float(self.edit.text().strip())
        except ValueError:
            lr = math.nan
        if lr != self.effective or self._lr is None:
            self.edited.emit(lr)  # a refused value is marked, and nothing changes

    def _show(self) -> None:
        lr = self.effective
        if lr is not None:
            self.slider.set_value(lr)
            self.edit.setText(f"{lr:g}")
        else:
            self.edit.setText("")
        # Until Keras has said what its default is, there is no value to show or move from.
        for widget in (self.slider, self.edit):
            widget.setEnabled(lr is not None)
        self.edit.setStyleSheet("")
        self.edit.setToolTip(self._help)
        self._show_note()
        self._show_warning()

    def _show_note(self) -> None:
        default = self._default
        text = ""
        if self._lr is None:
            if self._first_value is not None:
                first = f"{self._first_value:g}"
                text = self.tr("default: {lr}, the first of the values").format(lr=first)
            elif default is None:
                text = (
                    self.tr("Keras's 'sgd' default (known once Keras has loaded)")
                    if self._keras
                    else ""
                )
            elif self._optimizer != "sgd":  # the optimizer's (or tf1's fallback) default
                text = self.tr("default: {lr}").format(lr=f"{default:g}")
            elif self._keras:
                text = self.tr("Keras's 'sgd' default: {lr}").format(lr=f"{default:g}")
            else:
                text = self.tr("default: {lr}, as the post's script").format(lr=f"{default:g}")
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self.reset.setEnabled(self._lr is not None)

    # -- the marks and the warning --------------------------------------------------------
    def set_marks(self, marks: RateMarks | None) -> None:
        """The critical and optimal rates for this backend's data and settings (None: none)."""
        self._marks = marks
        shown = marks is not None and marks.shown
        self.slider.set_marks(
            {"critical": (marks.critical, "error"), "optimal": (marks.optimal, "good")}
            if shown
            else {}
        )
        self.slider.setToolTip(self._slider_tip())
        self._show_warning()

    def _slider_tip(self) -> str:
        marks = self._marks
        if marks is None:
            return self._help
        values = {"critical": f"{marks.critical:.3g}", "optimal": f"{marks.optimal:.3g}"}
        if marks.shown:
            lines = [self.tr("critical {critical} (diverges above) · optimal {optimal}")]
            if marks.momentum > 0:
                lines.append(
                    self.tr(
                        "The critical rate is for this momentum; the optimal one is plain "
                        "gradient descent's."
                    )
                )
        elif marks.minibatch:
            lines = [
                self.tr(
                    "No marks: the full-batch critical rate ({critical}) does not bound "
                    "minibatch SGD, whose every update follows its own batch's curvature."
                )
            ]
        else:
            lines = [self.tr("No marks: they apply to plain and momentum SGD only.")]
        text = "\n".join(line.format(**values) for line in lines)
        if marks.why is not None:
            text += "\n" + marks.why.translated(QCoreApplication.translate)
        return f"{self._help}\n{text}" if self._help else text

    def _show_warning(self) -> None:
        lr, marks = self.effective, self._marks
        zone = marks.zone(lr) if marks is not None and lr is not None else ""
        text = tip = ""
        if zone == "diverges":
            text = self.tr("⚠ above the critical rate {critical}: this run will diverge")
            tip = self.tr(
                "From {critical} on, each update stretches the distance to the optimum along "
                "the loss bowl's steepest direction instead of shrinking it, so the loss grows "
                "without bound whatever the start. Lower the rate below the red mark."
            )
        elif zone == "oscillates":
            text = self.tr("oscillates: past the optimal rate {optimal}")
            tip = self.tr(
                "Above {optimal} each update overshoots along the steepest direction, so the "
                "path zig-zags across the valley, and it converges more slowly than at "
                "{optimal}. It still converges below the critical rate {critical}."
            )
        if marks is not None:
            values = {"critical": f"{marks.critical:.3g}", "optimal": f"{marks.optimal:.3g}"}
            text, tip = text.format(**values), tip.format(**values)
        self.warning.setText(text)
        self.warning.setToolTip(tip)
        tone = "error" if zone == "diverges" else ""
        self.warning.setProperty("tone", tone)
        self.warning.setStyleSheet(f"color: {error_color(self)};" if tone else "")
        self.warning.setVisible(bool(text))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # the theme changed: the error colour too
            self._show_warning()
        super().changeEvent(event)

    def retranslate(self, help_text: str) -> None:
        """(Re)apply every user-visible string; ``help_text`` explains the learning rate."""
        self._help = help_text
        self.reset.setText(self.tr("default"))
        self.reset.setToolTip(self.tr("Back to the framework's own default learning rate"))
        self.edit.setToolTip(help_text)
        self.slider.setToolTip(self._slider_tip())
        self._show_note()
        self._show_warning()
