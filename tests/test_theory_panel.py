"""The "Theory" tab: its numbers against an independent least-squares computation, and that it
follows what the user edits."""

from __future__ import annotations

import math
import re

import numpy as np
from guards import HANG_GUARD_MS
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

NUMBER = r"(-?[\d.,]+(?:e[-+]?\d+)?)"


def independent(x: np.ndarray, y: np.ndarray) -> dict[str, object]:
    """The bowl's facts from the design matrix: θ* by least squares, H = 2/n·XᵀX."""
    design = np.column_stack([x, np.ones_like(x)])
    optimum = np.linalg.lstsq(design, y, rcond=None)[0]
    hessian = 2.0 / len(x) * design.T @ design
    lam = np.sort(np.linalg.eigvals(hessian).real)
    return {"optimum": optimum, "hessian": hessian, "lam": lam}


def number(text: str, pattern: str) -> float:
    match = re.search(pattern.replace("#", NUMBER), text)
    assert match, (pattern, text)
    return float(match.group(1).replace(",", ""))


def open_theory_tab(qtbot, window) -> None:
    bar = window.tabs.tabBar()
    index = [bar.tabText(i) for i in range(bar.count())].index("Theory")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.tabs.currentWidget() is window.theory_panel


def backend_line(text: str, title: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(title + ":"))


def to_100x(rate: float) -> int:
    """Updates for a contraction ``rate`` per update to shrink a distance 100×."""
    return math.ceil(math.log(100) / -math.log(rate))


def gd_expectations(facts: dict[str, object], lr: float) -> tuple[float, int]:
    lo, hi = facts["lam"]
    rate = max(abs(1 - lr * lo), abs(1 - lr * hi))
    return rate, to_100x(rate)


def check_panel(text: str, facts: dict[str, object]) -> None:
    rel = 1e-3  # the panel shows four significant digits
    w_star, b_star = facts["optimum"]
    lo, hi = facts["lam"]
    assert number(text, r"w\* = #") == approx(w_star, rel)
    assert number(text, r"b\* = #") == approx(b_star, rel)
    h = facts["hessian"]
    shown = re.search(r"\[\[#,\s#\],\s\[#,\s#\]\]".replace("#", NUMBER), text)
    assert shown
    assert np.allclose([float(v) for v in shown.groups()], h.ravel(), rtol=rel)
    assert number(text, r"steep λmax = #") == approx(hi, rel)
    assert number(text, r"shallow λmin = #") == approx(lo, rel)
    assert number(text, r"κ = λmax/λmin = #") == approx(hi / lo, rel)
    assert number(text, r"2/λmax = #") == approx(2 / hi, rel)
    assert number(text, r"2/\(λmin\+λmax\) = #") == approx(2 / (lo + hi), rel)
    polyak_beta = ((math.sqrt(hi) - math.sqrt(lo)) / (math.sqrt(hi) + math.sqrt(lo))) ** 2
    assert number(text, r"Polyak's best lr = #") == approx(
        4 / (math.sqrt(hi) + math.sqrt(lo)) ** 2, rel
    )
    assert number(text, r"β = #: rate") == approx(polyak_beta, rel)


def approx(value: float, rel: float):
    import pytest

    return pytest.approx(value, rel=rel)


def test_the_numbers_are_the_data_s_bowl_and_follow_edits(qtbot, window) -> None:
    from test_main_window import type_lr

    open_theory_tab(qtbot, window)
    panel = window.theory_panel
    data = window.document.data
    facts = independent(data.x, data.y)
    text = panel.plain_text()
    check_panel(text, facts)
    # The post's TensorFlow run: lr 0.1, plain gradient descent, known before TF has loaded.
    tf = backend_line(text, "TensorFlow 2")
    rate, updates = gd_expectations(facts, 0.1)
    assert number(tf, r"rate # per update") == approx(rate, 1e-3)
    assert number(tf, r"≈ # updates") == updates
    assert "crawls" in text and "explodes" in text and "Momentum β" in text

    # The data change: keys typed in the slope box.
    box = window.data_panel.slope
    box.setFocus(Qt.FocusReason.TabFocusReason)
    box.selectAll()
    qtbot.keyClicks(box, "2")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document.data.true_line[0] == 2.0, timeout=HANG_GUARD_MS)
    data = window.document.data
    facts = independent(data.x, data.y)
    assert facts["optimum"][0] == approx(2.0, 1e-6)
    check_panel(panel.plain_text(), facts)

    # A learning rate typed in a card: that backend's line follows.
    type_lr(qtbot, window.cards["tf"], "0.5")
    qtbot.waitUntil(
        lambda: "lr 0.5:" in backend_line(panel.plain_text(), "TensorFlow 2"), timeout=HANG_GUARD_MS
    )
    tf = backend_line(panel.plain_text(), "TensorFlow 2")
    rate, updates = gd_expectations(facts, 0.5)
    assert number(tf, r"rate # per update") == approx(rate, 1e-3)
    assert number(tf, r"≈ # updates") == updates
    # Past the critical rate: no number of updates, the divergence said.
    type_lr(qtbot, window.cards["tf"], f"{1.01 * 2 / facts['lam'][1]:.4f}")
    qtbot.waitUntil(
        lambda: "diverges" in backend_line(panel.plain_text(), "TensorFlow 2"),
        timeout=HANG_GUARD_MS,
    )


