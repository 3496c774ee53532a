"""Hostile files and degenerate data, Qt-free: FIFOs, devices, endless and huge files, bad
bytes, values that overflow, x without spread. Each gets a clear message, never a hang, a crash
or an unexplained exception. Property-based tests throw arbitrary input at the parsers."""

from __future__ import annotations

import contextlib
import json
import math
import os
import stat
import threading
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainers import (
    DataError,
    Dataset,
    DescentLabError,
    RunConfig,
    bounded_read,
    create_trainer,
    load_csv,
)
from trainers.bounded_read import ReadCancelled, read_bounded
from trainers.formats import csv_data
from trainers.formats.csv_data import MAX_LINE, parse_csv
from trainers.formats.experiment_file import experiment_from_text, load_experiment
from trainers.settings import SETTINGS


# -- what a file is --------------------------------------------------------------------------
def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "points.csv"
    os.mkfifo(fifo)  # no writer: opening it for reading the usual way would block for ever
    with pytest.raises(DataError, match=r"is a pipe \(FIFO\), not a regular file"):
        load_csv(fifo)
    with pytest.raises(DescentLabError, match="FIFO"):
        load_experiment(fifo)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="is a folder"):
        load_csv(tmp_path)


def test_a_device_is_refused(tmp_path: Path, monkeypatch) -> None:
    # Never a real device node (we run as root): a file that os.stat calls a device.
    path = tmp_path / "zero"
    path.write_bytes(b"\0" * 10)
    real_stat = os.stat

    def as_device(target, *args, **kwargs):
        result = real_stat(target, *args, **kwargs)
        if Path(target) == path:
            return os.stat_result((stat.S_IFCHR | 0o666, *tuple(result)[1:]))
        return result

    monkeypatch.setattr(bounded_read.os, "stat", as_device)
    with pytest.raises(DataError, match="is a device"):
        load_csv(path)


def test_a_file_swapped_for_an_endless_fifo_after_the_check_is_refused(
    tmp_path: Path, monkeypatch
) -> None:
    fifo = tmp_path / "endless.csv"
    os.mkfifo(fifo)
    stop = threading.Event()

    def write_for_ever() -> None:  # an endless stream, like /dev/zero
        fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # a full pipe: BlockingIOError
        try:
            while not stop.is_set():
                try:
                    os.write(fd, b"1,2\n" * 1024)
                except BlockingIOError:
                    stop.wait(0.01)
        finally:
            os.close(fd)

    writer = threading.Thread(target=write_for_ever, daemon=True)
    writer.start()
    regular = tmp_path / "regular"
    regular.write_bytes(b"")
    # The check saw a regular file; by the time of opening, the path is an endless FIFO.
    monkeypatch.setattr(bounded_read, "check_regular", lambda path: os.stat(regular))
    try:
        with pytest.raises(DataError, match="FIFO"):
            read_bounded(fifo, 1000)
    finally:
        stop.set()
        writer.join()


def test_a_file_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes(b"1,2\n" * 100)
    with pytest.raises(DataError, match="larger than"):
        read_bounded(path, 399)
    assert read_bounded(path, 400) == b"1,2\n" * 100


def test_a_file_growing_while_read_is_cut_off_at_the_limit(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "growing.csv"
    path.write_bytes(b"1,2\n" * 10)
    monkeypatch.setattr(bounded_read, "CHUNK", 8)

    def grow(done: int, total: int) -> None:
        with path.open("ab") as f:
            f.write(b"3,4\n" * 10)

    with pytest.raises(DataError, match="larger than"):
        read_bounded(path, 1000, progress=grow)


def test_reading_can_be_cancelled_between_chunks(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"0,1\n1,2\n" * 100)
    monkeypatch.setattr(csv_data, "BLOCK", 16)
    seen: list[tuple[int, int]] = []
    with pytest.raises(ReadCancelled):
        load_csv(path, lambda done, total: seen.append((done, total)), lambda: len(seen) > 3)
    assert seen and all(done <= total for done, total in seen)


# -- what a CSV holds --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "content, words",
    [
        ("x,y\n1,2\n" + "3," + "9" * (MAX_LINE + 1) + "\n", "line 3 .* longer than 10000"),
        ("x,y\n1,2\n1_0,3\n", "line 3 .* x = '1_0' is not a finite number"),
        ("x,y\n1,2\n３,3\n", "line 3 .* x = '３'"),
        ("x,y\n1,2\n3,1e999\n", "line 3 .* y = '1e999'"),
        ('x,y\n1,2\n"3,4\n', "line 3"),
        ("x,y\n1,2\n3,\x004\n", "line 3"),
    ],
)
def test_bad_rows_are_named_by_line(tmp_path: Path, content: str, words: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=words):
        load_csv(path)


