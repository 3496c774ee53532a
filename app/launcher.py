"""``python -m app``: the desktop window (not built yet; the command line works)."""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point of ``descent-lab``."""
    print("usage: python -m app run [options]   (see python -m app run --help)")
    sys.exit(0)
