"""Configuration from the environment.

Every setting has a safe default for a developer's machine; production sets
``DATABASE_URL``, ``SECRET_KEY`` and ``SESSION_COOKIE_SECURE``. The secret key
is never hard-coded: when the environment gives none, one is generated into
the instance folder on first run and reused afterwards.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

#: The project's folder: templates, static files, translations, migrations, demo data.
ROOT = Path(__file__).resolve().parent.parent

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in TRUE_WORDS


def normalise_database_url(url: str) -> str:
    """Route plain ``postgresql://`` URLs through psycopg 3, the driver we install."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def instance_secret_key(instance_path: Path) -> str:
    """Read the instance's secret key, creating it (mode 0600) on first use."""
    path = instance_path / "secret_key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip()


def from_environment(instance_path: Path) -> dict:
    """The configuration read from the process environment."""
    database_url = os.environ.get("DATABASE_URL") or (
        f"sqlite:///{instance_path / 'incuchain.sqlite3'}"
    )
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY") or None,
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(database_url),
        "UPLOAD_DIR": os.environ.get("UPLOAD_DIR") or str(instance_path / "uploads"),
        "BABEL_DEFAULT_LOCALE": os.environ.get("DEFAULT_LOCALE", "zh_CN"),
        "SESSION_COOKIE_SECURE": env_flag("SESSION_COOKIE_SECURE"),
        "REMEMBER_COOKIE_SECURE": env_flag("SESSION_COOKIE_SECURE"),
        "INCUCHAIN_LOAD_ENTRYPOINTS": env_flag("INCUCHAIN_LOAD_ENTRYPOINTS", True),
        # The site's public address, e.g. https://incuchain.example.cn: printed
        # in certificates' QR codes and in email links (core.web.urls.public_url),
        # never taken from a request's Host header. `make run`'s address by default.
        "PUBLIC_URL": (os.environ.get("PUBLIC_URL") or "").rstrip("/")
        or f"http://127.0.0.1:{os.environ.get('PORT') or 5000}",
        # Host names a request may name (Flask's own setting); others get 400.
        # By default PUBLIC_URL's host, 127.0.0.1 and localhost (core.security).
        "TRUSTED_HOSTS": [
            host.strip() for host in os.environ.get("TRUSTED_HOSTS", "").split(",") if host.strip()
        ]
        or None,
        # Mail (core.mail): SMTP when MAIL_SERVER is set; otherwise every message
        # is written to MAIL_OUTBOX (instance/outbox/) as an .eml file and logged.
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT") or 25),
        "MAIL_TIMEOUT": int(os.environ.get("MAIL_TIMEOUT") or 30),
        "MAIL_BACKEND": os.environ.get("MAIL_BACKEND", ""),
        "MAIL_OUTBOX": os.environ.get("MAIL_OUTBOX") or str(instance_path / "outbox"),
        "MAIL_USE_TLS": env_flag("MAIL_USE_TLS"),
        "MAIL_USE_SSL": env_flag("MAIL_USE_SSL"),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "incuchain@localhost"),
        # How long a sign-up's email verification link works, and an invitation.
        "EMAIL_VERIFICATION_HOURS": int(os.environ.get("EMAIL_VERIFICATION_HOURS") or 48),
        "INVITATION_DAYS": int(os.environ.get("INVITATION_DAYS") or 7),
        # The privacy notice (core.privacy): who runs this site and answers for the
        # personal information in it, where people write to about it, and the
        # notice's version; changing the version asks everyone to consent again.
        "PRIVACY_OPERATOR": os.environ.get("PRIVACY_OPERATOR") or "IncuChain 演示站点 (demo)",
        "PRIVACY_CONTACT": os.environ.get("PRIVACY_CONTACT") or "privacy@localhost",
        "PRIVACY_NOTICE_VERSION": os.environ.get("PRIVACY_NOTICE_VERSION") or "1",
        # A log-in session ends after this much inactivity, and this long after the
        # log-in however busy (ASVS 5.0 7.3; the reasons in core/auth/sessions.py).
        "SESSION_IDLE_MINUTES": int(os.environ.get("SESSION_IDLE_MINUTES") or 60),
        "SESSION_MAX_HOURS": int(os.environ.get("SESSION_MAX_HOURS") or 12),
        # 2-step verification (core.mfa): the roles that must have it on, comma-separated
        # ("platform_admin", "manager", "reviewer", "founder", or "all"), and how long
        # a log-in waits for the code after the password (ASVS 5.0 6.3.3).
        "MFA_REQUIRED_FOR": tuple(
            name.strip()
            for name in os.environ.get("MFA_REQUIRED_FOR", "platform_admin,manager").split(",")
            if name.strip()
        ),
        "MFA_PENDING_MINUTES": int(os.environ.get("MFA_PENDING_MINUTES") or 5),
        # How long a password reset link works (ASVS 5.0 6.4.1: short-lived).
        "PASSWORD_RESET_MINUTES": int(os.environ.get("PASSWORD_RESET_MINUTES") or 60),
        # Early warnings: months before an enrollment's due date, and before a
        # 高新技术企业 certificate expires, that a warning starts.
        "WARNING_MONTHS_BEFORE_DUE": int(os.environ.get("WARNING_MONTHS_BEFORE_DUE") or 6),
        "WARNING_MONTHS_BEFORE_EXPIRY": int(os.environ.get("WARNING_MONTHS_BEFORE_EXPIRY") or 6),
        # IP rights (docs/ip.md): days before an annuity's due date, a term's end,
        # a trademark's renewal window and a licence's filing deadline that a
        # warning starts.
        "IP_WARNING_DAYS_BEFORE_ANNUITY": int(
            os.environ.get("IP_WARNING_DAYS_BEFORE_ANNUITY") or 90
        ),
        "IP_WARNING_DAYS_BEFORE_TERM_END": int(
            os.environ.get("IP_WARNING_DAYS_BEFORE_TERM_END") or 180
        ),
        "IP_WARNING_DAYS_BEFORE_RENEWAL": int(
            os.environ.get("IP_WARNING_DAYS_BEFORE_RENEWAL") or 90
        ),
        "IP_WARNING_DAYS_BEFORE_FILING": int(os.environ.get("IP_WARNING_DAYS_BEFORE_FILING") or 30),
        # The PARTIAL rules of the IP lifecycle (innovation-factors.md §1): the
        # first filing day with the 15-year design term, and the annuity
        # surcharge by month late, in percent.
        "IP_DESIGN_15_YEARS_FROM": os.environ.get("IP_DESIGN_15_YEARS_FROM") or "2021-06-01",
        "IP_SURCHARGE_BANDS": os.environ.get("IP_SURCHARGE_BANDS") or "0,5,10,15,20,25",
        # 高价值发明专利 (innovation-factors.md §2.1): the pledge amount in 万元 that
        # counts as "较高质押融资金额" (NOT FOUND in policy: empty leaves the category
        # unjudged), and whether "维持年限超过10年" counts from "filed" or "granted"
        # (UNVERIFIED).
        "IP_HIGH_VALUE_PLEDGE_MIN": os.environ.get("IP_HIGH_VALUE_PLEDGE_MIN") or "",
        "IP_HIGH_VALUE_YEARS_FROM": os.environ.get("IP_HIGH_VALUE_YEARS_FROM") or "filed",
        # The job queue (core.jobs): Redis when REDIS_URL is set (shared by every
        # app server and worker), otherwise SQLite in JOBS_QUEUE_FILE. A job's file
        # is kept for its owner JOB_RESULT_HOURS after it finished.
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "JOBS_QUEUE_FILE": os.environ.get("JOBS_QUEUE_FILE")
        or str(instance_path / "jobs-queue.sqlite3"),
        "JOB_RESULT_HOURS": int(os.environ.get("JOB_RESULT_HOURS") or 24),
        # The queue's name: its Redis keys carry it (one Redis, several sites).
        "JOBS_QUEUE_NAME": os.environ.get("JOBS_QUEUE_NAME") or "incuchain",
        # Rate-limit counters: Redis in production (shared by every app
        # server); "memory://" counts per process (see core/security/limits.py).
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI") or "memory://",
        # Reverse proxies in front of the app whose X-Forwarded-For is trusted.
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES") or 0),
        # Built-in plugins to leave out, comma-separated: "plugins.assessments".
        "INCUCHAIN_DISABLED_PLUGINS": tuple(
            name.strip()
            for name in os.environ.get("INCUCHAIN_DISABLED_PLUGINS", "").split(",")
            if name.strip()
        ),
    }


