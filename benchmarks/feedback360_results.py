#!/usr/bin/env python
"""Benchmark: 360° results of a national cycle on DuckDB over Parquet, beside a hand-written DuckDB query.

Issue #5 target: the results (``berakhlak.analytics.feedback360.results``: anonymity groups, per group
means and spreads, the weighted score, the answer distribution) of 5,000,000 employees × about 8 raters
× 21 items (about 840 million ratings) with bounded memory: peak RSS under 8 GB. Steps:

1. data, not timed in the target: a deterministic, vectorised numpy generator writes ``sheets.parquet``
   (``ratee_id, relationship, BP1 … KL3``: one row per submitted sheet, the 21 behaviours as int8 1–5,
   3 % "cannot judge" nulls) in chunks of ``CHUNK_RATEES`` ratees (one Parquet row group each, memory
   bounded). Per ratee: SELF (97 %), SUPERIOR (96 %), 0–5 PEER (mean 2.9), 0–3 CROSS (mean 1.6), 0–6
   SUBORDINATE (half none, mean 1.5) — about 8 sheets, so that small anonymous relationships are merged
   into OTHERS and some OTHERS groups are hidden. Answers: value level + ratee effect + relationship
   bias (self-ratings higher, the superior's lower) + rater leniency + item noise, rounded and clipped.
   Each chunk takes a random set of ratees and its rows are shuffled (submission order);
2. measured, each in its own process (peak RSS: that process's ``VmHWM``), with the same DuckDB settings
   (``memory_limit``, a spill directory under /tmp, ``preserve_insertion_order = false``), the result
   written to Parquet by ``COPY`` (never materialised in Python):
   a. the project's Ibis expression ``results(sheets, weights=DEFAULT_WEIGHTS,
      min_raters=DEFAULT_MIN_RATERS)`` on ``ibis.duckdb.connect()`` over ``read_parquet``, ``con.to_parquet``;
   b. the fastest plain tool: a hand-written DuckDB query of the same computation, written independently:
      one scan counting, per (ratee, relationship) and behaviour, the answers at each level 1–5, the five
      counts packed in one integer (sums, sums of squares and the distribution all follow from them); the
      OTHERS merge and the visibility from those rows; ``UNPIVOT`` to one row per group and code; the
      weighted score and OVERALL.

   A national run does not fit one query in memory: DuckDB spills its intermediate results to disk (at
   1,000,000 employees about 20 GB, and 18 minutes for the expression), so by default each step runs one
   query per part of about 250,000 ratees (``ratee_id % N = k``, ``--partitions``), each written to its own
   Parquet file; a ratee's results depend on their own sheets only.

Checks (the script exits 1 on any failure): for ``--sample`` random ratees (default 2,000), both outputs
equal a plain Python computation from their sheets with ``rules.group_raters``, ``rules.weighted_score``
and ``rules.spread`` (same rows; counts exact; means and spreads within 1e-9); and over the whole outputs
the row count, and per group and code the rows, raters, answers, answer counts d1–d5 and the sums of
means and spreads (relative 1e-9), agree.

    .venv/bin/python benchmarks/feedback360_results.py --employees 5000000
    .venv/bin/python benchmarks/feedback360_results.py --quick              # 200,000 employees
"""

from __future__ import annotations

import argparse
import json
import math
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

from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES  # noqa: E402  (pure, no Django)
from berakhlak.feedback360 import rules  # noqa: E402
from berakhlak.feedback360.rules import (  # noqa: E402
    ALL,
    CROSS,
    DEFAULT_MIN_RATERS,
    DEFAULT_WEIGHTS,
    OTHERS,
    PEER,
    RELATIONSHIPS,
    SELF,
    SUBORDINATE,
    SUPERIOR,
)

