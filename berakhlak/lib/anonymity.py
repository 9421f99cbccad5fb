"""Keys of the anonymous answering paths (DESIGN.md "Anonymity", ``docs/anonymity.md``).

Every key that ties a person to what the answering path writes is derived from a secret that is **not in
the database**: ``ANONYMITY_SECRET`` from the environment, else ``SECRET_KEY``. A database reader (every
column, system columns, dumps) holds none of it, so they can derive no personal link, no "spent" key and no
draft key, and decrypt no draft.

- ``keyed_hash(purpose, *parts)``: a stable 64-hex HMAC-SHA256 under the secret, for the unique keys of
  "spent" records and drafts (``purpose`` separates the uses, so one key never equals another's).
- ``sign(purpose, *parts)``: a short URL-safe signature for personal links.
- ``seal(token, data)`` / ``unseal(token, blob)``: a draft (a JSON-able dict) encrypted with AES-256-GCM
  under a key derived from the link's token and the secret; tampered or foreign blobs give ``None``.
- ``random_code(n)``: a ballot code of unambiguous characters (no 0/O, 1/I/L).

Rotating the secret voids every live link, draft and ballot code: the platform says so in
``docs/deploy.md`` (upgrades) and HR re-sends the invitations.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from typing import Any, cast

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

BALLOT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def _secret() -> bytes:
    from django.conf import settings

    raw = cast(str, getattr(settings, "ANONYMITY_SECRET", "") or settings.SECRET_KEY)  # settings refuse an empty one
    # One derived master key, so the raw secret is used for nothing else here.
    return hashlib.sha256(b"berakhlak.anonymity.v1:" + raw.encode()).digest()


def _mac(purpose: str, parts: tuple[object, ...]) -> bytes:
    message = ":".join([purpose, *(str(p) for p in parts)]).encode()
    return hmac.new(_secret(), message, hashlib.sha256).digest()


def keyed_hash(purpose: str, *parts: object) -> str:
    """64 hex characters, a function of the purpose, the parts and the secret only."""
    return _mac(purpose, parts).hex()


def sign(purpose: str, *parts: object, length: int = 16) -> str:
    """A URL-safe signature of ``length`` bytes (``4/3 × length`` characters)."""
    return base64.urlsafe_b64encode(_mac(purpose, parts)[:length]).decode().rstrip("=")


def verify(signature: str, purpose: str, *parts: object, length: int = 16) -> bool:
    """Constant-time check of ``sign(purpose, *parts, length=length)``."""
    return hmac.compare_digest(signature.encode(), sign(purpose, *parts, length=length).encode())


def _draft_key(token: str) -> bytes:
    return _mac("draft-key", (token,))


def seal(token: str, data: dict[str, Any]) -> str:
    """``data`` encrypted and authenticated under a key derived from ``token`` (base64 text)."""
    nonce = os.urandom(12)
    body = AESGCM(_draft_key(token)).encrypt(nonce, json.dumps(data, separators=(",", ":")).encode(), None)
    return base64.b64encode(nonce + body).decode()


def unseal(token: str, blob: str | None) -> dict[str, Any] | None:
    """The dict sealed by ``seal(token, …)``; ``None`` for no blob, another token's blob, or a tampered one."""
    if not blob:
        return None
    try:
        raw = base64.b64decode(blob.encode(), validate=True)
        data = AESGCM(_draft_key(token)).decrypt(raw[:12], raw[12:], None)
        value = json.loads(data)
    except (ValueError, InvalidTag):
        return None
    return value if isinstance(value, dict) else None


def random_code(length: int = 10) -> str:
    """A random ballot code (≈ 49 bits at 10 characters) from ``BALLOT_ALPHABET``."""
    return "".join(secrets.choice(BALLOT_ALPHABET) for _ in range(length))


def normalise_code(code: str) -> str:
    """A typed ballot code as stored: upper case, without spaces and dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())
