"""Write one backend's run as a standalone Python program in the style of the original post.

The program needs NumPy (and TensorFlow or Keras for those backends) but not Descent Lab. It
does the same float operations as the backend's ``stepwise`` engine, one framework call per
update, and prints the post's rows ``STEP [W, B]`` after update 0, every ``every`` updates and
after the last one. Qt-free, and no framework is imported here.
"""

from __future__ import annotations

import itertools
import json
import numbers
import os
import re
import textwrap
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from trainers.config import POST_SCRIPT_LR, RunConfig, check_learning_rate
from trainers.data import Dataset, synthetic
from trainers.experiment import BackendSpec, DataSpec
from trainers.messages import DataError
from trainers.schedule import LrChange

EMBED_LIMIT = 2000
"""Data sets with up to this many points are written into the script; larger ones are read
from their CSV file or regenerated."""

LINE_LENGTH = 99
"""The longest line the generated code may have (ruff's limit in this project is 100)."""

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
    origin = _data_origin(data, data_spec)

    sections = [
        _header(spec, config, data, origin, changes, updates, every),
        _imports(spec.name, origin),
        _settings(spec, config, changes, every),
        *_data_sections(spec.name, data, data_spec, origin),
        *_TRAINING[spec.name](spec, config, changes),
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


def _start_lr(spec: BackendSpec, config: RunConfig) -> float | None:
    """The learning rate the script sets before the first update (None: Keras's own)."""
    if config.lr is not None:
        return config.lr
    return None if spec.name.startswith("keras") else POST_SCRIPT_LR


def _start_values(spec: BackendSpec, config: RunConfig) -> tuple[float, float] | None:
    """(w0, b0) the script sets; None for Keras's seeded default kernel and zero bias."""
    init = config.init
    if init.kind == "values":
        return init.w, init.b
    if init.kind == "zeros" or not spec.name.startswith("keras"):
        return 0.0, 0.0
    return None


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
    start = _start_values(spec, config)
    if start is not None:
        start_text = f"w = {start[0]!r}, b = {start[1]!r}"
    else:
        start_text = (
            f"Keras's default: a glorot_uniform kernel (seed {config.init_seed}), a zero bias"
        )
    lr = _start_lr(spec, config)
    if lr is None:
        lr_text = "Keras's own default for optimizer='sgd'"
    elif config.lr is None:
        lr_text = f"{lr!r} (the original post's GradientDescentOptimizer({lr!r}))"
    else:
        lr_text = repr(lr)
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
        ("Data", f"{data.n} points, {_ORIGIN_NOTES[origin]} ({data.source})"),
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


def _imports(name: str, origin: str) -> str:
    stdlib = {"os"} if name != "numpy" else set()
    if name == "keras-fit":
        stdlib.add("math")
    if origin == "csv":
        stdlib.add("csv")
    frameworks = {"numpy": [], "tf": ["tensorflow as tf"], "tf1": ["tensorflow as tf"]}.get(
        name, ["keras"]
    )
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
    if name.startswith("keras"):
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
        if _start_values(spec, config) is None:
            uses.append("Keras's random initial kernel")
        if spec.name == "keras-fit" and config.shuffle:
            uses.append("fit's shuffling")
        what = " and ".join(uses) or "Keras's random generators, as the app does"
        lines.append(f"SEED = {config.init_seed}  # seeds {what}")
    start = _start_values(spec, config)
    if start is not None:
        lines.append(f"W0, B0 = {start[0]!r}, {start[1]!r}  # where w and b start")
    lr = _start_lr(spec, config)
    if lr is not None:
        if config.lr is None:
            note = f"the original post's GradientDescentOptimizer({lr!r})"
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
    if spec.name == "keras-fit":
        lines += [
            f"EPOCHS = {config.epochs}",
            f"BATCH_SIZE = {config.batch_size}",
            f"SHUFFLE = {config.shuffle!r}  # True: a new order of the points every epoch",
        ]
    else:
        lines.append(f"STEPS = {config.steps}  # full-batch updates")
    lines.append(f"EVERY = {every}  # print a row after every EVERY-th update")
    return "\n".join(lines)


def _assignment(name: str, value: str, comment: str) -> str:
    """``NAME = VALUE  # comment``, on one line if it fits, else the dict one item a line."""
    line = f"{name} = {value}  # {comment}"
    if len(line) <= LINE_LENGTH:
        return line
    items = value[1:-1].split(", ")
    return "\n".join([f"# {comment}", f"{name} = {{", *(f"    {i}," for i in items), "}"])


# -- data ----------------------------------------------------------------------------------


def _data_origin(data: Dataset, data_spec: DataSpec) -> str:
    """How the script gets the points: "embed", "csv" or "synthetic"."""
    if data.n <= EMBED_LIMIT:
        return "embed"
    if data_spec.kind == "csv" and data_spec.path and data.source == str(Path(data_spec.path)):
        return "csv"
    if data_spec.kind == "synthetic" and data_spec.n == data.n:
        try:
            made = synthetic(
                data_spec.n, data_spec.slope, data_spec.intercept, data_spec.noise, data_spec.seed
            )
        except DataError:
            return "embed"
        if np.array_equal(made.x, data.x) and np.array_equal(made.y, data.y):
            return "synthetic"
    return "embed"  # the data spec no longer describes these points: write them out


_ORIGIN_NOTES = {
    "embed": "written out below",
    "csv": "read from the CSV file named below",
    "synthetic": "regenerated below as the app made them",
}


def _data_sections(name: str, data: Dataset, data_spec: DataSpec, origin: str) -> list[str]:
    sections = []
    if origin == "embed":
        sections.append(
            "\n".join(
                [
                    f"# The {data.n} points the app trained on, with every digit repr() gives: "
                    "exactly its values.",
                    "# (fmt: off stops code formatters from putting each number on a line of "
                    "its own.)",
                    "# fmt: off",
                    *_float_list("X", data.x),
                    *_float_list("Y", data.y),
                    "# fmt: on",
                ]
            )
        )
    elif origin == "csv":
        sections += [_CSV_READER, _csv_load(data, data_spec)]
    else:
        sections += [_SYNTHETIC_MAKER, _synthetic_call(data, data_spec)]
    if name == "numpy":
        sections.append(
            "# NumPy computes in float64, like the app's reference backend.\n"
            "x_data = np.array(X)\n"
            "y_data = np.array(Y)"
        )
    elif name.startswith("keras"):
        sections.append(
            "# Keras computes in float32 and wants one row per sample: (n, 1) columns. Rounding\n"
            "# the points to float32 here, as the app does, gives both exactly the same numbers.\n"
            "x_data = np.array(X).astype(np.float32).reshape(-1, 1)\n"
            "y_data = np.array(Y).astype(np.float32).reshape(-1, 1)"
        )
    else:
        sections.append(
            "# TensorFlow computes in float32. Rounding the points to float32 here, as the app\n"
            "# does, gives both exactly the same numbers.\n"
            "x_data = np.array(X).astype(np.float32)\n"
            "y_data = np.array(Y).astype(np.float32)"
        )
    return sections


def _synthetic_call(data: Dataset, data_spec: DataSpec) -> str:
    arguments = [
        f"n={data_spec.n}",
        f"slope={float(data_spec.slope)!r}",
        f"intercept={float(data_spec.intercept)!r}",
        f"noise={float(data_spec.noise)!r}",
        f"seed={data_spec.seed}",
    ]
    call = f"X, Y = make_points({', '.join(arguments)})"
    if len(call) > LINE_LENGTH:
        call = "\n".join(["X, Y = make_points(", *(f"    {a}," for a in arguments), ")"])
    return f"# {data.n} points are too many to write out: make them again.\n{call}"


def _float_list(name: str, values: np.ndarray) -> list[str]:
    """``NAME = [`` and the values' reprs packed into lines, then ``]``."""
    lines = [f"{name} = ["]
    current = ""
    for value in values.tolist():
        item = f"{value!r},"
        if current and len(current) + 1 + len(item) > LINE_LENGTH:
            lines.append(current)
            current = ""
        current = f"{current} {item}" if current else f"    {item}"
    if current:
        lines.append(current)
    lines.append("]")
    return lines


def _py_string(text: str) -> str:
    """A Python string literal for ``text``, quoted the way ruff's formatter prefers."""
    body = json.dumps(text, ensure_ascii=False)[1:-1]  # JSON's escapes are Python's too
    if text.count('"') > text.count("'"):  # single quotes need fewer escapes
        return "'" + body.replace('\\"', '"').replace("'", "\\'") + "'"
    return f'"{body}"'


def _csv_load(data: Dataset, data_spec: DataSpec) -> str:
    path = os.path.abspath(data_spec.path)
    literal = _py_string(path)
    lines = []
    if len(f"DATA_FILE = {literal}") <= LINE_LENGTH:
        lines.append(f"DATA_FILE = {literal}")
    else:  # split into string literals that Python joins back together
        parts = [""]
        for char in path:
            if len(_py_string(parts[-1] + char)) > LINE_LENGTH - 4:
                parts.append("")
            parts[-1] += char
        lines += ["DATA_FILE = (", *(f"    {_py_string(p)}" for p in parts), ")"]
    if data.checksum:
        lines.insert(0, f"# The file's SHA-256 when exported: {data.checksum}")
    lines.insert(0, f"# {data.n} points are too many to write out: read them from the app's file.")
    lines.append("X, Y = read_points(DATA_FILE)")
    return "\n".join(lines)


_CSV_READER = '''\
def is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def read_points(path):
    """x and y from a CSV file, read exactly as Descent Lab reads it.

    Blank rows and rows starting with # are skipped. If the first row does not start with two
    numbers it is a header: the columns named x and y are used. Otherwise the first two are.
    """
    with open(path, "rb") as file:
        text = file.read().decode("utf-8-sig")  # -sig: ignore a byte-order mark
    rows = [
        row
        for row in csv.reader(text.splitlines())
        if row and any(cell.strip() for cell in row) and not row[0].lstrip().startswith("#")
    ]
    ix, iy = 0, 1
    if not all(is_number(cell) for cell in rows[0][:2]):
        names = [cell.strip().lower() for cell in rows[0]]
        ix, iy = names.index("x"), names.index("y")
        rows = rows[1:]
    return [float(row[ix]) for row in rows], [float(row[iy]) for row in rows]'''

_SYNTHETIC_MAKER = '''\
def make_points(n, slope, intercept, noise, seed):
    """The post's data, made exactly as Descent Lab makes it (too many points to write out).

    x = rand(n) and y = slope*x + intercept are computed in float32, as the post's data was.
    """
    rng = np.random.default_rng(seed)
    x = rng.random(n).astype(np.float32)
    y = (x * np.float32(slope) + np.float32(intercept)).astype(np.float32)
    if noise > 0:
        y = (y + rng.normal(0.0, noise, n).astype(np.float32)).astype(np.float32)
    return x.astype(np.float64), y.astype(np.float64)'''


# -- training ------------------------------------------------------------------------------

_PRINT_COMMENT = (
    "    # As in the post: a row after the first update, every EVERY updates and after the last."
)
_FLOAT32_PRINT_NOTE = (
    "        # str() spells a float32 in the fewest digits that identify it, as in the post."
)


def _numpy_training(spec: BackendSpec, config: RunConfig, changes: dict[int, float]) -> list[str]:
    lines = [
        "# Full-batch gradient descent on the mean squared error. With err = w*x + b - y, the",
        "# loss mean(err**2) has the gradient (2*mean(err*x), 2*mean(err)): every point counts",
        "# in every update.",
        "w, b = W0, B0",
        "lr = LEARNING_RATE",
        "for step in range(STEPS):",
    ]
    if changes:
        lines += ["    if step in LR_CHANGES:", "        lr = LR_CHANGES[step]"]
    lines += [
        "    err = w * x_data + b - y_data",
        "    # Both gradients use the old w and b: they are computed before either changes.",
        "    w, b = w - lr * 2.0 * np.mean(err * x_data), b - lr * 2.0 * np.mean(err)",
        _PRINT_COMMENT,
        "    if step % EVERY == 0 or step == STEPS - 1:",
        "        # repr() writes every digit a float64 has, so nothing is rounded away.",
        '        print(f"{step} [{float(w)!r}, {float(b)!r}]")',
    ]
    return ["\n".join(lines)]


def _tf2_training(spec: BackendSpec, config: RunConfig, changes: dict[int, float]) -> list[str]:
    setup = [
        "# The whole model is two numbers, trainable TensorFlow variables.",
        "w = tf.Variable(W0, dtype=tf.float32)",
        "b = tf.Variable(B0, dtype=tf.float32)",
        "# A variable, not a Python number, so that changing it never retraces train_step.",
        "lr = tf.Variable(LEARNING_RATE, dtype=tf.float32, trainable=False)",
    ]
    step = [
        "# tf.function turns the update into a graph: one fast call per update, as in the app.",
        "@tf.function",
        "def train_step():",
        "    # The tape records the forward computation so TensorFlow can differentiate it.",
        "    with tf.GradientTape() as tape:",
        "        loss = tf.reduce_mean(tf.square(y_data - (w * x_data + b)))",
        "    grad_w, grad_b = tape.gradient(loss, [w, b])",
        "    w.assign_sub(lr * grad_w)",
        "    b.assign_sub(lr * grad_b)",
    ]
    loop = ["for step in range(STEPS):"]
    if changes:
        loop += ["    if step in LR_CHANGES:", "        lr.assign(LR_CHANGES[step])"]
    loop += [
        "    train_step()",
        _PRINT_COMMENT,
        "    if step % EVERY == 0 or step == STEPS - 1:",
        _FLOAT32_PRINT_NOTE,
        '        print(f"{step} [{w.numpy()!s}, {b.numpy()!s}]")',
    ]
    return ["\n".join(setup), "\n".join(step), "\n".join(loop)]


def _tf1_training(spec: BackendSpec, config: RunConfig, changes: dict[int, float]) -> list[str]:
    graph = [
        "v1 = tf.compat.v1  # TensorFlow 1's API, still shipped with TensorFlow 2",
        "",
        "# TensorFlow 1 style: first describe the computation as a graph (nothing runs yet) ...",
        "graph = tf.Graph()",
        "with graph.as_default():",
        '    w = v1.Variable(W0, dtype=tf.float32, name="w")',
        '    b = v1.Variable(B0, dtype=tf.float32, name="b")',
        "    # The learning rate is a graph variable too, so it can change between updates.",
        "    learning_rate = v1.Variable(LEARNING_RATE, dtype=tf.float32, trainable=False)",
    ]
    if changes:
        graph += [
            "    new_lr = v1.placeholder(tf.float32, shape=())",
            "    set_lr = v1.assign(learning_rate, new_lr)",
        ]
    graph += [
        "",
        "    y = w * x_data + b",
        "    loss = tf.reduce_mean(tf.square(y_data - y))",
        "    # minimize() adds the gradient ops and the update of w and b to the graph.",
        "    train = v1.train.GradientDescentOptimizer(learning_rate).minimize(loss)",
        "    init = v1.global_variables_initializer()",
    ]
    run = [
        "# ... then run it in a session: each sess.run(train) is one full-batch update.",
        "with v1.Session(graph=graph) as sess:",
        "    sess.run(init)",
        "    for step in range(STEPS):",
    ]
    if changes:
        run += [
            "        if step in LR_CHANGES:",
            "            sess.run(set_lr, {new_lr: LR_CHANGES[step]})",
        ]
    run += [
        "        sess.run(train)",
        "    " + _PRINT_COMMENT,
        "        if step % EVERY == 0 or step == STEPS - 1:",
        "            w_now, b_now = sess.run([w, b])",
        "    " + _FLOAT32_PRINT_NOTE,
        '            print(f"{step} [{w_now!s}, {b_now!s}]")',
    ]
    return ["\n".join(graph), "\n".join(run)]


def _keras_model(spec: BackendSpec, config: RunConfig) -> str:
    lines = [
        "# The post's model: one Dense unit, y = kernel*x + bias, with Keras's defaults. Keras",
        "# starts the kernel at random (glorot_uniform); the seed makes that start repeatable.",
        "kernel_start = keras.initializers.GlorotUniform(seed=SEED)",
        "model = keras.Sequential(",
        "    [keras.Input(shape=(1,)), keras.layers.Dense(1, kernel_initializer=kernel_start)]",
        ")",
        'model.compile(loss="mse", optimizer="sgd")',
    ]
    if _start_values(spec, config) is not None or spec.name == "keras":
        lines.append("layer = model.layers[0]")
    if _start_values(spec, config) is not None:
        lines += [
            "# Start from the card's values instead of the random kernel and the zero bias.",
            "layer.set_weights([np.array([[W0]], dtype=np.float32), np.array([B0], "
            "dtype=np.float32)])",
        ]
    if _start_lr(spec, config) is not None:
        lines += [
            "# 'sgd' brings Keras's default learning rate; use the card's instead.",
            "model.optimizer.learning_rate.assign(LEARNING_RATE)",
        ]
    return "\n".join(lines)


def _keras_training(spec: BackendSpec, config: RunConfig, changes: dict[int, float]) -> list[str]:
    loop = ["for step in range(STEPS):"]
    if changes:
        loop += [
            "    if step in LR_CHANGES:",
            "        model.optimizer.learning_rate.assign(LR_CHANGES[step])",
        ]
    loop += [
        "    # One call, one gradient-descent update on all the points.",
        "    model.train_on_batch(x_data, y_data)",
        _PRINT_COMMENT,
        "    if step % EVERY == 0 or step == STEPS - 1:",
        "        kernel, bias = layer.get_weights()",
        _FLOAT32_PRINT_NOTE,
        '        print(f"{step} [{kernel[0, 0]!s}, {bias[0]!s}]")',
    ]
    return [_keras_model(spec, config), "\n".join(loop)]


def _keras_fit_training(
    spec: BackendSpec, config: RunConfig, changes: dict[int, float]
) -> list[str]:
    counts = (
        "# fit owns the loop: it makes EPOCHS passes over the data in batches of BATCH_SIZE\n"
        "# points, one update per batch (the last batch of an epoch may be smaller).\n"
        "UPDATES = EPOCHS * math.ceil(len(x_data) / BATCH_SIZE)"
    )
    callback = [
        "class Progress(keras.callbacks.Callback):",
        '    """Counts updates across epochs, applies the planned lr changes, prints the rows."""',
        "",
        "    def __init__(self):",
        "        super().__init__()",
        "        self.step = 0  # index of the next update, counted over all epochs",
    ]
    if changes:
        callback += [
            "",
            "    def on_train_batch_begin(self, batch, logs=None):",
            "        if self.step in LR_CHANGES:",
            "            self.model.optimizer.learning_rate.assign(LR_CHANGES[self.step])",
        ]
    else:
        callback[1] = '    """Counts updates across epochs and prints the rows."""'
    callback += [
        "",
        "    def on_train_batch_end(self, batch, logs=None):",
        "        if self.step % EVERY == 0 or self.step == UPDATES - 1:",
        "            kernel, bias = self.model.layers[0].get_weights()",
        "    " + _FLOAT32_PRINT_NOTE,
        '            print(f"{self.step} [{kernel[0, 0]!s}, {bias[0]!s}]")',
        "        self.step += 1",
    ]
    if config.shuffle:
        seed_note = (
            "# fit shuffles with Keras's random generators. Seeding them right before fit, as the\n"
            "# app does, gives the same order of points as the app's run."
        )
    else:
        seed_note = (
            "# Without shuffling the batches follow the data order; the generators are seeded\n"
            "# right before fit anyway, as the app does."
        )
    fit = "\n".join(
        [
            seed_note,
            "keras.utils.set_random_seed(SEED)",
            "model.fit(",
            "    x_data,",
            "    y_data,",
            "    epochs=EPOCHS,",
            "    batch_size=BATCH_SIZE,",
            "    shuffle=SHUFFLE,",
            "    verbose=0,  # the rows come from Progress instead",
            "    callbacks=[Progress()],",
            ")",
        ]
    )
    return [_keras_model(spec, config), counts, "\n".join(callback), fit]


_TRAINING = {
    "numpy": _numpy_training,
    "tf": _tf2_training,
    "tf1": _tf1_training,
    "keras": _keras_training,
    "keras-fit": _keras_fit_training,
}


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


assert set(_TRAINING) == set(_TITLES)
