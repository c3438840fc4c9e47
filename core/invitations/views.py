"""The invitation link: who invites you to what, and accepting it while logged in."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from core.invitations import operations as services
from core.invitations.forms import AcceptForm
from core.invitations.kinds import kind_of
from core.invitations.models import InvitationStatus
from core.refusals import OperationError

bp = Blueprint("invitations", __name__)


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@login_required
def show(token: str):
    """Anonymous visitors log in (or sign up and confirm their address) and come back here."""
    invitation = services.find_by_token(token)
    if invitation is None:
        abort(404)
    user = current_user._get_current_object()
    form = AcceptForm()
    if form.validate_on_submit():
        try:
            services.accept(invitation, user)
        except OperationError as error:
            flash(error.message, "danger")
        else:
            offer = kind_of(invitation).describe(invitation)
            flash(_("You accepted the invitation: %(offer)s.", offer=offer), "success")
            return redirect(kind_of(invitation).place(invitation))
    return render_template(
        "invitations/show.html",
        invitation=invitation,
        offer=kind_of(invitation).describe(invitation),
        mine=user.email.lower() == invitation.email,
        form=form,
        Status=InvitationStatus,
        logout_next=url_for("auth.login", next=url_for(".show", token=token)),
    )
