"""Validate and decode Indonesian civil-servant numbers (NIP PNS and NI PPPK).

Source: REGULATIONS.md §6 (format NIP PNS per PP 11/2017 / Peraturan BKN; NI PPPK format,
2-digit code unconfirmed).

Layout (18 ASCII digits):

* NIP PNS  ``YYYYMMDD`` birth date + ``YYYYMM`` first appointment as CPNS ("TMT CPNS")
  + sex digit (1 laki-laki, 2 perempuan) + 3-digit sequence from 001.
  Example ``198609262015051001``: born 1986-09-26, CPNS 2015-05, male, sequence 1.
* NI PPPK  ``YYYYMMDD`` birth date + ``YYYY`` year of first appointment as PPPK
  + 2-digit code (meaning unconfirmed: any two digits are accepted and kept as ``code``)
  + sex digit + 3-digit sequence.

Only what is certain is validated: length, ASCII digits, a real birth date between 1900 and
``today``, a real CPNS month, an appointment not in the future and not before the age of 18, the
sex digit and a non-zero sequence.  Every problem found is reported as a sentence in Bahasa
Indonesia; the message templates are marked with ``gettext_noop`` so ``makemessages`` picks them up.

Pure standard library (no Django): it is called about a million times by the bulk importer, so the
happy path uses only ``str`` checks, integer slicing and one ``date()`` construction (in
:func:`parse_nip`), and raises no exception.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from berakhlak.lib.i18n import gettext_noop

__all__ = [
    "PNS",
    "PPPK",
    "NipInfo",
    "InvalidNip",
    "nip_problems",
    "parse_nip",
    "is_valid_nip",
]

PNS = "PNS"
PPPK = "PPPK"

_NIP_LENGTH = 18
_MIN_BIRTH_YEAR = 1900
_MIN_AGE = 18
# Days per month in a common year; February gets +1 in a leap year.
_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


@dataclass(frozen=True, slots=True)
class NipInfo:
    """A decoded, valid NIP (REGULATIONS.md §6)."""

    nip: str
    kind: str  # PNS | PPPK
    birth_date: datetime.date
    appointment_year: int
    appointment_month: int | None  # None for PPPK (only the year is encoded)
    sex: str  # "L" (laki-laki, digit 1) | "P" (perempuan, digit 2)
    sequence: int
    code: str | None  # PPPK 2-digit code (meaning unconfirmed); None for PNS


class InvalidNip(ValueError):
    """Raised by :func:`parse_nip`; ``problems`` lists every reason, in words."""

    def __init__(self, nip: str, problems: list[str]) -> None:
        super().__init__(nip, problems)
        self.nip = nip
        self.problems = list(problems)

    def __str__(self) -> str:
        return "; ".join(self.problems)


def _bad_chars_problem(nip: str) -> str:
    for pos, ch in enumerate(nip, 1):
        if not ("0" <= ch <= "9"):
            return gettext_noop(
                "NIP hanya boleh berisi angka 0-9 (karakter ke-%(pos)d: %(ch)r)"
            ) % {"pos": pos, "ch": ch}
    raise AssertionError("unreachable: no bad character")  # pragma: no cover


def _analyse(nip: str, kind: str, today: datetime.date | None) -> tuple[list[str], int, int, int, int]:
    """Return ``(problems, birth_year, birth_month, birth_day, appointment_year)``.

    The numbers are only meaningful when ``problems`` is empty.  Cheap on the happy path:
    no exceptions, no date objects.
    """
    if kind != PNS and kind != PPPK:
        raise ValueError(f"kind must be {PNS!r} or {PPPK!r}, not {kind!r}")
    if not isinstance(nip, str):
        raise TypeError(f"NIP must be a str, not {type(nip).__name__}")

    n = len(nip)
    if n != _NIP_LENGTH or not (nip.isascii() and nip.isdigit()):
        # Stop here: without 18 ASCII digits the fields cannot be located reliably.
        if n == 0:
            return [gettext_noop("NIP kosong (harus 18 digit)")], 0, 0, 0, 0
        problems = []
        if n != _NIP_LENGTH:
            problems.append(
                gettext_noop("NIP harus 18 digit, bukan %(n)d") % {"n": n}
            )
        if not (nip.isascii() and nip.isdigit()):
            problems.append(_bad_chars_problem(nip))
        return problems, 0, 0, 0, 0

    if today is None:
        today = datetime.date.today()
    t_year = today.year
    t_month = today.month

    problems = []

    # One int() and integer arithmetic is about twice as fast as five int(slice) calls.
    birth_ymd, appointment = divmod(int(nip[0:14]), 1_000_000)
    by, bmd = divmod(birth_ymd, 10_000)  # birth date YYYYMMDD
    bm, bd = divmod(bmd, 100)
    ay, am = divmod(appointment, 100)  # PNS: YYYYMM; PPPK: YYYY + code (am unused)
    birth_real = (
        by >= 1
        and 1 <= bm <= 12
        and 1 <= bd <= (29 if bm == 2 and _is_leap(by) else _DAYS_IN_MONTH[bm])
    )
    if not birth_real:
        problems.append(
            gettext_noop("tanggal lahir %(raw)s bukan tanggal yang valid") % {"raw": nip[0:8]}
        )
    elif by < _MIN_BIRTH_YEAR:
        problems.append(
            gettext_noop("tanggal lahir %(date)s sebelum tahun 1900")
            % {"date": f"{nip[0:4]}-{nip[4:6]}-{nip[6:8]}"}
        )
    elif birth_ymd > t_year * 10_000 + t_month * 100 + today.day:
        problems.append(
            gettext_noop("tanggal lahir %(date)s di masa depan")
            % {"date": f"{nip[0:4]}-{nip[4:6]}-{nip[6:8]}"}
        )

    if kind == PNS:
        # TMT CPNS YYYYMM.
        if 1 <= am <= 12:
            if ay * 12 + am > t_year * 12 + t_month:
                problems.append(
                    gettext_noop("TMT CPNS %(tmt)s di masa depan")
                    % {"tmt": f"{nip[8:12]}-{nip[12:14]}"}
                )
            if birth_real:
                # The 18th birthday must fall on or before the last day of the appointment
                # month, i.e. its (year, month) must not be after the appointment's.
                y18 = by + _MIN_AGE
                m18 = bm
                if bm == 2 and bd == 29 and not _is_leap(y18):
                    m18 = 3  # 29 February birthday falls on 1 March in a common year
                if ay * 12 + am < y18 * 12 + m18:
                    problems.append(
                        gettext_noop("TMT CPNS %(tmt)s sebelum usia 18 tahun (lahir %(birth)s)")
                        % {
                            "tmt": f"{nip[8:12]}-{nip[12:14]}",
                            "birth": f"{nip[0:4]}-{nip[4:6]}-{nip[6:8]}",
                        }
                    )
        else:
            problems.append(
                gettext_noop("bulan TMT CPNS %(month)s tidak valid") % {"month": nip[12:14]}
            )
            if ay > t_year:
                problems.append(
                    gettext_noop("TMT CPNS tahun %(year)s di masa depan") % {"year": nip[8:12]}
                )
    else:
        # TMT PPPK: year only, followed by the (unconfirmed) 2-digit code.
        if ay > t_year:
            problems.append(
                gettext_noop("TMT PPPK %(year)s di masa depan") % {"year": nip[8:12]}
            )
        if birth_real and ay < by + _MIN_AGE:
            problems.append(
                gettext_noop("TMT PPPK %(year)s sebelum usia 18 tahun (lahir %(birth)s)")
                % {"year": nip[8:12], "birth": f"{nip[0:4]}-{nip[4:6]}-{nip[6:8]}"}
            )

    sex = nip[14]
    if sex != "1" and sex != "2":
        problems.append(
            gettext_noop(
                "digit jenis kelamin harus 1 (laki-laki) atau 2 (perempuan), bukan %(digit)s"
            )
            % {"digit": sex}
        )

    if nip[15:18] == "000":
        problems.append(gettext_noop("nomor urut 000 tidak valid (nomor urut mulai dari 001)"))

    return problems, by, bm, bd, ay


def nip_problems(
    nip: str, kind: str = PNS, *, today: datetime.date | None = None
) -> list[str]:
    """Every reason, in words (Bahasa Indonesia), why ``nip`` is not a valid NIP of ``kind``.

    Returns ``[]`` when the NIP is valid.  ``kind`` is :data:`PNS` or :data:`PPPK` (anything else
    raises ``ValueError``); ``today`` (default ``datetime.date.today()``) bounds the birth date
    and the appointment.  If the length or the digits are wrong, only those problems are
    reported.  Whitespace is not stripped: callers strip cells before calling.

    Source: REGULATIONS.md §6 (format NIP PNS per PP 11/2017 / Peraturan BKN; NI PPPK format,
    2-digit code unconfirmed).
    """
    return _analyse(nip, kind, today)[0]


def parse_nip(
    nip: str, kind: str = PNS, *, today: datetime.date | None = None
) -> NipInfo:
    """Decode ``nip`` into a :class:`NipInfo`; raise :class:`InvalidNip` with all problems.

    See :func:`nip_problems` for what is checked.

    Source: REGULATIONS.md §6 (format NIP PNS per PP 11/2017 / Peraturan BKN; NI PPPK format,
    2-digit code unconfirmed).
    """
    problems, by, bm, bd, ay = _analyse(nip, kind, today)
    if problems:
        raise InvalidNip(nip, problems)
    if kind == PNS:
        month = int(nip[12:14])
        code = None
    else:
        month = None
        code = nip[12:14]
    return NipInfo(
        nip,
        kind,
        datetime.date(by, bm, bd),
        ay,
        month,
        "L" if nip[14] == "1" else "P",
        int(nip[15:18]),
        code,
    )


def is_valid_nip(
    nip: str, kind: str = PNS, *, today: datetime.date | None = None
) -> bool:
    """True when ``nip`` is a valid NIP of ``kind`` (no problems at all).

    Source: REGULATIONS.md §6 (format NIP PNS per PP 11/2017 / Peraturan BKN; NI PPPK format,
    2-digit code unconfirmed).
    """
    return not _analyse(nip, kind, today)[0]
