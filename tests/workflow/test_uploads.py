"""Evidence files: type from the bytes, size limits, random names, nothing written on refusal.

Files come with the milestone's one update form (status, progress, notes and
files): a refused file refuses the whole form, keeping what was typed.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from sqlalchemy import select

from core import uploads
from core.enrollments import operations as milestone_services
from core.enrollments.models import Evidence, MilestoneChange
from core.extensions import db
from core.plugin_api import hookimpl
from tests.workflow.test_milestones import (
    World,
    audit,
    build_world,
    count,
    milestone,
    notifications,
    section,
    writes,
)

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
EXE = b"MZ" + b"\x90\x00" * 64 + b"This program cannot be run in DOS mode."


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def zipped(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


def docx() -> bytes:
    return zipped(["[Content_Types].xml", "_rels/.rels", "word/document.xml"])


@pytest.fixture
def world(app) -> World:
    return build_world(app)


#: The milestone's fields as they are: saving them with files only attaches the files.
UNCHANGED = {"status": "open", "progress": "0", "notes": ""}


def upload(
    world: World,
    *files: tuple[bytes, str],
    email: str = "founder@alpha.cn",
    follow_redirects: bool = False,
    **fields,
):
    """Save the first milestone's form with ``files`` and ``fields`` (others unchanged)."""
    client = world.client(email)
    data = {
        **UNCHANGED,
        **fields,
        "files": [(io.BytesIO(content), name) for content, name in files],
    }
    return client.post(
        f"/milestones/{world.first}/update",
        data=data,
        content_type="multipart/form-data",
        follow_redirects=follow_redirects,
    )


def stored_files(app) -> list[Path]:
    folder = Path(app.config["UPLOAD_DIR"]) / "evidence"
    return sorted(folder.iterdir()) if folder.exists() else []


def evidence_rows(app) -> list[Evidence]:
    with app.app_context():
        return db.session.scalars(select(Evidence).order_by(Evidence.id)).all()


def assert_refused(world: World, response, message: str) -> None:
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    card = section(page, world.first)
    # Next to the file field, in the card's open form.
    field = re.search(r'<input[^>]*name="files".*?</div>', card, re.S).group(0)
    assert 'class="form-control is-invalid"' in field
    assert f'<div class="invalid-feedback">{message}' in field, card
    assert f'id="update-{world.first}"' in card and 'class="collapse show"' in card
    assert stored_files(world.app) == []
    assert evidence_rows(world.app) == []
    assert count(world.app, MilestoneChange, action="evidence") == 0
    assert audit(world.app, "evidence.added") == []


# -- accepted -----------------------------------------------------------------------------


def test_a_pdf_is_stored_under_a_random_name_with_its_hash_history_and_audit(world):
    response = upload(world, (PDF, "营业执照 2025.pdf"))
    focused = f"{world.page}?focus={world.first}#milestone-{world.first}"
    assert response.headers["Location"] == focused
    (path,) = stored_files(world.app)
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", path.name)
    assert path.read_bytes() == PDF
    (row,) = evidence_rows(world.app)
    assert row.stored_name == path.name and row.original_name == "营业执照 2025.pdf"
    assert row.content_type == "application/pdf" and row.size == len(PDF)
    assert row.sha256 == hashlib.sha256(PDF).hexdigest()
    (event,) = audit(world.app, "evidence.added")
    assert event.after["sha256"] == row.sha256 and event.object_id == str(row.id)
    with world.app.app_context():
        change = db.session.scalars(
            select(MilestoneChange).where(MilestoneChange.action == "evidence")
        ).one()
        assert change.milestone_id == world.first and change.comment == "营业执照 2025.pdf"
    page = world.client("manager@alpha.cn").get(world.page).get_data(as_text=True)
    assert f'href="/evidence/{row.id}"' in page and "营业执照 2025.pdf" in page
    assert f"({len(PDF)} B)" in section(page, world.first)
    assert count(world.app, MilestoneChange, action="updated") == 0
    assert audit(world.app, "milestone.updated") == []


