"""Importing startups and their annual figures: upload, dry run, then commit.

``/t/<slug>/import`` is for the carrier's managers. Posting a file checks it
and every row without writing anything to the registry, keeps the checked
startups on the server (``core.imports.pending``) and shows every problem,
or what would be created with a button to import it. The import checks the
kept startups against the registry again and writes everything in one
transaction, or nothing.
"""

from __future__ import annotations

from datetime import date

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from core import unit_of_work
from core.imports import operations, pending, reader, template, validate
from core.imports.forms import CommitForm, ImportForm
from core.plugins import incuchain
from core.portfolio.views import format_or_404
from core.refusals import Refused
from core.tabular import download
from core.tenancy.access import role_required, tenant_blueprint
from core.tenancy.models import Role
from core.uploads import UploadRefused, display_name

bp = tenant_blueprint("imports", __name__)


def _stages():
    return incuchain().stages.in_order(g.tenant.enabled_stages)


@bp.route("/import", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def upload():
    form = ImportForm(_stages())
    if form.validate_on_submit():
        upload = form.file.data
        if not upload or not getattr(upload, "filename", ""):
            form.file.errors.append(_("Choose a file."))
        else:
            data = upload.stream.read(reader.max_bytes() + 1)
            try:
                fmt = reader.check(upload.filename, data)
                sheet = reader.read(data, fmt)
            except UploadRefused as refused:
                form.file.errors.append(refused.message)
            else:
                plan = validate.check(sheet, g.tenant.id)
                kept = None
                if not plan.problems:
                    kept = pending.store(
                        plan,
                        user_id=current_user.id,
                        tenant_id=g.tenant.id,
                        stage=form.stage.data,
                        admitted_on=form.admitted_on.data.isoformat(),
                        filename=display_name(upload.filename),
                    )
                return _render_check(plan, kept, display_name(upload.filename))
    return render_template("imports/import.html", form=form, languages=template.LANGUAGES)


def _render_check(plan, kept, filename):
    return render_template(
        "imports/import_check.html",
        plan=plan,
        pending=kept,
        filename=filename,
        stage=incuchain().stages.get(kept.stage) if kept else None,
        form=CommitForm(),
    )


@bp.route("/import/<token>", methods=["POST"])
@role_required(Role.MANAGER)
def confirm(token: str):
    found = pending.load(token, current_user.id, g.tenant.id)
    if found is None or found[0].stage not in g.tenant.enabled_stages:
        abort(404)
    kept, plan = found
    if not CommitForm().validate_on_submit():
        abort(400)
    plan.problems = validate.recheck(plan, g.tenant.id)
    if plan.problems:
        pending.discard(kept)
        return _render_check(plan, None, kept.filename)
    try:
        count = operations.write(
            plan,
            g.tenant,
            kept.stage,
            date.fromisoformat(kept.admitted_on),
            filename=kept.filename,
            actor=current_user._get_current_object(),
        )
    except Refused as refused:
        flash(refused.message, "danger")
        return redirect(url_for(".upload"))
    unit_of_work.after_commit(lambda: pending.discard(kept))
    flash(ngettext("%(num)d startup imported.", "%(num)d startups imported.", count), "success")
    return redirect(url_for("portfolio.carrier.startups"))


@bp.route("/import/template-<language>.<fmt>")
@role_required(Role.MANAGER)
def template_file(language: str, fmt: str):
    if language not in template.LANGUAGES:
        abort(404)
    return download(template.tables(language), format_or_404(fmt), f"incuchain-import-{language}")
