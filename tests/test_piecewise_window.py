"""piecewise_constant in the window: the card's list editors, and a live change that agrees
with ``--lr-at`` on the command line."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from gui_helpers import run_to_end, step_until, wait_prepared
from PySide6.QtCore import Qt

from app.cli import run as cli_run

SCHEDULE = "piecewise_constant:boundaries=4/8,values=0.1/0.05/0.01"


def _type(qtbot, editor, text: str) -> None:
    editor.clear()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def cli_rows(*args: str) -> list[dict]:
    out = io.StringIO()
    assert cli_run([*args, "--format", "jsonl", "--every", "1"], out, io.StringIO()) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_card_edits_piecewise_constant_and_a_live_change_is_lr_at(qtbot, window) -> None:
    for name in ("tf", "keras"):
        window.cards[name].setChecked(False)
    card = window.cards["numpy"]
    card.setChecked(True)
    schedule = card.editors["schedule"]
    schedule.setCurrentIndex(schedule.findData("piecewise_constant"))
    boundaries, values = card.editors["boundaries"], card.editors["values"]
    assert boundaries.isVisibleTo(card) and values.isVisibleTo(card)
    assert not card.editors["decay_steps"].isVisibleTo(card)
    _type(qtbot, boundaries, "8, 4")  # refused: the box says why, nothing changes
    assert "strictly increasing" in boundaries.toolTip() and boundaries.styleSheet()
    assert window.document.experiment.backends["numpy"].boundaries is None
    _type(qtbot, boundaries, "4, 8")
    _type(qtbot, values, "0.1, 0.05, 0.01")
    spec = window.document.experiment.backends["numpy"]
    assert (spec.boundaries, spec.values) == ((4, 8), (0.1, 0.05, 0.01))
    assert boundaries.styleSheet() == "" and boundaries.text() == "4, 8"
    assert card.lr_note.text() == "default: 0.1, the first of the values"
    wait_prepared(qtbot, window)
    assert card.effective_lr == 0.1  # the learning rate is the first value
    history = step_until(qtbot, window, "numpy", 6)
    step = len(history)
    _type(qtbot, card.lr_edit, "0.05")  # from the next update: every value halved
    run_to_end(qtbot, window)
    expected = cli_rows("--backend", "numpy", "--schedule", SCHEDULE, "--lr-at", f"{step}:0.05")
    np.testing.assert_array_equal(history.lr, [r["lr"] for r in expected])
    np.testing.assert_array_equal(history.w, [r["w"] for r in expected])
    assert history.lr[step - 1] == 0.05 and history.lr[step] == pytest.approx(0.025)
    assert history.lr[-1] == pytest.approx(0.005)