def test_several_files_at_once(world):
    response = upload(world, (PDF, "a.pdf"), (png(), "photo.PNG"), (docx(), "plan.docx"))
    assert response.status_code == 302
    rows = evidence_rows(world.app)
    assert [r.content_type for r in rows] == [
        "application/pdf",
        "image/png",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
    assert sorted(p.suffix for p in stored_files(world.app)) == [".docx", ".pdf", ".png"]
    assert count(world.app, MilestoneChange, action="evidence") == 3


def test_notes_and_files_are_saved_together(world):
    recorder = Recorder()
    world.app.extensions["incuchain"].pm.register(recorder)
    response = upload(
        world,
        (PDF, "协议.pdf"),
        (png(), "photo.png"),
        status="in_progress",
        progress="60",
        notes="协议已签，照片见附件",
        follow_redirects=True,
    )
    card = section(response.get_data(as_text=True), world.first)
    assert "The milestone has been updated and 2 files attached." in card
    assert "协议已签，照片见附件" in card and "协议.pdf" in card and "photo.png" in card
    m = milestone(world.app, world.first)
    assert (m.status, m.progress, m.notes) == ("in_progress", 60, "协议已签，照片见附件")
    assert [r.original_name for r in evidence_rows(world.app)] == ["协议.pdf", "photo.png"]
    assert len(stored_files(world.app)) == 2
    (updated,) = audit(world.app, "milestone.updated")
    assert updated.after == {"status": "in_progress", "progress": 60, "notes": m.notes}
    assert len(audit(world.app, "evidence.added")) == 2
    assert recorder.calls == [
        (world.first, "updated", ""),
        (world.first, "evidence", "协议.pdf"),
        (world.first, "evidence", "photo.png"),
    ]


def test_a_refused_file_keeps_what_was_typed_and_writes_nothing(world):
    before = writes(world.app)
    typed = {"status": "submitted", "progress": "90", "notes": "合同扫描件见附件"}
    response = upload(world, (PDF, "good.pdf"), (HTML, "bad.pdf"), **typed)
    assert_refused(world, response, "bad.pdf is not an accepted file type.")
    card = section(response.get_data(as_text=True), world.first)
    assert "合同扫描件见附件</textarea>" in card
    assert 'value="90"' in card
    assert '<option selected value="submitted">' in card
    assert "Nothing has been saved. Choose the files again." in card
    assert writes(world.app) == before
    m = milestone(world.app, world.first)
    assert (m.status, m.progress, m.notes) == ("open", 0, "")
    assert notifications(world.app, "milestone.submitted") == []


def test_a_refused_field_stores_none_of_the_files(world):
    before = writes(world.app)
    response = upload(world, (PDF, "good.pdf"), progress="120", notes="已完成")
    assert response.status_code == 200
    card = section(response.get_data(as_text=True), world.first)
    assert '<div class="invalid-feedback">Enter a whole number from 0 to 100.</div>' in card
    assert "Nothing has been saved. Choose the files again." in card
    assert "已完成</textarea>" in card
    assert stored_files(world.app) == [] and evidence_rows(world.app) == []
    assert writes(world.app) == before


def test_a_spreadsheet_made_by_openpyxl_is_accepted(world):
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    assert upload(world, (buffer.getvalue(), "财务报表.xlsx")).status_code == 302
    assert evidence_rows(world.app)[0].content_type.endswith("spreadsheetml.sheet")


def test_a_name_without_extension_gets_the_detected_one(world):
    assert upload(world, (png(), "image")).status_code == 302
    assert evidence_rows(world.app)[0].original_name == "image.png"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("/tmp/../x\x00y\x1b.pdf", "xy.pdf"),
        ("invoice\u202egpj.pdf", "invoicegpj.pdf"),
        ("..", "evidence.pdf"),
    ],
)
def test_path_tricks_in_the_name_only_change_the_display_name(world, name, shown):
    assert upload(world, (PDF, name)).status_code == 302
    (path,) = stored_files(world.app)
    assert path.parent == Path(world.app.config["UPLOAD_DIR"]) / "evidence"
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", path.name)
    assert evidence_rows(world.app)[0].original_name == shown


def test_windows_folders_are_dropped_from_the_display_name():
    assert uploads.display_name("C:\\Users\\张三\\Desktop\\合同.pdf") == "合同.pdf"


