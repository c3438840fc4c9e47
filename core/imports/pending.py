"""A checked import kept on the server between its dry run and its commit.

The commit never trusts the browser with the rows: the dry run stores the
startups it checked (``Plan.to_json``) under ``UPLOAD_DIR/imports/<token>.json``
with who uploaded the file, for which carrier, stage and admission date. The
token is random (192 bits) and travels only in the commit form's URL; the
commit loads the plan only for the same user at the same carrier, and checks
it against the registry again, since that may have changed in between.
Plans older than a day are removed whenever another is stored.
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

from core.imports.validate import Plan

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


def folder() -> Path:
    return Path(current_app.config["UPLOAD_DIR"]) / "imports"


def store(plan: Plan, **note) -> Pending:
    """Keep the plan; ``note`` holds the ``Pending`` fields other than the token."""
    base = folder()
    base.mkdir(parents=True, exist_ok=True)
    _remove_stale(base)
    pending = Pending(token=secrets.token_urlsafe(24), **note)
    data = json.dumps({"note": asdict(pending), "plan": plan.to_json()}, ensure_ascii=False)
    fd = os.open(base / f"{pending.token}.json", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(data)
    return pending


def load(token: str, user_id: int, tenant_id: int) -> tuple[Pending, Plan] | None:
    """The pending import, only for the user and carrier that stored it."""
    if not TOKEN.match(token or ""):
        return None
    try:
        stored = json.loads((folder() / f"{token}.json").read_text(encoding="utf-8"))
        pending = Pending(**stored["note"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if pending.user_id != user_id or pending.tenant_id != tenant_id:
        return None
    return pending, Plan.from_json(stored["plan"])


def discard(pending: Pending) -> None:
    (folder() / f"{pending.token}.json").unlink(missing_ok=True)


def _remove_stale(base: Path) -> None:
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in base.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
