#!/usr/bin/env python
"""Benchmark: import 1,000,000 employees from CSV into PostgreSQL, beside PostgreSQL ``COPY``.

DESIGN.md scale target: 1,000,000 rows in < 120 s with peak RSS < 2 GB; issue #2 adds "at most 3x the
time of COPY of the same file into a bare table". Steps (each in its own process, measured with
``wait4``): generate the CSVs (deterministic generator), create a fresh database, migrate, import the
unit tree, then ``berakhlak import employees`` (timed, peak RSS), then a second identical run (the
re-import: nothing changes), and finally ``COPY`` of the same CSV into a bare 8-text-column table.

    .venv/bin/python benchmarks/import_employees.py --employees 1000000 \
        --database postgresql://postgres@127.0.0.1:5432/berakhlak_bench
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run ``cmd``; return (wall seconds, peak RSS in MiB) of that process alone."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} exited with {code}")
    return elapsed, usage.ru_maxrss / 1024


def recreate_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def copy_baseline(url: str, csv_path: Path) -> float:
    """The fastest plain tool: COPY of the same file into a bare table (no index, no constraint)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_copy")
        conn.execute("CREATE TABLE bench_copy (nip text, nama text, unit_kode text, jabatan text, "
                     "jenis_jabatan text, jenis_pegawai text, atasan_nip text, email text)")
        start = time.perf_counter()
        with conn.cursor() as cur, cur.copy("COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)") as copy, \
                open(csv_path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                copy.write(chunk)
        elapsed = time.perf_counter() - start
        conn.execute("DROP TABLE bench_copy")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=1_000_000)
    parser.add_argument("--database", default="postgresql://postgres@127.0.0.1:5432/berakhlak_bench")
    parser.add_argument("--keep", action="store_true", help="keep the generated CSVs and the database")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    from berakhlak.demo.generator import write_national_csv

    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        t0 = time.perf_counter()
        [(code, units_csv, employees_csv)] = write_national_csv(workdir, employees=args.employees, agencies=1)
        gen_s = time.perf_counter() - t0
        size_mb = employees_csv.stat().st_size / 1e6
        recreate_database(args.database)
        env = dict(os.environ, DATABASE_URL=args.database, DEBUG="1")
        berakhlak = str(BIN / "berakhlak")
        run([berakhlak, "migrate", "-v0"], env)
        units_s, _ = run([berakhlak, "import", "units", str(units_csv), "--agency", code], env)
        import_s, import_rss = run([berakhlak, "import", "employees", str(employees_csv), "--agency", code,
                                    "--no-progress"], env)
        reimport_s, reimport_rss = run([berakhlak, "import", "employees", str(employees_csv), "--agency", code,
                                        "--no-progress"], env)
        copy_s = copy_baseline(args.database, employees_csv)
        n = args.employees
        print()
        print(f"employees import benchmark — {n:,} rows, {size_mb:.0f} MB CSV, PostgreSQL ({args.database})")
        print(f"  generate CSVs (not timed in target)   {gen_s:8.1f} s")
        print(f"  import units ({code})                  {units_s:8.1f} s")
        print(f"  berakhlak import employees (new)      {import_s:8.1f} s   {n / import_s:10,.0f} rows/s   "
              f"peak RSS {import_rss:,.0f} MiB")
        print(f"  berakhlak import employees (re-run)   {reimport_s:8.1f} s   {n / reimport_s:10,.0f} rows/s   "
              f"peak RSS {reimport_rss:,.0f} MiB")
        print(f"  PostgreSQL COPY into a bare table     {copy_s:8.1f} s   {n / copy_s:10,.0f} rows/s")
        print(f"  ratio import / COPY                   {import_s / copy_s:8.1f} x   (target: < 120 s, <= 3x, < 2 GiB)")
    finally:
        if args.keep:
            print(f"kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
