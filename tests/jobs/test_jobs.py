"""Jobs on the queue, run where they are sent (``JOBS_IMMEDIATE``): pages, files, failures.

The worker itself is tested in ``test_worker.py``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask_login import login_user
from flask_mailman import EmailMessage
from sqlalchemy import delete, select

from core.auth.models import User
from core.extensions import db
from core.jobs import operations, queue, worker
from core.jobs.kinds import Outcome, kind, progress_key
from core.jobs.models import Job, JobStatus
from core.notifications.models import Notification
from core.refusals import Refused
from core.tenancy.models import Membership
from core.timeutil import utcnow
from core.unit_of_work import transaction
from tests.exchange.conftest import count, read_csv


@kind("tests.half_done", title="Half done", writes=True)
def half_done(params, progress):
    """Writes a row, then fails: nothing of it may stay."""
    owner = db.session.scalar(select(User).where(User.email == params["email"]))
    db.session.add(Notification(user_id=owner.id, kind="test"))
    db.session.flush()
    raise RuntimeError("the disk is full")


@kind("tests.refused", title="Refused")
def refused(params, progress):
    raise Refused("There is nothing to export for 1999.")


@kind("tests.note", title="Note", writes=True)
def note(params, progress):
    owner = db.session.scalar(select(User).where(User.email == params["email"]))
    db.session.add(Notification(user_id=owner.id, kind="test"))
    return Outcome(message="One note written.")


def start(app, kind_name: str, email: str) -> int:
    """Ask for a job as ``email``, as a view does, and commit."""
    with app.test_request_context():
        owner = db.session.scalar(select(User).where(User.email == email))
        login_user(owner)
        with transaction():
            job = operations.start(kind_name, owner=owner, params={"email": email})
        return job.id


def job_of(app, job_id: int) -> Job:
    with app.app_context():
        return db.session.get(Job, job_id)


def test_a_download_answers_at_once_with_its_page_then_gives_its_owner_the_file(
    client, auth, startups
):
    auth.login("manager@alpha.cn")
    asked = client.post("/t/alpha/startups/export.csv")
    assert asked.status_code == 302
    page_url = asked.headers["Location"]
    page = client.get(page_url).get_data(as_text=True)
    assert 'id="job-bar"' in page and "100%" in page
    assert 'src="/static/jobs.js"' in page
    state = client.get(f"{page_url}/state").get_json()
    assert state["status"] == "done" and state["percent"] == 100
    assert state["done"] == state["total"] == 3
    assert state["file_name"].startswith("startups-alpha-") and state["file"] in page
    rows = read_csv(client.get(state["file"]))
    assert sorted(r[0] for r in rows[1:]) == [
        "丙创客团队",
        "乙生物医药有限公司",
        "甲材料科技有限公司",
    ]


def test_nobody_but_the_owner_sees_a_job_or_its_file(client, auth, startups):
    auth.login("manager@alpha.cn")
    page_url = client.post("/t/alpha/startups/export.csv").headers["Location"]
    auth.logout()
    for other in ("manager@beta.cn", "reviewer@alpha.cn"):
        auth.login(other)
        for url in (page_url, f"{page_url}/state", f"{page_url}/file"):
            assert client.get(url).status_code == 404, (other, url)
        auth.logout()
    assert client.get(f"{page_url}/file").status_code == 302  # to log in


def test_a_file_whose_time_is_up_is_gone_and_the_hourly_purge_removes_it(
    app, client, auth, startups
):
    auth.login("manager@alpha.cn")
    page_url = client.post("/t/alpha/startups/export.csv").headers["Location"]
    job_id = int(page_url.rsplit("/", 1)[1])
    with app.app_context():
        job = db.session.get(Job, job_id)
        kept = job.expires_at - job.finished_at
        job.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    assert kept == timedelta(hours=24)  # JOB_RESULT_HOURS
    assert client.get(f"{page_url}/file").status_code == 404
    with app.app_context():
        queue.run_now("jobs.purge")
    assert count(app, Job) == 0


def test_the_result_is_kept_as_long_as_the_setting_says(make_app, factory):
    app = make_app(JOB_RESULT_HOURS=2)
    with app.app_context():
        db.session.add(User(email="solo@example.cn", name="Solo", password_hash="x"))
        db.session.commit()
    job = job_of(app, start(app, "tests.note", "solo@example.cn"))
    assert job.expires_at - job.finished_at == timedelta(hours=2)


def test_a_job_that_fails_says_why_and_leaves_nothing_half_written(app, factory, caplog):
    factory.user("owner@example.cn")
    job = job_of(app, start(app, "tests.half_done", "owner@example.cn"))
    assert job.status == JobStatus.FAILED
    # In the owner's language (Chinese, the default).
    assert job.message == "任务在服务器上失败，未做任何更改；请稍后重试。"
    assert count(app, Notification) == 0
    assert "the disk is full" in caplog.text  # for the operator, not the owner


def test_a_refused_job_gives_the_refusal_as_its_message(app, client, auth, factory):
    factory.user("owner@example.cn")
    job_id = start(app, "tests.refused", "owner@example.cn")
    auth.login("owner@example.cn")
    state = client.get(f"/jobs/{job_id}/state").get_json()
    assert state["status"] == "failed" and state["file"] is None
    assert state["words"] == "There is nothing to export for 1999."


def test_a_job_that_writes_commits_its_rows_with_its_record(app, factory):
    factory.user("owner@example.cn")
    job = job_of(app, start(app, "tests.note", "owner@example.cn"))
    assert (job.status, job.message) == (JobStatus.DONE, "One note written.")
    assert count(app, Notification) == 1


def test_a_job_runs_once_however_often_the_queue_delivers_it(app, factory):
    factory.user("owner@example.cn")
    job_id = start(app, "tests.note", "owner@example.cn")
    with app.app_context():
        worker.run(job_id)
    assert count(app, Notification) == 1


def test_the_page_shows_a_waiting_job_and_the_running_count(make_app, factory, carriers):
    app = make_app(JOBS_IMMEDIATE=False)
    client = app.test_client()
    client.post("/login", data={"email": "manager@alpha.cn", "password": "correct horse battery"})
    page_url = client.post("/t/alpha/startups/export.xlsx").headers["Location"]
    job_id = int(page_url.rsplit("/", 1)[1])
    page = client.get(page_url).get_data(as_text=True)
    assert 'data-status="queued"' in page and "等待后台处理" in page
    with app.app_context():
        queue.put(progress_key(job_id), (30, 120))
    state = client.get(f"{page_url}/state").get_json()
    assert (state["running"], state["percent"], state["file"]) == (True, 25, None)
    assert state["words"] == "已完成 30 / 120"


def test_a_job_runs_with_the_roles_its_owner_has_when_it_runs(make_app, factory, startups):
    app = make_app(JOBS_IMMEDIATE=False)
    client = app.test_client()
    client.post("/login", data={"email": "manager@alpha.cn", "password": "correct horse battery"})
    page_url = client.post("/t/alpha/startups/export.csv").headers["Location"]
    with app.app_context():
        manager = db.session.scalar(select(User).where(User.email == "manager@alpha.cn"))
        db.session.execute(delete(Membership).where(Membership.user_id == manager.id))
        db.session.commit()
        huey = queue.huey_of(app)
        huey.execute(huey.dequeue())
    state = client.get(f"{page_url}/state").get_json()
    assert (state["status"], state["file"]) == ("failed", None)
    assert state["words"] == "您已无权执行此操作。"


@pytest.mark.parametrize(("fails", "tries"), [(0, 1), (1, 2), (5, 4)])
def test_mail_is_retried_while_the_server_fails_three_times_at_most(app, monkeypatch, fails, tries):
    attempts = []

    def deliver(messages):
        attempts.append(messages[0].to)
        if len(attempts) <= fails:
            raise ConnectionRefusedError("no mail server")
        return 1

    monkeypatch.setattr("core.mail.deliver", deliver)
    with app.app_context():
        worker.send_mail(EmailMessage(subject="Hello", body="Hi.", to=["someone@example.cn"]))
        # The first try runs at once; each retry waits in the queue's schedule.
        huey = queue.huey_of(app)
        moment = datetime.now(UTC).replace(tzinfo=None)
        while due := huey.read_schedule(moment := moment + timedelta(hours=1)):
            for task in due:
                huey.execute(task, moment)
    assert attempts == [["someone@example.cn"]] * tries
