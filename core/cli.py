"""Commands under ``flask --app wsgi``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from core import unit_of_work
from core.auth import operations as accounts
from core.auth import sessions
from core.auth.passwords import MAX_CHECKED, MIN_LENGTH, weakness
from core.carriers import operations as tenancy
from core.config import ROOT
from core.extensions import db
from core.plugins import incuchain
from core.tenancy.models import PREFIX_PATTERN, SLUG_PATTERN, Role, Tenant


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create or upgrade the database schema (Alembic migrations)."""
    from flask_migrate import upgrade

    upgrade()
    click.echo("The database schema is up to date.")


@click.command("seed-demo")
@click.option(
    "--dataset",
    type=click.Path(exists=True, dir_okay=False),
    default=str(ROOT / "demo" / "dataset.json"),
    show_default=True,
)
@with_appcontext
def seed_demo_command(dataset):
    """Load the demo carriers, people and startups; safe to run twice."""
    from pathlib import Path

    from core import demo

    with unit_of_work.transaction():
        logins = demo.load(Path(dataset))
    click.echo("Demo logins (role, email, password):")
    for role, email, password in logins:
        click.echo(f"  {role:<28} {email:<40} {password}")


@click.command("create-admin")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.password_option(help="The new account's password; an existing account keeps its own.")
@with_appcontext
def create_admin_command(email, name, password):
    """Create a platform admin, or make an existing user one."""
    with unit_of_work.transaction():
        user = accounts.find_user(email)
        if user is None:
            refuse_weak(password, [email, name])
            user = accounts.create_user(email, name, password, verified=True, platform_admin=True)
        else:
            user.is_platform_admin = True
            accounts.verify_email(user)
    click.echo(f"{email} is a platform admin.")


def refuse_weak(password: str, user_inputs: list[str]) -> None:
    """The sign-up form's password rules (ASVS 5.0 6.2), for an account made on the command line."""
    if not MIN_LENGTH <= len(password) <= MAX_CHECKED:
        raise click.BadParameter(
            f"use {MIN_LENGTH} to {MAX_CHECKED} characters", param_hint="--password"
        )
    if (problem := weakness(password, user_inputs)) is not None:
        why = (
            "it is one of the most common passwords"
            if problem == "common"
            else "it is too easy to guess"
        )
        raise click.BadParameter(
            f"{why}; three or four unrelated words make a strong password", param_hint="--password"
        )


@click.command("end-sessions")
@with_appcontext
def end_sessions_command():
    """Log every user out of every browser (ASVS 5.0 7.4.5); accounts stay usable."""
    with unit_of_work.transaction():
        ended = sessions.end_everyone()
    click.echo(f"{ended} sessions ended.")


@click.command("create-tenant")
@click.argument("slug")
@click.option("--name-zh", required=True)
@click.option("--name-en", required=True)
@click.option("--stages", required=True, help="Comma-separated stage keys, e.g. from `stages`.")
@click.option("--prefix", "serial_prefix", required=True, help="Certificate serial prefix.")
@click.option("--manager", "manager_email", help="Email of the carrier's first manager.")
@with_appcontext
def create_tenant_command(slug, name_zh, name_en, stages, serial_prefix, manager_email):
    """Create a carrier organisation."""
    serial_prefix = serial_prefix.upper()
    if not SLUG_PATTERN.match(slug):
        raise click.BadParameter("use lower-case letters, digits and hyphens", param_hint="SLUG")
    if not PREFIX_PATTERN.match(serial_prefix):
        raise click.BadParameter("use 2 to 12 capitals or digits", param_hint="--prefix")
    registry = incuchain().stages
    keys = [s.strip() for s in stages.split(",") if s.strip()]
    unknown = [k for k in keys if k not in registry]
    if unknown or not keys:
        raise click.BadParameter(f"unknown stages {unknown}; known: {list(registry.keys())}")
    clash = db.session.scalar(
        select(Tenant).where((Tenant.slug == slug) | (Tenant.serial_prefix == serial_prefix))
    )
    if clash is not None:
        raise click.ClickException(f"carrier {clash.slug} already uses this slug or prefix")
    values = {
        "name_zh": name_zh,
        "name_en": name_en,
        "enabled_stages": keys,
        "serial_prefix": serial_prefix,
    }
    with unit_of_work.transaction():
        tenant = tenancy.create_tenant(slug, values)
        if manager_email:
            tenancy.invite_member(
                tenant, manager_email, Role.MANAGER, actor=None, locale=locale_default()
            )
    click.echo(f"Created carrier {slug}.")
    if manager_email:
        click.echo(f"Invited {manager_email.strip().lower()} to manage it (the link is mailed).")


def locale_default() -> str:
    return current_app.config["BABEL_DEFAULT_LOCALE"]


@click.command("create-token")
@click.argument("email")
@click.option("--name", default="command line", show_default=True, help="What the token is for.")
@with_appcontext
def create_token_command(email, name):
    """Print a new API token for the user with EMAIL (shown only this once)."""
    from core.api import tokens

    user = accounts.find_user(email)
    if user is None:
        raise click.ClickException(f"no user with email {email}")
    with unit_of_work.transaction():
        _row, token = tokens.create(user, name[:100])
    click.echo(token)


@click.command("stages")
@with_appcontext
def stages_command():
    """List the stages in chain order: key, names, following stage, time limit."""
    for s in incuchain().stages:
        limit = f"{s.default_time_limit_months} months" if s.default_time_limit_months else "-"
        click.echo(f"{s.key}\t{s.name_zh}\t{s.name_en}\tnext={s.next or '-'}\t{limit}")


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(file):
    """Write a consistent copy of the whole database to FILE (a new file)."""
    from core import backup

    try:
        backup.backup(current_app.config["SQLALCHEMY_DATABASE_URI"], file)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backed up the database to {file}.")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.confirmation_option(
    prompt="Replace every table in the database with the backup? Stop the app servers first."
)
@with_appcontext
def restore_command(file):
    """Replace the whole database with the backup in FILE (stop the app servers first)."""
    from core import backup

    db.session.remove()
    db.engine.dispose()
    try:
        kept = backup.restore(
            current_app.config["SQLALCHEMY_DATABASE_URI"],
            file,
            known_revisions=known_revisions(),
            keep_in=Path(current_app.instance_path) / "backups",
        )
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored the database from {file}.")
    click.echo(f"The database it replaced is kept in {kept}.")


def known_revisions() -> set[str]:
    """Every Alembic revision of this version's migrations."""
    from alembic.script import ScriptDirectory

    config = current_app.extensions["migrate"].migrate.get_config()
    return {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}


def init_app(app: Flask) -> None:
    for command in (
        backup_command,
        restore_command,
        init_db_command,
        seed_demo_command,
        create_admin_command,
        create_tenant_command,
        end_sessions_command,
        create_token_command,
        stages_command,
    ):
        app.cli.add_command(command)
