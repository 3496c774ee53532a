"""TensorFlow and Keras, imported once in the background while the window is already up."""

from __future__ import annotations

import gc
import logging
import threading

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


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
        self.is_loaded = False

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._load, name="import-tensorflow", daemon=True
            )
            self._thread.start()

    def _load(self) -> None:
        from trainers.tensorflow_import import import_keras

        try:
            import_keras()
        except Exception as exc:
            log.exception("TensorFlow/Keras import failed")
            self.failed.emit(exc)
            return
        # TensorFlow and Keras leave hundreds of thousands of long-lived objects behind; a full
        # garbage collection walked them for 137 ms here, holding the GIL (a visible stall).
        # Frozen, later collections skip them.
        gc.freeze()
        self.is_loaded = True
        self.loaded.emit()
