#!/usr/bin/env python
"""Benchmark: the SKP recap of 5,000,000 annual ratings on PostgreSQL, beside a plain SQL GROUP BY.

Issue #4 (item 11): ``selectors.recap`` for a whole agency — the annual predikat counts of every unit
with its whole subtree — under 10 s with 5,000,000 annual ``Evaluation`` rows of one agency-year over a
tree of about 100,000 units of 6 levels. Steps:

1. a fresh database (``--database``, dropped and created; its name must contain "bench"), migrated with
   ``berakhlak migrate``;
2. data, not timed in the target: a deterministic, vectorised numpy generator makes the unit tree
   (1 root, then about 4x more units per level), its closure, ``--evaluations`` employees spread
   log-normally over the units (the leaves heavier) and one annual rating each with a realistic predikat
   mix (about 79 % Baik, 18.5 % Sangat Baik, 1.5 % Butuh Perbaikan, 0.7 % Kurang, 0.3 % Sangat Kurang;
   the two ratings consistent with the matrix, which the database checks). Everything is loaded with
   ``COPY`` (CSV written by pyarrow), foreign-key triggers off (``session_replication_role = replica``) and
   the secondary indexes of the two big tables dropped during the load and rebuilt after it; then
   ``VACUUM ANALYZE`` (the steady state autovacuum reaches after a bulk load);
3. measured, each in its own process (peak RSS: its ``VmHWM``): ``selectors.recap(agency, year)``,
   ``--repeat`` times, the fastest kept, and the whole ``berakhlak skp recap --format json`` command;
4. the fastest plain tool: ``SELECT unit_id, predikat, count(*) … GROUP BY unit_id, predikat`` of the
   same rows with psycopg (per unit only, no subtree), ``--repeat`` times, the fastest kept.

The recap is checked against a brute-force count of the generated arrays (numpy, every unit with its
subtree); the script exits 1 on any difference.

    .venv/bin/python benchmarks/skp_recap.py --evaluations 5000000 --units 100000 \
        --database postgresql://postgres@127.0.0.1:5432/berakhlak_bench_recap
    .venv/bin/python benchmarks/skp_recap.py --evaluations 200000 --units 5000 --database …   # quick
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from berakhlak.performance import rules  # noqa: E402  (pure, no Django)

YEAR = 2024
AGENCY = "BENCH"
TARGET_SECONDS = 10.0
CHUNK = 1_000_000
#: predikat → share of employees, and the (hasil kerja, perilaku kerja) pairs that give it, with weights
MIX = {rules.SANGAT_BAIK: 0.185, rules.BAIK: 0.79, rules.BUTUH_PERBAIKAN: 0.015, rules.KURANG: 0.007,
       rules.SANGAT_KURANG: 0.003}
PAIRS = {
    rules.SANGAT_BAIK: [((rules.DIATAS, rules.DIATAS), 1.0)],
    rules.BAIK: [((rules.SESUAI, rules.SESUAI), 0.8), ((rules.DIATAS, rules.SESUAI), 0.1),
                 ((rules.SESUAI, rules.DIATAS), 0.1)],
    rules.BUTUH_PERBAIKAN: [((rules.DIBAWAH, rules.SESUAI), 0.9), ((rules.DIBAWAH, rules.DIATAS), 0.1)],
    rules.KURANG: [((rules.SESUAI, rules.DIBAWAH), 0.8), ((rules.DIATAS, rules.DIBAWAH), 0.2)],
    rules.SANGAT_KURANG: [((rules.DIBAWAH, rules.DIBAWAH), 1.0)],
}


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------

def unit_tree(rng, units: int, levels: int):
    """(parent, depth, ancestors): ids 1..units in level order; ``parent`` 0 for the root; ``ancestors``
    is a (units + 1) × levels matrix, row = unit id, column k = its ancestor at depth k (0 = none)."""
    import numpy as np

    grow = 4.0 ** np.arange(levels - 1)
    per_level = np.floor((units - 1) * grow / grow.sum()).astype(np.int64)
    per_level[-1] += units - 1 - per_level.sum()
    sizes = np.concatenate(([1], per_level))
    first = np.concatenate(([1], 1 + np.cumsum(sizes)[:-1]))  # first id of each level
    depth = np.repeat(np.arange(levels), sizes)
    parent = np.zeros(units + 1, dtype=np.int64)  # index = id; [0] unused
    ancestors = np.zeros((units + 1, levels), dtype=np.int64)
    ancestors[1, 0] = 1
    for level in range(1, levels):
        ids = np.arange(first[level], first[level] + sizes[level])
        parent[ids] = first[level - 1] + rng.integers(0, sizes[level - 1], len(ids))
        ancestors[ids] = ancestors[parent[ids]]
        ancestors[ids, level] = ids
    return parent, np.concatenate(([0], depth)), ancestors, sizes


def predikat_and_ratings(rng, n: int):
    import numpy as np

    preds = list(rules.PREDIKATS)
    p = rng.choice(len(preds), n, p=[MIX[x] for x in preds])
    hasil = np.empty(n, dtype=object)
    perilaku = np.empty(n, dtype=object)
    for i, name in enumerate(preds):
        where = np.flatnonzero(p == i)
        pairs, weights = zip(*PAIRS[name])
        pick = rng.choice(len(pairs), len(where), p=weights)
        for j, (h, b) in enumerate(pairs):
            assert rules.predikat(h, b) == name
            hasil[where[pick == j]] = h
            perilaku[where[pick == j]] = b
    return p, hasil, perilaku


def copy_table(cur, table: str, columns: list[str], data: dict) -> None:
    """COPY one batch of columns (numpy arrays / pyarrow arrays) as CSV written by pyarrow."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    sink = io.BytesIO()
    pacsv.write_csv(pa.table({c: data[c] for c in columns}), sink, pacsv.WriteOptions(include_header=False))
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)") as copy:
        copy.write(sink.getbuffer())


