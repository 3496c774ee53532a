"""Learning-rate changes planned for given updates, and driving a trainer through them."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from trainers.base import Chunk, Trainer
from trainers.config import check_learning_rate
from trainers.messages import QT_TRANSLATE_NOOP, ConfigError


@dataclass(frozen=True, order=True)
class LrChange:
    """Use ``lr`` from update ``step`` on."""

    step: int
    lr: float

    @classmethod
    def parse(cls, text: str) -> LrChange:
        """Read ``STEP:LR``, e.g. ``500:0.01``."""
        step_text, sep, lr_text = text.partition(":")
        try:
            if not sep:
                raise ValueError
            step, lr = int(step_text), float(lr_text)
        except ValueError:
            raise ConfigError(
                QT_TRANSLATE_NOOP(
                    "trainers", "learning-rate change '{text}' should be STEP:LR, e.g. 500:0.01"
                ),
                text=text,
            ) from None
        if step < 0:
            raise ConfigError(
                QT_TRANSLATE_NOOP(
                    "trainers", "learning-rate change '{text}': the step cannot be negative"
                ),
                text=text,
            )
        return cls(step, check_learning_rate(lr))


class LrSchedule:
    """Planned learning-rate changes, looked up by update index."""

    def __init__(self, changes: Iterable[LrChange] = ()) -> None:
        by_step: dict[int, float] = {}
        for change in changes:
            by_step[change.step] = change.lr  # the last one given for a step wins
        self.changes = [LrChange(step, lr) for step, lr in sorted(by_step.items())]
        self._steps = [c.step for c in self.changes]

    def __bool__(self) -> bool:
        return bool(self.changes)

    def lr_at(self, step: int) -> float | None:
        """The lr to set just before update ``step``, if one is planned there."""
        i = bisect.bisect_left(self._steps, step)
        if i < len(self._steps) and self._steps[i] == step:
            return self.changes[i].lr
        return None

    def clip(self, step: int, k: int) -> int:
        """Shorten a chunk starting at ``step`` so that it ends before the next planned change."""
        i = bisect.bisect_right(self._steps, step)
        if i < len(self._steps):
            return max(1, min(k, self._steps[i] - step))
        return k


def advance_planned(trainer: Trainer, schedule: LrSchedule, k: int) -> Chunk:
    """Advance up to ``k`` updates, applying any change planned at their first update."""
    step = trainer.next_step
    lr = schedule.lr_at(step)
    if lr is not None:
        trainer.set_learning_rate(lr)
    return trainer.advance(schedule.clip(step, k))


def run_planned(trainer: Trainer, schedule: LrSchedule, k: int | None = None) -> Iterator[Chunk]:
    """Prepare the trainer and yield chunks until it is done."""
    trainer.prepare()
    chunk_size = k or trainer.chunk_size
    while not trainer.done:
        yield advance_planned(trainer, schedule, chunk_size)
