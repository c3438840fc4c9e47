"""Mail in tests: a real SMTP server on a local port (aiosmtpd), and the outbox folder.

``smtp_server`` (a fixture in ``tests/conftest.py``) starts a server that keeps
every message it receives; the app is pointed at it with ``use(app)``. Without
a server the app writes each message to ``MAIL_OUTBOX``, read by ``outbox``.
"""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

LINK = re.compile(r"https?://\S+")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parse(data: bytes) -> EmailMessage:
    return message_from_bytes(data, policy=policy.default)


@dataclass
class Handler:
    received: list[EmailMessage] = field(default_factory=list)
    #: Recipients the server refuses (550), to test a message the server does not accept.
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(parse(envelope.content))
        return "250 Message accepted for delivery"


class SMTPServer:
    """An SMTP server on 127.0.0.1 that keeps what it receives."""

    def __init__(self):
        self.handler = Handler()
        self.port = free_port()
        #: (user, password) pairs that logged in.
        self.logins: list[tuple[str, str]] = []
        self.controller = Controller(
            self.handler,
            hostname="127.0.0.1",
            port=self.port,
            authenticator=self._authenticate,
            auth_require_tls=False,
        )

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword):
            self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()

    def use(self, app) -> None:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=self.port, MAIL_TIMEOUT=5)

    @property
    def messages(self) -> list[EmailMessage]:
        return list(self.handler.received)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.handler.received if m["To"] == address]

    @property
    def refuse(self) -> set[str]:
        return self.handler.refuse


def outbox(app) -> list[EmailMessage]:
    """The messages written to the app's outbox folder, oldest first."""
    folder = Path(app.config["MAIL_OUTBOX"])
    if not folder.is_dir():
        return []
    return [parse(path.read_bytes()) for path in sorted(folder.glob("*.eml"))]


def subject(message: EmailMessage) -> str:
    """The subject as a mail program shows it (a long one is folded onto a second line)."""
    return str(message["Subject"]).strip()


def body(message: EmailMessage) -> str:
    return message.get_content()


def links(message: EmailMessage) -> list[str]:
    return LINK.findall(body(message))


def path_of(url: str) -> str:
    """The path (and query) of an absolute link, for the test client."""
    return re.sub(r"^https?://[^/]+", "", url)
