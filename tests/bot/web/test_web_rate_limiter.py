"""The rate limiter a chatting visitor meets: a burst is fine, a flood waits, time refills."""
from __future__ import annotations

from bot.web.limits import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_burst_up_to_the_limit_then_wait_for_the_next_token() -> None:
    clock = Clock()
    limiter = RateLimiter(per_minute=30, clock=clock)
    assert all(limiter.hit("visitor") is None for _ in range(30))
    wait = limiter.hit("visitor")
    assert wait is not None and 1.9 < wait <= 2.0  # one message every 2 s at 30/min
    clock.now += 2.0
    assert limiter.hit("visitor") is None
    assert limiter.hit("visitor") is not None


def test_keys_are_independent() -> None:
    limiter = RateLimiter(per_minute=1, clock=Clock())
    assert limiter.hit("a") is None
    assert limiter.hit("a") is not None
    assert limiter.hit("b") is None


def test_memory_stays_bounded_under_many_one_off_clients(monkeypatch) -> None:
    import bot.web.limits as limits

    monkeypatch.setattr(limits, "MAX_TRACKED_KEYS", 100)
    clock = Clock()
    limiter = RateLimiter(per_minute=60, clock=clock)
    for index in range(1000):
        limiter.hit(f"client-{index}")
        clock.now += 0.5
    assert len(limiter._buckets) <= 200
