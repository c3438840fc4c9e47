"""Tables written as CSV or XLSX, the two formats every export offers.

A ``Table`` is headers and rows of plain values (text, numbers, dates). CSV
is UTF-8 with a byte-order mark, so that Excel in a Chinese locale opens it
as UTF-8 rather than GBK. Text that a spreadsheet would run as a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is
prefixed with an apostrophe in both formats (OWASP "CSV injection"); numbers
are written as numbers and never touched. XLSX is written by openpyxl in
write-only mode, which streams rows instead of building the sheet in memory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote

from flask import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

#: The formats offered, with their media types.
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
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


def write_xlsx(tables: Sequence[Table]) -> bytes:
    """One sheet per table, bold headers, frozen first row."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(title=sheet_title(table.title))
        sheet.freeze_panes = "A2"
        header_cells = []
        for column in table.columns:
            cell = WriteOnlyCell(sheet, value=safe_text(column.header))
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        formats = [c.number_format for c in table.columns]
        for row in table.rows:
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
