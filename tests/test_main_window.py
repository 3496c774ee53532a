"""The main window, driven as a user would: every action, checked against the command line."""

from __future__ import annotations

import io
import json
import math
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from guards import HANG_GUARD_MS, SUBPROCESS_GUARD_S
from gui_helpers import choose_preset, run_to_end, step_until, wait_loaded, wait_prepared
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from app.cli import run as cli_run
from trainers.presets import apply_preset

ROOT = Path(__file__).resolve().parents[1]


def cli_rows(*args: str) -> dict[str, list[dict]]:
    out = io.StringIO()
    assert cli_run([*args, "--format", "jsonl", "--every", "1"], out, io.StringIO()) in (0, 3)
    rows: dict[str, list[dict]] = {}
    for line in out.getvalue().splitlines():
        row = json.loads(line)
        rows.setdefault(row["backend"], []).append(row)
    return rows


def type_lr(qtbot, card, text: str) -> None:
    card.lr_edit.clear()
    qtbot.keyClicks(card.lr_edit, text)
    qtbot.keyClick(card.lr_edit, Qt.Key.Key_Return)


def test_opening_state_is_the_posts_contradiction(qtbot, window) -> None:
    enabled = [s.name for s in window.document.experiment.enabled()]
    assert enabled == ["tf", "keras"]
    tf, ker = window.cards["tf"], window.cards["keras"]
    assert tf.isChecked() and ker.isChecked() and not window.cards["numpy"].isChecked()
    assert tf.spec().init.kind == ker.spec().init.kind == "default"
    assert tf.spec().lr is None and ker.spec().lr is None
    assert tf.spec().steps == ker.spec().steps == 1001
    wait_prepared(qtbot, window)
    import keras  # only now: two threads importing TensorFlow at once can deadlock

    assert tf.effective_lr == 0.1
    assert ker.effective_lr == pytest.approx(float(keras.optimizers.get("sgd").learning_rate))
    assert window.controller.initials["tf"].w == 0.0
    assert window.controller.initials["keras"].w != 0.0
    assert window.explain.topics == ["start", "lr"]
    text = window.explain.plain_text()
    assert "glorot_uniform" in text and "0.01" in text and "0.1" in text
    qtbot.waitUntil(lambda: "ready" in window.status_labels["keras"].text(), timeout=HANG_GUARD_MS)


