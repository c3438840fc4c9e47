"""The 统一社会信用代码 check (GB 32100-2015) and how the profile form uses it."""

from __future__ import annotations

import pytest

from core.registry import credit_code
from core.registry.models import Startup
from tests.registry.conftest import FAILING_CODE, PROFILE, VALID_CODE, count, english, shows

FORMAT_ERROR = (
    "The credit code must be 18 characters: digits and capital letters except I, O, S, V, Z."
)
CHECK_ERROR = (
    "The check character does not match (GB 32100). Check the code, "
    "or ask your carrier's manager to record an exception."
)


def test_the_standards_own_example_is_valid():
    result = credit_code.check(VALID_CODE)
    assert result.well_formed and result.check_ok and result.valid
    assert credit_code.is_valid(VALID_CODE)


def test_an_altered_check_character_fails_the_check_only():
    result = credit_code.check(FAILING_CODE)
    assert result.well_formed and not result.check_ok and not result.valid
    # The standard's page shows this one failing too.
    assert not credit_code.is_valid("91350100M000100Y4Z")


@pytest.mark.parametrize(
    "raw",
    ["９１３５０１００Ｍ０００１００Ｙ４３", "91350100m000100y43", " 9135 0100 m000 100y43 \n"],
    ids=["full-width", "lower case", "spaces"],
)
def test_input_is_normalised_before_the_check(raw):
    assert credit_code.normalise(raw) == VALID_CODE
    assert credit_code.check(raw).valid


@pytest.mark.parametrize(
    "raw",
    [
        "91350100M000100Y4",  # 17 characters
        "91350100M000100Y431",  # 19
        "91350100I000100Y43",  # I
        "91350100O000100Y43",  # O
        "91350100S000100Y43",  # S
        "91350100V000100Y43",  # V
        "91350100Z000100Y43",  # Z
        "9135A100M000100Y43",  # a letter in the region code
        "",
    ],
)
def test_wrong_length_or_letters_are_malformed(raw):
    result = credit_code.check(raw)
    assert not result.well_formed and not result.valid
    assert not credit_code.is_valid(raw)


def test_a_founder_saves_a_full_width_lower_case_code_normalised(app, client, auth, carriers):
    auth.login("manager@alpha.cn")
    data = {**PROFILE, "credit_code": "９１３５０１００ｍ０００１００ｙ４３"}
    response = client.post("/startups/new", data=data)
    assert response.status_code == 302
    assert count(app, Startup, Startup.credit_code == VALID_CODE) == 1


@pytest.mark.parametrize(
    "code, message",
    [("91350100M000100I43", FORMAT_ERROR), ("1234", FORMAT_ERROR), (FAILING_CODE, CHECK_ERROR)],
)
def test_a_bad_code_is_a_field_error_and_nothing_is_written(
    app, client, auth, carriers, code, message
):
    auth.login("manager@alpha.cn")
    english(client)
    response = client.post("/startups/new", data={**PROFILE, "credit_code": code})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert shows(page, message)
    assert shows(page, PROFILE["name_zh"]) and f'value="{code}"' in page
    assert count(app, Startup) == 0


def test_a_company_needs_a_code_and_a_team_has_none(app, client, auth, carriers):
    auth.login("manager@alpha.cn")
    english(client)
    page = client.post("/startups/new", data={**PROFILE, "credit_code": ""}).get_data(as_text=True)
    assert "A registered company needs its credit code." in page
    page = client.post("/startups/new", data={**PROFILE, "kind": "team"}).get_data(as_text=True)
    assert "A team that is not registered has no credit code; choose a company." in page
    assert count(app, Startup) == 0
    assert (
        client.post(
            "/startups/new", data={**PROFILE, "kind": "team", "credit_code": ""}
        ).status_code
        == 302
    )
