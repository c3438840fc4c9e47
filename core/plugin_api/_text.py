"""Choosing between a value's Chinese and English forms."""

from __future__ import annotations


def is_english(locale) -> bool:
    """Whether ``locale`` (``"en"``, ``"en_GB"``, a ``babel.Locale``…) is an English one."""
    return str(locale).startswith("en")


def bilingual(locale, zh: str, en: str) -> str:
    """``en`` when ``locale`` is English and ``en`` is not empty, else ``zh``.

    Every contract object with ``*_zh`` and ``*_en`` texts answers through this,
    so an English page shows the Chinese text where no English one was given.
    """
    return en if en and is_english(locale) else zh
