"""Where the points come from: the post's synthetic line or a CSV file."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trainers.experiment import DataSpec
from widgets.number_box import NumberBox


class DataPanel(QGroupBox):
    """Edits a DataSpec. ``changed`` carries the new spec; ``open_requested`` asks the window
    for a file dialog (so tests and drag-and-drop can bypass it)."""

    changed = Signal(object)
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spec = DataSpec()
        self.synthetic = QRadioButton()
        self.csv = QRadioButton()
        self.n = QSpinBox()
        self.n.setRange(2, 10_000_000)
        # Taken on Enter or leaving the box, as typed: with keyboard tracking "1.7" was taken
        # at "1", shown back as "1.000", and the rest of the typing went astray.
        self.slope, self.intercept, self.noise = (NumberBox() for _ in range(3))
        for box in (self.slope, self.intercept):
            box.setRange(-1e3, 1e3)
            box.setSingleStep(0.1)
        self.noise.setRange(0.0, 1e3)
        self.noise.setSingleStep(0.05)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.path_label = QLabel()
        self.path_label.setWordWrap(True)
        self.open_button = QPushButton()
        self.summary = QLabel()
        self.summary.setObjectName("note")
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        self.n_label, self.slope_label, self.intercept_label = QLabel(), QLabel(), QLabel()
        self.noise_label, self.seed_label = QLabel(), QLabel()
        form.addRow(self.n_label, self.n)
        form.addRow(self.slope_label, self.slope)
        form.addRow(self.intercept_label, self.intercept)
        form.addRow(self.noise_label, self.noise)
        form.addRow(self.seed_label, self.seed)
        csv_row = QHBoxLayout()
        csv_row.addWidget(self.csv, 1)
        csv_row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.synthetic)
        layout.addLayout(form)
        layout.addLayout(csv_row)
        layout.addWidget(self.path_label)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        self._synthetic_widgets = (self.n, self.slope, self.intercept, self.noise, self.seed)

        self.retranslate()
        self.set_spec(self._spec)
        for box in self._synthetic_widgets:
            box.valueChanged.connect(self._on_synthetic_edit)
        self.synthetic.toggled.connect(self._on_kind)
        self.open_button.clicked.connect(self.open_requested)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Data"))
        self.synthetic.setText(self.tr("Synthetic: y = slope·x + intercept"))
        self.synthetic.setToolTip(
            self.tr("x drawn uniformly from [0, 1), as the post's np.random.rand")
        )
        self.csv.setText(self.tr("CSV file (x,y)"))
        self.n_label.setText(self.tr("Points"))
        self.slope_label.setText(self.tr("Slope"))
        self.intercept_label.setText(self.tr("Intercept"))
        self.noise_label.setText(self.tr("Noise (sd)"))
        self.seed_label.setText(self.tr("Seed"))
        self.open_button.setText(self.tr("Open CSV…"))
        self.open_button.setToolTip(
            self.tr("Load points from a CSV file; you can also drop one on the window")
        )
        self.noise.setToolTip(
            self.tr("Standard deviation of Gaussian noise added to y (the post used none)")
        )
        self._show_path()

    def spec(self) -> DataSpec:
        return self._spec

    def set_spec(self, spec: DataSpec) -> bool:
        """Show ``spec``; False, with the shown spec kept, if the panel cannot show it (an
        unknown kind, a CSV without a file, a number that is not finite)."""
        numbers = (spec.slope, spec.intercept, spec.noise)
        if (
            spec.kind not in ("synthetic", "csv")
            or (spec.kind == "csv" and not spec.path)
            or not all(isinstance(v, int | float) and math.isfinite(v) for v in numbers)
        ):
            return False
        self._spec = spec
        for widget in (*self._synthetic_widgets, self.synthetic, self.csv):
            widget.blockSignals(True)
        self.n.setValue(spec.n)
        self.slope.setValue(spec.slope)
        self.intercept.setValue(spec.intercept)
        self.noise.setValue(spec.noise)
        self.seed.setValue(spec.seed)
        self.synthetic.setChecked(spec.kind == "synthetic")
        self.csv.setChecked(spec.kind == "csv")
        for widget in (*self._synthetic_widgets, self.synthetic, self.csv):
            widget.blockSignals(False)
        for widget in self._synthetic_widgets:
            widget.setEnabled(spec.kind == "synthetic")
        self.csv.setEnabled(bool(spec.path))
        self._show_path()
        return True

    def _show_path(self) -> None:
        self.path_label.setText(
            Path(self._spec.path).name if self._spec.path else self.tr("no file chosen")
        )
        self.path_label.setToolTip(self._spec.path)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def clear_error(self) -> None:
        self.error.hide()
        self.error.setText("")

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)

    def _on_synthetic_edit(self) -> None:
        spec = replace(
            self._spec,
            kind="synthetic",
            n=self.n.value(),
            slope=self.slope.value(),
            intercept=self.intercept.value(),
            noise=self.noise.value(),
            seed=self.seed.value(),
        )
        self.changed.emit(spec)

    def _on_kind(self, synthetic: bool) -> None:
        if synthetic:
            self._on_synthetic_edit()
        elif self._spec.path:
            self.changed.emit(replace(self._spec, kind="csv"))
        else:
            self.open_requested.emit()
