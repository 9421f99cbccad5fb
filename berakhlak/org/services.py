"""Writes to the organisation: imports of units and employees, unit heads.

Every import is all-or-nothing (one transaction, nothing written when any row has a problem),
re-runnable (upsert by natural key: unit code within the agency, NIP nationally) and set-based: the
database state it needs is read in a few queries, rows are checked by the pure functions of
``berakhlak.org.checks``, and employees are written with one ``INSERT … SELECT … ON CONFLICT`` per level
of the superior chain from a staging table (PostgreSQL ``COPY``; SQLite ``executemany``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from django.db import connection, transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from berakhlak.audit.services import audit_record
from berakhlak.framework.models import FrameworkVersion
from berakhlak.lib.db import load_rows
from berakhlak.lib.tabular import TableError, open_table
from berakhlak.org.checks import Problem, check_employees, check_units
from berakhlak.org.models import Agency, AgencyKind, Employee, Position, Unit, UnitClosure


class ImportRejected(Exception):
    """The file has problems; nothing was written. ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")

    def report(self) -> list[str]:
        """What a command prints on standard error: one ``FILE:ROW: column: reason`` line per problem,
        then the count."""
        n = len(self.problems)
        return [*(str(p) for p in self.problems), f"{n} masalah; tidak ada yang disimpan / {n} problem(s); nothing was saved"]


@dataclass
class ImportResult:
    kind: str
    agency: str
    total: int
    created: int
    updated: int
    unchanged: int
    dry_run: bool


Progress = Callable[[int], None] | None
Stage = Callable[[str], None] | None  # told "importing" when the check has passed and the writing starts

PROGRESS_EVERY = 10000


def _counted(rows, progress: Progress):
    """The rows unchanged, telling ``progress`` every ``PROGRESS_EVERY`` rows."""
    for count, row in enumerate(rows, start=1):
        if count % PROGRESS_EVERY == 0:
            progress(PROGRESS_EVERY)
        yield row


def open_import_table(source, filename: str | None, file_label: str):
    """The file as a ``Table``; an unreadable file is an ``ImportRejected`` with one problem line.

    Reading stops with an ``ImportRejected`` naming the row when the rest of the file cannot be read
    (bytes past a cell beyond the size limit, a broken quote). Cells holding a character no database
    may store are collected in ``table.problems``: pass the checks' problems through
    ``import_problems`` so that they are reported with their row and column."""
    try:
        table = open_table(source, name=filename)
    except TableError as exc:
        raise ImportRejected([Problem(filename or file_label, exc.row or 1, "-", str(exc).split(": ", 1)[-1])]) from None
    except OSError as exc:
        raise ImportRejected([Problem(filename or file_label, 0, "-", exc.strerror or str(exc))]) from None
    rows = table.rows

    def guarded():
        try:
            yield from rows
        except TableError as exc:
            raise ImportRejected([Problem(table.name, exc.row or 0, "-", str(exc).split(": ", 1)[-1])]) from None

    table.rows = guarded()
    return table


def import_problems(table, problems: list[Problem]) -> list[Problem]:
    """The checks' ``problems`` with the forbidden characters the reader found, sorted by row and column.

    A cell with a forbidden character reaches the checks with U+FFFD in its place: what they say about
    that cell is noise and left out; the character itself is the problem reported."""
    if not table.problems:
        return problems
    found = [Problem(table.name, row, column, reason) for row, column, reason in table.problems]
    bad_cells = {(p.row, p.column) for p in found}
    rest = [p for p in problems if (p.row, p.column) not in bad_cells]
    return sorted([*found, *rest], key=lambda p: (p.row, p.column))


def agency_get(code: str | None) -> Agency:
    """The agency with this code; with no code, the only agency (DESIGN.md: ``--agency`` may be left out)."""
    if code:
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            raise Agency.DoesNotExist(f"instansi {code} tidak ada / agency {code} does not exist")
        return agency
    agencies = list(Agency.objects.all()[:2])
    if len(agencies) != 1:
        raise Agency.DoesNotExist(
            "sebutkan --agency KODE (ada lebih dari satu instansi atau belum ada) / give --agency CODE"
        )
    return agencies[0]


