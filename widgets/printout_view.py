"""The numbers the original post printed, for every backend, in a table that can be copied."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from trainers.history import RunHistory
from trainers.printout import format_value, printed_steps

Index = QModelIndex | QPersistentModelIndex
FIELDS = ("w", "b", "loss", "lr")
"""Per backend, as the post printed (w, b) plus the loss, and the learning rate in use (so a
live change shows in the table)."""


class PrintoutModel(QAbstractTableModel):
    """Rows: update 0, every, 2·every, … and each ended run's last update. Columns: step, then
    w, b, loss and lr for each backend."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._names: list[str] = []
        self._titles: dict[str, str] = {}
        self._precisions: dict[str, str] = {}
        self._histories: Mapping[str, RunHistory] = {}
        self._ended: set[str] = set()
        self._every = 50
        self._steps = np.empty(0, np.int64)
        self._lengths: dict[str, int] = {}
        self._headers = ["step"]
        self.step_header = "step"
        self.field_headers: tuple[str, ...] = FIELDS

    def set_runs(
        self,
        titles: Mapping[str, str],
        precisions: Mapping[str, str],
        histories: Mapping[str, RunHistory],
        every: int,
    ) -> None:
        self.beginResetModel()
        self._names = list(titles)
        self._titles = dict(titles)
        self._precisions = dict(precisions)
        self._histories = histories
        self._ended = set()
        self._every = every
        self._steps = np.empty(0, np.int64)
        self._lengths = {}
        self._update_headers()
        self.endResetModel()

    def _update_headers(self) -> None:
        self._headers = [self.step_header] + [
            f"{self._titles[n]} {f}" for n in self._names for f in self.field_headers
        ]

    def set_titles(self, titles: Mapping[str, str]) -> None:
        """Rename the backends in the column headers (e.g. after a language change)."""
        self._titles.update({n: t for n, t in titles.items() if n in self._titles})
        self._update_headers()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)

    def set_labels(self, step_header: str, field_headers: tuple[str, ...]) -> None:
        self.step_header, self.field_headers = step_header, field_headers
        self._update_headers()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)

    def mark_ended(self, name: str) -> None:
        self._ended.add(name)

    def refresh(self) -> None:
        """Pick up whatever the histories have gained since the last call."""
        lengths = {n: len(self._histories[n]) for n in self._names if n in self._histories}
        count = max(lengths.values(), default=0)
        steps = printed_steps(count, self._every)
        ends = [lengths[n] - 1 for n in self._names if n in self._ended and lengths.get(n)]
        if ends:
            steps = np.union1d(steps, ends)
        old = self._steps
        if steps.size >= old.size and np.array_equal(steps[: old.size], old):
            if steps.size > old.size:
                self.beginInsertRows(QModelIndex(), old.size, steps.size - 1)
                self._steps = steps
                self.endInsertRows()
        else:
            self.beginResetModel()
            self._steps = steps
            self.endResetModel()
        # Only rows at or after the shortest run's previous end can have gained values.
        grown = [
            self._lengths.get(n, 0)
            for n, length in lengths.items()
            if length != self._lengths.get(n, 0)
        ]
        self._lengths = lengths
        if grown and self._steps.size:
            first = int(np.searchsorted(self._steps, max(min(grown) - 1, 0)))
            if first < self._steps.size:
                self.dataChanged.emit(
                    self.index(first, 0),
                    self.index(self._steps.size - 1, len(self._headers) - 1),
                )

    # -- the model interface ----------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else int(self._steps.size)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def text(self, row: int, column: int) -> str:
        step = int(self._steps[row])
        if column == 0:
            return str(step)
        name = self._names[(column - 1) // len(FIELDS)]
        history = self._histories.get(name)
        if history is None or step >= len(history):
            return ""
        field = FIELDS[(column - 1) % len(FIELDS)]
        value = float(history.column(field)[step])
        if field == "loss":
            return f"{value:.6g}"
        if field == "lr":
            return f"{value:g}"
        return format_value(value, self._precisions[name])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def to_tsv(self, rows: list[int] | None = None, columns: list[int] | None = None) -> str:
        rows = list(range(self.rowCount())) if rows is None else rows
        columns = list(range(self.columnCount())) if columns is None else columns
        lines = ["\t".join(self._headers[c] for c in columns)]
        lines += ["\t".join(self.text(r, c) for c in columns) for r in rows]
        return "\n".join(lines) + "\n"


class PrintoutView(QTableView):
    """The printout table; Ctrl+C copies the selection (or everything) as tab-separated text.
    Above its header a caption says how each backend trains (:meth:`set_caption`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(self)
        self.caption.setObjectName("printoutCaption")
        self.caption.setWordWrap(True)
        self.caption.setMargin(4)
        self.caption.hide()
        self._placing = False
        self.printout = PrintoutModel(self)
        self.setModel(self.printout)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        # Sized once per run from its first rows: resizing to contents on every insertion
        # made this (often hidden) table a tenth of the GUI thread's work during training.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setResizeContentsPrecision(32)
        header.setStretchLastSection(True)
        self.printout.modelReset.connect(self.resizeColumnsToContents)
        self.printout.rowsInserted.connect(self._on_rows_inserted)

    def set_caption(self, text: str) -> None:
        """One line per backend above the table (nothing: no caption)."""
        self.caption.setText(text)
        self.caption.setVisible(bool(text))
        self.updateGeometries()

    def updateGeometries(self) -> None:
        """QTableView keeps room above the viewport for its header; make it room for the
        caption too, the caption on top. (Guarded: moving the viewport calls this again.)"""
        if self._placing:
            return
        super().updateGeometries()
        self._placing = True
        try:
            header = self.horizontalHeader()
            top = (
                0 if header.isHidden() else max(header.minimumHeight(), header.sizeHint().height())
            )
            width = self.viewport().width()
            caption = max(self.caption.heightForWidth(width), 0) if self.caption.text() else 0
            if self.viewportMargins().top() != top + caption:
                self.setViewportMargins(0, top + caption, 0, 0)
            rect = self.viewport().geometry()
            self.caption.setGeometry(rect.left(), rect.top() - top - caption, rect.width(), caption)
            header.setGeometry(rect.left(), rect.top() - top, rect.width(), top)
        finally:
            self._placing = False

    def _on_rows_inserted(self, _parent: QModelIndex, first: int, _last: int) -> None:
        if first == 0:
            self.resizeColumnsToContents()

    def copy(self) -> str:
        """Copy the selected cells, or the whole table if nothing is selected."""
        selected = self.selectionModel().selectedIndexes()
        if selected:
            rows = sorted({i.row() for i in selected})
            columns = sorted({i.column() for i in selected})
            text = self.printout.to_tsv(rows, columns)
        else:
            text = self.printout.to_tsv()
        QGuiApplication.clipboard().setText(text)
        return text

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            event.accept()
            return
        super().keyPressEvent(event)
