"""``python -m app run``: train backends side by side and print what the original post printed."""

from __future__ import annotations

import argparse
import errno
import json
import math
import os
import re
import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NoReturn, TextIO

import numpy as np

from trainers import (
    BACKENDS,
    Chunk,
    Dataset,
    DescentLabError,
    Divergence,
    InitialState,
    LrChange,
    LrSchedule,
    RunConfig,
    create_trainer,
    load_csv,
    run_planned,
    synthetic,
)
from trainers.experiment import DataSpec
from trainers.lr_schedules import SCHEDULES, parse_schedule
from trainers.lr_schedules import resolved as schedule_values
from trainers.optimizers import ALL_KEYS, framework_defaults, parse_assignments
from trainers.printout import format_value
from trainers.settings import SETTING, SETTINGS
from trainers.theory_report import format_text, theory_report
from trainers.values import MAX_STEPS, check_learning_rate

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_DIVERGED = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 141
"""128 + SIGPIPE: what a Unix tool's shell reports when its reader went away (``| head``)."""

_NEGATIVE = re.compile(r"-(\d|\.\d|inf|nan)", re.IGNORECASE)

SYNTHETIC_DEFAULTS = {
    k: getattr(DataSpec(), k) for k in ("n", "slope", "intercept", "noise", "seed")
}
"""The synthetic data's settings, as the window's data panel starts them."""


