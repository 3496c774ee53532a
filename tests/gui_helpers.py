"""Waiting for the window's training threads, on conditions and signals only."""

from __future__ import annotations


def wait_prepared(qtbot, win, timeout: int = 60_000) -> None:
    """Until every enabled backend has built its model and waits at 'ready'."""

    def ready() -> None:
        statuses = win.controller.statuses
        assert statuses and all(s.state == "ready" for s in statuses.values()), {
            n: s.state for n, s in statuses.items()
        }

    qtbot.waitUntil(ready, timeout=timeout)


def run_to_end(qtbot, win, timeout: int = 120_000) -> None:
    """Press Start and wait until every backend has ended."""
    with qtbot.waitSignal(win.controller.run_finished, timeout=timeout):
        win.start_action.trigger()
    wait_drawn(qtbot, win)


def wait_drawn(qtbot, win) -> None:
    """Until the window has drawn every update it has received."""
    qtbot.waitUntil(lambda: win.up_to_date, timeout=5_000)
