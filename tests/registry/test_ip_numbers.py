"""IP numbers by kind: the patent application number's check (ZC 0006-2003), the other shapes."""

from __future__ import annotations

from datetime import date

import pytest

from core.registry import ip_numbers


@pytest.mark.parametrize(
    "raw, kind, stored",
    [
        ("ZL 2023 1012 3456.6", "invention_patent", "202310123456.6"),
        ("CN202310000000.0", "invention_patent", "202310000000.0"),
        ("２０２３１０１２３４５６.６", "invention_patent", "202310123456.6"),
        ("02100002.X", "utility_model", None),
        ("2023sr0123456", "software_copyright", "2023SR0123456"),
        ("61234567", "trademark", "61234567"),
        ("BS.215012345", "ic_layout", "BS.215012345"),
    ],
)
def test_numbers_are_stored_in_their_normal_form(raw, kind, stored):
    result = ip_numbers.check(raw, kind)
    if stored is None:
        assert result.problem is not None
    else:
        assert result.problem is None and result.number == stored


def test_the_check_character_is_the_weighted_sum_modulo_eleven():
    digits = "202310123456"
    total = sum(
        int(d) * w for d, w in zip(digits, (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5), strict=True)
    )
    assert ip_numbers.check_character(digits) == "0123456789X"[total % 11] == "6"
    # A remainder of 10 is written X; the pre-2003 numbers have eight digits, weights 2 to 9.
    assert ip_numbers.check("ZL202410123401.x", "invention_patent").number == "202410123401.X"
    assert ip_numbers.check("02100002.6", "invention_patent").problem is None


def test_the_year_must_be_the_filing_year_except_for_pct_entries():
    assert ip_numbers.check("202310123456.6", "invention_patent", date(2024, 1, 2)).problem
    pct = "2023" + "8" + "0123456"
    number = f"{pct}.{ip_numbers.check_character(pct)}"
    assert ip_numbers.check(number, "invention_patent", date(2022, 5, 1)).problem is None
