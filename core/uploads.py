"""Evidence files: checked from their bytes, stored outside the web root under random names.

A file is accepted when ``filetype`` recognises its bytes as one of
``KINDS`` and its name, if it has an extension, agrees with what the bytes
are. The browser's content type and the name are never trusted. Accepted
files are written to ``UPLOAD_DIR/evidence/`` as ``<32 random hex>.<ext>``;
the name the user gave is kept only for display, stripped of folders and
control characters (OWASP ASVS 5.0 5.2.2, 5.3.1, 5.3.2).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import filetype
from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import FileStorage

#: Largest evidence file unless ``EVIDENCE_MAX_BYTES`` says otherwise.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: Files per saved update.
MAX_FILES = 10
#: Longest display name kept.
MAX_NAME_LENGTH = 120


@dataclass(frozen=True)
class FileKind:
    extension: str
    mime: str
    label: str
    #: Extensions a file of this kind may carry in its name.
    aliases: frozenset[str] = frozenset()

    def accepts_extension(self, extension: str) -> bool:
        return extension == self.extension or extension in self.aliases


def _kinds(*kinds: FileKind) -> dict[str, FileKind]:
    return {kind.mime: kind for kind in kinds}


#: What may be uploaded, keyed by the MIME type ``filetype`` detects.
KINDS = _kinds(
    FileKind("pdf", "application/pdf", "PDF"),
    FileKind("png", "image/png", "PNG"),
    FileKind("jpg", "image/jpeg", "JPEG", frozenset({"jpeg", "jpe"})),
    FileKind("gif", "image/gif", "GIF"),
    FileKind("webp", "image/webp", "WebP"),
    FileKind(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word",
    ),
    FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
    FileKind(
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint",
    ),
    FileKind("doc", "application/msword", "Word 97–2003"),
    FileKind("xls", "application/vnd.ms-excel", "Excel 97–2003"),
    FileKind("ppt", "application/vnd.ms-powerpoint", "PowerPoint 97–2003"),
)
#: An animated PNG is still a PNG.
KINDS["image/apng"] = KINDS["image/png"]
#: For the file input's ``accept`` attribute: a hint to the phone's picker, not a check.
ACCEPT = ",".join(sorted({f".{k.extension}" for k in KINDS.values()} | {".jpeg"}))


class UploadRefused(ValueError):
    """A file that is not stored; ``message`` says why, in the reader's language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    display_name: str
    kind: FileKind
    sha256: str


#: What a form's other fields and the multipart framing may take of a request.
FORM_MARGIN = 64 * 1024


def max_bytes() -> int:
    """The largest file: ``EVIDENCE_MAX_BYTES``, but never more than one request may carry."""
    return min(int(current_app.config.get("EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES)), max_total())


def max_total() -> int:
    """What all the files of one form may take together: the request limit
    (``MAX_CONTENT_LENGTH``) less a margin for the other fields."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if not limit:
        return MAX_FILES * int(current_app.config.get("EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))
    return max(int(limit) - FORM_MARGIN, 1)


def human_size(size: int) -> str:
    """Bytes below 1 KB, KB below 1 MB, MB above; one decimal, cut (not rounded), none if 0.

    49 → "49 B", 1536 → "1.5 KB", 1048575 → "1023.9 KB", 10485760 → "10 MB".
    """
    if size < 1024:
        return f"{size} B"
    scale, unit = (1024, "KB") if size < 1024 * 1024 else (1024 * 1024, "MB")
    whole, tenth = divmod(size * 10 // scale, 10)
    return f"{whole}.{tenth} {unit}" if tenth else f"{whole} {unit}"


def display_name(raw: str | None) -> str:
    """The user's file name without folders or control characters, capped in length."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    name = " ".join(name.split()).strip(" .")
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            name = f"{stem[: MAX_NAME_LENGTH - len(extension) - 1]}.{extension}"
        else:
            name = name[:MAX_NAME_LENGTH]
    return name


def extension_of(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


#: Why a file of another kind is refused, for the evidence ``KINDS``.
EVIDENCE_KINDS_MESSAGE = _l(
    "%(name)s is not an accepted file type. Upload a PDF, an image (PNG, JPEG, "
    "GIF, WebP) or an Office document (Word, Excel, PowerPoint)."
)


def check(
    upload: FileStorage,
    *,
    kinds: dict[str, FileKind] = KINDS,
    limit: int | None = None,
    refusal=EVIDENCE_KINDS_MESSAGE,
) -> CheckedFile:
    """Read and check one uploaded file; raises ``UploadRefused``, writes nothing.

    ``kinds`` are the accepted kinds (evidence by default), ``limit`` the
    largest size (``EVIDENCE_MAX_BYTES`` by default) and ``refusal`` the
    message, with ``%(name)s``, for a file of another kind.
    """
    name = display_name(upload.filename)
    shown = name or _l("The file")
    limit = limit or max_bytes()
    data = upload.stream.read(limit + 1)
    if not data:
        raise UploadRefused(_l("%(name)s is empty.", name=shown))
    if len(data) > limit:
        raise UploadRefused(
            _l("%(name)s is larger than %(limit)s.", name=shown, limit=human_size(limit))
        )
    guessed = filetype.guess(data)
    kind = kinds.get(guessed.mime) if guessed else None
    if kind is None:
        raise UploadRefused(refusal % {"name": shown})
    extension = extension_of(name)
    if extension and not kind.accepts_extension(extension):
        raise UploadRefused(
            _l(
                "%(name)s is named .%(extension)s but its content is %(kind)s. "
                "Rename it or upload the right file.",
                name=shown,
                extension=extension,
                kind=kind.label,
            )
        )
    if not extension:
        name = f"{name or 'evidence'}.{kind.extension}"
    return CheckedFile(
        data=data, display_name=name, kind=kind, sha256=hashlib.sha256(data).hexdigest()
    )


def evidence_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"]) / "evidence"


def write(checked: CheckedFile) -> str:
    """Store the file under a new random name; returns that name."""
    folder = evidence_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stored_name = f"{secrets.token_hex(16)}.{checked.kind.extension}"
    fd = os.open(folder / stored_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    with os.fdopen(fd, "wb") as fh:
        fh.write(checked.data)
    return stored_name


def path_of(stored_name: str) -> Path | None:
    """The stored file's path, or ``None`` when the name is not one of ours or it is gone."""
    if not stored_name or "/" in stored_name or "\\" in stored_name or stored_name[0] == ".":
        return None
    path = evidence_dir() / stored_name
    return path if path.is_file() else None


def remove(stored_names: list[str]) -> None:
    """Delete files written for a change that was not committed."""
    for stored_name in stored_names:
        (evidence_dir() / stored_name).unlink(missing_ok=True)
