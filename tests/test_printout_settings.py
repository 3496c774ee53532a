"""The printout says how each backend trains: its optimizer with the values the card sets and
its learning-rate schedule with its values."""

from __future__ import annotations

from guards import HANG_GUARD_MS
from gui_helpers import choose_preset, wait_prepared
from PySide6.QtCore import Qt

from app.i18n import backend_title
from trainers.experiment import BackendSpec
from trainers.run_summary import settings_summary


def test_the_summary_names_the_optimizer_and_schedule_with_the_values_set() -> None:
    spec = BackendSpec(
        "tf",
        optimizer="adam",
        beta_1=0.8,
        schedule="exponential",
        decay_steps=100.0,
        decay_rate=0.5,
    )
    assert settings_summary(spec) == (
        "adam (beta_1 0.8) · exponential decay (decay_steps 100, decay_rate 0.5)"
    )
    # values left to the framework are not named; the schedule's values only its own
    plain = BackendSpec("numpy", decay_steps=100.0, beta_1=0.8)
    assert settings_summary(plain) == "sgd · constant rate"
    pieces = BackendSpec(
        "keras",
        optimizer="sgd",
        momentum=0.9,
        nesterov=True,
        schedule="piecewise_constant",
        boundaries=(100, 500),
        values=(0.1, 0.05, 0.01),
    )
    assert settings_summary(pieces) == (
        "sgd (momentum 0.9, nesterov true) · piecewise constant "
        "(boundaries 100/500, values 0.1/0.05/0.01)"
    )
    words = {"exponential decay": "指数衰减"}
    translated = settings_summary(spec, lambda _context, text: words.get(text, text))
    assert translated.endswith("· 指数衰减 (decay_steps 100, decay_rate 0.5)")


def _type(qtbot, box, text: str) -> None:
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)


def test_the_printout_shows_each_backends_optimizer_and_schedule(qtbot, window) -> None:
    choose_preset(qtbot, window, "adam-tf1-keras")
    card = window.cards["keras"]
    _type(qtbot, card.editors["beta_1"], "0.8")
    schedule = card.editors["schedule"]
    schedule.setCurrentIndex(schedule.findData("cosine"))
    _type(qtbot, card.editors["decay_steps"], "200")
    spec = window.document.experiment.backends["keras"]
    assert (spec.beta_1, spec.schedule, spec.decay_steps) == (0.8, "cosine", 200.0)
    wait_prepared(qtbot, window)
    window.tabs.setCurrentWidget(window.printout)
    caption = window.printout.caption
    qtbot.waitUntil(lambda: "beta_1" in caption.text(), timeout=HANG_GUARD_MS)
    assert caption.text().splitlines() == [
        f"{backend_title('tf1')}: adam · constant rate",
        f"{backend_title('keras')}: adam (beta_1 0.8) · cosine decay (decay_steps 200)",
    ]
    # on top, then the header, then the rows: nothing overlaps
    header = window.printout.horizontalHeader().geometry()
    viewport = window.printout.viewport().geometry()
    assert caption.isVisible() and caption.height() >= caption.heightForWidth(caption.width())
    assert caption.geometry().bottom() < header.top() and header.bottom() < viewport.top()
