"""A carrier with a manager, a reviewer, a founder and two incubated startups.

``funded`` meets a graduation condition (650 万元 of angel investment, more
than 500); ``plain`` meets none.
"""

from __future__ import annotations

from datetime import date

import pytest

from core.tenancy.models import Role
from tests.stages.support import VALID_CODE
from tests.stages.test_graduation_service import STAGES, fund


@pytest.fixture
def world(app, factory):
    alpha = factory.tenant("alpha", stages=STAGES, prefix="ALPHA")
    factory.member(alpha, "manager@alpha.cn", Role.MANAGER, "Alpha Manager")
    factory.member(alpha, "reviewer@alpha.cn", Role.REVIEWER, "Alpha Reviewer")
    funded = factory.startup(
        "融资科技有限公司",
        founders=("founder@alpha.cn",),
        credit_code=VALID_CODE,
        name_en="Funded Technology Co.",
    )
    fund(app, funded.id, "650")
    plain = factory.startup("平常科技", founders=("plain@alpha.cn",))
    return {
        "alpha": alpha,
        "funded": factory.enrollment(alpha, funded, "incubator", date(2025, 1, 1)).id,
        "funded_startup": funded.id,
        "plain": factory.enrollment(alpha, plain, "incubator", date(2025, 1, 1)).id,
    }
