"""A real SMTP server on loopback for tests that need to start it on a chosen port."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.support.network import free_port


class Collector:
    """Keeps every message the server accepts, parsed as a mail client would; refuses (550)
    the recipients listed in `refused`."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refused: set[str] = set()

    async def handle_RCPT(self, _server, _session, envelope, address, _options) -> str:
        if address in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, _server, _session, envelope) -> str:
        self.messages.append(BytesParser(policy=policy.default).parsebytes(envelope.content))
        return "250 Message accepted for delivery"


@contextmanager
def collecting_smtp_server(port: int) -> Iterator[Collector]:
    """An SMTP server on 127.0.0.1:`port` for the length of the block."""
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield collector
    finally:
        controller.stop()


@dataclass
class TlsSmtpServer:
    """A running TLS SMTP server, the CA its certificate is signed by, and who logged in."""

    port: int
    collector: Collector
    ca_file: Path  # PEM of the throwaway CA: trusted by nothing until a test says so
    logins: list[str] = field(default_factory=list)

    def authenticate(self, _server, _session, _envelope, _mechanism, auth_data) -> AuthResult:
        """Accepts any password; records the user name."""
        if isinstance(auth_data, LoginPassword):
            self.logins.append(auth_data.login.decode())
        return AuthResult(success=True)


@contextmanager
def tls_smtp_server(directory: Path, *, implicit: bool) -> Iterator[TlsSmtpServer]:
    """An SMTP server on 127.0.0.1 with a certificate for 127.0.0.1 from a throwaway CA whose PEM
    is written to `directory`: STARTTLS required before any mail (`implicit=False`), or TLS from
    the first byte (`implicit=True`, as on port 465). AUTH is offered over TLS only."""
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    ca_file = directory / "smtp-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    server = TlsSmtpServer(port=free_port(), collector=Collector(), ca_file=ca_file)
    tls = (
        {"ssl_context": context, "auth_require_tls": False}  # the whole connection is TLS already
        if implicit
        else {"tls_context": context, "require_starttls": True}
    )
    controller = Controller(
        server.collector, hostname="127.0.0.1", port=server.port, authenticator=server.authenticate, **tls
    )
    controller.start()
    try:
        yield server
    finally:
        controller.stop()
