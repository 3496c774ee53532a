"""``python -m app``: the window, or ``python -m app run ...`` for the command line."""

import sys

if sys.argv[1:2] == ["run"]:
    from app.cli import main
else:
    from app.launcher import main

main()
