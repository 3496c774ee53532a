"""Hang guards for every wait in the suite: generous, because machines here differ 3× in speed
and CI may share its CPUs. A wait ends as soon as its condition holds; these limits only turn a
real hang into a failure (pytest-timeout, set in pyproject.toml, guards each test as a whole)."""

HANG_GUARD_MS = 300_000
"""A Qt wait (qtbot.waitUntil / waitSignal): five minutes."""

SUBPROCESS_GUARD_S = 600
"""A child process (a CLI run, an exported script, the launcher): ten minutes."""
