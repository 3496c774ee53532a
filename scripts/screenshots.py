"""Render the README's screenshots into docs/screenshots: each scene at two sizes, in both
themes and both languages (``python scripts/screenshots.py [scene ...]``; one app process at a
time, each renders the real window offscreen through ``python -m app --screenshot``)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trainers import BACKENDS, Init  # noqa: E402
from trainers.experiment import BackendSpec, DataSpec, Experiment  # noqa: E402
from trainers.formats.experiment_file import experiment_text  # noqa: E402

LOOKS = (
    ("1440x900", "dark", "en"),
    ("1440x900", "light", "zh_CN"),
    ("1024x700", "light", "en"),
    ("1024x700", "dark", "zh_CN"),
)


def diverging(folder: Path) -> str:
    """TensorFlow 2 at lr 0.8, just past this data's critical rate 0.771, next to 0.7."""
    backends = {name: BackendSpec(name, enabled=False) for name in BACKENDS}
    for name, lr in (("numpy", 0.7), ("tf", 0.8)):
        backends[name] = BackendSpec(
            name, enabled=True, init=Init.values(0.0, 0.0), lr=lr, steps=400
        )
    experiment = Experiment(backends=backends)
    path = folder / "diverging.json"
    path.write_text(experiment_text(experiment, DataSpec().load()), encoding="utf-8")
    return str(path)


SCENES = {
    "opening": lambda _f: ["--preset", "contradiction"],
    "midrun": lambda _f: ["--preset", "contradiction", "--pause-at", "120"],
    "divergence": lambda f: [diverging(f)],
    "aligned": lambda _f: ["--preset", "aligned"],
    "theory": lambda _f: ["--preset", "momentum", "--pause-at", "40", "--tab", "theory"],
    "minibatch": lambda _f: ["--preset", "keras-fit", "--pause-at", "300"],
    "plateau": lambda _f: ["--preset", "keras-fit-plateau"],
}


def main(scenes: list[str]) -> None:
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for scene in scenes or list(SCENES):
            args = SCENES[scene](Path(folder))
            for size, theme, language in LOOKS:
                png = out / f"{scene}-{size}-{theme}-{language}.png"
                command = [sys.executable, "-m", "app", "--screenshot", str(png), *args]
                command += ["--size", size, "--theme", theme, "--language", language]
                subprocess.run(command, cwd=ROOT, check=True)
                print(png.relative_to(ROOT))


if __name__ == "__main__":
    main(sys.argv[1:])
