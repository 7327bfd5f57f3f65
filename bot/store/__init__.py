"""The transcript store: the one place where conversations live.

Every event is redacted before it is written and expires ``retention_days`` after it
was collected (see docs/retention.md). Modules, one job each:

- :mod:`bot.store.tracker_store` — ``RetentionTrackerStore``, Rasa's tracker store (endpoints.yml)
- :mod:`bot.store.lock_store` — ``ConfiguredLockStore``: Redis when configured, in-memory otherwise
- :mod:`bot.store.conversations` — conversation rows: secret, training opt-out, delete now
- :mod:`bot.store.reads` — events for download and streaming export (never expired ones)
- :mod:`bot.store.stats` — counts for `privacybot stats` and the admin page (never content)
- :mod:`bot.store.purge` — deleting expired events in batches, the audit table, the schedule
- :mod:`bot.store.database` — engines, first-use migrations, ``check_database``, error mapping
- :mod:`bot.store.retention` — the clock and the expiry rule
- :mod:`bot.store.schema` — the tables (changed only through bot/migrations)
"""
from bot.store.errors import DatabaseUnavailable, StoreError, StoreUnavailable

__all__ = ["DatabaseUnavailable", "StoreError", "StoreUnavailable"]
