"""The production server for real: ``berakhlak serve`` in a subprocess with DEBUG off, on the suite's
database (PostgreSQL: the test database; SQLite: a migrated temporary file), and ``check --deploy``
with only the four variables an operator must set."""

from __future__ import annotations

import re
import secrets
import subprocess
from pathlib import Path

import pytest

from tests.serving import LOGIN, base_env, cli, fetch, running_serve, suite_database_url


@pytest.fixture
def database_url(request, tmp_path):
    return suite_database_url(request, tmp_path)


def test_serve_gives_a_styled_site_hashed_static_files_and_a_log_without_tokens(database_url, tmp_path):
    token = "9001-" + secrets.token_urlsafe(24)
    form_key = "770077"  # a 360 form key (an opaque signed key in the future, redacted whatever it is)
    with running_serve(database_url, tmp_path) as (base, log_path):
        status, headers, body = fetch(base + LOGIN)
        assert status == 200
        html = body.decode()
        assert "<form" in html and "Content-Security-Policy" in headers
        # every stylesheet and script of the page is a hashed name served with a far-future cache
        assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
        assert any("bootstrap" in a for a in assets) and any("htmx" in a for a in assets), assets
        for asset in assets:
            assert re.search(r"\.[0-9a-f]{12}\.(css|js)$", asset), asset
            status, headers, body = fetch(base + asset, {"Accept-Encoding": "gzip"})
            assert status == 200, asset
            assert "max-age=315360000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]
            assert headers.get("Content-Encoding") == "gzip"
        css = next(a for a in assets if "bootstrap" in a and a.endswith(".css"))
        status, headers, body = fetch(base + css, {"Accept-Encoding": "br"})
        assert headers.get("Content-Encoding") == "br" and headers["Content-Type"].startswith("text/css")
        assert len(body) > 10_000
        # without BEHIND_PROXY nobody can claim HTTPS with a header, not even from loopback (gunicorn's
        # default trust): the response would carry HSTS, which is only sent on secure requests
        _, headers, _ = fetch(base + LOGIN, {"X-Forwarded-Proto": "https", "X-Forwarded-Ssl": "on"})
        assert "Strict-Transport-Security" not in headers
        # a personal link that does not exist, with its page, a query and a referer; a 360 form
        status, _, _ = fetch(f"{base}/s/{token}/halaman/2/?simpan={token}", {"Referer": f"{base}/s/{token}/"})
        assert status == 404
        status, headers, _ = fetch(f"{base}/360/formulir/{form_key}/", follow=False)
        assert status == 302 and form_key in headers["Location"]  # the login redirect carries it in ?next=
        fetch(base + headers["Location"])
    log = log_path.read_text()
    assert f'"GET {LOGIN} HTTP/1.1" 200' in log  # the access log is written at all
    assert '"GET /s/[redacted]/halaman/2/?[redacted] HTTP/1.1" 404' in log
    assert f'"{base}/s/[redacted]/"' in log  # the referer
    assert "Not Found: /s/[redacted]/halaman/2/" in log  # Django's own log line
    assert "next=/360/formulir/[redacted]/" in log
    assert token not in log and form_key not in log
    if database_url.startswith("sqlite"):
        db = Path(database_url.removeprefix("sqlite:///"))
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            if path.exists():
                assert path.stat().st_mode & 0o777 == 0o600, path


@pytest.mark.parametrize(("args", "message"), [(["--port", "70000"], "--port 70000"), (["--workers", "0"], "--workers"),
                                          (["--threads", "0"], "--threads")])
def test_serve_refuses_bad_options_with_a_message(args, message):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match=message):
        call_command("serve", *args)


def test_serve_refuses_debug(settings):
    from django.core.management import CommandError, call_command

    settings.DEBUG = True
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("serve")


FOUR = {"DEBUG": "0", "ALLOWED_HOSTS": "berakhlak.example.go.id", "SITE_URL": "https://berakhlak.example.go.id"}


def check_deploy(**extra) -> subprocess.CompletedProcess:
    env = {**FOUR, "SECRET_KEY": secrets.token_urlsafe(50), "BERAKHLAK_ENV_FILE": "", **extra}
    return cli("check", "--deploy", env=env)


def test_check_deploy_reports_nothing_with_only_the_four_variables():
    done = check_deploy()
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout + done.stderr
    assert "WARNINGS" not in done.stdout + done.stderr


def test_check_deploy_still_catches_what_an_operator_turns_off():
    done = check_deploy(SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0", SECURE_HSTS_SECONDS="0",
                        SITE_URL="http://berakhlak.example.go.id",
                        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
    report = done.stdout + done.stderr
    for expected in ("security.W008", "security.W012", "security.W016", "security.W004", "berakhlak.W002",
                     "berakhlak.W001"):
        assert expected in report, expected


def test_the_console_mail_backend_is_announced_by_serve_and_its_system_check(tmp_path):
    env = base_env(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
                   EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
    done = cli("serve", "--port", "70000", env=env)  # stops at the bad port, after the warnings
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "berakhlak.W001" in done.stderr  # the system check every command runs
    assert "PERINGATAN / WARNING: EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend" in done.stderr


def test_serve_with_an_unreachable_database_says_so_and_exits_1(tmp_path):
    env = base_env(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50),
                   DATABASE_URL="postgresql://nobody@127.0.0.1:1/none", PGCONNECT_TIMEOUT="2")
    done = cli("serve", "--port", "8000", env=env)
    assert done.returncode == 1 and "the database cannot be opened" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_with_an_unwritable_static_root_says_so_and_exits_1(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    env = base_env(DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
                   STATIC_ROOT=str(blocker / "static"))
    done = cli("serve", "--port", "8000", env=env)
    assert done.returncode == 1 and "static files cannot be collected" in done.stderr
    assert "Traceback" not in done.stderr
