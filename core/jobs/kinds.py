"""Job kinds: what a capability runs for a person on the queue, and what it hands back.

A capability declares a kind with ``kind``: a name, a title for the job's
page, whether it writes, and a handler ``(params, progress) -> Outcome``.
The handler runs as the job's owner at its carrier (``current_user``,
``g.tenant`` and ``g.roles`` as in the request that asked, read again when it
runs) and in the owner's language, so it reuses the page's own queries and
permission checks; a refusal it raises is the job's failure message.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from core.jobs import queue
from core.tabular import FORMATS, Table, render


@dataclass(frozen=True)
class File:
    name: str
    media_type: str
    data: bytes


@dataclass(frozen=True)
class Outcome:
    """What a job did, in the owner's words, and the file it made, if any."""

    message: str = ""
    file: File | None = None


@dataclass(frozen=True)
class Kind:
    name: str
    #: The job's page title (a lazy string).
    title: object
    handler: Callable[[dict, Progress], Outcome]
    #: Whether the handler changes rows: its transaction then takes the write lock
    #: at once, and the job's record is written in the same transaction.
    writes: bool = False


KINDS: dict[str, Kind] = {}


def kind(name: str, *, title, writes: bool = False) -> Callable:
    def declare(handler: Callable) -> Callable:
        KINDS[name] = Kind(name, title, handler, writes)
        return handler

    return declare


def progress_key(job_id: int) -> str:
    return f"job-progress:{job_id}"


class Progress:
    """A running job's count, kept in the queue's store for its page to poll.

    Writes at most every ``INTERVAL`` seconds, and always the last count.
    """

    INTERVAL = 0.5

    def __init__(self, job_id: int):
        self.key = progress_key(job_id)
        self.done = 0
        self.total: int | None = None
        self._written = 0.0

    def update(self, done: int, total: int | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total
        now = time.monotonic()
        if now - self._written >= self.INTERVAL or done == self.total:
            self._written = now
            queue.put(self.key, (self.done, self.total))

    def track(self, items: Iterable) -> Iterator:
        """``items``, counted as they are used."""
        for item in items:
            yield item
            self.update(self.done + 1)


def running_count(job_id: int) -> tuple[int, int | None] | None:
    """``(done, total)`` of a job a worker is running, ``None`` before it starts."""
    return queue.peek(progress_key(job_id))


def tables_file(tables: list[Table], fmt: str, filename: str, progress: Progress) -> Outcome:
    """The tables as a CSV or XLSX file, counting the rows as they are written."""
    written = tables[:1] if fmt == "csv" else tables
    progress.update(0, sum(len(table.rows) for table in written))
    for table in written:
        table.rows = progress.track(table.rows)
    return Outcome(file=File(f"{filename}.{fmt}", FORMATS[fmt], render(written, fmt)))
