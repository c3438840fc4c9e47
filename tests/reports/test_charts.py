"""Chart labels are measured and wrapped, never clipped by a fixed width."""

from __future__ import annotations

from core.reports.charts import (
    LABEL_GAP,
    MAX_LABEL_WIDTH,
    Bar,
    Chart,
    text_width,
    wrapped,
)

LONG = "Pingdingshan City Technology Business Incubator"


def test_full_width_characters_count_about_twice_a_latin_letter():
    assert text_width("孵化器") == 3 * 13
    assert 2 * text_width("abc") > text_width("孵化器") > text_width("abc")


def test_the_label_column_is_as_wide_as_the_longest_label():
    short = Chart("c", "t", [Bar("孵化器", 3, "/"), Bar("众创空间", 1, "/")])
    assert short.label_width - LABEL_GAP == 60  # the minimum; 众创空间 needs 52
    wide = Chart("c", "t", [Bar("平顶山市科技企业孵化器", 3, "/")])
    assert wide.label_width - LABEL_GAP == text_width("平顶山市科技企业孵化器")


def test_a_label_too_long_for_the_column_wraps_and_its_row_grows():
    chart = Chart("c", "t", [Bar(LONG, 2, "/"), Bar("孵化器", 1, "/")])
    first, second = chart.placed()
    assert chart.label_width == MAX_LABEL_WIDTH + LABEL_GAP
    assert len(first.lines) == 2 and " ".join(first.lines) == LONG  # nothing cut
    assert all(text_width(line) <= MAX_LABEL_WIDTH for line in first.lines)
    assert first.height > second.height and second.y == first.height
    assert chart.height == first.height + second.height


def test_chinese_without_spaces_wraps_between_characters():
    text = "平顶山市高新技术产业开发区科技企业孵化器有限公司创业服务中心"
    lines = wrapped(text, 130)
    assert "".join(lines) == text and all(text_width(line) <= 130 for line in lines)