OVERALL = "OVERALL"
CODES = (*BEHAVIOUR_CODES, *VALUE_CODES, OVERALL)
COLUMNS = ("ratee_id", "grp", "code", "raters", "n", "mean", "sd", "d1", "d2", "d3", "d4", "d5")
CHUNK_RATEES = 1 << 18  # ratees per generated chunk (one Parquet row group, about 2 million sheets)
NULL_SHARE = 0.03
#: sheets per ratee and relationship: (counts, probabilities)
MIX = {
    SELF: ((0, 1), (0.03, 0.97)),
    SUPERIOR: ((0, 1), (0.04, 0.96)),
    PEER: ((0, 1, 2, 3, 4, 5), (0.04, 0.08, 0.18, 0.42, 0.18, 0.10)),
    CROSS: ((0, 1, 2, 3), (0.12, 0.28, 0.45, 0.15)),
    SUBORDINATE: ((0, 1, 2, 3, 4, 5, 6), (0.50, 0.10, 0.10, 0.10, 0.10, 0.06, 0.04)),
}
BIAS = {SELF: 0.35, SUPERIOR: -0.15, PEER: 0.0, CROSS: 0.05, SUBORDINATE: 0.1}
VALUE_MEANS = {"BP": 3.95, "AK": 4.2, "KO": 3.9, "HA": 4.05, "LO": 4.0, "AD": 3.6, "KL": 4.1}
TOLERANCE = 1e-9
PACK = 12  # bits per answer level in the hand-written query's packed counts
PARTITION_RATEES = 250_000  # ratees per query when --partitions is 0 (auto)
TARGET_RSS_MIB = 8 * 1024.0


# ---------------------------------------------------------------------------
# The sheets (Parquet)
# ---------------------------------------------------------------------------

def generate(out: Path, *, employees: int, seed: int) -> dict:
    """Write ``sheets.parquet`` under ``out`` chunk by chunk; return a few facts about it."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    order = rng.permutation(employees).astype(np.int64) + 1  # chunk c rates order[c*K:(c+1)*K]
    rels = pa.array(RELATIONSHIPS, pa.string())
    bias = np.array([BIAS[r] for r in RELATIONSHIPS], dtype=np.float32)
    level = np.array([VALUE_MEANS[c[:2]] for c in BEHAVIOUR_CODES], dtype=np.float32)
    schema = pa.schema([("ratee_id", pa.int64()), ("relationship", pa.string()),
                        *((c, pa.int8()) for c in BEHAVIOUR_CODES)])
    rows = 0
    per_rel = np.zeros(len(RELATIONSHIPS), dtype=np.int64)
    with pq.ParquetWriter(out / "sheets.parquet", schema) as writer:
        for first in range(0, employees, CHUNK_RATEES):
            ratees = order[first:first + CHUNK_RATEES]
            k = len(ratees)
            counts = np.stack([rng.choice(np.array(MIX[r][0]), k, p=MIX[r][1]) for r in RELATIONSHIPS], axis=1)
            per_rel += counts.sum(axis=0)
            total = counts.sum(axis=1)
            ratee = np.repeat(ratees, total)
            rel = np.repeat(np.tile(np.arange(len(RELATIONSHIPS), dtype=np.int8), k), counts.ravel())
            n = len(ratee)
            ratee_fx = np.repeat(rng.normal(0.0, 0.35, k).astype(np.float32), total)
            base = ratee_fx + bias[rel] + rng.normal(0.0, 0.4, n).astype(np.float32)  # + rater leniency
            shuffle = rng.permutation(n)
            columns = {"ratee_id": pa.array(ratee[shuffle]),
                       "relationship": rels.take(pa.array(rel[shuffle]))}
            for j, code in enumerate(BEHAVIOUR_CODES):
                value = level[j] + base + rng.standard_normal(n, dtype=np.float32) * 0.6
                answer = np.clip(np.rint(value), 1, 5).astype(np.int8)[shuffle]
                columns[code] = pa.array(answer, mask=rng.random(n, dtype=np.float32) < NULL_SHARE)
            writer.write_table(pa.table(columns, schema=schema), row_group_size=n)
            rows += n
    return {"employees": employees, "sheets": rows, "ratings": rows * len(BEHAVIOUR_CODES),
            "per_relationship": dict(zip(RELATIONSHIPS, per_rel.tolist())),
            "mb": (out / "sheets.parquet").stat().st_size / 1e6}


# ---------------------------------------------------------------------------
# The hand-written query
# ---------------------------------------------------------------------------

def hand_sql(sheets: Path, *, weights: dict, min_raters: int, where: str = "TRUE") -> str:
    """The results in plain DuckDB SQL. Everything follows from the number of answers at each level 1–5
    of a group and code (n = Σ d, sum = Σ v·d, sum of squares = Σ v²·d, and the distribution itself), so
    the one scan of the sheets keeps, per (ratee, relationship) and behaviour, those five counts packed in
    one integer (``PACK`` bits each: Σ 2^(PACK·(answer − 1))); the value counts, the OTHERS merge and the
    weighted score add packed integers. A count must stay under 2^PACK: the query fails rather than
    overflow (more than 1,364 raters in one group)."""
    levels = range(1, 6)
    codes = (*BEHAVIOUR_CODES, *VALUE_CODES)

    def q(name: str) -> str:
        return f'"{name}"'

    packed = ",\n    ".join(f"sum(1::BIGINT << ({PACK} * ({q(c)} - 1))) AS {q(c)}" for c in BEHAVIOUR_CODES)
    cols = ", ".join(q(c) for c in BEHAVIOUR_CODES)
    sums = ", ".join(f"sum({q(c)})" for c in BEHAVIOUR_CODES)
    values = ", ".join(" + ".join(f"coalesce({q(x + i)}, 0)" for i in "123") + f" AS {q(x)}" for x in VALUE_CODES)
    d = [f"((p >> {PACK * (v - 1)}) & {(1 << PACK) - 1})" for v in levels]
    n, t, sq = " + ".join(d), " + ".join(f"{v} * {x}" for v, x in zip(levels, d)), \
        " + ".join(f"{v * v} * {x}" for v, x in zip(levels, d))
    weight = "CASE relationship " + " ".join(f"WHEN '{r}' THEN {w}" for r, w in weights.items()) + " ELSE 0 END"
    named = ", ".join(f"'{r}'" for r in (SELF, SUPERIOR))
    dist = ", ".join(f"CASE WHEN length(code) = 3 THEN {x} END AS d{v}" for v, x in zip(levels, d))
    nulls = ", ".join(f"NULL::BIGINT AS d{v}" for v in levels)
    typed = ", ".join(f"d{v}::BIGINT AS d{v}" for v in levels)
    limit = ((1 << PACK) - 1) // 3
    guard = f"CASE WHEN raters <= {limit} THEN p ELSE error('more than {limit} raters in a group') END"
    return f"""
