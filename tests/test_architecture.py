"""The design's boundaries: a Qt-free core that loads frameworks only when asked."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUI_MODULES = ("PySide6", "pyqtgraph", "shiboken6", "PyQt5", "PyQt6", "qtpy")
FRAMEWORKS = ("tensorflow", "keras")


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_trainers_source_never_imports_qt() -> None:
    files = sorted((ROOT / "trainers").rglob("*.py"))
    assert len(files) >= 10
    for path in files:
        assert not imported_modules(path) & set(GUI_MODULES), path


QT_FREE_MOVED = (
    "trainers/runloop/loop.py",
    "trainers/runloop/live_controls.py",
    "trainers/runloop/turnstile.py",
    "trainers/presets.py",
)
"""Logic that once lived in app/ and could only be tested under Qt."""
QT_FREE_TESTS = ("tests/test_runloop.py", "tests/test_live_controls.py", "tests/test_presets.py")


def test_run_loop_live_controls_turnstile_and_presets_live_in_the_core() -> None:
    for relative in QT_FREE_MOVED:
        path = ROOT / relative
        assert path.is_file(), relative
        assert not (ROOT / "app" / path.name).exists(), f"app/{path.name} is back"
        assert not imported_modules(path) & set(GUI_MODULES), relative
    for relative in QT_FREE_TESTS:  # and their tests need no Qt either
        assert not imported_modules(ROOT / relative) & set(GUI_MODULES), relative
    # The Qt worker only drives the loop: no training logic of its own.
    worker = (ROOT / "app" / "worker.py").read_text()
    assert "run_job" in worker and "advance_planned" not in worker and "while " not in worker


APP_ENTRY_POINTS = {"__init__.py", "__main__.py", "cli.py", "desktop_entry.py", "malloc_tuning.py"}
"""The only modules of app/ (the Qt application) allowed to be Qt-free: its ways in."""


def test_app_holds_no_qt_free_module_but_its_entry_points() -> None:
    qt_free = {
        str(path.relative_to(ROOT / "app"))
        for path in (ROOT / "app").rglob("*.py")
        if path.name != "__init__.py" or path.parent == ROOT / "app"
        if not imported_modules(path) & {*GUI_MODULES, "superqt"}
    }
    assert qt_free == APP_ENTRY_POINTS, "Qt-free logic belongs in trainers/"


def test_file_format_settings_and_script_tests_need_no_qt() -> None:
    tests = [
        "tests/test_settings.py",
        "tests/test_experiment_file.py",
        "tests/test_experiment_file_errors.py",
        "tests/test_runloop.py",
        "tests/test_script_export.py",
        "tests/experiment_file_helpers.py",
    ]
    for relative in tests:
        assert not imported_modules(ROOT / relative) & set(GUI_MODULES), relative


def test_trainers_top_level_imports_no_framework() -> None:
    # Framework imports live inside functions (lazily), never at a module's top level.
    for path in sorted((ROOT / "trainers").rglob("*.py")):
        tree = ast.parse(path.read_text())
        top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        names = {a.name.split(".")[0] for n in top if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module.split(".")[0] for n in top if isinstance(n, ast.ImportFrom) and n.module}
        assert not names & set(FRAMEWORKS), path


def test_importing_trainers_loads_neither_qt_nor_tensorflow() -> None:
    code = (
        "import sys, trainers, trainers.backends.tf2, trainers.backends.keras_fit, "
        "trainers.backends.tf1_graph, trainers.backends.keras_train_on_batch, app.cli, "
        "trainers.runloop, trainers.presets\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {GUI_MODULES + FRAMEWORKS!r}]\n"
        "print(bad)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_numpy_only_run_never_imports_tensorflow() -> None:
    code = (
        "import sys\nfrom app.cli import run\n"
        "status = run(['--backend', 'numpy', '--steps', '10'])\n"
        "assert status == 0\n"
        "print([m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras')])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("[]")
