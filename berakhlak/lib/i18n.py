"""Translation marking for pure modules: no Django import.

Pure rules and checks (``org/nip.py``, ``org/checks.py``, ``performance/checks.py``, ``surveys/checks.py``)
must not import Django, yet their message templates must reach the ``.po`` catalogue. Import this function
under its Django name, ``gettext_noop``, so ``makemessages`` extracts the strings with its default keywords;
the template is returned untranslated (a view may pass it to ``gettext``; the import problems carry
both languages in one line).
"""

from __future__ import annotations


def gettext_noop(s: str) -> str:
    """Mark a message template for translation without translating it (Django convention)."""
    return s
