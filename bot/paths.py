"""Where the Rasa project's files live (the repo root is a normal Rasa project)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

from bot.settings import REPO_ROOT

CONFIG_FILE = REPO_ROOT / "config.yml"
DOMAIN_FILE = REPO_ROOT / "domain.yml"
ENDPOINTS_FILE = REPO_ROOT / "endpoints.yml"
CREDENTIALS_FILE = REPO_ROOT / "credentials.yml"
DATA_DIR = REPO_ROOT / "data"
TRAINING_FILES = (CONFIG_FILE, DOMAIN_FILE, DATA_DIR / "nlu", DATA_DIR / "rules.yml", DATA_DIR / "stories.yml")


def newest_model(model_dir: Path) -> Optional[Path]:
    """The most recently written model archive in ``model_dir``, or None."""
    models = sorted(Path(model_dir).glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def _files(paths: Iterable[Path]) -> Iterable[Path]:
    for path in paths:
        if path.is_dir():
            yield from (p for p in path.rglob("*") if p.is_file())
        elif path.exists():
            yield path


def model_is_current(model_dir: Path) -> bool:
    """True when a model exists and is newer than every training input."""
    model = newest_model(model_dir)
    if model is None:
        return False
    built = model.stat().st_mtime
    return all(f.stat().st_mtime <= built for f in _files(TRAINING_FILES))
