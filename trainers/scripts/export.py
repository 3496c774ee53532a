"""Write one backend's run as a standalone Python program in the style of the original post.

The program needs NumPy (and TensorFlow or Keras for those backends) but not Descent Lab. It
does the same float operations as the backend's ``stepwise`` engine, one framework call per
update, and prints the post's rows ``STEP [W, B]`` after update 0, every ``every`` updates and
after the last one. Qt-free, and no framework is imported here.
"""

from __future__ import annotations

import itertools
import numbers
import re
import textwrap
from collections.abc import Sequence

from trainers.config import RunConfig, check_learning_rate
from trainers.data import Dataset
from trainers.experiment import BackendSpec, DataSpec
from trainers.optimizers import given
from trainers.schedule import LrChange
from trainers.scripts import piecewise_code, plateau_code
from trainers.scripts.data import (
    EMBED_LIMIT,
    LINE_LENGTH,
    ORIGIN_NOTES,
    data_origin,
    data_sections,
)
from trainers.scripts.optimizer_code import (
    default_lr,
    numpy_constants,
    numpy_schedule_constants,
    plain,
    scheduled,
)
from trainers.scripts.training import TRAINING, start_lr, start_values
from trainers.settings import SETTINGS

__all__ = ["EMBED_LIMIT", "export_script", "parse_printed_rows"]

_TITLES = {
    "numpy": "numpy (float64 gradient descent, written out in NumPy)",
    "tf": "tf (TensorFlow 2: tf.Variable, tf.GradientTape, tf.function)",
    "tf1": "tf1 (the post's TensorFlow 1 program, through tf.compat.v1)",
    "keras": "keras (the post's Keras model, trained with model.train_on_batch)",
    "keras-fit": "keras-fit (the post's Keras model, trained with model.fit)",
}

_ROW = re.compile(r"^\s*(\d+)\s+\[\s*([^,\s\]]+)\s*,\s*([^,\s\]]+)\s*\]\s*$")


def export_script(
    spec: BackendSpec,
    data: Dataset,
    data_spec: DataSpec,
    lr_changes: Sequence[tuple[int, float] | LrChange] = (),
    every: int = 50,
) -> str:
    """The source of a standalone program that reproduces ``spec``'s run on ``data`` exactly.

    ``lr_changes`` are (step, lr) pairs: use lr from update ``step`` on (the last one given for
    a step wins). Data of up to :data:`EMBED_LIMIT` points is written into the script; larger
    data is read from ``data_spec.path`` or regenerated from ``data_spec``'s synthetic settings.
    Raises ValueError (ConfigError for bad settings) if the card cannot be exported.
    """
    if spec.name not in _TITLES:
        raise ValueError(f"unknown backend '{spec.name}'")
    if isinstance(every, bool) or not isinstance(every, numbers.Integral) or every < 1:
        raise ValueError(f"every must be a whole number of at least 1, got {every!r}")
    every = int(every)
    config = spec.run_config(data)  # checks the card's settings
    updates = spec.total_updates(data.n)
    changes = _planned_changes(lr_changes, updates)
    origin = data_origin(data, data_spec)

    sections = [
        _header(spec, config, data, origin, changes, updates, every),
        _imports(spec.name, origin, config),
        _settings(spec, config, changes, every),
        *data_sections(spec.name, data, data_spec, origin),
        *piecewise_code.functions(spec.name, config),
        *plateau_code.sections(spec.name, config),
        *TRAINING[spec.name](spec, config, changes),
    ]
    return _join(sections)


def parse_printed_rows(text: str) -> list[tuple[int, float, float]]:
    """The ``STEP [W, B]`` rows of an exported script's output, in order; other lines skipped."""
    rows = []
    for line in text.splitlines():
        match = _ROW.match(line)
        if match is None:
            continue
        try:
            w, b = float(match[2]), float(match[3])
        except ValueError:
            continue
        rows.append((int(match[1]), w, b))
    return rows


# -- settings ------------------------------------------------------------------------------


