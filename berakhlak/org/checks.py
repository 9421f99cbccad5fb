"""Pure checks of organisation import files: no Django, no database.

The service (``berakhlak.org.services``) reads the database state it needs in a few set-based queries,
hands it to these functions with the file's rows, and writes nothing unless they return no problem.
Row numbers are as a spreadsheet shows them (header = row 1). Contracts: DESIGN.md "File formats".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from berakhlak.lib.i18n import gettext_noop
from berakhlak.org.nip import PNS, PPPK, nip_problems

UNIT_COLUMNS = ("kode", "nama", "induk_kode")
UNIT_REQUIRED = ("kode", "nama", "induk_kode")
EMPLOYEE_COLUMNS = ("nip", "nama", "unit_kode", "jabatan", "jenis_jabatan", "jenis_pegawai", "atasan_nip", "email")
EMPLOYEE_REQUIRED = ("nip", "nama", "unit_kode", "jabatan", "jenis_jabatan", "jenis_pegawai")
POSITION_KINDS = ("JPT", "ADMINISTRATOR", "PENGAWAS", "PELAKSANA", "FUNGSIONAL")
EMPLOYMENT_TYPES = (PNS, PPPK)
EMAIL_RE = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
MAX_CODE, MAX_NAME, MAX_EMAIL = 64, 255, 254


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in an import file, shown as ``FILE:ROW: column: reason``."""

    file: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.column}: {self.reason}"


def check_header(file: str, header: list[str], required: Iterable[str]) -> list[Problem]:
    """Every required column must be present (case-insensitive); the header is row 1."""
    present = set(header)
    problems = [
        Problem(file, 1, col, gettext_noop("kolom wajib tidak ada / required column missing"))
        for col in required
        if col not in present
    ]
    seen: set[str] = set()
    for col in header:
        if col and col in seen:
            problems.append(Problem(file, 1, col, gettext_noop("kolom muncul dua kali / column appears twice")))
        seen.add(col)
    return problems


def _cycle_text(chain: list[str]) -> str:
    return " → ".join(chain)


def find_cycles(parent_of: dict[str, str]) -> tuple[dict[str, int], list[list[str]]]:
    """Depth of every key of a child → parent mapping, and the cycles the mapping contains.

    A key whose parent is "" is a root (depth 0); a key whose parent is not itself a key hangs from
    something outside the mapping (depth 1); otherwise depth = 1 + depth of the parent. Iterative and
    O(n): it never recurses in Python. Keys on a cycle, or above one, get no depth.
    """
    depth: dict[str, int] = {}
    done: set[str] = set()
    cycles: list[list[str]] = []
    for start in parent_of:
        if start in done:
            continue
        walk: list[str] = []
        on_walk: set[str] = set()
        node = start
        base: int | None
        while True:
            walk.append(node)
            on_walk.add(node)
            parent = parent_of[node]
            if parent == "":
                base = -1
                break
            if parent not in parent_of:
                base = 0
                break
            if parent in done:
                base = depth.get(parent)
                break
            if parent in on_walk:
                i = walk.index(parent)
                cycles.append(walk[i:] + [parent])
                base = None
                break
            node = parent
        for member in reversed(walk):
            done.add(member)
            if base is not None:
                base += 1
                depth[member] = base
    return depth, cycles


@dataclass
class UnitPlan:
    rows: list[tuple[int, str, str, str]] = field(default_factory=list)  # (row, kode, nama, induk_kode)
    depth: dict[str, int] = field(default_factory=dict)  # merged tree: code -> depth (root 0)
    parent_of: dict[str, str] = field(default_factory=dict)  # merged tree: code -> parent code ("" root)