def agency_create(*, code: str, name: str, kind: str = AgencyKind.PUSAT, actor=None) -> Agency:
    with transaction.atomic():
        agency = Agency.objects.create(
            code=code, name=name, kind=kind, framework_version=FrameworkVersion.objects.filter(is_default=True).first()
        )
        audit_record(actor=actor, action="agency.create", agency=agency, obj=agency,
                     after={"code": code, "name": name, "kind": kind})
    return agency


# --- units ---------------------------------------------------------------------------------------

def units_import(*, source: str | Path | BinaryIO, agency_code: str, agency_name: str | None = None,
                 filename: str | None = None, dry_run: bool = False, actor=None, progress: Progress = None,
                 stage: Stage = None) -> ImportResult:
    """Import the work-unit tree (``kode,nama,induk_kode``) of one agency; create the agency if missing."""
    table = open_import_table(source, filename, "units")
    if progress is not None:
        table.rows = _counted(table.rows, progress)
    agency = Agency.objects.filter(code=agency_code).first()
    if agency is None and not agency_name:
        agency_name = agency_code
    existing = {}
    if agency is not None:
        existing = {u.code: u for u in Unit.objects.filter(agency=agency).select_related("parent").only(
            "id", "code", "name", "path", "depth", "parent_id", "parent__code")}
    existing_parent_of = {code: (u.parent.code if u.parent_id else "") for code, u in existing.items()}
    plan, problems = check_units(table.name, table.rows, table.header, existing_parent_of)
    problems = import_problems(table, problems)
    if problems:
        raise ImportRejected(problems)
    new_codes = [r for r in plan.rows if r[1] not in existing]
    changed = [r for r in plan.rows if r[1] in existing and (
        existing[r[1]].name != r[2] or existing_parent_of[r[1]] != r[3])]
    result = ImportResult("units", agency_code, len(plan.rows), len(new_codes), len(changed),
                          len(plan.rows) - len(new_codes) - len(changed), dry_run)
    if dry_run:
        return result
    if stage is not None:
        stage("importing")
    with transaction.atomic():
        if agency is None:
            agency = agency_create(code=agency_code, name=agency_name or agency_code, actor=actor)
        elif agency_name and agency.name != agency_name:
            agency.name = agency_name
            agency.save(update_fields=["name"])
        ids = {code: u.id for code, u in existing.items()}
        # new units level by level, so that every parent exists before its children
        by_depth: dict[int, list[tuple]] = {}
        for row in new_codes:
            by_depth.setdefault(plan.depth[row[1]], []).append(row)
        for level in sorted(by_depth):
            created = Unit.objects.bulk_create([
                Unit(agency=agency, code=kode, name=nama, parent_id=ids[induk] if induk else None,
                     path=f"/new-{agency.id}-{kode}/", depth=level)
                for _n, kode, nama, induk in by_depth[level]
            ], batch_size=2000)
            for unit in created:
                ids[unit.code] = unit.id
        # recompute every path and depth of the agency from the merged tree (O(units), no recursion)
        path_of: dict[str, str] = {}
        for code in sorted(plan.parent_of, key=lambda c: plan.depth[c]):
            parent = plan.parent_of[code]
            path_of[code] = (path_of[parent] if parent else "/") + f"{ids[code]}/"
        names = {r[1]: r[2] for r in plan.rows}
        to_update, path_changed = [], []
        for code, unit_id in ids.items():
            unit = existing.get(code)
            parent_code = plan.parent_of[code]
            parent_id = ids[parent_code] if parent_code else None
            name = names.get(code, unit.name if unit else "")
            if unit is None or unit.path != path_of[code] or unit.parent_id != parent_id or unit.name != name \
                    or unit.depth != plan.depth[code]:
                to_update.append(Unit(id=unit_id, name=name, parent_id=parent_id, path=path_of[code],
                                      depth=plan.depth[code]))
                if unit is None or unit.path != path_of[code]:
                    path_changed.append((unit_id, path_of[code]))
        # paths are unique: move changed units through a temporary path first
        if to_update:
            existing_ids = {e.id for e in existing.values()}
            moving = [unit_id for unit_id, _path in path_changed if unit_id in existing_ids]
            for i in range(0, len(moving), 5000):
                Unit.objects.filter(id__in=moving[i:i + 5000]).update(path=_temp_path_expr())
            _units_write(to_update)
            unit_closure_refresh(units=path_changed)
        audit_record(actor=actor, action="org.import_units", agency=agency, object_type="org.unit",
                     after={"file": table.name, "total": result.total, "created": result.created,
                            "updated": result.updated})
    return result


