"""Exported scripts: one backend's run as a plain Python program (see :mod:`.export`)."""
