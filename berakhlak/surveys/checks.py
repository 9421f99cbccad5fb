"""Pure checks of a survey-responses file (DESIGN.md "File formats": survey responses).

``respondent,unit_kode,BP1,BP2,BP3,AK1,…,KL3``: integer answers on the wave's scale, empty for "no
answer". Every problem is one ``FILE:ROW: column: reason`` line (bilingual); the caller writes
nothing when there is any.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from berakhlak.analytics.likert import BEHAVIOUR_CODES
from berakhlak.lib.i18n import gettext_noop
from berakhlak.org.checks import Problem, check_header

REQUIRED = ("respondent", "unit_kode", *BEHAVIOUR_CODES)


def check_responses(file: str, header: list[str], rows: Iterable[tuple[int, list[str]]], *,
                    unit_ids: Mapping[str, int], scale: tuple[int, int]) -> tuple[list[tuple[Any, ...]], list[Problem]]:
    """Validated rows ``(respondent, unit_id, a1, …, a21)`` and the problems found.

    Checks: every column present; respondent given and not repeated; unit known in the agency;
    answers integers on the scale or empty; a row with no answer at all is refused.
    """
    header = [h.strip().lower() for h in header]  # column names are case-insensitive
    problems = check_header(file, header, [name.lower() for name in REQUIRED])
    if problems:
        original = {name.lower(): name for name in REQUIRED}
        return [], [Problem(p.file, p.row, original.get(p.column, p.column), p.reason) for p in problems]
    low, high = scale
    col = {name: header.index(name.lower()) for name in REQUIRED}
    seen: dict[str, int] = {}
    out: list[tuple[Any, ...]] = []
    for number, cells in rows:
        respondent = cells[col["respondent"]].strip()
        if not respondent:
            problems.append(Problem(file, number, "respondent", gettext_noop("wajib diisi / required")))
        elif len(respondent) > 64:
            problems.append(Problem(file, number, "respondent", gettext_noop("paling panjang 64 karakter / at most 64 characters")))
        elif respondent in seen:
            problems.append(Problem(file, number, "respondent",
                                    f"sudah ada di baris {seen[respondent]} / already on row {seen[respondent]}"))
        else:
            seen[respondent] = number
        unit_code = cells[col["unit_kode"]].strip()
        unit_id = unit_ids.get(unit_code)
        if unit_id is None:
            problems.append(Problem(file, number, "unit_kode",
                                    f"unit {unit_code or '(kosong)'} tidak ada di instansi ini / unknown unit"))
        answers: list[int | None] = []
        before = len(problems)
        for code in BEHAVIOUR_CODES:
            raw = cells[col[code]].strip()
            if raw == "":
                answers.append(None)
                continue
            try:
                number_value = float(raw)
            except ValueError:
                problems.append(Problem(file, number, code, f"bukan angka: {raw!r} / not a number"))
                answers.append(None)
                continue
            if not number_value.is_integer():
                problems.append(Problem(file, number, code, f"harus bilangan bulat: {raw} / must be a whole number"))
                answers.append(None)
            elif not low <= number_value <= high:
                problems.append(Problem(file, number, code,
                                        f"{raw} di luar skala {low}–{high} / {raw} is off the {low}-{high} scale"))
                answers.append(None)
            else:
                answers.append(int(number_value))
        if all(a is None for a in answers) and len(problems) == before:  # empty, not merely refused
            problems.append(Problem(file, number, "-", gettext_noop("tidak ada jawaban sama sekali / no answer at all")))
        out.append((respondent, unit_id, *answers))
    return out, problems
