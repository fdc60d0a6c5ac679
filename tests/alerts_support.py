"""Real servers for the alert tests: a database copy, the API with a token, webhook receivers, SMTP."""

from __future__ import annotations

import http.server
import json
import socket
import sqlite3
import ssl
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn


def copy_db(src: Path, dst: Path) -> Path:
    """A private copy of a database (SQLite's backup: consistent even in WAL mode)."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return dst


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_app(app: Any) -> tuple[str, uvicorn.Server, threading.Thread]:
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", srv, thread


@dataclass
class Receiver:
    """A webhook receiver: mode 'ok' (200), 'error' (500) or 'hang' (answers after `hang` seconds)."""

    mode: str = "ok"
    hang: float = 5.0
    requests: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""
    server: http.server.ThreadingHTTPServer | None = None

    def start(self) -> Receiver:
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                if receiver.mode == "hang":
                    time.sleep(receiver.hang)
                status = 500 if receiver.mode == "error" else 200
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    def payloads(self) -> list[dict[str, Any]]:
        return [json.loads(r["body"]) for r in self.requests]


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made by openssl."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
                    "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, capture_output=True)
    return cert, key


class Mailbox:
    """aiosmtpd's handler: keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 OK"


def smtp_server(folder: Path, *, starttls: bool = True) -> tuple[Any, Mailbox, ssl.SSLContext]:
    """A real SMTP server (aiosmtpd) on a free port, requiring STARTTLS unless starttls=False;
    returns the controller, the mailbox and a client TLS context that trusts its certificate."""
    from aiosmtpd.controller import Controller

    cert, key = self_signed(folder)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    box = Mailbox()
    kwargs: dict[str, Any] = {"tls_context": server_tls, "require_starttls": True} if starttls else {}
    controller = Controller(box, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    return controller, box, ssl.create_default_context(cafile=str(cert))
