"""Reading rights with their payments and events, a batch at a time: three queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import select

from core.extensions import db
from core.ip.life import LegalRules, Life, life_of, rules_from
from core.ip.models import AnnuityPayment, IPEvent
from core.registry.models import IPAsset


def rules() -> LegalRules:
    """The rules with this deployment's settings."""
    return rules_from(current_app.config)


@dataclass(frozen=True)
class Right:
    """A recorded right with what happened to it and its legal life on the day."""

    asset: IPAsset
    payments: tuple[AnnuityPayment, ...]
    events: tuple[IPEvent, ...]
    life: Life


def _grouped(model, ids: list[int], *order) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    if ids:
        for row in db.session.scalars(select(model).where(model.ip_id.in_(ids)).order_by(*order)):
            grouped[row.ip_id].append(row)
    return grouped


def with_life(assets: Iterable[IPAsset], today: date) -> list[Right]:
    """Each right with its payments, events and life: two queries whatever the number."""
    assets = list(assets)
    ids = [a.id for a in assets]
    payments = _grouped(AnnuityPayment, ids, AnnuityPayment.year)
    events = _grouped(IPEvent, ids, IPEvent.happened_on, IPEvent.id)
    legal = rules()
    return [
        Right(
            a,
            tuple(payments[a.id]),
            tuple(events[a.id]),
            life_of(a, payments[a.id], events[a.id], today, legal),
        )
        for a in assets
    ]


def of_startup(startup_id: int, today: date) -> list[Right]:
    assets = db.session.scalars(
        select(IPAsset)
        .where(IPAsset.startup_id == startup_id)
        .order_by(IPAsset.filed_on.desc().nulls_last(), IPAsset.id.desc())
    )
    return with_life(assets, today)


def find(startup_id: int, ip_id: int) -> IPAsset | None:
    """The right, only if it belongs to this startup."""
    return db.session.scalar(
        select(IPAsset).where(IPAsset.id == ip_id, IPAsset.startup_id == startup_id)
    )
