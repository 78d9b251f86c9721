"""Operations: health check, the periodic tick, the worker process, production settings, mail
over real SMTP."""

import email
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from meedoen.teams import services
from meedoen.teams.models import Invitation, Role, WorkerHeartbeat
from meedoen.teams.periodic import periodic_job_register, periodic_jobs, periodic_tick
from meedoen.teams.tests.factories import InvitationFactory

PROD_ENV = {
    "SECRET_KEY": "k7#Qm2!vX9pL@4zR8wN&5tY1bH6jF3cD0sA-gE*uK+iO~lM=" * 2,
    "ALLOWED_HOSTS": "meedoen.rivierstad.example",
    "DATABASE_URL": "sqlite:////tmp/meedoen-prod-check.sqlite3",
    "MEEDOEN_BASE_URL": "https://meedoen.rivierstad.example",
    "DEFAULT_FROM_EMAIL": "Meedoen <meedoen@rivierstad.example>",
    "EMAIL_URL": "smtp+tls://user:secret@smtp.rivierstad.example:587",
}


@pytest.mark.django_db
def test_healthz_reports_database_and_no_worker_yet(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "worker": None}


@pytest.mark.django_db
def test_healthz_reports_seconds_since_heartbeat(client):
    WorkerHeartbeat.objects.create(name="w1", seen_at=timezone.now() - timedelta(seconds=42))
    body = client.get("/healthz").json()
    assert 41 <= body["worker"] < 60


@pytest.mark.django_db
def test_periodic_command_runs_jobs_and_beats(capsys):
    old = InvitationFactory(expires_at=timezone.now() - timedelta(days=40))
    call_command("periodic")
    assert not Invitation.objects.filter(pk=old.pk).exists()
    assert WorkerHeartbeat.objects.filter(name="periodic").exists()
    assert '"teams.invitations_purge": 1' in capsys.readouterr().out


@pytest.mark.django_db
def test_one_failing_job_does_not_stop_the_others():
    def broken(now):
        raise RuntimeError("boom")

    periodic_job_register("zz.broken", broken)
    try:
        report = periodic_tick()
    finally:
        periodic_jobs()  # the registry is module state: remove the test job again
        from meedoen.teams import periodic

        periodic._JOBS.pop("zz.broken")
    assert report.failed == {"zz.broken": "RuntimeError: boom"}
    assert "teams.invitations_purge" in report.ran


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


@pytest.mark.django_db(transaction=True)
def test_worker_process_beats_and_stops_cleanly_on_ctrl_c():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "meedoen.settings.dev",
        "DATABASE_URL": _database_url(),
    }
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "meedoen", "worker", "--periodic-interval", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not WorkerHeartbeat.objects.exists():
            time.sleep(0.2)
        assert WorkerHeartbeat.objects.filter(name__startswith="meedoen-").exists()
    finally:
        worker.send_signal(signal.SIGINT)
        output, _ = worker.communicate(timeout=30)
    assert worker.returncode == 0, output
    assert "Worker stopped." in output


def _prod_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PROD_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "meedoen", "check", "--deploy", "--fail-level", "WARNING"],
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "meedoen.settings.prod"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_the_deploy_check():
    result = _prod_check(PROD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("missing", sorted(PROD_ENV))
def test_production_settings_refuse_to_start_without(missing):
    env = {k: v for k, v in PROD_ENV.items() if k != missing}
    result = _prod_check(env)
    assert result.returncode != 0
    assert missing in result.stderr


@pytest.mark.django_db
def test_invitation_arrives_over_real_smtp(smtp_server, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(
            actor=world.coordinator, email="smtp@example.org", role=Role.MEMBER
        )
    assert len(smtp_server.messages) == 1
    received = smtp_server.messages[0]
    assert received.recipients == ["smtp@example.org"]
    message = email.message_from_bytes(received.data)
    kinds = {part.get_content_type() for part in message.walk()}
    assert {"text/plain", "text/html"} <= kinds
    assert world.team.name in message.get_payload(0).get_payload(decode=True).decode()


@pytest.mark.django_db
def test_admin_is_for_superusers_only(world, client):
    from meedoen.teams.tests.factories import UserFactory

    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/").status_code == 302
    client.force_login(world.coordinator.user)
    assert client.get("/admin/").status_code == 302
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200
    for path in [
        "/admin/teams/team/",
        "/admin/teams/user/",
        "/admin/teams/auditlogentry/",
        f"/admin/teams/team/{world.team.pk}/change/",
    ]:
        assert client.get(path).status_code == 200, path
