"""Keys that behave like a media player's, and a status bar that tells the truth: driven by
real key and mouse events on the focused widget."""

from __future__ import annotations

from guards import HANG_GUARD_MS
from gui_helpers import choose_preset, run_to_end, save_as, wait_prepared
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def focus(qtbot, widget) -> None:
    widget.window().activateWindow()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=HANG_GUARD_MS)


def paced(window, speed: float = 20) -> None:
    """A slow pace: a run started by a key is still running when the test looks."""
    window.speed.set_speed(speed, emit=True)


def test_space_on_a_check_box_ticks_it_and_starts_nothing(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    focus(qtbot, window.same_lr)
    qtbot.keyClick(window.same_lr, Qt.Key.Key_Space)
    assert window.same_lr.isChecked()
    assert not window.controller.running


def test_space_on_a_backend_card_title_ticks_the_backend(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    card = window.cards["numpy"]
    assert not card.isChecked()
    focus(qtbot, card)
    qtbot.keyClick(card, Qt.Key.Key_Space)
    assert card.isChecked() and window.document.experiment.backends["numpy"].enabled
    # Through the debounced rebuild: the next run trains NumPy too.
    qtbot.waitUntil(lambda: "numpy" in window.controller.statuses, timeout=HANG_GUARD_MS)
    assert not window.controller.running
    qtbot.keyClick(card, Qt.Key.Key_Space)
    assert not window.document.experiment.backends["numpy"].enabled
    qtbot.waitUntil(lambda: "numpy" not in window.controller.statuses, timeout=HANG_GUARD_MS)
    qtbot.waitUntil(lambda: window.status_labels["numpy"].isHidden(), timeout=HANG_GUARD_MS)


def test_space_on_the_align_button_aligns_instead_of_starting(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    button = window.explain.align_button
    qtbot.waitUntil(button.isVisible, timeout=HANG_GUARD_MS)
    focus(qtbot, button)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    specs = window.document.experiment.enabled()
    assert len({(s.init, s.lr) for s in specs}) == 1
    assert not window.controller.running


def test_space_starts_and_pauses_from_a_slider(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    paced(window)
    slider = window.speed.slider
    focus(qtbot, slider)
    qtbot.keyClick(slider, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.controller.running, timeout=HANG_GUARD_MS)
    qtbot.keyClick(slider, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not window.controller.running, timeout=HANG_GUARD_MS)


def test_enter_in_a_field_applies_it_and_hands_space_back(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    paced(window)
    edit = window.cards["tf"].lr_edit
    focus(qtbot, edit)
    edit.selectAll()
    qtbot.keyClicks(edit, "0.05")
    qtbot.keyClick(edit, Qt.Key.Key_Space)  # in a field, Space is a character
    assert not window.controller.running and edit.text() == "0.05 "
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.document.experiment.backends["tf"].lr == 0.05
    qtbot.waitUntil(lambda: not edit.hasFocus(), timeout=HANG_GUARD_MS)
    focused = QApplication.focusWidget() or window
    qtbot.keyClick(focused, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.controller.running, timeout=HANG_GUARD_MS)
    window.start_action.trigger()


def test_escape_in_a_spin_box_hands_the_keys_back(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    box = window.data_panel.n
    focus(qtbot, box)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not box.hasFocus(), timeout=HANG_GUARD_MS)
    assert QApplication.focusWidget() in (None, window)


def test_ctrl_right_steps_except_in_a_field(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    edit = window.cards["tf"].lr_edit
    focus(qtbot, edit)
    edit.setCursorPosition(0)
    qtbot.keyClick(edit, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert edit.cursorPosition() > 0  # moved by a word
    assert len(window.controller.histories["tf"]) == 0
    focus(qtbot, window.same_lr)
    history = window.controller.histories["tf"]
    qtbot.keyClick(window.same_lr, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(history) == 1, timeout=HANG_GUARD_MS)


def test_the_shortcuts_dialog_explains_where_the_keys_work(qtbot, window) -> None:
    from app.dialogs import ShortcutsDialog

    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.findChild(ShortcutsDialog) is not None, timeout=HANG_GUARD_MS)
    dialog = window.findChild(ShortcutsDialog)
    assert "Enter" in dialog.note.text() and "check box" in dialog.note.text()
    dialog.close()


# -- the status bar -------------------------------------------------------------------
def test_status_bar_lists_only_the_enabled_backends(qtbot, window) -> None:
    choose_preset(qtbot, window, "aligned")
    wait_prepared(qtbot, window)
    qtbot.waitUntil(
        lambda: sum(not e.isHidden() for e in window.status_labels.values()) == 5,
        timeout=HANG_GUARD_MS,
    )
    choose_preset(qtbot, window, "tf-lr-0.1")
    wait_prepared(qtbot, window)
    shown = lambda: [n for n, e in window.status_labels.items() if not e.isHidden()]  # noqa: E731
    qtbot.waitUntil(lambda: shown() == ["tf1"], timeout=HANG_GUARD_MS)


def test_status_entries_elide_and_news_never_overlaps_them(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    choose_preset(qtbot, window, "aligned")
    wait_prepared(qtbot, window)
    window.resize(1024, 700)
    qtbot.waitUntil(
        lambda: all(not e.isHidden() and e.text() for e in window.status_labels.values()),
        timeout=HANG_GUARD_MS,
    )
    save_as(monkeypatch, window, tmp_path / "exp1.json")
    message = window.status.message
    assert "exp1.json" in message.text() and message.isVisible()
    qtbot.waitUntil(lambda: message.geometry().width() > 0, timeout=HANG_GUARD_MS)
    bar = window.statusBar()
    for entry in window.status_labels.values():
        assert not entry.geometry().intersects(message.geometry())
        assert entry.geometry().right() <= bar.width()
    squeezed = [e for e in window.status_labels.values() if e.elided_text() != e.text()]
    assert squeezed and all(e.elided_text().endswith("…") for e in squeezed)
    assert all(e.toolTip() == e.text() for e in squeezed)


def test_status_counts_what_the_plots_show(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    run_to_end(qtbot, window)
    history = window.controller.histories["tf"]
    drawn, _ = window.plots.loss_view.curve_data("tf")
    assert drawn.size == len(history)
    assert f"{len(history):,}/{len(history):,}" in window.status_labels["tf"].text()


def test_a_long_run_shows_its_progress_and_time_left(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    window.speed.set_speed(40, emit=True)  # 1,001 updates: about 25 s to go
    status = window.status
    assert status.progress.isHidden() and status.time_left.isHidden()
    window.start_action.trigger()
    qtbot.waitUntil(lambda: status.progress.isVisible(), timeout=HANG_GUARD_MS)
    qtbot.waitUntil(lambda: status.time_left.text().startswith("about"), timeout=HANG_GUARD_MS)
    assert status.time_left.text().endswith("left")
    qtbot.waitUntil(lambda: status.progress.value() > 0, timeout=HANG_GUARD_MS)
    bar = window.statusBar()
    for entry in window.status_labels.values():  # side by side, never on top of each other
        assert not entry.geometry().intersects(status.progress.geometry())
    assert status.progress.geometry().right() <= bar.width()
    window.start_action.trigger()  # pause: nothing is running out any more
    qtbot.waitUntil(lambda: status.progress.isHidden(), timeout=HANG_GUARD_MS)
    assert status.time_left.isHidden()