def test_an_adaptive_optimizer_gets_the_reason_not_a_number(qtbot, window) -> None:
    open_theory_tab(qtbot, window)
    combo = window.cards["tf"].editors["optimizer"]
    combo.setCurrentIndex(combo.findData("adam"))
    panel = window.theory_panel
    qtbot.waitUntil(
        lambda: "adaptive optimizer" in backend_line(panel.plain_text(), "TensorFlow 2"),
        timeout=HANG_GUARD_MS,
    )
    assert "no exact prediction for adam" in backend_line(panel.plain_text(), "TensorFlow 2")


def test_the_tab_speaks_chinese(qtbot, window) -> None:
    open_theory_tab(qtbot, window)
    english = window.theory_panel.plain_text()
    window.view_actions.language_actions["zh_CN"].trigger()
    try:
        assert window.tabs.tabText(2) == "理论"
        chinese = window.theory_panel.plain_text()
        assert chinese != english
        assert "这组数据的碗" in chinese and "最优" in chinese
        assert not re.search(r"\b(the|and|rate)\b", chinese)
        QApplication.processEvents()
    finally:
        window.view_actions.language_actions["en"].trigger()
    assert window.theory_panel.plain_text() == english


def rate_paragraph(text: str, title: str) -> str:
    """The "What this means" paragraph about the rate ``title``'s backend uses."""
    return next(line for line in text.splitlines() if title in line and ": at lr " in line)


def typed_rate_paragraph(qtbot, window, lr: str) -> str:
    from test_main_window import type_lr

    type_lr(qtbot, window.cards["tf"], lr)
    panel = window.theory_panel
    qtbot.waitUntil(
        lambda: f"at lr {lr}" in rate_paragraph(panel.plain_text(), "TensorFlow 2"),
        timeout=HANG_GUARD_MS,
    )
    return rate_paragraph(panel.plain_text(), "TensorFlow 2")


def test_the_current_rate_s_paragraph_follows_its_regime(qtbot, window) -> None:
    open_theory_tab(qtbot, window)
    data = window.document.data
    lo, hi = independent(data.x, data.y)["lam"]
    best, critical = 2 / (lo + hi), 2 / hi

    # Below the optimal rate: the shallow axis's factor is the slow one.
    lr = round(0.5 * best, 3)
    text = typed_rate_paragraph(qtbot, window, f"{lr:g}")
    assert "crawls" in text and "zigzag" not in text and "diverges" not in text
    assert number(text, r"1 − lr·λmin = #") == approx(1 - lr * lo, 1e-3)
    assert number(text, r"about # updates") == to_100x(1 - lr * lo)

    # Between optimal and critical: the steep axis overshoots, and it is the slow one.
    lr = round(0.5 * (best + critical), 3)
    assert abs(1 - lr * hi) > abs(1 - lr * lo)
    text = typed_rate_paragraph(qtbot, window, f"{lr:g}")
    assert "zigzags" in text and "crawls" not in text and "diverges" not in text
    assert number(text, r"1 − lr·λmax = #") == approx(1 - lr * hi, 1e-3)
    assert number(text, r"keeping # of") == approx(abs(1 - lr * hi), 1e-3)
    assert number(text, r"about # updates") == to_100x(abs(1 - lr * hi))

    # At and past the critical rate: the steep factor's magnitude reaches 1.
    for lr in (round(1.01 * critical, 3), round(1.3 * critical, 3)):
        text = typed_rate_paragraph(qtbot, window, f"{lr:g}")
        assert "diverges" in text and "crawls" not in text and "about" not in text
        assert number(text, r"1 − lr·λmax = #") == approx(1 - lr * hi, 1e-3)
        assert abs(1 - lr * hi) >= 1
        assert number(text, r"magnitude #") == approx(abs(1 - lr * hi), 1e-3)

    # With momentum, the momentum rate: the spectral radius of the heavy-ball update.
    lr = round(0.5 * best, 3)
    typed_rate_paragraph(qtbot, window, f"{lr:g}")
    from gui_helpers import type_into

    type_into(qtbot, window.cards["tf"].editors["momentum"], "0.5")
    panel = window.theory_panel
    qtbot.waitUntil(
        lambda: "β 0.5" in rate_paragraph(panel.plain_text(), "TensorFlow 2"),
        timeout=HANG_GUARD_MS,
    )
    text = rate_paragraph(panel.plain_text(), "TensorFlow 2")
    radius = max(heavy_ball_rate(lr, 0.5, lam) for lam in (lo, hi))
    assert number(text, r"momentum rate #") == approx(radius, 1e-3)
    assert number(text, r"about # updates") == to_100x(radius)
    assert number(text, r"critical lr #") == approx(2 * 1.5 / hi, 1e-3)


def heavy_ball_rate(lr: float, beta: float, lam: float) -> float:
    """The larger root modulus of z² − (1 + β − lr·λ)·z + β, from numpy's polynomial roots."""
    return float(max(abs(np.roots([1.0, -(1 + beta - lr * lam), beta]))))
