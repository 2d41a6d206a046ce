"""One POST to a checked address, by the standard library's http.client.

The connection goes to `target.address` (checked by webhooks.targets), with
the URL's host name in the Host header and as the TLS server name, so that
the certificate is verified for the name the partner registered. Redirects
are not followed (http.client never does); at most RESPONSE_LIMIT bytes of the
answer are read; every socket operation has a timeout.
"""

import http.client
import socket
import ssl
import time
from dataclasses import dataclass

from webhooks.targets import Target

TIMEOUT = 10  # seconds, for the connection and for each read
RESPONSE_LIMIT = 64 * 1024  # bytes of the answer kept for the log


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    elapsed_ms: int


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, target: Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self.address = target.address

    def connect(self):
        self.sock = socket.create_connection(
            (self.address, self.port), timeout=self.timeout
        )
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, target: Target, timeout: float):
        super().__init__(
            target.host,
            target.port,
            timeout=timeout,
            context=ssl.create_default_context(),
        )
        self.address = target.address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), timeout=self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(target: Target, body: bytes, headers: dict[str, str]) -> Answer:
    """POST `body` to `target`; raises OSError (timeouts, refusals, TLS) and
    http.client.HTTPException on a broken answer."""
    kind = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = kind(target, timeout=TIMEOUT)
    started = time.monotonic()
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read(RESPONSE_LIMIT)
    finally:
        connection.close()
    elapsed = round((time.monotonic() - started) * 1000)
    return Answer(status=response.status, body=data, elapsed_ms=elapsed)
