"""Browser fixtures: a live IncuChain server and Debian's Chromium driven by Playwright.

Playwright never downloads a browser here: the tests use ``/usr/bin/chromium``
(``make test`` installs the Debian package) and fail, rather than skip, when
it is missing. Every test in this folder carries the ``e2e`` marker.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Milliseconds Playwright waits for an action or a navigation before failing.
TIMEOUT_MS = 15_000
HERE = Path(__file__).resolve().parent
#: Werkzeug's development server, which serves the browser here, can leave a static
#: file open when the browser drops the connection (a page left while its favicon or
#: script loads); the garbage collector closes it later, in whichever test is running,
#: which the suite's "warnings are errors" would fail. Only the static files, only here.
DROPPED_STATIC_FILE = pytest.mark.filterwarnings(
    "ignore:Exception ignored in. <_io.FileIO name='[^']*/static/"
    ":pytest.PytestUnraisableExceptionWarning"
)


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(DROPPED_STATIC_FILE)


@dataclass(frozen=True)
class LiveServer:
    url: str
    app: Flask


@pytest.fixture
def live_server(make_app):
    """The application, with real CSRF protection, served over HTTP on a free port."""
    app = make_app(
        WTF_CSRF_ENABLED=True,
        # Plain HTTP on 127.0.0.1: the cookies must not require HTTPS.
        SESSION_COOKIE_SECURE=False,
        REMEMBER_COOKIE_SECURE=False,
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", app=app)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's Chromium and never "
            "download one. Install it with `make system-packages-test` (run by `make test`) "
            "or `apt-get install chromium`.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context and page whose relative URLs point at the live server.

    Depending on ``live_server`` makes the context close before the server stops.
    """
    context = browser.new_context(base_url=live_server.url, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def new_page(browser, live_server):
    """``new_page(**context_options)``: a page in a browser context of its own."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(base_url=live_server.url, locale="zh-CN", **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