def check_units(file: str, rows: Iterable[tuple[int, list[str]]], header: list[str],
                existing_parent_of: dict[str, str]) -> tuple[UnitPlan, list[Problem]]:
    """Check a units file (``kode,nama,induk_kode``) against the agency's existing tree.

    ``existing_parent_of`` maps every existing unit code of the agency to its parent code ("" = root).
    """
    problems = check_header(file, header, UNIT_REQUIRED)
    plan = UnitPlan()
    if problems:
        return plan, problems
    ik, inama, iparent = (header.index(c) for c in UNIT_COLUMNS)
    first_row: dict[str, int] = {}
    roots: list[tuple[int, str]] = []
    for number, cells in rows:
        kode, nama, induk = cells[ik], cells[inama], cells[iparent]
        ok = True
        if not kode:
            problems.append(Problem(file, number, "kode", gettext_noop("wajib diisi / required")))
            ok = False
        elif len(kode) > MAX_CODE:
            problems.append(Problem(file, number, "kode", gettext_noop("paling panjang 64 karakter / at most 64 characters")))
            ok = False
        elif kode in first_row:
            problems.append(Problem(file, number, "kode",
                                    gettext_noop("kode %(kode)s sudah ada di baris %(row)d / duplicate of row %(row)d")
                                    % {"kode": kode, "row": first_row[kode]}))
            ok = False
        if not nama:
            problems.append(Problem(file, number, "nama", gettext_noop("wajib diisi / required")))
            ok = False
        elif len(nama) > MAX_NAME:
            problems.append(Problem(file, number, "nama", gettext_noop("paling panjang 255 karakter / at most 255 characters")))
            ok = False
        if induk and induk == kode:
            problems.append(Problem(file, number, "induk_kode",
                                    gettext_noop("unit tidak boleh menjadi induknya sendiri / a unit cannot be its own parent")))
            ok = False
        if not ok:
            continue
        first_row[kode] = number
        plan.rows.append((number, kode, nama, induk))
        if not induk:
            roots.append((number, kode))
    # parents must exist in the file or in the agency
    known = set(existing_parent_of) | set(first_row)
    for number, _kode, _nama, induk in plan.rows:
        if induk and induk not in known:
            problems.append(Problem(file, number, "induk_kode",
                                    gettext_noop("unit induk %(kode)s tidak dikenal / unknown parent unit") % {"kode": induk}))
    # one root per agency
    existing_roots = [c for c, p in existing_parent_of.items() if p == "" and c not in first_row]
    for number, _kode in roots[1:]:
        problems.append(Problem(file, number, "induk_kode",
                                gettext_noop("hanya satu unit boleh tanpa induk; %(kode)s di baris %(row)d sudah menjadi unit utama / "
                                             "only one unit may have no parent")
                                % {"kode": roots[0][1], "row": roots[0][0]}))
    if roots and existing_roots:
        number, kode = roots[0]
        problems.append(Problem(file, number, "induk_kode",
                                gettext_noop("instansi sudah punya unit utama %(kode)s; beri unit ini induk / the agency already has root unit %(kode)s")
                                % {"kode": existing_roots[0]}))
    merged = dict(existing_parent_of)
    for _number, kode, _nama, induk in plan.rows:
        merged[kode] = induk
    if not any(p == "" for p in merged.values()) and merged and not problems:
        number = plan.rows[0][0] if plan.rows else 2
        problems.append(Problem(file, number, "induk_kode",
                                gettext_noop("tidak ada unit utama (unit tanpa induk) / no root unit (a unit with an empty induk_kode)")))
    depth, cycles = find_cycles({k: v for k, v in merged.items()})
    for cycle in cycles:
        rows_in_file = [first_row[c] for c in cycle[:-1] if c in first_row]
        number = min(rows_in_file) if rows_in_file else 2
        kode = next((c for c in cycle if first_row.get(c) == number), cycle[0])
        problems.append(Problem(file, number, "induk_kode",
                                gettext_noop("unit %(kode)s akan menjadi leluhurnya sendiri (%(chain)s) / a unit would be its own ancestor")
                                % {"kode": kode, "chain": _cycle_text(cycle)}))
    plan.depth = depth
    plan.parent_of = merged
    problems.sort(key=lambda p: (p.row, p.column))
    return plan, problems


@dataclass
class EmployeePlan:
    # (row, nip, nama, unit_kode, jabatan, jenis_jabatan, jenis_pegawai, atasan_nip, email, sex, birth_date)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    depth: dict[str, int] = field(default_factory=dict)  # nip -> level in the superior chain (0 = no superior)


