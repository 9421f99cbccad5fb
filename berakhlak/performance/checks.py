"""Pure checks of an SKP ratings file (DESIGN.md "File formats": SKP ratings): no Django, no database.

``nip,tahun,periode,rating_hasil_kerja,rating_perilaku_kerja``. The import service
(``berakhlak.performance.imports``) checks in two steps:

1. ``parse_ratings``: the file alone — every column present once, a NIP of 18 digits, a plausible whole
   year, a period code, ratings in the regulation's vocabulary (case-insensitive, trimmed), the same
   (nip, tahun, periode) not twice, no empty row;
2. ``check_ratings``: the parsed rows against what the service read from the database in a few
   set-based queries — the NIP known in this agency (or, said apart, in another one), the period one of
   its year's frequency, the rating not already final on the platform (each cell that could be read is
   checked, also in a row with other problems).

Every problem is one ``FILE:ROW: column: reason`` line (bilingual, ``berakhlak.org.checks.Problem``);
the service writes nothing when there is any.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from berakhlak.lib.i18n import gettext_noop
from berakhlak.org.checks import Problem, check_header
from berakhlak.performance import rules

COLUMNS = ("nip", "tahun", "periode", "rating_hasil_kerja", "rating_perilaku_kerja")
#: The years an SKP year may have (the database's ``perf_year_plausible`` check).
YEAR_MIN, YEAR_MAX = 2000, 2100
FREQUENCY_LABELS = {rules.QUARTERLY: ("triwulanan", "quarterly"), rules.MONTHLY: ("bulanan", "monthly")}
_ORDER = {c: i for i, c in enumerate(("-", *COLUMNS))}


@dataclass(frozen=True, slots=True)
class RatingRow:
    """One non-empty row as far as it could be read: a field is ``None`` where its cell was refused (the
    row then has a problem, and nothing is written). The ratings are normalised and the predikat comes
    from the matrix."""

    row: int
    nip: str | None
    year: int | None
    period: str | None
    hasil_kerja: str | None
    perilaku_kerja: str | None
    predikat: str | None


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """By row, then in the column order of the format (``-`` first)."""
    return sorted(problems, key=lambda p: (p.row, _ORDER.get(p.column, len(_ORDER)), p.column, p.reason))


def _nip_problem(nip: str) -> str | None:
    if not nip:
        return gettext_noop("wajib diisi / required")
    if len(nip) == 18 and nip.isascii() and nip.isdigit():
        return None
    hint = ""
    if "e+" in nip.lower() or ("." in nip and nip.replace(".", "", 1).isdigit()):
        hint = gettext_noop("; kolom berisi angka, bukan teks: format kolom sebagai teks / "
                            "the column holds numbers, not text: format it as text")
    shown = nip if len(nip) <= 40 else nip[:37] + "…"
    return (gettext_noop("NIP %(nip)s harus 18 digit / the NIP must be 18 digits") % {"nip": shown}) + hint


def _year(raw: str) -> tuple[int | None, str | None]:
    if not raw:
        return None, gettext_noop("wajib diisi / required")
    text = raw[1:] if raw[:1] in "+-" else raw
    if not (text.isascii() and text.isdigit()):
        return None, gettext_noop("%(v)s bukan bilangan bulat / not a whole number") % {"v": raw}
    year = int(raw)
    if not YEAR_MIN <= year <= YEAR_MAX:
        return None, (gettext_noop("tahun %(v)s tidak masuk akal (%(lo)d–%(hi)d) / year %(v)s is not plausible")
                      % {"v": raw, "lo": YEAR_MIN, "hi": YEAR_MAX})
    return year, None


def _rating(raw: str) -> tuple[str | None, str | None]:
    if not raw:
        return None, gettext_noop("wajib diisi / required")
    value = raw.strip().upper()
    if value in rules.RATINGS:
        return value, None
    return None, (gettext_noop("%(v)s tidak dikenal; pakai DIATAS, SESUAI atau DIBAWAH / "
                               "unknown rating, use DIATAS, SESUAI or DIBAWAH") % {"v": raw})


def parse_ratings(file: str, header: list[str], rows: Iterable[tuple[int, list[str]]]
                  ) -> tuple[list[RatingRow], list[Problem]]:
    """Every non-empty row as far as it could be read, and the problems of the file alone.

    A missing or repeated column is reported on row 1 and stops the row checks. A row whose five
    columns are all empty (something only in other columns) is one "empty row" problem; wholly blank
    lines never reach here (``berakhlak.lib.tabular`` skips them, like every import). The rows come back
    even when some of their cells were refused, so that ``check_ratings`` reports what is wrong with the
    others too."""
    header = [h.strip().lower() for h in header]
    problems = check_header(file, header, COLUMNS)
    if problems:
        return [], sort_problems(problems)
    i_nip, i_year, i_period, i_hasil, i_perilaku = (header.index(c) for c in COLUMNS)
    first_row: dict[tuple[str, int, str], int] = {}
    out: list[RatingRow] = []
    append = problems.append
    for number, cells in rows:
        nip, raw_year, period = cells[i_nip].strip(), cells[i_year].strip(), cells[i_period].strip().upper()
        raw_hasil, raw_perilaku = cells[i_hasil].strip(), cells[i_perilaku].strip()
        if not (nip or raw_year or period or raw_hasil or raw_perilaku):
            append(Problem(file, number, "-", gettext_noop("baris kosong / empty row")))
            continue
        reason = _nip_problem(nip)
        if reason:
            append(Problem(file, number, "nip", reason))
        year, year_reason = _year(raw_year)
        if year_reason:
            append(Problem(file, number, "tahun", year_reason))
        if not period:
            append(Problem(file, number, "periode", gettext_noop("wajib diisi / required")))
        hasil, hasil_reason = _rating(raw_hasil)
        if hasil_reason:
            append(Problem(file, number, "rating_hasil_kerja", hasil_reason))
        perilaku, perilaku_reason = _rating(raw_perilaku)
        if perilaku_reason:
            append(Problem(file, number, "rating_perilaku_kerja", perilaku_reason))
        row = RatingRow(number, None if reason else nip, year, period or None, hasil, perilaku,
                        rules.MATRIX[(hasil, perilaku)] if hasil and perilaku else None)
        if row.nip and row.year is not None and row.period:
            key = (row.nip, row.year, row.period)
            if key in first_row:
                append(Problem(file, number, "nip",
                               gettext_noop("NIP %(nip)s, %(year)d %(period)s sudah ada di baris %(row)d / "
                                            "duplicate of row %(row)d")
                               % {"nip": nip, "year": year, "period": period, "row": first_row[key]}))
            else:
                first_row[key] = number
        out.append(row)
    return out, sort_problems(problems)


def period_codes(year: int, frequency: str) -> tuple[str, ...]:
    """The period codes of a year evaluated with ``frequency`` (``rules.periods_for``)."""
    return tuple(spec.code for spec in rules.periods_for(year, frequency))


def check_ratings(file: str, rows: Iterable[RatingRow], *, own: Mapping[str, object] | set[str],
                  elsewhere: set[str] | frozenset[str], frequency_of: Mapping[int, str],
                  final: set[tuple[str, int, str]] | frozenset[tuple[str, int, str]]) -> list[Problem]:
    """Problems of parsed rows against the database state the service read.

    ``own``: the NIPs of this agency's employees (among the file's); ``elsewhere``: those of other
    agencies; ``frequency_of``: the frequency of every year of the file (a year the agency has not set
    up yet is given the frequency the import will create it with); ``final``: the (nip, year, period)
    whose rating is already final on the platform."""
    problems: list[Problem] = []
    codes_of: dict[int, tuple[str, ...]] = {}
    for r in rows:
        if r.nip is not None and r.nip not in own:
            if r.nip in elsewhere:
                problems.append(Problem(file, r.row, "nip", gettext_noop(
                    "NIP terdaftar pada instansi lain / the NIP belongs to another agency")))
            else:
                problems.append(Problem(file, r.row, "nip", gettext_noop(
                    "NIP %(nip)s tidak dikenal / unknown NIP") % {"nip": r.nip}))
        if r.year is None or r.period is None:
            continue
        frequency = frequency_of[r.year]
        codes = codes_of.get(r.year)
        if codes is None:
            codes = codes_of[r.year] = period_codes(r.year, frequency)
        if r.period not in codes:
            label_id, label_en = FREQUENCY_LABELS[frequency]
            problems.append(Problem(file, r.row, "periode", gettext_noop(
                "periode %(p)s tidak dikenal; tahun %(y)d (%(fid)s) memakai %(codes)s / unknown period: "
                "%(y)d is %(fen)s") % {"p": r.period, "y": r.year, "fid": label_id, "fen": label_en,
                                       "codes": ", ".join(codes)}))
        elif r.nip is not None and (r.nip, r.year, r.period) in final:
            problems.append(Problem(file, r.row, "periode", gettext_noop(
                "penilaian %(y)d %(p)s pegawai ini sudah final di platform; buka kembali dulu / "
                "the rating is already final on the platform; reopen it first") % {"y": r.year, "p": r.period}))
    return sort_problems(problems)
