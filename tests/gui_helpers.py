"""Waiting for the window's training threads, on conditions and signals only."""

from __future__ import annotations

from guards import HANG_GUARD_MS


def close_and_check_threads(qtbot, win) -> None:
    """Close the window; every training thread must stop."""
    from app.controller import abandoned_threads

    win.close()
    assert win.shutdown()
    assert win.controller.threads_running == []
    # A thread closing set aside while it built its model ends once the build returns.
    qtbot.waitUntil(lambda: abandoned_threads() == [], timeout=HANG_GUARD_MS)


def wait_prepared(qtbot, win, timeout: int = HANG_GUARD_MS) -> None:
    """Until every enabled backend has built its model and waits at 'ready'."""

    def ready() -> None:
        statuses = win.controller.statuses
        assert statuses and all(s.state == "ready" for s in statuses.values()), {
            n: s.state for n, s in statuses.items()
        }

    qtbot.waitUntil(ready, timeout=timeout)


def run_to_end(qtbot, win, timeout: int = HANG_GUARD_MS) -> None:
    """Press Start and wait until every backend has ended."""
    with qtbot.waitSignal(win.controller.run_finished, timeout=timeout):
        win.start_action.trigger()
    wait_drawn(qtbot, win)


def wait_drawn(qtbot, win) -> None:
    """Until the window has drawn every update it has received."""
    qtbot.waitUntil(lambda: win.frames.up_to_date, timeout=HANG_GUARD_MS)


def step_until(qtbot, window, name: str, updates: int):
    """Press Step until ``name`` has made ``updates`` updates; its history.

    Stepping, not a timed run, so that what happens next happens at a known update however
    busy the machine is."""
    history = window.controller.histories[name]
    while len(history) < updates:
        count = len(history)
        window.step_action.trigger()
        qtbot.waitUntil(lambda count=count: len(history) > count, timeout=HANG_GUARD_MS)
    return history


def wait_loaded(qtbot, document, timeout: int = HANG_GUARD_MS) -> None:
    """Wait until the document's file loader has finished (files are read in its thread)."""
    qtbot.waitUntil(lambda: not document.loading, timeout=timeout)


def choose_preset(qtbot, window, key: str) -> None:
    """Pick a preset in the toolbar's box with the keyboard, as a user would."""
    choose(qtbot, window.preset_combo, key)


def answer_file_dialog(monkeypatch, path, save: bool = False) -> list[str]:
    """The next file dialogs answer ``path`` ("" = the user cancelled); the titles asked."""
    asked: list[str] = []

    def dialog(_parent, title, *_args, **_kwargs):
        asked.append(title)
        return str(path), ""

    name = "getSaveFileName" if save else "getOpenFileName"
    monkeypatch.setattr(f"app.actions.file_actions.QFileDialog.{name}", dialog)
    return asked


def save_as(monkeypatch, window, path) -> None:
    """File → Save experiment as…, answering the dialog with ``path``."""
    answer_file_dialog(monkeypatch, path, save=True)
    window.file_actions.save_as_action.trigger()


def open_file(monkeypatch, window, path) -> None:
    """File → Open experiment…, answering the dialog with ``path``."""
    answer_file_dialog(monkeypatch, path)
    window.file_actions.open_action.trigger()


def type_into(qtbot, editor, text: str) -> None:
    """Select what the box shows, type ``text``, press Return."""
    from PySide6.QtCore import Qt

    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def rebuilt_after(qtbot, window, edit) -> None:
    """Make a settings edit (``edit()``), then wait for the rebuilt run to be ready."""
    with qtbot.waitSignal(window.session.rebuilt, timeout=HANG_GUARD_MS):
        edit()
    wait_prepared(qtbot, window)


def choose(qtbot, combo, value: str) -> None:
    """Pick ``value`` in a combo box with the keyboard."""
    from PySide6.QtCore import Qt

    combo.setFocus()
    while combo.currentData() != value:
        step = Qt.Key.Key_Down if combo.findData(value) > combo.currentIndex() else Qt.Key.Key_Up
        qtbot.keyClick(combo, step)
