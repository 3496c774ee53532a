"""Test configuration: Qt offscreen, TensorFlow quiet, nothing touches the user's files."""

from __future__ import annotations

import os

# Before anything imports Qt or TensorFlow.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
