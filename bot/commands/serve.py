"""`privacybot serve`: the chat server (REST webhook, widget, socket.io) with the agent in-process."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bot import logging_setup, paths
from bot.commands.train import train_model
from bot.serving.workers import serve_workers
from bot.settings import Config
from bot.store.database import check_database
from bot.store.errors import DatabaseUnavailable

NAME = "serve"
HELP = (
    "Serve the chat on http://HOST:PORT (default 127.0.0.1:5005): the widget's demo page, "
    "/health, /webhooks/rest/webhook and /socket.io. Trains the model first if it is "
    "missing or older than the training data."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="address to listen on (default: PRIVACYBOT_HOST, 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port to listen on (default: PRIVACYBOT_PORT, 5005)")


def _fail(message: str, code: int) -> int:
    print(f"privacybot: {message}", file=sys.stderr, flush=True)
    return code


def run(args: argparse.Namespace, config: Config) -> int:
    started = time.monotonic()
    config = config.replace(
        host=args.host or config.host, port=args.port if args.port else config.port
    )
    logging_setup.configure(config.log_level)

    # Here, not at the top: the CLI imports every command to build its parser, and this pulls
    # in Redis, which only `serve` needs.
    from bot.serving import topology

    try:
        topology.check_topology(config)  # several processes need PostgreSQL and Redis
    except topology.TopologyError as exc:
        return _fail(f"configuration error: {exc}", 2)
    try:
        check_database(config)
        if config.redis_url:
            topology.check_redis(config.redis_url)
    except (DatabaseUnavailable, topology.LockStoreUnreachable) as exc:
        return _fail(str(exc), 3)

    model_dir = Path(config.model_dir)
    if not paths.model_is_current(model_dir):
        had_model = paths.newest_model(model_dir) is not None
        print("privacybot: training the model (missing or older than the training data)", file=sys.stderr, flush=True)
        if train_model(model_dir) != 0:
            if not had_model:
                return _fail("training failed and there is no model to serve; see the output above", 4)
            print("privacybot: training failed; serving the previous model", file=sys.stderr, flush=True)
        started = time.monotonic()  # the 30-second start-up promise is about serving, not training

    if config.workers > 1:
        return serve_workers(config, started)  # each worker builds the app: the supervisor never loads it

    # Here, not at the top: the app imports aiohttp, Rasa's channels and the redactor (seconds).
    from bot.app import create_app
    from bot.serving import server

    try:
        app = create_app(config, started_at=started)
    except ValueError as exc:  # an unknown name in PRIVACYBOT_DISABLED_RECOGNIZERS
        return _fail(f"configuration error: {exc}", 2)
    print(f"privacybot: listening on http://{config.host}:{config.port} (model loading)", file=sys.stderr, flush=True)
    try:
        server.run(app, host=config.host, port=config.port)  # run_app with connection limits
    except OSError as exc:
        return _fail(f"cannot listen on {config.host}:{config.port}: {exc.strerror or exc}", 5)
    return 0
