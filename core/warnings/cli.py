"""``flask --app wsgi send-reminders``: the daily reminders by hand, as often as you like."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from core import unit_of_work
from core.timeutil import local_today
from core.warnings.reminders import send_reminders


@click.command("send-reminders")
@with_appcontext
def send_reminders_command():
    """Remind managers and founders of every early warning, at most once per item a day."""
    with unit_of_work.transaction():
        outcome = send_reminders(local_today())
    click.echo(
        f"{outcome.warnings} warnings; {outcome.notified} new in-app notifications "
        f"to {len(outcome.people)} people."
    )
    if outcome.outbox:
        click.echo(f"No MAIL_SERVER: {outcome.emailed} emails written to the outbox folder.")
    else:
        click.echo(f"{outcome.emailed} emails sent.")
    if outcome.email_failures:
        for failure in outcome.email_failures:
            click.echo(f"Email failed: {failure}", err=True)
        raise SystemExit(1)
