"""Pure rules of the 360-degree BerAKHLAK behaviour assessment (penilaian 360 derajat) that the analytics
engine applies: vocabularies, settings, relationships, the anonymity grouping and the scores. No Django
import, plain data in and out; ``berakhlak.feedback360.rules`` re-exports every name here and adds the
nomination workflow, the suggested SKP rating and the comment rules. Exhaustively tested in
``tests/feedback360/test_rules.py``.

Source: the seed study (``../shared/seeds/000_…``: BKN assesses how each employee lives the core values
"oleh atasan dan juga oleh kolega kerja dalam satu divisi dan lintas divisi, serta bawahan"), the 21
behaviours of REGULATIONS.md §1, and the practice of 360 tools (PEERS.md). No regulation fixes the
settings below, so every number is a **documented project default** that HR may change per cycle
(``docs/feedback360-method.md``):

- raters per relationship: superior 1, same-unit peers 3, cross-unit peers 2, subordinates up to 5,
  self 1;
- weights: superior 50, peers 20, cross-unit peers 10, subordinates 20, self 0 (the 50/30/20 of
  superior/peers/subordinates used by public Indonesian 360 apps, PEERS.md, with the peers' 30 split
  between the same unit and other units); the self-assessment is shown beside the others, never mixed in;
- anonymity: a peer, cross-unit or subordinate group with fewer than ``min_raters`` (default 3) answers
  is merged into "others"; "others" with fewer than ``min_raters`` is hidden: it is left out of every
  score, distribution and comment, so that nothing can be recovered by subtraction. The superior's
  rating is named, and the self-assessment is one's own: both are shown as they are;
- the suggested rating of SKP perilaku kerja: Di Atas Ekspektasi from an overall score of 4.00 with no
  value under 3.00; Di Bawah Ekspektasi under 3.00; otherwise Sesuai (3 is the anchor "sesuai
  harapan" of the scale). The rater decides; the suggestion is evidence only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# --- vocabularies ---------------------------------------------------------------------------------

SELF, SUPERIOR, PEER, CROSS, SUBORDINATE = "SELF", "SUPERIOR", "PEER", "CROSS", "SUBORDINATE"
RELATIONSHIPS = (SELF, SUPERIOR, PEER, CROSS, SUBORDINATE)
#: relationships whose raters stay anonymous to the rated employee and their superior
ANONYMOUS = (PEER, CROSS, SUBORDINATE)
#: relationships rated by name by design: one's own rating and the superior's
NAMED = (SELF, SUPERIOR)
OTHERS = "OTHERS"  # the group of anonymous relationships too small to show on their own
#: the groups a result is reported under, in the report's order
GROUPS = (SELF, SUPERIOR, PEER, CROSS, SUBORDINATE, OTHERS)
ALL = "ALL"  # the weighted score of every visible rater but oneself

SCALE = (1, 5)
LEVELS = (1, 2, 3, 4, 5)

DEFAULT_QUOTAS: Mapping[str, int] = {SELF: 1, SUPERIOR: 1, PEER: 3, CROSS: 2, SUBORDINATE: 5}
DEFAULT_WEIGHTS: Mapping[str, int] = {SELF: 0, SUPERIOR: 50, PEER: 20, CROSS: 10, SUBORDINATE: 20}
DEFAULT_MIN_RATERS = 3
#: the lowest anonymity threshold a cycle may set: with a group of two, each rater subtracts their own
#: answers from the group's and reads the other's (issue 11, section 3)
MIN_RATERS_FLOOR = 3
DEFAULT_MAX_FORMS = 10  # forms one rater may receive as peer, cross-unit peer or subordinate

DIATAS, SESUAI, DIBAWAH = "DIATAS", "SESUAI", "DIBAWAH"  # the SKP ratings (performance.rules)


class RuleError(ValueError):
    """A setting outside its domain, or an action the cycle's rules do not allow."""


# --- settings ----------------------------------------------------------------------------------------


def check_quotas(quotas: Mapping[str, int]) -> dict[str, int]:
    """Raters per relationship: every relationship present, 0–20, self and superior at most 1."""
    missing = [r for r in RELATIONSHIPS if r not in quotas]
    if missing:
        raise RuleError(f"quota missing for {', '.join(missing)}")
    for rel in RELATIONSHIPS:
        q = quotas[rel]
        if not isinstance(q, int) or isinstance(q, bool) or not 0 <= q <= 20:
            raise RuleError(f"quota of {rel} must be an integer from 0 to 20, not {q!r}")
        if rel in (SELF, SUPERIOR) and q > 1:
            raise RuleError(f"quota of {rel} is 0 or 1")
    return {rel: quotas[rel] for rel in RELATIONSHIPS}


def check_weights(weights: Mapping[str, int]) -> dict[str, int]:
    """Weights per relationship: integers 0–100; the raters other than oneself must weigh something."""
    missing = [r for r in RELATIONSHIPS if r not in weights]
    if missing:
        raise RuleError(f"weight missing for {', '.join(missing)}")
    for rel in RELATIONSHIPS:
        w = weights[rel]
        if not isinstance(w, int) or isinstance(w, bool) or not 0 <= w <= 100:
            raise RuleError(f"weight of {rel} must be an integer from 0 to 100, not {w!r}")
    if weights[SELF]:
        raise RuleError("the self-assessment is shown beside the others, its weight is 0")
    if not any(weights[r] for r in RELATIONSHIPS if r != SELF):
        raise RuleError("at least one relationship other than self needs a weight above 0")
    return {rel: weights[rel] for rel in RELATIONSHIPS}


