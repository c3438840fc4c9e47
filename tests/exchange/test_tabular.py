"""The CSV and XLSX writers on their own."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from core.tabular import Column, Table, sheet_title, write_csv, write_xlsx


def table(rows) -> Table:
    return Table(
        "名单", [Column("名称"), Column("金额", "0.000"), Column("日期", "yyyy-mm-dd")], rows
    )


def test_csv_is_utf8_with_a_bom_and_writes_plain_values():
    data = write_csv(table([["甲", Decimal("12.3400"), date(2024, 1, 2)], ["乙", None, None]]))
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == "名称,金额,日期\r\n甲,12.34,2024-01-02\r\n乙,,\r\n"


def test_csv_and_xlsx_quote_text_that_starts_a_formula_but_not_numbers():
    rows = [[start + "1+1", Decimal("-5"), None] for start in ("=", "+", "-", "@", "\t")]
    lines = write_csv(table(rows)).decode("utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == [
        "'=1+1",
        "'+1+1",
        "'-1+1",
        "'@1+1",
        "'\t1+1",
    ]
    assert all(line.split(",")[1] == "-5" for line in lines[1:])
    sheet = load_workbook(io.BytesIO(write_xlsx([table(rows)]))).active
    assert [c.value for c in sheet["A"]][1:] == ["'=1+1", "'+1+1", "'-1+1", "'@1+1", "'\t1+1"]
    assert all(c.value == -5 and c.data_type == "n" for c in sheet["B"][1:])


def test_xlsx_keeps_numbers_dates_and_formats():
    data = write_xlsx([table([["甲", Decimal("1234.567"), date(2024, 1, 2)]]), table([])])
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    assert sheet.title == "名单" and len(workbook.worksheets) == 2
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet["B2"].value == 1234.567 and sheet["B2"].number_format == "0.000"
    assert sheet["C2"].value.date() == date(2024, 1, 2)


def test_sheet_titles_obey_excels_rules():
    assert sheet_title("2024/12: [统计]?") == "2024_12_ _统计__"
    assert len(sheet_title("x" * 40)) == 31
    assert sheet_title("") == "Sheet1"
