"""Imports of employee performance (SKP): ratings made elsewhere (e-Kinerja exports).

All-or-nothing (one transaction; nothing written when any row has a problem), re-runnable (upsert by
employee and period) and set-based: the database state the checks need is read in three queries (the agency's SKP years of the
file, their periods, and the file's NIPs with any rating already final in the file's periods), rows are
checked by the pure functions of ``berakhlak.performance.checks``, and the ratings are written with one
``INSERT … SELECT … ON CONFLICT (employee_id, period_id) DO UPDATE`` from a staging table (PostgreSQL
``COPY``; SQLite ``executemany``). No query per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.db import connection, transaction
from django.utils import timezone

from berakhlak.audit.services import audit_record
from berakhlak.lib.db import load_rows
from berakhlak.org.checks import Problem
from berakhlak.org.models import Agency, Employee
from berakhlak.org.services import ImportRejected, import_problems, open_import_table
from berakhlak.performance import rules
from berakhlak.performance.checks import RatingRow, check_ratings, parse_ratings, sort_problems
from berakhlak.performance.models import Evaluation, PerformanceYear, Period, Skp, Source
from berakhlak.performance.services import year_setup

#: The frequency of an SKP year the import creates: the import format's own periods (TW1…TW4, TAHUNAN).
NEW_YEAR_FREQUENCY = rules.QUARTERLY
STAGE = "bk_stage_rating"
STAGE_COLUMNS = ("employee_id", "period_id", "rating_hasil_kerja", "rating_perilaku_kerja", "predikat")
CHUNK = 20000  # ids per IN list on SQLite


@dataclass
class RatingsImportResult:
    agency: str
    total: int
    created: int
    updated: int
    unchanged: int
    years_created: list[int] = field(default_factory=list)


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _employees_of(nips: list[str], final_period_ids: list[int]) -> list[tuple[str, int, int, int | None]]:
    """(nip, employee id, agency id, period id of a final rating or None) of the given NIPs, one row per
    final rating among ``final_period_ids``: one query on PostgreSQL (the NIPs as one ``= ANY`` array,
    sent as a single text: they are digits only), chunks of ``IN`` lists on SQLite."""
    if not nips:
        return []
    emp, ev = Employee._meta.db_table, Evaluation._meta.db_table
    if final_period_ids:
        final = (f"LEFT JOIN {ev} e ON e.employee_id = m.id AND e.is_final "
                 f"AND e.period_id IN ({', '.join(['%s'] * len(final_period_ids))})")
        select = "e.period_id"
    else:
        final, select = "", "NULL"
    sql = f"SELECT m.nip, m.id, m.agency_id, {select} FROM {emp} m {final} WHERE "
    found: list[tuple[str, int, int, int | None]] = []
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(sql + "m.nip = ANY(string_to_array(%s, ','))", [*final_period_ids, ",".join(nips)])
            return cur.fetchall()
        for part in _chunks(nips):
            cur.execute(sql + f"m.nip IN ({', '.join(['%s'] * len(part))})", [*final_period_ids, *part])
            found.extend(cur.fetchall())
    return found


def ratings_import(*, source: str | Path | BinaryIO, agency: Agency, filename: str | None = None,
                   actor=None) -> RatingsImportResult:
    """Load SKP ratings (``nip,tahun,periode,rating_hasil_kerja,rating_perilaku_kerja``) of ``agency``'s
    employees. A year the agency has not set up is created quarterly (TW1…TW4, TAHUNAN). Each row
    becomes the employee's ``Evaluation`` of that period (source IMPORT, unit = the employee's current
    unit, the SKP of that year if there is one, predikat from the matrix); a rating already there is
    replaced unless it is final. All-or-nothing; re-running the same file changes nothing."""
    table = open_import_table(source, filename, str(source))
    # a cell beyond the CSV limit or a broken quote further down: ImportRejected naming its row
    rows, problems = parse_ratings(table.name, table.header, table.rows)
    problems = import_problems(table, problems)
    if any(p.row == 1 for p in problems):
        raise ImportRejected(problems)  # the header: no row was checked
    years = sorted({r.year for r in rows if r.year is not None})
    existing = dict(PerformanceYear.objects.filter(agency=agency, year__in=years).values_list("year", "frequency"))
    frequency_of = {y: existing.get(y, NEW_YEAR_FREQUENCY) for y in years}
    period_of = {pk: (y, code) for pk, y, code in Period.objects.filter(year__agency=agency, year__year__in=years)
                 .values_list("id", "year__year", "code")}
    in_file = {(r.year, r.period) for r in rows if r.year is not None and r.period is not None}
    own: dict[str, int] = {}
    elsewhere: set[str] = set()
    final: set[tuple[str, int, str]] = set()
    for nip, emp_id, agency_id, final_period in _employees_of(
            sorted({r.nip for r in rows if r.nip is not None}),
            sorted(pk for pk, year_code in period_of.items() if year_code in in_file)):
        if agency_id != agency.pk:
            elsewhere.add(nip)
            continue
        own[nip] = emp_id
        if final_period is not None:
            final.add((nip, *period_of[final_period]))
    problems += check_ratings(table.name, rows, own=own, elsewhere=elsewhere, frequency_of=frequency_of,
                              final=final)
    if problems:
        raise ImportRejected(sort_problems(problems))
    if not rows:
        raise ImportRejected([Problem(table.name, 2, "-", "berkas tidak berisi penilaian / the file holds no ratings")])
    with transaction.atomic():
        years_created = [y for y in years if y not in existing]
        for y in years:  # a handful per file: opens the missing years, completes missing periods
            year_setup(actor=actor, agency=agency, year=y, frequency=frequency_of[y])
        period_ids = {(y, code): pk for y, code, pk in Period.objects.filter(year__agency=agency, year__year__in=years)
                      .values_list("year__year", "code", "id")}
        created, changed = _ratings_write(rows, own, period_ids)
        result = RatingsImportResult(agency.code, len(rows), created, changed - created, len(rows) - changed,
                                     years_created)
        audit_record(actor=actor, action="skp.import_ratings", agency=agency, object_type="performance.evaluation",
                     after={"file": table.name, "total": result.total, "created": result.created,
                            "updated": result.updated, "unchanged": result.unchanged, "years": years,
                            "years_created": years_created})
    return result


def _ratings_write(rows: list[RatingRow], own: dict[str, int], period_ids: dict[tuple[int, str], int]) -> tuple[int, int]:
    """Upsert the rows; return (rows inserted, rows inserted or actually changed). A final rating is
    never overwritten (also if it became final after the checks)."""
    ev, emp = Evaluation._meta.db_table, Employee._meta.db_table
    period, skp = Period._meta.db_table, Skp._meta.db_table
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    changed_cols = ("skp_id", "unit_id", "rating_hasil_kerja", "rating_perilaku_kerja", "predikat", "source",
                    "hasil_from_org", "note", "rated_by_id")
    distinct = " OR ".join(f"{ev}.{c} IS DISTINCT FROM excluded.{c}" for c in changed_cols)
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {STAGE}")
        cur.execute(f"CREATE TEMPORARY TABLE {STAGE} (employee_id bigint, period_id bigint, "
                    f"rating_hasil_kerja varchar(7), rating_perilaku_kerja varchar(7), predikat varchar(15))")
        try:
            load_rows(cur, STAGE, STAGE_COLUMNS,
                      ((own[r.nip], period_ids[(r.year, r.period)], r.hasil_kerja, r.perilaku_kerja, r.predikat)
                       for r in rows))
            if connection.vendor == "postgresql" and len(rows) > 10_000:
                cur.execute(f"ANALYZE {STAGE}")
            cur.execute(f"SELECT COUNT(*) FROM {STAGE} s JOIN {ev} e "
                        f"ON e.employee_id = s.employee_id AND e.period_id = s.period_id")
            before = cur.fetchone()[0]
            cur.execute(
                f"INSERT INTO {ev} (period_id, employee_id, skp_id, unit_id, rating_hasil_kerja, "
                f"rating_perilaku_kerja, predikat, hasil_from_org, note, source, is_final, rated_by_id, rated_at) "
                f"SELECT s.period_id, s.employee_id, k.id, m.unit_id, s.rating_hasil_kerja, s.rating_perilaku_kerja, "
                f"s.predikat, FALSE, '', %s, FALSE, NULL, %s FROM {STAGE} s "
                f"JOIN {emp} m ON m.id = s.employee_id JOIN {period} p ON p.id = s.period_id "
                f"LEFT JOIN {skp} k ON k.employee_id = s.employee_id AND k.year_id = p.year_id WHERE TRUE "
                f"ON CONFLICT (employee_id, period_id) DO UPDATE SET "
                + ", ".join(f"{c} = excluded.{c}" for c in changed_cols)
                + f", rated_at = excluded.rated_at WHERE NOT {ev}.is_final AND ({distinct})",
                [Source.IMPORT, now],
            )
            changed = cur.rowcount
        finally:
            cur.execute(f"DROP TABLE IF EXISTS {STAGE}")
    return len(rows) - before, changed
