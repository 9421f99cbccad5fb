"""Start ``berakhlak serve`` for real, for the tests of the production server (tests/front/test_serve.py)
and its browser check (tests/browser/test_serve_styled.py).

The processes run ``python -m berakhlak.cli`` from this checkout (not an installed script), with an
environment built from nothing, no ``.env`` (BERAKHLAK_ENV_FILE empty) and not as the test suite.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
# Collected static files are kept between runs (the collect is skipped while the sources are unchanged).
STATIC_ROOT = ROOT / "test-output" / "serve-static"
LOGIN = "/akun/masuk/"


def base_env(**extra) -> dict[str, str]:
    env = {"PATH": "/usr/bin:/bin", "BERAKHLAK_ENV_FILE": "", "PYTHONDONTWRITEBYTECODE": "1"}
    env.update(extra)
    return env


def cli(*args, env, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "berakhlak.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, headers=None, follow=True):
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def suite_database_url(request, tmp_path) -> str:
    """The suite's database as a URL a separate process can open."""
    if connection.vendor == "postgresql":
        request.getfixturevalue("django_db_setup")
        s = connection.settings_dict
        auth = urllib.parse.quote(s["USER"] or "")
        if s.get("PASSWORD"):
            auth += ":" + urllib.parse.quote(s["PASSWORD"])
        return f"postgresql://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    url = f"sqlite:///{tmp_path / 'serve.sqlite3'}"
    done = cli("migrate", "-v0", env=base_env(DATABASE_URL=url, DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50)),
               timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "serve.sqlite3").stat().st_mode & 0o777 == 0o600  # created by the service user only
    return url


@contextlib.contextmanager
def running_serve(database_url: str, tmp_path: Path):
    """``berakhlak serve`` on a free port of 127.0.0.1 with DEBUG off and plain HTTP allowed; yields
    (base URL, log file). The process group is ended afterwards, whatever happened."""
    port = free_port()
    log_path = tmp_path / "serve.log"
    env = base_env(DATABASE_URL=database_url, DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50),
                   ALLOWED_HOSTS="127.0.0.1", SITE_URL=f"http://127.0.0.1:{port}", SECURE_SSL_REDIRECT="0",
                   SECURE_COOKIES="0", STATIC_ROOT=str(STATIC_ROOT), DATA_DIR=str(tmp_path), HOME=str(tmp_path),
                   CONN_MAX_AGE="0")
    base = f"http://127.0.0.1:{port}"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "berakhlak.cli", "serve", "--port", str(port), "--workers", "1"],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120  # the first run in a fresh checkout collects the static files
        while True:
            assert proc.poll() is None, f"serve exited with {proc.returncode}:\n{log_path.read_text()}"
            try:
                fetch(base + LOGIN)
                break
            except OSError:
                assert time.monotonic() < deadline, f"serve did not answer:\n{log_path.read_text()}"
                time.sleep(0.25)
        yield base, log_path
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


