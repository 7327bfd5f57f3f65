"""Redacted training exports of stored conversations (`privacybot export`, GET /admin/export).

- :mod:`bot.export.stream` — what ``since`` means; what is read (never expired events,
  never conversations whose customer opted out) and the counts of what is skipped are
  queries in :mod:`bot.store.export_reads` and :mod:`bot.store.reads`
- :mod:`bot.export.second_scan` — every message is redacted once more; a hit is withheld
- :mod:`bot.export.jsonl_format`, :mod:`bot.export.rasa_format` — the two output formats
- :mod:`bot.export.exporter` — the export as a stream of text chunks (CLI and HTTP alike)
- :mod:`bot.export.safe_path` — the output file: exactly the path given, written atomically
- :mod:`bot.export.progress` — the progress bar on a terminal

Design notes: docs/export.md.
"""
from bot.export.exporter import FORMATS, Export
from bot.export.summary import ExportSummary

__all__ = ["FORMATS", "Export", "ExportSummary"]
