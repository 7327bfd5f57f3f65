"""An export as a stream of text chunks: the CLI writes them to a file, the server to a response.

Memory holds one page of the store and one chunk of output, whatever the store's size.
Every message passes the second scan (:mod:`bot.export.second_scan`) before it is
written; what is left out is counted in :attr:`Export.summary`, never written or logged.
"""
from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Callable, Iterator, List, Optional

from bot.export import jsonl_format, rasa_format
from bot.export.second_scan import SecondScan
from bot.export.summary import ExportSummary
from bot.export.turns import FALLBACK_INTENT, likeliest_intent, message_text
from bot.store.database import Engine
from bot.store.export_reads import MESSAGE_TYPES, count_user_messages, iter_user_messages, skipped_counts
from bot.store.reads import count_export_conversations, iter_export_conversations
from bot.store.retention import as_utc

logger = logging.getLogger(__name__)

FORMATS = ("jsonl", "rasa")
CHUNK_CHARS = 64 * 1024
ProgressCallback = Callable[[int, int], None]


class Export:
    """One export run; iterate :meth:`chunks` once, then read :attr:`summary`."""

    def __init__(
        self,
        engine: Engine,
        fmt: str,
        now: datetime,
        since: Optional[datetime] = None,
        *,
        review_below: float = rasa_format.REVIEW_BELOW,
        batch_size: int = 200,
        scan: Optional[SecondScan] = None,
        on_progress: Optional[ProgressCallback] = None,
    ) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
        self.engine = engine
        self.format = fmt
        self.now = as_utc(now)
        self.since = as_utc(since) if since is not None else None
        self.review_below = review_below
        self.batch_size = batch_size
        self.scan = scan or SecondScan()
        self.on_progress = on_progress
        self.summary = ExportSummary(format=fmt, now=self.now, since=self.since)

    @property
    def content_type(self) -> str:
        """The MIME type of the output."""
        return jsonl_format.CONTENT_TYPE if self.format == "jsonl" else rasa_format.CONTENT_TYPE

    @property
    def suffix(self) -> str:
        """The usual file name ending of the output."""
        return jsonl_format.SUFFIX if self.format == "jsonl" else rasa_format.SUFFIX

    def chunks(self) -> Iterator[str]:
        """The output, in chunks of about :data:`CHUNK_CHARS` characters."""
        started = time.monotonic()
        rows = self._jsonl() if self.format == "jsonl" else self._rasa()
        buffer: List[str] = []
        size = 0
        for text in rows:
            buffer.append(text)
            size += len(text)
            if size >= CHUNK_CHARS:
                yield "".join(buffer)
                buffer, size = [], 0
        if buffer:
            yield "".join(buffer)
        self.summary.second_scan_messages = self.scan.withheld
        self.summary.second_scan_types = self.scan.types.copy()
        self.summary.seconds = time.monotonic() - started
        logger.info(
            "export %s: %d conversations, %d messages; skipped %d expired, %d opted-out "
            "conversations, %d by the second scan %s; %.1f s",
            self.format, self.summary.conversations, self.summary.messages,
            self.summary.expired_messages, self.summary.opted_out_conversations,
            self.summary.second_scan_messages, dict(self.summary.second_scan_types),
            self.summary.seconds,
        )

    def _progress(self, done: int, total: int) -> None:
        if self.on_progress is not None:
            self.on_progress(done, total)

    def _record_skipped(self, type_names: tuple) -> None:
        skipped = skipped_counts(self.engine, self.now, self.since, type_names)
        self.summary.expired_messages = skipped.expired_messages
        self.summary.opted_out_conversations = skipped.opted_out_conversations
        self.summary.opted_out_messages = skipped.opted_out_messages

    def _jsonl(self) -> Iterator[str]:
        total = count_export_conversations(self.engine, self.now, self.since)
        self._record_skipped(MESSAGE_TYPES)
        self._progress(0, total)
        done = 0
        for conversation in iter_export_conversations(
            self.engine, self.now, since=self.since, batch_size=self.batch_size
        ):
            line, messages = jsonl_format.conversation_line(
                self.summary.conversations + 1, conversation, self.scan
            )
            done += 1
            self._progress(done, total)
            if line is None:
                continue
            self.summary.conversations += 1
            self.summary.messages += messages
            yield line

    def _rasa(self) -> Iterator[str]:
        counts = count_user_messages(self.engine, self.now, self.since)
        total = counts["with_intent"]
        self.summary.conversations = counts["conversations"]
        self.summary.without_intent = counts["without_intent"]
        self._record_skipped(("user",))
        self._progress(0, total)
        yield rasa_format.header(self.now, self.since, self.review_below)
        state = _RasaState()
        for fallback in (False, True):
            for message in iter_user_messages(
                self.engine, self.now, self.since, batch_size=self.batch_size * 5, fallback=fallback,
                fallback_intent=FALLBACK_INTENT,
            ):
                state.done += 1
                self._progress(state.done, total)
                yield from self._rasa_example(message.data, fallback, state)
        if not state.started:
            yield rasa_format.nlu_key(empty=True)

    def _rasa_example(self, data: dict, fallback_pass: bool, state: "_RasaState") -> Iterator[str]:
        text = message_text(data)
        if text is None:
            return
        if text.lstrip().startswith("/"):
            self.summary.button_payloads += 1
            return
        intent, fell_back = likeliest_intent(data)
        if intent is None:
            self.summary.without_intent += 1
            return
        if not self.scan.allows(text):
            return
        example_text = rasa_format.training_text(text)
        if not example_text:
            return
        if not state.started:
            state.started = True
            yield rasa_format.nlu_key(empty=False)
        if fallback_pass and not state.fallback_section:
            state.fallback_section = True
            state.intent = None
            yield rasa_format.section_comment(
                "Messages the assistant could not classify (nlu_fallback): review every one."
            )
        if intent.name != state.intent:
            state.intent = intent.name
            yield rasa_format.intent_block(intent.name)
        review = rasa_format.review_reason(intent.confidence, fell_back, self.review_below)
        if review:
            self.summary.review_examples += 1
        self.summary.messages += 1
        yield rasa_format.example(example_text, review, intent.confidence if review else None)


class _RasaState:
    """Where the YAML writer is: inside which intent block, which sections are open."""

    def __init__(self) -> None:
        self.started = False
        self.fallback_section = False
        self.intent: Optional[str] = None
        self.done = 0
