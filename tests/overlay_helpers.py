"""A NumPy-only window (no framework loads) and the theory computed independently from the
points: least squares for the optimum, the Hessian from the design matrix, a plain loop of
gradient descent."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from guards import HANG_GUARD_MS

from app.controller import abandoned_threads
from app.main_window import MainWindow
from trainers.experiment import Experiment


def numpy_window(qtbot, **changes: object) -> MainWindow:
    """The window with only the NumPy card enabled (``changes`` to its settings), shown."""
    experiment = Experiment()
    spec = replace(experiment.backends["numpy"], enabled=True, **changes)
    window = MainWindow(experiment=experiment.with_backend(spec), preset=None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.plots.is_built, timeout=HANG_GUARD_MS)
    return window


def close(qtbot, window: MainWindow) -> None:
    window.close()
    assert window.shutdown()
    assert window.controller.threads_running == []
    qtbot.waitUntil(lambda: abandoned_threads() == [], timeout=HANG_GUARD_MS)


def design(x: np.ndarray) -> np.ndarray:
    return np.column_stack([x, np.ones_like(x)])


def optimum(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.linalg.lstsq(design(x), y, rcond=None)[0]


def hessian_eigen(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (ascending) and eigenvectors (columns) of the MSE's Hessian 2·AᵀA/n."""
    a = design(x)
    return np.linalg.eigh(2.0 * a.T @ a / len(x))


def gd_loop(
    x: np.ndarray, y: np.ndarray, w: float, b: float, lr: float, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """The start, then (w, b) after each of ``k`` full-batch updates, one at a time."""
    ws, bs = [w], [b]
    for _ in range(k):
        err = w * x + b - y
        w, b = w - lr * 2.0 * np.mean(err * x), b - lr * 2.0 * np.mean(err)
        ws.append(w)
        bs.append(b)
    return np.array(ws), np.array(bs)


def type_into(qtbot, box, text: str) -> None:
    """Select a field's text, type ``text`` and press Enter, as a user does."""
    from PySide6.QtCore import Qt

    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)
