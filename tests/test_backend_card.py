"""The backend card shows one row per declared setting, where its backend uses it."""

from __future__ import annotations

import pytest
from guards import HANG_GUARD_MS
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox

from trainers import create_trainer, synthetic
from trainers.config import BACKENDS
from trainers.experiment import BackendSpec
from trainers.messages import ConfigError
from trainers.optimizers import HYPER_PARAMETERS
from trainers.settings import SETTINGS
from widgets.backend_card import SPECIAL, BackendCard


@pytest.mark.parametrize("name", BACKENDS)
def test_every_declared_setting_has_a_row_where_it_applies(qtbot, name: str) -> None:
    card = BackendCard(BackendSpec(name, enabled=True), name)
    qtbot.addWidget(card)
    generic = [s for s in SETTINGS if s.key not in SPECIAL]
    assert set(card.editors) == {s.key for s in generic}
    for setting in generic:
        editor = card.editors[setting.key]
        assert card._form.isRowVisible(editor) == setting.applies(name, card.spec()), setting.key
        words = editor.text() if isinstance(editor, QCheckBox) else card.labels[setting.key].text()
        assert words == setting.label and editor.toolTip() == setting.help
        if isinstance(editor, QSpinBox):
            assert (editor.minimum(), editor.maximum()) == (setting.low, setting.high)
            assert editor.value() == setting.default
        if isinstance(editor, QComboBox):
            offered = [editor.itemData(i) for i in range(editor.count())]
            assert offered == list(setting.choices)


def test_edits_reach_the_spec_and_specs_reach_the_rows(qtbot) -> None:
    card = BackendCard(BackendSpec("keras-fit", enabled=True), "Keras fit")
    qtbot.addWidget(card)
    with qtbot.waitSignal(card.changed):
        card.editors["batch_size"].setValue(7)
    with qtbot.waitSignal(card.changed):
        card.editors["shuffle"].setChecked(False)
    assert (card.spec().batch_size, card.spec().shuffle) == (7, False)
    card.set_spec(BackendSpec("keras-fit", enabled=True, epochs=9, init_seed=4))
    assert card.editors["epochs"].value() == 9 and card.editors["init_seed"].value() == 4
    tf = BackendCard(BackendSpec("tf", enabled=True, engine="eager"), "TensorFlow 2")
    qtbot.addWidget(tf)
    assert tf.editors["engine"].currentData() == "compiled"  # tf's own engine shows the default


@pytest.mark.parametrize("name", BACKENDS)
def test_an_optimizer_the_framework_cannot_express_is_disabled_with_the_reason(
    qtbot, name: str
) -> None:
    card = BackendCard(BackendSpec(name, enabled=True), name)
    qtbot.addWidget(card)
    combo = card.editors["optimizer"]
    items = {combo.itemData(i): combo.model().item(i) for i in range(combo.count())}
    disabled = {value for value, item in items.items() if not item.isEnabled()}
    not_in_tf1 = {"adamax", "nadam", "adamw", "lion"}  # no tf.compat.v1.train optimizer
    assert disabled == (not_in_tf1 if name == "tf1" else set())
    for value in items:
        tip = combo.itemData(list(items).index(value), Qt.ItemDataRole.ToolTipRole)
        if value in disabled:  # the command line's refusal, word for word
            with pytest.raises(ConfigError) as refused:
                create_trainer(name, BackendSpec(name, optimizer=value).run_config(synthetic()))
            assert tip == str(refused.value)
            assert tip.startswith(f"backend tf1 cannot run optimizer '{value}'")
        else:
            assert tip is None
    # A disabled item cannot be picked in the list.
    index = combo.findData("adamax")
    tip = combo.itemData(index, Qt.ItemDataRole.ToolTipRole)
    flags = combo.model().flags(combo.model().index(index, 0))
    assert bool(flags & Qt.ItemFlag.ItemIsEnabled) == (name != "tf1")
    card.retranslate()  # the language changes: still disabled, still saying why
    assert combo.model().item(index).isEnabled() == (name != "tf1")
    assert combo.itemData(index, Qt.ItemDataRole.ToolTipRole) == tip


@pytest.mark.parametrize("name", ["tf1", "keras"])
def test_choosing_an_optimizer_shows_only_its_hyper_parameters_and_its_own_default_rate(
    qtbot, name: str
) -> None:
    card = BackendCard(BackendSpec(name, enabled=True), name)
    qtbot.addWidget(card)
    combo = card.editors["optimizer"]
    hyper = {name: set(HYPER_PARAMETERS[name]) for name in ("adadelta", "ftrl", "sgd")}
    assert hyper["adadelta"] == {"rho", "epsilon"}
    everyone = set().union(*hyper.values(), {"weight_decay", "beta_1", "beta_2"})
    for optimizer, keys in hyper.items():
        with qtbot.waitSignal(card.changed, timeout=HANG_GUARD_MS):
            combo.setCurrentIndex(combo.findData(optimizer))
        shown = {k for k in everyone if card._form.isRowVisible(card.editors[k])}
        assert shown == keys, optimizer
    # the framework reports the optimizer's own default: not "the post's" nor "'sgd' default"
    with qtbot.waitSignal(card.changed, timeout=HANG_GUARD_MS):
        combo.setCurrentIndex(combo.findData("adadelta"))
    card.set_default_lr(0.001)
    assert card.lr_note.text() == "default: 0.001"
