"""The account page where users make and revoke their API tokens."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import StringField, SubmitField
from wtforms.validators import Length

from core.api import tokens
from core.auth.forms import required
from core.web.forms import FlaskForm

bp = Blueprint("api_tokens", __name__)


class TokenForm(FlaskForm):
    name = StringField(
        _l("Token name"),
        description=_l("What the token is for, e.g. the statistics export."),
        filters=[lambda v: v.strip() if isinstance(v, str) else v],
        validators=[required(), Length(max=100)],
    )
    submit = SubmitField(_l("Create token"))


class RevokeForm(FlaskForm):
    """Only the CSRF token: revoking is a POST like every change."""


@bp.route("/account/tokens", methods=["GET", "POST"])
@login_required
def index():
    form = TokenForm()
    new_token = None
    if form.validate_on_submit():
        _row, new_token = tokens.create(current_user._get_current_object(), form.name.data)
        form = TokenForm(formdata=None)
    return render_template(
        "api/tokens.html",
        form=form,
        revoke_form=RevokeForm(),
        new_token=new_token,
        tokens=tokens.active_of(current_user),
    )


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id: int):
    if not RevokeForm().validate_on_submit():
        abort(400)
    row = tokens.find_own(current_user, token_id)
    if row is None:
        abort(404)
    tokens.revoke(row, current_user._get_current_object())
    flash(_("The token %(name)s has been revoked.", name=row.name), "info")
    return redirect(url_for(".index"))
