"""Time helpers: the database stores UTC."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


#: The product's users work in China; "today" for deadlines is China's date.
LOCAL_ZONE = "Asia/Shanghai"


def local_today():
    """Today's date in China, for due dates and time limits."""
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(LOCAL_ZONE)).date()
