"""TensorFlow and Keras, imported once in the background while the window is already up."""

from __future__ import annotations

import gc
import logging
import threading
import time

from PySide6.QtCore import QObject, Signal

from trainers.messages import QT_TRANSLATE_NOOP
from trainers.tensorflow_import import FrameworkImportError

log = logging.getLogger(__name__)

IMPORT_TIMEOUT_S = 120.0
"""An import still running after this long is reported as failed (measured: 1.6 s here)."""


class FrameworkLoader(QObject):
    """Imports TensorFlow and Keras once, in a daemon thread, while the window is already up.

    A daemon thread (not a QThread) because an import cannot be interrupted: closing the window
    mid-import must not wait for it.
    """

    loaded = Signal()
    failed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._thread: threading.Thread | None = None
        self._started_at = 0.0
        self.is_loaded = False
        self.error: BaseException | None = None
        """Why the import failed (or is taking too long): a Reset reports it again."""
        self.timeout_s = IMPORT_TIMEOUT_S

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._load, name="import-tensorflow", daemon=True
            )
            self._started_at = time.monotonic()
            self._thread.start()

    def check_timeout(self) -> None:
        """Report an import that has not finished within ``timeout_s`` as failed (once)."""
        if self._thread is None or self.is_loaded or self.error is not None:
            return
        if time.monotonic() - self._started_at > self.timeout_s:
            self.error = FrameworkImportError(
                QT_TRANSLATE_NOOP(
                    "trainers",
                    "TensorFlow did not finish loading within {seconds:g} s; the NumPy "
                    "backend works without it",
                ),
                seconds=self.timeout_s,
            )
            log.error("%s", self.error)
            self.failed.emit(self.error)

    def _load(self) -> None:
        from trainers import tensorflow_import

        try:
            tensorflow_import.import_keras()
        except BaseException as exc:  # a broken native library may raise anything
            log.exception("TensorFlow/Keras import failed")
            if self.error is None:
                self.error = exc
                self.failed.emit(exc)
            return
        self.error = None  # a late success after a timeout: usable from the next Reset
        # TensorFlow and Keras leave hundreds of thousands of long-lived objects behind; a full
        # garbage collection walked them for 137 ms here, holding the GIL (a visible stall).
        # Frozen, later collections skip them.
        gc.freeze()
        self.is_loaded = True
        self.loaded.emit()
