"""Time helpers: the database stores UTC; people read China's time."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

#: The product's users work in China; "today" for deadlines is China's date.
LOCAL_ZONE = "Asia/Shanghai"


def utcnow() -> datetime:
    return datetime.now(UTC)


def local_today():
    """Today's date in China, for due dates and time limits."""
    return datetime.now(ZoneInfo(LOCAL_ZONE)).date()


def to_local(moment: datetime) -> datetime:
    """A stored moment in China's time; naive values (SQLite returns them) are UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(LOCAL_ZONE))


def localtime(moment: datetime | None) -> str:
    """Template filter: a stored moment as China's 'YYYY-MM-DD HH:MM' ('' for None)."""
    return to_local(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def localdate(moment: datetime | None) -> str:
    """Template filter: the China date of a stored moment as 'YYYY-MM-DD' ('' for None)."""
    return to_local(moment).strftime("%Y-%m-%d") if moment else ""
