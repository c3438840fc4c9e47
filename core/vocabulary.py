"""The open vocabularies: every term the plugins register, validated and frozen at start-up.

``incuchain().vocabulary`` answers what a stored key means (its names, its
IP class, its funding category) and, for a certification, the one rule of
how long it lasts (``valid_until``), which facts, warnings, the city view,
statistics, graduation rules and the assessments all use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from types import MappingProxyType

import pluggy

from core.plugin_api import (
    CERTIFICATION,
    FUNDING,
    IP_KIND,
    VOCABULARIES,
    PluginContractError,
    Term,
)

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class Vocabulary:
    """The registered terms, per vocabulary, in order."""

    def __init__(self, terms: list[Term]) -> None:
        grouped: dict[str, list[Term]] = {name: [] for name in VOCABULARIES}
        for term in sorted(terms, key=lambda t: (t.order, t.key)):
            grouped[term.vocabulary].append(term)
        self._terms = MappingProxyType({name: tuple(found) for name, found in grouped.items()})
        self._by_key = MappingProxyType(
            {name: {t.key: t for t in found} for name, found in grouped.items()}
        )

    def terms(self, vocabulary: str) -> tuple[Term, ...]:
        return self._terms[vocabulary]

    def __iter__(self) -> Iterator[Term]:
        for found in self._terms.values():
            yield from found

    def get(self, vocabulary: str, key: str | None) -> Term | None:
        return self._by_key[vocabulary].get(key) if key else None

    def keys(self, vocabulary: str) -> tuple[str, ...]:
        return tuple(t.key for t in self._terms[vocabulary])

    def name(self, vocabulary: str, key: str | None, locale: str) -> str:
        """The term's name in ``locale``; an unknown key (a plugin switched off) as stored."""
        term = self.get(vocabulary, key)
        return term.label(locale) if term else (key or "")

    def choices(self, vocabulary: str, locale: str) -> dict[str, str]:
        """``{key: name}`` for a select."""
        return {t.key: t.label(locale) for t in self._terms[vocabulary]}

    # -- the policy the terms carry -------------------------------------------------------

    def ip_class(self, kind: str) -> str:
        """``"I"``, ``"II"`` or ``"none"``; a kind registered without a class counts as Ⅱ类."""
        term = self.get(IP_KIND, kind)
        return (term.ip_class if term else None) or "II"

    def category(self, kind: str) -> str:
        """A funding kind's category: ``equity``, ``loan``, ``grant`` (``""`` when unknown)."""
        term = self.get(FUNDING, kind)
        return (term.category if term else None) or ""

    def valid_until(
        self, kind: str, *, issued_on: date | None, year: int | None, recorded: date | None
    ) -> date | None:
        """A certification's last valid day, by its kind's ``Validity``."""
        term = self.get(CERTIFICATION, kind)
        if term is None or term.validity is None:
            return recorded
        return term.validity.until(issued_on=issued_on, year=year, recorded=recorded)

    def valid_on(self, certification, day: date) -> bool:
        """Whether a stored certification (``kind``, ``issued_on``, ``year``, ``valid_until``)
        holds on ``day``: from its date (or 1 January of its year) to its last valid day."""
        starts = certification.issued_on or (
            date(certification.year, 1, 1) if certification.year else None
        )
        if starts is not None and day < starts:
            return False
        until = self.valid_until(
            certification.kind,
            issued_on=certification.issued_on,
            year=certification.year,
            recorded=certification.valid_until,
        )
        return until is None or day <= until

    def counts_as(self, kind: str) -> frozenset[str]:
        """The kinds a certification of ``kind`` counts as: itself and those it implies."""
        term = self.get(CERTIFICATION, kind)
        return frozenset({kind, *(term.implies if term else ())})

    def ladder(self) -> tuple[Term, ...]:
        """The certification kinds on the recognition ladder, lowest rung first."""
        rungs = [t for t in self._terms[CERTIFICATION] if t.rung is not None]
        return tuple(sorted(rungs, key=lambda t: (t.rung, t.key)))


def build_vocabulary(pm: pluggy.PluginManager) -> Vocabulary:
    """Collect ``incuchain_vocabulary`` from every plugin, validate, and freeze."""
    owner: dict[tuple[str, str], str] = {}
    terms: list[Term] = []
    for impl in pm.hook.incuchain_vocabulary.get_hookimpls():
        for term in impl.function() or []:
            where = f"plugin {impl.plugin_name!r}"
            if not isinstance(term, Term):
                raise PluginContractError(f"{where}: incuchain_vocabulary must return Terms")
            if term.vocabulary not in VOCABULARIES:
                raise PluginContractError(f"{where}: unknown vocabulary {term.vocabulary!r}")
            if not KEY_PATTERN.match(term.key):
                raise PluginContractError(f"{where}: malformed key {term.key!r}")
            if term.ip_class not in (None, "I", "II", "none"):
                raise PluginContractError(f"{where}: IP class of {term.key!r} is not I, II or none")
            slot = (term.vocabulary, term.key)
            if slot in owner:
                raise PluginContractError(
                    f"{where}: {term.vocabulary} {term.key!r} is already defined by {owner[slot]!r}"
                )
            owner[slot] = impl.plugin_name
            terms.append(term)
    return Vocabulary(terms)
