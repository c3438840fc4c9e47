"""Downloads made on the job queue, fetched as a person does: ask, open the job's page, save."""

from __future__ import annotations


def download(client, url: str, **kwargs):
    """Ask for the download at ``url`` (a POST) and return the response of its file.

    A refusal (403, 404, the redirect to log in) is returned as it came. The
    tests run jobs where they are sent (``JOBS_IMMEDIATE``), so the file is
    ready when the job's page opens.
    """
    asked = client.post(url, **kwargs)
    where = asked.headers.get("Location", "")
    if asked.status_code != 302 or "/jobs/" not in where:
        return asked
    page = client.get(where)
    assert page.status_code == 200, where
    assert 'id="job-file"' in page.get_data(as_text=True)
    return client.get(f"{where}/file")
