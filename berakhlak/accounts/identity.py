"""How a login name typed by a person is read: one rule shared by the login backend, the lockout key of
django-axes and the activation form, so that every spelling the backend accepts for an account counts
against the same lockout (pure: no Django import).

- Unicode is NFKC-normalised (as Django normalises usernames when they are saved), so full-width digits
  or letters typed on a phone read as their ASCII forms.
- Surrounding whitespace is dropped and letters are lower-cased (login is case-insensitive).
- A NIP may be typed in its printed groups (``19860926 201505 1 001``): when what is left after removing
  every space is 18 digits, that is the NIP.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["LOGIN_MAX_LENGTH", "normalise_login", "looks_like_nip"]

LOGIN_MAX_LENGTH = 150  # the login form's limit, and Django's username length
_WHITESPACE = re.compile(r"\s+")
_NIP = re.compile(r"[0-9]{18}")


def looks_like_nip(text: str) -> bool:
    """18 ASCII digits (the shape of a NIP PNS or NI PPPK; validity is ``berakhlak.org.nip``'s job)."""
    return _NIP.fullmatch(text) is not None


def normalise_login(raw: str) -> str:
    """The canonical form of a typed NIP or username (see the module's docstring)."""
    text = unicodedata.normalize("NFKC", raw.replace("\x00", "")).strip()
    compact = _WHITESPACE.sub("", text)
    if looks_like_nip(compact):
        return compact
    return text.lower()[:LOGIN_MAX_LENGTH]