def _planned_changes(
    lr_changes: Sequence[tuple[int, float] | LrChange], updates: int
) -> dict[int, float]:
    """Changes by update index, sorted; the last given for a step wins, unreachable ones go."""
    by_step: dict[int, float] = {}
    for change in lr_changes:
        step, lr = (change.step, change.lr) if isinstance(change, LrChange) else change
        if isinstance(step, bool) or int(step) != step or step < 0:
            raise ValueError(f"learning-rate change at step {step!r}: steps count from 0")
        by_step[int(step)] = check_learning_rate(lr)
    return {step: by_step[step] for step in sorted(by_step) if step < updates}


# -- header, imports and constants ---------------------------------------------------------


def _header(
    spec: BackendSpec,
    config: RunConfig,
    data: Dataset,
    origin: str,
    changes: dict[int, float],
    updates: int,
    every: int,
) -> str:
    start = start_values(spec, config)
    if start is not None:
        start_text = f"w = {start[0]!r}, b = {start[1]!r}"
    else:
        start_text = (
            f"Keras's default: a glorot_uniform kernel (seed {config.init_seed}), a zero bias"
        )
    lr = start_lr(spec, config)
    if config.lr is not None:
        lr_text = repr(lr)
    elif lr is None:
        lr_text = default_lr(spec.name, config)[1]
    else:
        lr_text = f"{lr!r} ({default_lr(spec.name, config)[1]})"
    if spec.name == "keras-fit":
        order = f"shuffled every epoch (seed {config.init_seed})" if config.shuffle else "in order"
        scheme = (
            f"model.fit, {config.epochs} epochs of batches of {config.batch_size} points, "
            f"{order}: {updates} updates"
        )
    else:
        scheme = f"{updates} full-batch updates (every point in every update)"
    change_text = "; ".join(f"from update {s}: {lr!r}" for s, lr in changes.items()) or "none"
    fields = [
        ("Backend", _TITLES[spec.name]),
        *([("Optimizer", _optimizer_text(spec.name, config))] if not plain(config) else []),
        ("Data", f"{data.n} points, {ORIGIN_NOTES[origin]} ({data.source})"),
        ("Start", start_text),
        ("Learning rate", lr_text),
        ("Scheme", scheme),
        ("lr changes", change_text),
    ]
    if spec.name == "keras-fit":
        agreement = "They are the numbers of the app's run of this card, digit for digit."
    else:
        agreement = (
            "They are the numbers of the app's run of this card, digit for digit with its "
            "'stepwise' engine ('compiled' may differ in the last digit)."
        )
    lines = ["Descent Lab export: one backend's run as a plain Python program.", ""]
    for label, text in fields:
        lines += textwrap.wrap(
            text,
            LINE_LENGTH - 2,
            initial_indent=f"{label + ':':15}",
            subsequent_indent=" " * 15,
            break_on_hyphens=False,
        )
    lines.append("")
    lines += textwrap.wrap(
        f"Exported by Descent Lab. Like the original post, it prints [w, b] after update 0, "
        f"every {every} updates and after the last one, as rows 'STEP [W, B]'. {agreement}",
        LINE_LENGTH - 2,
    )
    return "\n".join(f"# {line}".rstrip() for line in lines)


def _optimizer_text(name: str, config: RunConfig) -> str:
    values = ", ".join(f"{k}={v!r}" for k, v in given(config).items()) or "its defaults"
    where = {
        "numpy": "Keras's update rule written in NumPy",
        "tf1": "tf.compat.v1.train",
    }.get(name, "Keras's optimizer class")
    return f"{config.optimizer} ({where}), {values}"


