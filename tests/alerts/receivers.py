"""Real local receivers for delivery tests: an HTTP robot endpoint and an SMTP server, loopback only."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


class Robot:
    """What the HTTP receiver got, and the statuses it will answer (then 200 with errcode 0)."""

    def __init__(self, statuses: list[int] | None = None) -> None:
        self.statuses = list(statuses or [])
        self.received: list[tuple[str, dict]] = []
        self.lock = threading.Lock()


def _handler(robot: Robot) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with robot.lock:
                status = robot.statuses.pop(0) if robot.statuses else 200
                robot.received.append((self.path, {"status": status, **json.loads(body)}))
            answer = json.dumps({"errcode": 0 if status == 200 else 500}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

    return Handler


@contextmanager
def http_robot(statuses: list[int] | None = None) -> Iterator[tuple[str, Robot]]:
    """A webhook receiver on a free loopback port: yields (base URL, Robot)."""
    robot = Robot(statuses)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(robot))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", robot
    finally:
        server.shutdown()
        server.server_close()


class Inbox:
    """aiosmtpd handler that keeps every message it is handed."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001, N802
        self.messages.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 OK"


def free_port() -> int:
    """A port nobody listens on right now (loopback)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_server() -> Iterator[tuple[int, Inbox]]:
    """A fresh aiosmtpd server on a free loopback port: yields (port, Inbox)."""
    inbox = Inbox()
    port = free_port()
    ctl = Controller(inbox, hostname="127.0.0.1", port=port)
    ctl.start()
    try:
        yield port, inbox
    finally:
        ctl.stop()