class UsageError(Exception):
    """Bad command-line input: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser(prog: str = "python -m app run") -> argparse.ArgumentParser:
    """The ``run`` command line."""
    parser = _Parser(
        prog=prog,
        description=(
            "Fit y = w·x + b by gradient descent in several frameworks and print [w, b] every "
            "--every updates, as the original post did. Rows hold w and b after update STEP."
        ),
    )
    add = parser.add_argument
    add(
        "--backend",
        action="append",
        metavar="NAME",
        help=f"repeatable; one of {', '.join(BACKENDS)} (default: tf and keras)",
    )
    add_data_options(parser)
    for setting in SETTINGS:  # every run setting's option comes from its declaration
        setting.add_option(parser)
    add(
        "--opt",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a hyper-parameter of --optimizer, by Keras's name (repeatable): "
        + "; ".join(f"{s.key}: {s.cli_help}" for s in SETTINGS if s.cli_via == "opt")
        + "; left out: the framework's own default",
    )
    add(
        "--schedule",
        metavar="NAME[:KEY=VALUE,...]",
        help="learning-rate schedule, as Keras's LearningRateSchedule (update k uses "
        "schedule(k), from 0; --lr is its initial rate, and --lr-at sets that base rate; "
        "piecewise_constant's first value is the rate, and --lr or --lr-at scales every value "
        "by new/old; list items are separated by '/'): "
        + ", ".join(SCHEDULES)
        + "; keys: "
        + "; ".join(f"{s.key}: {s.cli_help}" for s in SETTINGS if s.cli_via == "schedule")
        + " (constant: none)",
    )
    add("--every", type=int, default=50, metavar="K", help="print a row every K updates (50)")
    add(
        "--lr-at",
        action="append",
        default=[],
        metavar="STEP:LR",
        help="change the learning rate before update STEP (repeatable)",
    )
    add("--format", default="table", choices=("table", "jsonl"), help="output format")
    return parser


def add_data_options(parser: argparse.ArgumentParser) -> None:
    """The data options, shared by ``run`` and ``theory``."""
    data = parser.add_argument_group("data (synthetic by default)")
    data.add_argument("--data", metavar="CSV", help="a CSV file with columns x,y (header optional)")
    data.add_argument("--n", type=int, help="number of synthetic points (50)")
    data.add_argument("--slope", type=float, help="true slope (0.6)")
    data.add_argument("--intercept", type=float, help="true intercept (0.8)")
    data.add_argument("--noise", type=float, help="standard deviation of Gaussian noise on y (0)")
    data.add_argument("--seed", type=int, help="seed of the synthetic data (0)")


@dataclass
class BackendRun:
    """What one backend did: its start, the printed rows and how it ended."""

    name: str
    precision: str
    initial: InitialState
    config: RunConfig
    total_steps: int
    rows: list[Chunk] = field(default_factory=list)
    divergence: Divergence | None = None

    @property
    def printed(self) -> Chunk:
        return Chunk.concat(self.rows)


def _dataset(args: argparse.Namespace) -> Dataset:
    given = {k: getattr(args, k) for k in SYNTHETIC_DEFAULTS if getattr(args, k) is not None}
    if args.data is not None:
        if given:
            flags = ", ".join(f"--{k}" for k in given)
            raise UsageError(
                f"--data reads points from a file; drop {flags}, which make synthetic data"
            )
        return load_csv(args.data)
    return synthetic(**{**SYNTHETIC_DEFAULTS, **given})


def _backends(args: argparse.Namespace) -> list[str]:
    names = args.backend or ["tf", "keras"]
    for name in names:
        if name not in BACKENDS:
            raise UsageError(f"unknown backend '{name}'; choose from: {', '.join(BACKENDS)}")
    return list(dict.fromkeys(names))


def _select(chunk: Chunk, every: int, last_step: int) -> Chunk:
    return chunk.take((chunk.step % every == 0) | (chunk.step == last_step))


def _describe(run: BackendRun) -> str:
    cfg, init, name = run.config, run.initial, run.name
    keras_like = name.startswith("keras")
    w0 = format_value(init.w, run.precision)
    b0 = format_value(init.b, run.precision)
    if cfg.init.kind == "default":
        origin = (
            f"Keras's default kernel initializer, seed {cfg.init_seed}; zero bias"
            if keras_like
            else "w = b = 0, as the post's TensorFlow script"
        )
    else:
        origin = str(cfg.init)
    if cfg.lr is None and cfg.optimizer != "sgd":
        lr = f"lr {init.lr:g} ({_default_lr_origin(name, cfg.optimizer)})"
    elif cfg.lr is None:
        lr = f"lr {init.lr:g} ({'Keras sgd default' if keras_like else 'the post script'})"
    else:
        lr = f"lr {init.lr:g}"
    if name == "keras-fit":
        order = "shuffled every epoch" if cfg.shuffle else "in data order"
        scheme = (
            f"fit: {cfg.epochs} epochs x {cfg.batches_per_epoch} batches of {cfg.batch_size} "
            f"= {run.total_steps} updates, {order}"
        )
    else:
        scheme = f"{run.total_steps} full-batch updates"
    if init.hyper:  # an optimizer other than plain gradient descent
        values = ", ".join(f"{k}={v!r}" for k, v in init.hyper)
        lr = f"{cfg.optimizer}({values}), {lr}"
    if cfg.schedule != "constant":
        values = ", ".join(f"{k}={v!r}" for k, v in schedule_values(cfg).items())
        lr = f"{lr} as initial rate of {cfg.schedule}({values})"
    return f"# {name:<9} start w={w0} b={b0} ({origin}); {lr}; {scheme}"


def _default_lr_origin(name: str, optimizer: str) -> str:
    """Where a backend's default learning rate for ``optimizer`` comes from."""
    if name != "tf1":
        return f"Keras {optimizer} default"
    if "learning_rate" in framework_defaults(name, optimizer):
        return f"TensorFlow 1 {optimizer} default"
    return f"the post script; TensorFlow 1's {optimizer} has no default"


def _print_table(runs: list[BackendRun], data: Dataset, out: TextIO) -> None:
    print(f"# data: {data.n} points, {data.source}", file=out)
    for run in runs:
        print(_describe(run), file=out)
    columns = {run.name: run.printed for run in runs}
    steps = sorted(set().union(*(set(c.step.tolist()) for c in columns.values())))
    width = 13
    header = ["step".rjust(7)]
    for run in runs:
        header += [f"{run.name} w".rjust(width), f"{run.name} b".rjust(width)]
    print(" ".join(header), file=out)
    lookup = {
        name: {int(s): i for i, s in enumerate(chunk.step)} for name, chunk in columns.items()
    }
    for step in steps:
        cells = [str(step).rjust(7)]
        for run in runs:
            i = lookup[run.name].get(step)
            chunk = columns[run.name]
            if i is None:
                cells += ["".rjust(width)] * 2
            else:
                cells += [
                    format_value(chunk.w[i], run.precision).rjust(width),
                    format_value(chunk.b[i], run.precision).rjust(width),
                ]
        print(" ".join(cells), file=out)


