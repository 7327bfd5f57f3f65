"""A one-line progress bar on stderr — only when stderr is a terminal."""
from __future__ import annotations

import sys
import time
from typing import Optional, TextIO

WIDTH = 30
MIN_INTERVAL_SECONDS = 0.1


class ProgressBar:
    """Call with (done, total); redraws at most every 0.1 s. Silent when not on a terminal."""

    def __init__(self, unit: str, stream: Optional[TextIO] = None, force: bool = False) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.unit = unit
        self.enabled = force or _isatty(self.stream)
        self._started = time.monotonic()
        self._last_draw = 0.0
        self._drawn = False
        self._last = (0, 0)

    def __call__(self, done: int, total: int) -> None:
        self._last = (done, total)
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last_draw < MIN_INTERVAL_SECONDS:
            return
        self._last_draw = now
        self._draw(done, total, now)

    def _draw(self, done: int, total: int, now: float) -> None:
        fraction = min(1.0, done / total) if total else 1.0
        filled = int(round(fraction * WIDTH))
        bar = "#" * filled + "-" * (WIDTH - filled)
        self.stream.write(
            f"\r[{bar}] {fraction * 100:5.1f}% {done}/{total} {self.unit} {now - self._started:6.1f} s"
        )
        self.stream.flush()
        self._drawn = True

    def finish(self) -> None:
        """Draw the final state and end the line."""
        if not self.enabled:
            return
        done, total = self._last
        self._draw(done, max(total, done), time.monotonic())
        self.stream.write("\n")
        self.stream.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
