"""The import page's form: the file, the stage to enroll in, the default admission date."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import FileField, SelectField, SubmitField

from core.auth.forms import required
from core.registry.forms import date_field
from core.timeutil import local_today
from core.web.forms import FlaskForm


class ImportForm(FlaskForm):
    file = FileField(
        _l("XLSX or CSV file"),
        description=_l("Headers in Chinese or English, as in the template."),
        render_kw={"accept": ".xlsx,.csv"},
    )
    stage = SelectField(_l("Enroll the startups in"), validators=[required()], choices={})
    admitted_on = date_field(
        _l("Admission date"),
        optional=False,
        description=_l("For rows without their own admission date."),
    )
    submit = SubmitField(_l("Check the file"))

    def __init__(self, stages, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = str(get_locale())
        self.stage.choices = {s.key: s.name(locale) for s in stages}
        if self.admitted_on.data is None and not self.is_submitted():
            self.admitted_on.data = local_today()


class CommitForm(FlaskForm):
    """Only the CSRF token: the file waits on the server under the token in the URL."""

    submit = SubmitField(_l("Import"))