def _units_write(units: list[Unit]) -> None:
    """Write name, parent, path and depth of many units with one ``UPDATE … FROM`` a staging table
    (PostgreSQL, SQLite ≥ 3.33); ``bulk_update``'s CASE expressions grow quadratically with the batch."""
    table, stage = Unit._meta.db_table, "bk_stage_unit"
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {stage}")
        cur.execute(f"CREATE TEMPORARY TABLE {stage} (id bigint PRIMARY KEY, name varchar(255), parent_id bigint, "
                    f"path varchar(1024), depth integer)")
        load_rows(cur, stage, ("id", "name", "parent_id", "path", "depth"),
                  ((u.id, u.name, u.parent_id, u.path, u.depth) for u in units))
        cur.execute(f"UPDATE {table} SET name = s.name, parent_id = s.parent_id, path = s.path, depth = s.depth "
                    f"FROM {stage} s WHERE {table}.id = s.id")
        cur.execute(f"DROP TABLE {stage}")


def unit_closure_refresh(*, units: list[tuple[int, str]]) -> None:
    """Rewrite the closure rows of these units (id, new path): one row per ancestor, itself included."""
    ids = [unit_id for unit_id, _path in units]
    for i in range(0, len(ids), 5000):
        UnitClosure.objects.filter(descendant_id__in=ids[i:i + 5000]).delete()
    rows = []
    for unit_id, path in units:
        chain = [int(part) for part in path.strip("/").split("/")]
        rows.extend((anc, unit_id, len(chain) - 1 - i) for i, anc in enumerate(chain))
    with connection.cursor() as cur:
        load_rows(cur, UnitClosure._meta.db_table, ("ancestor_id", "descendant_id", "distance"), rows)


def _temp_path_expr():
    return Concat(Value("/tmp-"), Cast(F("id"), CharField()), Value("/"))


# --- employees -----------------------------------------------------------------------------------

STAGE = "bk_stage_employee"
STAGE_COLUMNS = ("nip", "name", "sex", "birth_date", "employment_type", "unit_id", "position_id",
                 "superior_nip", "email", "depth")


def _nips_elsewhere(agency_id: int):
    """Which of the given NIPs belong to another agency: one array query on PostgreSQL, chunks on SQLite."""
    def lookup(nips: list[str]) -> set[str]:
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute(f"SELECT nip FROM {Employee._meta.db_table} WHERE nip = ANY(%s) AND agency_id <> %s",
                            [nips, agency_id])
                return {row[0] for row in cur.fetchall()}
        found: set[str] = set()
        for i in range(0, len(nips), 20000):
            found.update(Employee.objects.filter(nip__in=nips[i:i + 20000]).exclude(agency_id=agency_id)
                         .values_list("nip", flat=True))
        return found

    return lookup


