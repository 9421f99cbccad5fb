#!/usr/bin/env python
"""Benchmark: 360° rater proposals of a national population on DuckDB over Parquet, beside a hand-written DuckDB query.

Issue #5 target: the proposed raters (``berakhlak.analytics.feedback360.proposals``: self, superior,
subordinates, the same-superior peer ring, cross-unit peers of the sibling units, the ``max_forms`` cap)
for 5,000,000 employees in under 3 minutes. Steps:

1. data, not timed in the target: a deterministic, vectorised numpy generator writes ``people.parquet``
   (``id, unit_id, parent_id, superior_id``): ``--agencies`` agency trees of 3–6 levels over ``--units``
   units (each unit under a random unit of the level above in its agency, about 4× more units per level),
   ``--employees`` people spread log-normally over the units (leaves heavier, at least the head in every
   unit). The head of a unit reports to the head of the parent unit (agency roots: no superior); in a unit
   of more than 12 staff one in 12 staff leads a sub-team under the head and the rest report to a sub-team
   leader or the head; 0.1 % of the superiors have left the population (their id is outside it, so the
   expression's semi-join drops them). Ids are a random permutation, the file is written in id order;
2. measured, each in its own process (peak RSS: that process's ``VmHWM``), with the same DuckDB settings
   (``memory_limit``, a temporary directory under /tmp, ``preserve_insertion_order = false``), output
   written to Parquet by ``COPY`` (nothing materialised in Python):
   a. the project's Ibis expression ``proposals(people, seed=…, quotas=DEFAULT_QUOTAS,
      max_forms=DEFAULT_MAX_FORMS)`` on ``ibis.duckdb.connect()`` over ``read_parquet``, ``con.to_parquet``;
   b. the fastest plain tool: one hand-written DuckDB query of the same definitions (module docstring of
      ``berakhlak.analytics.feedback360``), written independently: the next peers of the ring by
      ``lead`` (and ``nth_value`` from the start of the ring when it wraps round) in one window pass
      instead of a self-join, the cross-unit peers by joins on (unit, position), the closest
      relationship by ``GROUP BY … min(priority)``, the cap by one window. The hash is the expression's
      (``feedback360._hash``).

Checks (the script exits 1 on any failure): the two outputs are equal as sets of (ratee, rater,
relationship) (differences are counted and shown); no (ratee, rater) twice; everyone has SELF; everyone
whose superior is in the population has exactly that SUPERIOR and nobody else has one; no rater receives
more than ``max_forms`` PEER, CROSS and SUBORDINATE forms; every row matches its definition (PEER: same
superior; CROSS: another unit under the same parent, and not the ratee's superior, subordinate or
same-superior peer; SUBORDINATE: the rater's superior is the ratee);
and, for ``--sample`` random ratees, a brute-force Python reading of the docstring (the ring, the sibling
rotation, the first subordinates in hash order, the closest relationship) gives exactly their proposals,
a missing candidate being allowed only when its rater is full (``max_forms`` forms, all before it in the
cap's order).

    .venv/bin/python benchmarks/feedback360_proposals.py --employees 5000000 --units 100000   # about 5 min
    .venv/bin/python benchmarks/feedback360_proposals.py --quick                              # about 20 s
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from berakhlak.feedback360.rules import (  # noqa: E402  (pure, no Django)
    CROSS,
    DEFAULT_MAX_FORMS,
    DEFAULT_QUOTAS,
    PEER,
    SELF,
    SUBORDINATE,
    SUPERIOR,
)

MAX_DEPTH = 6
TEAM = 12  # staff per sub-team leader in large units
LEFT_SHARE = 0.001  # superiors who left the population
CHUNK = 1 << 20
CYCLE_SEED = 360  # the cycle's seed (proposals are deterministic for it)
MULT, MOD = 2654435761, 4294967311  # the expression's hash (feedback360._hash)
PRIORITY = {SELF: 0, SUPERIOR: 1, SUBORDINATE: 2, PEER: 3, CROSS: 4}
RELS = (SELF, SUPERIOR, SUBORDINATE, PEER, CROSS)  # by priority
TARGET_SECONDS = 180.0


def hash_sql(column: str, seed: int) -> str:
    """The expression's hash (``feedback360._hash``) in SQL: the seed multiplies and shifts."""
    return f"(({column} * {MULT}) % {MOD} * {1 + seed % (2**30 - 1)} + {seed % MOD}) % {MOD}"


