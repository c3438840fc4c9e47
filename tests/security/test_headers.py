"""Security headers on every response, and pages that need no inline script."""

from __future__ import annotations

import re

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def test_every_response_carries_the_security_headers(client):
    for url in ("/", "/login", "/no-such-page", "/static/incuchain.css"):
        response = client.get(url)
        headers = response.headers
        csp = dict(d.strip().split(" ", 1) for d in headers["Content-Security-Policy"].split(";"))
        assert csp["script-src"] == "'self'" and csp["default-src"] == "'self'"
        assert csp["frame-ancestors"] == "'none'"
        assert csp["object-src"] == "'none'" and csp["base-uri"] == "'none'"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "Strict-Transport-Security" not in headers
        response.close()


def test_hsts_only_over_https(make_app):
    client = make_app(PUBLIC_URL="https://incuchain.example.cn").test_client()
    response = client.get("/", base_url="https://incuchain.example.cn")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_behind_a_trusted_proxy_https_and_the_client_address_come_from_its_headers(make_app):
    app = make_app(TRUSTED_PROXIES=1)
    response = app.test_client().get(
        "/", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    )
    assert "Strict-Transport-Security" in response.headers


def test_without_a_trusted_proxy_forwarded_headers_are_ignored(client):
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers


def inline_scripts(body: str) -> list[str]:
    """Inline ``<script>`` elements and ``on…=`` handlers, which the policy would block."""
    return INLINE_SCRIPT.findall(body) + EVENT_HANDLER.findall(body)


def test_the_scanner_finds_inline_scripts():
    assert inline_scripts('<p onclick="x()">') and inline_scripts("<script>alert(1)</script>")
    assert not inline_scripts('<script src="/static/x.js"></script><p class="once">')


def test_scripts_are_served_from_this_site(client):
    body = client.get("/").get_data(as_text=True)
    assert '<script src="/bootstrap/static/' in body and not inline_scripts(body)


def test_a_request_for_a_host_outside_trusted_hosts_is_refused(make_app):
    """Flask's TRUSTED_HOSTS: by default PUBLIC_URL's host and the machine's own names."""
    app = make_app(PUBLIC_URL="https://incuchain.example.cn")
    client = app.test_client()
    for host in ("incuchain.example.cn", "127.0.0.1:5000", "localhost"):
        assert client.get("/healthz", base_url=f"http://{host}").status_code == 200, host
    for host in ("evil.example.com", "incuchain.example.cn.evil.example.com"):
        refused = client.get("/", base_url=f"http://{host}")
        assert refused.status_code == 400, host
        assert refused.get_data(as_text=True) == "本站不响应这个主机名的请求。"
        assert client.get("/api/v1/tenants", base_url=f"http://{host}").status_code == 400


def test_trusted_hosts_can_be_set(make_app, monkeypatch):
    monkeypatch.setenv("TRUSTED_HOSTS", "incuchain.example.cn, .pds.gov.cn")
    client = make_app().test_client()
    assert client.get("/healthz", base_url="http://kj.pds.gov.cn").status_code == 200
    assert client.get("/healthz", base_url="http://localhost").status_code == 400


def test_make_run_answers_on_its_own_addresses_by_default(make_app, monkeypatch):
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    monkeypatch.setenv("PORT", "8000")
    app = make_app()
    assert app.config["PUBLIC_URL"] == "http://127.0.0.1:8000"
    client = app.test_client()
    for host in ("127.0.0.1:8000", "localhost:8000"):
        assert client.get("/healthz", base_url=f"http://{host}").status_code == 200