def check_employees(file: str, rows: Iterable[tuple[int, list[str]]], header: list[str], *,
                    unit_codes: set[str] | dict[str, int], existing_superior_of: dict[str, str],
                    nips_elsewhere: Callable[[list[str]], Iterable[str]] | None = None, today: date | None = None,
                    progress: Callable[[int], object] | None = None) -> tuple[EmployeePlan, list[Problem]]:
    """Check an employees file against the agency's units and employees.

    ``existing_superior_of`` maps every NIP of the agency's existing employees to their superior's NIP
    ("" if none). ``nips_elsewhere(nips)`` returns which of the given NIPs belong to another agency.
    NIP rules: ``berakhlak.org.nip`` (REGULATIONS.md §6).
    """
    problems = check_header(file, header, EMPLOYEE_REQUIRED)
    plan = EmployeePlan()
    if problems:
        return plan, problems
    idx = {c: header.index(c) for c in EMPLOYEE_COLUMNS if c in header}
    i_nip, i_nama, i_unit, i_jab, i_jj, i_jp = (idx[c] for c in EMPLOYEE_REQUIRED)
    i_atasan, i_email = idx.get("atasan_nip"), idx.get("email")
    first_row: dict[str, int] = {}
    pending_superior: list[tuple[int, str, str]] = []
    append = problems.append
    for count, (number, cells) in enumerate(rows, start=1):
        if progress is not None and count % 10000 == 0:
            progress(10000)
        nip, nama, unit, jab, jj, jp = cells[i_nip], cells[i_nama], cells[i_unit], cells[i_jab], cells[i_jj], cells[i_jp]
        atasan = cells[i_atasan] if i_atasan is not None else ""
        email = cells[i_email] if i_email is not None else ""
        ok = True
        jj_u, jp_u = jj.upper(), jp.upper()
        if not jp:
            append(Problem(file, number, "jenis_pegawai", gettext_noop("wajib diisi / required")))
            ok = False
        elif jp_u not in EMPLOYMENT_TYPES:
            append(Problem(file, number, "jenis_pegawai",
                           gettext_noop("%(v)s tidak dikenal; pilih PNS atau PPPK / unknown, use PNS or PPPK") % {"v": jp}))
            ok = False
        if not nip:
            append(Problem(file, number, "nip", gettext_noop("wajib diisi / required")))
            ok = False
        else:
            nip_issues = nip_problems(nip, jp_u if jp_u in EMPLOYMENT_TYPES else PNS, today=today)
            if nip_issues:
                for reason in nip_issues:
                    append(Problem(file, number, "nip", reason))
                ok = False
            elif nip in first_row:
                append(Problem(file, number, "nip",
                               gettext_noop("NIP %(nip)s sudah ada di baris %(row)d / duplicate of row %(row)d")
                               % {"nip": nip, "row": first_row[nip]}))
                ok = False
        if not nama:
            append(Problem(file, number, "nama", gettext_noop("wajib diisi / required")))
            ok = False
        elif len(nama) > MAX_NAME:
            append(Problem(file, number, "nama", gettext_noop("paling panjang 255 karakter / at most 255 characters")))
            ok = False
        if not unit:
            append(Problem(file, number, "unit_kode", gettext_noop("wajib diisi / required")))
            ok = False
        elif unit not in unit_codes:
            append(Problem(file, number, "unit_kode",
                           gettext_noop("unit %(kode)s tidak dikenal di instansi ini / unknown unit") % {"kode": unit}))
            ok = False
        if not jab:
            append(Problem(file, number, "jabatan", gettext_noop("wajib diisi / required")))
            ok = False
        elif len(jab) > MAX_NAME:
            append(Problem(file, number, "jabatan", gettext_noop("paling panjang 255 karakter / at most 255 characters")))
            ok = False
        if not jj:
            append(Problem(file, number, "jenis_jabatan", gettext_noop("wajib diisi / required")))
            ok = False
        elif jj_u not in POSITION_KINDS:
            append(Problem(file, number, "jenis_jabatan",
                           gettext_noop("%(v)s tidak dikenal; pilih JPT, ADMINISTRATOR, PENGAWAS, PELAKSANA atau FUNGSIONAL / unknown kind")
                           % {"v": jj}))
            ok = False
        if email and (len(email) > MAX_EMAIL or not EMAIL_RE.match(email)):
            append(Problem(file, number, "email", gettext_noop("%(v)s bukan alamat surel yang valid / not a valid e-mail address") % {"v": email}))
            ok = False
        if atasan and atasan == nip:
            append(Problem(file, number, "atasan_nip",
                           gettext_noop("pegawai tidak boleh menjadi atasannya sendiri / an employee cannot be their own superior")))
            ok = False
        if nip and nip not in first_row:
            first_row[nip] = number
        if atasan and atasan != nip:
            pending_superior.append((number, nip, atasan))  # checked even when the row has other problems
        if not ok:
            continue
        # sex and birth date come from the NIP (validated above)
        sex = "L" if nip[14] == "1" else "P"
        birth = f"{nip[0:4]}-{nip[4:6]}-{nip[6:8]}"
        plan.rows.append((number, nip, nama, unit, jab, jj_u, jp_u, atasan, email, sex, birth))
    # superiors must be known: in this file or among the agency's employees
    for number, _nip, atasan in pending_superior:
        if atasan not in first_row and atasan not in existing_superior_of:
            append(Problem(file, number, "atasan_nip",
                           gettext_noop("atasan dengan NIP %(nip)s tidak dikenal di instansi ini / unknown superior") % {"nip": atasan}))
    # NIPs that belong to another agency
    if nips_elsewhere is not None and plan.rows:
        elsewhere = nips_elsewhere([r[1] for r in plan.rows])
        if elsewhere:
            for r in plan.rows:
                if r[1] in elsewhere:
                    append(Problem(file, r[0], "nip",
                                   gettext_noop("NIP sudah terdaftar pada instansi lain / the NIP belongs to another agency")))
    # the superior chain must not loop (file rows override the agency's current chains)
    merged = dict(existing_superior_of)
    for r in plan.rows:
        merged[r[1]] = r[7]
    depth, cycles = find_cycles(merged)
    for cycle in cycles:
        rows_in_file = [first_row[n] for n in cycle[:-1] if n in first_row]
        number = min(rows_in_file) if rows_in_file else 2
        append(Problem(file, number, "atasan_nip",
                       gettext_noop("rantai atasan melingkar / the superior chain loops: %(chain)s") % {"chain": _cycle_text(cycle)}))
    plan.depth = depth
    problems.sort(key=lambda p: (p.row, p.column))
    return plan, problems