def hash_np(values, seed: int):
    """The same hash over a numpy int64 array (every intermediate under 2^63)."""
    return ((values * MULT) % MOD * (1 + seed % (2**30 - 1)) + seed % MOD) % MOD


# ---------------------------------------------------------------------------
# The population (Parquet)
# ---------------------------------------------------------------------------

def unit_tree(rng, units: int, agencies: int):
    """Agencies of 3–6 levels over ``units`` units: (agency index, parent id or 0, level) per unit, ids
    1..units in (agency, level) order. Vectorised: never a loop over units."""
    import numpy as np

    if agencies < 1 or units < MAX_DEPTH * agencies:
        raise SystemExit(f"need at least {MAX_DEPTH} units per agency ({MAX_DEPTH * agencies} for {agencies})")
    weights = rng.lognormal(0.0, 1.0, agencies)
    size = MAX_DEPTH + rng.multinomial(units - MAX_DEPTH * agencies, weights / weights.sum())
    depth = np.clip(2 + np.ceil(np.log(size) / np.log(8)).astype(int) + rng.integers(-1, 2, agencies), 3, MAX_DEPTH)
    levels = np.arange(MAX_DEPTH)
    used = (levels[None, :] >= 1) & (levels[None, :] < depth[:, None])
    grow = np.where(used, 4.0 ** levels[None, :], 0.0)
    count = np.where(used, 1 + np.floor((size - depth)[:, None] * grow / grow.sum(axis=1, keepdims=True)), 0)
    count = count.astype(np.int64)
    count[:, 0] = 1
    count[np.arange(agencies), depth - 1] += size - count.sum(axis=1)
    start = np.concatenate(([0], np.cumsum(count.ravel())[:-1])).reshape(count.shape)
    agency = np.repeat(np.arange(agencies), size)
    level = np.repeat(np.tile(levels, agencies), count.ravel())
    up = np.maximum(level - 1, 0)
    parent_row = start[agency, up] + (rng.random(units) * count[agency, up]).astype(np.int64)
    parent = np.where(level == 0, 0, parent_row + 1)
    return agency, parent, level, depth


def generate(out: Path, *, employees: int, units: int, agencies: int, seed: int) -> dict:
    """Write ``people.parquet`` under ``out``; return a few facts about it."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    if employees < units:
        raise SystemExit("need at least one employee (the head) per unit")
    rng = np.random.default_rng(seed)
    agency, parent, level, _depth = unit_tree(rng, units, agencies)
    leaf = np.ones(units + 1, dtype=bool)
    leaf[parent[parent > 0]] = False
    weights = rng.lognormal(0.0, 0.8, units) * np.where(leaf[1:], 1.0, 0.4)
    per_unit = 1 + rng.multinomial(employees - units, weights / weights.sum())  # the head + staff
    first = np.concatenate(([0], np.cumsum(per_unit)[:-1]))  # position of each unit's head
    unit_pos = np.repeat(np.arange(units), per_unit)  # unit row (id − 1) of each position
    j = np.arange(employees) - first[unit_pos]  # 0 = head, then staff
    leaders = (per_unit - 1) // TEAM * ((per_unit - 1) > TEAM)  # sub-team leaders per unit
    t = leaders[unit_pos]
    head = first[unit_pos]
    team = j % (t + 1)
    sup_pos = np.where(j <= t, head, np.where(team == 0, head, head + team))
    up = parent[unit_pos]  # parent unit id of the person's unit (0: agency root)
    sup_pos = np.where(j == 0, np.where(up > 0, first[np.maximum(up, 1) - 1], -1), sup_pos)
    id_of = rng.permutation(employees).astype(np.int64) + 1
    superior = np.where(sup_pos >= 0, id_of[np.maximum(sup_pos, 0)], 0)
    left = (sup_pos >= 0) & (rng.random(employees) < LEFT_SHARE)
    superior[left] = employees + 1 + np.arange(int(left.sum()))  # ids outside the population
    # write in id order
    order = np.argsort(id_of)
    ids, unit_id = id_of[order], unit_pos[order] + 1
    parent_id, superior = parent[unit_id - 1], superior[order]
    schema = pa.schema([("id", pa.int64()), ("unit_id", pa.int64()), ("parent_id", pa.int64()),
                        ("superior_id", pa.int64())])
    with pq.ParquetWriter(out / "people.parquet", schema) as writer:
        for a in range(0, employees, CHUNK):
            b = a + CHUNK
            writer.write_table(pa.table({
                "id": ids[a:b], "unit_id": unit_id[a:b],
                "parent_id": pa.array(parent_id[a:b], mask=parent_id[a:b] == 0),
                "superior_id": pa.array(superior[a:b], mask=superior[a:b] == 0)}, schema=schema), row_group_size=CHUNK)
    team_size = np.bincount(sup_pos[sup_pos >= 0], minlength=employees)
    return {"employees": employees, "units": units, "agencies": agencies,
            "levels": {int(k) + 1: int((level == k).sum()) for k in range(MAX_DEPTH)},
            "unit_max": int(per_unit.max()), "unit_median": float(np.median(per_unit)),
            "leaders": int(leaders.sum()), "no_superior": int((sup_pos < 0).sum()), "left": int(left.sum()),
            "span_max": int(team_size.max()), "mb": (out / "people.parquet").stat().st_size / 1e6}


# ---------------------------------------------------------------------------
# The hand-written query
# ---------------------------------------------------------------------------

def hand_sql(people: Path, *, seed: int, quotas: dict, max_forms: int) -> str:
    """The proposals of the module docstring in plain DuckDB SQL (priorities 0–4 as in ``RELS``)."""
    rels = ", ".join(f"'{r}'" for r in RELS)
    npeer, ncross, nsub = quotas[PEER], quotas[CROSS], quotas[SUBORDINATE]
    ring = "(PARTITION BY superior_id ORDER BY h, id)"
    leads = ", ".join(f"lead(id, {k}) OVER {ring} AS next{k}" for k in range(1, npeer + 1))
    firsts = ", ".join(f"nth_value(id, {k}) OVER (PARTITION BY superior_id ORDER BY h, id ROWS BETWEEN UNBOUNDED "
                       f"PRECEDING AND UNBOUNDED FOLLOWING) AS first{k}" for k in range(1, npeer + 1))
    # the k-th next of the ring: next_k, or wrapping round, the (pos + k − size + 1)-th of the ring
    peers = "\n  UNION ALL ".join(
        f"SELECT id, coalesce(next{k}, [{', '.join(f'first{j}' for j in range(1, k + 1))}][pos + {k} - size + 1]), 3 "
        f"FROM ring WHERE size > {k}" for k in range(1, npeer + 1))
    return f"""
