"""Pure rules of the answering form and of answer files (no Django import).

- Pages: a Likert instrument shows one BerAKHLAK value per page (its behaviours and the agency's
  items mapped to it), then the engagement and branding items, then the optional comment. A
  value-selection instrument shows one question per page (personal values, current culture,
  desired culture), then the comment.
- Record units: where a unit's answers are stored, so that no stored answer points at fewer than
  ``min_group`` people (``record_units``).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from berakhlak.analytics.likert import VALUE_CODES
from berakhlak.analytics.suppression import depth_order, subtree_totals

Node = TypeVar("Node", bound=Hashable)

QUESTIONS = ("PERSONAL", "CURRENT", "DESIRED")
COMMENT_MAX = 2000


@dataclass(frozen=True)
class PageItem:
    code: str
    section: str
    value_code: str
    text_id: str
    text_en: str


@dataclass(frozen=True)
class Page:
    key: str  # a value code, ENGAGEMENT, BRANDING, a question code, or COMMENT
    kind: str  # LIKERT | PICK | COMMENT
    items: tuple[PageItem, ...] = field(default_factory=tuple)


def pages_for(kind: str, items: Sequence[PageItem], *, include_comment: bool) -> list[Page]:
    """The pages of the answering form, in order (see the module docstring)."""
    pages: list[Page] = []
    if kind == "LIKERT":
        for value in VALUE_CODES:
            chunk = tuple(i for i in items if i.section in ("BERAKHLAK", "EXTRA") and i.value_code == value)
            if chunk:
                pages.append(Page(value, "LIKERT", chunk))
        for section in ("ENGAGEMENT", "BRANDING"):
            chunk = tuple(i for i in items if i.section == section)
            if chunk:
                pages.append(Page(section, "LIKERT", chunk))
    elif kind == "SELECTION":
        options = tuple(i for i in items if i.section in ("OPTION", "LIMITING"))
        pages.extend(Page(q, "PICK", options) for q in QUESTIONS)
    else:
        raise ValueError(f"unknown instrument kind {kind!r}")
    if include_comment:
        pages.append(Page("COMMENT", "COMMENT"))
    return pages


# --- where answers are recorded --------------------------------------------------------------------

def record_units(parent: Mapping[Node, Node | None], population: Mapping[Node, int], min_group: int) -> dict[Node, Node]:
    """Where the answers of each unit's people are recorded (DESIGN.md "Anonymity"): the unit itself when
    its frozen population *with its subtree* reaches ``min_group``, else its nearest ancestor that does (a
    root that does not is its own record unit: the whole agency is then suppressed anyway). So a stored
    answer never says more about its author than a unit of at least ``min_group`` people."""
    if min_group < 1:
        raise ValueError("min_group must be at least 1")
    totals = subtree_totals(parent, population)
    out: dict[Node, Node] = {}
    for node in depth_order(parent):  # parents first: a parent's record unit is known before its children's
        up = parent[node]
        if totals[node] >= min_group or up is None:
            out[node] = node
        else:
            out[node] = out[up]  # the parent's record unit: the nearest ancestor that reaches min_group
    return out


# --- validation ----------------------------------------------------------------------------------

def check_likert_page(page: Page, posted: Mapping[str, str], scale: tuple[int, int]) -> tuple[dict[str, int], dict[str, str]]:
    """Answers of one Likert page: every statement needs one point of the scale.

    Returns (answers, errors) with errors keyed by item code (bilingual messages)."""
    low, high = scale
    answers, errors = {}, {}
    for item in page.items:
        raw = (posted.get(item.code) or "").strip()
        if not raw:
            errors[item.code] = "Pilih salah satu jawaban / choose one answer"
            continue
        if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:  # "²" and "٣" are digits too
            errors[item.code] = f"Jawaban harus {low}–{high} / the answer must be {low}–{high}"
            continue
        answers[item.code] = int(raw)
    return answers, errors


def check_picks(page: Page, picked: Iterable[str], max_picks: int) -> tuple[list[str], str | None]:
    """Picks of one question: at least one, at most ``max_picks``, each an option of the page."""
    allowed = {i.code for i in page.items}
    chosen = list(dict.fromkeys(p for p in picked if p))
    if not chosen:
        return [], "Pilih paling sedikit satu / choose at least one"
    if any(p not in allowed for p in chosen):
        return [], "Pilihan tidak dikenal / unknown option"
    if len(chosen) > max_picks:
        return chosen, f"Pilih paling banyak {max_picks} / choose at most {max_picks}"
    return chosen, None


def check_comment(text: str) -> tuple[str, str | None]:
    text = (text or "").strip()
    if len(text) > COMMENT_MAX:
        return text, f"Komentar paling panjang {COMMENT_MAX} karakter / at most {COMMENT_MAX} characters"
    return text, None


def missing_pages(pages: Sequence[Page], draft: Mapping[str, Any]) -> list[str]:
    """Keys of the pages whose answers are not complete in ``draft`` (the comment is optional)."""
    answers = draft.get("answers", {})
    picks = draft.get("picks", {})
    missing = []
    for page in pages:
        if page.kind == "LIKERT" and any(i.code not in answers for i in page.items):  # noqa: SIM114 -- one rule per page kind
            missing.append(page.key)
        elif page.kind == "PICK" and not picks.get(page.key):
            missing.append(page.key)
    return missing
