"""Start-up refusals: settings under which several processes would interleave or lose
messages stop `privacybot serve` with one readable line, before it listens."""
from __future__ import annotations

import subprocess

import pytest

from deploy_cluster import PRIVACYBOT, REPO_ROOT, PgSchema, clean_env, free_port, port_open


def serve(**env: str) -> "tuple[subprocess.CompletedProcess, int]":
    port = free_port()
    result = subprocess.run(
        [PRIVACYBOT, "serve", "--port", str(port)],
        cwd=REPO_ROOT,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result, port


def one_line(result: subprocess.CompletedProcess) -> str:
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    return lines[0]


def test_several_workers_on_sqlite_are_refused(tmp_path) -> None:
    result, port = serve(
        PRIVACYBOT_WORKERS="2",
        PRIVACYBOT_DATABASE_URL=f"sqlite:///{tmp_path / 'transcripts.db'}",
        PRIVACYBOT_REDIS_URL="redis://127.0.0.1:6379/11",
    )
    assert result.returncode == 2
    line = one_line(result)
    assert line.startswith("privacybot: configuration error: PRIVACYBOT_WORKERS=2 needs PostgreSQL")
    assert "PRIVACYBOT_DATABASE_URL=postgresql://" in line
    assert "PRIVACYBOT_REDIS_URL" not in line  # Redis is configured; only the database is wrong
    assert not port_open(port)
    assert not (tmp_path / "transcripts.db").exists()  # refused before touching the store


def test_several_workers_without_redis_are_refused() -> None:
    # The database is not even contacted: the shape of the deployment is checked first.
    result, port = serve(
        PRIVACYBOT_WORKERS="3",
        PRIVACYBOT_DATABASE_URL=f"postgresql://nobody@127.0.0.1:{free_port()}/gone",
    )
    assert result.returncode == 2
    line = one_line(result)
    assert "PRIVACYBOT_WORKERS=3 needs PostgreSQL and Redis" in line
    assert "set PRIVACYBOT_REDIS_URL=redis://" in line
    assert "SQLite" not in line
    assert not port_open(port)


@pytest.mark.postgres
@pytest.mark.redis
def test_unreachable_redis_is_a_readable_start_up_error_with_the_password_hidden() -> None:
    schema = PgSchema()
    try:
        migrated = subprocess.run(
            [PRIVACYBOT, "migrate"], cwd=REPO_ROOT, env=clean_env(PRIVACYBOT_DATABASE_URL=schema.url),
            capture_output=True, text=True, timeout=120,
        )
        assert migrated.returncode == 0, migrated.stderr
        dead = free_port()
        result, port = serve(
            PRIVACYBOT_WORKERS="2",
            PRIVACYBOT_DATABASE_URL=schema.url,
            PRIVACYBOT_REDIS_URL=f"redis://:hunter2secret@127.0.0.1:{dead}/11",
        )
    finally:
        schema.drop()
    assert result.returncode == 3
    line = one_line(result)
    assert line.startswith(f"privacybot: cannot use the conversation lock store at redis://:***@127.0.0.1:{dead}/11")
    assert "Connection refused" in line and "PRIVACYBOT_REDIS_URL" in line
    assert "hunter2secret" not in result.stdout + result.stderr
    assert not port_open(port)
