"""Checking an import file row by row, before anything is written.

Each row goes through the registry's own forms (the profile and the annual
figures), so an imported startup obeys exactly the rules of one entered by
hand, with the same messages. On top of that: headers must be known, the
kind and technology field must name one of the listed values, and no startup
may appear twice, in the file or in the registry. A startup may take several
rows for several years of figures; its profile columns must then agree.

The registry is asked twice for the whole file (credit codes, and names at
this carrier), never once per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from core.extensions import db
from core.imports.columns import (
    BY_KEY,
    FIGURE_KEYS,
    HEADERS,
    KIND_VALUES,
    MONEY_KEYS,
    PROFILE_KEYS,
    field_values,
    fold,
)
from core.imports.reader import Sheet
from core.registry import credit_code
from core.registry.access import linked_startup_ids
from core.registry.forms import FiguresForm, ProfileForm, date_field, year_field
from core.registry.models import Startup
from core.registry.operations import jsonable

HEADER_ROW = 1


class RowForm(ProfileForm, FiguresForm):
    """One row of the file: a startup's profile, its admission date and one year's figures."""

    year = year_field(_l("Year"), optional=True)
    admitted_on = date_field(_l("Admission date"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # An empty year stops its own validators, so the need for one is checked here.
        figures = any(self[k].data is not None for k in FIGURE_KEYS)
        if figures and self.year.data is None and not self.year.errors:
            self.year.errors.append(_l("Enter the year of these figures."))
            valid = False
        return valid


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    value: str
    reason: str


@dataclass
class PlannedStartup:
    """A startup to create, from its first row, with the figures of all its rows."""

    row: int
    values: dict
    admitted_on: date | None
    figures: dict[int, dict] = field(default_factory=dict)


@dataclass
class Plan:
    rows: int
    startups: list[PlannedStartup]
    problems: list[Problem]
    #: The file's header of each column key, to name columns in problems.
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def figures_count(self) -> int:
        return sum(len(s.figures) for s in self.startups)

    def to_json(self) -> dict:
        """The checked startups as JSON, to keep until the commit."""
        return {
            "rows": self.rows,
            "headers": self.headers,
            "startups": [
                {
                    "row": s.row,
                    "values": jsonable(s.values),
                    "admitted_on": s.admitted_on.isoformat() if s.admitted_on else None,
                    "figures": [{"year": y, **jsonable(f)} for y, f in s.figures.items()],
                }
                for s in self.startups
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> Plan:
        def day(text):
            return date.fromisoformat(text) if text else None

        def amounts(figures: dict) -> dict:
            return {
                k: Decimal(v) if k in MONEY_KEYS and v is not None else v
                for k, v in figures.items()
            }

        startups = [
            PlannedStartup(
                row=s["row"],
                values={**s["values"], "founded_on": day(s["values"]["founded_on"])},
                admitted_on=day(s["admitted_on"]),
                figures={f.pop("year"): amounts(f) for f in s["figures"]},
            )
            for s in data["startups"]
        ]
        return cls(data["rows"], startups, [], data["headers"])


def check(sheet: Sheet, tenant_id: int) -> Plan:
    """Every problem in the file, or the startups it would create."""
    columns, problems = _match_headers(sheet.headers)
    header_of = {key: sheet.headers[i] for i, key in columns.items()}
    planned: list[PlannedStartup] = []
    seen: dict[object, PlannedStartup] = {}
    # One form, filled again for each row: binding its fields anew would
    # cost as much as checking them.
    form = RowForm(formdata=None, meta={"csrf": False})
    fields = field_values()
    for number, texts in sheet.rows:
        raw = {key: (texts[i] if i < len(texts) else "") for i, key in columns.items()}
        row_problems = _check_row(form, number, raw, header_of, fields)
        row_problems += _unnamed(number, texts, sheet.headers)
        if row_problems:
            problems += row_problems
            continue
        values = {k: form[k].data for k in PROFILE_KEYS}
        figures = {k: form[k].data for k in FIGURE_KEYS}
        key = values["credit_code"] or ("name", values["name_zh"])
        first = seen.get(key)
        if first is None:
            seen[key] = first = PlannedStartup(number, values, form.admitted_on.data)
            planned.append(first)
        elif first.values != values or first.admitted_on != form.admitted_on.data:
            problems.append(
                _problem(
                    number,
                    header_of,
                    "name_zh",
                    values["name_zh"],
                    _(
                        "The same startup as row %(row)s, but its other columns differ.",
                        row=first.row,
                    ),
                )
            )
            continue
        year = form.year.data
        if first.row != number and (year is None or year in first.figures):
            problems.append(_duplicate(number, header_of, values, first.row))
        elif year is not None:
            first.figures[year] = figures
    problems += _registered(planned, tenant_id, header_of)
    problems.sort(key=lambda p: p.row)
    return Plan(len(sheet.rows), planned if not problems else [], problems, header_of)


def recheck(plan: Plan, tenant_id: int) -> list[Problem]:
    """What the registry now says against a plan checked earlier (two queries)."""
    return sorted(_registered(plan.startups, tenant_id, plan.headers), key=lambda p: p.row)


def _match_headers(headers: list[str]) -> tuple[dict[int, str], list[Problem]]:
    """Column index → key; unknown, repeated and missing required columns are problems."""
    columns: dict[int, str] = {}
    problems = []
    for index, header in enumerate(headers):
        if not header:
            continue
        key = HEADERS.get(fold(header))
        if key is None:
            problems.append(Problem(HEADER_ROW, header, "", _("Unknown column.")))
        elif key in columns.values():
            problems.append(Problem(HEADER_ROW, header, "", _("This column appears twice.")))
        else:
            columns[index] = key
    for key in ("name_zh", "tech_field"):
        if key not in columns.values():
            column = BY_KEY[key]
            problems.append(
                Problem(HEADER_ROW, f"{column.zh} / {column.en}", "", _("This column is missing."))
            )
    return columns, problems


def _unnamed(number: int, texts: list[str], headers: list[str]) -> list[Problem]:
    """Values in columns that have no header: nobody can tell what they are."""
    return [
        Problem(
            number,
            _("Column %(number)s", number=i + 1),
            text,
            _("A value in a column without a header."),
        )
        for i, text in enumerate(texts)
        if text and (i >= len(headers) or not headers[i])
    ]


def _problem(row, header_of, key, value, reason) -> Problem:
    return Problem(row, header_of.get(key, key), str(value or ""), str(reason))


def _duplicate(row, header_of, values, first_row) -> Problem:
    key = "credit_code" if values["credit_code"] else "name_zh"
    return _problem(row, header_of, key, values[key], _("Duplicate of row %(row)s.", row=first_row))


def _check_row(form: RowForm, number: int, raw: dict[str, str], header_of, fields) -> list[Problem]:
    """Fill ``form`` with the row and check it; the row's problems.

    ``fields`` maps the technology fields' folded names to their keys.
    """
    problems = []
    data = dict(raw)
    kind = raw.get("kind", "")
    if kind:
        data["kind"] = KIND_VALUES.get(fold(kind), kind)
    else:
        data["kind"] = "company" if raw.get("credit_code") else "team"
    if raw.get("tech_field"):
        data["tech_field"] = fields.get(fold(raw["tech_field"]), raw["tech_field"])
    form.process(MultiDict(data))
    form.validate()
    for key in (*PROFILE_KEYS, "admitted_on", "year", *FIGURE_KEYS):
        errors = form[key].errors
        if errors:
            reason = _reason(key, raw.get(key, ""), errors[0])
            problems.append(_problem(number, header_of, key, raw.get(key, ""), reason))
    return problems


def _reason(key: str, value: str, message) -> str:
    """The form's message, or a plainer one where the form speaks to founders."""
    if key in ("kind", "tech_field") and value:
        return _("Not one of the listed values.")
    if key == "credit_code" and value:
        result = credit_code.check(value)
        if result.well_formed and not result.check_ok:
            return _("Bad credit code: the check character does not match (GB 32100).")
    return str(message)


def _registered(planned: list[PlannedStartup], tenant_id: int, header_of) -> list[Problem]:
    """Startups already in the registry: by credit code anywhere, by name at this carrier."""
    codes = [s.values["credit_code"] for s in planned if s.values["credit_code"]]
    taken_codes = set()
    if codes:
        taken_codes = set(
            db.session.scalars(select(Startup.credit_code).where(Startup.credit_code.in_(codes)))
        )
    names = [s.values["name_zh"] for s in planned]
    taken_names = set()
    if names:
        taken_names = set(
            db.session.scalars(
                select(Startup.name_zh).where(
                    Startup.id.in_(linked_startup_ids(tenant_id)), Startup.name_zh.in_(names)
                )
            )
        )
    problems = []
    for s in planned:
        if s.values["credit_code"] in taken_codes:
            reason = _("A startup with this credit code is already registered.")
            problems.append(
                _problem(s.row, header_of, "credit_code", s.values["credit_code"], reason)
            )
        if s.values["name_zh"] in taken_names:
            reason = _("A startup with this name is already at this carrier.")
            problems.append(_problem(s.row, header_of, "name_zh", s.values["name_zh"], reason))
    return problems
