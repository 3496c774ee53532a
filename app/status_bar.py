"""Each backend's state in words: in the status bar and on its card."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QLabel, QStatusBar

from app.controller import BackendStatus
from app.i18n import backend_title
from trainers import BACKENDS, DescentLabError
from trainers.messages import QT_TRANSLATE_NOOP
from widgets.backend_card import BackendCard

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


class StatusBar(QObject):
    """One label per backend in the window's status bar, echoed on the backend's card."""

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
        self.labels: dict[str, QLabel] = {}
        for name in BACKENDS:
            label = QLabel()
            label.setObjectName(f"status-{name}")
            label.setTextFormat(Qt.TextFormat.RichText)
            self.labels[name] = label
            bar.addWidget(label, 1)

    def show_status(self, name: str) -> None:
        label = self.labels[name]
        status = self._statuses().get(name)
        if status is None:
            label.hide()
            self._cards[name].set_status("")
            return
        text = status_text(status)
        tone = "error" if status.state in ("error", "diverged", "stuck") else ""
        color = self._colors()[name]
        label.setText(f'<span style="color:{color}">●</span> {backend_title(name)}: {text}')
        label.show()
        self._cards[name].set_status(text, tone)