def test_a_long_name_is_shortened_keeping_its_extension():
    assert uploads.display_name("长" * 300 + ".pdf") == "长" * 116 + ".pdf"


# -- refused --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (png(), "report.pdf", "report.pdf is named .pdf but its content is PNG."),
        (PDF, "photo.jpg", "photo.jpg is named .jpg but its content is PDF."),
        (zipped(["a.txt"]), "report.pdf", "report.pdf is not an accepted file type."),
        (HTML, "report.pdf", "report.pdf is not an accepted file type."),
        (HTML, "page.html", "page.html is not an accepted file type."),
        (EXE, "setup.exe", "setup.exe is not an accepted file type."),
        (EXE, "setup.pdf", "setup.pdf is not an accepted file type."),
        (b"", "empty.pdf", "empty.pdf is empty."),
    ],
)
def test_wrong_or_empty_files_are_refused_and_nothing_is_written(world, content, name, message):
    assert_refused(world, upload(world, (content, name)), message)


def test_one_bad_file_refuses_the_whole_upload(world):
    response = upload(world, (PDF, "good.pdf"), (HTML, "bad.pdf"))
    assert_refused(world, response, "bad.pdf is not an accepted file type.")


def test_no_file_chosen_and_nothing_changed_writes_nothing(world):
    before = writes(world.app)
    response = upload(world, (b"", ""), follow_redirects=True)
    assert "Nothing changed." in section(response.get_data(as_text=True), world.first)
    assert writes(world.app) == before
    assert stored_files(world.app) == [] and evidence_rows(world.app) == []


def test_too_many_files(world):
    files = [(PDF, f"{i}.pdf") for i in range(uploads.MAX_FILES + 1)]
    assert_refused(world, upload(world, *files), "Upload at most 10 files at a time.")


def test_an_oversized_file_is_refused(make_app):
    world = build_world(make_app(EVIDENCE_MAX_BYTES=1000))
    response = upload(world, (PDF + b"0" * 1000, "big.pdf"))
    assert_refused(world, response, "big.pdf is larger than 1000 B.")
    assert upload(world, (PDF, "small.pdf")).status_code == 302


def test_an_upload_above_the_request_limit_is_413_with_the_form_and_the_notes_kept(make_app):
    world = build_world(make_app(MAX_CONTENT_LENGTH=100_000))
    notes = "第一批样品已送检，报告下周出"
    response = upload(
        world,
        (PDF + b"0" * 60_000, "a.pdf"),
        (PDF + b"0" * 60_000, "b.pdf"),
        notes=notes,
        progress="40",
    )
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    card = section(page, world.first)
    field = re.search(r'<input[^>]*name="files".*?</div>', card, re.S).group(0)
    assert "is-invalid" in field
    assert "These files take more than 33.6 KB together" in field
    assert notes in card and 'value="40"' in card
    assert "Nothing has been saved. Choose the files again." in card
    assert stored_files(world.app) == [] and evidence_rows(world.app) == []
    with world.app.app_context():
        assert db.session.get(milestone_model(), world.first).notes == ""


def milestone_model():
    from core.enrollments.models import Milestone

    return Milestone


def test_a_too_large_update_of_someone_elses_milestone_is_still_refused(make_app):
    world = build_world(make_app(MAX_CONTENT_LENGTH=10_000))
    big = (PDF + b"0" * 20_000, "a.pdf")
    assert upload(world, big, email="other@founder.cn").status_code == 404
    assert upload(world, big, email="manager@alpha.cn").status_code == 403
    assert world.app.test_client().post(f"/milestones/{world.first}/update").status_code in (
        302,
        413,
    )


def test_the_forms_limits_agree_with_the_request_limit(make_app):
    """The form promised 10 files of 10 MiB where a request may carry 16 MiB."""
    app = make_app()
    world = build_world(app)
    page = world.client("founder@alpha.cn").get(world.page).get_data(as_text=True)
    field = re.search(r'<input[^>]*name="files"[^>]*>', section(page, world.first)).group(0)
    limit = app.config["MAX_CONTENT_LENGTH"]
    total = int(re.search(r'data-max-total="(\d+)"', field).group(1))
    each = int(re.search(r'data-max-file="(\d+)"', field).group(1))
    assert total < limit and total + uploads.FORM_MARGIN == limit
    assert each <= total
    assert 'data-max-count="10"' in field
    assert "up to 10 files, 10 MB each and 15.9 MB in all" in page
    # A smaller request limit lowers what each file may be, too.
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    page = world.client("founder@alpha.cn").get(world.page).get_data(as_text=True)
    assert "960 KB each and 960 KB in all" in page
    assert '<script src="/static/upload-limits.js" defer></script>' in page


