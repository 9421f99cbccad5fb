"""External links that users type (SKP bukti dukung): only ``http``/``https`` to a named host.

Refused: other schemes (``javascript:``, ``data:``, ``file:``, ``vbscript:``…), protocol-relative
``//host`` and scheme-less text, a user name or password in the link (``https://bkn.go.id@evil.example``
shows one host and opens another), spaces and control characters, and links over ``MAX_LENGTH``.
Accepted links are shown as external links (``target="_blank" rel="noopener noreferrer"``), never through
a redirect from the platform's own domain. Pure: no Django import.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_LENGTH = 500
_UNSAFE = re.compile(r"[\x00-\x20\x7f\u0080-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def link_problem(url: str) -> str | None:
    """Why ``url`` is not an acceptable external link (one bilingual line), or ``None``."""
    if len(url) > MAX_LENGTH:
        return f"tautan paling panjang {MAX_LENGTH} karakter / a link has at most {MAX_LENGTH} characters"
    if _UNSAFE.search(url):
        return "tautan tidak boleh berisi spasi atau karakter kontrol / a link cannot hold spaces or control characters"
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a malformed port
    except ValueError:
        return "tautan tidak valid / not a valid link"
    del port
    if parts.scheme.lower() not in ("http", "https") or not url.lower().startswith(("http://", "https://")):
        return "tautan harus diawali http:// atau https:// / a link must start with http:// or https://"
    if not parts.hostname:
        return "tautan harus menyebut nama situs / a link must name a site"
    if parts.username is not None or parts.password is not None:
        return ("tautan tidak boleh berisi nama pengguna atau kata sandi (tanda @ sebelum nama situs) / "
                "a link cannot hold a user name or password (an @ before the site name)")
    return None


def safe_link(url: str | None) -> str:
    """``url`` when it is an acceptable external link, else ``""`` (for links stored before the rule)."""
    if not url:
        return ""
    url = url.strip()
    return url if link_problem(url) is None else ""
