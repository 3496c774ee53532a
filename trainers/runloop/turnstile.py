"""One training worker computes at a time, in turn (Qt-free).

Every worker and the GUI thread share one GIL and two cores. If five workers contend for the
GIL at once, the GUI thread waits behind all of them each time it re-enters Python (dozens of
times per repaint) and the window stutters. Taking turns bounds that wait to one worker's turn.
Even chunks that run outside the GIL (compiled TensorFlow) take turns: measured here, letting
them run alongside the others took the CPU the GUI needs to paint (20 instead of 30 frames/s).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class Turnstile:
    """A fair (first come, first served) lock for chunks of training, with a breather of
    ``gap`` seconds after each turn in which no worker computes and the GUI has the GIL.

    While the GUI thread draws a frame it holds the turnstile: no new turn starts, so at most
    the one turn under way competes with the repaint (which re-enters Python once per plot item
    and would otherwise queue behind every training thread for the GIL)."""

    def __init__(self, gap: float = 0.0) -> None:
        self.gap = gap
        self._cond = threading.Condition()
        self._queue: deque[object] = deque()
        self._free_at = 0.0
        self._holds = 0
        self._current: object | None = None  # the ticket whose turn is under way
        self._since = 0.0
        self._evicted: set[object] = set()

    @contextmanager
    def turn(self, abandon: Callable[[], bool] = lambda: False) -> Iterator[bool]:
        """Wait for a turn: the first in line, no hold, and the breather over. Yields True;
        or False at once if ``abandon()`` becomes true while waiting (checked on :meth:`wake`),
        so that a worker told to stop never waits behind a window that is closing."""
        ticket = object()
        with self._cond:
            self._queue.append(ticket)
            self._cond.wait_for(lambda: (self._queue[0] is ticket and not self._holds) or abandon())
            if not (self._queue[0] is ticket and not self._holds):
                self._queue.remove(ticket)
                self._cond.notify_all()
                yield False
                return
        pause = self._free_at - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        with self._cond:
            self._current, self._since = ticket, time.monotonic()
        try:
            yield True
        finally:
            with self._cond:
                if ticket in self._evicted:  # its place was given away while it hung
                    self._evicted.discard(ticket)
                else:
                    self._free_at = time.monotonic() + self.gap
                    self._queue.popleft()
                    self._current = None
                self._cond.notify_all()

    def evict_overdue(self, limit: float) -> bool:
        """End a turn that has lasted over ``limit`` seconds (a framework call that never
        returns), so that the other workers carry on; True if one was ended."""
        with self._cond:
            if self._current is None or time.monotonic() - self._since <= limit:
                return False
            self._evicted.add(self._queue.popleft())
            self._current = None
            self._cond.notify_all()
            return True

    @property
    def queued(self) -> int:
        """How many workers are in a turn or waiting for one."""
        with self._cond:
            return len(self._queue)

    def wake(self) -> None:
        """Make waiting workers check whether they should abandon their wait."""
        with self._cond:
            self._cond.notify_all()

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Start no new turn meanwhile; returns at once (a turn under way runs to its end)."""
        with self._cond:
            self._holds += 1
        try:
            yield
        finally:
            with self._cond:
                self._holds -= 1
                self._cond.notify_all()
