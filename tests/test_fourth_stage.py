"""The fourth stage, installed as a third party would install it, through the real pages.

tests/fixture_plugins/techtransfer.py declares a whole stage in one ``Stage``
and ships its own catalogue; nothing in core names it. Its intake form
speaks Chinese from the plugin's catalogue.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from flask_babel import force_locale, gettext

from core.plugin_api import PluginContractError, hookimpl
from core.plugin_api.testing import compile_catalogs
from core.tenancy.models import Role
from tests.conftest import PASSWORD, Factory
from tests.fixture_plugins import techtransfer

PLUGIN = Path(techtransfer.__file__)
CATALOGUE = PLUGIN.parent / "techtransfer_translations" / "zh_Hans_CN" / "LC_MESSAGES"
VALID_CODE = "91350100M000100Y43"
APPLY = "/t/tt/apply/techtransfer"


@pytest.fixture
def people(techtransfer_app):
    """A carrier running the fourth stage, its manager and reviewer, and a founder's startup."""
    factory = Factory(techtransfer_app)
    tenant = factory.tenant("tt", stages=("techtransfer",), prefix="TT")
    factory.member(tenant, "manager@tt.cn", Role.MANAGER, "Manager Ma")
    reviewer = factory.member(tenant, "reviewer@tt.cn", Role.REVIEWER, "Reviewer Re")
    factory.startup(
        "转化科技有限公司",
        founders=("founder@tt.cn",),
        credit_code=VALID_CODE,
        name_en="Transfer Technology Co.",
    )

    def client_for(email: str, locale: str = "en"):
        client = techtransfer_app.test_client()
        assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 302
        client.post("/language", data={"locale": locale})
        return client

    return SimpleNamespace(app=techtransfer_app, client_for=client_for, reviewer_id=reviewer.id)


def page_of(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    return response.get_data(as_text=True)


# -- its own catalogue -------------------------------------------------------------------


def test_hook_incuchain_translation_dirs(people):
    """The intake form's labels come from the plugin's catalogue in Chinese, as typed in English."""
    chinese = page_of(people.client_for("founder@tt.cn", "zh_CN").get(APPLY))
    for label in ("拟转化的技术", "团队科研人员", "所需支持", "使用实验室", "技术许可导师"):
        assert label in chinese
    assert "Technology to transfer" not in chinese and "保存草稿" in chinese
    english = page_of(people.client_for("founder@tt.cn", "en").get(APPLY))
    for label in ("Technology to transfer", "Researchers on the team", "Laboratory access"):
        assert label in english
    assert "拟转化的技术" not in english


def test_the_catalogue_translates_every_label_of_the_plugin():
    with (CATALOGUE / "messages.po").open("rb") as source:
        catalogue = {m.id: m.string for m in read_po(source) if m.id}
    found = extract_from_file("python", PLUGIN, keywords={"_l": None})
    labels = {message for _line, message, _comments, _context in found}
    assert labels and labels == {msgid for msgid, text in catalogue.items() if text}


def zh(app, message: str) -> str:
    with app.test_request_context(), force_locale("zh_CN"):
        return gettext(message)


def test_apps_with_different_plugins_do_not_share_catalogues(make_app, techtransfer_app):
    plain = make_app()
    assert zh(plain, "Technology to transfer") == "Technology to transfer"
    assert zh(techtransfer_app, "Technology to transfer") == "拟转化的技术"
    assert zh(plain, "Technology to transfer") == "Technology to transfer"


def catalogue_plugin(name: str, folder) -> SimpleNamespace:
    return SimpleNamespace(__name__=name, incuchain_translation_dirs=hookimpl(lambda: [folder]))


def test_core_keeps_its_wording_where_a_plugin_translates_the_same_message(make_app, tmp_path):
    messages = tmp_path / "translations" / "zh_Hans_CN" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Mentoring"\nmsgstr "另一种说法"\n\nmsgid "Seed grant"\nmsgstr "种子资金"\n',
        encoding="utf-8",
    )
    compile_catalogs(tmp_path / "translations")
    app = make_app(INCUCHAIN_EXTRA_PLUGINS=[catalogue_plugin("seeds", tmp_path / "translations")])
    assert zh(app, "Mentoring") == "创业导师辅导"
    assert zh(app, "Seed grant") == "种子资金"


@pytest.mark.parametrize(
    ("folder", "message"),
    [
        (Path("/nowhere/translations"), "'/nowhere/translations' does not exist"),
        ("translations", "'translations' is not an absolute path"),
    ],
)
def test_a_translation_dir_that_cannot_be_found_fails_at_start_up(make_app, folder, message):
    broken = catalogue_plugin("incuchain_broken", folder)
    with pytest.raises(PluginContractError, match=f"plugin 'incuchain_broken': .*{message}"):
        make_app(INCUCHAIN_EXTRA_PLUGINS=[broken])
