"""PySide6 6.12.0 on Python 3.11 corrupts the refcount of None while pyqtgraph repaints.

The process then dies with "Fatal Python error: none_dealloc" after seconds of animation, so
pyproject.toml excludes that version. This test repaints a plot a few hundred times in a child
process (a crash must not take the test run with it) and checks that None's refcount never
falls: with the broken version it falls by thousands, then the child aborts.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from guards import SUBPROCESS_GUARD_S

SCRIPT = textwrap.dedent(
    """
    import sys
    import numpy as np
    import pyqtgraph as pg

    app = pg.mkQApp()
    plot = pg.PlotWidget()
    plot.resize(400, 300)
    plot.show()
    curve = plot.plot(pen="r")
    scatter = pg.ScatterPlotItem()
    plot.addItem(scatter)
    x = np.linspace(0, 1, 50)
    lowest = start = sys.getrefcount(None)
    for i in range(300):
        curve.setData(x, np.sin(x * i))
        scatter.setData(x, np.cos(x * i))
        plot.grab()
        app.processEvents()
        lowest = min(lowest, sys.getrefcount(None))
    print(start, lowest)
    """
)


def test_repainting_does_not_corrupt_the_refcount_of_none() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=SUBPROCESS_GUARD_S,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    start, lowest = map(int, result.stdout.split())
    assert lowest >= start - 50, (start, lowest)  # a little slack for garbage collection


def test_the_broken_release_is_excluded() -> None:
    from importlib.metadata import version

    assert version("PySide6-Essentials") != "6.12.0"
