"""The audit log's filters: read from the query string, so a filtered view is a link."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length, Optional

from core.audit.report import Filters
from core.web.forms import FlaskForm


class FilterForm(FlaskForm):
    class Meta:
        csrf = False

    who = SelectField(_l("Who"), choices=[], default="")
    kind = SelectField(_l("Object"), choices=[], default="")
    action = SelectField(_l("Action"), choices=[], default="")
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("To"), validators=[Optional()])
    q = StringField(
        _l("Search"), filters=[lambda v: (v or "").strip()], validators=[Length(max=100)]
    )

    def __init__(self, *args, people, kinds, actions, **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", str(_l("Everyone")))]
        self.who.choices = everyone + [(str(i), name) for i, name in people]
        self.kind.choices = [("", str(_l("Every object")))] + kinds
        self.action.choices = [("", str(_l("Every action")))] + actions

    def filters(self) -> Filters:
        """What the form narrows the log to; nothing when it does not validate."""
        if not self.validate():
            return Filters()
        return Filters(
            who=int(self.who.data) if self.who.data else None,
            kind=self.kind.data or None,
            action=self.action.data or None,
            since=self.since.data,
            until=self.until.data,
            search=self.q.data or "",
        )
