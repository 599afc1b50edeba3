"""A real HTTP server on loopback for ingestion tests: recorded payloads and the faults.

Import the fixtures into a test module: ``from tests.ingest.support import feed_server``.
"""

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "data" / "ingest"


def recorded(name: str) -> bytes:
    return (DATA / name).read_bytes()


@dataclass
class Route:
    """What one path answers: a body with a status, or a fault."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/json"
    delay: float = 0.0  # seconds before answering, for timeouts
    truncate: bool = False  # promise the whole body, send half, hang up
    drip: float = 0.0  # seconds between single bytes of the body, for the overall deadline
    drip_headers: float = 0.0  # the same for the status line and headers


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server API
                path = self.path.split("?")[0]
                server.hits[path] = server.hits.get(path, 0) + 1
                route = server.routes.get(path, Route(b"not found", 404, "text/plain"))
                if route.delay:
                    time.sleep(route.delay)
                if route.drip_headers:
                    head = (
                        f"HTTP/1.1 {route.status} OK\r\nContent-Type: {route.content_type}\r\n"
                        f"Content-Length: {len(route.body)}\r\n\r\n"
                    ).encode()
                    try:
                        for offset in range(len(head)):
                            self.wfile.write(head[offset : offset + 1])
                            self.wfile.flush()
                            time.sleep(route.drip_headers)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                if route.truncate:
                    self.wfile.write(route.body[: len(route.body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                try:
                    if route.drip:
                        for offset in range(len(route.body)):
                            self.wfile.write(route.body[offset : offset + 1])
                            self.wfile.flush()
                            time.sleep(route.drip)
                    else:
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the timeout and deadline tests)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def serve(self, path: str, body: bytes | dict | list, **options) -> str:
        """Answer ``path`` with ``body`` (JSON-encoded unless bytes); returns its URL."""
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
        self.routes[path] = Route(body=body, **options)
        return self.url(path)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed_server():
    server = FeedServer()
    yield server
    server.close()


@pytest.fixture
def fast_fetch(settings):
    """Short timeouts and no waiting between retries, so fault tests stay fast."""
    settings.INGEST_FETCH_TIMEOUT_SECONDS = 0.5
    settings.INGEST_FETCH_BACKOFF_SECONDS = 0
    settings.INGEST_FETCH_RETRIES = 1
    return settings
