"""The store's files on disk: where an SQLite URL keeps its database, and advisory file locks.

Used by the engine set-up, the migrations and the purge alike (so ``migrations`` need not
import ``database``, which runs the migrations).
"""
from __future__ import annotations

import contextlib
import fcntl
from pathlib import Path
from typing import Iterator, Optional

from sqlalchemy.engine.url import URL


def sqlite_path(url: URL) -> Optional[Path]:
    """The database file of an SQLite URL, or None for an in-memory database."""
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


@contextlib.contextmanager
def file_lock(path: Path, blocking: bool) -> Iterator[bool]:
    """An exclusive advisory lock on ``path`` (released when the process dies).

    Yields whether the lock was obtained (always True when ``blocking``).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        flags = fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB
        try:
            fcntl.flock(handle.fileno(), flags)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
