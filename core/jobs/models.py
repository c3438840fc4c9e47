"""A job: work that runs on the queue for one person, and what it left for them."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from core.extensions import db
from core.labelled import LabelledEnum
from core.timeutil import utcnow


class JobStatus(LabelledEnum):
    """Where a job is: ``queued`` until a worker has finished it, then ``done`` or ``failed``."""

    QUEUED = "queued", _l("Waiting")
    DONE = "done", _l("Finished")
    FAILED = "failed", _l("Failed")


class Job(db.Model):
    """One run of a job kind for its owner, at a carrier or none.

    The result file is kept in the database, not on a worker's disk, so every
    app server can hand it to its owner; it is removed when the job expires
    (``JOB_RESULT_HOURS``). While the job runs, its progress lives in the
    queue's store (``core.jobs.queue.progress``): the job's own transaction may
    hold the database's write lock. ``done`` and ``total`` keep the final count.
    """

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int | None] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), index=True
    )
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(80))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    #: The owner's language when they asked: the file's headers and the messages.
    locale: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10), default=JobStatus.QUEUED)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int | None] = mapped_column(Integer)
    #: What the job did, or why it failed, in the owner's language.
    message: Mapped[str] = mapped_column(Text, default="")
    result_name: Mapped[str] = mapped_column(String(200), default="")
    result_type: Mapped[str] = mapped_column(String(120), default="")
    result: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: When the result stops being served and is removed.
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)

    @property
    def finished(self) -> bool:
        return self.status != JobStatus.QUEUED

    @property
    def has_file(self) -> bool:
        return bool(self.result_name) and self.status == JobStatus.DONE
