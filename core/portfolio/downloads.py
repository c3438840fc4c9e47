"""The carrier's lists as files, made on the job queue for the person who asked.

Each runs as its owner at the carrier (``core.jobs.kinds``) and answers to the
same people as the list's page, read again when it runs.
"""

from __future__ import annotations

from flask import g
from flask_babel import lazy_gettext as _l

from core.jobs.kinds import kind, tables_file
from core.plugins import incuchain
from core.portfolio import exports as lists
from core.portfolio import listing
from core.refusals import NotPermitted
from core.tenancy.access import has_role, stage_enabled
from core.tenancy.models import Role
from core.timeutil import local_today

STARTUPS = "portfolio.startups"
STAGE = "portfolio.stage"


def stamp() -> str:
    return f"{g.tenant.slug}-{local_today().isoformat()}"


@kind(STARTUPS, title=_l("Download of the startup list"))
def startups_file(params: dict, progress):
    if not has_role(Role.MANAGER):
        raise NotPermitted()
    stages = incuchain().stages.in_order(g.tenant.enabled_stages)
    filters = listing.Filters.from_args(params["filters"], [s.key for s in stages])
    table = lists.startups_table(g.tenant, filters)
    return tables_file([table], params["fmt"], f"startups-{stamp()}", progress)


@kind(STAGE, title=_l("Download of a stage list"))
def stage_file(params: dict, progress):
    if not g.roles or not stage_enabled(g.tenant, params["stage"]):
        raise NotPermitted()
    spec = incuchain().stages.get(params["stage"])
    table = lists.stage_table(spec)
    return tables_file([table], params["fmt"], f"{spec.key}-{stamp()}", progress)
