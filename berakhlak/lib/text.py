"""Text that the database can store and every reader can show: no NUL, no lone surrogate.

PostgreSQL refuses a NUL character in any text column (the driver raises before the query is sent), and
a lone UTF-16 surrogate (U+D800–U+DFFF, what Python makes of undecodable bytes with
``surrogateescape``) cannot be encoded as UTF-8 at all. SQLite stores both, so the same input would
pass on one database and fail on the other. Pure: no Django import; the web middleware
(``berakhlak.lib.middleware.RejectBadCharactersMiddleware``), the form validator below and the import
reader (``berakhlak.lib.tabular``) all use these functions.
"""

from __future__ import annotations

import re

#: The characters no stored text may hold.
BAD_CHARACTERS = re.compile("[\x00\ud800-\udfff]")


class BadText(ValueError):
    """A text holds a character that cannot be stored; ``str()`` is a bilingual message."""


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored (one bilingual line), or ``None`` when it can."""
    match = BAD_CHARACTERS.search(value)
    if match is None:
        return None
    char = match.group()
    if char == "\x00":
        return "berisi karakter NUL (0x00) / holds a NUL character (0x00)"
    if "\udc80" <= char <= "\udcff":
        return (f"berisi byte yang bukan UTF-8 (0x{ord(char) - 0xDC00:02X}) / "
                f"holds a byte that is not UTF-8 (0x{ord(char) - 0xDC00:02X})")
    return f"berisi surrogate Unicode tunggal (U+{ord(char):04X}) / holds a lone Unicode surrogate (U+{ord(char):04X})"


def clean_text(value: str, *, max_length: int | None = None, strip: bool = True) -> str:
    """``value`` stripped (by default) and checked: raise ``BadText`` when it holds a NUL character or a
    lone surrogate, or is longer than ``max_length``. For services that take text not checked by a form."""
    problem = text_problem(value)
    if problem:
        raise BadText(problem)
    if strip:
        value = value.strip()
    if max_length is not None and len(value) > max_length:
        raise BadText(f"paling panjang {max_length} karakter / at most {max_length} characters")
    return value


def has_bad_characters(value: str) -> bool:
    return BAD_CHARACTERS.search(value) is not None
