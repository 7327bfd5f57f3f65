"""Presidio-based redaction of personal and special-category data (da/sv/en)."""
