"""A local webhook receiver (http.server in a thread on 127.0.0.1; the test
settings allow private targets) and the partner keys that register endpoints."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from partners.models import PartnerKey
from tests.dues.utils import make_grid
from tests.governance.utils import grid_2025, make_meeting, member_paid, member_waived
from webhooks.services import endpoint_create


class Receiver(ThreadingHTTPServer):
    """Records every request; answers `status` (and `location`, if set)."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, dict, bytes]] = []
        self.status = 200
        self.location = None
        self.answer = b"ok"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hooks/metropolis"


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        self.server.requests.append((self.path, dict(self.headers), body))
        self.send_response(self.server.status)
        if self.server.location:
            self.send_header("Location", self.server.location)
        self.send_header("Content-Length", str(len(self.server.answer)))
        self.end_headers()
        self.wfile.write(self.server.answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    server = Receiver()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def read_key(key_owner):
    key, _ = PartnerKey.objects.create_key(name="CRM", owner=key_owner, scope="read")
    return key


@pytest.fixture
def write_key(key_owner):
    key, _ = PartnerKey.objects.create_key(
        name="Back office", owner=key_owner, scope="write"
    )
    return key


@pytest.fixture
def endpoint_of():
    """endpoint_of(key, url, events) -> a new endpoint through the service."""

    def make(key, url, events=("member.updated",)):
        return endpoint_create(key=key, url=url, events=list(events))

    return make


@pytest.fixture
def grid():
    return make_grid()


@pytest.fixture
def assembly():
    """A held General Assembly, as tests/governance/conftest.py makes it."""
    grid_2025()
    meeting = make_meeting()
    meeting.paid = [member_paid("Barcelona"), member_paid("Berlin")]
    meeting.waived = member_waived("Lagos")
    return meeting
