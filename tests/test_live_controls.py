"""The thread-safe commands a busy training loop reads, and the turnstile workers share."""

from __future__ import annotations

import threading
import time

from trainers.runloop import LiveControls, Turnstile


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
    assert woke.wait(5)
    thread.join()


def test_sleep_wakes_early_on_pause_stop_or_speed_change() -> None:
    controls = LiveControls(speed=10.0)
    controls.run()
    turn, _ = controls.poll()
    threading.Timer(0.05, controls.pause).start()
    start = time.monotonic()
    controls.sleep(10.0, turn.pacing_epoch)
    assert time.monotonic() - start < 5


def test_turns_are_taken_one_at_a_time_in_arrival_order() -> None:
    turnstile = Turnstile(gap=0.0)
    order: list[int] = []
    inside = []
    gate = threading.Event()

    def worker(i: int) -> None:
        gate.wait()
        with turnstile.turn():
            inside.append(i)
            assert len(inside) == 1  # nobody else in a turn
            order.append(i)
            time.sleep(0.002)
            inside.remove(i)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(5)]
    for thread in threads:
        thread.start()
    gate.set()
    for thread in threads:
        thread.join()
    assert sorted(order) == list(range(5))


def test_a_hold_keeps_new_turns_from_starting() -> None:
    turnstile = Turnstile()
    started = threading.Event()
    with turnstile.hold():
        thread = threading.Thread(target=lambda: (turnstile.turn().__enter__(), started.set()))
        thread.start()
        assert not started.wait(0.2)
    assert started.wait(5)
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
        thread.join(5)
    assert outcome == [False] and not thread.is_alive()
