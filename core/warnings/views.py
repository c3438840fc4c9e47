"""The carrier's early-warning list, filtered by kind."""

from __future__ import annotations

import math
from dataclasses import dataclass

from flask import g, render_template, request

from core.tenancy.access import role_required, tenant_blueprint
from core.tenancy.models import Role
from core.timeutil import local_today
from core.warnings import rules
from core.warnings.texts import KIND_NAMES
from core.web.paging import page_number

bp = tenant_blueprint("warnings", __name__)

PAGE_SIZE = 100


@dataclass(frozen=True)
class ListPage:
    """A page of warnings, shaped like Flask-SQLAlchemy's pagination for the pager."""

    items: list
    page: int
    total: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    has_prev = property(lambda self: self.page > 1)
    has_next = property(lambda self: self.page < self.pages)
    prev_num = property(lambda self: self.page - 1)
    next_num = property(lambda self: self.page + 1)


@bp.route("/warnings")
@role_required(Role.MANAGER)
def index():
    kind = request.args.get("kind", "")
    kind = kind if kind in KIND_NAMES else ""
    today = local_today()
    counts = rules.count_kinds(today, g.tenant.id)
    kinds = (kind,) if kind else rules.KINDS
    number = page_number()
    items = rules.page_of(today, g.tenant.id, counts, kinds, (number - 1) * PAGE_SIZE, PAGE_SIZE)
    page = ListPage(items, number, sum(counts[k] for k in kinds), PAGE_SIZE)
    return render_template(
        "reports/warnings.html", page=page, counts=counts, kind=kind, kinds=KIND_NAMES
    )
