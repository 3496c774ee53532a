"""The thread-safe commands a busy training loop reads, and the turnstile workers share.

No test races the clock: threads are ordered with events, and every wait has a hang guard of
minutes that only a broken build reaches.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from trainers.runloop import LiveControls, Turnstile

HANG_GUARD = 120.0


def wait_until(condition: Callable[[], bool]) -> None:
    """Poll ``condition`` until it holds; fail only if it never does within HANG_GUARD."""
    deadline = time.monotonic() + HANG_GUARD
    while not condition():
        assert time.monotonic() < deadline, "condition never became true"
        time.sleep(0.001)


def test_commands_as_the_loop_sees_them() -> None:
    controls = LiveControls(speed=50.0)
    turn, _ = controls.poll()
    assert turn is False and not controls.started  # parked until told
    controls.step(2)
    first, _ = controls.poll()
    second, _ = controls.poll()
    third, _ = controls.poll()
    assert first.single_step and second.single_step and third is False
    assert controls.started
    controls.run()
    running, _ = controls.poll()
    assert not running.single_step and running.speed == 50.0
    controls.set_lr(0.3)
    assert controls.take_lr() == 0.3 and controls.take_lr() is None
    controls.stop()
    assert controls.poll()[0] is None


def test_an_idle_loop_never_misses_a_command() -> None:
    controls = LiveControls()
    turn, seen = controls.poll()
    assert turn is False
    controls.run()  # arrives between poll() and the wait: must not be lost
    woke = threading.Event()

    def loop() -> None:
        controls.wait_for_command(seen)
        woke.set()

    thread = threading.Thread(target=loop)
    thread.start()
    assert woke.wait(HANG_GUARD)
    thread.join()


def test_sleep_wakes_early_on_pause_stop_or_speed_change() -> None:
    for command in ("pause", "stop", "set_speed"):
        controls = LiveControls(speed=10.0)
        controls.run()
        turn, _ = controls.poll()
        # Longer than the hang guard: returning at all means the command woke it.
        sleeper = threading.Thread(
            target=controls.sleep, args=(10 * HANG_GUARD, turn.pacing_epoch), daemon=True
        )
        sleeper.start()
        if command == "set_speed":
            controls.set_speed(20.0)
        else:
            getattr(controls, command)()
        sleeper.join(HANG_GUARD)
        assert not sleeper.is_alive(), command


def test_turns_are_taken_one_at_a_time_in_arrival_order() -> None:
    turnstile = Turnstile(gap=0.0)
    order: list[int] = []
    inside: list[int] = []
    threads = []

    def worker(i: int) -> None:
        with turnstile.turn():
            inside.append(i)
            assert len(inside) == 1  # nobody else in a turn
            order.append(i)
            inside.remove(i)

    with turnstile.hold():  # nobody starts a turn until all five have lined up
        for n, i in enumerate((3, 0, 4, 1, 2), start=1):
            threads.append(threading.Thread(target=worker, args=(i,)))
            threads[-1].start()
            wait_until(lambda n=n: turnstile.queued == n)  # i is in line behind the others
    for thread in threads:
        thread.join(HANG_GUARD)
    assert order == [3, 0, 4, 1, 2]
    assert turnstile.queued == 0


def test_a_hold_keeps_new_turns_from_starting() -> None:
    turnstile = Turnstile()
    started = threading.Event()
    with turnstile.hold():
        thread = threading.Thread(target=lambda: (turnstile.turn().__enter__(), started.set()))
        thread.start()
        wait_until(lambda: turnstile.queued == 1)  # waiting for its turn, and held back
        assert not started.is_set()
    assert started.wait(HANG_GUARD)
    thread.join()


def test_a_stopped_worker_abandons_its_wait_for_a_turn() -> None:
    turnstile = Turnstile()
    controls = LiveControls()
    outcome = []
    with turnstile.hold():  # e.g. the window drawing when it is closed
        thread = threading.Thread(
            target=lambda: outcome.append(
                turnstile.turn(abandon=lambda: controls.stopped).__enter__()
            )
        )
        thread.start()
        controls.stop()
        turnstile.wake()
        thread.join(HANG_GUARD)
    assert outcome == [False] and not thread.is_alive()
    assert turnstile.queued == 0
