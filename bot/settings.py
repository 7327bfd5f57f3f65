"""Every setting of the product, declared once.

Each setting has a name (its environment variable), a type, a default and a help
text. The CLI (`privacybot settings`), validation and the README table are all
derived from ``SETTINGS``; ``tests/bot/test_docs_complete.py`` fails when a
setting is missing from the README.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple

REPO_ROOT = Path(__file__).resolve().parent.parent


class SettingError(ValueError):
    """A setting has a value that cannot be used; the message says which and why."""


def _bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError("expected true/false")


def _positive_int(raw: str) -> int:
    value = int(raw)
    if value <= 0:
        raise ValueError("expected a whole number above 0")
    return value


def _non_negative_int(raw: str) -> int:
    value = int(raw)
    if value < 0:
        raise ValueError("expected a whole number, 0 or above")
    return value


def _csv(raw: str) -> Tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(",") if part.strip())


def _str(raw: str) -> str:
    return raw


@dataclass(frozen=True)
class Setting:
    """One configuration value read from the environment."""

    name: str
    default: str
    help: str
    parse: Callable[[str], Any] = _str
    secret: bool = False

    @property
    def attr(self) -> str:
        """The attribute name on :class:`Config` (``PRIVACYBOT_`` prefix dropped, lower case)."""
        return self.name.removeprefix("PRIVACYBOT_").lower()


DEFAULT_SQLITE_URL = f"sqlite:///{REPO_ROOT / 'data' / 'store' / 'transcripts.db'}"

SETTINGS: List[Setting] = [
    Setting("PRIVACYBOT_HOST", "127.0.0.1", "Address `privacybot serve` listens on."),
    Setting("PRIVACYBOT_PORT", "5005", "Port `privacybot serve` listens on.", _positive_int),
    Setting(
        "PRIVACYBOT_WORKERS",
        "1",
        "Number of server worker processes `privacybot serve` starts on the port "
        "(more than 1 needs PostgreSQL and Redis).",
        _positive_int,
    ),
    Setting(
        "PRIVACYBOT_DATABASE_URL",
        DEFAULT_SQLITE_URL,
        "SQLAlchemy URL of the transcript store. Default: an SQLite file under data/store/, "
        "created on first use. Production: postgresql://user@host:5432/db.",
    ),
    Setting(
        "PRIVACYBOT_REDIS_URL",
        "",
        "Redis URL for Rasa's lock store (redis://host:6379/0). Empty: an in-process lock "
        "store, fine for one process only.",
    ),
    Setting(
        "PRIVACYBOT_RETENTION_DAYS",
        "180",
        "Days a chat message is kept after it was collected. OK's policy, section 3: "
        "\"Oplysninger indsamlet i vores chat-funktion på www.ok.dk slettes senest efter 180 dage.\"",
        _positive_int,
    ),
    Setting(
        "PRIVACYBOT_PURGE_INTERVAL_SECONDS",
        "3600",
        "How often `privacybot serve` purges expired messages (0 turns the schedule off).",
        _non_negative_int,
    ),
    Setting(
        "PRIVACYBOT_PURGE_BATCH_SIZE",
        "5000",
        "Events deleted per purge transaction; smaller batches hold locks for less time.",
        _positive_int,
    ),
    Setting(
        "PRIVACYBOT_MODEL_DIR",
        str(REPO_ROOT / "models"),
        "Directory holding trained Rasa models; the newest is served.",
    ),
    Setting(
        "PRIVACYBOT_ADMIN_TOKEN",
        "",
        "Bearer token for the /admin/ routes. Empty: the admin routes are off.",
        secret=True,
    ),
    Setting(
        "PRIVACYBOT_CORS_ORIGINS",
        "",
        "Comma-separated origins allowed to call the chat API from a browser "
        "(e.g. https://www.ok.dk). The server's own origin is always allowed.",
        _csv,
    ),
    Setting(
        "PRIVACYBOT_MAX_MESSAGE_CHARS",
        "2000",
        "Longest chat message accepted, in characters; longer ones get a 413 error.",
        _positive_int,
    ),
    Setting(
        "PRIVACYBOT_MAX_REQUEST_BYTES",
        "65536",
        "Largest request body accepted, in bytes; larger ones get a 413 error.",
        _positive_int,
    ),
    Setting(
        "PRIVACYBOT_RATE_LIMIT_CONVERSATION",
        "30",
        "Messages one conversation may send per minute before getting 429 errors.",
        _positive_int,
    ),
    Setting(
        "PRIVACYBOT_RATE_LIMIT_CLIENT",
        "120",
        "Requests one client address may make per minute before getting 429 errors.",
        _positive_int,
    ),
    Setting(
        "PRIVACYBOT_RATE_LIMIT_ADMIN",
        "30",
        "Requests one client address may make to the /admin/ routes per minute (wrong tokens: "
        "at most 5 per minute) before getting 429 errors.",
        _positive_int,
    ),
    Setting(
        "PRIVACYBOT_TRUST_PROXY",
        "false",
        "Take the client address from X-Forwarded-For (only behind a proxy you run, e.g. nginx).",
        _bool,
    ),
    Setting(
        "PRIVACYBOT_DISABLED_RECOGNIZERS",
        "",
        "Comma-separated redaction recognizer names to switch off (see `privacybot recognizers`).",
        _csv,
    ),
    Setting(
        "PRIVACYBOT_LOG_LEVEL",
        "INFO",
        "Log level (DEBUG, INFO, WARNING, ERROR). No level ever logs a message's text.",
    ),
]

_BY_NAME: Dict[str, Setting] = {s.name: s for s in SETTINGS}


class Config:
    """Parsed settings, accessed as attributes: ``config.database_url``."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = dict(values)

    def __getattr__(self, attr: str) -> Any:
        try:
            return self._values[attr]
        except KeyError:
            raise AttributeError(f"no setting called {attr!r}") from None

    def as_dict(self, reveal_secrets: bool = False) -> Dict[str, Any]:
        """The settings by environment name; secrets are masked unless asked for."""
        out = {}
        for setting in SETTINGS:
            value = self._values[setting.attr]
            if setting.secret and value and not reveal_secrets:
                value = "***"
            out[setting.name] = value
        return out

    def replace(self, **changes: Any) -> "Config":
        """A copy with some values changed (used by CLI flags and tests)."""
        values = dict(self._values)
        for key, value in changes.items():
            if key not in values:
                raise AttributeError(f"no setting called {key!r}")
            values[key] = value
        return Config(values)