def employees_import(*, source: str | Path | BinaryIO, agency_code: str | None, filename: str | None = None,
                     dry_run: bool = False, actor=None, today: date | None = None,
                     progress: Progress = None, stage: Stage = None) -> ImportResult:
    """Import employees (``nip,nama,unit_kode,jabatan,jenis_jabatan,jenis_pegawai,atasan_nip,email``)."""
    table = open_import_table(source, filename, "employees")
    try:
        agency = agency_get(agency_code)
    except Agency.DoesNotExist as exc:
        raise ImportRejected([Problem(table.name, 0, "--agency", str(exc))]) from None
    unit_ids = dict(Unit.objects.filter(agency=agency).values_list("code", "id"))
    existing_superior_of = {
        nip: sup or "" for nip, sup in Employee.objects.filter(agency=agency).values_list("nip", "superior__nip")
    }
    plan, problems = check_employees(
        table.name, table.rows, table.header, unit_codes=unit_ids, existing_superior_of=existing_superior_of,
        nips_elsewhere=_nips_elsewhere(agency.id), today=today or timezone.localdate(), progress=progress,
    )
    problems = import_problems(table, problems)
    if problems:
        raise ImportRejected(problems)
    total = len(plan.rows)
    created = sum(1 for r in plan.rows if r[1] not in existing_superior_of)
    if dry_run:
        return ImportResult("employees", agency.code, total, created, 0, total - created, True)
    if stage is not None:
        stage("importing")
    with transaction.atomic():
        positions = _positions_ensure(agency, {(r[4], r[5]) for r in plan.rows})
        written = _employees_write(agency, plan, unit_ids, positions)
        heads = units_assign_heads(agency=agency)
        result = ImportResult("employees", agency.code, total, created, written - created, total - written, False)
        audit_record(actor=actor, action="org.import_employees", agency=agency, object_type="org.employee",
                     after={"file": table.name, "total": total, "created": result.created,
                            "updated": result.updated, "heads_assigned": heads})
    return result


def _positions_ensure(agency: Agency, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    existing = {(name, kind): pk for pk, name, kind in Position.objects.filter(agency=agency).values_list("id", "name", "kind")}
    missing = [Position(agency=agency, name=name, kind=kind) for name, kind in sorted(wanted - set(existing))]
    if missing:
        Position.objects.bulk_create(missing, batch_size=2000)
        existing = {(name, kind): pk for pk, name, kind in
                    Position.objects.filter(agency=agency).values_list("id", "name", "kind")}
    return existing


def _employees_write(agency: Agency, plan, unit_ids: dict[str, int], positions: dict) -> int:
    """Upsert the planned rows; return how many rows were inserted or actually changed."""
    vendor = connection.vendor
    emp = Employee._meta.db_table
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    depth = plan.depth
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {STAGE}")
        cur.execute(
            f"CREATE TEMPORARY TABLE {STAGE} (nip varchar(18) PRIMARY KEY, name varchar(255), sex varchar(1), "
            f"birth_date date, employment_type varchar(4), unit_id bigint, position_id bigint, "
            f"superior_nip varchar(18), email varchar(254), depth integer)"
        )
        rows = (
            (r[1], r[2], r[9], r[10], r[6], unit_ids[r[3]], positions[(r[4], r[5])], r[7] or None, r[8], depth[r[1]])
            for r in plan.rows
        )
        load_rows(cur, STAGE, STAGE_COLUMNS, rows)
        cur.execute(f"CREATE INDEX {STAGE}_depth ON {STAGE} (depth)")
        levels = sorted({d for d in depth.values()})
        changed = 0
        set_cols = ("name", "sex", "birth_date", "employment_type", "unit_id", "position_id", "superior_id", "email")
        distinct = " OR ".join(f"{emp}.{c} IS DISTINCT FROM excluded.{c}" for c in set_cols) + f" OR NOT {emp}.is_active"
        for level in levels:
            cur.execute(
                f"INSERT INTO {emp} (agency_id, nip, name, sex, birth_date, employment_type, unit_id, position_id, "
                f"superior_id, email, is_active, created_at, updated_at) "
                f"SELECT %s, s.nip, s.name, s.sex, s.birth_date, s.employment_type, s.unit_id, s.position_id, "
                f"sup.id, COALESCE(s.email, ''), TRUE, %s, %s FROM {STAGE} s "
                f"LEFT JOIN {emp} sup ON sup.nip = s.superior_nip WHERE s.depth = %s "
                f"ON CONFLICT (nip) DO UPDATE SET "
                + ", ".join(f"{c} = excluded.{c}" for c in set_cols)
                + f", is_active = TRUE, updated_at = excluded.updated_at "
                f"WHERE {emp}.agency_id = excluded.agency_id AND ({distinct})",
                [agency.id, now, now, level],
            )
            changed += cur.rowcount
        cur.execute(f"DROP TABLE {STAGE}")
        if vendor == "postgresql" and changed > 10_000:
            cur.execute(f"ANALYZE {emp}")  # a large load makes the planner's statistics stale
    return changed


def units_assign_heads(*, agency: Agency) -> int:
    """Set the head of each unit of ``agency`` that has none (or whose head left the unit).

    The head is the unit's highest structural official (JPT, then ADMINISTRATOR, then PENGAWAS) whose own
    superior is outside the unit; ties go to the lowest NIP. A head set by hand who still belongs to the
    unit is kept. Returns the number of units whose head changed. One UPDATE, no loop.
    """
    unit, emp, pos = Unit._meta.db_table, Employee._meta.db_table, Position._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"""UPDATE {unit} SET head_id = (
                  SELECT e.id FROM {emp} e
                  JOIN {pos} p ON p.id = e.position_id
                  LEFT JOIN {emp} s ON s.id = e.superior_id
                  WHERE e.unit_id = {unit}.id AND e.is_active
                    AND p.kind IN ('JPT', 'ADMINISTRATOR', 'PENGAWAS')
                    AND (s.id IS NULL OR s.unit_id <> e.unit_id)
                  ORDER BY CASE p.kind WHEN 'JPT' THEN 0 WHEN 'ADMINISTRATOR' THEN 1 ELSE 2 END, e.nip
                  LIMIT 1)
                WHERE agency_id = %s AND (head_id IS NULL OR NOT EXISTS (
                  SELECT 1 FROM {emp} h WHERE h.id = {unit}.head_id AND h.unit_id = {unit}.id AND h.is_active))""",
            [agency.id],
        )
        return cur.rowcount