WITH per_rel AS (
  SELECT ratee_id, relationship, count(*) AS n,
    {packed}
  FROM read_parquet('{sheets}') WHERE {where} GROUP BY ratee_id, relationship),
tagged AS (
  SELECT *, CASE WHEN relationship IN ({named}) OR n >= {min_raters} THEN relationship ELSE '{OTHERS}' END AS grp,
         {weight} AS w
  FROM per_rel),
groups AS (
  SELECT ratee_id, grp, n AS raters, w AS gweight, {cols} FROM tagged WHERE grp <> '{OTHERS}'
  UNION ALL
  SELECT ratee_id, '{OTHERS}', sum(n), sum(w), {sums} FROM tagged WHERE grp = '{OTHERS}'
  GROUP BY ratee_id HAVING sum(n) >= {min_raters}),
stats AS (
  SELECT ratee_id, grp, code, raters, gweight, p, {n} AS n, {t} AS t, {sq} AS sq
  FROM (SELECT ratee_id, grp, code, raters, gweight, {guard} AS p
        FROM (UNPIVOT (SELECT ratee_id, grp, raters, gweight, {cols}, {values} FROM groups)
              ON {", ".join(q(c) for c in codes)} INTO NAME code VALUE p))
  WHERE p > 0),
everyone AS (
  SELECT ratee_id, code, raters, {n} AS n, {t} AS t, {sq} AS sq, ws / w AS mean, {dist}
  FROM (SELECT ratee_id, code, raters, ws, w, {guard} AS p
        FROM (SELECT ratee_id, code, sum(raters) AS raters, sum(p) AS p, sum(gweight * (t / n)) AS ws,
                     sum(gweight) AS w
              FROM stats WHERE grp <> '{SELF}' GROUP BY ratee_id, code HAVING sum(gweight) > 0)))
SELECT ratee_id, grp, code, raters::BIGINT AS raters, n::BIGINT AS n, t / n AS mean,
       sqrt(greatest(sq / n - (t / n) * (t / n), 0)) AS sd, {nulls}
