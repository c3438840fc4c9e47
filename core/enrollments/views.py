"""Enrollment pages: milestones, their updates, evidence and verification.

The page is open to the startup's founders, the carrier's managers and
reviewers, and the platform admin; anyone else gets 404, as if the
enrollment did not exist. Founders update milestones and attach evidence
(one form: saved together or not at all); managers verify, send back and add
milestones; reviewers read. A signed-in user who may see the page but not do
the action gets 403.

After a change the page opens at the milestone's card (``?focus=<id>``): its
form is open and the flashed messages are shown inside it, not at the top of
the page, where a phone's screen would not show them.
"""

from __future__ import annotations

import os

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.formparser import parse_form_data

from core import uploads
from core.enrollments import access as rights
from core.enrollments import operations, queries
from core.enrollments.access import Access
from core.enrollments.forms import (
    FOUNDER_STATUSES,
    MilestoneCustomForm,
    MilestoneReturnForm,
    MilestoneUpdateForm,
    MilestoneVerifyForm,
)
from core.enrollments.models import Milestone, MilestoneStatus
from core.refusals import NotPermitted, Refused
from core.timeutil import local_today
from core.web import panels

bp = Blueprint("enrollments", __name__)


def _me():
    return current_user._get_current_object()


def _access(enrollment_id: int) -> Access:
    access = rights.load_access(enrollment_id, current_user)
    if access is None or not access.can_view:
        abort(404)
    return access


def _milestone(milestone_id: int, *, lock: bool = True) -> tuple[Milestone, Access]:
    milestone = queries.find_milestone(milestone_id, lock=lock)
    if milestone is None:
        abort(404)
    return milestone, _access(milestone.enrollment_id)


def _back(milestone: Milestone):
    return redirect(queries.page_link(milestone.enrollment_id, milestone.id, focus=True))


def _refuse(refused: Refused, enrollment_id: int, milestone: Milestone | None = None):
    """Redirect with why a change the user's role allows cannot be made now."""
    flash(refused.message, "warning")
    if milestone is None:
        return redirect(queries.page_link(enrollment_id))
    return _back(milestone)


def _update_form(milestone: Milestone) -> MilestoneUpdateForm:
    status = milestone.status
    return MilestoneUpdateForm(
        formdata=None,
        status=status if status in FOUNDER_STATUSES else MilestoneStatus.IN_PROGRESS,
        progress=milestone.progress,
        notes=milestone.notes,
    )


def render_enrollment(
    access: Access,
    bound: tuple[int | None, str, object] | None = None,
    focus: int | None = None,
    state: dict | None = None,
):
    """The enrollment page; ``bound`` is (milestone id, form name, form) refused with errors.

    ``focus`` is the milestone whose card shows the flashed messages and its
    form open; ignored unless it is one of this enrollment's. ``state`` goes
    to the page's panels (``core.web.panels``, page ``"enrollment"``), which
    are loaded with ``access``, ``today`` and ``state``: a capability that
    refused a form of its panel passes the bound form there.
    """
    data = queries.for_enrollment(access.enrollment.id)
    forms: dict[int, dict] = {}
    for milestone in data.milestones:
        forms[milestone.id] = {}
        if access.may_update(milestone):
            forms[milestone.id]["update"] = _update_form(milestone)
        if access.may_verify(milestone) or access.may_return(milestone):
            forms[milestone.id]["review"] = MilestoneVerifyForm(formdata=None)
    custom_form = MilestoneCustomForm(formdata=None) if access.may_manage else None
    today = local_today()
    if bound is not None:
        milestone_id, name, form = bound
        if milestone_id is None:
            custom_form = form
        else:
            forms.setdefault(milestone_id, {})[name] = form
    return render_template(
        "enrollments/enrollment.html",
        access=access,
        enrollment=access.enrollment,
        data=data,
        forms=forms,
        custom_form=custom_form,
        failed=bound[0] if bound else None,
        focus=focus if any(m.id == focus for m in data.milestones) else None,
        today=today,
        panels=panels.fill("enrollment", access=access, today=today, state=state or {}),
        accept=uploads.ACCEPT,
        max_size=uploads.human_size(uploads.max_bytes()),
        max_total=uploads.human_size(uploads.max_total()),
        limits=upload_limits(),
        human_size=uploads.human_size,
    )


def upload_limits() -> dict:
    """What ``static/upload-limits.js`` checks before a browser uploads, and its messages."""
    return {
        "data-max-file": uploads.max_bytes(),
        "data-max-total": uploads.max_total(),
        "data-max-count": uploads.MAX_FILES,
        # The script puts each file's name in place of "{name}".
        "data-message-file": _(
            "%(name)s is larger than %(limit)s.",
            name="{name}",
            limit=uploads.human_size(uploads.max_bytes()),
        ),
        "data-message-total": _(
            "These files take more than %(limit)s together: choose fewer or smaller ones.",
            limit=uploads.human_size(uploads.max_total()),
        ),
        "data-message-count": _(
            "Upload at most %(count)d files at a time.", count=uploads.MAX_FILES
        ),
    }


@bp.route("/enrollments/<int:enrollment_id>")
@login_required
def enrollment(enrollment_id: int):
    return render_enrollment(_access(enrollment_id), focus=request.args.get("focus", type=int))


def _too_much_in_all() -> str:
    return _(
        "These files take more than %(limit)s together: choose fewer or smaller ones.",
        limit=uploads.human_size(uploads.max_total()),
    )


