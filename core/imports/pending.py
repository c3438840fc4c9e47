"""An uploaded import file kept on the server between its dry run and its commit.

The commit never trusts the browser with the rows: the dry run stores the
file under ``UPLOAD_DIR/imports/<token>.<format>`` with a small JSON note of
who uploaded it, for which carrier, stage and admission date. The token is
random (192 bits) and only a form field; the commit loads the file again only
for the same user at the same carrier, and checks it again, since the
registry may have changed in between. Files older than a day are removed
whenever another is stored.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from flask import current_app

TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")
MAX_AGE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Pending:
    token: str
    user_id: int
    tenant_id: int
    stage: str
    admitted_on: str
    filename: str
    fmt: str

    def data(self) -> bytes:
        return (folder() / f"{self.token}.{self.fmt}").read_bytes()


def folder() -> Path:
    return Path(current_app.config["UPLOAD_DIR"]) / "imports"


def _write(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def store(data: bytes, **note) -> Pending:
    """Keep the file; ``note`` holds the ``Pending`` fields other than the token."""
    base = folder()
    base.mkdir(parents=True, exist_ok=True)
    _remove_stale(base)
    pending = Pending(token=secrets.token_urlsafe(24), **note)
    _write(base / f"{pending.token}.{pending.fmt}", data)
    _write(base / f"{pending.token}.json", json.dumps(asdict(pending)).encode())
    return pending


def load(token: str, user_id: int, tenant_id: int) -> Pending | None:
    """The pending file, only for the user and carrier that stored it."""
    if not TOKEN.match(token or ""):
        return None
    try:
        note = json.loads((folder() / f"{token}.json").read_text())
        pending = Pending(**note)
        pending.data()
    except (OSError, ValueError, TypeError):
        return None
    if pending.user_id != user_id or pending.tenant_id != tenant_id:
        return None
    return pending


def discard(pending: Pending) -> None:
    for suffix in (pending.fmt, "json"):
        (folder() / f"{pending.token}.{suffix}").unlink(missing_ok=True)


def _remove_stale(base: Path) -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in base.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
