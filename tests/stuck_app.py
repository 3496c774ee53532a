"""Test-only, imported by a child process before the window exists (tests/test_stuck_exit.py):
NumPy's model building blocks forever, as a framework call that never returns."""

from __future__ import annotations

import threading

from trainers.backends.numpy_gd import NumpyTrainer

entered = threading.Event()


def _hang(self):
    entered.set()
    print("stuck in a framework call", flush=True)
    threading.Event().wait()  # never returns


NumpyTrainer.prepare = _hang