#: Defaults that do not depend on the environment.
DEFAULTS = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
    "SQLITE_BUSY_TIMEOUT_MS": 30_000,
    "BABEL_SUPPORTED_LOCALES": ("zh_CN", "en"),
    "BOOTSTRAP_SERVE_LOCAL": True,
    "BOOTSTRAP_BOOTSWATCH_THEME": None,
    # ``None`` registers every built-in plugin; a list restricts them.
    "INCUCHAIN_PLUGINS": None,
    # argon2id at OWASP ASVS 5.0's minimum (Appendix C: m >= 46 MiB, t=1,
    # p=1); see docs/performance.md for what a hash costs on a 2-core machine.
    "ARGON2_TIME_COST": 1,
    "ARGON2_MEMORY_COST_KIB": 47104,
    "ARGON2_PARALLELISM": 1,
    # Failed log-ins and sign-ups per client address (Flask-Limiter syntax).
    "LOGIN_RATE_LIMIT": "10 per minute; 50 per hour",
    "SIGNUP_RATE_LIMIT": "5 per minute; 20 per hour",
    # Failed log-ins per account, from any address; failed password changes per user.
    "LOGIN_ACCOUNT_RATE_LIMIT": "10 per 15 minutes; 30 per day",
    "PASSWORD_CHANGE_RATE_LIMIT": "5 per minute; 20 per hour",
    "RATELIMIT_HEADERS_ENABLED": True,
    # Explicit: the limiter is one object for every app in a process, and keeps
    # the last app's setting where an app gives none.
    "RATELIMIT_ENABLED": True,
    # Run each job where it is sent instead of on a worker (the tests).
    "JOBS_IMMEDIATE": False,
}
