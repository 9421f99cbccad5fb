#!/usr/bin/env python
"""Benchmark: every culture index of a national wave on DuckDB over Parquet, beside a hand-written DuckDB query.

DESIGN.md scale target: 4.5 million respondents × 21 items, every unit and agency, in < 60 s with peak
RSS < 4 GB; issue #3 (item 9a) adds: at most 2x the time of a hand-written DuckDB query over the same
files (the fastest plain tool). Steps: generate the wave as Parquet (deterministic, vectorised numpy;
not part of the target), then, each in its own process measured with ``wait4``:

1. every index with the project's own pipeline: ``unit_sums`` for every unit of every agency (one Ibis
   expression on ``ibis.duckdb.connect()`` over ``read_parquet``, fetched with ``to_pyarrow`` into
   pandas; ``--fetch execute`` uses ``con.execute`` instead), then
   ``reliability_moments`` if ``berakhlak.analytics.reliability`` has it, then ``unit_report``
   (suppression + bands) per agency, then ``national_index`` over the agency roots;
2. the fastest plain tool: one hand-written DuckDB SQL query giving, per unit with its subtree (via the
   closure), the respondent count and the 7 value means.

The two must agree: the value means of every unit computed both ways are compared (|diff| <= 1e-9),
and a few are printed. ``--alpha`` also times Cronbach's α of every unit and value from the moments
(``reliability_from_moments``), reported apart: it is not in the step issue #3 names.

    .venv/bin/python benchmarks/index_national.py --repeat 3            # full size (about 1 min)
    .venv/bin/python benchmarks/index_national.py --respondents 100000 --units 5000 --agencies 50
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES  # noqa: E402  (pure, no Django)

SCALE = (1, 5)
MIN_GROUP = 5
MAX_DEPTH = 6
NULL_SHARE = 0.02
CHUNK = 1 << 19  # respondents generated and written per Parquet row group (fixed: same output for same args)
# Mean answer per value (1-5): AD lowest, AK highest, as in national reports.
VALUE_MEANS = {"BP": 3.75, "AK": 4.05, "KO": 3.7, "HA": 3.85, "LO": 3.9, "AD": 3.35, "KL": 3.95}
TARGET_SECONDS, TARGET_RSS_MIB, TARGET_RATIO = 60.0, 4096.0, 2.0


# ---------------------------------------------------------------------------
# The national wave (Parquet)
# ---------------------------------------------------------------------------

def _unit_tree(rng, units: int, agencies: int):
    """Agencies of 3-6 levels over ``units`` units: (agency index, parent id, local number) per unit,
    ids 1..units in (agency, level) order. Vectorised: one pass per level, never per unit."""
    import numpy as np

    if agencies < 1 or units < MAX_DEPTH * agencies:
        raise SystemExit(f"need at least {MAX_DEPTH} units per agency ({MAX_DEPTH * agencies} for {agencies})")
    # units per agency: a few large ministries, many small local governments (log-normal), >= 6 each
    weights = rng.lognormal(0.0, 1.0, agencies)
    size = MAX_DEPTH + rng.multinomial(units - MAX_DEPTH * agencies, weights / weights.sum())
    depth = np.clip(2 + np.ceil(np.log(size) / np.log(8)).astype(int) + rng.integers(-1, 2, agencies), 3, MAX_DEPTH)
    # units per level: 1 root, then at least 1 per level, the rest growing about 4x per level
    levels = np.arange(MAX_DEPTH)
    used = (levels[None, :] >= 1) & (levels[None, :] < depth[:, None])
    grow = np.where(used, 4.0 ** levels[None, :], 0.0)
    extra = size - depth
    count = np.where(used, 1 + np.floor(extra[:, None] * grow / grow.sum(axis=1, keepdims=True)), 0).astype(np.int64)
    count[:, 0] = 1
    count[np.arange(agencies), depth - 1] += size - count.sum(axis=1)  # rounding rest to the deepest level
    flat = count.ravel()
    start = np.concatenate(([0], np.cumsum(flat)[:-1])).reshape(count.shape)  # first row of (agency, level)
    agency = np.repeat(np.arange(agencies), size)
    level = np.repeat(np.tile(levels, agencies), flat)
    # parent: a random unit of the same agency one level up
    row = np.arange(units)
    up_start = start[agency, np.maximum(level - 1, 0)]
    up_count = count[agency, np.maximum(level - 1, 0)]
    parent_row = up_start + (rng.random(units) * up_count).astype(np.int64)
    parent = np.where(level == 0, 0, parent_row + 1)  # ids are row + 1; 0 = no parent
    local = row - start[agency, 0] + 1
    return agency, parent, local, depth


def generate(out: Path, *, respondents: int, units: int, agencies: int, seed: int = 2026) -> dict:
    """Write ``units.parquet``, ``closure.parquet`` and ``responses.parquet`` under ``out``."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    agency, parent, local, depth = _unit_tree(rng, units, agencies)
    ids = np.arange(1, units + 1, dtype=np.int64)

    agency_code = pc.binary_join_element_wise(
        "I", pc.utf8_lpad(pc.cast(pa.array(agency + 1), pa.string()), 4, "0"), "")
    pq.write_table(pa.table({
        "id": ids,
        "parent_id": pa.array(parent, mask=parent == 0),
        "code": pc.binary_join_element_wise(
            agency_code, pc.utf8_lpad(pc.cast(pa.array(local), pa.string()), 5, "0"), "."),
        "agency": agency_code,
    }), out / "units.parquet")

    # closure: each unit with itself and every ancestor (one pass per level)
    anc_parts, desc_parts = [], []
    anc, desc = ids, ids
    while len(desc):
        anc_parts.append(anc)
        desc_parts.append(desc)
        up = parent[anc - 1]
        keep = up != 0
        anc, desc = up[keep], desc[keep]
    closure = pa.table({"ancestor_id": np.concatenate(anc_parts), "descendant_id": np.concatenate(desc_parts)})
    pq.write_table(closure, out / "closure.parquet")

    # respondents: uneven per unit (log-normal: some units below min_group, some empty), shuffled
    weights = rng.lognormal(0.0, 1.0, units)
    per_unit = rng.multinomial(respondents, weights / weights.sum())
    unit_of = rng.permutation(np.repeat(ids, per_unit))
    # answer = round(value mean + agency effect + unit effect + respondent attitude + item noise), clipped
    means = np.array([VALUE_MEANS[v] for v in VALUE_CODES], dtype=np.float32)
    agency_fx = rng.normal(0.0, 0.25, (agencies, len(VALUE_CODES))).astype(np.float32)
    unit_fx = (means[None, :] + agency_fx[agency] + rng.normal(0.0, 0.3, (units, len(VALUE_CODES)))).astype(np.float32)
    schema = pa.schema([("unit_id", pa.int64()), *((c, pa.int8()) for c in BEHAVIOUR_CODES)])
    with pq.ParquetWriter(out / "responses.parquet", schema) as writer:
        for first in range(0, respondents, CHUNK):
            unit = unit_of[first:first + CHUNK]
            n = len(unit)
            base = unit_fx[unit - 1] + rng.normal(0.0, 0.5, n).astype(np.float32)[:, None]
            columns = {"unit_id": pa.array(unit)}
            for code in BEHAVIOUR_CODES:
                value = base[:, VALUE_CODES.index(code[:2])] + rng.standard_normal(n, dtype=np.float32) * 0.7
                answer = np.clip(np.rint(value), SCALE[0], SCALE[1]).astype(np.int8)
                columns[code] = pa.array(answer, mask=rng.random(n, dtype=np.float32) < NULL_SHARE)
            writer.write_table(pa.table(columns, schema=schema), row_group_size=CHUNK)
    return {"units": units, "agencies": agencies, "respondents": respondents, "closure_rows": closure.num_rows,
            "depths": {int(d): int((depth == d).sum()) for d in range(3, MAX_DEPTH + 1)},
            "largest_agency": int(np.bincount(agency).max()), "empty_units": int((per_unit == 0).sum()),
            "small_units": int(((per_unit > 0) & (per_unit < MIN_GROUP)).sum()),
            "mb": sum(p.stat().st_size for p in out.glob("*.parquet")) / 1e6}


