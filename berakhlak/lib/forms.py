"""Helpers for views that read submitted values without a Django form."""

from __future__ import annotations

from collections.abc import Mapping

from berakhlak.lib.text import has_bad_characters

MAX_ID = 2**63 - 1


def posted_id(data: Mapping[str, str], name: str) -> int:
    """The id submitted as ``name`` (``request.POST`` or ``request.GET``), or 0 when it is missing or not
    a whole number in the range of a database id: ``.filter(pk=…)`` then finds nothing (a 404 or a form
    message) instead of raising ``ValueError`` on text or an overflow on 30 digits."""
    value = (data.get(name) or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 19:
        return 0
    number = int(value)
    return number if number <= MAX_ID else 0


def posted_text(data: Mapping[str, str], name: str, *, max_length: int) -> str | None:
    """The text submitted as ``name``, stripped, or ``None`` when it holds a NUL character or a lone
    surrogate or is longer than ``max_length`` (the caller answers with a form error)."""
    value = data.get(name) or ""
    if has_bad_characters(value) or len(value.strip()) > max_length:
        return None
    return value.strip()
