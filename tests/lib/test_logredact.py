"""No log line holds a survey token or a 360 form key: the pure redaction, Django's loggers (a real
404 and a real CSRF failure on an answering path) and gunicorn's logger. The end-to-end check with
``berakhlak serve`` is in tests/front/test_serve.py."""

import logging
import secrets
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import Client

from berakhlak.lib.gunicorn_logging import RedactingLogger
from berakhlak.lib.logredact import REDACTED, RedactSecretsFilter, redact

TOKEN = "4711-" + secrets.token_urlsafe(24)
KEY = "Zm9ybXVsaXI:" + secrets.token_urlsafe(16)  # whatever a signed 360 key looks like


@pytest.mark.parametrize(("line", "expected"), [
    (f'127.0.0.1 - - [04/Dec/2026:10:00:00 +0700] "GET /s/{TOKEN}/halaman/2/ HTTP/1.1" 200 512 "-" "Firefox"',
     '127.0.0.1 - - [04/Dec/2026:10:00:00 +0700] "GET /s/[redacted]/halaman/2/ HTTP/1.1" 200 512 "-" "Firefox"'),
    (f"POST /s/{TOKEN}/kirim/?ulang=1&x={TOKEN} HTTP/1.1", "POST /s/[redacted]/kirim/?[redacted] HTTP/1.1"),
    (f'"https://berakhlak.example.go.id/s/{TOKEN}/periksa/"', '"https://berakhlak.example.go.id/s/[redacted]/periksa/"'),
    (f"Not Found: /s/{TOKEN}", "Not Found: /s/[redacted]"),
    (f"GET /360/formulir/{KEY}/kirim/ HTTP/1.1", "GET /360/formulir/[redacted]/kirim/ HTTP/1.1"),
    (f"GET /akun/masuk/?next=/360/formulir/{KEY}/ HTTP/1.1", "GET /akun/masuk/?next=/360/formulir/[redacted]/ HTTP/1.1"),
    ("GET /akun/masuk/?next=%2F360%2Fformulir%2F" + KEY.replace(":", "%3A") + "%2F&lang=en HTTP/1.1",
     "GET /akun/masuk/?next=%2F360%2Fformulir%2F[redacted]%2F&lang=en HTTP/1.1"),
    # a ballot code or any unknown segment after the secret is redacted too; page numbers are not
    ("GET /s/kode/ABCD-EFGH-2345/halaman/12/ HTTP/1.1", "GET /s/[redacted]/[redacted]/halaman/12/ HTTP/1.1"),
    (f"GET /s/{TOKEN}/{TOKEN}/ HTTP/1.1", "GET /s/[redacted]/[redacted]/ HTTP/1.1"),
])
def test_secret_paths_are_redacted_wherever_they_appear(line, expected):
    assert redact(line) == expected
    assert TOKEN not in redact(line) and KEY not in redact(line)


@pytest.mark.parametrize("line", [
    "GET /static/vendor/bootstrap-5.3.9.min.6a7df65a8257.css HTTP/1.1",
    "GET /survei/12/hasil/?unit=3 HTTP/1.1",
    "GET /360/ HTTP/1.1",
    "GET /akun/masuk/?next=/survei/ HTTP/1.1",
    "plain text without a path",
])
def test_other_paths_are_left_alone(line):
    assert redact(line) == line


def _capture(logger_name: str):
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logging.getLogger(logger_name).addHandler(handler)
    return records, handler


@pytest.mark.django_db
def test_a_404_on_an_answering_path_is_logged_redacted():
    records, handler = _capture("django.request")
    try:
        response = Client().get(f"/s/{TOKEN}/halaman/2/?simpan={TOKEN}")
    finally:
        logging.getLogger("django.request").removeHandler(handler)
    assert response.status_code == 404
    messages = [r.getMessage() for r in records]
    assert messages == ["Not Found: /s/[redacted]/halaman/2/"]
    assert all(getattr(r, "request", None) is None for r in records)  # nor in the admins' error mail


@pytest.mark.django_db
def test_a_csrf_failure_on_an_answering_path_is_logged_redacted():
    records, handler = _capture("django.security.csrf")
    try:
        response = Client(enforce_csrf_checks=True).post(f"/s/{TOKEN}/kirim/", {"x": "1"})
    finally:
        logging.getLogger("django.security.csrf").removeHandler(handler)
    assert response.status_code == 403
    assert records, "the CSRF failure was not logged at all"
    for record in records:
        assert TOKEN not in record.getMessage()
        assert f"/s/{REDACTED}/kirim/" in record.getMessage()


def test_every_handler_of_the_root_logger_redacts():
    root_handlers = [h for h in logging.getLogger().handlers if h.__class__ is logging.StreamHandler]
    assert root_handlers
    for handler in root_handlers:
        assert any(isinstance(f, RedactSecretsFilter) for f in handler.filters)
    record = logging.LogRecord("berakhlak.x", logging.ERROR, __file__, 1, "link %s", (f"/s/{TOKEN}/",), None)
    for handler in root_handlers:
        handler.filter(record)
    assert record.getMessage() == "link /s/[redacted]/"


def test_a_traceback_is_redacted_too():
    try:
        raise ValueError(f"bad link /s/{TOKEN}/kirim/")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", None, sys.exc_info())
    RedactSecretsFilter().filter(record)
    assert TOKEN not in record.exc_text and "/s/[redacted]/kirim/" in record.exc_text


def test_gunicorn_access_and_error_logs_are_redacted(tmp_path):
    from gunicorn.config import Config

    cfg = Config()
    cfg.set("accesslog", str(tmp_path / "access.log"))
    cfg.set("errorlog", str(tmp_path / "error.log"))
    log = RedactingLogger(cfg)
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": f"/s/{TOKEN}/halaman/3/?a={TOKEN}", "SERVER_PROTOCOL": "HTTP/1.1",
               "PATH_INFO": f"/s/{TOKEN}/halaman/3/", "QUERY_STRING": f"a={TOKEN}", "REMOTE_ADDR": "127.0.0.1",
               "HTTP_REFERER": f"https://x.go.id/s/{TOKEN}/halaman/2/", "HTTP_USER_AGENT": "UA"}
    resp = SimpleNamespace(status="200 OK", sent=10, headers=[("Location", f"/s/{TOKEN}/periksa/")])
    req = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    log.access(resp, req, environ, timedelta(milliseconds=12))
    log.error("Error handling request %s", f"/360/formulir/{KEY}/kirim/")
    for handler in log.access_log.handlers + log.error_log.handlers:
        handler.flush()
    access = (tmp_path / "access.log").read_text()
    error = (tmp_path / "error.log").read_text()
    assert '"GET /s/[redacted]/halaman/3/?[redacted] HTTP/1.1" 200 10 "https://x.go.id/s/[redacted]/halaman/2/"' in access
    assert "Error handling request /360/formulir/[redacted]/kirim/" in error
    assert TOKEN not in access + error and KEY not in error