def test_only_founders_upload_and_not_on_a_verified_milestone(world):
    assert upload(world, (PDF, "a.pdf"), email="manager@alpha.cn").status_code == 403
    for email in ("other@founder.cn", "manager@beta.cn", "reviewer@alpha.cn"):
        assert upload(world, (PDF, "a.pdf"), email=email).status_code == 404
    world.client("manager@alpha.cn").post(f"/milestones/{world.first}/verify")
    assert upload(world, (PDF, "a.pdf")).status_code == 302
    assert stored_files(world.app) == [] and evidence_rows(world.app) == []


def test_a_failed_database_write_leaves_no_file_behind(world, monkeypatch):
    def fail(*_args, **_kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(milestone_services.audit, "record", fail)
    with pytest.raises(RuntimeError):
        upload(world, (PDF, "a.pdf"), (png(), "b.png"))
    assert stored_files(world.app) == [] and evidence_rows(world.app) == []


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 B"),
        (49, "49 B"),
        (1023, "1023 B"),
        (1024, "1 KB"),
        (1536, "1.5 KB"),
        (1024 * 1024 - 1, "1023.9 KB"),
        (1024 * 1024, "1 MB"),
        (10 * 1024 * 1024, "10 MB"),
        (int(2.5 * 1024 * 1024), "2.5 MB"),
    ],
)
def test_sizes_are_shown_in_bytes_kb_or_mb(size, shown):
    assert uploads.human_size(size) == shown


class Recorder:
    @hookimpl
    def incuchain_milestone_changed(self, milestone, change, actor):
        self.calls.append((milestone.id, change.action, change.comment))

    def __init__(self):
        self.calls = []


# -- downloads ---------------------------------------------------------------------------------


def test_downloads_are_attachments_with_the_original_name_and_nosniff(world):
    upload(world, (PDF, "营业执照.pdf"))
    (row,) = evidence_rows(world.app)
    # The reviewer is not assigned to the startup's applications: evidence is not theirs to read.
    assert world.client("reviewer@alpha.cn").get(f"/evidence/{row.id}").status_code == 404
    for email in ("founder@alpha.cn", "manager@alpha.cn", "admin@city.cn"):
        with world.client(email).get(f"/evidence/{row.id}") as response:
            assert response.status_code == 200, email
            assert response.data == PDF
            assert response.mimetype == "application/pdf"
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            disposition = response.headers["Content-Disposition"]
            assert disposition.startswith("attachment;")
            assert "filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7.pdf" in disposition
            assert "private" in response.headers["Cache-Control"]


def test_downloads_are_404_for_everyone_else(world):
    upload(world, (PDF, "a.pdf"))
    (row,) = evidence_rows(world.app)
    for email in ("other@founder.cn", "manager@beta.cn", "member@alpha.cn"):
        with world.client(email).get(f"/evidence/{row.id}") as response:
            assert response.status_code == 404, email
    with world.client("founder@alpha.cn").get("/evidence/999999") as response:
        assert response.status_code == 404
    with world.client().get(f"/evidence/{row.id}") as response:
        assert response.headers["Location"].startswith("/login?next=")


def test_a_file_missing_from_disk_is_404(world):
    upload(world, (PDF, "a.pdf"))
    stored_files(world.app)[0].unlink()
    (row,) = evidence_rows(world.app)
    with world.client("founder@alpha.cn").get(f"/evidence/{row.id}") as response:
        assert response.status_code == 404


def test_evidence_is_never_under_static(world):
    upload(world, (PDF, "a.pdf"))
    static = Path(world.app.static_folder).resolve()
    for path in stored_files(world.app):
        assert static not in path.resolve().parents
