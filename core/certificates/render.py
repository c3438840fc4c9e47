"""Rendering a graduation certificate to PDF with WeasyPrint.

The stage's plugin names the template (``incuchain_certificate_template``);
a stage without one gets core's ``certificate_base.html``. Rendering is
meant to happen once, at graduation: the caller stores the bytes.

What makes it fast (docs/performance.md, "Certificates"):

* WeasyPrint is imported on first use, not when the app starts (~0.6 s).
* One ``FontConfiguration`` and each parsed stylesheet are kept for the life
  of the process, and Jinja keeps the compiled templates: only the HTML of
  the certificate itself is parsed per render.
* The stylesheet names a TrueType CJK face found through fontconfig, which
  HarfBuzz subsets to a few KB (no ``@font-face``, no font file in the repo).

What makes it safe: values are escaped by Jinja, WeasyPrint fetches only
``data:`` URIs (no ``file:``, no network), ``presentational_hints`` is off,
and the verification URL must be http(s).

Same input, same bytes: WeasyPrint writes no creation date or random ID, and
the QR code and data URIs are deterministic.
"""

from __future__ import annotations

import base64
import functools
import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import segno

from core import hooks
from core.plugin_api import CertificateContent, CertificateTemplate, TenantRef

if TYPE_CHECKING:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

#: Core's certificate templates: the base every stage template may extend.
CORE_FOLDER = Path(__file__).resolve().parents[2] / "templates" / "certificates" / "pdf"
BASE_STYLESHEET = CORE_FOLDER / "certificate_base.css"
#: What a stage without its own certificate template gets.
DEFAULT_TEMPLATE = CertificateTemplate(folder=CORE_FOLDER, name="certificate_base.html")

SEAL_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG"}
#: The seal prints 38 mm wide: 400 pixels is about 270 dpi.
SEAL_MAX_PIXELS = 400
# fmt: off
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
                  "August", "September", "October", "November", "December")
# fmt: on


def render_certificate(stage: str, tenant: TenantRef, content: CertificateContent) -> bytes:
    """The PDF of ``content`` from ``stage``'s certificate template, or core's default.

    Needs an application context (the plugins answer the hook).
    """
    template = hooks.certificate_template(stage, tenant) or DEFAULT_TEMPLATE
    return render_pdf(template, content)


def render_pdf(template: CertificateTemplate, content: CertificateContent) -> bytes:
    """The PDF of ``content`` from ``template``; needs no application context."""
    from weasyprint import HTML

    html = _environment(template.folder).get_template(template.name).render(_context(content))
    stylesheets = [_stylesheet(path) for path in (BASE_STYLESHEET, *template.stylesheets)]
    return HTML(string=html, url_fetcher=_url_fetcher()).write_pdf(
        stylesheets=stylesheets, font_config=_font_config(), presentational_hints=False
    )


def _context(content: CertificateContent) -> dict:
    if not content.verify_url.startswith(("https://", "http://")):
        raise ValueError(f"verification URL must be http(s): {content.verify_url!r}")
    return {"cert": content, "qr_src": qr_data_uri(content.verify_url), "seal_src": _seal(content)}


def qr_data_uri(url: str) -> str:
    """A QR code for ``url`` as a PNG data URI, one pixel per module.

    The stylesheet scales it with ``image-rendering: pixelated``, so the PDF
    holds a tiny image that prints sharp at any size.
    """
    return segno.make(url, error="m", micro=False).png_data_uri(scale=1, border=4)


def _seal(content: CertificateContent) -> str:
    if not content.seal:
        return ""
    if content.seal_mime not in SEAL_FORMATS:
        raise ValueError(f"seal must be PNG or JPEG, not {content.seal_mime!r}")
    return seal_data_uri(content.seal, content.seal_mime)


@functools.lru_cache(maxsize=16)
def seal_data_uri(seal: bytes, mime: str) -> str:
    """The seal as a data URI, scaled down to ``SEAL_MAX_PIXELS`` once per process.

    An upload may be a 512 KB scan; embedded as it is, it would make every
    PDF that large and cost WeasyPrint hundreds of milliseconds to re-encode.
    """
    from PIL import Image

    with Image.open(io.BytesIO(seal)) as image:
        if max(image.size) > SEAL_MAX_PIXELS:
            image.thumbnail((SEAL_MAX_PIXELS, SEAL_MAX_PIXELS), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            image.save(
                buffer, SEAL_FORMATS[mime], **({"quality": 90} if mime == "image/jpeg" else {})
            )
            seal = buffer.getvalue()
    return f"data:{mime};base64,{base64.b64encode(seal).decode('ascii')}"


def date_zh(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def date_en(day: date) -> str:
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"


@functools.cache
def _environment(folder: Path) -> jinja2.Environment:
    """One Jinja environment per template folder, searching core's base after it."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([folder, CORE_FOLDER]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(date_zh=date_zh, date_en=date_en)
    return env


@functools.cache
def _font_config() -> FontConfiguration:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def _stylesheet(path: Path) -> CSS:
    """The parsed stylesheet, parsed again only when the file changes."""
    return _parsed_stylesheet(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=32)
def _parsed_stylesheet(path: Path, _mtime_ns: int) -> CSS:
    from weasyprint import CSS

    return CSS(
        string=path.read_text(encoding="utf-8"),
        font_config=_font_config(),
        url_fetcher=_url_fetcher(),
    )


def _url_fetcher() -> URLFetcher:
    """A fetcher that refuses every URL but ``data:``: a certificate loads nothing.

    A refused image is left out with a warning in WeasyPrint's log.
    """
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)
