"""What users type and choose in a backend card: numbers as Python writes them, a schedule
still missing values, and values a backend's framework has no place for."""

from __future__ import annotations

import inspect
import io
import logging

import pytest
from guards import HANG_GUARD_MS
from gui_helpers import choose, rebuilt_after, run_to_end, type_into, wait_prepared
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox

from app.cli import run as cli_run
from trainers.config import BACKENDS
from trainers.experiment import BackendSpec
from trainers.lr_schedules import REQUIRED, SCHEDULE_KEYS, Incomplete, check_complete
from trainers.optimizers import HYPER_PARAMETERS, OPTIMIZERS, TF1
from trainers.settings import SETTINGS
from widgets.backend_card import BackendCard


def _card(qtbot, spec: BackendSpec) -> BackendCard:
    card = BackendCard(spec, spec.name)
    qtbot.addWidget(card)
    card.show()
    return card


# -- 1. numbers as a Python user writes them --------------------------------------------------
@pytest.mark.parametrize("text", ["1e-07", "1E-07", "1e-3", "2.5e-3", "0.45", "107", "3."])
def test_a_number_box_takes_decimals_and_scientific_notation(qtbot, text: str) -> None:
    card = _card(qtbot, BackendSpec("numpy", enabled=True, optimizer="adam"))
    box = card.editors["epsilon"]
    type_into(qtbot, box, text)
    assert card.spec().epsilon == float(text)
    assert float(box.text()) == float(text) and len(box.text()) <= len(text) + 1
    assert box.lineEdit().styleSheet() == ""


def test_a_number_box_refuses_other_text_visibly_and_keeps_the_last_value(qtbot) -> None:
    card = _card(qtbot, BackendSpec("numpy", enabled=True, optimizer="adam"))
    box = card.editors["epsilon"]
    type_into(qtbot, box, "2e-8")
    for typed, why in (("1e-7x", "not a number"), ("-0.5", "out of range"), ("e", "not a number")):
        type_into(qtbot, box, typed)
        assert why in box.toolTip() and box.lineEdit().styleSheet(), typed
        assert card.spec().epsilon == 2e-8 and box.text() == "2e-08"
    type_into(qtbot, box, "3e-8")  # a good value ends the refusal
    assert card.spec().epsilon == 3e-8 and box.lineEdit().styleSheet() == ""
    assert "not a number" not in box.toolTip()


def test_default_and_the_arrow_keys_still_work(qtbot) -> None:
    card = _card(qtbot, BackendSpec("numpy", enabled=True, optimizer="adam", epsilon=0.45))
    box = card.editors["epsilon"]
    assert box.text() == "0.45"  # not 0.4500000000
    type_into(qtbot, box, "default")
    assert card.spec().epsilon is None and box.text() == "default"
    qtbot.keyClick(box, Qt.Key.Key_Up)  # from "default" to the lowest step, then up
    qtbot.keyClick(box, Qt.Key.Key_Up)
    step = box.singleStep()
    assert card.spec().epsilon == pytest.approx(step) and box.text() == f"{step:g}"
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert card.spec().epsilon is None and box.text() == "default"


def test_the_start_values_take_scientific_notation_and_whole_settings_stay_whole(qtbot) -> None:
    card = _card(qtbot, BackendSpec("numpy", enabled=True))
    choose(qtbot, card.init_combo, "values")
    type_into(qtbot, card.init_w, "-2.5e-2")
    type_into(qtbot, card.init_b, "1E1")
    assert (card.spec().init.w, card.spec().init.b) == (-0.025, 10.0)
    assert (card.init_w.text(), card.init_b.text()) == ("-0.025", "10")
    for setting in SETTINGS:
        if setting.kind == "int":
            assert type(card.editors[setting.key]) is QSpinBox, setting.key


# -- 2. a schedule still missing values ------------------------------------------------------
def test_a_schedule_missing_values_waits_calmly_while_the_others_run(
    qtbot, window, caplog, capfd
) -> None:
    for name in BACKENDS:  # numpy and tf: the one waits, the other runs
        window.cards[name].setChecked(name in ("numpy", "tf"))
    card = window.cards["numpy"]
    wait_prepared(qtbot, window)
    caplog.set_level(logging.INFO)
    with qtbot.waitSignal(window.session.rebuilt, timeout=HANG_GUARD_MS):
        choose(qtbot, card.editors["schedule"], "exponential")
    statuses = window.controller.statuses
    assert statuses["numpy"].state == "incomplete"
    qtbot.waitUntil(lambda: "waits" in card.status.text(), timeout=HANG_GUARD_MS)
    note = card.status.text()
    assert "decay_steps, decay_rate" in note and "⚠" not in note
    assert card.status.property("tone") == "note"
    entry = window.status_labels["numpy"]
    assert entry.isVisibleTo(window) and "numpy" in entry.text().lower()
    assert "waits for its settings" in entry.text() and entry.tone != "error"
    run_to_end(qtbot, window)  # Start runs the others
    assert statuses["tf"].state == "finished" and statuses["numpy"].state == "incomplete"
    assert len(window.controller.histories["numpy"]) == 0
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "Traceback" not in capfd.readouterr().err

    with qtbot.waitSignal(window.session.rebuilt, timeout=HANG_GUARD_MS):
        type_into(qtbot, card.editors["decay_steps"], "5")
    qtbot.waitUntil(lambda: "decay_steps" not in card.status.text(), timeout=HANG_GUARD_MS)
    assert statuses["numpy"].state == "incomplete" and "decay_rate" in card.status.text()
    assert "decay_steps" not in card.status.text() and "for it)" in card.status.text()
    rebuilt_after(qtbot, window, lambda: type_into(qtbot, card.editors["decay_rate"], "5e-1"))
    qtbot.waitUntil(lambda: card.status.property("tone") == "", timeout=HANG_GUARD_MS)
    assert window.document.experiment.backends["numpy"].decay_rate == 0.5
    run_to_end(qtbot, window)
    history = window.controller.histories["numpy"]
    assert statuses["numpy"].state == "finished"
    assert history.lr[10] == pytest.approx(history.lr[0] * 0.5 ** (10 / 5))


