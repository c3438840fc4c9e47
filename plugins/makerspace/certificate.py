"""The makerspace (众创空间) graduation certificate.

``templates/certificate.html`` extends core's ``certificate_base.html`` and
sets only the title, the statement and the accent colour.
"""

from pathlib import Path

from core.plugin_api import CertificateTemplate

CERTIFICATE = CertificateTemplate(
    folder=Path(__file__).parent / "templates", name="certificate.html"
)
