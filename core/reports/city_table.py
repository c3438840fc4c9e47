"""The city view as a table: headers and rows in the current language, and its CSV/XLSX files."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from flask_babel import get_locale
from flask_babel import gettext as _
from openpyxl import Workbook

from core.plugin_api import CERTIFICATION
from core.registry import vocab
from core.reports.city import CarrierRow, CityView

#: Money (万元) is shown and exported to the yuan's hundredth of 10k: two decimals.
CENTS = Decimal("0.01")


def _localized(obj) -> str:
    from core.web import localized

    return localized(obj)


def headers(view: CityView) -> list[str]:
    return [
        _("Carrier"),
        *(_("Active: %(stage)s", stage=_localized(s)) for s in view.stages),
        _("Active in total"),
        *(ladder_name(kind) for kind in view.ladder),
        _("Graduations in %(year)s", year=view.year),
        _("Funding raised in %(year)s (10k CNY)", year=view.year),
        _("R&D spend in %(year)s (10k CNY)", year=view.year),
    ]


def ladder_name(kind: str) -> str:
    """The certification's name in the current language."""
    return vocab.name_of(CERTIFICATION, kind, str(get_locale()))


def values(view: CityView, row: CarrierRow) -> list:
    return [
        _localized(row.tenant) if row.tenant else _("City total"),
        *(row.active.get(s.key, 0) for s in view.stages),
        row.active_total,
        *(row.ladder.get(kind, 0) for kind in view.ladder),
        row.graduations,
        row.funding.quantize(CENTS),
        row.rd_spend.quantize(CENTS),
    ]


def table(view: CityView) -> tuple[list[str], list[list]]:
    """The header and every row, the city's total last."""
    rows = [values(view, r) for r in view.rows] + [values(view, view.total)]
    return headers(view), rows


def to_csv(view: CityView) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens the Chinese correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    head, rows = table(view)
    writer.writerow(head)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(view: CityView) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(view.year)
    head, rows = table(view)
    sheet.append(head)
    for row in rows:
        sheet.append([float(v) if not isinstance(v, int | str) else v for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
