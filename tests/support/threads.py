"""Run one piece of work in several threads at once, for the tests that check thread safety."""
from __future__ import annotations

import threading
from typing import Callable, List, TypeVar

T = TypeVar("T")


def run_in_threads(work: Callable[[], T], threads: int) -> List[T]:
    """Start ``work`` in ``threads`` threads, released together by a barrier; what each returned.

    An exception in any thread fails the calling test (after every thread has finished), so a
    failure inside a thread is never lost.
    """
    barrier = threading.Barrier(threads)
    results: List[T] = []
    errors: List[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(work())
        except Exception as exc:  # surfaced below, in the test's own thread
            errors.append(exc)

    started = [threading.Thread(target=run) for _ in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join()
    assert not errors, errors
    return results
