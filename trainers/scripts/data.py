"""How an exported script gets its points: written out, read from the CSV, or regenerated."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from trainers.data import Dataset, synthetic
from trainers.experiment import DataSpec
from trainers.messages import DataError

EMBED_LIMIT = 2000
"""Data sets with up to this many points are written into the script; larger ones are read
from their CSV file or regenerated."""

LINE_LENGTH = 99
"""The longest line the generated code may have (ruff's limit in this project is 100)."""


def data_origin(data: Dataset, data_spec: DataSpec) -> str:
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


ORIGIN_NOTES = {
    "embed": "written out below",
    "csv": "read from the CSV file named below",
    "synthetic": "regenerated below as the app made them",
}


def data_sections(name: str, data: Dataset, data_spec: DataSpec, origin: str) -> list[str]:
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
