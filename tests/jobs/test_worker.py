"""A real worker (``flask --app wsgi worker``, its own process) runs a download job.

Once with the queue in SQLite under the instance folder, once in Redis
(127.0.0.1:6379, under a queue name of the test's own); on the database of the
run (SQLite, or PostgreSQL with ``INCUCHAIN_TEST_DB``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from core.config import ROOT
from core.jobs import queue
from tests.conftest import PASSWORD
from tests.exchange.conftest import read_csv

REDIS = "redis://127.0.0.1:6379/0"


@pytest.mark.parametrize("store", ["sqlite", "redis"])
def test_a_worker_process_runs_the_job_and_the_page_gets_the_file(
    make_app, factory, startups, tmp_path, store
):
    settings = {"JOBS_IMMEDIATE": False, "JOBS_QUEUE_FILE": str(tmp_path / "queue.sqlite3")}
    if store == "redis":
        settings |= {"REDIS_URL": REDIS, "JOBS_QUEUE_NAME": f"incuchain-test-{uuid.uuid4().hex}"}
    app = make_app(**settings)
    client = app.test_client()
    client.post("/login", data={"email": "manager@alpha.cn", "password": PASSWORD})
    page_url = client.post("/t/alpha/startups/export.csv").headers["Location"]
    assert client.get(f"{page_url}/state").get_json()["status"] == "queued"

    environment = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": app.config["SECRET_KEY"],
        "INSTANCE_PATH": str(Path(app.instance_path)),
        "INCUCHAIN_LOAD_ENTRYPOINTS": "0",
        "JOBS_QUEUE_FILE": settings["JOBS_QUEUE_FILE"],
        "REDIS_URL": settings.get("REDIS_URL", ""),
        "JOBS_QUEUE_NAME": settings.get("JOBS_QUEUE_NAME", "incuchain"),
    }
    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        worker = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--workers", "1"],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while (state := client.get(f"{page_url}/state").get_json())["status"] == "queued":
            assert worker.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the worker did not run the job"
            time.sleep(0.2)
    finally:
        worker.send_signal(signal.SIGINT)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        if store == "redis":
            with app.app_context():
                queue.huey_of(app).flush()
    assert state["status"] == "done", log.read_text()
    rows = read_csv(client.get(state["file"]))
    assert len(rows) == 4  # the headers and alpha's three startups
