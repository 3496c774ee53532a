"""The command line's contract for any input (property-based) and for broken outputs: one
printable ``error:`` line and exit 2 for bad input, a quiet end on a closed pipe, an error line
on a full disk, valid JSON lines, negative values without ``=``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from guards import SUBPROCESS_GUARD_S
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli import build_parser, run

ROOT = Path(__file__).resolve().parents[1]
NUMPY = ["--backend", "numpy"]
OPTIONS = sorted(
    flag
    for action in build_parser()._actions
    for flag in action.option_strings
    if flag not in ("-h", "--help", "--backend")
)
VALUES = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["zeros", "default", "0.5,-1", "-0.5,1", "1:0.1", "numpy", "", "-", "--"]),
    st.text(max_size=12),
)


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = run(list(args), out, err)
    return status, out.getvalue(), err.getvalue()


def check_contract(status: int, out: str, err: str, jsonl: bool) -> None:
    assert status in (0, 1, 2, 3), status
    if status in (1, 2):
        lines = err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), err
        assert lines[0].isprintable()
    if jsonl:
        for line in out.splitlines():
            json.loads(line, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))


@settings(max_examples=150)
@given(st.lists(st.tuples(st.sampled_from(OPTIONS), VALUES), max_size=3), st.booleans())
def test_any_command_line_keeps_the_contract(pairs, jsonl: bool) -> None:
    args = [*NUMPY, "--steps", "20", "--epochs", "1"]
    for flag, value in pairs:
        args += [flag, value]
    if jsonl:
        args += ["--format", "jsonl"]
    check_contract(*cli(*args), jsonl)


@settings(max_examples=60)
@given(st.floats(min_value=-1e6, max_value=1e6), st.floats(min_value=1e-8, max_value=50.0))
def test_jsonl_is_always_json_even_when_runs_explode(slope: float, lr: float) -> None:
    status, out, err = cli(
        *NUMPY,
        "--slope",
        repr(slope),
        "--lr",
        repr(lr),
        "--steps",
        "30",
        "--every",
        "1",
        "--format",
        "jsonl",
    )
    check_contract(status, out, err, jsonl=True)
    assert status in (0, 3)


def test_negative_values_need_no_equals_sign() -> None:
    status, out, err = cli(*NUMPY, "--init", "-0.5,1", "--slope", "-1e5", "--steps", "2")
    assert status == 0, err
    assert "w=-0.5 b=1" in out and "slope=-100000" in out


@pytest.mark.parametrize(
    "args, words",
    [
        (["--n", "9" * 30], "at most"),
        (["--steps", "9" * 30], "steps must be a whole number"),
        (["--every", "9" * 400], "error:"),
        (["--bad\x1b[31m\n"], "\\x1b[31m\\n"),
        (["--lr-at", "99999999999999999999999999:0.1"], "after the last"),
    ],
)
def test_huge_numbers_and_control_characters_are_one_printable_line(args, words) -> None:
    status, out, err = cli(*NUMPY, *args)
    assert status == 2 and words in err
    check_contract(status, out, err, jsonl=False)


def test_a_trainer_raising_something_unexpected_is_one_error_line(monkeypatch) -> None:
    from trainers.backends.numpy_gd import NumpyTrainer

    def explode(self, k):
        raise ZeroDivisionError("deep inside\nthe framework")

    monkeypatch.setattr(NumpyTrainer, "_run", explode)
    status, _out, err = cli(*NUMPY, "--steps", "5")
    assert status == 1
    assert err == "error: numpy: ZeroDivisionError: deep inside\\nthe framework\n"


def test_a_fifo_as_data_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "points.csv"
    os.mkfifo(fifo)
    status, _out, err = cli(*NUMPY, "--data", str(fifo))
    assert status == 2 and "pipe (FIFO)" in err and err.count("\n") == 1


def _child(code: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def test_a_closed_pipe_ends_quietly() -> None:
    code = (
        "from app.cli import main; main(['--backend', 'numpy', '--every', '1', '--steps', "
        "'200000', '--format', 'jsonl'])"
    )
    child = _child(code, stdout=subprocess.PIPE)
    child.stdout.readline()
    child.stdout.close()  # like `| head -1`
    _, err = child.communicate(timeout=SUBPROCESS_GUARD_S)
    assert child.returncode == 141 and err == ""


def test_a_full_disk_is_an_error_line() -> None:
    # A stdout whose writes fail as on a full disk (never a real device: see the brief).
    code = (
        "import errno, io, sys\n"
        "class Full(io.StringIO):\n"
        "    def write(self, text):\n"
        "        raise OSError(errno.ENOSPC, 'No space left on device')\n"
        "    def fileno(self):\n"
        "        raise io.UnsupportedOperation('no file')\n"
        "sys.stdout = Full()\n"
        "from app.cli import main\n"
        "main(['--backend', 'numpy', '--steps', '10'])\n"
    )
    child = _child(code, stdout=subprocess.DEVNULL)
    _, err = child.communicate(timeout=SUBPROCESS_GUARD_S)
    assert child.returncode == 1
    assert err == "error: cannot write the output: No space left on device\n"
