"""A value refused by a widget or the document leaves the previous, valid one everywhere: in the
document's experiment, the card's spec and the data panel's spec (typed with real keys)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from trainers.experiment import DataSpec
from widgets.status_entry import error_color


def _type(qtbot, box, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def _first_card(window):
    name = window.document.experiment.enabled()[0].name
    return name, window.cards[name]


def test_a_refused_learning_rate_keeps_the_last_good_one(qtbot, window) -> None:
    name, card = _first_card(window)
    _type(qtbot, card.lr_edit, "0.25")
    assert card.spec().lr == 0.25 == window.document.experiment.backends[name].lr
    for bad in ("-1", "0", "nan", "inf", "abc", "1e999"):
        _type(qtbot, card.lr_edit, bad)
        assert card.spec().lr == 0.25, bad
        assert window.document.experiment.backends[name].lr == 0.25, bad
        assert error_color(card.lr_edit) in card.lr_edit.styleSheet(), bad  # the theme's
    # The setter itself refuses before it stores.
    for bad in (-1.0, 0.0, math.nan, math.inf):
        assert card.set_lr(bad, emit=True) is False
        assert card.spec().lr == 0.25
    assert window.document.experiment.backends[name].lr == 0.25
    _type(qtbot, card.lr_edit, "0.5")  # and a good value still takes, the mark cleared
    assert window.document.experiment.backends[name].lr == 0.5
    assert card.lr_edit.styleSheet() == ""


def test_settings_the_run_cannot_use_are_refused_and_the_card_shows_the_document(
    qtbot, window
) -> None:
    name, card = _first_card(window)
    schedule = card.editors["schedule"]
    schedule.setCurrentIndex(schedule.findData("exponential"))
    box = card.editors["decay_steps"]
    _type(qtbot, box, "100")
    assert window.document.experiment.backends[name].decay_steps == 100
    good = window.document.experiment.backends[name]
    _type(qtbot, box, "0")  # the box can hold 0 (one step above "default"); a run cannot
    assert window.document.experiment.backends[name] == good
    assert card.spec() == good
    assert box.value() == 100
    assert card.status.property("tone") == "error"
    assert "decay steps" in card.status.text()  # why, on the card
    assert window.document.edit_backend(replace(good, batch_size=-3)) is False
    assert window.document.experiment.backends[name] == good


def test_a_refused_speed_changes_nothing(window) -> None:
    window.speed.set_speed(1000, emit=True)
    assert window.document.experiment.speed == 1000
    position = window.speed.slider.value()
    for bad in (math.nan, -5.0, 0.0, math.inf):
        assert window.speed.set_speed(bad, emit=True) is False
        assert window.speed.slider.value() == position
    for bad in (math.nan, 0.5, 1e-300, 1e9, math.inf):
        assert window.document.set_speed(bad) is False
    assert window.document.experiment.speed == 1000
    assert window.document.set_speed(None) is True


@pytest.mark.parametrize(
    "bad",
    [DataSpec(kind="csv", path=""), DataSpec(kind="tsv"), DataSpec(slope=math.nan)],
    ids=["csv-without-file", "unknown-kind", "nan-slope"],
)
def test_the_data_panel_refuses_a_spec_it_cannot_show(qtbot, window, bad: DataSpec) -> None:
    panel = window.data_panel
    _type(qtbot, panel.n, "80")
    assert panel.spec().n == 80 == window.document.experiment.data.n
    before = panel.spec()
    assert panel.set_spec(bad) is False
    assert panel.spec() == before == window.document.experiment.data
    assert panel.n.value() == 80
