"""English and Simplified Chinese through Qt's translation system."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from app.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "descent_lab_zh_CN.ts"
QM = TS.with_suffix(".qm")
SOURCES = sorted(
    str(p.relative_to(ROOT))
    for folder in (
        "app",
        "app/actions",
        "widgets",
        "trainers",
        "trainers/backends",
        "trainers/formats",
        "trainers/scripts",
        "trainers/runloop",
    )
    for p in (ROOT / folder).glob("*.py")
)
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else shutil.which(name) or name


def messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [
        (context.findtext("name"), message.findtext("source"), message.find("translation"))
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_every_string_in_the_code_is_translated(tmp_path) -> None:
    # lupdate on a copy: strings added to the code since the .ts was updated show up unfinished.
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    subprocess.run(
        [tool("pyside6-lupdate"), "-no-obsolete", *SOURCES, "-ts", str(copy)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    found = messages(copy)
    assert len(found) > 200
    unfinished = [(c, s) for c, s, t in found if t.get("type") == "unfinished" or not t.text]
    assert unfinished == []


def test_translations_keep_placeholders_markup_and_accelerators() -> None:
    for context, source, translation in messages(TS):
        text = translation.text or ""
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), source
        assert source.count("<b>") == text.count("<b>"), source
        assert ("&" in source.replace("&amp;", "")) == ("&" in text), (context, source)


def test_the_compiled_file_matches_its_source(tmp_path) -> None:
    compiled = tmp_path / QM.name
    subprocess.run(
        [tool("pyside6-lrelease"), str(TS), "-qm", str(compiled)], check=True, capture_output=True
    )
    assert compiled.read_bytes() == QM.read_bytes(), "run 'make translations'"


def test_core_messages_name_their_context_literally() -> None:
    # lupdate only extracts QT_TRANSLATE_NOOP("context", "...") with a literal context.
    for path in (ROOT / "trainers").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP":
                if path.name == "messages.py":
                    continue
                assert isinstance(node.args[0], ast.Constant), f"{path}:{node.lineno}"


def test_switching_to_chinese_changes_menus_and_controls(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    english = {
        "file": window.file_menu.title(),
        "start": window.start_action.text(),
        "data": window.data_panel.title(),
        "lr": window.cards["tf"].lr_label.text(),
        "tab": window.tabs.tabText(0),
        "preset": window.preset_combo.currentText(),
    }
    assert english["file"] == "&File" and english["start"] == "Start"
    try:
        window.view_actions.language_actions["zh_CN"].trigger()
        assert window.appearance.language == "zh_CN"
        assert window.file_menu.title() == "文件(&F)"
        assert window.start_action.text() == "开始"
        assert window.data_panel.title() == "数据"
        assert window.cards["tf"].lr_label.text() == "学习率"
        assert window.tabs.tabText(0) != english["tab"]
        assert window.preset_combo.currentText() != english["preset"]
        assert window.help_menu.title().startswith("帮助")
        assert "为什么" in window.explain.plain_text() or "起点" in window.explain.plain_text()
        assert window.data_panel.summary.text() == "50 个点"
        window.plots.ensure()
        assert (
            window.plots.fit_view.legend.getLabel(window.plots.fit_view.true_line).text
            == "真实直线"
        )
    finally:
        window.view_actions.language_actions["en"].trigger()
    assert window.file_menu.title() == "&File" and window.start_action.text() == "Start"
