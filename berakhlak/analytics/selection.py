"""The value-selection ("votes") instrument of the national culture survey and its six indices.

REGULATIONS.md §2: the official KemenPANRB instrument is value selection, in the style of the Barrett
values assessment, and its report gives six indices — Implementasi BerAKHLAK, Keseimbangan Budaya,
Energi Positif, Keselarasan Nilai Pribadi–Organisasi, Keselarasan Budaya Saat Ini–Diharapkan and
Total Indeks Kesehatan Budaya Organisasi — whose formulas are **not public**. DESIGN.md "Index method"
asks the platform to define and document its own. **The formulas below are this project's own
definitions**, not KemenPANRB's; they are documented in ``docs/index-method.md``.

Instrument. Each respondent picks up to N options for each of three questions: ``PERSONAL`` (my own
values), ``CURRENT`` (the culture of my organisation now), ``DESIRED`` (the culture I want). The
options are the 21 behaviours of REGULATIONS.md §1 (code ``BP1`` … ``KL3``, belonging to the value
``BP`` … ``KL``) and limiting behaviours (codes ``LB01``, ``LB02``, …, belonging to no value).
The limit N is enforced when answering; here a vote is one respondent picking one option for one
question, counted once however often it was stored.

Formulas (all 0–100, unrounded; ``None`` = not computable, never a made-up number; every index of a
group without respondents is ``None``). With cₒ, pₒ, dₒ the CURRENT, PERSONAL, DESIRED votes of
option o, C = Σₒ cₒ and C⁺ = the CURRENT votes on behaviours (positive, non-limiting options):

- Implementation share of value v = 100 × (CURRENT votes on v's 3 behaviours) / C⁺.
- Energi Positif = 100 × C⁺ / C: the share of CURRENT votes on positive options (the complement of
  Barrett's "cultural entropy"). ``None`` when C = 0.
- Keseimbangan Budaya = 100 × (1 − (7/12) × Σᵥ |sᵥ − 1/7|), sᵥ the implementation share of v as a
  fraction: 1 − the distance of the spread of positive CURRENT votes from an even spread over the 7
  values, normalised by its largest possible value 12/7 (everything on one value). 100 = every value
  drew the same votes, 0 = all on one value. ``None`` when C⁺ = 0.
- Implementasi BerAKHLAK = 100 × (values with at least one behaviour among the top-N CURRENT
  options) / 7. The top-N list (N = 10 by default, as Barrett reports show the top ten) ranks all
  options with at least one vote, limiting ones included, by votes; an option is in it when fewer than
  N options drew strictly more votes, so ties at the cut are all in and no tie-break by code is
  needed. Limiting options in the top list crowd behaviours out. ``None`` when C = 0.
- Keselarasan Nilai Pribadi–Organisasi = 100 × cos(p, c), Keselarasan Budaya Saat Ini–Diharapkan =
  100 × cos(c, d): the cosine similarity of the two vote vectors over every option, Σₒ aₒbₒ /
  (‖a‖ ‖b‖). It uses every vote (not only the top ten), needs no tie-break, does not depend on how
  many respondents answered each question (scaling a vector leaves it unchanged), is 100 for the same
  distribution of votes and 0 when the two questions share no option. ``None`` when either has no vote.
- Total Indeks Kesehatan Budaya Organisasi = the mean of the other five; ``None`` unless all five exist.

Worked example (10 respondents; votes):
CURRENT AK1 6, BP2 4, KO1 3, HA2 3, LB01 2, LB02 2 (C = 20, C⁺ = 16);
PERSONAL AK1 7, HA2 5, BP2 4, LO1 4; DESIRED AD2 5, AK1 5, BP2 4, KO1 3, KL2 3.
Shares AK 37.5, BP 25, KO 18.75, HA 18.75, LO = AD = KL 0. Energi Positif = 100 × 16/20 = 80.
Keseimbangan: Σ|sᵥ − 1/7| = 2 × (3 × 1/7) = 6/7 (the 3 values at 0 lie 1/7 below even, the rest
above), so 100 × (1 − 7/12 × 6/7) = 50. Implementasi: all 6 voted options are in the top 10, covering
AK, BP, KO, HA: 100 × 4/7 = 57.14. Pribadi–Organisasi: p·c = 7·6 + 5·3 + 4·4 = 73, ‖p‖² = 106,
‖c‖² = 78: 100 × 73/√8268 = 80.28. Saat Ini–Diharapkan: c·d = 6·5 + 4·4 + 3·3 = 55, ‖d‖² = 84:
100 × 55/√6552 = 67.95. Total = (57.14 + 50 + 80 + 80.28 + 67.95)/5 = 67.07.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple, cast

from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES

# An Ibis table or column expression: Ibis is checked as Any here (its types are not part of this contract)
Table = Any

QUESTIONS = ("PERSONAL", "CURRENT", "DESIRED")
TOP_N = 10
LIMITING_CODE = re.compile(r"LB\d{2,}")  # limiting behaviours: LB01, LB02, …
INDEX_KEYS = ("implementasi_berakhlak", "keseimbangan_budaya", "energi_positif",
              "keselarasan_pribadi_organisasi", "keselarasan_saat_ini_diharapkan", "total_kesehatan_budaya")
_BEHAVIOURS = frozenset(BEHAVIOUR_CODES)


class SelectionVotes(NamedTuple):
    """The two Ibis expressions of ``selection_votes``."""

    votes: object  # unit_id, question, option_code, votes
    respondents: object  # unit_id, respondents


def selection_votes(picks: Table, responses: Table, closure: Table) -> SelectionVotes:
    """Ibis expressions: votes per unit (with its whole subtree, DESIGN.md "Index method"), question
    and option, and respondents per unit (with its subtree).

    ``picks``: ``response_id``, ``question`` (``PERSONAL``/``CURRENT``/``DESIRED``), ``option_code``;
    ``responses``: ``id``, ``unit_id``; ``closure``: ``ancestor_id``, ``descendant_id``.

    Returns ``SelectionVotes(votes, respondents)``:
    - ``votes``: ``unit_id``, ``question``, ``option_code``, ``votes`` (respondents of the group who
      picked that option for that question; a pick stored twice counts once; no row for 0 votes);
    - ``respondents``: ``unit_id``, ``respondents`` (rows of ``responses`` in the group, whether or
      not they picked anything).
    """
    unique = picks.select("response_id", "question", "option_code").distinct()
    placed = unique.join(responses, unique.response_id == responses.id)
    direct = placed.group_by("unit_id", "question", "option_code").aggregate(votes=placed.count())
    tree = closure.join(direct, closure.descendant_id == direct.unit_id)
    votes = (tree.group_by("question", "option_code", unit_id=tree.ancestor_id)
             .aggregate(votes=tree.votes.sum())
             .select("unit_id", "question", "option_code", "votes"))
    counted = responses.group_by("unit_id").aggregate(respondents=responses.count())
    tree = closure.join(counted, closure.descendant_id == counted.unit_id)
    respondents = tree.group_by(unit_id=tree.ancestor_id).aggregate(respondents=tree.respondents.sum())
    return SelectionVotes(votes=votes, respondents=respondents)


def votes_by_unit(rows: Iterable[Mapping[str, Any]]) -> dict[Any, Any]:
    """Rows of ``selection_votes(...).votes`` as ``{unit_id: {question: {option_code: votes}}}``."""
    out: dict[Any, Any] = {}
    for row in rows:
        out.setdefault(row["unit_id"], {}).setdefault(row["question"], {})[row["option_code"]] = int(row["votes"])
    return out


def option_value(code: str) -> str | None:
    """The value (``"BP"`` …) a behaviour option belongs to; ``None`` for a limiting behaviour."""
    if code in _BEHAVIOURS:
        return code[:2]
    if LIMITING_CODE.fullmatch(code):
        return None
    raise ValueError(f"unknown option {code!r}: a behaviour code BP1…KL3 or a limiting code LB01…")


def _checked(counts: Mapping[str, int] | None) -> dict[str, int]:
    out = {}
    for code, votes in (counts or {}).items():
        option_value(code)
        if int(votes) != votes or votes < 0:
            raise ValueError(f"{code}: votes must be a whole number of at least 0, not {votes!r}")
        out[code] = int(votes)
    return out


def behaviour_votes(counts: Mapping[str, int]) -> dict[str, int]:
    """Votes of each of the 21 behaviours in one question (0 for a behaviour nobody picked)."""
    checked = _checked(counts)
    return {code: checked.get(code, 0) for code in BEHAVIOUR_CODES}


def limiting_votes(counts: Mapping[str, int]) -> int:
    """Votes on limiting behaviours in one question."""
    return sum(v for code, v in _checked(counts).items() if option_value(code) is None)


def implementation_shares(current: Mapping[str, int]) -> dict[str, float | None]:
    """Per value, 100 × its share of the CURRENT votes on positive options (sum 100), or all ``None``
    when no CURRENT vote fell on a behaviour."""
    per_value = dict.fromkeys(VALUE_CODES, 0)
    for code, votes in _checked(current).items():
        value = option_value(code)
        if value is not None:
            per_value[value] += votes
    positive = sum(per_value.values())
    if positive == 0:
        return dict.fromkeys(VALUE_CODES)
    return {v: 100.0 * per_value[v] / positive for v in VALUE_CODES}


def top_options(counts: Mapping[str, int], n: int = TOP_N) -> list[str]:
    """Options with at least one vote that fewer than ``n`` options beat on votes (ties at the cut all
    in), most votes first, then by code."""
    if n < 1:
        raise ValueError("n must be at least 1")
    voted = {code: v for code, v in _checked(counts).items() if v > 0}
    ranked = sorted(voted, key=lambda code: (-voted[code], code))
    return [code for code in ranked if sum(1 for v in voted.values() if v > voted[code]) < n]


def energi_positif(current: Mapping[str, int]) -> float | None:
    """100 × CURRENT votes on positive (non-limiting) options / all CURRENT votes."""
    checked = _checked(current)
    total = sum(checked.values())
    if total == 0:
        return None
    positive = sum(v for code, v in checked.items() if option_value(code) is not None)
    return 100.0 * positive / total


def keseimbangan_budaya(current: Mapping[str, int]) -> float | None:
    """100 × (1 − (7/12) × Σᵥ |sᵥ − 1/7|), sᵥ the share of positive CURRENT votes on value v."""
    shares = implementation_shares(current)
    if shares[VALUE_CODES[0]] is None:
        return None
    k = len(VALUE_CODES)
    deviation = sum(abs(cast(float, shares[v]) / 100.0 - 1.0 / k) for v in VALUE_CODES)  # all set when the first is
    return max(0.0, 100.0 * (1.0 - deviation / (2.0 * (k - 1) / k)))


def implementasi_berakhlak(current: Mapping[str, int], *, top: int = TOP_N) -> float | None:
    """100 × (values with a behaviour among the top-``top`` CURRENT options) / 7."""
    if sum(_checked(current).values()) == 0:
        return None
    covered = {option_value(code) for code in top_options(current, top)} - {None}
    return 100.0 * len(covered) / len(VALUE_CODES)


def keselarasan(first: Mapping[str, int], second: Mapping[str, int]) -> float | None:
    """100 × the cosine similarity of two questions' vote vectors over every option."""
    a, b = _checked(first), _checked(second)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    if norm == 0:
        return None
    return min(100.0, 100.0 * sum(v * b.get(code, 0) for code, v in a.items()) / norm)