def load(env: Optional[Mapping[str, str]] = None) -> Config:
    """Read every setting from ``env`` (default: the process environment).

    Raises :class:`SettingError` naming the variable, the bad value's problem and
    the expected form, so a misconfigured deployment fails at start-up, not later.
    """
    env = os.environ if env is None else env
    unknown = sorted(k for k in env if k.startswith("PRIVACYBOT_") and k not in _BY_NAME)
    if unknown:
        raise SettingError(
            f"unknown setting(s) {', '.join(unknown)}; known settings: `privacybot settings`"
        )
    values: Dict[str, Any] = {}
    for setting in SETTINGS:
        raw = env.get(setting.name, setting.default)
        try:
            values[setting.attr] = setting.parse(raw)
        except ValueError as exc:
            raise SettingError(f"{setting.name}={raw!r} is not valid: {exc}") from None
    return Config(values)


def markdown_table(settings: Iterable[Setting] = SETTINGS) -> str:
    """The settings as a Markdown table (pasted into the README)."""
    rows = ["| Setting | Default | What it does |", "| --- | --- | --- |"]
    for s in settings:
        default = s.default.replace(str(REPO_ROOT), "<repo>") if s.default else "(empty)"
        rows.append(f"| `{s.name}` | `{default}` | {s.help} |")
    return "\n".join(rows)