def secondary_indexes(cur, table: str) -> list[tuple[str, str]]:
    cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
                "(SELECT conname FROM pg_constraint)", [table])
    return cur.fetchall()


def load(url: str, *, evaluations: int, units: int, levels: int, seed: int, reuse: bool = False) -> dict:
    """Generate and load the data; return what the check needs. ``reuse``: generate only (the same
    arrays for the same arguments) and measure the database a ``--keep`` run left."""
    import numpy as np
    import psycopg
    import pyarrow as pa
    import pyarrow.compute as pc

    rng = np.random.default_rng(seed)
    t0 = time.perf_counter()
    parent, depth, ancestors, sizes = unit_tree(rng, units, levels)
    ids = np.arange(1, units + 1, dtype=np.int64)
    leaf = np.ones(units + 1, dtype=bool)
    leaf[parent[parent > 0]] = False
    weights = rng.lognormal(0.0, 0.8, units) * np.where(leaf[1:], 1.0, 0.25)
    per_unit = rng.multinomial(evaluations, weights / weights.sum())
    unit_of = rng.permutation(np.repeat(ids, per_unit))
    pred_idx, hasil, perilaku = predikat_and_ratings(rng, evaluations)
    gen_s = time.perf_counter() - t0
    facts = {"gen_s": gen_s, "ancestors": ancestors, "unit_of": unit_of, "pred_idx": pred_idx,
             "closure_rows": int((ancestors[1:] > 0).sum()), "sizes": sizes.tolist(),
             "max_unit": int(per_unit.max()), "empty_units": int((per_unit == 0).sum())}
    if reuse:
        with psycopg.connect(url) as conn:
            period_id = conn.execute("SELECT p.id FROM performance_period p JOIN performance_performanceyear y "
                                     "ON y.id = p.year_id JOIN org_agency a ON a.id = y.agency_id "
                                     "WHERE a.code = %s AND y.year = %s AND p.code = %s",
                                     [AGENCY, YEAR, rules.ANNUAL]).fetchone()[0]
            size = conn.execute("SELECT pg_size_pretty(pg_total_relation_size('performance_evaluation'))").fetchone()[0]
        return {**facts, "load_s": 0.0, "index_s": 0.0, "vacuum_s": 0.0, "size": size, "period_id": period_id}

    t0 = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn, conn.cursor() as cur:
        cur.execute("SET session_replication_role = replica")  # no FK triggers for the bulk load
        cur.execute("SET maintenance_work_mem = '1GB'")
        cur.execute("INSERT INTO org_agency (code, name, kind, created_at) VALUES (%s, %s, 'PUSAT', now()) "
                    "RETURNING id", [AGENCY, "Instansi Uji Rekap"])
        agency_id = cur.fetchone()[0]
        cur.execute("INSERT INTO performance_performanceyear (agency_id, year, frequency, created_at) "
                    "VALUES (%s, %s, %s, now()) RETURNING id", [agency_id, YEAR, rules.QUARTERLY])
        year_id = cur.fetchone()[0]
        period_id = None
        for s in rules.periods_for(YEAR, rules.QUARTERLY):
            cur.execute('INSERT INTO performance_period (year_id, code, "order", starts_on, ends_on, label_id, '
                        'label_en) VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id',
                        [year_id, s.code, s.order, s.starts_on, s.ends_on, s.label_id, s.label_en])
            if s.is_annual:
                period_id = cur.fetchone()[0]
        # units: path "/root/…/id/" from the ancestor matrix
        id_text = pc.cast(pa.array(ids), pa.string())
        path = pa.array(["/"] * units)
        for k in range(levels):
            col = ancestors[1:, k]
            part = pc.binary_join_element_wise(pc.cast(pa.array(col), pa.string()), "/", "")
            path = pc.if_else(pa.array(col > 0), pc.binary_join_element_wise(path, part, ""), path)
        copy_table(cur, "org_unit", ["id", "agency_id", "code", "name", "parent_id", "path", "depth"], {
            "id": ids, "agency_id": np.full(units, agency_id), "code": pc.binary_join_element_wise("U", id_text, ""),
            "name": pc.binary_join_element_wise("Unit kerja ", id_text, ""),
            "parent_id": pa.array(parent[1:], mask=parent[1:] == 0), "path": path, "depth": depth[1:]})
        anc, desc, dist = [], [], []
        for k in range(levels):
            has = ancestors[1:, k] > 0
            anc.append(ancestors[1:, k][has])
            desc.append(ids[has])
            dist.append(depth[1:][has] - k)
        closure = {"ancestor_id": np.concatenate(anc), "descendant_id": np.concatenate(desc),
                   "distance": np.concatenate(dist)}
        copy_table(cur, "org_unitclosure", ["ancestor_id", "descendant_id", "distance"], closure)
        # employees and their ratings: constant columns as temporary defaults, COPY of the rest
        dropped = {t: secondary_indexes(cur, t) for t in ("org_employee", "performance_evaluation")}
        for indexes in dropped.values():
            for name, _definition in indexes:
                cur.execute(f'DROP INDEX "{name}"')
        defaults = {
            "org_employee": {"agency_id": agency_id, "name": "'Pegawai'", "sex": "'L'", "birth_date": "'1985-01-01'",
                             "employment_type": "'PNS'", "email": "''", "is_active": "TRUE", "created_at": "now()",
                             "updated_at": "now()"},
            "performance_evaluation": {"period_id": period_id, "hasil_from_org": "FALSE", "note": "''",
                                       "source": "'IMPORT'", "is_final": "TRUE", "rated_at": "now()"},
        }
        for table, cols in defaults.items():
            for col, value in cols.items():
                cur.execute(f"ALTER TABLE {table} ALTER COLUMN {col} SET DEFAULT {value}")
        names = np.array(rules.PREDIKATS, dtype=object)
        for first in range(0, evaluations, CHUNK):
            emp = np.arange(first + 1, min(first + CHUNK, evaluations) + 1, dtype=np.int64)
            unit = unit_of[first:first + len(emp)]
            nip = pc.binary_join_element_wise("19850101", pc.utf8_lpad(pc.cast(pa.array(emp), pa.string()), 10, "0"), "")
            copy_table(cur, "org_employee", ["id", "nip", "unit_id"], {"id": emp, "nip": nip, "unit_id": unit})
            sl = slice(first, first + len(emp))
            copy_table(cur, "performance_evaluation",
                       ["id", "employee_id", "unit_id", "rating_hasil_kerja", "rating_perilaku_kerja", "predikat"],
                       {"id": emp, "employee_id": emp, "unit_id": unit, "rating_hasil_kerja": pa.array(hasil[sl], pa.string()),
                        "rating_perilaku_kerja": pa.array(perilaku[sl], pa.string()),
                        "predikat": pa.array(names[pred_idx[sl]], pa.string())})
        for table, cols in defaults.items():
            for col in cols:
                cur.execute(f"ALTER TABLE {table} ALTER COLUMN {col} DROP DEFAULT")
        load_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        for indexes in dropped.values():
            for _name, definition in indexes:
                cur.execute(definition)
        for table in ("org_unit", "org_employee", "performance_evaluation", "org_unitclosure"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        index_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        cur.execute("SET session_replication_role = DEFAULT")
        for table in ("org_unit", "org_unitclosure", "org_employee", "performance_evaluation"):
            cur.execute(f"VACUUM ANALYZE {table}")
        vacuum_s = time.perf_counter() - t0
        cur.execute("SELECT pg_size_pretty(pg_total_relation_size('performance_evaluation'))")
        size = cur.fetchone()[0]
    return {**facts, "load_s": load_s, "index_s": index_s, "vacuum_s": vacuum_s, "size": size,
            "period_id": period_id}


def brute_force(ancestors, unit_of, pred_idx, units: int):
    """counts[unit id, predikat] of every unit with its subtree, straight from the generated arrays."""
    import numpy as np

    k = len(rules.PREDIKATS)
    counts = np.zeros((units + 1) * k, dtype=np.int64)
    for level in range(ancestors.shape[1]):
        anc = ancestors[unit_of, level]
        has = anc > 0
        counts += np.bincount(anc[has] * k + pred_idx[has], minlength=(units + 1) * k)
    return counts.reshape(units + 1, k)


# ---------------------------------------------------------------------------
# Measured work
# ---------------------------------------------------------------------------

def peak_rss_mib() -> float:
    """Peak RSS of this process since its ``exec`` (``VmHWM``). ``wait4``'s ``ru_maxrss`` is not used for
    the children here: with ``vfork`` it also counts the parent's memory at spawn time (the generated
    arrays), which is not the command's."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cli_child(args) -> None:
    """In its own process: the whole ``berakhlak skp recap --format json`` command, stdout to a file."""
    os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("DEBUG", "1")
    from berakhlak.cli import main as berakhlak

    with open(args.result, "w") as out:
        sys.stdout = out
        berakhlak(["berakhlak", "skp", "recap", "--agency", AGENCY, "--year", str(YEAR), "--format", "json"])
        sys.stdout = sys.__stdout__
    print(json.dumps({"rss_mib": peak_rss_mib()}))


def measure_child(args) -> None:
    """In its own process: time selectors.recap for the whole agency."""
    os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "berakhlak.settings")
    import django

    t0 = time.perf_counter()
    django.setup()
    from berakhlak.org.models import Agency
    from berakhlak.performance.selectors import recap

    setup_s = time.perf_counter() - t0
    agency = Agency.objects.get(code=AGENCY)
    times, data = [], None
    for _ in range(max(args.repeat, 1)):
        data = None
        t0 = time.perf_counter()
        data = recap(agency=agency, year=YEAR)
        times.append(time.perf_counter() - t0)
    Path(args.result).write_text(json.dumps(data))
    print(json.dumps({"times": times, "setup_s": setup_s,
                      "rss_mib": peak_rss_mib()}))


def run_process(cmd: list[str], env: dict[str, str], stdout=None) -> tuple[float, float, bytes]:
    """Run ``cmd``; return (wall seconds, ``ru_maxrss`` in MiB, stdout when piped) of that process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=stdout if stdout is not None else subprocess.PIPE)
    out = proc.stdout.read() if proc.stdout else b""
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} exited with {code}")
    return elapsed, usage.ru_maxrss / 1024, out


