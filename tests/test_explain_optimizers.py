"""The explain panel's optimizer topics, driven as a user would: the frameworks' own defaults
named with their values (read here from the frameworks' signatures), what Align settings set
(exactly, in the panel and the status bar) and what it cannot align, and a rounding-decided
pair of runs with the update where they part, found here from the runs' data."""

from __future__ import annotations

import inspect
import math

import numpy as np
from guards import HANG_GUARD_MS
from gui_helpers import choose, choose_preset, rebuilt_after, run_to_end, type_into, wait_prepared
from PySide6.QtCore import Qt


def default(cls, name: str):
    return inspect.signature(cls).parameters[name].default


def click_align(qtbot, window) -> None:
    with qtbot.waitSignal(window.session.rebuilt, timeout=HANG_GUARD_MS):
        qtbot.mouseClick(window.explain.align_button, Qt.MouseButton.LeftButton)
    wait_prepared(qtbot, window)


def test_adam_epsilons_are_named_and_align_says_it_set_one(qtbot, window) -> None:
    choose_preset(qtbot, window, "adam-tf1-keras")
    wait_prepared(qtbot, window)
    import keras
    import tensorflow as tf

    tf1_eps = default(tf.compat.v1.train.AdamOptimizer.__init__, "epsilon")
    keras_eps = default(keras.optimizers.Adam, "epsilon")
    assert tf1_eps != keras_eps
    text = window.explain.plain_text()
    assert (
        f"Different settings of adam. TensorFlow 1 graph: epsilon {tf1_eps:g} (its framework's "
        f"default); Keras train_on_batch: epsilon {keras_eps:g} (its framework's default)."
    ) in text
    click_align(qtbot, window)
    change = f"Keras train_on_batch: epsilon {keras_eps:g} → {tf1_eps:g}"
    # Everything else already agreed: the one change, nothing it could not align.
    assert window.status.message.text() == f"Align settings set {change}."
    text = window.explain.plain_text()
    section = text[text.index("What Align settings set") :].splitlines()
    assert section[1:3] == [f"{change}.", "What the theory predicts"]
    assert "Different settings of adam" not in text
    assert window.document.experiment.backends["keras"].epsilon == tf1_eps


def test_rmsprop_align_sets_epsilon_and_says_what_it_cannot_align(qtbot, window) -> None:
    choose_preset(qtbot, window, "rmsprop-tf1-keras")
    wait_prepared(qtbot, window)
    import keras
    import tensorflow as tf

    tf1_eps = default(tf.compat.v1.train.RMSPropOptimizer.__init__, "epsilon")
    keras_eps = default(keras.optimizers.RMSprop, "epsilon")
    text = window.explain.plain_text()
    assert "Defined differently in TensorFlow 1 and Keras. RMSprop's mean of squared" in text
    assert "starts at 1.0 in TensorFlow 1" in text and "at 0.0 in Keras" in text
    click_align(qtbot, window)
    change = f"Keras train_on_batch: epsilon {keras_eps:g} → {tf1_eps:g}"
    assert window.status.message.text() == (
        f"Align settings set {change}. Some differences cannot be aligned: see “Why they differ”."
    )
    text = window.explain.plain_text()
    section = text[text.index("What Align settings set") :].splitlines()
    assert section[1] == f"{change}."
    assert section[2].startswith("Could not align. RMSprop's mean of squared gradients")


def test_align_on_the_opening_sets_keras_start_and_rate(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    import keras

    w0 = window.controller.initials["keras"].w
    lr = float(keras.optimizers.get("sgd").learning_rate)
    click_align(qtbot, window)
    assert window.status.message.text() == (
        f"Align settings set Keras train_on_batch: start (w, b) ({w0:.6g}, 0) → (0, 0), "
        f"learning rate {lr:g} → 0.1."
    )


def test_different_optimizers_and_schedules_are_named_with_their_values(qtbot, window) -> None:
    choose_preset(qtbot, window, "rmsprop-float32-float64")
    wait_prepared(qtbot, window)
    import keras

    card = window.cards["numpy"]
    rebuilt_after(qtbot, window, lambda: choose(qtbot, card.editors["optimizer"], "sgd"))
    rebuilt_after(qtbot, window, lambda: type_into(qtbot, card.editors["momentum"], "0.5"))
    with qtbot.waitSignal(window.session.rebuilt, timeout=HANG_GUARD_MS):
        choose(qtbot, card.editors["schedule"], "cosine")  # refused until it has decay_steps
    rebuilt_after(qtbot, window, lambda: type_into(qtbot, card.editors["decay_steps"], "100"))
    rms = {k: default(keras.optimizers.RMSprop, k) for k in ("rho", "momentum", "epsilon")}
    text = window.explain.plain_text()
    assert (
        "Different optimizers. NumPy: sgd (momentum 0.5, nesterov false); Keras train_on_batch: "
        f"rmsprop (rho {rms['rho']:g}, momentum {rms['momentum']:g}, epsilon {rms['epsilon']:g})."
    ) in text
    assert (
        "Different learning-rate schedules. NumPy: cosine (decay_steps 100); "
        "Keras train_on_batch: constant."
    ) in text
    assert "NumPy: no exact prediction on the cosine schedule" in text


def plain_rmsprop(window, lr: float, steps: int, rho: float, epsilon: float) -> np.ndarray:
    """Keras's RMSprop (no momentum) from w = b = 0, in float64, written out."""
    x = np.asarray(window.document.data.x, np.float64)
    y = np.asarray(window.document.data.y, np.float64)
    theta, v = np.zeros(2), np.zeros(2)
    path = np.empty((steps, 2))
    for i in range(steps):
        err = theta[0] * x + theta[1] - y
        grad = np.array([2.0 * np.mean(err * x), 2.0 * np.mean(err)])
        v = rho * v + (1.0 - rho) * grad * grad
        theta = theta - lr * grad / np.sqrt(v + epsilon)
        path[i] = theta
    return path


def test_rmsprop_runs_part_where_rounding_decides_and_the_panel_says_from_when(
    qtbot, window
) -> None:
    choose_preset(qtbot, window, "rmsprop-float32-float64")
    for name in ("numpy", "keras"):
        steps = window.cards[name].steps
        rebuilt_after(qtbot, window, lambda steps=steps: type_into(qtbot, steps, "200"))
    import keras

    run_to_end(qtbot, window)
    numpy, kers = window.controller.histories["numpy"], window.controller.histories["keras"]
    assert len(numpy) == len(kers) == 200
    rho, eps = (default(keras.optimizers.RMSprop, k) for k in ("rho", "epsilon"))
    plain = plain_rmsprop(window, 0.01, 200, rho, eps)
    # The same float64 formula written otherwise agrees until the circling starts (then
    # rounding parts even two float64 runs, as it parts float64 and float32).
    assert np.max(np.abs(plain[:100] - np.stack([numpy.w, numpy.b], axis=1)[:100])) < 1e-12
    parted = None
    for i in range(200):
        gap = math.hypot(numpy.w[i] - kers.w[i], numpy.b[i] - kers.b[i])
        scale = max(math.hypot(numpy.w[i], numpy.b[i]), math.hypot(kers.w[i], kers.b[i]))
        if gap > 1e-4 * scale:
            parted = i
            break
    assert parted is not None and parted > 10  # they agreed first, to float32 precision
    text = window.explain.plain_text()
    assert "Rounding decides the path. rmsprop never settles" in text
    pair = "NumPy (float64) and Keras train_on_batch (float32)"
    assert f"{pair} part from update {parted} on" in text
    assert "a real property of the optimizer, not noise" in text
