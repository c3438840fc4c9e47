"""The import template: the header row in Chinese or English, and a sheet of notes.

The template's language is the one chosen for its headers, whatever the
interface language, so that a Chinese template is Chinese throughout.
"""

from __future__ import annotations

from core.imports.columns import COLUMNS
from core.tabular import Column, Table

WORDS = {
    "zh": {
        "sheet": "导入",
        "notes": "说明",
        "column": "列",
        "required": "必填",
        "takes": "填写要求",
        "yes": "是",
    },
    "en": {
        "sheet": "Import",
        "notes": "Notes",
        "column": "Column",
        "required": "Required",
        "takes": "What it takes",
        "yes": "yes",
    },
}
LANGUAGES = tuple(WORDS)


def tables(language: str) -> list[Table]:
    """The empty import sheet, then (in XLSX) what each column takes."""
    words = WORDS[language]
    sheet = Table(words["sheet"], [Column(c.header(language)) for c in COLUMNS], [])
    notes = Table(
        words["notes"],
        [Column(words["column"]), Column(words["required"]), Column(words["takes"])],
        [
            [
                c.header(language),
                words["yes"] if c.required else "",
                c.note(language),
            ]
            for c in COLUMNS
        ],
    )
    return [sheet, notes]
