"""Every user action driven through its QAction, shortcut or widget, with real input events:
files and drops, the cards, the toolbar, the menus and the look of the window."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pytest
from guards import HANG_GUARD_MS
from gui_helpers import (
    answer_file_dialog,
    choose_preset,
    run_to_end,
    save_as,
    wait_loaded,
    wait_prepared,
)
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.themes import apply_palette
from widgets.plot_theme import THEMES


def csv_file(path: Path, n: int = 12) -> Path:
    path.write_text("x,y\n" + "".join(f"{x},{1 - x}\n" for x in np.linspace(0, 1, n)))
    return path


def drop(window, path: Path) -> tuple[bool, bool]:
    """Drag ``path`` over the window and drop it: (drag accepted, drop accepted)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(
        QPoint(300, 300),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    dropped = QDropEvent(
        QPointF(300, 300),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, dropped)
    _wait_loaded(window)
    return enter.isAccepted(), dropped.isAccepted()


def _wait_loaded(window) -> None:
    """Files are read in the loader's thread: spin Qt until it is done."""
    from PySide6.QtCore import QEventLoop

    if window.document.loading:
        loop = QEventLoop()
        window.document.loader.ended.connect(loop.quit)
        loop.exec()
        window.document.loader.ended.disconnect(loop.quit)


# -- files and drops --------------------------------------------------------------------
def test_open_csv_and_cancel(qtbot, window, tmp_path, monkeypatch) -> None:
    n = window.document.data.n
    answer_file_dialog(monkeypatch, "")
    window.file_actions.open_csv_action.trigger()
    assert window.document.data.n == n
    answer_file_dialog(monkeypatch, csv_file(tmp_path / "a.csv", 14))
    qtbot.keyClick(
        window,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    wait_loaded(qtbot, window.document)
    assert window.document.data.n == 14
    answer_file_dialog(monkeypatch, csv_file(tmp_path / "b.csv", 16))
    qtbot.mouseClick(window.data_panel.open_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, window.document)
    assert window.document.data.n == 16
    assert window.data_panel.path_label.text().endswith("b.csv")


def test_drops_open_experiments_and_data_and_refuse_the_rest(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    data = csv_file(tmp_path / "dropped.csv")
    assert drop(window, data) == (True, True)
    assert window.document.data.n == 12 and window.document.experiment.data.path == str(data)

    save_as(monkeypatch, window, tmp_path / "exp1.json")
    choose_preset(qtbot, window, "aligned")
    assert len(window.document.experiment.enabled()) == 5
    assert drop(window, tmp_path / "exp1.json") == (True, True)
    assert [s.name for s in window.document.experiment.enabled()] == ["tf", "keras"]
    assert not window.notices.last[1]  # news, not an error
    assert "exp1.json" in window.status.message.text()

    other = tmp_path / "notes.txt"
    other.write_text("hello")
    assert drop(window, other) == (True, True)
    assert "notes.txt" in window.status.message.text()
    assert "\n" not in window.status.message.text()
    assert window.document.data.n == 12


def test_save_with_ctrl_s_writes_the_current_file(qtbot, window, tmp_path, monkeypatch) -> None:
    target = tmp_path / "mine.json"
    asked = answer_file_dialog(monkeypatch, target, save=True)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked and target.is_file()
    first = target.read_text()
    window.cards["tf"].steps.setValue(77)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1  # no dialog the second time: the same file
    assert target.read_text() != first and '"steps": 77' in target.read_text()


def test_quit_with_ctrl_q_closes_and_stops_every_thread(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    window.speed.set_speed(20, emit=True)
    window.start_action.trigger()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert window.controller.threads_running == []


# -- the cards --------------------------------------------------------------------------
def test_card_edits_rebuild_the_run_once_typing_stops(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    box = window.cards["tf"].steps
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "40")
    assert window.document.experiment.backends["tf"].steps == 40
    configs = window.controller.configs
    qtbot.waitUntil(lambda: configs["tf"].steps == 40, timeout=HANG_GUARD_MS)
    wait_prepared(qtbot, window)
    run_to_end(qtbot, window)
    assert len(window.controller.histories["tf"]) == 40


def test_the_colour_button_recolours_line_and_status(qtbot, window, monkeypatch) -> None:
    wait_prepared(qtbot, window)
    monkeypatch.setattr(
        "widgets.backend_card.QColorDialog.getColor", lambda *a, **k: QColor("#123456")
    )
    qtbot.mouseClick(window.cards["tf"].color_button, Qt.MouseButton.LeftButton)
    assert window.document.experiment.backends["tf"].color == "#123456"
    qtbot.waitUntil(lambda: window.status_labels["tf"].color() == "#123456", timeout=HANG_GUARD_MS)


def test_a_card_collapses_to_its_state_line(qtbot, window) -> None:
    card = window.cards["tf"]
    height = card.height()
    qtbot.mouseClick(card.expand_button, Qt.MouseButton.LeftButton)
    assert not card.expanded and card.details.isHidden() and not card.status.isHidden()
    qtbot.waitUntil(lambda: card.height() < height / 2, timeout=HANG_GUARD_MS)
    qtbot.mouseClick(card.expand_button, Qt.MouseButton.LeftButton)
    assert card.expanded and not card.details.isHidden()


def test_the_panel_keeps_its_width_across_presets_and_align(qtbot, window) -> None:
    widths = {window.side.minimumWidth()}
    for key in ("aligned", "keras-fit", "tf-lr-0.1"):
        choose_preset(qtbot, window, key)
        widths.add(window.side.minimumWidth())
    window.align_action.trigger()
    widths.add(window.side.minimumWidth())
    assert len(widths) <= 2  # it may grow once, for the widest cards; never back


# -- the toolbar and the Run menu -------------------------------------------------------
def test_align_through_ctrl_l_and_the_run_menu(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    specs = window.document.experiment.enabled()
    assert len({(s.init, s.lr, s.batch_size) for s in specs}) == 1
    choose_preset(qtbot, window, "keras-fit")
    choose_preset(qtbot, window, "aligned")
    wait_prepared(qtbot, window)
    window.cards["tf"].set_lr(0.3, emit=True)
    assert window.align_action in window.run_menu.actions()
    window.run_menu.actions()[window.run_menu.actions().index(window.align_action)].trigger()
    assert {s.lr for s in window.document.experiment.enabled()} == {0.1}


def test_the_preset_box_says_custom_once_no_preset_matches(qtbot, window) -> None:
    wait_prepared(qtbot, window)  # Keras's default rate is known: "default" can restore it
    combo = window.preset_combo
    assert combo.currentData() == "contradiction"
    window.cards["keras"].lr_edit.setText("0.2")
    window.cards["keras"].lr_edit.editingFinished.emit()
    assert combo.currentData() == "custom" and combo.currentText() == "Custom"
    window.cards["keras"].lr_reset.click()
    assert combo.currentData() == "contradiction"
    assert combo.findData("custom") < 0
    choose_preset(qtbot, window, "tf-lr-0.01")
    assert combo.currentData() == "tf-lr-0.01"


def test_the_speed_widget_and_full_speed_one_click_away(qtbot, window) -> None:
    speed = window.speed
    speed.slider.setFocus()
    speed.set_speed(100, emit=True)
    qtbot.keyClick(speed.slider, Qt.Key.Key_Left)
    assert window.document.experiment.speed < 100
    paced = window.document.experiment.speed
    qtbot.mouseClick(speed.full_button, Qt.MouseButton.LeftButton)
    assert window.document.experiment.speed is None and speed.label.text() == "full speed"
    qtbot.mouseClick(speed.full_button, Qt.MouseButton.LeftButton)
    assert window.document.experiment.speed == paced


def test_start_and_pause_do_not_shift_the_toolbar(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    window.speed.set_speed(20, emit=True)
    step = window.toolbar.widgetForAction(window.step_action)
    before = step.geometry()
    window.start_action.trigger()
    assert window.start_action.text() == "Pause"
    qtbot.waitUntil(lambda: step.geometry() == before, timeout=HANG_GUARD_MS)
    window.toolbar.layout().activate()
    assert step.geometry() == before
    window.start_action.trigger()


def test_the_opening_is_paced_and_says_what_it_waits_for(qtbot, monkeypatch) -> None:
    from app.controller import TrainingController
    from app.main_window import MainWindow
    from trainers.experiment import Experiment
    from trainers.presets import OPENING_SPEED

    # TensorFlow never finishes loading here: what the plots say meanwhile stays put.
    monkeypatch.setattr(TrainingController, "allow_framework_loading", lambda self: None)
    window = MainWindow(experiment=Experiment(speed=OPENING_SPEED))
    qtbot.addWidget(window)
    window.show()
    numpy = window.cards["numpy"]
    numpy.setChecked(True)
    qtbot.waitUntil(
        lambda: (
            window.controller.statuses.get("numpy") is not None
            and window.controller.statuses["numpy"].state == "ready"
        ),
        timeout=HANG_GUARD_MS,
    )
    qtbot.waitUntil(lambda: "NumPy" in window.plots.loss_view.banner_text(), timeout=HANG_GUARD_MS)
    text = window.plots.loss_view.banner_text()
    assert "Loading TensorFlow for TensorFlow 2, Keras train_on_batch" in text
    assert "the loss surface" in text
    assert window.plots.fit_view.banner_text() == "Loading TensorFlow…"
    # A run worth watching: at least several seconds at the opening's pace.
    spec = window.document.experiment.backends["tf"]
    assert window.speed.speed() == OPENING_SPEED and spec.steps / OPENING_SPEED >= 5
    window.close()


# -- divergence -------------------------------------------------------------------------
def test_divergence_is_unmistakable(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    card = window.cards["tf"]
    card.lr_edit.setFocus()
    card.lr_edit.selectAll()
    qtbot.keyClicks(card.lr_edit, "10")
    qtbot.keyClick(card.lr_edit, Qt.Key.Key_Return)
    run_to_end(qtbot, window)
    qtbot.waitUntil(lambda: window.status_labels["tf"].tone == "error", timeout=HANG_GUARD_MS)
    assert "diverged" in window.status_labels["tf"].text()
    assert card.status.property("tone") == "error" and "color" in card.status.styleSheet()
    assert card.status.text().startswith("⚠")
    plots = window.plots
    x, y = plots.fit_view.line_data("tf")  # kept, not vanished: the last finite line, dashed
    assert x.size == 2 and np.all(np.isfinite(y))
    (_x0, _x1), (y0, y1) = plots.fit_view.getPlotItem().viewRange()
    if not (max(y) >= y0 and min(y) <= y1):  # never seen inside the plot: the plot says so
        assert "TensorFlow 2 diverged" in plots.fit_view.gone_note.toPlainText()
    assert "tf" in plots.fit_view.diverged
    pen = plots.fit_view._lines["tf"].opts["pen"]
    assert pen.style() == Qt.PenStyle.DashLine
    edge = plots.surface_view.exit_marker("tf")
    bounds = plots.surface_view.bounds
    assert edge is not None
    on_edge = min(
        abs(edge[0] - bounds.w_lo),
        abs(edge[0] - bounds.w_hi),
        abs(edge[1] - bounds.b_lo),
        abs(edge[1] - bounds.b_hi),
    )
    assert on_edge < 1e-6 * max(bounds.width, bounds.height)
    assert plots.surface_view.exit_marker("keras") is None
    # Reset: solid again, and the loss plot forgets the runaway range: it fits the new run.
    window.reset_action.trigger()
    wait_prepared(qtbot, window)
    assert "tf" not in plots.fit_view.diverged and not plots.fit_view.gone_note.toPlainText()
    card.lr_reset.click()
    run_to_end(qtbot, window)
    view = plots.loss_view.getPlotItem().getViewBox()
    assert all(view.autoRangeEnabled())
    highest = max(np.log10(plots.loss_view.curve_data(n)[1]).max() for n in ("tf", "keras"))
    lowest = min(np.log10(plots.loss_view.curve_data(n)[1]).min() for n in ("tf", "keras"))
    (_x0, _x1), (bottom, top) = plots.loss_view.getPlotItem().viewRange()
    span = highest - lowest
    assert top <= highest + 0.2 * span and bottom >= lowest - 0.2 * span


# -- the look: theme and language at run time --------------------------------------------
def drawn_colour(text_item) -> str:
    """The colour a QGraphicsTextItem draws its text in: its rich text's, else its default."""
    found = re.findall(r"color:\s*(#[0-9a-fA-F]{6})", text_item.toHtml())
    return found[-1].lower() if found else text_item.defaultTextColor().name()


def plot_texts(window) -> dict[str, list[str]]:
    """Every text on the plots with its colour: titles, axis labels, legend items, contours."""
    colours: dict[str, list[str]] = {}
    for view in window.plots.views():
        item = view.getPlotItem()
        colours.setdefault("title", []).append(drawn_colour(item.titleLabel.item))
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            colours.setdefault("axis", []).append(drawn_colour(axis.label))
    for _sample, label in window.plots.fit_view.legend.items:
        colours.setdefault("legend", []).append(drawn_colour(label.item))
    for label in window.plots.surface_view._labels:
        colours.setdefault("contour", []).append(drawn_colour(label.textItem))
    return colours


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_theme_switches_recolour_every_text_on_the_plots(qtbot, window, theme) -> None:
    wait_prepared(qtbot, window)
    run_to_end(qtbot, window)
    other = "light" if theme == "dark" else "dark"
    for choice in (other, theme):
        window.view_actions.theme_actions[choice].trigger()
        palette = THEMES[choice]
        colours = plot_texts(window)
        assert set(colours["title"]) == {palette.foreground}, choice
        assert set(colours["axis"]) == {palette.foreground}, choice
        assert set(colours["legend"]) == {palette.foreground}, choice
        assert colours["contour"] and set(colours["contour"]) == {palette.contour}, choice
        legend_brush = window.plots.fit_view.legend.opts["brush"].color()
        assert legend_brush.name() == palette.background and legend_brush.alpha() > 150
    apply_palette(QApplication.instance(), "light")


def test_language_switches_retranslate_every_text_on_the_plots(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    fit, surface, loss = window.plots.views()

    def texts() -> list[str]:
        legend = [label.text for _s, label in fit.legend.items]
        return [
            fit.getPlotItem().titleLabel.text,
            surface.getPlotItem().getAxis("bottom").labelText,
            loss.getPlotItem().titleLabel.text,
            *legend,
        ]

    english = texts()
    window.view_actions.language_actions["zh_CN"].trigger()
    try:
        chinese = texts()
        assert all(a != b for a, b in zip(english[:3], chinese[:3], strict=True))
        assert "真实直线" in chinese and "TensorFlow 2" in chinese
        assert len(chinese) == len(english)
    finally:
        window.view_actions.language_actions["en"].trigger()
    assert texts() == english


def test_a_system_language_change_retranslates_the_window(qtbot, window) -> None:
    from app.i18n import install_language

    install_language("zh_CN")  # what a change of the system's language delivers: LanguageChange
    try:
        qtbot.waitUntil(lambda: window.start_action.text() == "开始", timeout=HANG_GUARD_MS)
        assert window.file_menu.title() == "文件(&F)"
    finally:
        install_language("en")
        QApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
    assert window.start_action.text() == "Start"


# -- exports ----------------------------------------------------------------------------
def test_history_csv_numbers_read_back_exactly_in_their_shortest_form(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    wait_prepared(qtbot, window)
    run_to_end(qtbot, window)
    target = tmp_path / "updates.csv"
    answer_file_dialog(monkeypatch, target, save=True)
    window.file_actions.history_csv_action.trigger()
    with target.open() as handle:
        rows = list(csv.DictReader(handle))
    keras = [r for r in rows if r["backend"] == "keras"]
    assert keras[0]["lr"] == "0.01"
    history = window.controller.histories["keras"]
    assert np.float32(float(keras[5]["w"])) == np.float32(history.w[5])
    assert len(keras[5]["w"]) <= 12
    tf = [r for r in rows if r["backend"] == "tf"]
    assert tf[0]["lr"] == "0.1"


def test_contour_labels_keep_clear_of_the_markers(qtbot, window) -> None:
    from widgets.surface_view import MARKER_CLEARANCE

    wait_prepared(qtbot, window)
    run_to_end(qtbot, window)
    surface = window.plots.surface_view
    bounds = surface.bounds
    scale = np.array([bounds.width, bounds.height])
    markers = [np.array(surface.surface.minimum[:2])]
    for name in ("tf", "keras"):
        for item in (surface._paths[name].start, surface._paths[name].current):
            x, y = item.getData()
            markers.append(np.array([x[0], y[0]]))
    assert surface._labels
    for label in surface._labels:
        at = np.array([label.pos().x(), label.pos().y()])
        nearest = min(np.hypot(*((at - m) / scale)) for m in markers)
        assert nearest >= MARKER_CLEARANCE * 0.9, label.textItem.toPlainText()
