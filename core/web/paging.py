"""Safe numbers from URLs: ids and page numbers the database can hold."""

from __future__ import annotations

from flask import request
from werkzeug.routing import IntegerConverter

#: The largest id an INTEGER column holds on PostgreSQL and SQLite alike.
MAX_ID = 2**31 - 1
#: Page numbers beyond this are treated as the last reachable page.
MAX_PAGE = 100_000


class BoundedIntegerConverter(IntegerConverter):
    """``<int:…>`` that answers 404, not a database error, for ids too large to exist."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def page_number() -> int:
    """The ``page`` query argument, clamped to 1..MAX_PAGE."""
    return min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