def _check_files(chosen: list) -> tuple[list[uploads.CheckedFile], list]:
    """The chosen files checked, and why any is refused (then none is stored)."""
    if len(chosen) > uploads.MAX_FILES:
        return [], [_("Upload at most %(count)d files at a time.", count=uploads.MAX_FILES)]
    checked, problems = [], []
    for upload in chosen:
        try:
            checked.append(uploads.check(upload))
        except uploads.UploadRefused as refusal:
            problems.append(refusal.message)
    return checked, problems


def _saved_message(changes) -> str:
    files = sum(1 for change in changes if change.action == "evidence")
    if not files:
        return _("The milestone has been updated.")
    if len(changes) == files:
        return ngettext("%(num)d file attached.", "%(num)d files attached.", files)
    return ngettext(
        "The milestone has been updated and %(num)d file attached.",
        "The milestone has been updated and %(num)d files attached.",
        files,
    )


@bp.route("/milestones/<int:milestone_id>/update", methods=["POST"])
@login_required
def update(milestone_id: int):
    """Status, progress, notes and any evidence files: all are stored, or none."""
    milestone, access = _milestone(milestone_id)
    try:
        operations.may_update(access, milestone)
        form = MilestoneUpdateForm()
        valid = form.validate_on_submit()
        chosen = form.chosen()
        checked, problems = _check_files(chosen)
        if not valid or problems:
            form.files.errors = [*form.files.errors, *problems]
            # A browser never fills a file input again: say so, or they would be forgotten.
            form.files.description = (
                _("Nothing has been saved. Choose the files again.") if chosen else ""
            )
            return render_enrollment(access, (milestone.id, "update", form))
        changes = operations.update(
            access,
            milestone,
            _me(),
            status=form.status.data,
            progress=form.progress.data,
            notes=form.notes.data or "",
            files=checked,
        )
    except Refused as refused:
        return _refuse(refused, access.enrollment.id, milestone)
    if not changes:
        flash(_("Nothing changed."), "info")
        return _back(milestone)
    flash(_saved_message(changes), "success")
    return _back(milestone)


def _discarded(*_args, **_kwargs):
    """Where the files of an upload too large to keep go: nowhere."""
    return open(os.devnull, "wb+")  # noqa: SIM115  (closed by ``too_large``)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """An update larger than the request limit: the form again, with what was typed.

    The files were never read (the request was refused before its body); the
    other fields are read from it with the files thrown away as they arrive,
    so the notes survive and a message stands next to the file field.
    """
    if request.endpoint != "enrollments.update" or not current_user.is_authenticated:
        return render_template("errors/error.html", code=413), 413
    try:
        milestone, access = _milestone(request.view_args["milestone_id"], lock=False)
        operations.may_update(access, milestone)
    except HTTPException as refused_access:  # 404 for other people's milestones
        return render_template("errors/error.html", code=refused_access.code), refused_access.code
    except NotPermitted:
        return render_template("errors/error.html", code=403), 403
    except Refused as refused:
        return _refuse(refused, access.enrollment.id, milestone)
    _stream, fields, files = parse_form_data(
        request.environ,
        stream_factory=_discarded,
        max_form_memory_size=current_app.config.get("MAX_FORM_MEMORY_SIZE"),
    )
    for _name, storage in files.items(multi=True):
        storage.close()
    form = MilestoneUpdateForm(formdata=fields, meta={"csrf": False})
    form.validate()
    form.files.errors = [_too_much_in_all()]
    form.files.description = _("Nothing has been saved. Choose the files again.")
    return render_enrollment(access, (milestone.id, "update", form)), 413


@bp.route("/milestones/<int:milestone_id>/verify", methods=["POST"])
@login_required
def verify(milestone_id: int):
    milestone, access = _milestone(milestone_id)
    try:
        operations.may_verify(access, milestone)
        form = MilestoneVerifyForm()
        if not form.validate_on_submit():
            return render_enrollment(access, (milestone.id, "review", form))
        operations.verify(access, milestone, _me(), form.comment.data or "")
    except Refused as refused:
        return _refuse(refused, access.enrollment.id, milestone)
    flash(_("The milestone has been verified."), "success")
    return _back(milestone)


@bp.route("/milestones/<int:milestone_id>/return", methods=["POST"])
@login_required
def send_back(milestone_id: int):
    milestone, access = _milestone(milestone_id)
    try:
        operations.may_return(access, milestone)
        form = MilestoneReturnForm()
        if not form.validate_on_submit():
            return render_enrollment(access, (milestone.id, "review", form))
        operations.send_back(access, milestone, _me(), form.comment.data)
    except Refused as refused:
        return _refuse(refused, access.enrollment.id, milestone)
    flash(_("The milestone has been sent back to the founders."), "success")
    return _back(milestone)


@bp.route("/enrollments/<int:enrollment_id>/milestones", methods=["POST"])
@login_required
def add_custom(enrollment_id: int):
    access = _access(enrollment_id)
    try:
        operations.may_add(access)
        form = MilestoneCustomForm()
        if not form.validate_on_submit():
            return render_enrollment(access, (None, "custom", form))
        milestone, _change = operations.add_custom(
            access,
            _me(),
            title_zh=form.title_zh.data,
            title_en=form.title_en.data or "",
            due_on=form.due_on.data,
            required=form.required.data,
        )
    except Refused as refused:
        return _refuse(refused, enrollment_id)
    flash(_("The milestone has been added."), "success")
    return _back(milestone)


@bp.route("/evidence/<int:evidence_id>")
@login_required
def evidence(evidence_id: int):
    item = queries.find_evidence(evidence_id)
    if item is None:
        abort(404)
    _milestone(item.milestone_id, lock=False)
    path = uploads.path_of(item.stored_name)
    if path is None:
        abort(404)
    response = send_file(
        path,
        mimetype=item.content_type,
        as_attachment=True,
        download_name=item.original_name,
        conditional=False,
        etag=False,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response
