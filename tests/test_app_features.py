"""The desktop application around the window: settings, experiment files, exports, scripts,
shortcuts, themes, help, logging and start-up messages."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from guards import HANG_GUARD_MS, SUBPROCESS_GUARD_S
from gui_helpers import (
    choose_preset,
    open_file,
    run_to_end,
    save_as,
    step_until,
    wait_loaded,
    wait_prepared,
)
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from app.main_window import MainWindow
from app.settings import AppSettings
from trainers.formats.experiment_file import load_experiment
from trainers.scripts.export import parse_printed_rows

ROOT = Path(__file__).resolve().parents[1]
SHIFT = Qt.KeyboardModifier.ShiftModifier


def new_window(qtbot, **kwargs) -> MainWindow:
    win = MainWindow(**kwargs)
    qtbot.addWidget(win)
    win.show()
    return win


def live_lr_run(qtbot, window, lr_text: str = "0.05") -> int:
    """Step the opening preset three updates, change Keras's lr, run on; the change's step.

    Stepping rather than a paced run puts the change at a known update however busy the
    machine is."""
    wait_prepared(qtbot, window)
    history = step_until(qtbot, window, "keras", 3)
    card = window.cards["keras"]
    card.lr_edit.setText(lr_text)
    card.lr_edit.editingFinished.emit()
    run_to_end(qtbot, window)
    ((step, _lr),) = history.lr_changes()
    assert step == 3
    return step


# -- settings ---------------------------------------------------------------------------
def test_settings_remember_layout_experiment_theme_and_recent_files(qtbot, tmp_path) -> None:
    window = new_window(qtbot)
    wait_prepared(qtbot, window)
    choose_preset(qtbot, window, "keras-fit")
    window.speed.set_speed(200, emit=True)
    window.resize(780, 560)  # within the offscreen screen (800 x 600)
    window.view_actions.theme_actions["dark"].trigger()
    window.settings.add_recent_file(str(tmp_path / "a.json"))
    window.splitters["main"].setSizes([500, 600])
    main_sizes = window.splitters["main"].sizes()
    experiment = window.document.experiment
    window.close()

    settings = AppSettings()
    assert settings.problem is None
    assert settings.experiment() == experiment
    assert settings.theme == "dark"
    assert settings.recent_files() == [str((tmp_path / "a.json").resolve())]
    again = new_window(qtbot, experiment=settings.experiment(), preset=None, settings=settings)
    assert (again.width(), again.height()) == (780, 560)
    assert [s.name for s in again.document.experiment.enabled()] == ["keras-fit"]
    assert again.speed.speed() == 200
    assert again.appearance.theme == "dark" and again.view_actions.theme_actions["dark"].isChecked()
    again.plots.ensure()
    assert again.splitters["main"].sizes() == main_sizes
    again.view_actions.theme_actions["light"].trigger()


def test_unreadable_settings_are_moved_aside_and_defaults_used(qtbot) -> None:
    path = Path(AppSettings().path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[general\nfoo")
    settings = AppSettings()
    assert settings.problem and "moved" in settings.problem
    assert list(path.parent.glob(path.name + ".unreadable-*"))
    assert settings.experiment() is None and settings.theme == "system"
    window = new_window(qtbot, settings=settings)
    assert [s.name for s in window.document.experiment.enabled()] == ["tf", "keras"]


def test_a_remembered_experiment_that_no_longer_loads_is_reported(qtbot) -> None:
    settings = AppSettings()
    settings.qsettings.setValue("experiment/json", '{"format_version": 99}')
    assert settings.experiment() is None
    assert "could not be restored" in settings.problem


# -- experiment files -------------------------------------------------------------------
def test_save_then_open_in_a_fresh_window_reproduces_the_numbers(
    qtbot, tmp_path, monkeypatch
) -> None:
    window = new_window(qtbot)
    step = live_lr_run(qtbot, window)
    path = tmp_path / "run.json"
    save_as(monkeypatch, window, path)
    saved = load_experiment(path)
    assert saved.runs["keras"].lr_changes == ((step, 0.05),)
    assert saved.experiment.backends["keras"].lr is None  # it started on Keras's default
    assert str(path.resolve()) in window.settings.recent_files()
    window.close()

    fresh = new_window(qtbot, preset="aligned")
    open_file(monkeypatch, fresh, path)
    wait_loaded(qtbot, fresh.document)
    assert [s.name for s in fresh.document.experiment.enabled()] == ["tf", "keras"]
    run_to_end(qtbot, fresh)
    for name in ("tf", "keras"):
        rows = saved.runs[name].rows
        history = fresh.controller.histories[name]
        np.testing.assert_array_equal(history.w[rows.step], rows.w)
        np.testing.assert_array_equal(history.b[rows.step], rows.b)
        np.testing.assert_array_equal(history.lr[rows.step], rows.lr)


@pytest.mark.parametrize(
    "content, words",
    [
        ('{"format_version": 1, "data": {"kind": "synthetic"', "not valid JSON"),
        (
            '{"format_version": 1, "data": {"kind": "synthetic"}, "backends": {"tf": {"lr": "x"}}}',
            "backends.tf.lr",
        ),
        ('{"format_version": 7, "data": {"kind": "synthetic"}, "backends": {}}', "newer"),
        (
            '{"format_version": 1, "data": {"kind": "csv", "path": "/nowhere/points.csv"}, '
            '"backends": {}}',
            "points.csv",
        ),
    ],
)
def test_a_bad_experiment_file_leaves_the_current_experiment(
    qtbot, tmp_path, monkeypatch, content: str, words: str
) -> None:
    window = new_window(qtbot)
    before = window.document.experiment
    path = tmp_path / "bad.json"
    path.write_text(content)
    open_file(monkeypatch, window, path)
    wait_loaded(qtbot, window.document)
    assert window.document.experiment == before
    title, detail = window.notices.last
    assert "bad.json" in title and words in detail
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and words in boxes[-1].text()


def test_recent_files_menu_lists_and_clears(qtbot, tmp_path, monkeypatch) -> None:
    window = new_window(qtbot)
    path = tmp_path / "saved.json"
    save_as(monkeypatch, window, path)
    menu = window.file_actions.recent_menu
    menu.aboutToShow.emit()
    texts = [a.text() for a in menu.actions()]
    assert "saved.json" in texts
    next(a for a in menu.actions() if a.text() == "Clear the list").trigger()
    assert window.settings.recent_files() == []


# -- exports ----------------------------------------------------------------------------
def test_exports_write_plots_window_and_tables(qtbot, tmp_path) -> None:
    window = new_window(qtbot)
    wait_prepared(qtbot, window)
    run_to_end(qtbot, window)
    files = window.file_actions
    png = files.save_plot("surface_view", tmp_path / "surface.png")
    image = QImage(str(png))
    assert image.width() >= 2 * window.plots.surface_view.width() - 4
    assert (
        len(
            {
                image.pixel(x, y)
                for x in range(0, image.width(), 23)
                for y in range(0, image.height(), 23)
            }
        )
        > 20
    )
    svg = files.save_plot("loss_view", tmp_path / "loss.svg")
    assert "<svg" in svg.read_text()
    assert files.save_plot("fit_view", tmp_path / "fit.gif") is None  # only PNG or SVG
    whole = QImage(str(files.save_window_png(tmp_path / "window.png")))
    assert (whole.width(), whole.height()) == (window.width(), window.height())

    rows = list(csv.reader(files.save_printout_csv(tmp_path / "p.csv").read_text().splitlines()))
    assert rows[0][:4] == ["step", "TensorFlow 2 w", "TensorFlow 2 b", "TensorFlow 2 loss"]
    assert [r[0] for r in rows[1:]] == [str(s) for s in range(0, 1001, 50)]
    history = window.controller.histories["tf"]
    assert float(rows[-1][1]) == pytest.approx(history.w[-1], abs=1e-7)

    every = list(
        csv.DictReader(files.save_history_csv(tmp_path / "u.csv").read_text().splitlines())
    )
    assert len(every) == 2 * 1001
    tf_rows = [r for r in every if r["backend"] == "tf"]
    assert [int(r["step"]) for r in tf_rows] == list(range(1001))
    assert float(tf_rows[-1]["w"]) == pytest.approx(history.w[-1], abs=1e-7)


def test_copy_printout_and_plot_pictures_to_the_clipboard(qtbot) -> None:
    window = new_window(qtbot)
    wait_prepared(qtbot, window)
    run_to_end(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | SHIFT)
    text = QGuiApplication.clipboard().text()
    assert text == window.printout.printout.to_tsv()
    assert text.splitlines()[1].split("\t")[0] == "0"
    window.file_actions.copy_plot_actions["fit_view"].trigger()
    assert not QGuiApplication.clipboard().image().isNull()


def test_exported_script_reproduces_the_windows_run(qtbot, tmp_path) -> None:
    window = new_window(qtbot)
    step = live_lr_run(qtbot, window, "0.2")
    path = window.file_actions.export_backend_script("keras", tmp_path / "keras_run.py")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TF_", "KERAS_"))}
    result = subprocess.run(
        [sys.executable, str(path)],
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_GUARD_S,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    rows = parse_printed_rows(result.stdout)
    history = window.controller.histories["keras"]
    assert [s for s, _, _ in rows] == [*range(0, 1001, 50)]
    assert any(s > step for s, _, _ in rows)
    for s, w, b in rows:
        assert w == pytest.approx(history.w[s], abs=1e-6)
        assert b == pytest.approx(history.b[s], abs=1e-6)


def test_card_button_exports_through_a_file_dialog(qtbot, tmp_path, monkeypatch) -> None:
    window = new_window(qtbot)
    target = tmp_path / "tf_script.py"
    monkeypatch.setattr(
        "app.actions.file_actions.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    qtbot.mouseClick(window.cards["tf"].script_button, Qt.MouseButton.LeftButton)
    assert "GradientTape" in target.read_text()


# -- comfort ----------------------------------------------------------------------------
def test_space_starts_and_pauses(qtbot) -> None:
    window = new_window(qtbot)
    wait_prepared(qtbot, window)
    window.speed.set_speed(20, emit=True)
    window.activateWindow()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.controller.running, timeout=HANG_GUARD_MS)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(
        lambda: all(s.state == "paused" for s in window.controller.statuses.values()),
        timeout=HANG_GUARD_MS,
    )


def test_shortcuts_dialog_lists_the_keys(qtbot) -> None:
    window = new_window(qtbot)
    dialog = window.help_actions.show_shortcuts()
    table = dialog.table
    pairs = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert pairs["Start"] == "Space"
    assert pairs["Save experiment"] == "Ctrl+S"
    assert pairs["Open experiment…"] == "Ctrl+O"
    assert pairs["Reset"] == "Ctrl+R" and pairs["Quit"] == "Ctrl+Q"
    assert "Ctrl+E" in pairs.values()  # export the window as PNG
    dialog.close()


def test_every_control_explains_itself(qtbot) -> None:
    window = new_window(qtbot)
    card = window.cards["keras"]
    assert "glorot_uniform" in card.init_combo.toolTip()
    assert "learning rate" in card.lr_slider.toolTip().lower()
    for widget in (
        card.seed,
        card.engine,
        card.lr_reset,
        card.script_button,
        card.color_button,
        window.cards["keras-fit"].batch,
        window.cards["keras-fit"].shuffle,
        window.speed,
        window.preset_combo,
        window.same_lr,
        window.explain.align_button,
        window.data_panel.open_button,
    ):
        assert widget.toolTip(), widget
    assert window.step_action.toolTip() and window.reset_action.toolTip()


def test_dark_and_light_themes(qtbot) -> None:
    window = new_window(qtbot)
    window.plots.ensure()
    window.view_actions.theme_actions["dark"].trigger()
    palette = QApplication.instance().palette()
    assert palette.color(QPalette.ColorRole.Window).lightness() < 80
    assert window.plots.surface_view.backgroundBrush().color().lightness() < 80
    window.view_actions.theme_actions["light"].trigger()
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() > 180
    assert window.plots.fit_view.backgroundBrush().color().lightness() > 200
    assert QSettings().value("view/theme") is None or AppSettings().theme == "light"


def test_about_lists_every_version_and_the_log_file(qtbot) -> None:
    window = new_window(qtbot)
    dialog = window.help_actions.show_about()
    text = dialog.text.text()
    for part in (
        "Descent Lab",
        "Python",
        "Qt",
        "PySide6",
        "pyqtgraph",
        "NumPy",
        "TensorFlow",
        "Keras",
        "descent-lab.log",
    ):
        assert part in text
    assert "2.21" in text or "not installed" not in text.split("TensorFlow")[1][:40]
    dialog.close()


def test_tensorflow_failing_to_load_is_shown_and_numpy_still_runs(qtbot, monkeypatch) -> None:
    import trainers.tensorflow_import as tfi
    from trainers.messages import QT_TRANSLATE_NOOP

    def broken() -> None:
        raise tfi.FrameworkImportError(
            QT_TRANSLATE_NOOP("trainers", "TensorFlow could not be imported: {reason}"),
            reason="ImportError: simulated",
        )

    monkeypatch.setattr(tfi, "import_keras", broken)
    window = new_window(qtbot, preset="aligned")
    qtbot.waitUntil(
        lambda: (
            window.controller.statuses.get("tf") is not None
            and window.controller.statuses["tf"].state == "error"
        ),
        timeout=HANG_GUARD_MS,
    )
    title, detail = window.notices.last
    assert "TensorFlow" in title and "simulated" in detail and "NumPy" in detail
    assert window.controller.statuses["numpy"].state == "ready"
    with qtbot.waitSignal(window.controller.run_finished, timeout=HANG_GUARD_MS):
        window.start_action.trigger()
    assert window.controller.statuses["numpy"].state == "finished"
    assert "error" in window.status_labels["tf"].text() or window.frames.up_to_date


# -- the launcher -----------------------------------------------------------------------
def launch(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=SUBPROCESS_GUARD_S,
        env={**os.environ, **(env or {})},
    )


def test_launcher_logs_to_a_file_and_opens_an_experiment(tmp_path) -> None:
    experiment = {
        "format_version": 1,
        "data": {"kind": "synthetic", "n": 30, "seed": 4},
        "backends": {"numpy": {"enabled": True, "steps": 40, "lr": 0.3}},
    }
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(experiment))
    shot = tmp_path / "shot.png"
    result = launch(str(path), "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    assert QImage(str(shot)).width() == 1440
    log = Path(os.environ["XDG_STATE_HOME"]) / "descent-lab" / "descent-lab.log"
    assert "Descent Lab started" in log.read_text()


def test_launcher_without_a_display_says_so_in_one_line() -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "app"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=SUBPROCESS_GUARD_S,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "xvfb-run" in result.stderr
    assert "--screenshot" in result.stderr


def test_launcher_installs_and_removes_the_desktop_entry(tmp_path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path)}
    installed = launch("--install-desktop", env=env)
    assert installed.returncode == 0, installed.stderr
    entry = tmp_path / "applications" / "descent-lab.desktop"
    assert entry.exists() and f"installed {entry}" in installed.stdout
    removed = launch("--uninstall-desktop", env=env)
    assert removed.returncode == 0 and not entry.exists()


def test_the_desktop_entry_starts_a_real_window_under_xvfb(tmp_path) -> None:
    """What a double-click does: the installed Exec line, on a real (virtual) X display."""
    import shlex
    import shutil

    from app.desktop_entry import install_desktop

    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run, "xvfb-run is missing: 'make test' installs the xvfb package"
    entry = next(p for p in install_desktop(tmp_path) if p.suffix == ".desktop")
    exec_line = next(
        line.split("=", 1)[1] for line in entry.read_text().splitlines() if line.startswith("Exec=")
    )
    command = [part for part in shlex.split(exec_line) if not part.startswith("%")]
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    result = subprocess.run(
        [xvfb_run, "-a", *command, "--probe", "first-paint"],
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_GUARD_S,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith("probe first-paint ")
