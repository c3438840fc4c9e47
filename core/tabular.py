"""Tables written as CSV or XLSX, the two formats every export offers.

A ``Table`` is headers and rows of plain values (text, numbers, dates). CSV
is UTF-8 with a byte-order mark, so that Excel in a Chinese locale opens it
as UTF-8 rather than GBK. Text that a spreadsheet would run as a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is
prefixed with an apostrophe in both formats (OWASP "CSV injection"); numbers
are written as numbers and never touched. XLSX is written by openpyxl in
write-only mode, which streams rows instead of building the sheet in memory.

A sheet opens readable: bold headers in a frozen first row, each column as
wide as its header and the first ``MEASURED_ROWS`` rows need (characters
that East Asian scripts draw full-width, such as Chinese, count double, as
Excel draws them), and each column's number format (amounts with thousands
separators, dates as ``yyyy-mm-dd``).
"""

from __future__ import annotations

import csv
import io
import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote

from flask import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

#: The formats offered, with their media types (Flask adds ``charset=utf-8`` to text types).
FORMATS = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: Number formats for the columns of exports.
AMOUNT = "#,##0.00"
WHOLE = "#,##0"
DATE = "yyyy-mm-dd"
#: How many rows a column's width is measured on; the rest are streamed.
MEASURED_ROWS = 1000
#: Column widths, in Excel's character units.
MIN_WIDTH, MAX_WIDTH = 6, 60
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Excel's limit on a sheet name.
SHEET_NAME_MAX = 31


@dataclass(frozen=True)
class Column:
    header: str
    #: An Excel number format for the column's cells, e.g. ``"0.000"``.
    number_format: str | None = None


@dataclass
class Table:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence] = field(default_factory=list)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


def safe_text(value):
    """``value`` ready for a cell: text that would start a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(safe_text(value))


def write_csv(table: Table) -> bytes:
    """UTF-8 with BOM, CRLF line ends, headers first."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_text(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([csv_value(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def display_width(value) -> int:
    """How many character widths Excel gives ``value``: full-width characters count two."""
    if value is None:
        return 0
    if isinstance(value, datetime | date):
        return 10
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        # With thousands separators and two decimals.
        return len(f"{value:,.2f}")
    lines = str(value).splitlines() or [""]
    return max(
        sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in lines
    )


def column_widths(headers: Sequence[str], rows: Sequence[Sequence]) -> list[int]:
    """Each column's width for its header (bold, so a little wider) and ``rows``."""
    widths = [display_width(h) + 2 for h in headers]
    for row in rows:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], display_width(value) + 1)
    return [min(max(w, MIN_WIDTH), MAX_WIDTH) for w in widths]


def write_xlsx(tables: Sequence[Table]) -> bytes:
    """One sheet per table: bold headers in a frozen first row, measured widths, number formats."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(title=sheet_title(table.title))
        sheet.freeze_panes = "A2"
        rows = iter(table.rows)
        measured = list(itertools.islice(rows, MEASURED_ROWS))
        # Write-only sheets take their column widths before the first row.
        for i, width in enumerate(column_widths(table.headers, measured), start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        header_cells = []
        for column in table.columns:
            cell = WriteOnlyCell(sheet, value=safe_text(column.header))
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        formats = [c.number_format for c in table.columns]
        for row in itertools.chain(measured, rows):
            sheet.append(_xlsx_row(sheet, row, formats))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_row(sheet, row, formats):
    cells = []
    for value, number_format in zip(row, formats, strict=True):
        if isinstance(value, bool):
            value = int(value)
        if number_format and value is not None:
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = number_format
            cells.append(cell)
        else:
            cells.append(safe_text(value))
    return cells


def sheet_title(title: str) -> str:
    """Excel refuses some characters and more than 31 of them in a sheet name."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in title).strip("'")
    return cleaned[:SHEET_NAME_MAX] or "Sheet1"


def render(tables: Sequence[Table], fmt: str) -> bytes:
    """The tables in ``fmt``; CSV carries the first table only."""
    return write_csv(tables[0]) if fmt == "csv" else write_xlsx(tables)


def download(tables: Sequence[Table], fmt: str, filename: str) -> Response:
    """The tables as an attachment; CSV carries the first table only."""
    return attachment(render(tables, fmt), f"{filename}.{fmt}", FORMATS[fmt])


def attachment(data: bytes, name: str, media_type: str) -> Response:
    """``data`` as a file to save under ``name`` (any script), never cached."""
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_")
    response = Response(data, mimetype=media_type)
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    )
    response.headers["Cache-Control"] = "no-store"
    return response
