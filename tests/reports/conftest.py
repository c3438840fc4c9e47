"""Carriers for the dashboard, warnings and city tests."""

from __future__ import annotations

import pytest

from core.tenancy.models import Role
from tests.reports.support import Rows


@pytest.fixture
def rows(app):
    return Rows(app)


@pytest.fixture
def alpha(factory):
    """A carrier with a manager, a reviewer and a founder member."""
    tenant = factory.tenant("alpha", stages=("makerspace", "incubator"))
    factory.member(tenant, "manager@alpha.cn", Role.MANAGER, "Alpha Manager")
    factory.member(tenant, "reviewer@alpha.cn", Role.REVIEWER, "Alpha Reviewer")
    factory.member(tenant, "founder@alpha.cn", Role.FOUNDER, "Alpha Founder")
    return tenant


@pytest.fixture
def beta(factory):
    tenant = factory.tenant("beta", stages=("incubator", "accelerator"))
    factory.member(tenant, "manager@beta.cn", Role.MANAGER, "Beta Manager")
    return tenant