def selection_indices(votes: Mapping[str, Mapping[str, int]], respondents: int, *, top: int = TOP_N) -> dict[str, float | None]:
    """The six indices of one group (keys ``INDEX_KEYS``), from ``{question: {option_code: votes}}``
    and the group's respondents; all ``None`` without respondents."""
    unknown = set(votes) - set(QUESTIONS)
    if unknown:
        raise ValueError(f"unknown questions {sorted(unknown)}; use {', '.join(QUESTIONS)}")
    if respondents < 0:
        raise ValueError("respondents cannot be negative")
    for question, counts in votes.items():
        for code, count in _checked(counts).items():
            if count > respondents:  # a vote is one respondent picking the option once
                raise ValueError(f"{question} {code}: {count} votes from {respondents} respondents")
    if respondents == 0:
        return dict.fromkeys(INDEX_KEYS)
    personal, current, desired = (votes.get(q, {}) for q in QUESTIONS)
    parts = {
        "implementasi_berakhlak": implementasi_berakhlak(current, top=top),
        "keseimbangan_budaya": keseimbangan_budaya(current),
        "energi_positif": energi_positif(current),
        "keselarasan_pribadi_organisasi": keselarasan(personal, current),
        "keselarasan_saat_ini_diharapkan": keselarasan(current, desired),
    }
    present = list(parts.values())
    parts["total_kesehatan_budaya"] = None if None in present else sum(cast(list[float], present)) / len(present)
    return parts


def selection_report(votes: Mapping[str, Mapping[str, int]], respondents: int, *, top: int = TOP_N) -> dict[str, Any]:
    """Everything of one group: ``respondents``; ``behaviour_votes`` and ``limiting_votes`` per
    question; ``top`` (the top-``top`` CURRENT options); ``implementation`` (share per value);
    ``indices`` (``selection_indices``). Without respondents, only counts (all zero) and ``None``."""
    indices = selection_indices(votes, respondents, top=top)
    current = votes.get("CURRENT", {})
    return {
        "respondents": respondents,
        "behaviour_votes": {q: behaviour_votes(votes.get(q, {})) for q in QUESTIONS},
        "limiting_votes": {q: limiting_votes(votes.get(q, {})) for q in QUESTIONS},
        "top": top_options(current, top),
        "implementation": implementation_shares(current),
        "indices": indices,
    }