FROM stats
UNION ALL
SELECT ratee_id, '{ALL}', code, raters::BIGINT, n::BIGINT, mean, sqrt(greatest(sq / n - (t / n) * (t / n), 0)), {typed}
FROM everyone
UNION ALL
SELECT ratee_id, grp, '{OVERALL}', max(raters)::BIGINT, sum(n)::BIGINT, avg(t / n), NULL::DOUBLE, {nulls}
FROM stats WHERE length(code) = 2 GROUP BY ratee_id, grp
UNION ALL
SELECT ratee_id, '{ALL}', '{OVERALL}', max(raters)::BIGINT, sum(n)::BIGINT, avg(mean), NULL::DOUBLE, {nulls}
FROM everyone WHERE length(code) = 2 GROUP BY ratee_id"""


# ---------------------------------------------------------------------------
# The measured work (each in a child process: its peak RSS is its own)
# ---------------------------------------------------------------------------

def peak_rss_mib() -> float:
    """Peak RSS of this process (``VmHWM``: ``wait4``'s ``ru_maxrss`` may count the parent's at fork)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def spill_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def child(args) -> None:
    """One measured step: the whole output written to ``<kind>/part-<k>.parquet``, one file per
    partition of the ratees (``ratee_id % partitions``; 1 partition: one query over everything)."""
    import threading

    t_start = time.perf_counter()
    sheets, out = args.out / "sheets.parquet", args.out / args.child
    out.mkdir(exist_ok=True)
    config = {"memory_limit": args.memory_limit, "temp_directory": str(args.spill), "preserve_insertion_order": False}
    weights, parts = dict(DEFAULT_WEIGHTS), args.partitions
    if args.child == "ibis":
        import ibis

        from berakhlak.analytics.feedback360 import results

        t0 = time.perf_counter()
        con = ibis.duckdb.connect(**config)
        con.raw_sql("SET enable_progress_bar = false")
        table = con.read_parquet(sheets)

        def run(k: int, path: Path) -> None:
            part = table if parts == 1 else table.filter(table.ratee_id % parts == k)
            con.to_parquet(results(part, weights=weights, min_raters=DEFAULT_MIN_RATERS), path)
    else:
        import duckdb

        t0 = time.perf_counter()
        con = duckdb.connect(config=config)
        con.execute("SET enable_progress_bar = false")

        def run(k: int, path: Path) -> None:
            where = "TRUE" if parts == 1 else f"ratee_id % {parts} = {k}"
            sql = hand_sql(sheets, weights=weights, min_raters=DEFAULT_MIN_RATERS, where=where)
            con.execute(f"COPY ({sql}) TO '{path}' (FORMAT parquet)")

    spill = {"max": 0.0}
    done = threading.Event()

    def watch() -> None:  # the spill directory's largest size, every second
        while not done.wait(1.0):
            spill["max"] = max(spill["max"], spill_mib(args.spill))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    part_s = []
    for k in range(parts):
        t = time.perf_counter()
        run(k, out / f"part-{k}.parquet")
        part_s.append(time.perf_counter() - t)
    t_end = time.perf_counter()
    done.set()
    import pyarrow.parquet as pq

    files = sorted(out.glob("part-*.parquet"))
    rows = sum(pq.ParquetFile(f).metadata.num_rows for f in files)
    args.result.write_text(json.dumps({
        "import_s": t0 - t_start, "work_s": t_end - t0, "part_s": part_s, "rows": rows,
        "mb": sum(f.stat().st_size for f in files) / 1e6, "rss_mib": peak_rss_mib(), "spill_mib": spill["max"]}))