def _json_number(value: float, precision: str) -> str:
    # float32 results keep their short float32 spelling, which is also valid JSON; JSON has no
    # inf or nan, so those (never printed by a run that stops on divergence) become null.
    if not math.isfinite(float(value)):
        return "null"
    return format_value(value, precision) if precision == "float32" else repr(float(value))


def _jsonl_lines(run: BackendRun, chunk: Chunk) -> list[str]:
    return [
        f'{{"backend": {json.dumps(run.name)}, "step": {int(chunk.step[i])}, '
        f'"w": {_json_number(chunk.w[i], run.precision)}, '
        f'"b": {_json_number(chunk.b[i], run.precision)}, '
        f'"loss": {_json_number(chunk.loss[i], "float64")}, '
        f'"lr": {_json_number(chunk.lr[i], "float64")}}}'
        for i in range(len(chunk))
    ]


def printable(text: object) -> str:
    """``text`` on one printable line: control characters (newlines too) escaped."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in str(text))


def join_negative_values(parser: argparse.ArgumentParser, argv: Sequence[str]) -> list[str]:
    """``--init -0.5,1`` as ``--init=-0.5,1``: argparse takes a value starting with '-' for an
    option unless it is a plain negative number (not ``-1e5``, not ``-0.5,1``)."""
    takes_value = {
        flag
        for action in parser._actions  # argparse has no public list of option strings
        if action.nargs != 0
        for flag in action.option_strings
    }
    joined: list[str] = []
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in takes_value and i + 1 < len(args) and _NEGATIVE.match(args[i + 1]):
            joined.append(f"{arg}={args[i + 1]}")
            i += 2
            continue
        if arg == "--":
            joined.extend(args[i:])
            break
        joined.append(arg)
        i += 1
    return joined


def run(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; return the exit status. Every problem is one printable
    ``error:`` line on ``err``; NumPy's warnings never reach it."""
    out = out or sys.stdout
    err = err or sys.stderr
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return _run(sys.argv[1:] if argv is None else argv, out, err)


