"""Alembic migrations of the transcript store (run by `privacybot migrate` and on first use)."""