def _imports(name: str, origin: str, config: RunConfig) -> str:
    stdlib = {"os"} if name != "numpy" else set()
    schedule_math = scheduled(config) and not piecewise_code.piecewise(config)
    numpy_math = config.optimizer in ("adam", "adamax", "adamw") or schedule_math
    if name == "keras-fit" or (name == "numpy" and numpy_math):
        stdlib.add("math")
    if origin == "csv":
        stdlib.add("csv")
    frameworks = {"numpy": [], "tf": ["tensorflow as tf"], "tf1": ["tensorflow as tf"]}.get(
        name, ["keras"]
    )
    keras_optimizer = name == "tf" and not plain(config)
    if keras_optimizer:
        frameworks = [*frameworks, "keras"]
    third_party = sorted(["numpy as np", *frameworks])
    if name == "numpy":
        blocks = [[f"import {m}" for m in sorted(stdlib)], [f"import {m}" for m in third_party]]
        return "\n\n".join("\n".join(block) for block in blocks if block)
    env = [
        "# Set these before TensorFlow is imported: the first quiets its C++ start-up logs, the",
        "# second switches off oneDNN, whose reordered float sums round differently from the app.",
        'os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")',
        'os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")',
    ]
    if name.startswith("keras") or keras_optimizer:
        env += [
            "# Keras 3 can run on several frameworks; the app compares it on TensorFlow.",
            'os.environ.setdefault("KERAS_BACKEND", "tensorflow")',
        ]
    return "\n".join(
        [
            *(f"import {m}" for m in sorted(stdlib)),
            "",
            *env,
            "",
            *(f"import {m}" for m in third_party),
        ]
    )


def _settings(spec: BackendSpec, config: RunConfig, changes: dict[int, float], every: int) -> str:
    lines = []
    keras = spec.name.startswith("keras")
    if keras:
        uses = []
        if start_values(spec, config) is None:
            uses.append("Keras's random initial kernel")
        if spec.name == "keras-fit" and config.shuffle:
            uses.append("fit's shuffling")
        what = " and ".join(uses) or "Keras's random generators, as the app does"
        lines.append(f"SEED = {config.init_seed}  # seeds {what}")
    start = start_values(spec, config)
    if start is not None:
        lines.append(f"W0, B0 = {start[0]!r}, {start[1]!r}  # where w and b start")
    lr = start_lr(spec, config)
    if lr is not None:
        if config.lr is None:
            note = default_lr(spec.name, config)[1]
        else:
            note = "instead of Keras's default for 'sgd'" if keras else "the card's learning rate"
        lines.append(f"LEARNING_RATE = {lr!r}  # {note}")
    if changes:
        lines.append(
            _assignment(
                "LR_CHANGES",
                "{" + ", ".join(f"{s}: {lr!r}" for s, lr in changes.items()) + "}",
                "update -> learning rate from that update on",
            )
        )
    for setting in SETTINGS:  # the backend's plain settings, as the declaration names them
        if setting.script_note is not None and setting.applies(spec.name, config):
            note = f"  # {setting.script_note}" if setting.script_note else ""
            lines.append(f"{setting.key.upper()} = {getattr(config, setting.key)!r}{note}")
    if spec.name == "numpy" and not plain(config):
        lines += numpy_constants(config)
    if spec.name == "numpy" and scheduled(config):
        lines += numpy_schedule_constants(config)
    lines += plateau_code.constants(spec.name, config)
    lines.append(f"EVERY = {every}  # print a row after every EVERY-th update")
    return "\n".join(lines)


def _assignment(name: str, value: str, comment: str) -> str:
    """``NAME = VALUE  # comment``, on one line if it fits, else the dict one item a line."""
    line = f"{name} = {value}  # {comment}"
    if len(line) <= LINE_LENGTH:
        return line
    items = value[1:-1].split(", ")
    return "\n".join([f"# {comment}", f"{name} = {{", *(f"    {i}," for i in items), "}"])


def _join(sections: list[str]) -> str:
    """Sections separated by one blank line, two around top-level functions and classes."""
    out = sections[0]
    for before, after in itertools.pairwise(sections):
        defines = _defines(after) or _defines(before)
        out += ("\n\n\n" if defines else "\n\n") + after
    return out + "\n"


def _defines(section: str) -> bool:
    """Whether a section holds a top-level def or class (and so wants two blank lines)."""
    return any(line.startswith(("def ", "class ", "@")) for line in section.splitlines())


assert set(TRAINING) == set(_TITLES)
