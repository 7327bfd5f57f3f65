"""nginx (deploy/nginx.conf.template) closes idle and slow client connections itself."""
from __future__ import annotations

import re
import socket
import time

from deploy_cluster import Nginx, _render_module, free_port

# What the template promises (docs/web-server.md lists the same values).
EXPECTED = {
    "client_header_timeout": "10s",
    "client_body_timeout": "10s",
    "keepalive_timeout": "15s",
    "send_timeout": "10s",
}
GRACE_SECONDS = 4.0  # nginx checks its timers at its own pace; not a speed assertion


def test_the_template_sets_header_body_keepalive_and_send_timeouts() -> None:
    rendered = _render_module().render("127.0.0.1:8080", ["127.0.0.1:5005"], "/tmp/access.log")
    for directive, value in EXPECTED.items():
        assert re.search(rf"^\s*{directive}\s+{value};", rendered, re.MULTILINE), directive


def closed_within(sock: socket.socket, seconds: float) -> bool:
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass  # e.g. nginx's 408 page before it closes
        return True
    except ConnectionError:
        return True
    except socket.timeout:
        return False


def test_idle_and_slow_header_connections_are_closed_by_nginx(tmp_path) -> None:
    nginx = Nginx([f"127.0.0.1:{free_port()}"], tmp_path / "nginx")  # no replica needed
    nginx.start()
    try:
        idle = [socket.create_connection(("127.0.0.1", nginx.port)) for _ in range(20)]
        slow = socket.create_connection(("127.0.0.1", nginx.port))
        slow.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")  # headers never finished
        began = time.monotonic()
        header_timeout = float(EXPECTED["client_header_timeout"].rstrip("s"))
        assert closed_within(slow, header_timeout + GRACE_SECONDS)
        left = max(0.5, header_timeout + GRACE_SECONDS - (time.monotonic() - began))
        assert all(closed_within(s, left) for s in idle)
        for s in idle + [slow]:
            s.close()
    finally:
        nginx.stop()
