"""The carrier's seal image, printed on its certificates."""

from __future__ import annotations

import io

from flask_babel import lazy_gettext as _l
from PIL import Image

from core import uploads

MAX_BYTES = 512 * 1024
KINDS = {mime: kind for mime, kind in uploads.KINDS.items() if kind.extension in ("png", "jpg")}
REFUSAL = _l("%(name)s is not a PNG or JPEG image.")
#: Largest seal image in pixels (OWASP ASVS 5.0 5.2.6): decoding is bounded.
MAX_SIDE = 4000
UNREADABLE = _l(
    "%(name)s cannot be read as an image, or it is larger than %(side)s × %(side)s pixels."
)


def decodes(data: bytes) -> bool:
    """Whether the image decodes within ``MAX_SIDE``: a PNG or JPEG header alone is not enough."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if max(image.size) > MAX_SIDE:
                return False
            # verify() reads every chunk and checksum: it catches a cut file even
            # where WeasyPrint, once imported, lets load() accept truncated images.
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    return True
