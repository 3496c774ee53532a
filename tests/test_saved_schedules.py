"""Saving a run on a learning-rate schedule keeps only the changes made from outside (the
window's); the schedule's own steps are the schedule's to replay, not changes to repeat."""

from __future__ import annotations

import numpy as np
import pytest
from gui_helpers import (
    open_file,
    run_to_end,
    save_as,
    step_until,
    type_into,
    wait_loaded,
    wait_prepared,
)

from app.main_window import MainWindow
from trainers import BACKENDS, Init
from trainers.experiment import BackendSpec, Experiment
from trainers.formats.experiment_file import load_experiment

SCHEDULES = {
    "exponential": dict(schedule="exponential", decay_steps=8.0, decay_rate=0.5, staircase=True),
    "plateau": dict(schedule="plateau", factor=0.5, patience=1.0, min_delta=0.01),
}


def numpy_only(**settings: object) -> Experiment:
    backends = {
        n: BackendSpec(
            n, enabled=n == "numpy", init=Init.values(-0.5, 0.2), lr=0.4, steps=40, **settings
        )
        for n in BACKENDS
    }
    return Experiment(backends=backends)


def new_window(qtbot, **kwargs) -> MainWindow:
    win = MainWindow(**kwargs)
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.mark.parametrize("schedule", list(SCHEDULES))
def test_a_saved_scheduled_run_keeps_only_the_live_change_and_replays_exactly(
    qtbot, tmp_path, monkeypatch, schedule
) -> None:
    window = new_window(qtbot, experiment=numpy_only(**SCHEDULES[schedule]), preset=None)
    wait_prepared(qtbot, window)
    history = step_until(qtbot, window, "numpy", 11)
    type_into(qtbot, window.cards["numpy"].lr_edit, "0.2")
    run_to_end(qtbot, window)
    # The schedule changed the rate on its own several times, and once from the card.
    assert len(history.lr_changes()) > 2
    assert history.live_changes() == [(11, 0.2)]
    path = tmp_path / "run.json"
    save_as(monkeypatch, window, path)
    assert load_experiment(path).runs["numpy"].lr_changes == ((11, 0.2),)
    rates, w = history.lr.copy(), history.w.copy()
    window.close()
    assert window.shutdown()

    fresh = new_window(qtbot, preset=None)
    open_file(monkeypatch, fresh, path)
    wait_loaded(qtbot, fresh.document)
    run_to_end(qtbot, fresh)
    again = fresh.controller.histories["numpy"]
    np.testing.assert_array_equal(again.lr, rates)
    np.testing.assert_array_equal(again.w, w)
    fresh.close()
    assert fresh.shutdown()