def _run(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    try:
        parser = build_parser()
        args = parser.parse_args(join_negative_values(parser, argv))
        if not 1 <= args.every <= MAX_STEPS:
            raise UsageError(f"--every must be a whole number from 1 to {MAX_STEPS}")
        data = _dataset(args)
        names = _backends(args)
        parse_assignments(args.opt, args.optimizer)  # unknown keys: one error line
        parse_schedule(args.schedule)
        settings = {setting.key: setting.from_options(args) for setting in SETTINGS}
        schedule = LrSchedule(LrChange.parse(text) for text in args.lr_at)
        configs = {name: RunConfig(data=data, **settings) for name in names}
        trainers = {name: create_trainer(name, configs[name]) for name in names}
        last = max(t.total_steps for t in trainers.values()) - 1
        for change in schedule.changes:
            if change.step > last:
                raise UsageError(
                    f"--lr-at {change.step}:{change.lr:g}: step {change.step} is after the last "
                    f"update ({last})"
                )
    except (UsageError, DescentLabError, ValueError, OverflowError, MemoryError) as exc:
        # ValueError/OverflowError: a value no check anticipated (a 30-digit integer)
        print(f"error: {printable(exc)}", file=err)
        return EXIT_USAGE

    runs: list[BackendRun] = []
    status = EXIT_OK
    for name, trainer in trainers.items():
        try:
            with trainer:
                chunks = run_planned(trainer, schedule)
                initial = trainer.prepare()
                backend_run = BackendRun(
                    name, trainer.precision, initial, configs[name], trainer.total_steps
                )
                last_step = trainer.total_steps - 1
                for chunk in chunks:
                    printed = _select(chunk, args.every, last_step)
                    if args.format == "jsonl":
                        for line in _jsonl_lines(backend_run, printed):
                            print(line, file=out)
                    else:
                        backend_run.rows.append(printed)
                backend_run.divergence = trainer.divergence
        except (BrokenPipeError, KeyboardInterrupt):
            raise
        except OSError as exc:
            if exc.errno in (errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT):
                raise  # the output failed, not the trainer
            print(f"error: {name}: {printable(_describe_error(exc))}", file=err)
            return EXIT_FAILED
        except Exception as exc:  # a trainer's surprise: one line, never a traceback
            print(f"error: {name}: {printable(_describe_error(exc))}", file=err)
            return EXIT_FAILED
        runs.append(backend_run)
        if backend_run.divergence is not None:
            status = EXIT_DIVERGED
            if args.format == "jsonl":
                print(f"# {name} {backend_run.divergence}", file=err)
    if args.format == "table":
        _print_table(runs, data, out)
        for backend_run in runs:
            if backend_run.divergence is not None:
                print(f"# {backend_run.name} {backend_run.divergence}", file=out)
    return status


def build_theory_parser(prog: str = "python -m app theory") -> argparse.ArgumentParser:
    """The ``theory`` command line: the data options of ``run``, a rate and an optimizer."""
    parser = _Parser(
        prog=prog,
        description=(
            "Closed-form facts of full-batch gradient descent on the data: the Hessian, its "
            "eigen-axes, condition number, critical and optimal learning rates; with --lr, "
            "the contraction per update and the updates to shrink the distance 100x."
        ),
    )
    add_data_options(parser)
    parser.add_argument(
        "--lr",
        type=_rate,
        metavar="LR",
        help="the learning rate to predict at, a number above 0 (e.g. 0.1)",
    )
    SETTING["optimizer"].add_option(parser)
    parser.add_argument(
        "--opt",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a hyper-parameter of --optimizer (sgd: momentum=B, nesterov=true|false)",
    )
    parser.add_argument("--format", default="text", choices=("text", "json"))
    return parser


def _rate(text: str) -> float:
    """``theory --lr``: the one rate to predict at (no framework, so no framework default)."""
    try:
        return check_learning_rate(float(text))
    except (ValueError, DescentLabError):
        raise argparse.ArgumentTypeError(
            f"{text!r} is no learning rate: give a number above 0, e.g. 0.1"
        ) from None


def theory(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """``python -m app theory``; return the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        parser = build_theory_parser()
        args = parser.parse_args(join_negative_values(parser, argv))
        data = _dataset(args)
        parse_assignments(args.opt, args.optimizer)
        values = {k: SETTING[k].from_options(args) for k in ("optimizer", *ALL_KEYS)}
        report = theory_report(
            data, args.lr, values["optimizer"], values["momentum"], values["nesterov"]
        )
    except (UsageError, DescentLabError) as exc:
        print(f"error: {printable(exc)}", file=err)
        return EXIT_USAGE
    print(json.dumps(report) if args.format == "json" else format_text(report), file=out)
    return EXIT_OK


def _describe_error(exc: BaseException) -> str:
    if isinstance(exc, DescentLabError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Entry point of ``descent-lab-cli`` and ``python -m app run``.

    A reader that went away (``| head``) ends the run quietly, as Unix tools do (status 141);
    output that cannot be written (a full disk) is one ``error:`` line and status 1.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    command = theory if args[:1] == ["theory"] else run
    if args[:1] in (["run"], ["theory"]):
        args = args[1:]
    try:
        status = command(args)
        sys.stdout.flush()  # here, so that a failing write is caught, not at exit
    except BrokenPipeError:
        _silence_stdout()
        os._exit(EXIT_BROKEN_PIPE)
    except OSError as exc:
        _silence_stdout()
        reason = exc.strerror or str(exc)
        print(f"error: cannot write the output: {printable(reason)}", file=sys.stderr)
        sys.stderr.flush()
        os._exit(EXIT_FAILED)
    sys.exit(status)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the exit's own flush has nowhere to fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
