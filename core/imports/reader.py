"""Reading an uploaded import file: XLSX or CSV, checked before it is parsed.

The file is judged by its bytes, not by the browser's content type: an XLSX
must be a ZIP that ``filetype`` recognises as a spreadsheet and whose
content, unpacked, stays within a bound (a "zip bomb" is refused); a CSV
must be text in UTF-8 (with or without a byte-order mark) or GB18030, the
encoding Excel uses for CSV on Chinese Windows. The name's extension must
agree. The first sheet of a workbook is read; blank rows are skipped.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

import filetype
from flask import current_app
from flask_babel import lazy_gettext as _l
from openpyxl import load_workbook

from core.uploads import UploadRefused, display_name, extension_of, human_size

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: Unpacked size an XLSX may reach; real sheets of 20,000 rows stay far below.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: Data rows in one file.
MAX_ROWS = 20_000
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTENSIONS = ("xlsx", "csv")
#: 2024/3/5, 2024.3.5, 2024年3月5日 → 2024-03-05; anything else goes to the form as it is.
LOOSE_DATE = re.compile(r"^(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?$")


@dataclass(frozen=True)
class Sheet:
    """The file's header row and its data rows as text, each with its row number."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]


def max_bytes() -> int:
    return int(current_app.config.get("IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def check(name: str | None, data: bytes) -> str:
    """The file's format (``xlsx`` or ``csv``); raises ``UploadRefused``."""
    shown = display_name(name) or _l("The file")
    if not data:
        raise UploadRefused(_l("%(name)s is empty.", name=shown))
    if len(data) > max_bytes():
        raise UploadRefused(
            _l("%(name)s is larger than %(limit)s.", name=shown, limit=human_size(max_bytes()))
        )
    extension = extension_of(display_name(name))
    guessed = filetype.guess(data)
    if extension == "xlsx" and guessed is not None and guessed.mime == XLSX_MIME:
        return "xlsx"
    if extension == "csv" and guessed is None and b"\0" not in data:
        return "csv"
    raise UploadRefused(
        _l("%(name)s is not an XLSX or CSV file. Save the sheet as .xlsx or .csv.", name=shown)
    )


def read(data: bytes, fmt: str) -> Sheet:
    """Parse checked bytes; raises ``UploadRefused`` when they cannot be read."""
    rows = _xlsx_rows(data) if fmt == "xlsx" else _csv_rows(data)
    numbered = []
    headers: list[str] | None = None
    for number, values in enumerate(rows, start=1):
        texts = [_text(v) for v in values]
        if headers is None:
            headers = texts
            continue
        if not any(texts):
            continue
        numbered.append((number, texts))
        if len(numbered) > MAX_ROWS:
            raise UploadRefused(_l("The file has more than %(max)s rows.", max=MAX_ROWS))
    if not headers or not any(headers):
        raise UploadRefused(_l("The file has no header row."))
    return Sheet(headers, numbered)


def _xlsx_rows(data: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise UploadRefused(_l("The workbook is too large once unpacked."))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    except UploadRefused:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise UploadRefused(_l("The workbook cannot be read. Save it again as .xlsx.")) from error
    return rows


def _csv_rows(data: bytes):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        try:
            return list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as error:
            raise UploadRefused(_l("The CSV file cannot be read.")) from error
    raise UploadRefused(_l("The CSV file is neither UTF-8 nor GB18030 text."))


def _text(value) -> str:
    """A cell as the text a form field expects."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    match = LOOSE_DATE.match(text)
    if match:
        year, month, day = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return text
