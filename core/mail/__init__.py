"""Mail: every message the app sends, rendered in its recipient's language, after the commit.

Flask-Mailman sends them. With ``MAIL_SERVER`` set it talks SMTP (``MAIL_PORT``,
``MAIL_USE_TLS`` or ``MAIL_USE_SSL``, ``MAIL_USERNAME``/``MAIL_PASSWORD``);
without it every message is written to ``MAIL_OUTBOX`` (``instance/outbox/``)
as an ``.eml`` file and logged, so a developer's machine can follow any link
(``core.mail.outbox``). ``MAIL_BACKEND`` names another Flask-Mailman back end.

A message is a pair of templates, ``templates/mail/<name>.subject.txt`` and
``templates/mail/<name>.txt``, rendered with ``force_locale`` in the
recipient's language. Operations call ``send``, which renders at once (the
rows it names are at hand) and delivers only after the unit of work has
committed (``core.unit_of_work.after_commit``): a change rolled back sends
nothing. Links in messages come from ``link``, built on ``PUBLIC_URL``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, current_app
from flask_babel import force_locale
from flask_mailman import EmailMessage, Mail

from core import unit_of_work
from core.web.urls import public_url

log = logging.getLogger(__name__)

mailman = Mail()

#: The back end used when ``MAIL_SERVER`` is not set.
OUTBOX_BACKEND = "core.mail.outbox.EmailBackend"


def init_app(app: Flask) -> None:
    app.config.setdefault("MAIL_OUTBOX", str(Path(app.instance_path) / "outbox"))
    mailman.init_app(app)


def backend() -> str:
    """The back end the settings name now: ``MAIL_BACKEND``, else SMTP or the outbox."""
    config = current_app.config
    return config.get("MAIL_BACKEND") or ("smtp" if config.get("MAIL_SERVER") else OUTBOX_BACKEND)


def uses_outbox() -> bool:
    """Whether messages are written to the outbox folder instead of being sent."""
    return backend() == OUTBOX_BACKEND


def link(endpoint: str, **values) -> str:
    """The absolute URL of ``endpoint`` on the site's public address, with or without a request."""
    base = urlsplit(public_url())
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "http"
    )
    return adapter.build(endpoint, values, force_external=True)


def compose(name: str, *, to: str, locale: str, **context) -> EmailMessage:
    """The message ``name`` to ``to``, rendered in ``locale``."""
    env = current_app.jinja_env  # no request's context processors: mail goes out from commands too
    with force_locale(locale):
        subject = env.get_template(f"mail/{name}.subject.txt").render(**context)
        body = env.get_template(f"mail/{name}.txt").render(**context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body.strip() + "\n",
        from_email=current_app.config.get("MAIL_DEFAULT_SENDER") or "incuchain@localhost",
        to=[to],
    )


#: ``app.extensions`` key of what hands a message over once the unit of work has committed.
_LATER = "incuchain_mail_later"


def deliver_through(app: Flask, later: Callable[[EmailMessage], None]) -> None:
    """Hand each message ``send`` makes to ``later`` after the commit, instead of delivering it.

    The job queue registers itself (``core.jobs``): messages then go out from a
    worker, retried while the mail server fails, and no request waits for SMTP.
    """
    app.extensions[_LATER] = later


def send(name: str, *, to: str, locale: str, **context) -> None:
    """Render the message now; deliver it once the current unit of work has committed."""
    message = compose(name, to=to, locale=locale, **context)
    later = current_app.extensions.get(_LATER) or (lambda m: deliver([m]))
    unit_of_work.after_commit(lambda: later(message))


def fields(message: EmailMessage) -> dict:
    """What ``message`` is made of, as plain data to send through the queue."""
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
    }


def deliver(messages: list[EmailMessage]) -> int:
    """Hand ``messages`` to the back end now; returns how many it accepted."""
    with connection() as conn:
        return conn.send_messages(messages) or 0


@contextmanager
def connection() -> Iterator:
    """One open connection to the back end (one SMTP session) for several messages."""
    name, options = backend(), {}
    if name == "smtp":
        # Read at each connection, so the settings in force are the ones used.
        config = current_app.config
        ssl = bool(config.get("MAIL_USE_SSL"))
        options = {
            "host": config["MAIL_SERVER"],
            "port": int(config.get("MAIL_PORT") or (465 if ssl else 25)),
            "username": config.get("MAIL_USERNAME") or None,
            "password": config.get("MAIL_PASSWORD") or None,
            "use_ssl": ssl,
            "use_tls": bool(config.get("MAIL_USE_TLS")) and not ssl,
            "timeout": int(config.get("MAIL_TIMEOUT") or 30),
        }
    conn = mailman.get_connection(backend=name, **options)
    conn.open()
    try:
        yield conn
    finally:
        conn.close()
