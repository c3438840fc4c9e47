"""Core hardens every intake form a plugin returns: hostile input is refused next to its field.

The stages here are written from docs/plugins.md with WTForms' own validators
(``wtforms.validators.NumberRange``, ``DecimalField`` with its default two
places), as a third party would: without core's hardening, a 400-digit
integer made the application page answer 500.
"""

from __future__ import annotations

import re

import pytest
from flask_babel import force_locale
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict
from wtforms import DecimalField, IntegerField, StringField
from wtforms.validators import InputRequired, NumberRange

from core import hooks
from core.applications.models import Application
from core.extensions import db
from core.hardening import harden
from core.plugin_api import Stage, StageSpec, TenantRef, hookimpl
from core.tenancy.models import Role
from tests.conftest import Factory
from tests.workflow.conftest import GOOD_ANSWERS, STAGE

HUGE = "9" * 400
TENANT = TenantRef(id=1, slug="x", name_zh="x", name_en="x")


def feedback(page: str, field: str) -> str:
    """The error text shown under the input ``field``, before the next field's label."""
    pattern = rf'id="{field}"(?:(?!<label).)*?class="invalid-feedback[^"]*"[^>]*>(.*?)</div>'
    match = re.search(pattern, page, re.S)
    assert match, f"no message next to {field}"
    return " ".join(match.group(1).split())


def applications(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Application))


def test_a_400_digit_integer_is_refused_next_to_the_field_not_a_500(carrier, founder):
    """tests/fixture_plugins/techtransfer.py checks ``members`` with WTForms' NumberRange."""
    response = founder.post(
        f"/t/tt/apply/{STAGE}", data={**GOOD_ANSWERS, "members": HUGE, "action": "submit"}
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert feedback(page, "members") == "Enter a number with at most 15 digits."
    assert HUGE not in page
    assert applications(carrier.app) == 0


def test_the_message_is_translated(carrier, founder):
    founder.post("/language", data={"locale": "zh_CN"})
    page = founder.post(
        f"/t/tt/apply/{STAGE}", data={**GOOD_ANSWERS, "members": HUGE, "action": "submit"}
    ).get_data(as_text=True)
    assert feedback(page, "members") == "请输入不超过15位的数字。"


def test_a_draft_keeps_nothing_of_a_refused_answer(carrier, founder):
    data = {**GOOD_ANSWERS, "members": HUGE, "action": "draft"}
    assert founder.post(f"/t/tt/apply/{STAGE}", data=data).status_code == 302
    with carrier.app.app_context():
        draft = db.session.scalars(select(Application)).one()
        assert draft.status == "draft"
        assert draft.answers["members"] == [] and draft.answers["summary"] == ["高校专利转化"]


# -- a stage with decimals, as the guide's example writes one ---------------------------


def figures_form(tenant):
    fields = {
        "name": StringField("Name", validators=[InputRequired()]),
        "revenue": DecimalField("Revenue (万元)", validators=[NumberRange(min=0)]),
        "staff": IntegerField("Staff", validators=[NumberRange(0, 10_000)]),
    }
    return type("FiguresForm", (FlaskForm,), fields)


FIGURES = Stage(
    spec=StageSpec(key="figures", order=99, name_zh="数据", name_en="Figures"),
    intake_form=figures_form,
)


class FiguresPlugin:
    @hookimpl
    def incuchain_stages(self):
        return [FIGURES]


@pytest.fixture
def figures_carrier(make_app):
    app = make_app(INCUCHAIN_EXTRA_PLUGINS=[FiguresPlugin()])
    factory = Factory(app)
    tenant = factory.tenant("fig", stages=("figures",))
    factory.member(tenant, "manager@fig.cn", Role.MANAGER)
    factory.startup("数据科技有限公司", founders=("founder@fig.cn",))
    client = app.test_client()
    client.post("/login", data={"email": "founder@fig.cn", "password": "correct horse battery"})
    client.post("/language", data={"locale": "en"})
    return app, client


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("revenue", "1e999999", "Enter a number with at most 15 digits."),
        ("revenue", "-" + HUGE, "Enter a number with at most 15 digits."),
        ("revenue", "NaN", "Enter a number."),
        ("revenue", "Infinity", "Enter a number."),
        ("staff", HUGE, "Enter a number with at most 15 digits."),
    ],
)
def test_decimals_and_integers_out_of_any_range_are_refused(figures_carrier, field, value, message):
    app, client = figures_carrier
    data = {"name": "数据", "revenue": "12.5", "staff": "3", field: value, "action": "submit"}
    response = client.post("/t/fig/apply/figures", data=data)
    assert response.status_code == 200
    assert feedback(response.get_data(as_text=True), field) == message
    assert applications(app) == 0


def test_a_sensible_answer_still_passes(figures_carrier):
    app, client = figures_carrier
    data = {"name": "数据", "revenue": "123456789012.5", "staff": "3", "action": "submit"}
    assert client.post("/t/fig/apply/figures", data=data).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Application.status)) == "submitted"


# -- text no page can store or show ---------------------------------------------------------


@pytest.mark.parametrize("text", ["a\x00b", "a\ud800b", "\udfff"])
def test_nul_and_lone_surrogates_are_refused_wherever_the_data_comes_from(figures_carrier, text):
    app, _client = figures_carrier
    with app.test_request_context(), force_locale("en"):
        form_class = hooks.intake_form("figures", TENANT)
        form = form_class(formdata=MultiDict({"name": text, "revenue": "1", "staff": "1"}))
        assert form.name.data is None and form.name.raw_data == []
        assert not form.validate()
        assert form.errors == {"name": ["Remove the characters that are not text, such as NUL."]}


def test_hardening_subclasses_the_plugins_form_once():
    plugin_class = figures_form(TENANT)
    hardened = harden(plugin_class)
    assert issubclass(hardened, plugin_class) and hardened.__name__ == "FiguresForm"
    assert harden(hardened) is hardened