def agency_set_framework(*, agency: Agency, version: FrameworkVersion, actor=None) -> Agency:
    """Choose the BerAKHLAK wording in force for ``agency`` (one active version per agency), audited."""
    with transaction.atomic():
        before = agency.framework_version.code if agency.framework_version_id else None
        agency.framework_version = version
        agency.save(update_fields=["framework_version"])
        audit_record(actor=actor, action="agency.set_framework", agency=agency, obj=agency,
                     before={"framework_version": before}, after={"framework_version": version.code})
    return agency


# --- import jobs (web uploads, run by berakhlak.org.tasks.run_import_job) ----------------------------

def import_job_path(job) -> Path:
    """Where the job's uploaded file lies while the job runs."""
    from django.conf import settings

    return Path(settings.IMPORT_UPLOAD_DIR) / job.stored_name


def import_job_create(*, actor, agency: Agency, kind: str, upload, dry_run: bool = False):
    """Record an import job for an upload streamed to disk (``berakhlak.lib.uploads``) and claim its file:
    the part file is moved to the job's private name, so the request's clean-up no longer deletes it."""
    import secrets

    from django.conf import settings

    from berakhlak.lib.uploads import private_dir
    from berakhlak.org.models import ImportJob

    stored = f"job-{secrets.token_hex(16)}"
    private_dir(settings.IMPORT_UPLOAD_DIR)
    with transaction.atomic():
        job = ImportJob.objects.create(agency=agency, created_by=actor, kind=kind, file_name=upload.name[:255],
                                       stored_name=stored, size=upload.size, dry_run=dry_run)
        Path(upload.temporary_file_path()).replace(import_job_path(job))
    return job


def _row_estimate(path: Path) -> int | None:
    """Data rows of a CSV by its line count (a quoted line break or a blank line makes it an estimate);
    ``None`` for XLSX. Reads 1 MiB at a time."""
    with open(path, "rb") as fh:
        head = fh.read(4)
        if head == b"PK\x03\x04":
            return None
        fh.seek(0)
        lines, last = 0, b"\n"
        while chunk := fh.read(1 << 20):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    if last != b"\n":
        lines += 1
    return max(lines - 1, 0)


