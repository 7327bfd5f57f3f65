"""Fixtures for the production-topology tests: replicas of `privacybot serve` behind nginx
on PostgreSQL and Redis, all real processes on loopback ports (see deploy_cluster.py).

One cluster (two replicas, nginx, proxies, a PostgreSQL schema of its own) is started
once per test session and shared; a test that kills a replica or cuts a proxy leaves it
to :meth:`Cluster.ensure_running` to put things back before the next test.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from bot import paths, settings
from deploy_cluster import Cluster

# Replicas purge every 2 s in small batches, so a purge lasts long enough for the other
# replica's schedule to find the lock taken (test_deploy_replicas.py).
PURGE_INTERVAL_SECONDS = 2
PURGE_BATCH_SIZE = 200


@pytest.fixture(scope="session")
def model_dir() -> Path:
    """The model directory with a trained model (trained now if missing: slow, once).

    The cluster serves a pinned copy of it (deploy_cluster.pinned_model_dir), so replicas
    never retrain on their own, even when data/ changes during the run.
    """
    directory = Path(settings.load().model_dir)
    if paths.newest_model(directory) is None:
        from bot.commands.train import train_model

        assert train_model(directory) == 0, "training the model for the deploy tests failed"
    return directory


@pytest.fixture(scope="session")
def cluster_base(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> Iterator[Cluster]:
    """Two replicas behind nginx, migrated with `privacybot migrate` first, as documented."""
    cluster = Cluster(
        tmp_path_factory.mktemp("deploy-cluster"),
        model_dir,
        replicas=2,
        extra_env={
            "PRIVACYBOT_PURGE_INTERVAL_SECONDS": str(PURGE_INTERVAL_SECONDS),
            "PRIVACYBOT_PURGE_BATCH_SIZE": str(PURGE_BATCH_SIZE),
        },
    )
    try:
        migrated = cluster.migrate()
        assert migrated.returncode == 0, migrated.stderr
        assert "migrated from empty to revision" in migrated.stdout, migrated.stdout
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def cluster(cluster_base: Cluster) -> Cluster:
    """The session's cluster with every replica up and both proxies forwarding."""
    cluster_base.ensure_running()
    return cluster_base
