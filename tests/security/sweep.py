"""Filling the URL map's parameters from the seeded world, and requesting each route."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from core.extensions import db

#: Values for URL parameters that do not name a row.
FIXED = {
    "slug": "alpha",
    "tenant_slug": "alpha",
    "stage": "incubator",
    "section": "funding",
    "key": "high_tech",
    "fmt": "csv",
    "language": "zh",
    "year": 2025,
    "token": "no-such-import",
    "invitation_id": 987654,
    "session_id": 987654,
    "part": "payments",
}

#: URL parameter → key in ``World.ids``.
ROWS = {
    "startup_id": "startup",
    "row_id": "funding_row",
    "user_id": "founder_user",
    "membership_id": "reviewer_membership",
    "application_id": "application",
    "certificate_id": "certificate",
    "enrollment_id": "alpha_enrollment",
    "milestone_id": "milestone",
    "evidence_id": "evidence",
    "referral_id": "referral",
    "code": "code",
    "token_id": "token",
    "ip_id": "ip",
    "job_id": "job",
}

#: Routes about a graduate: their enrollment is the graduated one.
PER_ENDPOINT = {
    "api_enrollments.certificate": {"enrollment_id": "graduated_enrollment"},
    "api_enrollments.certificate_pdf": {"enrollment_id": "graduated_enrollment"},
    "admin.deactivate_user": {"user_id": "spare_user"},
    "admin.reactivate_user": {"user_id": "spare_user"},
    "admin.end_user_sessions": {"user_id": "spare_user"},
}

#: Static files, by endpoint.
FILES = {"static": "incuchain.css", "bootstrap.static": "css/bootstrap.min.css"}


def url_for_rule(rule, ids: dict) -> str:
    values = {}
    for name in rule.arguments:
        if name == "filename":
            values[name] = FILES[rule.endpoint]
        elif name in ROWS:
            values[name] = ids[PER_ENDPOINT.get(rule.endpoint, {}).get(name, ROWS[name])]
        else:
            values[name] = FIXED[name]
    return rule.build(values, append_unknown=False)[1]


def row_counts() -> dict[str, int]:
    """Rows per table: a post refused must leave every count as it was."""
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


def routes(app) -> dict[str, object]:
    """One rule per endpoint (the first, as ``url_for`` builds it)."""
    found = {}
    for rule in app.url_map.iter_rules():
        found.setdefault(rule.endpoint, rule)
    return found


def method_of(rule) -> str:
    """GET when the route has it, otherwise its one writing method."""
    if "GET" in rule.methods:
        return "GET"
    return sorted(rule.methods - {"HEAD", "OPTIONS"})[0]


def is_api(url: str) -> bool:
    return url.startswith("/api/")


def fetch(client, url: str, method: str = "GET", **kwargs) -> tuple[int, str]:
    """The status and body text; the response is closed (file responses hold files).

    JSON comes back with its text unescaped (the API writes ``\\u963f`` for 阿), so
    that a search for a name finds it there too.
    """
    response = client.open(url, method=method, **kwargs)
    try:
        data = response.get_json(silent=True) if response.is_json else None
        if data is not None:
            return response.status_code, json.dumps(data, ensure_ascii=False)
        return response.status_code, response.get_data().decode("utf-8", "replace")
    finally:
        response.close()
