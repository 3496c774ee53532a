"""The settings column: the data, "same learning rate for all", and one card per backend.

It shows the document and turns the user's edits into document edits; it never trains.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QCheckBox, QScrollArea, QVBoxLayout, QWidget

from app.controller import TrainingController
from app.document import Document
from app.i18n import backend_title
from trainers import BACKENDS, DescentLabError
from trainers.rate_marks import rate_marks
from widgets.backend_card import BackendCard
from widgets.data_panel import DataPanel


class SidePanel(QScrollArea):
    """A scrolling column of the data panel and the backend cards, bound to the document."""

    def __init__(self, document: Document, controller: TrainingController) -> None:
        super().__init__()
        self._document, self._controller = document, controller
        self.data_panel = DataPanel()
        self.same_lr = QCheckBox()
        self.cards: dict[str, BackendCard] = {
            name: BackendCard(document.experiment.backends[name], name) for name in BACKENDS
        }
        column = self._column = QWidget()
        layout = QVBoxLayout(column)
        layout.addWidget(self.data_panel)
        layout.addWidget(self.same_lr)
        for card in self.cards.values():
            layout.addWidget(card)
        layout.addStretch(1)
        self.setWidget(column)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.data_panel.changed.connect(document.edit_data)
        for card in self.cards.values():
            card.changed.connect(self._on_card_changed)
            card.lr_changed.connect(self._on_card_lr)
            card.color_changed.connect(
                lambda name, _color: document.edit_color(self.cards[name].spec())
            )
        self.same_lr.toggled.connect(self._on_same_lr)
        document.replaced.connect(self.show_experiment)
        document.data_changed.connect(self._on_data_changed)
        document.settings_edited.connect(self._show_rate_marks)
        document.data_failed.connect(self._on_data_failed)
        document.backend_refused.connect(self._on_backend_refused)
        document.backend_set.connect(
            lambda name: self.cards[name].set_spec(document.experiment.backends[name])
        )
        controller.prepared.connect(self._on_prepared)

    def show_experiment(self) -> None:
        experiment = self._document.experiment
        for name, card in self.cards.items():
            card.set_spec(experiment.backends[name])
        self.data_panel.set_spec(experiment.data)
        self._show_rate_marks()
        self.fit_width()

    def retranslate(self) -> None:
        self.same_lr.setText(self.tr("Same learning rate for all"))
        self.same_lr.setToolTip(self.tr("Moving any learning-rate slider moves them all"))
        self.data_panel.retranslate()
        self._show_summary()
        for name, card in self.cards.items():
            card.setTitle(backend_title(name))
            card.retranslate()
        self.fit_width(grow_only=False)  # the words' widths changed

    def fit_width(self, grow_only: bool = True) -> None:
        """Keep the column wide enough for its widgets and a scroll bar (the texts' widths
        depend on the language). It only grows: presets and Align, which show and hide rows,
        never make the panel jump narrower and back."""
        self._column.layout().activate()
        column = self._column.minimumSizeHint().width()
        bar = self.verticalScrollBar().sizeHint().width()
        needed = column + bar + 2 * self.frameWidth() + 2
        self.setMinimumWidth(needed if not grow_only else max(needed, self.minimumWidth()))

    # -- the user's edits ---------------------------------------------------------------
    @Slot(str)
    def _on_card_changed(self, name: str) -> None:
        self._document.edit_backend(self.cards[name].spec())  # refused: backend_refused
        self.fit_width()

    @Slot(str, float)
    def _on_card_lr(self, name: str, lr: float) -> None:
        names = [name]
        if self.same_lr.isChecked():
            names = [s.name for s in self._document.experiment.enabled()]
            for other in names:
                if other != name:
                    self.cards[other].set_lr(lr)
        for n in names:
            card = self.cards[n]
            self._document.edit_lr(card.spec(), card.effective_lr or lr)

    def _on_same_lr(self, on: bool) -> None:
        enabled = self._document.experiment.enabled()
        if on and enabled:
            first = self.cards[enabled[0].name]
            lr = first.effective_lr
            if lr is not None:
                self._on_card_lr(first.name, lr)
                first.set_lr(lr)

    # -- the document's and the runs' news ----------------------------------------------
    def _on_data_changed(self) -> None:
        self.data_panel.clear_error()
        self.data_panel.set_spec(self._document.experiment.data)
        self._show_summary()
        self._show_rate_marks()

    def _show_rate_marks(self) -> None:
        """Each card's critical and optimal rates for the document's data and its settings."""
        data = self._document.data
        for name, card in self.cards.items():
            try:
                marks = rate_marks(name, self._document.experiment.backends[name].run_config(data))
            except DescentLabError:  # settings that make no run have no rates either
                marks = None
            card.set_rate_marks(marks)

    def _show_summary(self) -> None:
        n = self._document.data.n
        self.data_panel.set_summary(self.tr("{n} points").format(n=f"{n:,}"))

    def _on_backend_refused(self, name: str, why: str) -> None:
        self.cards[name].set_spec(self._document.experiment.backends[name])  # as it was
        self.cards[name].set_status(why, "error")

    def _on_data_failed(self, why: str) -> None:
        self.data_panel.show_error(why)
        self.show_data_spec()

    def show_data_spec(self) -> None:
        """The document's data source again (after an edit that did not take)."""
        self.data_panel.set_spec(self._document.experiment.data)

    @Slot(str)
    def _on_prepared(self, name: str) -> None:
        self.cards[name].set_default_lr(self._controller.initials[name].default_lr)
