"""The freedesktop menu entry: valid, really starts the app, and uninstalls without a trace."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from guards import SUBPROCESS_GUARD_S

from app.desktop_entry import (
    DESKTOP_FILE_NAME,
    data_home,
    desktop_entry_text,
    install_desktop,
    launcher_command,
    uninstall_desktop,
)

APP_TIMEOUT_S = SUBPROCESS_GUARD_S
ENTRY_GROUP = "[Desktop Entry]"


@pytest.fixture
def home(tmp_path, monkeypatch, qapp) -> Path:
    """XDG_DATA_HOME in tmp_path, not created yet: the tests never touch the user's menus.

    ``qapp`` comes first so rendering the icons reuses pytest-qt's QApplication.
    """
    share = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(share))
    return share


# --- Reading a .desktop file the way a desktop does (Desktop Entry Specification) ---


def read_entry(path: Path) -> dict[str, str]:
    """The keys of the [Desktop Entry] group, values still escaped."""
    keys: dict[str, str] = {}
    group = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            group = line
            continue
        key, sep, value = line.partition("=")
        assert sep, f"not a key=value line: {line!r}"
        if group == ENTRY_GROUP:
            assert key.strip() not in keys, f"duplicate key {key}"
            keys[key.strip()] = value.strip()
    return keys


def unescape_string(value: str) -> str:
    """Undo the escapes of a string value: \\s \\n \\t \\r \\\\."""
    out, chars = [], iter(value)
    for char in chars:
        if char != "\\":
            out.append(char)
            continue
        following = next(chars)
        out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(following))
        assert out[-1] is not None, f"unknown escape \\{following} in {value!r}"
    return "".join(out)


def split_exec(value: str) -> list[str]:
    """The argv of an Exec value: unescape, undo the quoting, drop %f, turn %% into %."""
    text = unescape_string(value)
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    args: list[str] = []
    current: list[str] | None = None
    i = 0
    while i < len(text):
        char = text[i]
        if char == " ":
            if current is not None:
                args.append("".join(current))
            current = None
        elif char == '"':
            current = current if current is not None else []
            i += 1
            while text[i] != '"':
                if text[i] == "\\":
                    i += 1
                    assert text[i] in '"`$\\', f"bad escape in quoted argument: {text!r}"
                current.append(text[i])
                i += 1
        else:
            assert char not in reserved, f"unquoted reserved character {char!r} in {text!r}"
            current = (current if current is not None else []) + [char]
        i += 1
    if current is not None:
        args.append("".join(current))
    assert "%f" in args, "the entry should accept a file (%f)"
    return [arg.replace("%%", "%") for arg in args if arg != "%f"]


def validate(path: Path) -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.fail(
            "desktop-file-validate is missing: install desktop-file-utils "
            "(Debian/Ubuntu: sudo apt-get install desktop-file-utils)"
        )
    result = subprocess.run(
        [tool, str(path)], capture_output=True, text=True, timeout=SUBPROCESS_GUARD_S
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Errors fail the exit code; warnings only print, so they are checked here. Hints are
    # advice: "Education;Science;" draws one about two main categories, which is deliberate.
    problems = [line for line in result.stdout.splitlines() if ": hint: " not in line]
    assert problems == [], result.stdout


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


# --- The entry itself ---


def test_data_home_follows_xdg(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert data_home() == tmp_path
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")  # the spec says: ignore it
    assert data_home() == Path.home() / ".local" / "share"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert data_home() == Path.home() / ".local" / "share"


def test_entry_keys() -> None:
    text = desktop_entry_text(["/opt/descent lab/bin/descent-lab"])
    assert text.startswith("[Desktop Entry]\n") and text.endswith("\n")
    keys = dict(line.partition("=")[::2] for line in text.splitlines()[1:])
    assert keys["Type"] == "Application"
    assert keys["Name"] == "Descent Lab"
    assert keys["Name[zh_CN]"] == "梯度下降实验室"
    assert keys["GenericName"] == "Gradient descent visualiser"
    assert all(w in keys["Comment"] for w in ("gradient descent", "TensorFlow", "Keras", "NumPy"))
    assert keys["Comment[zh_CN]"]
    assert keys["Exec"] == '"/opt/descent lab/bin/descent-lab" %f'
    assert keys["TryExec"] == "/opt/descent lab/bin/descent-lab"
    assert keys["Icon"] == DESKTOP_FILE_NAME == "descent-lab"
    assert keys["Terminal"] == "false"
    assert keys["Categories"] == "Education;Science;"
    assert keys["Keywords"].endswith(";") and "gradient descent" in keys["Keywords"]
    assert keys["StartupWMClass"] == "descent-lab"
    assert keys["MimeType"] == "application/x-descent-lab-experiment;"


def test_no_tryexec_for_a_bare_program_name() -> None:
    text = desktop_entry_text(["descent-lab"])
    assert "\nExec=descent-lab %f\n" in text
    assert "TryExec" not in text


NASTY = [
    "/opt/my apps/déjà vu/bin/python3",
    "-m",
    "app",
    'say "hi"',
    "cost $5 `now`",
    "back\\slash",
    "100%",
    "%f",
    "tab\there",
    "new\nline",
    "~/x;y&z|w<v>u*t?s#r(q)p'o",
    "",
    "--key=value",
]


def test_exec_quoting_round_trips(tmp_path) -> None:
    entry = tmp_path / "nasty.desktop"
    entry.write_text(desktop_entry_text(NASTY), encoding="utf-8")
    keys = read_entry(entry)
    assert split_exec(keys["Exec"]) == NASTY
    assert unescape_string(keys["TryExec"]) == NASTY[0]
    validate(entry)


def test_exec_value_rejects_an_empty_command() -> None:
    with pytest.raises(ValueError):
        desktop_entry_text([])


# --- launcher_command ---


def make_executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def test_launcher_command_prefers_the_venv_script(tmp_path, monkeypatch) -> None:
    venv_python = make_executable(tmp_path / "venv" / "bin" / "python")
    on_path = make_executable(tmp_path / "elsewhere" / "descent-lab")
    monkeypatch.setattr(sys, "executable", str(venv_python))
    monkeypatch.setenv("PATH", str(on_path.parent))

    venv_script = make_executable(tmp_path / "venv" / "bin" / "descent-lab")
    assert launcher_command() == [str(venv_script)]
    venv_script.unlink()
    assert launcher_command() == [str(on_path)]
    on_path.unlink()
    assert launcher_command() == [str(venv_python), "-m", "app"]


def test_launcher_command_of_this_environment() -> None:
    # The test environment has the project installed, so its own gui-script is found.
    script = Path(sys.executable).parent / "descent-lab"
    assert script.is_file(), "install the project (pip install -e .) to create its script"
    assert launcher_command() == [str(script)]


# --- install / uninstall ---


def test_install_writes_a_valid_entry_that_starts_the_app(home: Path, tmp_path) -> None:
    written = install_desktop()
    entry = home / "applications" / "descent-lab.desktop"
    icons = home / "icons" / "hicolor"
    expected = {
        entry,
        home / "mime" / "packages" / "descent-lab.xml",
        icons / "scalable" / "apps" / "descent-lab.svg",
        *(icons / f"{n}x{n}" / "apps" / "descent-lab.png" for n in (16, 24, 32, 48, 64, 128, 256)),
        home / "descent-lab" / "installed-files.txt",
    }
    assert set(written) == expected
    assert len(written) == len(expected)
    assert files_under(home) == expected
    for png in expected:
        if png.suffix == ".png":
            assert png.read_bytes().startswith(b"\x89PNG"), png
    validate(entry)

    keys = read_entry(entry)
    command = split_exec(keys["Exec"])
    assert command == launcher_command()
    assert os.access(unescape_string(keys["TryExec"]), os.X_OK)

    shot = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # Started outside the repository, as a menu would: only the installed app can run.
    run_dir = tmp_path / "elsewhere"
    run_dir.mkdir()
    result = subprocess.run(
        [*command, "--screenshot", str(shot), "--steps", "50"],
        capture_output=True,
        text=True,
        env=env,
        cwd=run_dir,
        timeout=APP_TIMEOUT_S,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert shot.is_file() and shot.read_bytes().startswith(b"\x89PNG")


def test_manifest_lists_exactly_the_written_files(home: Path) -> None:
    written = install_desktop()
    manifest = home / "descent-lab" / "installed-files.txt"
    assert written[-1] == manifest
    lines = [line for line in manifest.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    listed = {home / line.split(" ", 1)[1] for line in lines if line.startswith("file ")}
    assert listed == set(written[:-1])


def test_uninstall_removes_exactly_what_install_wrote(home: Path) -> None:
    # Folders the user already has, with files of their own in them.
    other_entry = home / "applications" / "other-app.desktop"
    other_icon = home / "icons" / "hicolor" / "48x48" / "apps" / "other-app.png"
    for path in (other_entry, other_icon):
        path.parent.mkdir(parents=True)
        path.write_text("not ours\n")

    written = install_desktop()
    # Someone else's file lands next to ours after the install, too.
    late = home / "icons" / "hicolor" / "scalable" / "apps" / "late.svg"
    late.write_text("<svg/>")

    removed = uninstall_desktop()
    removed_files = {p for p in removed if p.suffix}
    assert removed_files == set(written)
    assert files_under(home) == {other_entry, other_icon, late}
    assert other_entry.read_text() == other_icon.read_text() == "not ours\n"
    # Folders the installer created are gone when empty; the ones holding other files stay.
    assert not (home / "icons" / "hicolor" / "256x256").exists()
    assert not (home / "descent-lab").exists()
    assert (home / "icons" / "hicolor" / "scalable" / "apps").is_dir()
    assert (home / "applications").is_dir()
    assert all(not p.exists() for p in removed)


def test_install_twice_then_uninstall_leaves_nothing(home: Path) -> None:
    first = install_desktop()
    contents = {p: p.read_bytes() for p in first}
    second = install_desktop()
    assert second == first
    assert {p: p.read_bytes() for p in second} == contents
    assert files_under(home) == set(first)

    removed = uninstall_desktop()
    assert set(first) <= set(removed)
    assert not home.exists(), sorted(home.rglob("*"))
    assert uninstall_desktop() == []


def test_uninstall_with_nothing_installed(home: Path) -> None:
    assert uninstall_desktop() == []
    assert not home.exists()
    home.mkdir()
    assert uninstall_desktop() == []
    assert list(home.iterdir()) == []


def test_explicit_home_argument(tmp_path, qapp) -> None:
    target = tmp_path / "elsewhere"
    written = install_desktop(target)
    assert all(p.is_relative_to(target) for p in written)
    assert set(uninstall_desktop(target)) >= set(written)
    assert not target.exists()


def test_cache_tools_are_optional_and_their_failure_harmless(home: Path, tmp_path, monkeypatch):
    # Fake tools that log their call and fail.
    tools = tmp_path / "tools"
    log = tmp_path / "calls.log"
    for name in ("update-desktop-database", "gtk-update-icon-cache"):
        script = f'#!/bin/sh\necho "{name} $*" >> "{log}"\nexit 1\n'
        make_executable(tools / name).write_text(script)
    monkeypatch.setenv("PATH", str(tools))

    # No caches yet: none is created (it would be a file the installer cannot remove).
    written = install_desktop()
    assert not log.exists()
    assert files_under(home) == set(written)

    # Existing caches are refreshed, and the tools failing does not matter.
    (home / "applications" / "mimeinfo.cache").write_text("[MIME Cache]\n")
    (home / "icons" / "hicolor" / "icon-theme.cache").write_bytes(b"")
    install_desktop()
    calls = log.read_text()
    assert "update-desktop-database -q " in calls
    assert "gtk-update-icon-cache -q -f -t " in calls
    uninstall_desktop()

    # No tools at all.
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    install_desktop()
    uninstall_desktop()
    assert files_under(home) == {
        home / "applications" / "mimeinfo.cache",
        home / "icons" / "hicolor" / "icon-theme.cache",
    }


def test_stale_files_of_an_older_install_are_removed(home: Path) -> None:
    install_desktop()
    old = home / "icons" / "hicolor" / "22x22" / "apps" / "descent-lab.png"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"old")
    manifest = home / "descent-lab" / "installed-files.txt"
    text = manifest.read_text(encoding="utf-8")
    text += "file icons/hicolor/22x22/apps/descent-lab.png\ndir icons/hicolor/22x22/apps\n"
    text += "dir icons/hicolor/22x22\nfile ../outside.txt\nfile /etc/passwd\n"
    manifest.write_text(text, encoding="utf-8")
    (home.parent / "outside.txt").write_text("keep")

    install_desktop()
    assert not old.exists()
    uninstall_desktop()
    assert not home.exists()
    assert (home.parent / "outside.txt").read_text() == "keep"


def test_install_works_without_a_display(tmp_path) -> None:
    # As from a terminal over ssh: no display, no Qt platform chosen, no QApplication yet.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["XDG_DATA_HOME"] = str(tmp_path / "share")
    code = "from app.desktop_entry import install_desktop\nprint(len(install_desktop()))"
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=SUBPROCESS_GUARD_S,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "11"  # the entry, the MIME package, 8 icons, the manifest
    assert result.stderr == ""


def test_a_failed_install_can_still_be_uninstalled(home: Path, monkeypatch) -> None:
    import resources

    def broken(size: int, target: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(resources, "render_icon_png", broken)
    with pytest.raises(OSError, match="disk full"):
        install_desktop()
    assert (home / "applications" / "descent-lab.desktop").is_file()
    uninstall_desktop()
    assert not home.exists()


def test_the_mime_package_recognises_saved_experiments_only(tmp_path) -> None:
    """The package's magic string is how a saved experiment begins, and not how other JSON
    does: a file manager offers Descent Lab for experiments, not for every .json."""
    import xml.etree.ElementTree as ET

    from app.desktop_entry import EXPERIMENT_MIME_TYPE, mime_package_text
    from trainers import Dataset
    from trainers.experiment import Experiment
    from trainers.formats.experiment_file import save_experiment

    root = ET.fromstring(mime_package_text())
    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    kind = root.find(f"{ns}mime-type")
    assert kind.get("type") == EXPERIMENT_MIME_TYPE
    assert kind.find(f"{ns}sub-class-of").get("type") == "application/json"
    match = kind.find(f"{ns}magic/{ns}match")
    start, _, end = match.get("offset").partition(":")
    path = tmp_path / "exp.json"
    experiment = Experiment()
    save_experiment(path, experiment, experiment.data.load(), {})
    head = path.read_bytes()[: int(end) + len(match.get("value"))]
    assert match.get("value").encode() in head[int(start) :]
    assert match.get("value").encode() not in b'{"x": [1, 2], "app": "Other"}'
    assert isinstance(experiment.data.load(), Dataset)