def test_the_first_bad_line_is_found_in_a_file_of_many_blocks(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(csv_data, "BLOCK", 100)
    lines = ["x,y"] + [f"{i},{2 * i}" for i in range(1, 2000)]
    lines[1500] = "7,oops"
    lines[1700] = "8,worse"
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError, match=r"line 1501 .* y = 'oops'"):
        load_csv(path)
    lines[1500] = "7,14"
    lines[1700] = "8,16"
    path.write_text("\n".join(lines) + "\n")
    data = load_csv(path)
    assert data.n == 1999 and data.x[1499] == 7.0 and data.y[-1] == 2 * 1999


def test_a_ten_megabyte_cell_is_a_long_line_not_a_csv_error(tmp_path: Path) -> None:
    path = tmp_path / "cell.csv"
    path.write_bytes(b"x,y\n1,2\n3," + b"4" * 10_000_000 + b"\n")
    with pytest.raises(DataError, match=r"line 3 .* longer than"):
        load_csv(path)


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_any_bytes_are_points_or_a_clear_error(data: bytes) -> None:
    try:
        points = parse_csv(data, "fuzz.csv")
    except DataError:
        return
    assert points.n >= 2 and np.all(np.isfinite(points.x)) and np.all(np.isfinite(points.y))


FINITE = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False)


@settings(max_examples=100)
@given(st.lists(st.tuples(FINITE, FINITE), min_size=2, max_size=40), st.booleans())
def test_well_formed_rows_read_back_exactly(rows: list[tuple[float, float]], header: bool) -> None:
    text = ("y,x\n" if header else "") + "".join(
        f"{y!r},{x!r}\n" if header else f"{x!r},{y!r}\n" for x, y in rows
    )
    try:
        data = parse_csv(text.encode(), "rows.csv")
    except DataError as exc:
        assert "differ too little" in str(exc) or "all x values are equal" in str(exc)
        return
    np.testing.assert_array_equal(data.x, [x for x, _ in rows])
    np.testing.assert_array_equal(data.y, [y for _, y in rows])


# -- experiment files and settings -----------------------------------------------------------
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "data",
                    "kind",
                    "backends",
                    "numpy",
                    "tf",
                    "lr",
                    "steps",
                    "format_version",
                    "speed",
                    "every",
                    "path",
                    "x",
                    "y",
                    "results",
                    "init",
                    "n",
                ]
            )
            | st.text(max_size=5),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=200)
@given(JSON)
def test_any_json_document_is_an_experiment_or_a_clear_error(tmp_path_factory, document) -> None:
    if isinstance(document, dict) and "format_version" not in document:
        document = {"format_version": 1, **document}
    try:
        text = json.dumps(document)
    except ValueError:
        return
    with contextlib.suppress(DescentLabError):  # anything else fails the test
        experiment_from_text(text, tmp_path_factory.getbasetemp() / "fuzz.json")


@settings(max_examples=100)
@given(st.text(max_size=200))
def test_any_text_is_an_experiment_or_a_clear_error(text: str) -> None:
    with contextlib.suppress(DescentLabError):
        experiment_from_text(text, "fuzz.json")


@settings(max_examples=200)
@given(
    st.sampled_from(SETTINGS),
    st.one_of(st.integers(), st.floats(), st.text(max_size=5), st.none(), st.booleans()),
)
def test_any_setting_value_is_accepted_or_refused_with_a_message(setting, value) -> None:
    with contextlib.suppress(DescentLabError):
        setting.check(value)


# -- numbers the maths needs -----------------------------------------------------------------
@pytest.mark.parametrize(
    "x, y, words",
    [
        ([1e155, 2e200], [0.0, 1.0], "too large to fit a line in float64"),
        ([0.0, 1.0], [1e308, -1e308], "too large"),
        ([0.0, 1e-200], [0.0, 1.0], "differ too little"),
        ([1.0, 1.0 + 1e-15], [0.0, 1.0], "differ too little"),
    ],
)
def test_data_the_maths_cannot_use_is_refused_with_a_reason(x, y, words) -> None:
    with pytest.raises(DataError, match=words):
        Dataset(np.array(x), np.array(y), "t")


@settings(max_examples=100)
@given(
    st.lists(st.floats(min_value=-1e150, max_value=1e150), min_size=2, max_size=20),
    st.lists(st.floats(min_value=-1e150, max_value=1e150), min_size=2, max_size=20),
)
def test_moments_never_overflow_for_accepted_data(xs: list[float], ys: list[float]) -> None:
    n = min(len(xs), len(ys))
    try:
        data = Dataset(np.array(xs[:n]), np.array(ys[:n]), "t")
    except DataError:
        return
    stats = data.stats
    assert stats.finite and stats.var_x > 0 and stats.residual >= 0
    with np.errstate(over="ignore"):
        assert float(stats.mse(*stats.optimum)) >= 0


def test_an_exploding_run_on_huge_values_is_reported_as_divergence() -> None:
    data = Dataset(np.array([0.0, 1e140, 2e140]), np.array([1e140, -1e140, 5e139]), "huge")
    trainer = create_trainer("numpy", RunConfig(data=data, lr=1.0, steps=50))
    trainer.advance(50)
    assert trainer.divergence is not None and math.isfinite(trainer._loss_limit)
