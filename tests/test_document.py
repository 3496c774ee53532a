"""The document: the experiment and the data, every change signalled, nothing drawn."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.document import Document
from trainers.experiment import DataSpec, Experiment


@pytest.fixture
def document(qtbot) -> Document:
    return Document()


def record(*signals) -> list[tuple]:
    seen: list[tuple] = []
    for signal in signals:
        signal.connect(lambda *args, s=signal: seen.append((s, *args)))
    return seen


def test_a_preset_replaces_the_experiment(document) -> None:
    seen = record(document.replaced)
    document.apply_preset("aligned")
    assert len(document.experiment.enabled()) == 5
    assert seen == [(document.replaced, None)]


def test_unreadable_data_changes_nothing_and_says_why(document, tmp_path) -> None:
    before_data, before = document.data, document.experiment
    failed = record(document.data_failed, document.replaced, document.data_changed)
    assert not document.load_csv(str(tmp_path / "missing.csv"))
    bad = replace(Experiment(), data=DataSpec(kind="csv", path=str(tmp_path / "gone.csv")))
    assert not document.set_experiment(bad)
    assert document.data is before_data and document.experiment == before
    assert [s for s, *_ in failed] == [document.data_failed] * 2
    assert "missing.csv" in failed[0][1]


def test_card_edits_say_what_kind_of_change_they_are(document) -> None:
    seen = record(
        document.settings_edited, document.lr_edited, document.color_edited, document.speed_edited
    )
    tf = replace(document.experiment.backends["tf"], steps=10)
    document.edit_backend(tf)
    tf = replace(tf, lr=0.3)
    document.edit_lr(tf, 0.3)
    document.edit_color(replace(tf, color="#123456"))
    document.set_speed(20.0)
    assert seen == [
        (document.settings_edited,),
        (document.lr_edited, "tf", 0.3),
        (document.color_edited, "tf"),
        (document.speed_edited, 20.0),
    ]
    tf = document.experiment.backends["tf"]
    assert (tf.steps, tf.lr, tf.color, document.experiment.speed) == (10, 0.3, "#123456", 20.0)


def test_an_experiment_whose_data_is_gone_opens_on_the_default_points(qtbot, tmp_path) -> None:
    missing = replace(Experiment(), data=DataSpec(kind="csv", path=str(tmp_path / "gone.csv")))
    document = Document(missing)
    assert document.experiment.data == DataSpec() and document.data.n == 50
