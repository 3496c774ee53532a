"""Running one backend's job, Qt-free: the commands a busy loop reads, the turnstile workers
share, and the loop itself. The app's QThread worker only drives it and forwards its events.
"""

from trainers.runloop.live_controls import LiveControls, Turn
from trainers.runloop.loop import Clock, TrainingJob, WorkerEvent, run_job
from trainers.runloop.turnstile import Turnstile

__all__ = ["Clock", "LiveControls", "TrainingJob", "Turn", "Turnstile", "WorkerEvent", "run_job"]
