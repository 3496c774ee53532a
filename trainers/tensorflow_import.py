"""Import TensorFlow and Keras quietly, and only when a backend needs them."""

from __future__ import annotations

import os
from types import ModuleType

from trainers.messages import QT_TRANSLATE_NOOP, DescentLabError


class FrameworkImportError(DescentLabError):
    """TensorFlow or Keras is missing or broken; the NumPy backend still works."""


def import_tensorflow() -> ModuleType:
    """Import TensorFlow with its start-up chatter switched off."""
    # Both must be set before the first import: C++ INFO logs, and oneDNN's notice (oneDNN's
    # reordered float sums also make results depend on the thread count).
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    try:
        import tensorflow as tf
    except Exception as exc:  # ImportError, or a broken native library
        raise FrameworkImportError(
            QT_TRANSLATE_NOOP("trainers", "TensorFlow could not be imported: {reason}"),
            reason=f"{type(exc).__name__}: {exc}",
        ) from exc
    return tf


def import_keras() -> ModuleType:
    """Import Keras 3 on its TensorFlow backend."""
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    import_tensorflow()
    try:
        import keras
    except Exception as exc:
        raise FrameworkImportError(
            QT_TRANSLATE_NOOP("trainers", "Keras could not be imported: {reason}"),
            reason=f"{type(exc).__name__}: {exc}",
        ) from exc
    if keras.backend.backend() != "tensorflow":
        raise FrameworkImportError(
            QT_TRANSLATE_NOOP(
                "trainers",
                "Keras runs on '{backend}'; set KERAS_BACKEND=tensorflow to compare it with "
                "TensorFlow",
            ),
            backend=keras.backend.backend(),
        )
    return keras
