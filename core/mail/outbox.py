"""The embedded default: each message becomes an ``.eml`` file in ``MAIL_OUTBOX``, and is logged.

Any mail program opens the files; the log line names the file, so whoever runs
``make run`` without a mail server can open a sign-up or invitation link.
"""

from __future__ import annotations

import logging
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path

from flask import current_app
from flask_mailman.backends.base import BaseEmailBackend

log = logging.getLogger("core.mail")


class EmailBackend(BaseEmailBackend):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.folder = Path(current_app.config["MAIL_OUTBOX"])

    def send_messages(self, email_messages) -> int:
        self.folder.mkdir(parents=True, exist_ok=True)
        written = 0
        for message in email_messages:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
            path = self.folder / f"{stamp}-{secrets.token_hex(4)}.eml"
            partial = path.with_suffix(".part")
            partial.write_bytes(message.message().as_bytes())
            os.replace(partial, path)
            log.warning(
                "No MAIL_SERVER: the message to %s (%s) was written to %s",
                ", ".join(message.recipients()),
                message.subject,
                path,
            )
            written += 1
        return written
