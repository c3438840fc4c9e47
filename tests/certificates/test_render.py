"""The certificate PDF: what it shows, what it embeds, and what it refuses to load."""

from __future__ import annotations

import io
import logging
from dataclasses import replace
from datetime import date

import pytest
import segno
from flask_wtf import FlaskForm
from PIL import Image
from pypdf import PdfReader

from core import hooks
from core.certificates.render import DEFAULT_TEMPLATE, render_certificate, render_pdf
from core.plugin_api import (
    CertificateContent,
    CertificateTemplate,
    PluginContractError,
    Stage,
    StageSpec,
    TenantRef,
    hookimpl,
)

TENANT = TenantRef(id=1, slug="zgc", name_zh="中关村创业孵化中心", name_en="ZGC Incubation Centre")
VERIFY_URL = "https://incuchain.example.cn/verify/ZGC-2026-0007"


def png(size: int = 64, colour=(200, 20, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(buffer, "PNG")
    return buffer.getvalue()


def content(**changes) -> CertificateContent:
    values = dict(
        serial="ZGC-2026-0007",
        verify_url=VERIFY_URL,
        holder_zh="北京智芯微电子科技有限公司",
        holder_en="Beijing ZhiXin Microelectronics Co., Ltd.",
        credit_code="91110108MA01ABCD1X",
        stage_zh="孵化器",
        stage_en="Incubator",
        carrier_zh="中关村创业孵化中心",
        carrier_en="ZGC Incubation Centre",
        admitted_on=date(2022, 3, 1),
        graduated_on=date(2026, 11, 25),
    )
    return CertificateContent(**(values | changes))


def text_of(pdf: bytes) -> str:
    (page,) = PdfReader(io.BytesIO(pdf)).pages
    return page.extract_text()


def images_of(pdf: bytes) -> list[Image.Image]:
    return [image.image for image in PdfReader(io.BytesIO(pdf)).pages[0].images]


@pytest.fixture
def render(app):
    def render(stage: str = "incubator", **changes) -> bytes:
        with app.app_context():
            return render_certificate(stage, TENANT, content(**changes))

    return render


def test_certificate_shows_both_names_serial_carrier_and_dates(render):
    text = text_of(render())
    for shown in (
        "北京智芯微电子科技有限公司",
        "Beijing ZhiXin Microelectronics Co., Ltd.",
        "ZGC-2026-0007",
        "中关村创业孵化中心",
        "ZGC Incubation Centre",
        "91110108MA01ABCD1X",
        "2022年3月1日",
        "2026年11月25日",
        "25 November 2026",
        VERIFY_URL,
    ):
        assert shown in text


def test_without_english_name_or_credit_code_the_chinese_name_stands_in(render):
    text = text_of(render(holder_en="", credit_code=None))
    assert "This certifies that 北京智芯微电子科技有限公司" in " ".join(text.split())
    assert "统一社会信用代码" not in text


def test_qr_code_encodes_the_verification_url_and_links_to_it(render):
    pdf = render()
    (qr,) = images_of(pdf)
    code = segno.make(VERIFY_URL, error="m", micro=False)
    expected = [[not dark for dark in row] for row in code.matrix_iter(border=4)]
    pixels = qr.convert("1")
    assert qr.size == (len(expected), len(expected))
    assert [[bool(pixels.getpixel((x, y))) for x in range(qr.width)] for y in range(qr.height)] == (
        expected
    )
    annotations = [
        a.get_object()["/A"]["/URI"] for a in PdfReader(io.BytesIO(pdf)).pages[0]["/Annots"]
    ]
    assert annotations and set(annotations) == {VERIFY_URL}


def test_seal_is_embedded(render):
    images = images_of(render(seal=png(colour=(200, 20, 20)), seal_mime="image/png"))
    assert len(images) == 2
    assert images[1].size == (64, 64)
    assert images[1].convert("RGB").getpixel((10, 10)) == (200, 20, 20)


def test_a_large_seal_is_scaled_down_and_keeps_the_pdf_small(render):
    scan = io.BytesIO()
    Image.effect_noise((1600, 1200), 80).convert("RGB").save(scan, "JPEG", quality=95)
    assert len(scan.getvalue()) > 500_000
    pdf = render(seal=scan.getvalue(), seal_mime="image/jpeg")
    assert images_of(pdf)[1].size == (400, 300)
    assert len(pdf) < 80_000


@pytest.mark.parametrize(
    "changes",
    [
        {"seal": b"<svg/>", "seal_mime": "image/svg+xml"},
        {"seal": png(), "seal_mime": None},
        {"verify_url": "javascript:alert(1)"},
        {"verify_url": "file:///etc/passwd"},
    ],
)
def test_unsafe_seal_or_verification_url_is_refused(render, changes):
    with pytest.raises(ValueError):
        render(**changes)


def test_markup_in_content_is_shown_as_text_and_not_loaded(render, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(png())
    holder = f'<img src="file://{secret}">'
    pdf = render(holder_zh=holder, holder_en='<img src="http://127.0.0.1:9/x.png">')
    text = text_of(pdf).replace("\n", "")
    assert holder in text and '<img src="http://127.0.0.1:9/x.png">' in text
    assert len(images_of(pdf)) == 1  # the QR code only


def test_a_template_cannot_load_files_or_remote_resources(tmp_path, caplog):
    secret = tmp_path / "secret.png"
    secret.write_bytes(png())
    (tmp_path / "certificate.html").write_text(
        '{% extends "certificate_base.html" %}'
        f'{{% block title_en %}}<img src="file://{secret}"><img src="http://127.0.0.1:9/x.png">'
        '<img src="secret.png">{% endblock %}',
        encoding="utf-8",
    )
    (tmp_path / "extra.css").write_text(
        f'@import url("file://{tmp_path}/more.css"); h1 {{ background: url("file://{secret}") }}',
        encoding="utf-8",
    )
    template = CertificateTemplate(folder=tmp_path, stylesheets=(tmp_path / "extra.css",))
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = render_pdf(template, content())
    assert len(images_of(pdf)) == 1
    refused = caplog.text
    assert f"file://{secret}" in refused and "http://127.0.0.1:9/x.png" in refused
    assert refused.count("disallowed protocol") >= 3


def test_chinese_certificate_embeds_one_small_truetype_subset(render):
    pdf = render()
    assert len(pdf) < 80_000
    (page,) = PdfReader(io.BytesIO(pdf)).pages
    fonts = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    assert len(fonts) == 1
    (descendant,) = fonts[0]["/DescendantFonts"]
    name = descendant.get_object()["/BaseFont"]
    assert "+WenQuanYi" in name  # "ABCDEF+": a subset
    assert "/FontFile2" in descendant.get_object()["/FontDescriptor"]  # TrueType outlines


def test_same_input_gives_identical_bytes(render):
    seal = {"seal": png(), "seal_mime": "image/png"}
    assert render(**seal) == render(**seal)
    assert render(**seal) != render(serial="ZGC-2026-0008", **seal)


@pytest.mark.parametrize(
    ("stage", "title"),
    [
        ("makerspace", "Makerspace Graduation Certificate"),
        ("incubator", "Certificate of Graduated Enterprise"),
        ("accelerator", "Accelerator Graduation Certificate"),
    ],
)
def test_hook_incuchain_certificate_template(app, render, stage, title):
    with app.app_context():
        template = hooks.certificate_template(stage, TENANT)
    assert (template.folder / template.name).is_file()
    text = text_of(render(stage))
    assert title in text and "ZGC-2026-0007" in text


class PlainStage:
    """A stage declared without a certificate template."""

    @hookimpl
    def incuchain_stages(self):
        spec = StageSpec(key="lab", order=99, name_zh="实验室", name_en="Lab")
        return [Stage(spec=spec, intake_form=lambda tenant: type("F", (FlaskForm,), {}))]


def test_stage_without_a_template_gets_the_core_default(make_app):
    app = make_app(INCUCHAIN_EXTRA_PLUGINS=[PlainStage()])
    with app.app_context():
        assert hooks.certificate_template("lab", TENANT) is None
        pdf = render_certificate("lab", TENANT, content(stage_en="Lab"))
    assert pdf == render_pdf(DEFAULT_TEMPLATE, content(stage_en="Lab"))
    text = " ".join(text_of(pdf).split())
    assert "Certificate of Graduation" in text and "(Lab)" in text


def test_a_hook_answering_something_else_is_a_contract_error(app):
    class Broken:
        @hookimpl(tryfirst=True)
        def incuchain_certificate_template(self, stage):
            return "certificate.html"

    with app.app_context():
        app.extensions["incuchain"].pm.register(Broken())
        with pytest.raises(PluginContractError, match="CertificateTemplate"):
            hooks.certificate_template("incubator", TENANT)


def test_an_edited_stylesheet_is_applied_without_a_restart(tmp_path):
    stylesheet = tmp_path / "extra.css"
    stylesheet.write_text(".holder .en { color: #123456 }", encoding="utf-8")
    template = replace(DEFAULT_TEMPLATE, stylesheets=(stylesheet,))
    assert "Beijing ZhiXin" in text_of(render_pdf(template, content()))
    stylesheet.write_text(".holder .en { display: none }", encoding="utf-8")
    assert "Beijing ZhiXin" not in text_of(render_pdf(template, content()))


@pytest.mark.parametrize("stage", ["makerspace", "incubator", "accelerator", "techtransfer"])
def test_a_certificate_decided_on_review_does_not_say_the_conditions_were_met(app, stage):
    """经审核认定毕业 for a graduation by override; the statement is read from the HTML,
    since the PDF's text layer does not give the justified paragraph back whole."""
    from core import hooks
    from core.certificates import render as rendering

    def statement(**changes) -> str:
        with app.app_context():
            template = hooks.certificate_template(stage, TENANT) or rendering.DEFAULT_TEMPLATE
        environment = rendering._environment(template.folder)
        html = environment.get_template(template.name).render(
            rendering._context(content(**changes))
        )
        return html.split('class="statement"')[1].split("</section>")[0]

    by_rules, by_review = statement(), statement(by_review=True)
    assert "经审核认定于2026年11月25日毕业。" in by_review and "毕业条件" not in by_review
    assert "by decision of the carrier on review" in by_review
    assert "毕业条件" in by_rules and "经审核认定于" not in by_rules
