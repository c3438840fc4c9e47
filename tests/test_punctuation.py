"""Chinese text uses full-width punctuation: "得分 30 分；已认定", never "得分 30 分;已认定".

The scan covers the Chinese catalogue and the Chinese text written in
templates (outside their ``{{ }}`` and ``{% %}``): a half-width comma,
semicolon, colon, question or exclamation mark, or parenthesis, next to a
Chinese character. Placeholders (``%(name)s``) and English text quoting a
Chinese title are not Chinese text and are left alone.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "translations" / "zh_Hans_CN" / "LC_MESSAGES" / "messages.po"
#: Chinese characters and the full-width punctuation around them.
HAN = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]"
HALF_WIDTH_NEXT_TO_HAN = re.compile(rf"(?<={HAN}) ?[,;:?!()]|[,;:?!()] ?(?={HAN})")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]*\}")
TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


def half_width(text: str) -> bool:
    return bool(HALF_WIDTH_NEXT_TO_HAN.search(PLACEHOLDER.sub("X", text)))


def test_the_half_width_check_finds_what_it_should():
    assert half_width("得分 30 分;已认定") and half_width("尚缺 2 项:")
    assert half_width("字符(如 NUL)。")
    assert not half_width("得分 30 分；已认定") and not half_width("Score 30; recognised")
    assert not half_width("%(startup)s的%(object)s")


def test_the_chinese_catalogue_uses_full_width_punctuation():
    with CATALOGUE.open("rb") as f:
        catalogue = read_po(f)
    found = [
        m.string
        for m in catalogue
        if m.id
        for text in ([m.string] if isinstance(m.string, str) else m.string)
        if text and half_width(text)
    ]
    assert found == []


def test_chinese_text_in_templates_uses_full_width_punctuation():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = TEMPLATE_CODE.sub(" ", path.read_text(encoding="utf-8"))
        found += [
            f"{path.relative_to(ROOT)}: {line.strip()}"
            for line in text.splitlines()
            if half_width(line)
        ]
    assert found == []
