"""Commands from the window to a busy training loop, through thread-safe state (Qt-free).

A worker inside its loop never runs queued slots, so the window does not call it: it sets
values here under a lock, and the loop reads them between chunks of updates.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class Turn:
    """Permission to compute: free running at ``speed`` (None: flat out), or one single step."""

    single_step: bool
    speed: float | None
    pacing_epoch: int


class LiveControls:
    """Run/pause/step/stop, speed and a pending learning rate for one worker."""

    def __init__(self, speed: float | None = None) -> None:
        self._cond = threading.Condition()
        self._running = False
        self._started = False
        self._pending_steps = 0
        self._stopped = False
        self._lr: float | None = None
        self._speed = speed
        self._epoch = 0  # bumped whenever pacing must restart (resume, speed change)
        self._version = 0  # bumped by every command, so an idle loop never misses one
        self.busy_since: float | None = None
        """When (time.monotonic) the loop entered the framework call it is in, or None: what
        a watchdog reads to tell a stuck backend (a float written whole, so no lock)."""

    def _notify(self) -> None:
        self._version += 1
        self._cond.notify_all()

    # -- the window's side ------------------------------------------------------------
    def run(self) -> None:
        with self._cond:
            self._running = True
            self._started = True
            self._epoch += 1
            self._notify()

    def pause(self) -> None:
        with self._cond:
            self._running = False
            self._notify()

    def step(self, count: int = 1) -> None:
        with self._cond:
            self._started = True
            self._pending_steps += count
            self._notify()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._notify()

    def set_lr(self, lr: float) -> None:
        with self._cond:
            self._lr = lr
            self._notify()

    def set_speed(self, speed: float | None) -> None:
        with self._cond:
            self._speed = speed
            self._epoch += 1
            self._notify()

    @property
    def running(self) -> bool:
        with self._cond:
            return self._running

    @property
    def started(self) -> bool:
        """True once the run was asked to run or step (a pause after that is "paused")."""
        with self._cond:
            return self._started

    @property
    def stopped(self) -> bool:
        with self._cond:
            return self._stopped

    # -- the worker's side ------------------------------------------------------------
    def poll(self) -> tuple[Turn | bool | None, int]:
        """(a Turn if there is work, None if stopped, False if the loop should idle; the
        command count to hand to :meth:`wait_for_command` when idle)."""
        with self._cond:
            return self._turn(), self._version

    def wait_for_command(self, seen: int) -> None:
        """Block until any command arrives after the ``seen`` count (then poll again)."""
        with self._cond:
            self._cond.wait_for(lambda: self._version != seen)

    def _turn(self) -> Turn | bool | None:
        if self._stopped:
            return None
        if self._running:
            return Turn(False, self._speed, self._epoch)
        if self._pending_steps:
            self._pending_steps -= 1
            return Turn(True, self._speed, self._epoch)
        return False

    def take_lr(self) -> float | None:
        """The learning rate asked for since the last call, if any."""
        with self._cond:
            lr, self._lr = self._lr, None
            return lr

    def sleep(self, seconds: float, epoch: int) -> None:
        """Wait up to ``seconds``; wake early on stop, pause, or a pacing change."""
        with self._cond:
            self._cond.wait_for(
                lambda: self._stopped or not self._running or self._epoch != epoch,
                timeout=max(0.0, seconds),
            )