def test_list_boxes_show_hints_not_values(qtbot) -> None:
    card = _card(qtbot, BackendSpec("numpy", enabled=True, schedule="piecewise_constant"))
    for key in ("boundaries", "values"):
        box = card.editors[key]
        assert box.text() == "" and box.placeholderText().startswith("e.g. ")
    card.set_spec(BackendSpec("numpy", enabled=True, schedule="cosine"))
    for key in SCHEDULE_KEYS["cosine"]:  # a value Keras has no default for is not "default"
        expected = "required" if key in REQUIRED["cosine"] else "default"
        assert card.editors[key].text() == expected, key


def test_completeness_is_known_without_keras_and_agrees_with_keras(qtbot) -> None:
    from trainers.lr_schedules import keras_schedule_class

    for name, keys in SCHEDULE_KEYS.items():
        if name == "constant":
            continue
        parameters = inspect.signature(keras_schedule_class(name)).parameters
        own = tuple(k for k in keys if parameters[k].default is inspect.Parameter.empty)
        assert REQUIRED.get(name, ()) == own, name


def test_the_message_says_it_for_one_value_and_them_for_several() -> None:
    with pytest.raises(Incomplete) as one:
        check_complete(BackendSpec("numpy", schedule="exponential", decay_steps=10))
    assert str(one.value) == "schedule exponential needs decay_rate (Keras has no default for it)"
    with pytest.raises(Incomplete) as two:
        check_complete(BackendSpec("numpy", schedule="inverse_time"))
    assert str(two.value).endswith("needs decay_steps, decay_rate (Keras has no default for them)")


# -- 3. values a backend's framework has no place for -------------------------------------
def _tf1_has(optimizer: str, key: str) -> bool:
    """Whether ``tf.compat.v1.train``'s class for ``optimizer`` takes ``key`` (Keras's name)."""
    import tensorflow as tf

    cls = getattr(tf.compat.v1.train, TF1[optimizer][0])
    own = TF1[optimizer][1].get(key)
    return own is not None and own in inspect.signature(cls.__init__).parameters


@pytest.mark.parametrize("name", BACKENDS)
def test_a_value_the_framework_has_no_place_for_is_disabled_with_the_reason(
    qtbot, name: str
) -> None:
    card = _card(qtbot, BackendSpec(name, enabled=True))
    combo = card.editors["optimizer"]
    lacking = []
    for optimizer in OPTIMIZERS:
        if not combo.model().item(combo.findData(optimizer)).isEnabled():
            continue  # the optimizer itself is refused (tested with the optimizer choices)
        card.set_spec(BackendSpec(name, enabled=True, optimizer=optimizer))
        for key in HYPER_PARAMETERS[optimizer]:
            editor = card.editors[key]
            assert editor.isVisibleTo(card), (optimizer, key)
            expected = name != "tf1" or _tf1_has(optimizer, key)
            assert editor.isEnabled() == expected, (optimizer, key)
            if not expected:
                lacking.append((optimizer, key))
                assert f"has no {key}" in editor.toolTip().splitlines()[0]
                assert TF1[optimizer][0] in editor.toolTip()
    assert bool(lacking) == (name == "tf1")  # AdagradOptimizer's epsilon, at least


def test_the_command_line_refuses_a_value_tf1_has_no_place_for() -> None:
    out, err = io.StringIO(), io.StringIO()
    status = cli_run(
        ["--backend", "tf1", "--optimizer", "adagrad", "--opt", "epsilon=1e-7", "--steps", "2"],
        out,
        err,
    )
    lines = err.getvalue().splitlines()
    assert status == 2 and len(lines) == 1 and lines[0].startswith("error:")
    assert "AdagradOptimizer has no epsilon" in lines[0]


def test_a_file_setting_a_value_tf1_has_no_place_for_is_refused_on_the_card(
    qtbot, window, monkeypatch, tmp_path, caplog
) -> None:
    from gui_helpers import open_file, wait_loaded

    from trainers.experiment import Experiment
    from trainers.formats.experiment_file import save_experiment

    experiment = Experiment()
    for name in BACKENDS:
        experiment = experiment.with_backend(BackendSpec(name, enabled=name == "tf1"))
    spec = BackendSpec("tf1", enabled=True, optimizer="adagrad", epsilon=1e-7)
    experiment = experiment.with_backend(spec)
    path = tmp_path / "tf1-epsilon.json"
    save_experiment(path, experiment, experiment.data.load(), {})
    with qtbot.waitSignal(window.session.rebuilt, timeout=HANG_GUARD_MS):
        open_file(monkeypatch, window, path)
        wait_loaded(qtbot, window.document)
    card = window.cards["tf1"]
    assert window.controller.statuses["tf1"].state == "error"
    qtbot.waitUntil(
        lambda: "AdagradOptimizer has no epsilon" in card.status.text(), timeout=HANG_GUARD_MS
    )
    assert not card.editors["epsilon"].isEnabled() and card.editors["epsilon"].text() == "1e-07"
    assert not [r for r in caplog.records if "worker failed" in r.getMessage()]
