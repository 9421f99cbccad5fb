"""Pure rules of the 360-degree BerAKHLAK behaviour assessment (penilaian 360 derajat): no Django
import, plain data in and out, exhaustively tested in ``tests/feedback360/test_rules.py``.

The vocabularies, settings, relationships, anonymity grouping and scores live in
``berakhlak.analytics.feedback360_rules`` (the analytics engine applies them and imports no domain app);
they are re-exported here, so ``rules.X`` names every rule of the assessment. This module adds the
nomination workflow, the suggested SKP rating of perilaku kerja and the comment rules; the project
defaults and their sources are described there and in ``docs/feedback360-method.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from berakhlak.analytics.feedback360_rules import (
    ALL,
    ANONYMOUS,
    CROSS,
    DEFAULT_MAX_FORMS,
    DEFAULT_MIN_RATERS,
    DEFAULT_QUOTAS,
    DEFAULT_WEIGHTS,
    DIATAS,
    DIBAWAH,
    GROUPS,
    LEVELS,
    MIN_RATERS_FLOOR,
    NAMED,
    OTHERS,
    PEER,
    RELATIONSHIPS,
    SCALE,
    SELF,
    SESUAI,
    SUBORDINATE,
    SUPERIOR,
    Grouping,
    Person,
    RuleError,
    check_min_raters,
    check_quotas,
    check_weights,
    display,
    group_raters,
    may_decline,
    nominable,
    rank,
    relationship_of,
    spread,
    weighted_score,
)

__all__ = [
    "SELF",
    "SUPERIOR",
    "PEER",
    "CROSS",
    "SUBORDINATE",
    "RELATIONSHIPS",
    "ANONYMOUS",
    "NAMED",
    "OTHERS",
    "GROUPS",
    "ALL",
    "SCALE",
    "LEVELS",
    "DEFAULT_QUOTAS",
    "DEFAULT_WEIGHTS",
    "DEFAULT_MIN_RATERS",
    "MIN_RATERS_FLOOR",
    "DEFAULT_MAX_FORMS",
    "DIATAS",
    "SESUAI",
    "DIBAWAH",
    "RuleError",
    "check_quotas",
    "check_weights",
    "check_min_raters",
    "Person",
    "relationship_of",
    "may_decline",
    "nominable",
    "Grouping",
    "group_raters",
    "weighted_score",
    "spread",
    "display",
    "rank",
    # defined here
    "DRAFT",
    "SUBMITTED",
    "RETURNED",
    "APPROVED",
    "NOMINATION_STATES",
    "EMPLOYEE",
    "APPROVER",
    "NOMINATION_TRANSITIONS",
    "nomination_transition",
    "editable_by_employee",
    "SuggestionRule",
    "DEFAULT_RULE",
    "suggest_rating",
    "comments_shown",
    "order_comments",
]


# --- nomination workflow ---------------------------------------------------------------------------------

DRAFT, SUBMITTED, RETURNED, APPROVED = "DRAFT", "SUBMITTED", "RETURNED", "APPROVED"
NOMINATION_STATES = (DRAFT, SUBMITTED, RETURNED, APPROVED)
EMPLOYEE, APPROVER = "employee", "approver"  # the ratee; their superior, or HR on their behalf

#: (state, action) -> (new state, who may, reason required)
NOMINATION_TRANSITIONS: Mapping[tuple[str, str], tuple[str, str, bool]] = {
    (DRAFT, "submit"): (SUBMITTED, EMPLOYEE, False),
    (RETURNED, "submit"): (SUBMITTED, EMPLOYEE, False),
    (SUBMITTED, "approve"): (APPROVED, APPROVER, False),
    (SUBMITTED, "return"): (RETURNED, APPROVER, True),
    # an approver may approve the proposed list without waiting for the employee (deadline)
    (DRAFT, "approve"): (APPROVED, APPROVER, False),
    (RETURNED, "approve"): (APPROVED, APPROVER, False),
}


def nomination_transition(state: str, action: str, role: str, reason: str = "") -> str:
    """The state after ``action`` by ``role``; ``RuleError`` when the workflow does not allow it."""
    if state not in NOMINATION_STATES:
        raise RuleError(f"unknown nomination state {state!r}")
    step = NOMINATION_TRANSITIONS.get((state, action))
    if step is None:
        raise RuleError(f"{action!r} is not possible from {state}")
    new, who, needs_reason = step
    if role != who:
        raise RuleError(f"only the {who} may {action} a nomination")
    if needs_reason and not reason.strip():
        raise RuleError(f"{action!r} needs a reason")
    return new


def editable_by_employee(state: str) -> bool:
    """The employee edits their list while it is a draft or returned to them."""
    return state in (DRAFT, RETURNED)


# --- the suggested SKP rating of perilaku kerja -----------------------------------------------------------


@dataclass(frozen=True)
class SuggestionRule:
    """Thresholds on the 1–5 scale, compared with the scores as displayed (2 decimals)."""

    above: float = 4.0  # overall at least this, and ...
    floor: float = 3.0  # ... no value under this -> Di Atas Ekspektasi
    below: float = 3.0  # overall under this -> Di Bawah Ekspektasi

    def __post_init__(self) -> None:
        for name in ("above", "floor", "below"):
            v = getattr(self, name)
            if not SCALE[0] <= v <= SCALE[1]:
                raise RuleError(f"{name} lies on the 1-5 scale, not {v}")
        if self.below > self.above:
            raise RuleError("the Di Bawah threshold cannot exceed the Di Atas threshold")


DEFAULT_RULE = SuggestionRule()


def suggest_rating(overall: float | None, values: Mapping[str, float | None],
                   rule: SuggestionRule = DEFAULT_RULE) -> str | None:
    """Di Atas / Sesuai / Di Bawah Ekspektasi suggested for SKP perilaku kerja (PermenPANRB 6/2022 rates
    perilaku kerja against the leader's expectation; this 360 rule is the project's documented,
    configurable default). ``None`` without an overall score."""
    shown = display(overall)
    if shown is None:
        return None
    if shown < rule.below:
        return DIBAWAH
    lowest = min((cast(float, display(v)) for v in values.values() if v is not None), default=None)
    if shown >= rule.above and (lowest is None or lowest >= rule.floor):
        return DIATAS
    return SESUAI


# --- comments ------------------------------------------------------------------------------------------


def comments_shown(group: str, grouping: Grouping) -> bool:
    """A comment is shown when its group is visible: the superior's (named) and one's own always,
    anonymous ones only from a group of at least ``min_raters``; a hidden group's never."""
    return group in grouping.visible


def order_comments(texts: Sequence[str]) -> list[str]:
    """Anonymous comments in a fixed order that says nothing about who wrote them or when (by text)."""
    return sorted(t.strip() for t in texts if t and t.strip())
