"""Keep survey tokens and 360 form keys out of every log line.

A personal survey link (``/s/<token>/…``, and the ballot-code paths under ``/s/``) and a 360 form
(``/360/formulir/<key>/…``) carry a secret in the path. Whoever reads a log that holds them, with the
time of each request beside, could open someone's draft or tell when they answered. ``redact`` replaces
the segment after ``/s/`` or ``/360/formulir/``, every later segment that is not a known route word or
a page number, and the query string of such a path, wherever it appears in a line: the request line,
the referer, a ``Location`` header, a ``?next=`` parameter (also percent-encoded).

``RedactSecretsFilter`` applies it to a logging record (message, arguments, formatted traceback); the
settings put it on Django's loggers and handlers, and ``berakhlak serve`` on gunicorn's error and
access logs (``berakhlak.lib.gunicorn_logging``). No Django import: pure text.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"

# Route words that may follow the secret segment and say nothing about a person. Anything else after
# the secret (a ballot code, an unknown word, an encoded query) is redacted as well.
SAFE_WORDS = frozenset({"halaman", "periksa", "kirim", "tolak", "selesai", "simpan", "batal", "kode"})

_SEP = r"(?:/|%2[fF])"
_SECRET_PATH = re.compile(
    rf"(?P<prefix>{_SEP}(?:[sS]|360{_SEP}formulir){_SEP})"  # /s/ or /360/formulir/, plain or encoded
    r"(?P<path>[^\s\"'<>&#?]*)"                            # the rest of the path (stops at a query)
    r"(?P<query>\?[^\s\"'<>#]*)?"                          # its query string, if any
)
_SPLIT = re.compile(rf"({_SEP})")


def _safe(segment: str) -> bool:
    return segment == "" or segment in SAFE_WORDS or (segment.isdigit() and len(segment) <= 3)


def _replace(match: re.Match) -> str:
    parts = _SPLIT.split(match.group("path"))  # [segment, sep, segment, sep, …]
    for i in range(0, len(parts), 2):
        if i == 0:
            parts[i] = REDACTED if parts[i] else ""
        elif not _safe(parts[i]):
            parts[i] = REDACTED
    query = f"?{REDACTED}" if match.group("query") else ""
    return match.group("prefix") + "".join(parts) + query


def redact(text: str) -> str:
    """``text`` with the secret parts of every survey-link and 360-form path replaced by ``[redacted]``.

    >>> redact('GET /s/12-abcDEF/halaman/2/?x=1 HTTP/1.1')
    'GET /s/[redacted]/halaman/2/?[redacted] HTTP/1.1'
    """
    if "/" not in text and "%2" not in text:
        return text
    return _SECRET_PATH.sub(_replace, text)


class RedactSecretsFilter(logging.Filter):
    """A logging filter that rewrites a record so that its message and traceback hold no secret path.

    It never drops a record. On Django's ``django.request`` records it also removes the attached
    request when its path is secret, so that a handler that prints the request (the admins' error
    e-mail) cannot print the token.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to the handler's own error path
            return True
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if isinstance(path, str) and redact(path) != path:
            record.request = None
        return True