def import_jobs_expire(*, now=None) -> int:
    """Housekeeping of the upload folder, run before each job: a job still CHECKING or IMPORTING
    ``IMPORT_JOB_STALE_HOURS`` after it started was cut off (its worker killed; its transaction rolled
    back, so nothing was half-written): it ends FAILED and its file is deleted. Files of the folder older
    than that which no waiting or running job owns (a part file of an upload cut off, a file of a job
    that ended without clean-up) are deleted too. Returns the number of jobs ended."""
    from datetime import timedelta

    from django.conf import settings

    from berakhlak.org.models import ImportJob, ImportJobStatus

    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.IMPORT_JOB_STALE_HOURS)
    stale = ImportJob.objects.filter(status__in=[ImportJobStatus.CHECKING, ImportJobStatus.IMPORTING],
                                     started_at__lt=cutoff)
    directory = Path(settings.IMPORT_UPLOAD_DIR)
    for stored in stale.exclude(stored_name="").values_list("stored_name", flat=True):
        (directory / stored).unlink(missing_ok=True)
    ended = stale.update(status=ImportJobStatus.FAILED, finished_at=now, stored_name="",
                         error="impor terputus (proses latar berhenti) / the import was cut off (worker stopped)")
    if directory.is_dir():
        owned = set(ImportJob.objects.filter(status__in=ImportJob.RUNNING).exclude(stored_name="")
                    .values_list("stored_name", flat=True))
        for path in directory.iterdir():
            try:
                old = path.stat().st_mtime < cutoff.timestamp()
            except FileNotFoundError:
                continue
            if old and path.is_file() and path.name not in owned:
                path.unlink(missing_ok=True)
    return ended


def import_job_run(*, job_id: int):
    """Run a queued import job: check (and, unless a dry run, import) its file with the import services,
    reporting progress on the job row; end DONE, REJECTED (with the problem lines) or FAILED; the file is
    deleted in every case. A job that is no longer QUEUED is left alone (a task delivered twice)."""
    import logging
    import time

    from django.conf import settings

    from berakhlak.org.models import ImportJob, ImportJobStatus, ImportKind

    import_jobs_expire()
    jobs = ImportJob.objects.filter(pk=job_id)
    if not jobs.filter(status=ImportJobStatus.QUEUED).update(status=ImportJobStatus.CHECKING,
                                                            started_at=timezone.now()):
        return ImportJob.objects.filter(pk=job_id).first()
    job = ImportJob.objects.select_related("agency", "created_by").get(pk=job_id)
    path = import_job_path(job)
    done, last = 0, 0.0

    def progress(n: int) -> None:
        nonlocal done, last
        done += n
        now = time.monotonic()
        if now - last >= 0.5:
            last = now
            jobs.update(rows_done=done)

    def stage(_name: str) -> None:
        jobs.update(status=ImportJobStatus.IMPORTING, rows_done=done)

    try:
        jobs.update(rows_total=_row_estimate(path))
        service = units_import if job.kind == ImportKind.UNITS else employees_import
        with open(path, "rb") as fh:
            result = service(source=fh, agency_code=job.agency.code, filename=job.file_name, dry_run=job.dry_run,
                             actor=job.created_by, progress=progress, stage=stage)
    except ImportRejected as exc:
        kept = settings.IMPORT_PROBLEMS_KEPT
        jobs.update(status=ImportJobStatus.REJECTED, problem_count=len(exc.problems),
                    problems=[f"{p.row}: {p.column}: {p.reason}" for p in exc.problems[:kept]],
                    finished_at=timezone.now())
    except Exception:
        logging.getLogger(__name__).exception("import job %s failed", job_id)
        jobs.update(status=ImportJobStatus.FAILED, finished_at=timezone.now(),
                    error="Terjadi kesalahan tak terduga; tidak ada yang disimpan / "
                          "an unexpected error occurred; nothing was saved")
    else:
        jobs.update(status=ImportJobStatus.DONE, rows_done=result.total, rows_total=result.total,
                    result={"total": result.total, "created": result.created, "updated": result.updated,
                            "unchanged": result.unchanged},
                    finished_at=timezone.now())
    finally:
        if job.stored_name:
            path.unlink(missing_ok=True)
            jobs.update(stored_name="")
    return ImportJob.objects.get(pk=job_id)