def check_min_raters(n: int) -> int:
    """The anonymity threshold: at least 3 (alone, an answer is never anonymous; in a pair, each rater
    subtracts their own answers and reads the other's), at most 10."""
    if not isinstance(n, int) or isinstance(n, bool) or not MIN_RATERS_FLOOR <= n <= 10:
        raise RuleError(f"minimum penilai per kelompok adalah bilangan bulat {MIN_RATERS_FLOOR}–10, bukan {n!r} / "
                        f"the minimum raters per group is an integer from {MIN_RATERS_FLOOR} to 10, not {n!r}")
    return n


# --- who is who to whom --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    id: int
    unit_id: int
    superior_id: int | None = None


def relationship_of(ratee: Person, rater: Person) -> str:
    """How ``rater`` stands to ``ratee``: the employee themself, their direct superior, a direct
    subordinate, a peer (same superior or same unit), or a cross-unit peer (anyone else of the agency)."""
    if rater.id == ratee.id:
        return SELF
    if ratee.superior_id == rater.id:
        return SUPERIOR
    if rater.superior_id == ratee.id:
        return SUBORDINATE
    if rater.unit_id == ratee.unit_id or (ratee.superior_id is not None and rater.superior_id == ratee.superior_id):
        return PEER
    return CROSS


def may_decline(relationship: str) -> bool:
    """A peer, cross-unit peer or subordinate may decline a form (with a reason); the superior rates
    their staff and the self-assessment is one's own, so neither is declined."""
    if relationship not in RELATIONSHIPS:
        raise RuleError(f"unknown relationship {relationship!r}")
    return relationship in ANONYMOUS


def nominable(relationship: str) -> bool:
    """The employee edits the peers, cross-unit peers and subordinates of their list; self and the
    superior come from the organisation."""
    return may_decline(relationship)


# --- anonymity: which answers are shown, under which group --------------------------------------------


@dataclass(frozen=True)
class Grouping:
    """How one employee's raters are reported.

    ``group_of``: relationship -> the group it is reported under (itself or ``OTHERS``), or ``None``
    when hidden; ``raters``: group -> answers in it (hidden groups included, so the report can say
    how many were left out); ``weights``: group -> its weight (the sum of its relationships');
    ``visible``: the groups shown.
    """

    group_of: dict[str, str | None]
    raters: dict[str, int]
    weights: dict[str, int]
    visible: frozenset[str]

    @property
    def hidden_raters(self) -> int:
        return sum(n for g, n in self.raters.items() if g not in self.visible)


def group_raters(counts: Mapping[str, int], weights: Mapping[str, int], min_raters: int) -> Grouping:
    """Report groups from the number of submitted forms per relationship.

    Self and superior are their own groups. An anonymous relationship with at least ``min_raters``
    answers is its own group; the others are merged into ``OTHERS``, which is shown when it holds at
    least ``min_raters`` and hidden otherwise. Relationships without answers belong to no group.
    """
    check_min_raters(min_raters)
    for rel, n in counts.items():
        if rel not in RELATIONSHIPS:
            raise RuleError(f"unknown relationship {rel!r}")
        if n < 0:
            raise RuleError("a count is 0 or more")
    group_of: dict[str, str | None] = {}
    raters: dict[str, int] = {}
    group_weights: dict[str, int] = {}
    for rel in RELATIONSHIPS:
        n = counts.get(rel, 0)
        if not n:
            continue
        group = rel if rel in (SELF, SUPERIOR) or n >= min_raters else OTHERS
        group_of[rel] = group
        raters[group] = raters.get(group, 0) + n
        group_weights[group] = group_weights.get(group, 0) + weights[rel]
    visible = frozenset(g for g, n in raters.items() if g in (SELF, SUPERIOR) or n >= min_raters)
    for rel, shown in group_of.items():
        if shown not in visible:
            group_of[rel] = None
    return Grouping(group_of=group_of, raters=raters, weights=group_weights, visible=visible)


# --- scores ---------------------------------------------------------------------------------------------


def weighted_score(means: Mapping[str, float | None], weights: Mapping[str, int]) -> float | None:
    """The weighted score of one behaviour or value: Σ wₐ·meanₐ / Σ wₐ over the visible groups other
    than self that have a mean (a group with no answer to it does not weigh). ``None`` without any."""
    num = den = 0.0
    for group, mean in means.items():
        if group == SELF or mean is None:
            continue
        w = weights[group]
        num += w * mean
        den += w
    if not den:
        return None
    return num / den


def spread(n: int, total: float, sum_squares: float) -> float | None:
    """Population standard deviation of ``n`` answers from their sum and sum of squares (how SQL
    engines return them); ``None`` without answers. Small negative rounding noise is clipped to 0."""
    if n < 0:
        raise RuleError("n is 0 or more")
    if n == 0:
        return None
    mean = total / n
    return math.sqrt(max(sum_squares / n - mean * mean, 0.0))


def display(score: float | None, places: int = 2) -> float | None:
    """Round half away from zero for display (3.125 → 3.13); the suggestion rule reads the same figure."""
    if score is None:
        return None
    step = Decimal(1).scaleb(-places)
    return float(Decimal(repr(score)).quantize(step, rounding=ROUND_HALF_UP))


def rank(scores: Mapping[str, float | None], *, top: int = 3) -> dict[str, list[tuple[str, float]]]:
    """The ``top`` strongest and weakest behaviours by score, ties by code; unscored ones left out."""
    if top < 0:
        raise RuleError("top is 0 or more")
    scored = [(code, s) for code, s in scores.items() if s is not None]
    return {"strongest": sorted(scored, key=lambda p: (-p[1], p[0]))[:top],
            "weakest": sorted(scored, key=lambda p: (p[1], p[0]))[:top]}
