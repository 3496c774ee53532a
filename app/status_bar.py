"""Each backend's state in words: in the status bar and on its card."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from app.controller import BackendStatus
from app.i18n import backend_title
from trainers import BACKENDS, DescentLabError
from trainers.messages import QT_TRANSLATE_NOOP
from widgets.backend_card import BackendCard
from widgets.status_entry import StatusEntry

STATE_TEXT = {
    "idle": QT_TRANSLATE_NOOP("StatusBar", "idle"),
    "loading": QT_TRANSLATE_NOOP("StatusBar", "loading TensorFlow…"),
    "preparing": QT_TRANSLATE_NOOP("StatusBar", "building the model…"),
    "ready": QT_TRANSLATE_NOOP("StatusBar", "ready"),
    "running": QT_TRANSLATE_NOOP("StatusBar", "running"),
    "paused": QT_TRANSLATE_NOOP("StatusBar", "paused"),
    "finished": QT_TRANSLATE_NOOP("StatusBar", "finished"),
    "stopped": QT_TRANSLATE_NOOP("StatusBar", "stopped"),
    "stuck": QT_TRANSLATE_NOOP(
        "StatusBar", "stuck: the framework has not answered; the others carry on"
    ),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("StatusBar", text)


def status_text(status: BackendStatus) -> str:
    """ "running · 120/1,001 · 3,400 updates/s", or why it stopped."""
    if status.state == "diverged" and status.divergence is not None:
        state = QCoreApplication.translate("StatusBar", "diverged at step {step} (lr={lr})").format(
            step=status.divergence.step, lr=f"{status.divergence.lr:g}"
        )
    elif status.state == "incomplete":  # what to fill in, not a failure
        why = status.error.translated(QCoreApplication.translate) if status.error else ""
        return QCoreApplication.translate("StatusBar", "waits for its settings: {why}").format(
            why=why
        )
    elif status.state == "error":
        error = status.error
        detail = (
            error.translated(QCoreApplication.translate)
            if isinstance(error, DescentLabError)
            else f"{type(error).__name__}: {error}"
        )
        state = QCoreApplication.translate("StatusBar", "error: {message}").format(message=detail)
    else:
        state = tr(STATE_TEXT[status.state])
    text = f"{state} · {status.updates:,}/{status.total:,}"
    if status.rate > 0:
        rate = QCoreApplication.translate("StatusBar", "{rate} updates/s")
        text += " · " + rate.format(rate=f"{status.rate:,.0f}")
    return text


def time_left_text(seconds: float) -> str:
    """ "about 12 s left", "about 3 min left"."""
    if seconds < 90:
        return tr("about {n} s left").format(n=max(1, round(seconds)))
    return tr("about {n} min left").format(n=round(seconds / 60))


def run_progress(statuses: Mapping[str, BackendStatus]) -> tuple[float, float | None]:
    """How far the run is (0..1, over every backend's updates) and the seconds left (None
    while nothing says how fast it goes): the slowest running backend's."""
    total = sum(s.total for s in statuses.values())
    done = sum(min(s.updates, s.total) if not s.ended else s.total for s in statuses.values())
    left = [
        (s.total - s.updates) / s.rate
        for s in statuses.values()
        if not s.ended and s.rate > 0 and s.total > s.updates
    ]
    return (done / total if total else 0.0), (max(left) if left else None)


LONG_RUN_S = 3.0
"""A run expected to last longer than this shows its progress and the time left."""


class StatusBar(QObject):
    """An entry per enabled backend (echoed on its card), passing news in a place of its own,
    and the progress of a long run."""

    def __init__(
        self,
        bar: QStatusBar,
        cards: Mapping[str, BackendCard],
        statuses: Callable[[], Mapping[str, BackendStatus]],
        colors: Callable[[], Mapping[str, str]],
    ) -> None:
        super().__init__(bar)
        self._bar, self._cards = bar, cards
        self._statuses, self._colors = statuses, colors
        # News takes a label of its own: QStatusBar.showMessage would paint over the entries.
        self.message = QLabel()
        self.message.setObjectName("status-message")
        self.message.hide()
        self._message_timer = QTimer(self, singleShot=True)
        self._message_timer.timeout.connect(self.clear_message)
        bar.addWidget(self.message)
        self.labels: dict[str, StatusEntry] = {}
        for name in BACKENDS:
            entry = StatusEntry()
            entry.setObjectName(f"status-{name}")
            entry.hide()
            self.labels[name] = entry
            bar.addWidget(entry, 1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(120)
        self.time_left = QLabel()
        for widget in (self.progress, self.time_left):
            widget.hide()
            bar.addPermanentWidget(widget)
        self._running = False

    def show_message(self, text: str, timeout_ms: int = 8000) -> None:
        """News (a file saved or opened) beside the entries for a while."""
        self.message.setText(text)
        self.message.setToolTip(text)
        self.message.show()
        self._message_timer.start(timeout_ms)

    def clear_message(self) -> None:
        self.message.clear()
        self.message.hide()

    def show_all(self) -> None:
        """Every backend's entry again: those of the run on screen, no others."""
        for name in BACKENDS:
            self.show_status(name)

    def show_status(self, name: str, card: bool = True) -> None:
        """``name``'s entry (hidden unless it is in the run), and on its card if ``card``."""
        entry = self.labels[name]
        status = self._statuses().get(name)
        if status is None:
            entry.hide()
            self._cards[name].set_status("")
            return
        text = status_text(status)
        tone = "error" if status.state in ("error", "diverged", "stuck") else ""
        tone = "note" if status.state == "incomplete" else tone
        entry.set_entry(self._colors()[name], f"{backend_title(name)}: {text}", tone)
        entry.show()
        if card:
            self._cards[name].set_status(text, tone)

    def show_progress(self, running: bool) -> None:
        """The run's progress and time left, while a long run runs."""
        fraction, left = run_progress(self._statuses())
        if running and left is not None and left > LONG_RUN_S:
            self._running = True
        elif not running:
            self._running = False
        self.progress.setVisible(self._running)
        self.time_left.setVisible(self._running)
        if self._running:
            self.progress.setValue(round(fraction * 1000))
            self.time_left.setText(time_left_text(left) if left is not None else "")
