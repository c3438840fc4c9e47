"""A testing kit for plugin authors: an IncuChain with your plugin, without packaging it.

Import it from your plugin's tests (never from the plugin itself)::

    from core.plugin_api.testing import collect, make_app, plugin_manager, tenant_ref

* ``make_app(*plugins, **config)`` builds an application with the built-in
  plugins and yours, its tables created in a fresh SQLite database, ready for
  ``app.test_client()``: drive the real pages as a user would.
  ``sign_up(client, email=..., name=...)`` makes that client a verified,
  logged-in person through the sign-up pages and the mailed link.
* ``plugin_manager(*plugins)`` builds the same plugin manager without an
  application, validated as ``create_app`` validates it (core's own
  ``StageDefaults`` included), to call hooks directly; ``collect`` flattens a
  collecting hook's answers, and ``tenant_ref`` gives a carrier with every
  stage's settings at their defaults, some of them tuned.
* ``installed(name=module, ...)`` makes modules look like installed packages
  declaring an ``incuchain`` entry point (``FakeDistribution``), to test the
  packaging itself with ``make_app(INCUCHAIN_LOAD_ENTRYPOINTS=True)``.
* ``funding_fact(...)`` and ``certification_fact(...)`` build facts as core
  gathers them for rules (a funding kind's category, a certification's last
  valid day by its kind's validity), to unit-test rules without a database.
* ``compile_catalogs(directory)`` compiles the ``.po`` catalogues of your
  ``incuchain_translation_dirs`` into the ``.mo`` files Flask-Babel reads.

A plugin is a module, an object with ``@hookimpl`` methods, or a dotted
module name. Each application and each plugin manager is separate, so
nothing leaks from one test into the next.
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
import re
import shutil
import tempfile
import weakref
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any
from unittest import mock

import pluggy

from ._contract import PROJECT_NAME, CertificationFact, FundingFact, TenantRef

#: What ``make_app`` configures unless told otherwise: no CSRF tokens to post,
#: no entry points (only the plugins given), cheap password hashing.
TEST_CONFIG: dict[str, Any] = {
    "TESTING": True,
    "SECRET_KEY": "plugin-tests",
    "WTF_CSRF_ENABLED": False,
    "INCUCHAIN_LOAD_ENTRYPOINTS": False,
    "ARGON2_TIME_COST": 1,
    "ARGON2_MEMORY_COST_KIB": 8,
    "ARGON2_PARALLELISM": 1,
    # Off, so tests log in with a password alone; core's own tests turn it on.
    "MFA_REQUIRED_FOR": (),
    # Jobs (mail among them) run where they are sent, so a test reads their outcome at once.
    "JOBS_IMMEDIATE": True,
}


def make_app(*plugins, **config):
    """An IncuChain application with the built-in plugins and ``plugins``, tables created.

    ``config`` overrides ``TEST_CONFIG``; by default the database is SQLite in
    a temporary directory removed with the application, and mail goes to an
    outbox folder there (``MAIL_OUTBOX``).
    """
    from core import create_app
    from core.extensions import db

    folder = Path(tempfile.mkdtemp(prefix="incuchain-test-"))
    settings = {
        **TEST_CONFIG,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'test.sqlite3'}",
        "UPLOAD_DIR": str(folder / "uploads"),
        "MAIL_OUTBOX": str(folder / "outbox"),
        **config,
    }
    settings["INCUCHAIN_EXTRA_PLUGINS"] = (*settings.get("INCUCHAIN_EXTRA_PLUGINS", ()), *plugins)
    app = create_app(settings)
    with app.app_context():
        db.create_all()
    weakref.finalize(app, shutil.rmtree, folder, ignore_errors=True)
    return app


def sign_up(client, *, email: str, name: str, password: str = "amber-kettle-orchard-58") -> None:
    """Make ``client`` a verified, logged-in person, the way a person becomes one.

    Signs up through ``/signup`` (agreeing to the privacy notice), opens the
    confirmation link mailed to the application's outbox and confirms it with
    the password, so the account holds roles and startups like any other.
    """
    account = {"name": name, "email": email, "password": password, "confirm": password}
    account["consent"] = "y"  # the privacy notice, agreed to
    client.post("/signup", data=account)
    outbox = sorted(Path(client.application.config["MAIL_OUTBOX"]).glob("*.eml"))
    mails = [message_from_bytes(f.read_bytes(), policy=policy.default) for f in outbox]
    sent = [m for m in mails if m["To"] == email]
    assert sent, f"no confirmation mail to {email}: was the sign-up refused?"
    [path] = re.findall(r"https?://[^/\s]+(/signup/confirm/\S+)", sent[-1].get_body().get_content())
    response = client.post(path, data={"password": password})
    assert response.status_code == 302, f"confirming {email} failed: {response.status_code}"


def plugin_manager(*plugins, builtins: bool = True) -> pluggy.PluginManager:
    """The plugin manager ``create_app`` would build, without an application.

    ``builtins=False`` leaves IncuChain's own stages out (a stage whose
    ``next`` is a built-in one then fails validation, as it would at start-up).
    """
    from core.plugins import build

    return build(None if builtins else [], load_entrypoints=False, extra=plugins).pm


def collect(pm: pluggy.PluginManager, hook_name: str, **kwargs) -> list:
    """A collecting hook's answers from every plugin, as one list, in call order."""
    return [item for answer in getattr(pm.hook, hook_name)(**kwargs) for item in answer]


