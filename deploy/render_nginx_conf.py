#!/usr/bin/env python3
"""Render deploy/nginx.conf.template for a list of replicas (stdlib only, runs anywhere).

    python3 deploy/render_nginx_conf.py --listen 80 \\
        --replica 10.0.0.11:5005 --replica 10.0.0.12:5005 > /etc/nginx/conf.d/privacybot.conf
    nginx -t && systemctl reload nginx

The tests in tests/deploy/ render the same template with :func:`render`.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Iterable, List, Optional

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
DEFAULT_ACCESS_LOG = "/var/log/nginx/privacybot.access.log"
_ADDRESS = re.compile(r"^[A-Za-z0-9.\-\[\]:]+:\d{1,5}$")


def render(
    listen: str,
    replicas: Iterable[str],
    access_log: str = DEFAULT_ACCESS_LOG,
    template: Optional[Path] = None,
) -> str:
    """The nginx configuration for ``replicas`` (``host:port`` each), listening on ``listen``.

    Raises ValueError on an empty list or an address that is not ``host:port``.
    """
    addresses: List[str] = list(replicas)
    if not addresses:
        raise ValueError("at least one replica (host:port) is needed")
    for address in addresses:
        if not _ADDRESS.match(address):
            raise ValueError(f"not a host:port address: {address!r}")
    # max_fails=1 fail_timeout=10s: one refused connection takes a replica out for 10 s.
    servers = "\n".join(f"    server {a} max_fails=1 fail_timeout=10s;" for a in addresses)
    text = (template or TEMPLATE).read_text(encoding="utf-8")
    return (
        text.replace("@SERVERS@", servers)
        .replace("@LISTEN@", listen)
        .replace("@ACCESS_LOG@", access_log)
    )


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", required=True, help="nginx listen argument, e.g. 80 or 127.0.0.1:8080")
    parser.add_argument("--replica", action="append", required=True, help="host:port of a replica (repeat)")
    parser.add_argument("--access-log", default=DEFAULT_ACCESS_LOG)
    args = parser.parse_args(argv)
    try:
        sys.stdout.write(render(args.listen, args.replica, args.access_log))
    except ValueError as exc:
        print(f"render_nginx_conf: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
