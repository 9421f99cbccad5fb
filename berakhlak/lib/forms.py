"""Form helpers shared by the apps: Bootstrap styling of Django forms (``BootstrapStyled``) and readers of
submitted values for views that use no Django form (``posted_id``, ``posted_text``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from berakhlak.lib.text import has_bad_characters

MAX_ID = 2**63 - 1


class BootstrapStyled:
    """Mixin for a ``forms.Form``: ``style_widgets()`` gives every widget its Bootstrap class
    (``form-check-input`` on a checkbox, ``form-select`` on a select, ``form-control`` otherwise),
    keeping a class the field already set. Call it at the end of the form's ``__init__``."""

    fields: dict[str, Any]

    def style_widgets(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            css = ("form-check-input" if isinstance(widget, forms.CheckboxInput)
                   else "form-select" if isinstance(widget, forms.Select) else "form-control")
            widget.attrs.setdefault("class", css)


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