def test_start_trains_to_the_command_lines_numbers(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    run_to_end(qtbot, window)
    expected = cli_rows("--backend", "tf", "--backend", "keras")
    for name in ("tf", "keras"):
        history = window.controller.histories[name]
        assert len(history) == 1001
        assert window.controller.statuses[name].state == "finished"
        assert history.w[-1] == pytest.approx(expected[name][-1]["w"], abs=1e-7)
        assert history.b[-1] == pytest.approx(expected[name][-1]["b"], abs=1e-7)
        x, y = window.plots.fit_view.line_data(name)
        assert y[1] - y[0] == pytest.approx(history.w[-1] * (x[1] - x[0]))
        path_w, _ = window.plots.surface_view.path_data(name)
        assert path_w[0] == window.controller.initials[name].w  # path starts at the start
        assert path_w[-1] == history.w[-1]
    window.tabs.setCurrentWidget(window.printout)  # the table fills when it is shown
    assert window.printout.printout.rowCount() == 21
    assert window.printout.printout.text(20, 0) == "1000"
    assert window.start_action.text() == "Start"


def test_live_lr_change_bends_the_path_from_that_update(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    keras_history = step_until(qtbot, window, "keras", 3)
    type_lr(qtbot, window.cards["keras"], "0.05")  # between updates: applies from the next one
    run_to_end(qtbot, window)
    changes = keras_history.lr_changes()
    assert len(changes) == 1
    step, lr = changes[0]
    assert (step, lr) == (3, 0.05)
    assert window.plots.loss_view.marker_steps("keras") == [step]
    expected = cli_rows("--backend", "keras", "--lr-at", f"{step}:0.05")["keras"]
    assert np.max(np.abs(keras_history.w - [r["w"] for r in expected])) < 1e-6
    assert np.all(keras_history.lr[:step] == pytest.approx(0.01))
    # the other backend was not touched
    assert window.controller.histories["tf"].lr_changes() == []
    # and the printout shows the rate in use, row by row
    window.tabs.setCurrentWidget(window.printout)
    model = window.printout.printout
    column = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ].index("Keras train_on_batch lr")
    steps = [int(model.text(r, 0)) for r in range(model.rowCount())]
    rates = {s: model.text(r, column) for r, s in enumerate(steps)}
    assert rates[0] == "0.01" and rates[1000] == "0.05"


def test_align_then_start_makes_every_backend_agree(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    qtbot.mouseClick(window.explain.align_button, Qt.MouseButton.LeftButton)
    assert window.explain.topics == []
    keras = window.document.experiment.backends["keras"]
    assert keras.init.kind == "zeros" and keras.lr == 0.1
    wait_prepared(qtbot, window)
    run_to_end(qtbot, window)
    text = window.explain.plain_text()
    assert "Same settings everywhere" in text and "Largest difference" in text
    tf, ker = window.controller.histories["tf"], window.controller.histories["keras"]
    assert len(tf) == len(ker) == 1001
    assert np.max(np.abs(tf.w - ker.w)) < 1e-5 and np.max(np.abs(tf.b - ker.b)) < 1e-5


def test_all_five_aligned_preset(qtbot, window) -> None:
    choose_preset(qtbot, window, "aligned")
    assert [s.name for s in window.document.experiment.enabled()] == [
        "numpy",
        "tf",
        "tf1",
        "keras",
        "keras-fit",
    ]
    # The preset's agreement is under test, not its length: 101 updates keep keras-fit's
    # full-batch fit (one Keras epoch per update) short on a slow, busy machine.
    assert {
        s.total_updates(window.document.data.n) for s in window.document.experiment.enabled()
    } == {1001}
    set_updates(window, 101)
    wait_prepared(qtbot, window)
    run_to_end(qtbot, window)
    histories = window.controller.histories
    assert {len(h) for h in histories.values()} == {101}
    reference = histories["numpy"]
    for history in histories.values():
        assert np.max(np.abs(history.w - reference.w)) < 1e-5
    assert "|Δw| = " in window.explain.plain_text()


def frames(window, count: int):
    """A condition that holds once the window has drawn ``count`` more frames."""
    ticks = [0]
    window.frames.tick.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    return lambda: ticks[0] >= count


def test_pause_step_and_reset(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    window.speed.set_speed(50, emit=True)
    window.start_action.trigger()
    histories = window.controller.histories
    qtbot.waitUntil(lambda: all(len(h) >= 3 for h in histories.values()), timeout=HANG_GUARD_MS)
    assert window.start_action.text() == "Pause"
    window.start_action.trigger()  # pause
    qtbot.waitUntil(
        lambda: all(s.state == "paused" for s in window.controller.statuses.values()),
        timeout=HANG_GUARD_MS,
    )
    counts = {n: len(h) for n, h in histories.items()}
    qtbot.waitUntil(frames(window, 10), timeout=HANG_GUARD_MS)
    assert {n: len(h) for n, h in histories.items()} == counts
    assert window.start_action.text() == "Start"

    window.step_action.trigger()
    qtbot.waitUntil(
        lambda: all(len(h) == counts[n] + 1 for n, h in histories.items()), timeout=HANG_GUARD_MS
    )
    qtbot.waitUntil(frames(window, 5), timeout=HANG_GUARD_MS)
    assert all(len(h) == counts[n] + 1 for n, h in histories.items())

    window.reset_action.trigger()
    assert all(len(h) == 0 for h in window.controller.histories.values())
    wait_prepared(qtbot, window)
    assert window.printout.printout.rowCount() == 0


def test_bad_csv_shows_the_error_and_keeps_the_data(qtbot, window, tmp_path) -> None:
    before = window.document.data
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n0.1,0.2\n0.3,abc\n")
    assert window.document.load_csv(str(bad))  # read in the background
    wait_loaded(qtbot, window.document)
    assert window.document.data is before
    assert window.document.experiment.data.kind == "synthetic"
    assert not window.data_panel.error.isHidden()
    assert "line 3" in window.data_panel.error.text() and "abc" in window.data_panel.error.text()
    good = tmp_path / "good.csv"
    good.write_text("x,y\n" + "".join(f"{x},{3 * x - 1}\n" for x in np.linspace(0, 2, 30)))
    assert window.document.load_csv(str(good))
    wait_loaded(qtbot, window.document)
    assert window.document.data.n == 30 and window.data_panel.error.isHidden()
    assert window.plots.surface_view.surface.minimum[0] == pytest.approx(3.0)


def test_synthetic_edits_reload_the_data(qtbot, window) -> None:
    window.data_panel.n.setValue(80)
    assert window.document.data.n == 80
    configs = window.controller.configs
    qtbot.waitUntil(lambda: "tf" in configs and configs["tf"].data.n == 80, timeout=HANG_GUARD_MS)


def test_diverging_run_is_reported_not_drawn_as_nan(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    type_lr(qtbot, window.cards["tf"], "10")
    run_to_end(qtbot, window)
    status = window.controller.statuses["tf"]
    assert status.state == "diverged" and status.divergence.lr == 10
    expected = f"diverged at step {status.divergence.step} (lr=10)"
    qtbot.waitUntil(lambda: expected in window.status_labels["tf"].text(), timeout=HANG_GUARD_MS)
    assert window.cards["tf"].status.property("tone") == "error"
    for arrays in (
        window.plots.fit_view.line_data("tf"),
        window.plots.surface_view.path_data("tf"),
        window.plots.loss_view.curve_data("tf"),
    ):
        assert all(np.all(np.isfinite(a)) for a in arrays)
    assert window.controller.statuses["keras"].state == "finished"


def set_updates(window, updates: int) -> None:
    """Give every card ``updates`` steps (and keras-fit as many epochs), as a user would."""
    for card in window.cards.values():
        card.steps.setValue(updates)
        card.epochs.setValue(updates)
    window.reset_action.trigger()


def start_long_aligned_run(qtbot, window, updates: int) -> None:
    """All five backends, aligned, far from done: started at full speed."""
    choose_preset(qtbot, window, "aligned")
    set_updates(window, updates)
    wait_prepared(qtbot, window)
    window.start_action.trigger()


def test_closing_mid_run_stops_every_thread(qtbot, window) -> None:
    start_long_aligned_run(qtbot, window, 1_000_000)
    qtbot.waitUntil(
        lambda: all(len(h) > 0 for h in window.controller.histories.values()), timeout=HANG_GUARD_MS
    )
    assert len(window.controller.threads_running) == 5
    window.close()
    assert window.controller.threads_running == []
    assert not [t for t in threading.enumerate() if t.name == "keras-fit"]


def test_window_keeps_serving_the_user_while_five_backends_train(qtbot, window) -> None:
    start_long_aligned_run(qtbot, window, 5_000_000)
    numpy_curve = lambda: window.plots.loss_view.curve_data("numpy")[0].size  # noqa: E731
    qtbot.waitUntil(lambda: numpy_curve() > 0, timeout=HANG_GUARD_MS)
    for _ in range(3):  # the plots keep updating
        seen = numpy_curve()
        qtbot.waitUntil(lambda seen=seen: numpy_curve() > seen, timeout=HANG_GUARD_MS)
    button = window.toolbar.widgetForAction(window.start_action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: all(s.state == "paused" for s in window.controller.statuses.values()),
        timeout=HANG_GUARD_MS,
    )
    assert not window.controller.running


def screenshot(path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", "--screenshot", str(path), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=SUBPROCESS_GUARD_S,
    )


def test_screenshot_mode_writes_the_window(tmp_path) -> None:
    path = tmp_path / "shot.png"
    result = screenshot(path, "--steps", "300")
    assert result.returncode == 0, result.stderr
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1440, 900)
    sample = {image.pixel(x, y) for x in range(0, 1440, 37) for y in range(0, 900, 29)}
    assert len(sample) > 50  # not blank: plots, text, colours


def test_screenshot_takes_a_size_a_theme_and_a_language(tmp_path) -> None:
    path = tmp_path / "small.png"
    args = ("--size", "1024x700", "--preset", "tf-lr-0.1", "--steps", "3")
    result = screenshot(path, *args, "--theme", "dark", "--language", "zh_CN")
    assert result.returncode == 0, result.stderr
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1024, 700)
    assert QColor(image.pixel(5, 5)).lightness() < 100  # dark
    bad = screenshot(path, "--size", "big")
    assert bad.returncode == 2 and "WIDTHxHEIGHT" in bad.stderr


def test_presets_rebuild_the_posts_runs(qtbot, window) -> None:
    expected = {
        "tf-lr-0.1": ("tf1", 0.1),
        "tf-lr-0.01": ("tf1", 0.01),
        "keras-defaults": ("keras", None),
        "keras-lr-0.1": ("keras", 0.1),
        "keras-lr-0.01": ("keras", 0.01),
        "keras-fit": ("keras-fit", None),
    }
    for key, (name, lr) in expected.items():
        index = window.preset_combo.findData(key)
        window.preset_combo.setCurrentIndex(index)
        window.preset_combo.activated.emit(index)
        enabled = window.document.experiment.enabled()
        assert [s.name for s in enabled] == [name], key
        assert enabled[0].lr == lr
    fit = window.document.experiment.backends["keras-fit"]
    assert (fit.epochs, fit.batch_size, fit.shuffle) == (20, 1, True)
    assert (
        apply_preset("aligned", window.document.experiment, 50).backends["keras-fit"].batch_size
        == 50
    )


def test_same_learning_rate_for_all(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    window.same_lr.setChecked(True)
    type_lr(qtbot, window.cards["keras"], "0.3")
    assert window.cards["tf"].effective_lr == window.cards["keras"].effective_lr == 0.3
    assert "lr" not in window.explain.topics
    assert math.isclose(window.document.experiment.backends["tf"].lr, 0.3)


IMPORT_PROBE = """
import importlib.abc, sys, threading
seen = []
class Probe(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name in ("tensorflow", "keras"):
            seen.append((name, threading.current_thread().name))
        return None
sys.meta_path.insert(0, Probe())
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.main_window import MainWindow
window = MainWindow()
window.show()
assert "tensorflow" not in sys.modules, "imported before the window showed"
def check():
    statuses = window.controller.statuses.values()
    if statuses and all(s.state == "ready" for s in statuses):
        window.close()
        app.quit()
    else:
        QTimer.singleShot(50, check)
check()
QTimer.singleShot(480_000, app.quit)  # a hang guard, inside the child's own
app.exec()
print(sorted(set(seen)))
"""


def test_tensorflow_is_imported_off_the_gui_thread_after_the_window_shows() -> None:
    import os

    result = subprocess.run(
        [sys.executable, "-c", IMPORT_PROBE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=SUBPROCESS_GUARD_S,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    seen = eval(result.stdout.strip().splitlines()[-1])
    assert {name for name, _ in seen} == {"tensorflow", "keras"}
    assert {thread for _, thread in seen} == {"import-tensorflow"}


def test_a_new_colour_repaints_without_a_new_run(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    history = window.controller.histories["tf"]
    window.cards["tf"].set_color("#123456")  # what the colour dialog does
    assert window.document.experiment.backends["tf"].color == "#123456"
    assert window.controller.histories["tf"] is history  # the run was not rebuilt
    pens = {
        label.text: sample.item.opts["pen"] for sample, label in window.plots.fit_view.legend.items
    }
    assert pens["TensorFlow 2"].color().name() == "#123456"
    status = window.status_labels["tf"]
    qtbot.waitUntil(lambda: status.color() == "#123456", timeout=HANG_GUARD_MS)
