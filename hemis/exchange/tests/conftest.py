import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class FakeRegistry:
    """A central registry on 127.0.0.1 (never an outside host): answers the statuses of ``answers`` in
    turn (the last one from then on) and keeps each request it got."""

    def __init__(self, answers: list[int]):
        self.answers = list(answers)
        self.requests: list[dict] = []
        registry = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                registry.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": json.loads(body)}
                )
                status = registry.answers.pop(0) if len(registry.answers) > 1 else registry.answers[0]
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"success": %s}' % (b"true" if status < 300 else b"false"))

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/api/exchange"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def registry(settings):
    def start(answers):
        fake = FakeRegistry(answers)
        settings.EXCHANGE_TRANSPORT = "hemis.exchange.transports.HttpTransport"
        settings.EXCHANGE_URL = fake.url
        settings.EXCHANGE_TOKEN = "central-secret"
        settings.EXCHANGE_TIMEOUT = 5
        return fake

    return start


@pytest.fixture(autouse=True)
def outbox(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.EXCHANGE_TRANSPORT = "hemis.exchange.transports.FileTransport"
    return tmp_path / "exchange" / "outbox"
