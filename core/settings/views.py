"""A carrier's settings page: the thresholds of each stage it runs."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import DecimalField, IntegerField, SubmitField
from wtforms.validators import InputRequired

from core import hooks
from core.plugin_api import NumberRange, SettingSpec
from core.plugins import incuchain
from core.settings import operations as settings_operations
from core.settings import services
from core.tenancy.access import role_required, tenant_blueprint
from core.tenancy.models import Role
from core.web.forms import FlaskForm

bp = tenant_blueprint("settings", __name__)


def field_for(spec: SettingSpec, locale: str):
    unit = spec.unit(locale)
    label = f"{spec.label(locale)} ({unit})" if unit else spec.label(locale)
    validators = [InputRequired(message=_l("Enter a number."))]
    if spec.minimum is not None or spec.maximum is not None:
        validators.append(
            NumberRange(
                spec.minimum,
                spec.maximum,
                message=_l(
                    "Enter a number from %(min)s to %(max)s.",
                    min=spec.minimum if spec.minimum is not None else "−∞",
                    max=spec.maximum if spec.maximum is not None else "∞",
                ),
            )
        )
    description = (
        _l("Default: %(value)s. Source: %(citation)s", value=spec.default, citation=spec.citation)
        if spec.citation
        else _l("Default: %(value)s", value=spec.default)
    )
    field_class = DecimalField if spec.type == "decimal" else IntegerField
    return field_class(label, description=description, validators=validators)


def settings_form_class(specs: list[SettingSpec]) -> type[FlaskForm]:
    """A form with one field per setting, built for this request."""
    locale = str(get_locale())
    fields = {spec.key: field_for(spec, locale) for spec in specs}
    fields["submit"] = SubmitField(_l("Save settings"))
    return type("StageSettingsForm", (FlaskForm,), fields)


@bp.route("/settings")
@role_required(Role.MANAGER)
def index():
    stages = incuchain().stages.in_order(g.tenant.enabled_stages)
    if not stages:
        abort(404)
    return redirect(url_for(".stage", stage=stages[0].key))


@bp.route("/settings/<stage:stage>", methods=["GET", "POST"])
@role_required(Role.MANAGER)
def stage(stage: str):
    specs = hooks.stage_settings(stage)
    current = services.tenant_ref(g.tenant).settings[stage]
    form = settings_form_class(specs)(data=current)
    if form.validate_on_submit():
        settings_operations.save(g.tenant, stage, {spec.key: form[spec.key].data for spec in specs})
        flash(_("The settings have been saved."), "success")
        return redirect(url_for(".stage", stage=stage))
    return render_template(
        "settings/stage.html",
        form=form,
        stage=stage,
        stages=incuchain().stages.in_order(g.tenant.enabled_stages),
        specs=specs,
    )
