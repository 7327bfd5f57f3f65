"""Typed errors of the transcript store, with messages fit to print to an operator.

Messages name the database (password hidden) and the kind of failure, never any
conversation content.
"""
from __future__ import annotations


class StoreError(RuntimeError):
    """Base class of the transcript store's errors.

    Deliberately not an ``ImportError``/``AttributeError``: Rasa silently falls back to
    an in-memory tracker store when a custom store's constructor raises one of those,
    which would drop every conversation on the floor.
    """


class StoreUnavailable(StoreError):
    """The database cannot be reached or did not answer; the request may be retried.

    The web server answers 503. The pool checks connections before use, so once the
    database is back the next request works without restarting anything.
    """


class DatabaseUnavailable(StoreUnavailable):
    """Raised by ``check_database`` at start-up: the configured database is unusable."""


class PurgeAlreadyRunning(StoreError):
    """Another process holds the purge lock; this purge did not run."""
