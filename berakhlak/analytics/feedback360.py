"""The 360-degree assessment at scale: rater proposals and per-employee results as engine-portable Ibis
expressions (DESIGN.md "Architecture"). They run inside the app database for one agency and on DuckDB
over Parquet for the whole country (``benchmarks/feedback360_*.py``); no Python loop ever touches a
person or an answer. The rules they apply are those of ``berakhlak.analytics.feedback360_rules``
(pure, re-exported by ``berakhlak.feedback360.rules``), which the tests check against these expressions.

Proposals (``proposals``), deterministic for a cycle's ``seed`` and linear in the number of employees:

- self; the direct superior; up to ``SUBORDINATE`` quota direct subordinates (in hash order);
- peers: the people with the **same superior**, arranged in a ring in hash order; each employee is
  proposed the next ``PEER`` quota people of the ring, so everyone receives exactly as many peer forms
  as they are proposed (a ring of n has at most n − 1 others);
- cross-unit peers: from the **sibling units under the same parent**. The sibling units with staff are
  numbered 0…m−1 and each unit's staff 0…s−1 (hash order); the k-th cross-unit peer of staff number p
  of sibling r is, with ``d = m − 1``, staff ``(p + (k−1) // d) mod s'`` of sibling ``(r + 1 + (k−1) mod d)
  mod m`` (the k-th sibling to the right, wrapping round to further staff when siblings run out);
- someone of a sibling unit who is the ratee's superior, subordinate or peer (same superior) is not
  proposed as a cross-unit peer (``rules.relationship_of`` names the relationship);
- a person proposed twice keeps the closest relationship (self, superior, subordinate, peer, cross);
- a rater receives at most ``max_forms`` peer, cross-unit and subordinate forms; beyond it proposals are
  dropped, cross-unit ones first, then peers, then subordinates, and within one relationship those with
  the largest ratee hash (the employee and superior can nominate others).

Results (``results``), over submitted sheets (one per rater and ratee, no rater column):
``ratee_id, relationship, BP1 … KL3`` (1–5, null = "cannot judge"). Groups follow
``rules.group_raters``; a hidden group is dropped before anything is summed. The output is one long
table, one row per ratee, group and code (21 behaviours, 7 values, ``OVERALL``):
``ratee_id, grp, code, raters, n, mean, sd, d1 … d5``, where ``grp`` is a visible group or ``ALL``
(the weighted score over the visible groups other than self, whose ``n``, ``sd`` and answer counts
``d1 … d5`` cover those groups' answers unweighted). A value's mean is the mean of its items' answers;
``OVERALL`` is the mean of the value means (weighted scores for ``ALL``) that exist.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import ibis

from berakhlak.analytics.feedback360_rules import (
    ALL,
    CROSS,
    OTHERS,
    PEER,
    RELATIONSHIPS,
    SELF,
    SUBORDINATE,
    SUPERIOR,
    check_min_raters,
    check_quotas,
    check_weights,
)
from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES

Part = Callable[[Any, str], Any]  # Ibis expression and relationship -> Ibis expression
# An Ibis table or column expression: Ibis is checked as Any here (its types are not part of this contract)
Table = Any
PRIORITY = {SELF: 0, SUPERIOR: 1, SUBORDINATE: 2, PEER: 3, CROSS: 4}
_MULT, _MOD = 2654435761, 4294967311  # Knuth's multiplicative hash, modulo a prime above 2^32
OVERALL = "OVERALL"
CODES = (*BEHAVIOUR_CODES, *VALUE_CODES, OVERALL)


def _hash(column: Table, seed: int) -> Table:
    """A deterministic integer hash that every engine computes alike (64-bit integer arithmetic, every
    intermediate under 2^63, where SQLite would turn to floats). The seed both multiplies and shifts, so
    that another seed gives another order, not the same ring turned round."""
    a = 1 + seed % (2**30 - 1)
    return ((column * _MULT) % _MOD * a + seed % _MOD) % _MOD


def proposals(people: Table, *, seed: int, quotas: Mapping[str, int], max_forms: int) -> Table:
    """Ibis expression of the proposed raters: ``ratee_id, rater_id, relationship``.

    ``people``: ``id, unit_id, parent_id`` (the unit's parent, null for the root), ``superior_id``
    (null without one inside the population)."""
    quotas = check_quotas(quotas)
    if max_forms < 1:
        raise ValueError("max_forms is 1 or more")
    p = people.mutate(h=_hash(people.id, seed), h2=_hash(people.id, seed + 7919))
    ids = p.select(known_id=p.id)
    parts = []

    def part(expr: Table, relationship: str) -> Table:
        """``expr`` has ``ratee_id, rater_id, ordinal`` (the order of the proposal in its relationship)."""
        return expr.select(ratee_id=expr.ratee_id.cast("int64"), rater_id=expr.rater_id.cast("int64"),
                           relationship=ibis.literal(relationship), priority=ibis.literal(PRIORITY[relationship]),
                           ordinal=expr.ordinal.cast("int64"))

    if quotas[SELF]:
        parts.append(part(p.mutate(ratee_id=p.id, rater_id=p.id, ordinal=0), SELF))
    with_superior = p.filter(p.superior_id.notnull()).semi_join(ids, p.superior_id == ids.known_id)
    if quotas[SUPERIOR]:
        sup = with_superior.mutate(ratee_id=with_superior.id, rater_id=with_superior.superior_id, ordinal=0)
        parts.append(part(sup, SUPERIOR))
    if quotas[SUBORDINATE]:
        sub = with_superior.mutate(ordinal=ibis.row_number().over(group_by="superior_id", order_by=["h2", "id"]))
        sub = sub.filter(sub.ordinal < quotas[SUBORDINATE])
        parts.append(part(sub.mutate(ratee_id=sub.superior_id, rater_id=sub.id), SUBORDINATE))
    if quotas[PEER]:
        parts.append(_peers(with_superior, quotas[PEER], part))
    if quotas[CROSS]:
        parts.append(_cross(p, quotas[CROSS], part))
    if not parts:
        raise ValueError("every quota is 0: nothing to propose")
    allp = ibis.union(*parts, distinct=False)
    allp = allp.mutate(first=ibis.row_number().over(group_by=["ratee_id", "rater_id"],
                                                     order_by=["priority", "ordinal"]))
    allp = allp.filter(allp.first == 0)
    capped = allp.filter(allp.priority >= PRIORITY[SUBORDINATE])
    capped = capped.mutate(rh=_hash(capped.ratee_id, seed + 104729))
    capped = capped.mutate(load=ibis.row_number().over(group_by="rater_id", order_by=["priority", "rh", "ratee_id"]))
    capped = capped.filter(capped.load < max_forms).select("ratee_id", "rater_id", "relationship")
    fixed = allp.filter(allp.priority < PRIORITY[SUBORDINATE]).select("ratee_id", "rater_id", "relationship")
    return ibis.union(fixed, capped, distinct=False)


def _peers(with_superior: Table, quota: int, part: Part) -> Table:
    """The next ``quota`` people of the ring of those with the same superior."""
    ring = with_superior.mutate(pos=ibis.row_number().over(group_by="superior_id", order_by=["h", "id"]),
                                size=with_superior.count().over(group_by="superior_id"))
    wanted = ibis.union(*[
        ring.filter(ring.size > k).select(ratee_id=ring.id, grp=ring.superior_id,
                                          want=(ring.pos + k) % ring.size, ordinal=ibis.literal(k))
        for k in range(1, quota + 1)], distinct=False)
    other = ring.select(o_grp=ring.superior_id, o_pos=ring.pos, rater_id=ring.id).view()
    joined = wanted.join(other, [wanted.grp == other.o_grp, wanted.want == other.o_pos])
    return part(joined.select("ratee_id", "rater_id", "ordinal"), PEER)


def _cross(p: Table, quota: int, part: Part) -> Table:
    """The cross-unit peers from the sibling units under the same parent (see the module docstring)."""
    placed = p.filter(p.parent_id.notnull())
    placed = placed.mutate(upos=ibis.row_number().over(group_by="unit_id", order_by=["h", "id"]),
                           usize=placed.count().over(group_by="unit_id"))
    units = placed.group_by(["unit_id", "parent_id"]).aggregate(usize=placed.usize.max())
    units = units.mutate(rank=ibis.row_number().over(group_by="parent_id", order_by="unit_id"),
                         siblings=units.count().over(group_by="parent_id"))
    mine = units.select(u_id=units.unit_id, rank=units.rank, siblings=units.siblings)
    me = placed.join(mine, placed.unit_id == mine.u_id)
    me = me.filter(me.siblings > 1)
    me = me.view()
    d = me.siblings - 1
    wanted = ibis.union(*[
        me.select(ratee_id=me.id, ratee_superior=me.superior_id, parent=me.parent_id,
                  unit_rank=(me.rank + 1 + (k - 1) % d) % me.siblings,
                  step=(k - 1) // d, upos=me.upos, ordinal=ibis.literal(k))
        for k in range(1, quota + 1)], distinct=False)
    target = units.select(t_parent=units.parent_id, t_rank=units.rank, unit=units.unit_id, t_size=units.usize).view()
    w = wanted.join(target, [wanted.parent == target.t_parent, wanted.unit_rank == target.t_rank])
    w = w.select("ratee_id", "ratee_superior", "unit", "ordinal", want=(w.upos + w.step) % w.t_size).view()
    staff = placed.select(s_unit=placed.unit_id, s_pos=placed.upos, rater_id=placed.id,
                          rater_superior=placed.superior_id).view()
    joined = w.join(staff, [w.unit == staff.s_unit, w.want == staff.s_pos])
    # someone from a sibling unit who is in fact the ratee's superior, subordinate or peer (same
    # superior) is not a cross-unit peer (``rules.relationship_of``): left out here
    closer = ((joined.rater_id == joined.ratee_superior).fill_null(False)
              | (joined.rater_superior == joined.ratee_id).fill_null(False)
              | (joined.rater_superior == joined.ratee_superior).fill_null(False))
    return part(joined.filter(~closer).select("ratee_id", "rater_id", "ordinal"), CROSS)


# --- results ------------------------------------------------------------------------------------------


def _cases(column: Table, mapping: Mapping[str, object], default: object) -> Table:
    return ibis.cases(*[(column == key, value) for key, value in mapping.items()], else_=default)


def rater_groups(sheets: Table, *, weights: Mapping[str, int], min_raters: int) -> Table:
    """Per ratee and relationship with answers: ``ratee_id, relationship, n, grp, gweight, graters,
    visible`` (``rules.group_raters`` as one expression)."""
    weights = check_weights(weights)
    check_min_raters(min_raters)
    counts = sheets.group_by(["ratee_id", "relationship"]).aggregate(n=sheets.count())
    counts = counts.mutate(
        grp=ibis.cases((counts.relationship.isin([SELF, SUPERIOR]), counts.relationship),
                       (counts.n >= min_raters, counts.relationship), else_=ibis.literal(OTHERS)),
        weight=_cases(counts.relationship, weights, 0))
    per_group = counts.group_by(["ratee_id", "grp"]).aggregate(graters=counts.n.sum(), gweight=counts.weight.sum())
    per_group = per_group.mutate(
        visible=per_group.grp.isin([SELF, SUPERIOR]) | (per_group.graters >= min_raters))
    joined = counts.join(per_group, ["ratee_id", "grp"])
    return joined.select("ratee_id", "relationship", "n", "grp", "gweight", "graters", "visible")


def results(sheets: Table, *, weights: Mapping[str, int], min_raters: int) -> Table:
    """Ibis expression of every visible result (see the module docstring for the columns)."""
    groups = rater_groups(sheets, weights=weights, min_raters=min_raters)
    groups = groups.filter(groups.visible)
    s = sheets.join(groups, ["ratee_id", "relationship"])
    sums = {}
    for code in BEHAVIOUR_CODES:
        col = s[code]
        sums[f"{code}_t"] = col.fill_null(0).sum()
        sums[f"{code}_n"] = col.count()
        sums[f"{code}_q"] = (col * col).fill_null(0).sum()
    per_group = s.group_by(["ratee_id", "grp"]).aggregate(raters=s.graters.max(), gweight=s.gweight.max(), **sums)
    rows = []
    for code in (*BEHAVIOUR_CODES, *VALUE_CODES):
        items = [code] if code in BEHAVIOUR_CODES else [f"{code}{i}" for i in (1, 2, 3)]
        t = sum((per_group[f"{c}_t"] for c in items[1:]), per_group[f"{items[0]}_t"])
        n = sum((per_group[f"{c}_n"] for c in items[1:]), per_group[f"{items[0]}_n"])
        q = sum((per_group[f"{c}_q"] for c in items[1:]), per_group[f"{items[0]}_q"])
        rows.append(per_group.select(ratee_id=per_group.ratee_id, grp=per_group.grp, code=ibis.literal(code),
                                     raters=per_group.raters, gweight=per_group.gweight,
                                     t=t.cast("float64"), n=n.cast("int64"), q=q.cast("float64")))
    long = ibis.union(*rows, distinct=False)
    long = long.filter(long.n > 0)
    long = long.mutate(mean=long.t / long.n,
                       var=long.q / long.n - (long.t / long.n) * (long.t / long.n))
    by_group = long.select("ratee_id", "grp", "code", "raters", "n", "mean",
                           sd=ibis.greatest(long.var, 0.0).sqrt())
    others = long.filter(long.grp != SELF)
    weighted = others.group_by(["ratee_id", "code"]).aggregate(
        raters=others.raters.sum(), n=others.n.sum(), t=others.t.sum(), q=others.q.sum(),
        wsum=(others.mean * others.gweight).sum(), w=others.gweight.sum())
    weighted = weighted.filter(weighted.w > 0)
    everyone = weighted.select(
        "ratee_id", grp=ibis.literal(ALL), code="code", raters="raters", n="n",
        mean=weighted.wsum / weighted.w,
        sd=ibis.greatest(weighted.q / weighted.n - (weighted.t / weighted.n) * (weighted.t / weighted.n), 0.0).sqrt())
    scored = ibis.union(by_group, everyone, distinct=False)
    values = scored.filter(scored.code.isin(list(VALUE_CODES)))
    overall = values.group_by(["ratee_id", "grp"]).aggregate(raters=values.raters.max(), n=values.n.sum(),
                                                             mean=values.mean.mean())
    overall = overall.select("ratee_id", "grp", code=ibis.literal(OVERALL), raters="raters", n="n", mean="mean",
                             sd=ibis.null("float64"))
    out = ibis.union(scored, overall, distinct=False)
    dist = _distribution(s)
    joined = out.left_join(dist, [out.ratee_id == dist.d_ratee, out.code == dist.d_code, out.grp == ALL])
    return joined.select("ratee_id", "grp", "code", raters=joined.raters.cast("int64"), n="n",
                         mean=joined.mean.cast("float64"), sd=joined.sd.cast("float64"),
                         **{f"d{v}": joined[f"d{v}"] for v in range(1, 6)})


def _distribution(s: Table) -> Table:
    """Answers per level 1–5 of each behaviour over the visible raters other than oneself."""
    others = s.filter(s.grp != SELF)
    aggs = {f"{code}_{v}": (others[code] == v).ifelse(1, 0).sum() for code in BEHAVIOUR_CODES for v in range(1, 6)}
    counts = others.group_by("ratee_id").aggregate(**aggs)
    return ibis.union(*[
        counts.select(d_ratee=counts.ratee_id, d_code=ibis.literal(code),
                      **{f"d{v}": counts[f"{code}_{v}"].cast("int64") for v in range(1, 6)})
        for code in BEHAVIOUR_CODES], distinct=False)


RESULT_COLUMNS = ("ratee_id", "grp", "code", "raters", "n", "mean", "sd", "d1", "d2", "d3", "d4", "d5")
__all__ = ["CODES", "OVERALL", "RELATIONSHIPS", "RESULT_COLUMNS", "proposals", "rater_groups", "results"]
