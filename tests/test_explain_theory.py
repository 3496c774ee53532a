"""The explain panel's theory, driven as a user would (NumPy only: no framework to wait for):
the bowl's condition number, the contraction per update and the updates to shrink the distance
100× equal an independent computation from the data's moments, and after the run the predicted
end equals a plain float64 descent written here, next to what the backend did."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from guards import HANG_GUARD_MS
from gui_helpers import choose, rebuilt_after, run_to_end, type_into, wait_prepared

from trainers import BACKENDS, Init
from trainers.experiment import BackendSpec, Experiment

W0, B0 = -0.7, 0.1
NUMBER = r"(-?\d[\d,]*(?:\.\d+)?(?:e[-+]?\d+)?)"


@pytest.fixture
def numpy_window(qtbot):
    """The window with only the NumPy card on, from (w, b) = (-0.7, 0.1)."""
    from app.main_window import MainWindow

    backends = {
        n: BackendSpec(n, enabled=n == "numpy", init=Init.values(W0, B0), steps=200)
        for n in BACKENDS
    }
    win = MainWindow(experiment=Experiment(backends=backends), preset=None)
    qtbot.addWidget(win)
    win.show()
    wait_prepared(qtbot, win)
    yield win
    win.close()
    assert win.shutdown()


def moments(window) -> tuple[float, float, float, float]:
    """E[x²], E[x], E[xy], E[y] of the data on screen, straight from its points."""
    x = np.asarray(window.document.data.x, np.float64)
    y = np.asarray(window.document.data.y, np.float64)
    return float(np.mean(x * x)), float(np.mean(x)), float(np.mean(x * y)), float(np.mean(y))


def hessian(window) -> np.ndarray:
    xx, x, _xy, _y = moments(window)
    return 2.0 * np.array([[xx, x], [x, 1.0]])  # of mean((w·x + b − y)²)


def plain_descent(window, lr: float, steps: int) -> tuple[float, float]:
    """Full-batch gradient descent in float64, written out."""
    x = np.asarray(window.document.data.x, np.float64)
    y = np.asarray(window.document.data.y, np.float64)
    w, b = W0, B0
    for _ in range(steps):
        err = w * x + b - y
        w, b = w - lr * 2.0 * np.mean(err * x), b - lr * 2.0 * np.mean(err)
    return float(w), float(b)


def theory_line(window) -> str:
    """The NumPy bullet of "What the theory predicts"."""
    text = window.explain.plain_text()
    tail = text[text.index("What the theory predicts") :]
    return next(line for line in tail.splitlines() if line.startswith("NumPy:"))


def value(pattern: str, text: str) -> float:
    found = re.search(pattern, text)
    assert found, (pattern, text)
    return float(found.group(1).replace(",", ""))


@pytest.mark.parametrize("lr", ["0.1", "0.5"])
def test_condition_number_rate_and_updates_match_the_datas_moments(qtbot, numpy_window, lr) -> None:
    window = numpy_window
    type_into(qtbot, window.cards["numpy"].lr_edit, lr)
    curvatures = np.linalg.eigvalsh(hessian(window))
    text = window.explain.plain_text()
    assert value(r"condition number κ = " + NUMBER, text) == pytest.approx(
        curvatures[1] / curvatures[0], rel=1e-3
    )
    line = theory_line(window)
    rate = max(abs(1.0 - float(lr) * c) for c in curvatures)
    assert value(r"at lr " + lr + r" each update shrinks .* to " + NUMBER, line) == pytest.approx(
        rate, rel=1e-3
    )
    assert value(r"≈ " + NUMBER + " updates", line) == math.ceil(math.log(100) / -math.log(rate))

    run_to_end(qtbot, window)
    line = theory_line(window)
    history = window.controller.histories["numpy"]
    steps = len(history)
    assert steps == 200
    w, b = plain_descent(window, float(lr), steps)
    found = re.search(
        rf"Predicted \(w, b\) after {steps} updates: \({NUMBER}, {NUMBER}\); "
        rf"it ended at \({NUMBER}, {NUMBER}\), {NUMBER} apart \(float64\)",
        line,
    )
    assert found, line
    pw, pb, ew, eb, apart = (float(g) for g in found.groups())
    assert (pw, pb) == (round(w, 4), round(b, 4))
    assert (ew, eb) == (round(history.w[-1], 4), round(history.b[-1], 4))
    gap = math.hypot(history.w[-1] - w, history.b[-1] - b)
    assert apart == pytest.approx(gap, rel=0.5, abs=1e-15) and gap < 1e-12


def test_momentum_rate_is_the_spectral_radius_of_the_update(qtbot, numpy_window) -> None:
    window = numpy_window
    card = window.cards["numpy"]
    rebuilt_after(qtbot, window, lambda: type_into(qtbot, card.editors["momentum"], "0.9"))
    type_into(qtbot, card.lr_edit, "0.2")
    assert window.document.experiment.backends["numpy"].momentum == 0.9
    h, eye, beta, lr = hessian(window), np.eye(2), 0.9, 0.2
    # Keras's SGD: v' = β·v − lr·H·e, e' = e + v'
    update = np.block([[eye - lr * h, beta * eye], [-lr * h, beta * eye]])
    radius = float(np.max(np.abs(np.linalg.eigvals(update))))
    line = theory_line(window)
    assert value(r"shrinks .* to " + NUMBER, line) == pytest.approx(radius, rel=1e-3)
    assert value(r"≈ " + NUMBER + " updates", line) == math.ceil(math.log(100) / -math.log(radius))


def test_a_rate_past_the_critical_one_is_predicted_to_diverge_and_does(qtbot, numpy_window) -> None:
    window = numpy_window
    curvatures = np.linalg.eigvalsh(hessian(window))
    lr = 1.02 * 2.0 / curvatures[1]
    type_into(qtbot, window.cards["numpy"].lr_edit, f"{lr:.6f}")
    line = theory_line(window)
    assert "predicted to diverge" in line
    assert value(r"up to " + NUMBER + "×", line) == pytest.approx(
        abs(1.0 - float(f"{lr:.6f}") * curvatures[1]), rel=1e-3
    )
    assert value(r"critical learning rate is " + NUMBER, line) == pytest.approx(
        2.0 / curvatures[1], rel=1e-3
    )
    rebuilt_after(qtbot, window, lambda: type_into(qtbot, window.cards["numpy"].steps, "5000"))
    run_to_end(qtbot, window)
    status = window.controller.statuses["numpy"]
    assert status.state == "diverged"
    line = theory_line(window)
    assert f"It diverged at update {status.divergence.step:,}." in line
    # and it had: a plain float64 descent at that rate is far above its starting loss there
    x = np.asarray(window.document.data.x, np.float64)
    y = np.asarray(window.document.data.y, np.float64)
    w, b = plain_descent(window, float(f"{lr:.6f}"), status.divergence.step + 1)
    assert np.mean((w * x + b - y) ** 2) > 1e6 * np.mean((W0 * x + B0 - y) ** 2)


def test_an_adaptive_optimizer_has_no_exact_prediction_and_says_why(qtbot, numpy_window) -> None:
    window = numpy_window
    combo = window.cards["numpy"].editors["optimizer"]
    rebuilt_after(qtbot, window, lambda: choose(qtbot, combo, "adam"))
    assert window.document.experiment.backends["numpy"].optimizer == "adam"
    line = theory_line(window)
    assert "no exact prediction for adam" in line and "adaptive optimizer" in line
    run_to_end(qtbot, window)
    assert "Predicted (w, b)" not in window.explain.plain_text()


def test_the_theory_link_opens_the_theory_tab(qtbot, numpy_window) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor, QTextDocument

    window = numpy_window
    browser = window.explain.text
    window.tabs.setCurrentWidget(window.explain)
    cursor = browser.document().find("Theory", 0, QTextDocument.FindFlag.FindCaseSensitively)
    while not cursor.isNull() and not cursor.charFormat().isAnchor():
        cursor = browser.document().find(
            "Theory", cursor, QTextDocument.FindFlag.FindCaseSensitively
        )
    assert not cursor.isNull(), "the panel links to the Theory tab"
    inside = QTextCursor(browser.document())
    inside.setPosition(cursor.selectionStart() + 2)  # within the link's word
    browser.setTextCursor(inside)
    browser.ensureCursorVisible()
    qtbot.mouseClick(
        browser.viewport(), Qt.MouseButton.LeftButton, pos=browser.cursorRect(inside).center()
    )
    qtbot.waitUntil(
        lambda: window.tabs.currentWidget() is window.theory_panel, timeout=HANG_GUARD_MS
    )
