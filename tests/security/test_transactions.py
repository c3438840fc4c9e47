"""Which SQLite transactions begin IMMEDIATE (core/database.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import event, text

from core.database import begin_statement
from core.extensions import db
from tests.conftest import EXTERNAL_DB


def test_page_views_read_and_everything_else_may_write(app):
    with app.test_request_context("/", method="GET"):
        assert begin_statement() == "BEGIN"
    for method in ("POST", "PUT", "DELETE"):
        with app.test_request_context("/", method=method):
            assert begin_statement() == "BEGIN IMMEDIATE"
    with app.app_context():  # tests and scripts
        assert begin_statement() == "BEGIN"


def test_flask_commands_may_write(app, runner):
    seen = []

    @app.cli.command("which-begin")
    def which_begin():
        seen.append(begin_statement())

    assert runner.invoke(args=["which-begin"]).exit_code == 0
    assert seen == ["BEGIN IMMEDIATE"]


def test_a_page_view_that_writes_is_marked(app):
    with app.test_request_context("/notifications", method="GET") as context:
        assert context.request.endpoint == "notifications.index"
        assert begin_statement() == "BEGIN IMMEDIATE"


@pytest.mark.skipif(bool(EXTERNAL_DB), reason="SQLite's transaction modes")
def test_sqlite_connections_begin_the_statement_chosen(app, client):
    statements = []
    with app.app_context():
        engine = db.engine

    def seen(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        client.get("/healthz")
        assert statements[0] == "BEGIN"
        statements.clear()
        client.post("/login", data={"email": "nobody@example.cn", "password": "x" * 12})
        assert statements[0] == "BEGIN IMMEDIATE"
    finally:
        event.remove(engine, "before_cursor_execute", seen)


@pytest.mark.skipif(bool(EXTERNAL_DB), reason="SQLite's transaction modes")
def test_a_second_connection_in_a_writing_request_reads_instead_of_waiting(make_app):
    """A plugin reading through ``db.engine.connect()`` after a post committed: the
    session's next transaction holds the write lock, so the second one begins deferred."""
    app = make_app(SQLITE_BUSY_TIMEOUT_MS=300)  # a wait would fail fast
    with app.test_request_context("/", method="POST"):
        db.session.execute(text("SELECT 1"))  # the session begins IMMEDIATE
        with db.engine.connect() as other:
            assert other.scalar(text("SELECT count(*) FROM users")) == 0
