"""The daily reminders, run by the job queue's worker instead of cron.

Every morning at ``REMINDER_HOUR`` (China's time) the worker sends what
``send-reminders`` sends: one in-app notification per item and one email per
person listing their items. ``reminders_sent`` makes it idempotent per day, so
a second worker running the same periodic task, or someone running the
command by hand, adds nothing.
"""

from __future__ import annotations

import logging

from core import database, unit_of_work
from core.jobs import queue
from core.timeutil import local_today
from core.warnings.reminders import send_reminders

log = logging.getLogger(__name__)

#: When the reminders go out, China's time: before the working day starts.
REMINDER_HOUR = 8
DAILY_REMINDERS = "warnings.daily_reminders"


@queue.periodic(DAILY_REMINDERS, queue.daily(REMINDER_HOUR))
def daily_reminders() -> None:
    with database.writing(), unit_of_work.transaction():
        outcome = send_reminders(local_today())
    log.info(
        "reminders: %s warnings, %s notifications, %s emails, %s failed",
        outcome.warnings,
        outcome.notified,
        outcome.emailed,
        len(outcome.email_failures),
    )
