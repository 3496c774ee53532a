"""The data panel's number boxes take what is typed, whole: "1.7" is 1.7, not 1 then junk."""

from __future__ import annotations

import pytest
from guards import HANG_GUARD_MS
from PySide6.QtCore import Qt


@pytest.mark.parametrize(
    ("box", "text", "value"),
    [("slope", "1.7", 1.7), ("intercept", "-0.25", -0.25), ("noise", "2.5e-2", 0.025)],
)
def test_typing_a_number_into_the_data_panel_takes_it_whole(qtbot, window, box, text, value):
    editor = getattr(window.data_panel, box)
    editor.setFocus(Qt.FocusReason.TabFocusReason)
    editor.lineEdit().selectAll()
    qtbot.keyClicks(editor.lineEdit(), text)
    qtbot.keyClick(editor.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: getattr(window.document.experiment.data, box) == value, timeout=HANG_GUARD_MS
    )
    assert editor.text() == text if "e" not in text else float(editor.text()) == value