WITH p AS (
  SELECT id, unit_id, parent_id, superior_id, {hash_sql("id", seed)} AS h, {hash_sql("id", seed + 7919)} AS h2
  FROM read_parquet('{people}')),
ws AS (SELECT * FROM p WHERE superior_id IN (SELECT id FROM p)),
ring AS (
  SELECT id, superior_id, row_number() OVER {ring} - 1 AS pos, count(*) OVER (PARTITION BY superior_id) AS size,
         row_number() OVER (PARTITION BY superior_id ORDER BY h2, id) AS sub_rank, {leads}, {firsts}
  FROM ws),
staff AS (
  SELECT id, unit_id, parent_id, superior_id, row_number() OVER (PARTITION BY unit_id ORDER BY h, id) - 1 AS upos,
         count(*) OVER (PARTITION BY unit_id) AS usize
  FROM p WHERE parent_id IS NOT NULL),
sib AS (
  SELECT unit_id, parent_id, usize, row_number() OVER (PARTITION BY parent_id ORDER BY unit_id) - 1 AS r,
         count(*) OVER (PARTITION BY parent_id) AS m
  FROM (SELECT unit_id, any_value(parent_id) AS parent_id, any_value(usize) AS usize FROM staff GROUP BY unit_id)),
wanted AS (  -- staff (upos + (k−1) // d) mod s' of the sibling (r + 1 + (k−1) mod d) mod m, d = m − 1
  SELECT a.id AS ratee_id, a.superior_id AS ratee_sup, u.parent_id, (u.r + 1 + (q.k - 1) % (u.m - 1)) % u.m AS t_rank,
         a.upos + (q.k - 1) // (u.m - 1) AS step
  FROM staff a JOIN sib u ON u.unit_id = a.unit_id AND u.m > 1 CROSS JOIN range(1, {ncross + 1}) q(k)),
target AS (
  SELECT w.ratee_id, w.ratee_sup, t.unit_id, w.step % t.usize AS want
  FROM wanted w JOIN sib t ON t.parent_id = w.parent_id AND t.r = w.t_rank),
cross_peers AS (
  SELECT w.ratee_id, w.ratee_sup, b.id AS rater_id, b.superior_id AS rater_sup
  FROM target w JOIN staff b ON b.unit_id = w.unit_id AND b.upos = w.want),
cand AS (
  SELECT id AS ratee_id, id AS rater_id, 0 AS prio FROM p WHERE {quotas[SELF]} > 0
  UNION ALL SELECT id, superior_id, 1 FROM ws WHERE {quotas[SUPERIOR]} > 0
  UNION ALL SELECT superior_id, id, 2 FROM ring WHERE sub_rank <= {nsub}
  UNION ALL {peers}
  UNION ALL
  SELECT ratee_id, rater_id, 4 FROM cross_peers  -- not the ratee's superior, subordinate or same-superior peer
  WHERE rater_id IS DISTINCT FROM ratee_sup AND rater_sup IS DISTINCT FROM ratee_id
    AND (rater_sup IS NULL OR rater_sup IS DISTINCT FROM ratee_sup)),
closest AS (SELECT ratee_id, rater_id, min(prio) AS prio FROM cand GROUP BY ratee_id, rater_id),
kept AS (
  SELECT ratee_id, rater_id, prio FROM closest WHERE prio < 2
  UNION ALL
  SELECT ratee_id, rater_id, prio FROM (
    SELECT *, row_number() OVER (PARTITION BY rater_id
                                 ORDER BY prio, {hash_sql("ratee_id", seed + 104729)}, ratee_id) AS load
    FROM closest WHERE prio >= 2) WHERE load <= {max_forms})
SELECT ratee_id, rater_id, [{rels}][prio + 1] AS relationship FROM kept"""


# ---------------------------------------------------------------------------
# The measured work (each in a child process: its peak RSS is its own)
# ---------------------------------------------------------------------------

def peak_rss_mib() -> float:
    """Peak RSS of this process (``VmHWM``: ``wait4``'s ``ru_maxrss`` may count the parent's at fork)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def duckdb_config(args) -> dict:
    return {"memory_limit": args.memory_limit, "temp_directory": str(args.spill),
            "preserve_insertion_order": False}


def child(args) -> None:
    t_start = time.perf_counter()
    people, out = args.out / "people.parquet", args.out / f"{args.child}.parquet"
    config = duckdb_config(args)
    if args.child == "ibis":
        import ibis

        from berakhlak.analytics.feedback360 import proposals

        t0 = time.perf_counter()
        con = ibis.duckdb.connect(**config)
        expr = proposals(con.read_parquet(people), seed=CYCLE_SEED, quotas=dict(DEFAULT_QUOTAS),
                         max_forms=DEFAULT_MAX_FORMS)
        con.to_parquet(expr, out)
    else:
        import duckdb

        t0 = time.perf_counter()
        con = duckdb.connect(config=config)
        sql = hand_sql(people, seed=CYCLE_SEED, quotas=dict(DEFAULT_QUOTAS), max_forms=DEFAULT_MAX_FORMS)
        con.execute(f"COPY ({sql}) TO '{out}' (FORMAT parquet)")
    t_end = time.perf_counter()
    import pyarrow.parquet as pq

    rows = pq.ParquetFile(out).metadata.num_rows
    args.result.write_text(json.dumps({"import_s": t0 - t_start, "work_s": t_end - t0, "rows": rows,
                                       "rss_mib": peak_rss_mib()}))


def run_child(kind: str, args, result: Path) -> tuple[float, dict]:
    """Run one measured step in its own process; (wall seconds, its report)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--out", str(args.out),
           "--result", str(result), "--memory-limit", args.memory_limit, "--spill", str(args.spill)]
    start = time.perf_counter()
    code = subprocess.call(cmd)
    elapsed = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} exited with {code}")
    return elapsed, json.loads(result.read_text())


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------

def check_outputs(workdir: Path, memory_limit: str, spill: Path, max_forms: int) -> tuple[list[tuple[str, int]], dict]:
    """SQL checks over the two outputs; (failed checks with their counts, facts to print)."""
    import duckdb

    con = duckdb.connect(config={"memory_limit": memory_limit, "temp_directory": str(spill),
                                 "preserve_insertion_order": False})
    con.execute(f"CREATE VIEW people AS SELECT * FROM read_parquet('{workdir / 'people.parquet'}')")
    con.execute(f"CREATE VIEW ours AS SELECT * FROM read_parquet('{workdir / 'ibis.parquet'}')")
    con.execute(f"CREATE VIEW hand AS SELECT * FROM read_parquet('{workdir / 'duckdb.parquet'}')")

    def one(sql: str) -> int:
        return int(con.execute(sql).fetchall()[0][0])

    failed, facts = [], {}
    only_ours = one("SELECT count(*) FROM (SELECT * FROM ours EXCEPT ALL SELECT * FROM hand)")
    only_hand = one("SELECT count(*) FROM (SELECT * FROM hand EXCEPT ALL SELECT * FROM ours)")
    facts["only_ours"], facts["only_hand"] = only_ours, only_hand
    if only_ours or only_hand:
        failed.append(("rows of one output only (Ibis, hand-written)", only_ours + only_hand))
        facts["examples"] = con.execute(
            "(SELECT 'Ibis only' AS side, * FROM (SELECT * FROM ours EXCEPT ALL SELECT * FROM hand) LIMIT 5) UNION ALL "
            "(SELECT 'hand only', * FROM (SELECT * FROM hand EXCEPT ALL SELECT * FROM ours) LIMIT 5)").fetchall()
    n_people = one("SELECT count(*) FROM people")
    checks = {
        "(ratee, rater) proposed twice": "SELECT count(*) FROM (SELECT ratee_id, rater_id FROM ours GROUP BY ALL "
                                         "HAVING count(*) > 1)",
        "people without SELF": "SELECT count(*) FROM people WHERE id NOT IN "
                               "(SELECT ratee_id FROM ours WHERE relationship = 'SELF')",
        "SELF rows not (x, x)": "SELECT count(*) FROM ours WHERE relationship = 'SELF' AND ratee_id <> rater_id",
        "SELF rows": f"SELECT abs(count(*) - {n_people}) FROM ours WHERE relationship = 'SELF'",
        "superior in population but no SUPERIOR row": (
            "SELECT count(*) FROM people p WHERE superior_id IN (SELECT id FROM people) AND NOT EXISTS "
            "(SELECT 1 FROM ours o WHERE o.relationship = 'SUPERIOR' AND o.ratee_id = p.id AND o.rater_id = p.superior_id)"),
        "SUPERIOR rows not the ratee's superior": (
            "SELECT count(*) FROM ours o JOIN people a ON a.id = o.ratee_id WHERE o.relationship = 'SUPERIOR' "
            "AND a.superior_id IS DISTINCT FROM o.rater_id"),
        "SUBORDINATE rows whose rater's superior is not the ratee": (
            "SELECT count(*) FROM ours o JOIN people b ON b.id = o.rater_id WHERE o.relationship = 'SUBORDINATE' "
            "AND b.superior_id IS DISTINCT FROM o.ratee_id"),
        "PEER rows without the same superior": (
            "SELECT count(*) FROM ours o JOIN people a ON a.id = o.ratee_id JOIN people b ON b.id = o.rater_id "
            "WHERE o.relationship = 'PEER' AND (a.superior_id IS NULL OR a.superior_id IS DISTINCT FROM b.superior_id "
            "OR a.id = b.id)"),
        "CROSS rows not in a sibling unit": (
            "SELECT count(*) FROM ours o JOIN people a ON a.id = o.ratee_id JOIN people b ON b.id = o.rater_id "
            "WHERE o.relationship = 'CROSS' AND (a.parent_id IS NULL OR a.parent_id IS DISTINCT FROM b.parent_id "
            "OR a.unit_id = b.unit_id)"),
        "CROSS rows whose rater is the ratee's superior, subordinate or same-superior peer": (
            "SELECT count(*) FROM ours o JOIN people a ON a.id = o.ratee_id JOIN people b ON b.id = o.rater_id "
            "WHERE o.relationship = 'CROSS' AND (a.superior_id = b.id OR b.superior_id = a.id "
            "OR a.superior_id = b.superior_id)"),
        "rows whose ratee or rater is not in the population": (
            "SELECT count(*) FROM ours WHERE ratee_id NOT IN (SELECT id FROM people) "
            "OR rater_id NOT IN (SELECT id FROM people)"),
        f"raters over {max_forms} PEER/CROSS/SUBORDINATE forms": (
            f"SELECT count(*) FROM (SELECT rater_id FROM ours WHERE relationship IN ('PEER', 'CROSS', 'SUBORDINATE') "
            f"GROUP BY rater_id HAVING count(*) > {max_forms})"),
    }
    for name, sql in checks.items():
        n = one(sql)
        if n:
            failed.append((name, n))
    facts["by_relationship"] = con.execute(
        "SELECT relationship, count(*), count(DISTINCT ratee_id) FROM ours GROUP BY relationship "
        "ORDER BY list_position(['SELF', 'SUPERIOR', 'SUBORDINATE', 'PEER', 'CROSS'], any_value(relationship))").fetchall()
    facts["loads"] = con.execute(
        "SELECT count(*) FILTER (WHERE n = ?), max(n), avg(n) FROM (SELECT rater_id, count(*) AS n FROM ours "
        "WHERE relationship IN ('PEER', 'CROSS', 'SUBORDINATE') GROUP BY rater_id)", [max_forms]).fetchall()[0]
    facts["per_ratee"] = con.execute(
        "SELECT min(n), avg(n), max(n) FROM (SELECT ratee_id, count(*) FILTER (WHERE relationship <> 'SELF') AS n "
        "FROM ours GROUP BY ratee_id)").fetchall()[0]
    facts["people"] = n_people
    return failed, facts


def check_sample(workdir: Path, sample: int, seed: int, quotas: dict, max_forms: int) -> tuple[int, int, int, list]:
    """Brute force of the docstring for ``sample`` random ratees; (ratees checked, candidates, dropped by the
    cap and justified, problems)."""
    import duckdb
    import numpy as np
    import pyarrow.parquet as pq

    t = pq.read_table(workdir / "people.parquet")
    ids = t["id"].to_numpy()
    unit = t["unit_id"].to_numpy()
    parent = t["parent_id"].fill_null(0).to_numpy()
    sup = t["superior_id"].fill_null(0).to_numpy()
    n = len(ids)
    h, h2 = hash_np(ids, CYCLE_SEED), hash_np(ids, CYCLE_SEED + 7919)
    row_of = np.full(int(ids.max()) + 1, -1, dtype=np.int64)
    row_of[ids] = np.arange(n)
    in_pop = (sup > 0) & (sup <= ids.max())
    in_pop[in_pop] = row_of[sup[in_pop]] >= 0
    sup_in = np.where(in_pop, sup, 0)
    by_ring = np.lexsort((ids, h, sup_in))  # rings: same superior, hash order
    by_sub = np.lexsort((ids, h2, sup_in))  # subordinates: same superior, second hash order
    by_unit = np.lexsort((ids, h, unit))  # unit staff in hash order
    ring_sup, sub_sup, unit_sorted = sup_in[by_ring], sup_in[by_sub], unit[by_unit]
    units, first = np.unique(unit, return_index=True)  # sorted unit ids, each with its parent
    siblings: dict[int, list[int]] = {}
    for u, p_ in zip(units.tolist(), parent[first].tolist()):  # one entry per unit
        if p_:
            siblings.setdefault(p_, []).append(u)

    def members(sorted_keys, order, key):
        a, b = np.searchsorted(sorted_keys, key, "left"), np.searchsorted(sorted_keys, key, "right")
        return ids[order[a:b]].tolist()

    rng = np.random.default_rng(seed)
    chosen = rng.choice(ids, min(sample, n), replace=False)
    expected: dict[int, dict[int, int]] = {}
    for r in chosen.tolist():
        i = row_of[r]
        cand: dict[int, int] = {}

        def add(rater, rel):  # called only within this iteration, so binding `cand` late is right
            cand[rater] = min(cand.get(rater, 9), PRIORITY[rel])  # noqa: B023

        if quotas[SELF]:
            add(r, SELF)
        if in_pop[i] and quotas[SUPERIOR]:
            add(int(sup[i]), SUPERIOR)
        if in_pop[i]:
            ring = members(ring_sup, by_ring, sup[i])
            pos = ring.index(r)
            for k in range(1, quotas[PEER] + 1):
                if len(ring) > k:
                    add(ring[(pos + k) % len(ring)], PEER)
        for rater in members(sub_sup, by_sub, r)[:quotas[SUBORDINATE]]:
            add(rater, SUBORDINATE)
        if parent[i]:
            sibs = siblings[int(parent[i])]
            m = len(sibs)
            if m > 1:
                rank, p_ = sibs.index(int(unit[i])), members(unit_sorted, by_unit, unit[i]).index(r)
                d = m - 1
                for k in range(1, quotas[CROSS] + 1):
                    staff = members(unit_sorted, by_unit, sibs[(rank + 1 + (k - 1) % d) % m])
                    x = staff[(p_ + (k - 1) // d) % len(staff)]
                    x_sup = int(sup[row_of[x]])
                    if x != sup[i] and x_sup != r and not (x_sup and x_sup == sup[i]):  # rules.relationship_of
                        add(x, CROSS)
        expected[r] = cand

    con = duckdb.connect()
    con.register("chosen", __import__("pyarrow").table({"r": chosen}))
    got_rows = con.execute(f"SELECT ratee_id, rater_id, relationship FROM read_parquet('{workdir / 'ibis.parquet'}') "
                           "WHERE ratee_id IN (SELECT r FROM chosen)").fetchall()
    got: dict[int, dict[int, int]] = {r: {} for r in expected}
    for ratee, rater, rel in got_rows:
        got[ratee][rater] = PRIORITY[rel]
    problems, missing = [], []
    candidates = sum(len(c) for c in expected.values())
    for r, cand in expected.items():
        for rater, prio in got[r].items():
            if cand.get(rater) != prio:
                problems.append(f"ratee {r}: rater {rater} proposed as {RELS[prio]}, expected "
                                f"{RELS[cand[rater]] if rater in cand else 'nothing'}")
        for rater, prio in cand.items():
            if rater not in got[r]:
                if prio < PRIORITY[SUBORDINATE]:
                    problems.append(f"ratee {r}: {RELS[prio]} {rater} missing")
                else:
                    missing.append((r, rater, prio))
    # a missing candidate is allowed only when its rater is full and every kept form comes first
    if missing:
        con.register("full_raters", __import__("pyarrow").table({"x": [m[1] for m in missing]}))
        kept = con.execute(
            f"SELECT rater_id, count(*), max([list_position({list(RELS)}, relationship) - 1, "
            f"{hash_sql('ratee_id', CYCLE_SEED + 104729)}, ratee_id]) "
            f"FROM read_parquet('{workdir / 'ibis.parquet'}') WHERE relationship IN ('PEER', 'CROSS', 'SUBORDINATE') "
            "AND rater_id IN (SELECT x FROM full_raters) GROUP BY rater_id").fetchall()
        load = {x: (c, tuple(last)) for x, c, last in kept}
        for r, rater, prio in missing:
            c, last = load.get(rater, (0, (-1,)))
            key = (prio, int(hash_np(np.int64(r), CYCLE_SEED + 104729)), r)
            if c != max_forms or not last < key:
                problems.append(f"ratee {r}: {RELS[prio]} {rater} missing, but that rater has {c} forms")
    return len(expected), candidates, len(missing), problems


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=5_000_000)
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--agencies", type=int, default=600)
    parser.add_argument("--quick", action="store_true", help="200,000 employees in 5,000 units of 50 agencies")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the generated population")
    parser.add_argument("--repeat", type=int, default=1, help="run each measured step N times, keep the fastest")
    parser.add_argument("--memory-limit", default="8GB", help="DuckDB memory_limit of every step (default 8GB)")
    parser.add_argument("--sample", type=int, default=2000, help="ratees checked by brute force (default 2000)")
    parser.add_argument("--out", type=Path, help="directory for the Parquet files (default: a temporary one under /tmp)")
    parser.add_argument("--keep", action="store_true", help="keep the Parquet files")
    parser.add_argument("--reuse", action="store_true", help="measure the people.parquet already in --out")
    parser.add_argument("--child", choices=("ibis", "duckdb"), help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--spill", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    if args.quick:
        args.employees, args.units, args.agencies = 200_000, 5_000, 50

    given = args.out
    workdir = args.out or Path(tempfile.mkdtemp(prefix="bench-360-proposals-", dir="/tmp"))
    args.out = workdir
    args.spill = Path(tempfile.mkdtemp(prefix="bench-360-spill-", dir="/tmp"))
    reuse = args.reuse and (workdir / "people.parquet").exists()
    ok = False
    try:
        t0 = time.perf_counter()
        stats = None if reuse else generate(workdir, employees=args.employees, units=args.units,
                                            agencies=args.agencies, seed=args.seed)
        gen_s = time.perf_counter() - t0

        runs = {"duckdb": [], "ibis": []}
        for _ in range(args.repeat):  # interleaved, so that a busy moment of the machine hits both
            for kind in ("duckdb", "ibis"):
                runs[kind].append(run_child(kind, args, workdir / f"{kind}.json"))
        best = {kind: min(r, key=lambda x: x[1]["work_s"]) for kind, r in runs.items()}
        (ours_wall, ours), (hand_wall, hand) = best["ibis"], best["duckdb"]
        ours_rss = max(r[1]["rss_mib"] for r in runs["ibis"])
        hand_rss = max(r[1]["rss_mib"] for r in runs["duckdb"])

        t0 = time.perf_counter()
        failed, facts = check_outputs(workdir, args.memory_limit, args.spill, DEFAULT_MAX_FORMS)
        checked, candidates, capped, problems = check_sample(workdir, args.sample, args.seed, dict(DEFAULT_QUOTAS),
                                                             DEFAULT_MAX_FORMS)
        check_s = time.perf_counter() - t0
        if problems:
            failed.append(("sample ratees whose proposals differ from the brute force", len(problems)))

        ratio = ours["work_s"] / hand["work_s"]
        print()
        print(f"360° proposals benchmark — {facts['people']:,} employees; DuckDB over Parquet in {workdir}, "
              f"memory_limit {args.memory_limit}; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; "
              f"best of {args.repeat}")
        if stats:
            print(f"  generated in {gen_s:.1f} s (not timed in target): {stats['mb']:.0f} MB of Parquet; "
                  f"{stats['units']:,} units in {stats['agencies']} agencies, per level {stats['levels']}; "
                  f"people per unit median {stats['unit_median']:.0f}, max {stats['unit_max']:,}; "
                  f"{stats['leaders']:,} sub-team leaders; largest span {stats['span_max']:,}; "
                  f"{stats['no_superior']:,} agency heads without superior, {stats['left']:,} superiors outside "
                  "the population")
        print(f"  quotas {dict(DEFAULT_QUOTAS)}, max_forms {DEFAULT_MAX_FORMS}, cycle seed {CYCLE_SEED}")
        print()
        print(f"  {'step':<58} {'time':>9}  {'rows':>12}  {'peak RSS':>10}")
        for name, secs, rows, rss in [
            ("proposals (Ibis on DuckDB → Parquet), work", ours["work_s"], ours["rows"], ours_rss),
            ("  same, whole process (interpreter, imports)", ours_wall, None, None),
            ("hand-written DuckDB query → Parquet, work", hand["work_s"], hand["rows"], hand_rss),
            ("  same, whole process", hand_wall, None, None),
        ]:
            print(f"  {name:<58} {secs:7.2f} s  {'' if rows is None else f'{rows:,}':>12}  "
                  f"{'' if rss is None else f'{rss:,.0f} MiB':>10}")
        print(f"  {'ratio proposals / hand-written query':<58} {ratio:7.2f} ×")
        if args.repeat > 1:
            print("  all runs: proposals " + ", ".join(f"{r[1]['work_s']:.2f}" for r in runs["ibis"])
                  + " s; hand-written " + ", ".join(f"{r[1]['work_s']:.2f}" for r in runs["duckdb"]) + " s")
        print("  rows by relationship (rows, ratees): " + "; ".join(
            f"{rel} {rows:,} ({ratees:,})" for rel, rows, ratees in facts["by_relationship"]))
        full, most, mean = facts["loads"]
        lo, avg, hi = facts["per_ratee"]
        print(f"  raters of PEER/CROSS/SUBORDINATE forms: {full:,} full ({DEFAULT_MAX_FORMS} forms), mean "
              f"{mean:.2f}, max {most}; proposed raters per ratee besides self: min {lo}, mean {avg:.2f}, max {hi}")
        print(f"  checks ({check_s:.1f} s): outputs equal as sets — Ibis only {facts['only_ours']:,}, hand-written only "
              f"{facts['only_hand']:,}; {checked:,} sample ratees by brute force: {candidates:,} candidates, "
              f"{capped:,} left out by the cap (each rater full)")
        for side, *row in facts.get("examples", []):
            print(f"    {side}: {tuple(row)}")
        for name, count in failed:
            print(f"  FAILED: {name}: {count:,}")
        for line in problems[:10]:
            print(f"    {line}")
        if not failed:
            print("  every check passed")
        met = ours_wall < TARGET_SECONDS
        print(f"  target: proposals for {facts['people']:,} employees < {TARGET_SECONDS:.0f} s: "
              f"{'met' if met else 'NOT met'} ({ours_wall:.1f} s, whole process)")
        ok = not failed
    finally:
        for name in ("ibis.parquet", "duckdb.parquet", "ibis.json", "duckdb.json"):
            (workdir / name).unlink(missing_ok=True)
        shutil.rmtree(args.spill, ignore_errors=True)
        if args.keep or reuse:
            print(f"kept: {workdir}")
        elif given:
            (workdir / "people.parquet").unlink(missing_ok=True)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
