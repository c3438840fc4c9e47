"""高价值发明专利: the categories of CNIPA's statistical definition a patent meets, from evidence.

"高价值发明专利是指…有效发明专利，主要包括5种情况：一是战略性新兴产业的发明专利，二是在海外有同族专利权的发明专利，
三是维持年限超过10年的发明专利，四是实现较高质押融资金额的发明专利，五是获得国家科学技术奖或中国专利奖的发明专利。"
(innovation-factors.md §2.1, VERIFIED). Only invention patents in force count.

- 海外同族: granted family members abroad ("专利权": applications do not count).
- 维持年限超过10年: more than ten years from the filing date, or from the grant
  (``IP_HIGH_VALUE_YEARS_FROM``; how it is counted is UNVERIFIED).
- 较高质押融资金额: a pledge of at least ``IP_HIGH_VALUE_PLEDGE_MIN`` 万元; the
  amount is NOT FOUND in policy, so without the setting the category is not judged.
- 奖项: a 国家科学技术奖 or 中国专利奖 recorded.
- 战略性新兴产业 needs the IPC mapping of 国知办函规字〔2021〕121号, which is not
  shipped: the category is not judged yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask import current_app
from flask_babel import get_locale

from core.ip.models import EventKind
from core.ip.queries import Right
from core.plugin_api import add_years
from core.registry import vocab


@dataclass(frozen=True)
class Category:
    key: str
    #: The evidence that meets it, in words a manager checks.
    evidence: str


def categories(right: Right, today: date) -> tuple[Category, ...]:
    """The categories ``right`` meets today; empty for anything but an invention in force."""
    asset = right.asset
    if asset.kind != "invention_patent" or not right.life.in_force:
        return ()
    found = []
    if asset.family():
        found.append(Category("overseas_family", "、".join(asset.family())))
    start = (
        asset.granted_on
        if current_app.config["IP_HIGH_VALUE_YEARS_FROM"] == "granted"
        else asset.filed_on
    )
    if start and today > add_years(start, 10):
        found.append(Category("maintained", start.isoformat()))
    minimum = current_app.config["IP_HIGH_VALUE_PLEDGE_MIN"]
    pledged = [e for e in right.events if e.kind == EventKind.PLEDGE and e.amount is not None]
    if minimum and any(e.amount >= Decimal(minimum) for e in pledged):
        top = max(e.amount for e in pledged)
        found.append(Category("pledge", f"{top.normalize():f} 万元"))
    if asset.award:
        award = vocab.name_of(vocab.IP_AWARDS, asset.award, str(get_locale()))
        found.append(
            Category("award", " ".join(filter(None, (award, str(asset.award_year or "")))))
        )
    return tuple(found)
