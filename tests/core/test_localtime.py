"""Stored moments are UTC; people in China read them in China's time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from flask import render_template_string

from core.timeutil import localdate, localtime, to_local

LATE_UTC = datetime(2026, 11, 25, 17, 30, tzinfo=UTC)  # already 26 Nov in China


def test_a_late_utc_evening_is_the_next_morning_in_china():
    assert localtime(LATE_UTC) == "2026-11-26 01:30"
    assert localdate(LATE_UTC) == "2026-11-26"


def test_naive_values_from_sqlite_count_as_utc():
    naive = LATE_UTC.replace(tzinfo=None)
    assert localtime(naive) == "2026-11-26 01:30"
    assert localdate(naive) == "2026-11-26"
    assert to_local(naive).utcoffset() == timedelta(hours=8)


def test_other_zones_are_converted_too():
    new_york = datetime(2026, 11, 25, 12, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert localtime(new_york) == "2026-11-26 01:30"


def test_earlier_the_same_day_stays_on_the_date():
    assert localtime(datetime(2026, 11, 25, 15, 59)) == "2026-11-25 23:59"
    assert localdate(datetime(2026, 11, 25, 16, 0)) == "2026-11-26"


def test_nothing_gives_an_empty_string():
    assert localtime(None) == "" and localdate(None) == ""


def test_the_template_filters(app):
    with app.test_request_context():
        text = render_template_string(
            "{{ aware|localtime }}|{{ naive|localtime }}|"
            "{{ aware|localdate }}|{{ none|localdate }}",
            aware=LATE_UTC,
            naive=LATE_UTC.replace(tzinfo=None),
            none=None,
        )
    assert text == "2026-11-26 01:30|2026-11-26 01:30|2026-11-26|"


def test_the_audit_log_shows_china_time(app, client, auth, factory):
    from core.audit.models import AuditEvent
    from core.extensions import db
    from core.tenancy.models import Role

    tenant = factory.tenant("tz")
    factory.member(tenant, "manager@tz.cn", Role.MANAGER)
    with app.app_context():
        db.session.add(
            AuditEvent(
                tenant_id=tenant.id,
                created_at=LATE_UTC,
                action="test.late",
                object_type="tenant",
                object_id=str(tenant.id),
            )
        )
        db.session.commit()
    auth.login("manager@tz.cn")
    client.post("/language", data={"locale": "en"})
    page = client.get("/t/tz/audit").get_data(as_text=True)
    assert "Time (China)" in page and "Time (UTC)" not in page
    assert "2026-11-26 01:30" in page and "2026-11-25 17:30" not in page
