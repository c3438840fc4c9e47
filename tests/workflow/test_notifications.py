"""The notification list: what is shown counts as read; the badge counts the rest."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from core.auth import operations as accounts
from core.extensions import db
from core.notifications.models import Notification
from core.notifications.views import PAGE_SIZE
from core.timeutil import utcnow
from tests.conftest import PASSWORD


def add_notifications(app, email: str, count: int) -> None:
    """``count`` unread notifications for ``email``, the newest last."""
    with app.app_context():
        user = accounts.find_user(email)
        start = utcnow() - timedelta(hours=count)
        for i in range(count):
            db.session.add(
                Notification(
                    user_id=user.id,
                    kind="review.assigned",
                    params={"startup": f"Startup {i}", "stage": "incubator"},
                    created_at=start + timedelta(hours=i),
                )
            )
        db.session.commit()


def unread(app, email: str) -> int:
    with app.app_context():
        user = accounts.find_user(email)
        return db.session.scalar(
            select(func.count())
            .select_from(Notification)
            .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        )


def badge(page: str, element_id: str = "unread-count") -> int:
    found = re.search(rf'id="{element_id}">(\d+)<', page)
    return int(found.group(1)) if found else 0


def highlighted(page: str) -> int:
    block = re.search(r'<ul[^>]*id="notifications".*?</ul>', page, re.S).group(0)
    return block.count("list-group-item-info")


@pytest.fixture
def reader(app, factory):
    factory.user("reader@example.cn")
    factory.user("other@example.cn")
    client = app.test_client()
    client.post("/login", data={"email": "reader@example.cn", "password": PASSWORD})
    client.post("/language", data={"locale": "en"})
    return client


def test_the_badge_counts_unread_notifications_also_outside_the_menu(app, reader):
    add_notifications(app, "reader@example.cn", 3)
    home = reader.get("/").get_data(as_text=True)
    assert badge(home) == 3
    # The compact link sits outside the collapsed menu, so phones see it too.
    assert badge(home, "unread-count-compact") == 3
    collapse = home.index('id="main-nav"')
    assert home.index('id="notifications-compact"') < collapse
    assert home.index('id="notifications-link"') > collapse


def test_no_badge_and_no_compact_link_when_logged_out(app, client):
    page = client.get("/").get_data(as_text=True)
    assert 'id="notifications-compact"' not in page and 'id="unread-count"' not in page


def test_viewing_marks_the_shown_notifications_read(app, reader):
    add_notifications(app, "reader@example.cn", 2)
    add_notifications(app, "other@example.cn", 2)
    first = reader.get("/notifications").get_data(as_text=True)
    # Shown as new this once, while the badge already leaves them out.
    assert highlighted(first) == 2 and first.count(">New<") == 2
    assert badge(first) == 0 and 'id="unread-count-compact"' not in first
    assert unread(app, "reader@example.cn") == 0
    assert unread(app, "other@example.cn") == 2  # someone else's are untouched
    again = reader.get("/notifications").get_data(as_text=True)
    assert highlighted(again) == 0 and ">New<" not in again
    assert badge(reader.get("/").get_data(as_text=True)) == 0


def test_only_the_page_shown_is_marked_read(app, reader):
    add_notifications(app, "reader@example.cn", PAGE_SIZE + 4)
    first = reader.get("/notifications").get_data(as_text=True)
    assert highlighted(first) == PAGE_SIZE
    assert badge(first) == 4 == unread(app, "reader@example.cn")
    second = reader.get("/notifications?page=2").get_data(as_text=True)
    assert highlighted(second) == 4 and badge(second) == 0
    assert unread(app, "reader@example.cn") == 0


def test_viewing_makes_the_same_number_of_queries_for_few_and_many(app, reader, count_queries):
    add_notifications(app, "reader@example.cn", 2)
    with count_queries() as few:
        reader.get("/notifications")
    add_notifications(app, "reader@example.cn", PAGE_SIZE)
    with count_queries() as many:
        reader.get("/notifications")
    assert few() == many()
    with count_queries() as nothing_new:
        reader.get("/notifications")
    assert nothing_new() == many() - 1  # no UPDATE when everything shown was read


def test_mark_all_as_read_still_works(app, reader):
    add_notifications(app, "reader@example.cn", PAGE_SIZE + 2)
    older = reader.get("/notifications?page=2").get_data(as_text=True)
    assert "Mark all as read" in older
    assert unread(app, "reader@example.cn") == PAGE_SIZE  # the newer page is still unread
    assert reader.post("/notifications/read").status_code == 302
    assert unread(app, "reader@example.cn") == 0
