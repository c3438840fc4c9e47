"""Every user-facing string is translated into Chinese, and the catalogs are current."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ("zh_Hans_CN", "en")


def source_messages() -> set[str]:
    method_map = [
        ("core/**.py", "python"),
        ("plugins/**.py", "python"),
        ("templates/**.html", "jinja2"),
        ("templates/**.txt", "jinja2"),
        ("plugins/**/templates/**.html", "jinja2"),
    ]
    keywords = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None, "ngettext": (1, 2)}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def hashable(value):
    """Plural entries hold lists (singular and plural forms); compare them as tuples."""
    return tuple(value) if isinstance(value, list | tuple) else value


def catalog(locale: str):
    with open(ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh, locale=locale)


def test_every_source_string_is_in_each_catalog():
    messages = source_messages()
    assert len(messages) > 50
    for locale in LOCALES:
        ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(locale) if m.id}
        missing = sorted(messages - ids)
        assert not missing, f"{locale} catalog lacks (run `make translations`): {missing}"


def test_every_chinese_entry_is_translated_and_not_fuzzy():
    untranslated = [m.id for m in catalog("zh_Hans_CN") if m.id and (not m.string or m.fuzzy)]
    assert not untranslated, f"untranslated or fuzzy Chinese entries: {untranslated}"


def test_compiled_catalogs_are_fresh():
    for locale in LOCALES:
        mo_path = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.mo"
        assert mo_path.exists(), "run `make catalogs` (part of `make test` and `make run`)"
        with open(mo_path, "rb") as fh:
            compiled = {hashable(m.id): hashable(m.string) for m in read_mo(fh) if m.id}
        source = {hashable(m.id): hashable(m.string) for m in catalog(locale) if m.id and m.string}
        assert compiled == source, f"{locale}: messages.mo is older than messages.po"
