"""The backend card shows one row per declared setting, where its backend uses it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox

from trainers.config import BACKENDS
from trainers.experiment import BackendSpec
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