def tenant_ref(
    pm: pluggy.PluginManager,
    settings: Mapping[str, Mapping[str, Any]] | None = None,
    **fields,
) -> TenantRef:
    """A carrier with every stage's settings at their defaults, ``settings`` tuned over them.

    ``settings`` is ``{stage key: {setting key: value}}``; ``fields`` set the
    carrier's ``id``, ``slug``, ``name_zh`` or ``name_en``.
    """
    from core.contract import default_tenant
    from core.stages import StageDefaults

    registry = pm.get_plugin(StageDefaults.NAME).registry
    defaults = default_tenant(pm, registry).settings
    tuned = {
        stage: {**values, **(settings or {}).get(stage, {})} for stage, values in defaults.items()
    }
    identity = {"id": 1, "slug": "test", "name_zh": "测试载体", "name_en": "Test carrier"} | fields
    return TenantRef(settings=tuned, **identity)


class FakeDistribution:
    """Stands in for an installed package that declares an ``incuchain`` entry point."""

    def __init__(self, name: str, module: str):
        self.metadata = {"name": name}
        self.entry_points = [
            importlib.metadata.EntryPoint(name=name, value=module, group=PROJECT_NAME)
        ]


@contextmanager
def installed(**modules: str) -> Iterator[list[FakeDistribution]]:
    """``with installed(ideas="incuchain_ideas"):`` those modules look pip-installed.

    They are the only installed distributions while the block runs, so build
    the application inside it with ``INCUCHAIN_LOAD_ENTRYPOINTS=True``.
    """
    dists = [FakeDistribution(name, module) for name, module in modules.items()]
    with mock.patch.object(importlib.metadata, "distributions", lambda: dists):
        yield dists


def compile_catalogs(directory: Path | str) -> list[Path]:
    """Compile each ``<locale>/LC_MESSAGES/*.po`` under ``directory`` into its ``.mo``.

    A catalogue whose ``.mo`` is newer than its ``.po`` is left as it is.
    Each ``.mo`` is written beside it and then moved into place, so that
    parallel test processes compiling the same catalogue never read half a
    file. Returns the ``.mo`` files. ``.mo`` files are build products:
    compile them when the package is built and in the tests, never commit them.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    compiled = []
    for po in sorted(Path(directory).glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source:
                catalog = read_po(source, locale=po.parent.parent.name)
            with tempfile.NamedTemporaryFile(dir=mo.parent, suffix=".part", delete=False) as target:
                write_mo(target, catalog)
            os.replace(target.name, mo)
        compiled.append(mo)
    return compiled


# -- facts as core gathers them ------------------------------------------------------------


@functools.cache
def _vocabulary():
    from core.vocabulary import build_vocabulary

    return build_vocabulary(plugin_manager())


def funding_fact(*, date, amount, kind: str, investor: str = "") -> FundingFact:
    """A funding round as core hands it to rules: with its kind's category and names."""
    vocabulary = _vocabulary()
    return FundingFact(
        date=date,
        amount=Decimal(str(amount)),
        kind=kind,
        investor=investor,
        category=vocabulary.category(kind),
        kind_zh=vocabulary.name("funding", kind, "zh_CN"),
        kind_en=vocabulary.name("funding", kind, "en"),
    )


def certification_fact(
    *, kind: str, number: str = "", year=None, issued_on=None, valid_until=None
) -> CertificationFact:
    """A certification as core hands it to rules: its last valid day fixed by its kind."""
    vocabulary = _vocabulary()
    return CertificationFact(
        kind=kind,
        number=number,
        year=year,
        issued_on=issued_on,
        valid_until=vocabulary.valid_until(
            kind, issued_on=issued_on, year=year, recorded=valid_until
        ),
        counts_as=vocabulary.counts_as(kind),
    )