def plain_group_by(url: str, period_id: int, repeat: int) -> tuple[float, int, int]:
    import psycopg

    best, rows, total = float("inf"), 0, 0
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        for _ in range(repeat):
            t0 = time.perf_counter()
            cur.execute("SELECT unit_id, predikat, count(*) FROM performance_evaluation WHERE period_id = %s "
                        "GROUP BY unit_id, predikat", [period_id])
            result = cur.fetchall()
            best = min(best, time.perf_counter() - t0)
            rows, total = len(result), sum(r[2] for r in result)
    return best, rows, total


def recreate_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    if "bench" not in name:
        raise SystemExit(f"refusing to drop database {name!r}: its name must contain 'bench'")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--evaluations", type=int, default=5_000_000)
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--levels", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database", default="postgresql://postgres@127.0.0.1:5432/berakhlak_bench_recap")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument("--reuse", action="store_true",
                        help="measure the database a --keep run of the same arguments left (no reload)")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cli", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure_child(args)
    if args.cli:
        return cli_child(args)

    import numpy as np

    t_all = time.perf_counter()
    env = dict(os.environ, DATABASE_URL=args.database, DEBUG="1")
    migrate_s = 0.0
    if not args.reuse:
        recreate_database(args.database)
        migrate_s, _, _ = run_process([str(BIN / "berakhlak"), "migrate", "-v0"], env, stdout=subprocess.DEVNULL)
    data = load(args.database, evaluations=args.evaluations, units=args.units, levels=args.levels, seed=args.seed,
                reuse=args.reuse)
    # the expected counts first, then the generated arrays are freed before anything is measured
    expected = brute_force(data.pop("ancestors"), data.pop("unit_of"), data.pop("pred_idx"), args.units)
    import gc

    gc.collect()
    workdir = Path(tempfile.mkdtemp(prefix="bench-recap-"))
    result, cli_out = workdir / "recap.json", workdir / "cli.json"
    me = [sys.executable, __file__, "--database", args.database, "--repeat", str(args.repeat)]
    wall_s, _, out = run_process([*me, "--measure", "--result", str(result)], env)
    child = json.loads(out)
    cli_s, _, out = run_process([*me, "--cli", "--result", str(cli_out)], env)
    cli_rss = json.loads(out)["rss_mib"]
    plain_s, plain_rows, plain_total = plain_group_by(args.database, data["period_id"], args.repeat)

    # correctness: every unit with its subtree against the brute force; the CLI prints the same JSON
    recap = json.loads(result.read_text())
    cli = json.loads(cli_out.read_text())
    got = np.zeros_like(expected)
    for u in recap["units"]:
        got[int(u["unit"][1:])] = [u["predikat"][p] for p in rules.PREDIKATS]
        assert u["employees"] == sum(u["predikat"].values())
    mismatches = int((got[1:] != expected[1:]).any(axis=1).sum())
    ok = (mismatches == 0 and len(recap["units"]) == args.units and cli == recap
          and plain_total == args.evaluations and int(expected[1].sum()) == args.evaluations)
    for path in workdir.iterdir():
        path.unlink()
    workdir.rmdir()

    best = min(child["times"])
    root = dict(zip(rules.PREDIKATS, (int(x) for x in expected[1])))
    n = args.evaluations
    print()
    print(f"SKP recap benchmark — {n:,} annual ratings, {args.units:,} units in {args.levels} levels "
          f"(per level {data['sizes']}), {data['closure_rows']:,} closure rows, PostgreSQL ({args.database})")
    print(f"  ratings per unit: max {data['max_unit']:,}, {data['empty_units']:,} units without; "
          f"evaluation table {data['size']}; root {root}")
    print(f"  migrate                                  {migrate_s:8.1f} s")
    print(f"  generate (numpy, not timed in target)    {data['gen_s']:8.1f} s")
    print(f"  COPY units, closure, employees, ratings  {data['load_s']:8.1f} s")
    print(f"  rebuild indexes                          {data['index_s']:8.1f} s")
    print(f"  VACUUM ANALYZE                           {data['vacuum_s']:8.1f} s")
    print(f"  selectors.recap, whole agency            {best:8.2f} s   (runs: "
          + ", ".join(f"{t:.2f}" for t in child["times"]) + ")")
    print(f"  recap process (Django setup + runs)      {wall_s:8.1f} s   peak RSS {child['rss_mib']:,.0f} MiB")
    print(f"  berakhlak skp recap --format json        {cli_s:8.2f} s   peak RSS {cli_rss:,.0f} MiB  (whole process)")
    print(f"  plain SQL GROUP BY unit_id, predikat     {plain_s:8.2f} s   ({plain_rows:,} rows, per unit only)")
    print(f"  ratio recap / plain GROUP BY             {best / plain_s:8.1f} x   (target: recap < {TARGET_SECONDS:.0f} s)")
    print(f"  check against brute force: {'every unit equal' if ok else f'MISMATCH ({mismatches} units)'}; "
          f"total {time.perf_counter() - t_all:.0f} s")
    if not (args.keep or args.reuse):
        import psycopg

        base, name = args.database.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
