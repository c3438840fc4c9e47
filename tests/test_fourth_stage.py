"""The fourth stage, installed as a third party would install it, through the real pages.

tests/fixture_plugins/techtransfer.py declares a whole stage in one ``Stage``
and ships its own catalogue; nothing in core names it. A startup goes from
its application to a certificate anyone can verify, and the intake form
speaks Chinese from the plugin's catalogue.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from flask_babel import force_locale, gettext
from pypdf import PdfReader

from core.plugin_api import PluginContractError, hookimpl
from core.plugin_api.testing import compile_catalogs
from core.tenancy.models import Role
from core.timeutil import local_today
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


def followed(client, response) -> str:
    """The page a form's redirect leads to."""
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return page_of(client.get(response.headers["Location"]))


def milestone_ids(page: str) -> dict[str, int]:
    """``{milestone key: id}`` of the cards on an enrollment page."""
    found = re.findall(r'id="milestone-(\d+)" data-key="(\w+)"', page)
    return {key: int(number) for number, key in found}


def rows(page: str, table_id: str) -> list[list[str]]:
    """The text of each row's cells in the table ``table_id``."""
    table = re.search(rf'<table[^>]* id="{table_id}">(.*?)</table>', page, re.S).group(1)
    cells = (
        re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    )
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in row] for row in cells]


def pdf_text_and_links(pdf: bytes) -> tuple[str, list[str]]:
    (page,) = PdfReader(io.BytesIO(pdf)).pages
    links = [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", [])]
    return " ".join(page.extract_text().split()), links


def test_a_startup_goes_from_application_to_a_verified_certificate(people):
    founder, manager = people.client_for("founder@tt.cn"), people.client_for("manager@tt.cn")

    form = page_of(founder.get(APPLY))
    assert "Technology to transfer" in form and "Laboratory access" in form
    answers = {"summary": "高校专利转化", "members": "3", "needs": ["lab"], "action": "submit"}
    application = followed(founder, response := founder.post(APPLY, data=answers))
    assert "Under review" in application and "3 team members, at least 2 needed" in application
    application_id = int(response.headers["Location"].rsplit("/", 1)[1])

    review = f"/t/tt/applications/{application_id}"
    assign = manager.post(f"{review}/reviewers", data={"reviewers": [people.reviewer_id]})
    assert assign.status_code == 302
    reviewer = people.client_for("reviewer@tt.cn")
    assert 'name="score_tech"' in page_of(reviewer.get(review))
    scores = {
        "no_conflict": "y",
        "score_tech": "8",
        "score_team": "7",
        "comment": "Licensable patents",
    }
    assert reviewer.post(f"{review}/score", data=scores).status_code == 302
    scored = rows(page_of(manager.get(review)), "scores")
    assert scored[0] == ["Reviewer", "Technology", "Team", "Total"]
    assert scored[1] == ["Reviewer Re", "8", "7", "76.00"]
    decision = {
        "decision": "admit",
        "admitted_on": local_today().isoformat(),
        "reason": "专利可许可",
    }
    assert manager.post(f"{review}/decision", data=decision).status_code == 302

    (enrollment_id,) = set(re.findall(r'href="/enrollments/(\d+)"', page_of(founder.get("/"))))
    enrollment = f"/enrollments/{enrollment_id}"
    page = page_of(founder.get(enrollment))
    assert "Sign the licence" in page and "Prototype" in page and "12 months" in page
    assert "Licence agreement not verified yet" in page
    licence = milestone_ids(page)["licence"]
    update = {"status": "submitted", "progress": "100", "notes": "许可协议已签"}
    assert founder.post(f"/milestones/{licence}/update", data=update).status_code == 302
    assert manager.post(f"/milestones/{licence}/verify", data={"comment": ""}).status_code == 302
    page = page_of(manager.get(enrollment))
    assert "Eligible to graduate" in page and "Licence agreement verified" in page

    graduated = followed(manager, manager.post(f"{enrollment}/graduate"))
    (serial,) = re.findall(r"Certificate (TT-\d{4}-\d{4}) has been issued", graduated)
    download = re.search(r'href="(/certificates/\d+\.pdf)" id="certificate-download"', graduated)
    pdf = founder.get(download.group(1))
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text, links = pdf_text_and_links(pdf.data)
    assert "技术转移结业证书" in text.replace(" ", "")  # the title is letter-spaced
    assert "Technology Transfer Completion Certificate" in text
    assert "转化科技有限公司" in text and "Transfer Technology Co." in text
    assert serial in text and VALID_CODE in text

    (verify_url,) = {link for link in links if "/verify/" in link}
    public = page_of(people.app.test_client().get(urlsplit(verify_url).path))
    assert 'data-status="valid"' in public and "This certificate is valid" in public
    assert serial in public and "技术转移" in public and "Tech transfer" in public


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
