"""The user's notification list."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from core.database import writes
from core.extensions import db
from core.notifications import operations
from core.notifications.models import Notification
from core.web.paging import page_number

bp = Blueprint("notifications", __name__)

PAGE_SIZE = 30


@bp.route("/notifications")
@login_required
@writes
def index():
    page = db.paginate(
        select(Notification)
        .where(Notification.user_id == current_user.id)
        .order_by(Notification.id.desc()),
        page=page_number(),
        per_page=PAGE_SIZE,
        error_out=False,
    )
    # What is shown now counts as read: the page still highlights it as new, while
    # the badge (counted during rendering) already leaves it out. One UPDATE, committed
    # when the view returns, after rendering, so the listed rows are not reloaded one by one.
    unseen = {n.id for n in page.items if n.read_at is None}
    if unseen:
        operations.mark_read(current_user, unseen)
    return render_template("notifications/list.html", page=page, unseen=unseen)


@bp.route("/notifications/read", methods=["POST"])
@login_required
def mark_read():
    operations.mark_read(current_user)
    return redirect(url_for(".index"))


def unread_count() -> int:
    """Unread notifications of the logged-in user, for the navigation badge."""
    if not current_user.is_authenticated:
        return 0
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == current_user.id, Notification.read_at.is_(None))
    )
