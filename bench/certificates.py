"""How long a graduation certificate takes to render, and how big its PDF is.

Issue #4's targets on a 2-core machine: the median render at most 100 ms,
Chinese content at most 1.3 times the same template with Latin content, a
batch of 100 certificates within 10 s, and at most 80 KB a PDF. Every
certificate carries the template's Chinese wording, so the "Latin" case
differs only in the content (names, carrier).

The first render in a process is timed apart: it pays for importing
WeasyPrint and loading the fonts. Without Debian's libharfbuzz-subset0,
WeasyPrint silently subsets fonts with fontTools instead, about 100 times
slower for CJK fonts; this script says so loudly.

    .venv/bin/python bench/certificates.py [--runs 30] [--batch 100]
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import statistics
import time
from dataclasses import replace
from datetime import date

from PIL import Image, ImageDraw
from pypdf import PdfReader

from core import create_app
from core.certificates.render import render_certificate
from core.plugin_api import CertificateContent, TenantRef

STAGE = "incubator"
TARGETS = {"median_ms": 100, "ratio": 1.3, "batch_s": 10, "size_kb": 80}

TENANT = TenantRef(id=1, slug="zgc", name_zh="中关村创业孵化中心", name_en="ZGC Incubation Centre")
CHINESE = CertificateContent(
    serial="ZGC-2026-0007",
    verify_url="https://incuchain.example.cn/verify/ZGC-2026-0007?code=3f9a2c81",
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
LATIN = replace(
    CHINESE,
    holder_zh="Beijing ZhiXin Microelectronics Co., Ltd.",
    stage_zh="Incubator",
    carrier_zh="ZGC Incubation Centre",
)


class FontToolsFallback(logging.Handler):
    """Notices WeasyPrint's "Using fontTools instead of HarfBuzz-Subset" message."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record):
        self.seen = self.seen or "fontTools instead" in record.getMessage()


def seal_png() -> bytes:
    """A round red seal like a scanned one: 400 × 400 pixels with transparency."""
    image = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((12, 12, 388, 388), outline=(200, 16, 16, 255), width=16)
    draw.regular_polygon((200, 200, 70), 5, fill=(200, 16, 16, 255), rotation=90)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def timed_ms(render) -> tuple[float, float, bytes]:
    """Wall-clock and CPU milliseconds of one call, and its result.

    On a busy machine the wall time grows with the other processes' load;
    the process's CPU time shows what the render itself costs.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    pdf = render()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, pdf


def fonts_of(pdf: bytes) -> list[str]:
    (page,) = PdfReader(io.BytesIO(pdf)).pages
    return sorted(
        str(font.get_object()["/BaseFont"]) for font in page["/Resources"]["/Font"].values()
    )


def harfbuzz_subset_loaded() -> bool:
    from weasyprint.text import ffi

    return ffi.harfbuzz_subset is not None and bool(ffi.harfbuzz.hb_version_atleast(4, 1, 0))


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSES TARGET"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="renders per case for the median")
    parser.add_argument("--batch", type=int, default=100, help="certificates in the batch")
    args = parser.parse_args()

    fallback = FontToolsFallback()
    logging.getLogger("weasyprint").addHandler(fallback)
    sealed = replace(CHINESE, seal=seal_png(), seal_mime="image/png")
    cases = {"Chinese content": CHINESE, "Latin content": LATIN, "Chinese with seal": sealed}
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "bench"})
    with app.app_context():
        first_ms, _cpu, _pdf = timed_ms(lambda: render_certificate(STAGE, TENANT, CHINESE))
        samples = {label: [] for label in cases}
        cpu = {label: [] for label in cases}
        pdfs = {}
        for _ in range(args.runs):  # interleaved, so a busy moment hits every case
            for label, content in cases.items():
                ms, cpu_ms, pdfs[label] = timed_ms(
                    lambda c=content: render_certificate(STAGE, TENANT, c)
                )
                samples[label].append(ms)
                cpu[label].append(cpu_ms)
        start = time.perf_counter()
        batch_sizes = [
            len(render_certificate(STAGE, TENANT, batch_content(sealed, n)))
            for n in range(1, args.batch + 1)
        ]
        batch_s = time.perf_counter() - start
    report(args, fallback, first_ms, samples, cpu, pdfs, batch_s, batch_sizes)


def batch_content(content: CertificateContent, n: int) -> CertificateContent:
    return replace(content, serial=f"ZGC-2026-{n:04d}", holder_zh=f"北京第{n}号科技有限公司")


def report(args, fallback, first_ms, samples, cpu, pdfs, batch_s, batch_sizes) -> None:
    import weasyprint
    from weasyprint.text import ffi

    pango = ffi.pango.pango_version()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"WeasyPrint {weasyprint.__version__}, Pango {pango // 10000}.{pango // 100 % 100}."
        f"{pango % 100}, {os.cpu_count()} CPUs, load average {load}"
    )
    subsetting = harfbuzz_subset_loaded() and not fallback.seen
    if not subsetting:
        print("!" * 78)
        print("!! WARNING: HarfBuzz subsetting is NOT active: WeasyPrint fell back to fontTools,")
        print("!! about 9 s per Chinese certificate. Install Debian's libharfbuzz-subset0.")
        print("!" * 78)
    print(f"font subsetting: {'HarfBuzz' if subsetting else 'fontTools (slow)'}")
    print(f"fonts embedded: {', '.join(fonts_of(pdfs['Chinese content']))}")
    print(f"first render in the process: {first_ms:.0f} ms (import, fonts, stylesheet)")
    print(f"{args.runs} renders of each: wall median (min–max), CPU median, PDF size")
    for label, times in samples.items():
        print(
            f"  {label:<18} {statistics.median(times):6.1f} ms ({min(times):.1f}–{max(times):.1f})"
            f"  CPU {statistics.median(cpu[label]):5.1f} ms  {len(pdfs[label]) / 1024:5.1f} KiB"
        )
    median = statistics.median(samples["Chinese content"])
    ratio = median / statistics.median(samples["Latin content"])
    print(f"Chinese / Latin: {ratio:.2f}  [{verdict(ratio <= TARGETS['ratio'])}]")
    print(f"median ≤ {TARGETS['median_ms']} ms: {verdict(median <= TARGETS['median_ms'])}")
    each_ms = batch_s / args.batch * 1000
    batch_ok = verdict(batch_s <= TARGETS["batch_s"] * args.batch / 100)
    print(f"batch of {args.batch} with seal: {batch_s:.2f} s, {each_ms:.0f} ms each  [{batch_ok}]")
    largest = max(*(len(pdf) for pdf in pdfs.values()), *batch_sizes)
    mean_kib = statistics.mean(batch_sizes) / 1024
    size_ok = verdict(largest <= TARGETS["size_kb"] * 1000)
    print(f"largest PDF: {largest / 1024:.1f} KiB, batch mean {mean_kib:.1f} KiB  [{size_ok}]")


if __name__ == "__main__":
    main()
