"""``python -m app``: the window, or ``python -m app run|theory ...`` for the command line."""

import sys

if sys.argv[1:2] in (["run"], ["theory"]):
    from app.cli import main
else:
    from app.launcher import main

main()