def run_child(kind: str, args, result: Path) -> tuple[float, dict]:
    """Run one measured step in its own process; (wall seconds, its report)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--out", str(args.out), "--result",
           str(result), "--memory-limit", args.memory_limit, "--spill", str(args.spill), "--partitions",
           str(args.partitions)]
    start = time.perf_counter()
    code = subprocess.call(cmd)
    elapsed = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} exited with {code}")
    return elapsed, json.loads(result.read_text())


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------

def reference(sheets: list[dict], min_raters: int, weights: dict) -> dict:
    """One ratee's results from their sheets, in plain Python with the pure rules: (grp, code) → (raters,
    n, mean, sd, d1 … d5)."""
    counts: dict[str, int] = {}
    for s in sheets:
        counts[s["relationship"]] = counts.get(s["relationship"], 0) + 1
    grouping = rules.group_raters(counts, weights, min_raters)
    items = {**{c: (c,) for c in BEHAVIOUR_CODES}, **{v: (f"{v}1", f"{v}2", f"{v}3") for v in VALUE_CODES}}
    answers: dict[tuple[str, str], list[int]] = {}
    for s in sheets:
        grp = grouping.group_of[s["relationship"]]
        if grp is None:
            continue
        for code, cols in items.items():
            answers.setdefault((grp, code), []).extend(s[c] for c in cols if s[c] is not None)
    out = {}
    nothing = (None,) * 5
    for grp in grouping.visible:
        value_means = []
        for code in items:
            a = answers.get((grp, code), [])
            if a:
                mean = sum(a) / len(a)
                out[(grp, code)] = (grouping.raters[grp], len(a), mean,
                                    rules.spread(len(a), float(sum(a)), float(sum(x * x for x in a))), *nothing)
                if code in VALUE_CODES:
                    value_means.append((mean, len(a)))
        if value_means:
            out[(grp, OVERALL)] = (grouping.raters[grp], sum(n for _, n in value_means),
                                   sum(m for m, _ in value_means) / len(value_means), None, *nothing)
    others = [g for g in grouping.visible if g != SELF]
    value_scores = []
    for code in items:
        means = {g: (sum(a) / len(a) if (a := answers.get((g, code))) else None) for g in others}
        score = rules.weighted_score(means, grouping.weights)
        if score is None:
            continue
        pooled = [x for g in others for x in answers.get((g, code), [])]
        raters = sum(grouping.raters[g] for g in others if means[g] is not None)
        dist = tuple(pooled.count(v) for v in range(1, 6)) if code in BEHAVIOUR_CODES else nothing
        out[(ALL, code)] = (raters, len(pooled), score,
                            rules.spread(len(pooled), float(sum(pooled)), float(sum(x * x for x in pooled))), *dist)
        if code in VALUE_CODES:
            value_scores.append((score, raters, len(pooled)))
    if value_scores:
        out[(ALL, OVERALL)] = (max(r for _, r, _ in value_scores), sum(n for _, _, n in value_scores),
                               sum(s for s, _, _ in value_scores) / len(value_scores), None, *nothing)
    return out


def compare(expected: dict, got: dict) -> list[str]:
    """Differences between two {(ratee, grp, code): row} maps (counts exact, floats within TOLERANCE)."""
    problems = []
    for key in sorted(set(expected) | set(got), key=str):
        if key not in got or key not in expected:
            problems.append(f"{key}: {'missing' if key not in got else 'unexpected'}")
            continue
        for name, a, b in zip(COLUMNS[3:], expected[key], got[key]):
            if a is None or b is None:
                bad = (a is None) != (b is None)
            elif name in ("mean", "sd"):
                bad = not abs(a - b) <= TOLERANCE
            else:
                bad = a != b
            if bad:
                problems.append(f"{key} {name}: expected {a}, got {b}")
    return problems


def check_sample(workdir: Path, sample: int, seed: int) -> tuple[int, int, dict, dict]:
    """Both outputs against the plain Python computation for ``sample`` random ratees; (ratees, rows
    compared, problems per output, facts about the groups)."""
    import duckdb
    import numpy as np
    import pyarrow as pa

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    n = con.execute(f"SELECT max(ratee_id) FROM read_parquet('{workdir / 'sheets.parquet'}')").fetchall()[0][0]
    chosen = np.random.default_rng(seed).choice(np.arange(1, n + 1, dtype=np.int64), min(sample, n), replace=False)
    con.register("chosen", pa.table({"r": chosen}))
    cur = con.execute(f"SELECT * FROM read_parquet('{workdir / 'sheets.parquet'}') WHERE ratee_id IN (SELECT r FROM chosen)")
    names = [d[0] for d in cur.description]
    by_ratee: dict[int, list[dict]] = {int(r): [] for r in chosen}
    for row in cur.fetchall():
        by_ratee[row[0]].append(dict(zip(names, row)))
    expected, facts = {}, {"hidden": 0, "others_shown": 0, "merged": 0, "no_result": 0}
    for r, sheets in by_ratee.items():
        ref = reference(sheets, DEFAULT_MIN_RATERS, dict(DEFAULT_WEIGHTS))
        expected.update({(r, *key): row for key, row in ref.items()})
        counts: dict[str, int] = {}
        for s in sheets:
            counts[s["relationship"]] = counts.get(s["relationship"], 0) + 1
        g = rules.group_raters(counts, DEFAULT_WEIGHTS, DEFAULT_MIN_RATERS)
        facts["hidden"] += g.hidden_raters > 0
        facts["merged"] += OTHERS in g.raters
        facts["others_shown"] += OTHERS in g.visible
        facts["no_result"] += (ALL, OVERALL) not in ref
    problems = {}
    for kind in ("ibis", "duckdb"):
        rows = con.execute(f"SELECT {', '.join(COLUMNS)} FROM read_parquet('{workdir / kind}/*.parquet') "
                           "WHERE ratee_id IN (SELECT r FROM chosen)").fetchall()
        got = {(r[0], r[1], r[2]): tuple(r[3:]) for r in rows}
        if len(got) != len(rows):
            problems[kind] = [f"{len(rows) - len(got)} rows twice"]
            continue
        problems[kind] = compare(expected, got)
    return len(by_ratee), len(expected), problems, facts


def check_totals(workdir: Path, memory_limit: str, spill: Path) -> tuple[list[str], list]:
    """The two whole outputs, per group and code: rows, raters, answers and d1–d5 exact, the sums of
    means and spreads within a relative TOLERANCE."""
    import duckdb

    con = duckdb.connect(config={"memory_limit": memory_limit, "temp_directory": str(spill),
                                 "preserve_insertion_order": False})
    con.execute("SET enable_progress_bar = false")
    sql = ("SELECT grp, code, count(*), sum(raters), sum(n), sum(d1), sum(d2), sum(d3), sum(d4), sum(d5), "
           "sum(mean), sum(sd) FROM read_parquet('{}/*.parquet') GROUP BY grp, code")
    totals = {kind: {(r[0], r[1]): r[2:] for r in con.execute(sql.format(workdir / kind)).fetchall()}
              for kind in ("ibis", "duckdb")}
    problems = []
    for key in sorted(set(totals["ibis"]) | set(totals["duckdb"])):
        a, b = totals["ibis"].get(key), totals["duckdb"].get(key)
        if a is None or b is None:
            problems.append(f"{key}: only in {'the hand-written query' if a is None else 'Ibis'}")
            continue
        if a[:8] != b[:8]:
            problems.append(f"{key}: counts {a[:8]} (Ibis) vs {b[:8]} (hand-written)")
        for name, x, y in zip(("mean", "sd"), a[8:], b[8:]):
            if (x is None) != (y is None) or (x is not None and not math.isclose(x, y, rel_tol=TOLERANCE)):
                problems.append(f"{key}: sum of {name} {x} (Ibis) vs {y} (hand-written)")
    by_grp: dict[str, int] = {}
    for (grp, code), row in totals["ibis"].items():
        if code == OVERALL:
            by_grp[grp] = row[0]
    return problems, sorted(by_grp.items(), key=lambda kv: (*rules.GROUPS, ALL).index(kv[0]))


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=5_000_000)
    parser.add_argument("--quick", action="store_true", help="200,000 employees")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--memory-limit", default="6GB",
                        help="DuckDB memory_limit of each step (default 6GB: DuckDB's own buffers; the process "
                             "needs some more, and the target is 8 GB peak RSS)")
    parser.add_argument("--partitions", type=int, default=0,
                        help="run each step as N queries, one per part of the ratees (ratee_id %% N = k); 1: one "
                             f"query over everything; default 0: one per {PARTITION_RATEES:,} employees")
    parser.add_argument("--only", choices=("ibis", "duckdb"), help="measure one step only (no agreement check)")
    parser.add_argument("--sample", type=int, default=2000, help="ratees checked against plain Python (default 2000)")
    parser.add_argument("--out", type=Path, help="directory for the Parquet files (default: a temporary one under /tmp)")
    parser.add_argument("--keep", action="store_true", help="keep the generated sheets")
    parser.add_argument("--reuse", action="store_true", help="measure the sheets.parquet already in --out")
    parser.add_argument("--child", choices=("ibis", "duckdb"), help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--spill", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    if args.quick:
        args.employees = 200_000
    if args.partitions < 1:
        args.partitions = max(1, math.ceil(args.employees / PARTITION_RATEES))

    given = args.out
    workdir = args.out or Path(tempfile.mkdtemp(prefix="bench-360-results-", dir="/tmp"))
    args.out = workdir
    args.spill = Path(tempfile.mkdtemp(prefix="bench-360-spill-", dir="/tmp"))
    reuse = args.reuse and (workdir / "sheets.parquet").exists()
    ok = False
    try:
        t0 = time.perf_counter()
        stats = None if reuse else generate(workdir, employees=args.employees, seed=args.seed)
        gen_s = time.perf_counter() - t0

        kinds = (args.only,) if args.only else ("duckdb", "ibis")
        runs = {kind: run_child(kind, args, workdir / f"{kind}.json") for kind in kinds}
        t0 = time.perf_counter()
        if args.only:
            failed, by_grp, checked = [], [], None
        else:
            failed, by_grp = check_totals(workdir, args.memory_limit, args.spill)
            checked = check_sample(workdir, args.sample, args.seed)
        check_s = time.perf_counter() - t0

        import pyarrow.parquet as pq

        meta = pq.ParquetFile(workdir / "sheets.parquet").metadata
        print()
        print(f"360° results benchmark — {meta.num_rows:,} sheets × {len(BEHAVIOUR_CODES)} items "
              f"({meta.num_rows * len(BEHAVIOUR_CODES):,} ratings); DuckDB over Parquet in {workdir}, memory_limit "
              f"{args.memory_limit}, {args.partitions} partition(s); {os.cpu_count()} CPUs, load "
              f"{os.getloadavg()[0]:.1f}")
        if stats:
            print(f"  generated in {gen_s:.1f} s (not timed in target): {stats['mb']:,.0f} MB of Parquet, "
                  f"{stats['employees']:,} ratees, sheets per relationship {stats['per_relationship']}")
        print(f"  weights {dict(DEFAULT_WEIGHTS)}, min_raters {DEFAULT_MIN_RATERS}")
        print()
        print(f"  {'step':<52} {'time':>9}  {'rows':>13}  {'peak RSS':>10}  {'spilled':>10}")
        names = {"ibis": "results (Ibis on DuckDB → Parquet)", "duckdb": "hand-written DuckDB query → Parquet"}
        for kind, (wall, r) in runs.items():
            print(f"  {names[kind] + ', work':<52} {r['work_s']:7.1f} s  {r['rows']:>13,}  "
                  f"{r['rss_mib']:>6,.0f} MiB  {r['spill_mib']:>6,.0f} MiB")
            print(f"  {'  same, whole process':<52} {wall:7.1f} s  {r['mb']:>9,.0f} MB")
            if args.partitions > 1:
                print(f"    partitions: {', '.join(f'{s:.1f}' for s in r['part_s'])} s")
        if len(runs) == 2:
            ratio = runs["ibis"][1]["work_s"] / runs["duckdb"][1]["work_s"]
            rss = runs["ibis"][1]["rss_mib"] / runs["duckdb"][1]["rss_mib"]
            print(f"  {'ratio results / hand-written query':<52} {ratio:7.2f} ×  {'':>13}  {rss:>8.2f} ×")
        if checked:
            ratees, rows, problems, facts = checked
            print("  groups shown (ratees with an OVERALL row): " + ", ".join(f"{g} {n:,}" for g, n in by_grp))
            print(f"  sample of {ratees:,} ratees: {facts['merged']:,} with an OTHERS merge ({facts['others_shown']:,} "
                  f"shown), {facts['hidden']:,} with hidden answers, {facts['no_result']:,} without a weighted score")
            for kind, found in problems.items():
                print(f"  agreement with plain Python ({rows:,} rows, tolerance {TOLERANCE:g}), {names[kind]}: "
                      f"{'OK' if not found else f'{len(found):,} differences'}")
                for line in found[:8]:
                    print(f"    {line}")
                if found:
                    failed.append(f"{kind}: {len(found)} differences from plain Python")
            print(f"  whole outputs per group and code: {'equal' if not failed else 'DIFFERENT'} ({check_s:.0f} s of checks)")
            for line in failed[:10]:
                print(f"    {line}")
        for kind, (_wall, r) in runs.items():
            print(f"  target: {names[kind]} peak RSS < 8 GB: "
                  f"{'met' if r['rss_mib'] < TARGET_RSS_MIB else 'NOT met'} ({r['rss_mib']:,.0f} MiB)")
        ok = not failed
    finally:
        for kind in ("ibis", "duckdb"):
            shutil.rmtree(workdir / kind, ignore_errors=True)
            (workdir / f"{kind}.json").unlink(missing_ok=True)
        shutil.rmtree(args.spill, ignore_errors=True)
        if args.keep or reuse:
            print(f"kept: {workdir}")
        elif given:
            (workdir / "sheets.parquet").unlink(missing_ok=True)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