# ---------------------------------------------------------------------------
# The measured work (each runs in a child process: its peak RSS is its own)
# ---------------------------------------------------------------------------

def child_pipeline(data: Path, result: Path, fetch: str) -> None:
    """Every index with the project's pipeline: sums of every unit, reports of every agency, national.

    ``fetch``: ``arrow`` runs the expressions with ``con.to_pyarrow`` (Ibis casts DuckDB's HUGEINT sums
    to int64 in Arrow); ``execute`` with ``con.execute``, which turns them into ``Decimal`` objects
    first (11 s and 0.9 GiB more at full size, see docs/benchmarks.md)."""
    t_start = time.perf_counter()
    import resource

    import ibis

    from berakhlak.analytics import reliability
    from berakhlak.analytics.culture_index import indices_from_sums, national_index, unit_report, unit_sums

    def run(expr):
        return con.execute(expr) if fetch == "execute" else con.to_pyarrow(expr).to_pandas()

    moments_fn = getattr(reliability, "reliability_moments", None)
    t0 = time.perf_counter()
    con = ibis.duckdb.connect()
    responses = con.read_parquet(data / "responses.parquet")
    closure = con.read_parquet(data / "closure.parquet")
    units = con.read_parquet(data / "units.parquet")
    peak = {"imports": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}  # MiB, so far
    sums = run(unit_sums(responses, closure))
    t_sums = time.perf_counter()
    peak["sums"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    moments_rows = None
    if moments_fn is not None:
        moments_rows = len(run(moments_fn(responses, closure)))
    t_moments = time.perf_counter()
    peak["moments"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # the unit tree of every agency (unit id -> parent id, unit id -> code) and the sums rows per agency
    tree = con.to_pyarrow(units.select("id", "parent_id", "code", "agency"))
    parents: dict[str, dict] = {}
    codes: dict[str, dict] = {}
    agency_of = {}
    for unit, up, code, agency in zip(*(tree[c].to_pylist() for c in ("id", "parent_id", "code", "agency"))):
        parents.setdefault(agency, {})[unit] = up
        codes.setdefault(agency, {})[unit] = code
        agency_of[unit] = agency
    rows_of: dict[str, list] = {agency: [] for agency in parents}
    for row in sums.to_dict("records"):
        rows_of[agency_of[row["unit_id"]]].append(row)
    t_rows = time.perf_counter()

    reports, roots = {}, []
    for agency, parent in parents.items():
        reports[agency] = unit_report(rows_of[agency], parent=parent, codes=codes[agency], scale=SCALE,
                                      min_group=MIN_GROUP)
        root = next(u for u, up in parent.items() if up is None)
        root_row = next((r for r in rows_of[agency] if r["unit_id"] == root), None)
        if root_row is not None:
            roots.append((int(root_row["respondents"]), indices_from_sums(root_row, SCALE)[0]))
    t_reports = time.perf_counter()
    national = national_index(roots, min_group=MIN_GROUP)
    t_end = time.perf_counter()

    # outside the timed region: what the parent needs for the agreement check
    sums.to_parquet(result.with_suffix(".parquet"))
    entries = [e for report in reports.values() for e in report]
    result.write_text(json.dumps({
        "import_s": t0 - t_start, "sums_s": t_sums - t0, "moments_s": t_moments - t_sums,
        "moments": moments_fn is not None, "moments_rows": moments_rows, "rows_s": t_rows - t_moments,
        "reports_s": t_reports - t_rows, "national_s": t_end - t_reports, "work_s": t_end - t0,
        "sum_rows": len(sums), "sum_columns": len(sums.columns), "report_entries": len(entries),
        "suppressed": sum(e["suppressed"] for e in entries), "agencies": len(reports), "national": national,
        "peak_mib": {**peak, "reports": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024},
    }))


def child_alpha(data: Path, result: Path) -> None:
    """Not in "every index" (issue #3 names the moments only): Cronbach's α and the item-rest
    correlations of every unit and value from ``reliability_moments``, as the app's index run does."""
    t_start = time.perf_counter()
    import ibis

    from berakhlak.analytics.reliability import reliability_from_moments, reliability_moments

    t0 = time.perf_counter()
    con = ibis.duckdb.connect()
    moments = con.to_pyarrow(reliability_moments(con.read_parquet(data / "responses.parquet"),
                                                 con.read_parquet(data / "closure.parquet")))
    t_moments = time.perf_counter()
    rows = moments.to_pandas().to_dict("records")
    t_rows = time.perf_counter()
    computed = sum(reliability_from_moments(row)["alpha"] is not None for row in rows)
    t_end = time.perf_counter()
    result.write_text(json.dumps({"import_s": t0 - t_start, "moments_s": t_moments - t0, "rows_s": t_rows - t_moments,
                                  "alpha_s": t_end - t_rows, "work_s": t_end - t0, "rows": len(rows),
                                  "computed": computed}))


def plain_sql(data: Path) -> str:
    """The hand-written query: per unit with its subtree, respondents and the 7 value means."""
    per_unit = ",\n  ".join(
        f"sum({' + '.join(f'coalesce({v}{i}, 0)' for i in (1, 2, 3))}) AS {v}_sum, "
        f"{' + '.join(f'count({v}{i})' for i in (1, 2, 3))} AS {v}_n" for v in VALUE_CODES)
    means = ",\n  ".join(f"sum(d.{v}_sum) / sum(d.{v}_n) AS {v}_mean" for v in VALUE_CODES)
    return (
        f"WITH direct AS (\n SELECT unit_id, count(*) AS respondents,\n  {per_unit}\n"
        f" FROM read_parquet('{data / 'responses.parquet'}') GROUP BY unit_id)\n"
        f"SELECT c.ancestor_id AS unit_id, sum(d.respondents) AS respondents,\n  {means}\n"
        f"FROM read_parquet('{data / 'closure.parquet'}') c JOIN direct d ON c.descendant_id = d.unit_id\n"
        f"GROUP BY c.ancestor_id")


def child_duckdb(data: Path, result: Path) -> None:
    t_start = time.perf_counter()
    import duckdb

    t0 = time.perf_counter()
    con = duckdb.connect()
    table = con.sql(plain_sql(data)).to_arrow_table()
    t_end = time.perf_counter()
    import pyarrow.parquet as pq

    pq.write_table(table, result.with_suffix(".parquet"))
    result.write_text(json.dumps({"import_s": t0 - t_start, "work_s": t_end - t0, "rows": table.num_rows}))


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

def run_child(kind: str, data: Path, result: Path, *extra: str) -> tuple[float, float, dict]:
    """Run one measured step in its own process; (wall seconds, peak RSS in MiB, its own report)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--out", str(data),
           "--result", str(result), *extra]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} exited with {code}")
    return elapsed, usage.ru_maxrss / 1024, json.loads(result.read_text())


def best(runs: list[tuple[float, float, dict]]) -> tuple[float, float, dict]:
    """The fastest of repeated runs (by in-process work time); the peak RSS is the largest seen."""
    wall, _rss, report = min(runs, key=lambda r: r[2]["work_s"])
    report["all_work_s"] = [r[2]["work_s"] for r in runs]
    return wall, max(r[1] for r in runs), report


def agreement(workdir: Path, codes: dict[int, str]) -> tuple[float, int, list[tuple]]:
    """Largest |pipeline mean − plain-SQL mean| over every unit and value; the number of units compared;
    a few sample rows (unit code, value, the two means). The pipeline's mean is read back from its
    unrounded index (the project's own formula)."""
    import pandas as pd

    from berakhlak.analytics.culture_index import indices_from_sums

    ours = pd.read_parquet(workdir / "pipeline.parquet").set_index("unit_id").sort_index()
    plain = pd.read_parquet(workdir / "duckdb.parquet").set_index("unit_id").sort_index()
    if not ours.index.equals(plain.index):
        raise SystemExit("the pipeline and the plain query cover different units")
    if not (ours["respondents"].astype("int64") == plain["respondents"].astype("int64")).all():
        raise SystemExit("the pipeline and the plain query count different respondents")
    worst = 0.0
    for v in VALUE_CODES:
        mean = ours[f"{v}_sum"].astype("float64") / ours[f"{v}_n"].astype("float64")
        worst = max(worst, float((mean - plain[f"{v}_mean"].astype("float64")).abs().max()))
    low, high = SCALE
    samples = []
    picks = sorted({plain.index[0], plain.index[len(plain) // 3], plain.index[len(plain) // 2],
                    plain["respondents"].idxmax(), plain["respondents"].idxmin(), plain.index[-1]})
    for unit in picks:
        values, _ = indices_from_sums(ours.loc[unit].to_dict(), SCALE)
        pairs = []
        for v in ("BP", "AD", "KL"):
            our_mean = low + values[v] * (high - low) / 100
            their_mean = float(plain.loc[unit, f"{v}_mean"])
            pairs.append((v, our_mean, their_mean))
            worst = max(worst, abs(our_mean - their_mean))
        samples.append((codes[int(unit)], int(plain.loc[unit, "respondents"]), pairs))
    return worst, len(plain), samples


GENERATED = ("units.parquet", "closure.parquet", "responses.parquet")
RESULTS = ("pipeline.json", "pipeline.parquet", "duckdb.json", "duckdb.parquet", "alpha.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=4_500_000)
    parser.add_argument("--units", type=int, default=150_000)
    parser.add_argument("--agencies", type=int, default=700)
    parser.add_argument("--out", type=Path, help="directory for the Parquet files (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the Parquet files")
    parser.add_argument("--reuse", action="store_true", help="measure the Parquet files already in --out")
    parser.add_argument("--repeat", type=int, default=1, help="run each measured step N times, keep the fastest")
    parser.add_argument("--fetch", choices=("arrow", "execute"), default="arrow",
                        help="how the pipeline fetches Ibis results: con.to_pyarrow (default) or con.execute")
    parser.add_argument("--alpha", action="store_true",
                        help="also time reliability_from_moments over every unit and value (not in the target)")
    parser.add_argument("--child", choices=("pipeline", "duckdb", "alpha"), help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child == "pipeline":
        return child_pipeline(args.out, args.result, args.fetch)
    if args.child == "duckdb":
        return child_duckdb(args.out, args.result)
    if args.child == "alpha":
        return child_alpha(args.out, args.result)

    workdir = args.out or Path(tempfile.mkdtemp(prefix="bench-index-"))
    reuse = args.reuse and all((workdir / name).exists() for name in GENERATED)
    try:
        t0 = time.perf_counter()
        stats = None if reuse else generate(workdir, respondents=args.respondents, units=args.units,
                                            agencies=args.agencies)
        gen_s = time.perf_counter() - t0

        sql_runs, pipe_runs = [], []
        for _ in range(args.repeat):  # interleaved, so that a busy moment of the machine hits both
            sql_runs.append(run_child("duckdb", workdir, workdir / "duckdb.json"))
            pipe_runs.append(run_child("pipeline", workdir, workdir / "pipeline.json", "--fetch", args.fetch))
        sql_s, sql_rss, sql = best(sql_runs)
        pipe_s, pipe_rss, pipe = best(pipe_runs)
        alpha = run_child("alpha", workdir, workdir / "alpha.json") if args.alpha and pipe["moments"] else None

        import pyarrow.parquet as pq

        tree = pq.read_table(workdir / "units.parquet", columns=["id", "code"])
        codes = dict(zip(tree["id"].to_pylist(), tree["code"].to_pylist()))
        worst, compared, samples = agreement(workdir, codes)

        n = pq.ParquetFile(workdir / "responses.parquet").metadata.num_rows
        ratio = pipe["work_s"] / sql["work_s"]
        print()
        print(f"national culture index benchmark — {n:,} respondents × {len(BEHAVIOUR_CODES)} items, "
              f"{len(codes):,} units, {pipe['agencies']:,} agencies; DuckDB over Parquet in {workdir}; "
              f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; best of {args.repeat}")
        if stats:
            print(f"  generated in {gen_s:.1f} s (not timed in target): {stats['mb']:.0f} MB of Parquet, "
                  f"{stats['closure_rows']:,} closure rows, agencies by depth {stats['depths']}, largest "
                  f"{stats['largest_agency']:,} units; units with no respondent {stats['empty_units']:,}, "
                  f"with 1-{MIN_GROUP - 1} {stats['small_units']:,}")
        moments = (f"reliability_moments {pipe['moments_rows']:,} rows" if pipe["moments"]
                   else "reliability_moments: not in berakhlak.analytics.reliability, skipped")
        print(f"  pipeline: unit_sums {pipe['sum_rows']:,} rows × {pipe['sum_columns']} columns; {moments}; "
              f"{pipe['report_entries']:,} unit entries ({pipe['suppressed']:,} suppressed); national index of "
              f"{pipe['national']['agencies']} agencies, overall {pipe['national']['overall']:.2f}")
        print()
        fetch = "to_pyarrow" if args.fetch == "arrow" else "execute"
        steps = [
            (f"unit_sums, every unit (Ibis on DuckDB, {fetch})", pipe["sums_s"], None),
            ("reliability_moments, every unit", pipe["moments_s"] if pipe["moments"] else None, None),
            ("unit tree per agency; sums rows to dicts", pipe["rows_s"], None),
            (f"unit_report × {pipe['agencies']} agencies (suppression, bands)", pipe["reports_s"], None),
            ("national_index over the agency roots", pipe["national_s"], None),
            ("every index (pipeline work)", pipe["work_s"], pipe_rss),
            ("  same, whole process (interpreter, imports)", pipe_s, None),
            ("hand-written DuckDB query (plain work)", sql["work_s"], sql_rss),
            ("  same, whole process", sql_s, None),
        ]
        print(f"  {'step':<54} {'time':>9}  {'peak RSS':>10}")
        for step, secs, rss in steps:
            shown = "skipped" if secs is None else f"{secs:7.2f} s"
            print(f"  {step:<54} {shown:>9}  {'' if rss is None else f'{rss:,.0f} MiB':>10}")
        print(f"  {'ratio every index / DuckDB query':<54} {ratio:7.2f} ×")
        print(f"  {'ratio unit_sums alone / DuckDB query (same sums)':<54} {pipe['sums_s'] / sql['work_s']:7.2f} ×")
        if alpha:
            a_wall, a_rss, a = alpha
            print(f"  not in the target: α and item-rest r of {a['rows']:,} unit × value rows "
                  f"({a['computed']:,} with α): moments {a['moments_s']:.2f} s, rows to dicts {a['rows_s']:.2f} s, "
                  f"reliability_from_moments {a['alpha_s']:.2f} s; whole process {a_wall:.1f} s, "
                  f"peak RSS {a_rss:,.0f} MiB")
        print("  peak RSS of the pipeline process after each step: " + ", ".join(
            f"{step} {mib:,.0f} MiB" for step, mib in pipe["peak_mib"].items()))
        if args.repeat > 1:
            print(f"  all runs: pipeline {', '.join(f'{x:.2f}' for x in pipe['all_work_s'])} s; "
                  f"DuckDB query {', '.join(f'{x:.2f}' for x in sql['all_work_s'])} s")
        print()

        def met(ok: bool) -> str:
            return "met" if ok else "NOT met"

        print(f"  targets: every index < {TARGET_SECONDS:.0f} s: {met(pipe_s < TARGET_SECONDS)} ({pipe_s:.1f} s, "
              f"whole process); peak RSS < 4 GB: {met(pipe_rss < TARGET_RSS_MIB)} ({pipe_rss:,.0f} MiB); "
              f"<= {TARGET_RATIO:.0f}× the DuckDB query: {met(ratio <= TARGET_RATIO)} ({ratio:.2f}×)")
        print(f"  agreement, pipeline vs plain query, value means of all {compared:,} units × 7 values: "
              f"max |diff| = {worst:.1e} ({'OK' if worst <= 1e-9 else 'FAILED'}, tolerance 1e-9); for example "
              "(pipeline mean from its unrounded index / DuckDB mean):")
        for code, resp, pairs in samples:
            print(f"    {code:<12} {resp:>7,} resp.  " + "  ".join(
                f"{v} {ours:.12f} / {theirs:.12f}" for v, ours, theirs in pairs))
        if worst > 1e-9:
            raise SystemExit("the pipeline and the plain DuckDB query disagree")
    finally:
        for name in RESULTS:
            (workdir / name).unlink(missing_ok=True)
        if args.keep or reuse:
            print(f"kept: {workdir}")
        elif args.out:
            for name in GENERATED:
                (workdir / name).unlink(missing_ok=True)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
