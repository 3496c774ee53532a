"""Waiting for the window's training threads, on conditions and signals only."""

from __future__ import annotations

from guards import HANG_GUARD_MS


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
