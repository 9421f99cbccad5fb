"""Deterministic generator of realistic Indonesian civil-service data.

Two uses:

* :func:`generate_demo_agency` builds the demo agency: a head office shaped
  like BKN (Badan Kepegawaian Negara), about 2,400 employees in 39 work units
  over five levels.
* :func:`write_national_csv` streams national-size CSV files for benchmarks
  (hundreds of agencies, a million employees or more), one agency at a time.

Both write the public CSV contracts (UTF-8, comma, ``\\n`` line ends)::

    units.csv      kode,nama,induk_kode
    employees.csv  nip,nama,unit_kode,jabatan,jenis_jabatan,jenis_pegawai,atasan_nip,email

Rules kept by every generated row:

* PNS NIP = birth date YYYYMMDD + TMT CPNS YYYYMM + sex digit + sequence 001-999;
  PPPK NI = birth date + appointment year YYYY + ``21`` + sex digit + sequence.
  Born 1963-2001, appointed at age 19 or older and not after 2023-12; the sex
  digit matches the sex of the first name; every number unique (across all
  agencies in national mode).
* Every unit has exactly one head, a PNS employee of that unit.  A head's
  superior is the head of the parent unit (the root head has none); everybody
  else reports to the head of their own unit.

Only ``random.Random(seed)`` is used for randomness: the same arguments give
byte-identical files.  Standard library only; no Django import.
"""

from __future__ import annotations

import csv
import random
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from berakhlak.demo import names as N

__all__ = [
    "AgencyData",
    "EmployeeRow",
    "UnitRow",
    "UNIT_HEADER",
    "EMPLOYEE_HEADER",
    "AGENCY_HEADER",
    "JENIS_JABATAN",
    "JENIS_PEGAWAI",
    "REFERENCE_YEAR",
    "generate_demo_agency",
    "write_agency_csv",
    "write_national_csv",
]

UNIT_HEADER = ["kode", "nama", "induk_kode"]
EMPLOYEE_HEADER = [
    "nip",
    "nama",
    "unit_kode",
    "jabatan",
    "jenis_jabatan",
    "jenis_pegawai",
    "atasan_nip",
    "email",
]
AGENCY_HEADER = ["kode", "nama", "jenis"]

JENIS_JABATAN = ("JPT", "ADMINISTRATOR", "PENGAWAS", "PELAKSANA", "FUNGSIONAL")
JENIS_PEGAWAI = ("PNS", "PPPK")
REFERENCE_YEAR = 2023
PPPK_CODE = "21"


@dataclass(frozen=True, slots=True)
class UnitRow:
    kode: str
    nama: str
    induk_kode: str  # "" for the root


@dataclass(frozen=True, slots=True)
class EmployeeRow:
    nip: str
    nama: str
    unit_kode: str
    jabatan: str
    jenis_jabatan: str
    jenis_pegawai: str
    atasan_nip: str
    email: str


@dataclass
class AgencyData:
    code: str
    name: str
    units: list[UnitRow]
    employees: list[EmployeeRow]
    heads: dict[str, str]  # unit kode -> head NIP


# ---------------------------------------------------------------------------
# Calendar tables (birth days, TMT months) and the NIP registry
# ---------------------------------------------------------------------------

_BIRTH_FIRST_YEAR = 1963
_BIRTH_LAST_YEAR = 2001
_TMT_FIRST_YEAR = _BIRTH_FIRST_YEAR + 18
_N_TMT_YEARS = REFERENCE_YEAR - _TMT_FIRST_YEAR + 1
_N_TMT_MONTHS = _N_TMT_YEARS * 12


def _calendar() -> tuple[list[str], list[int], list[int]]:
    day = date(_BIRTH_FIRST_YEAR, 1, 1)
    end = date(_BIRTH_LAST_YEAR, 12, 31)
    strings: list[str] = []
    months: list[int] = []
    year_start: list[int] = []
    one = timedelta(days=1)
    while day <= end:
        if day.month == 1 and day.day == 1:
            year_start.append(len(strings))
        strings.append(day.strftime("%Y%m%d"))
        months.append(day.month)
        day += one
    year_start.append(len(strings))
    return strings, months, year_start


_BIRTH_STR, _BIRTH_MONTH, _YEAR_START = _calendar()
_BIRTH_YEAR = [int(s[:4]) for s in _BIRTH_STR]
_N_DAYS = len(_BIRTH_STR)
_TMT_STR = [f"{y}{m:02d}" for y in range(_TMT_FIRST_YEAR, REFERENCE_YEAR + 1) for m in range(1, 13)]
_YEAR_STR = [str(y) for y in range(_TMT_FIRST_YEAR, REFERENCE_YEAR + 1)]
_SEQ = [f"{i:03d}" for i in range(1000)]
_SEX_DIGIT = ("", "1", "2")

# Months in which CPNS appointments (TMT) usually take effect, with weights.
_TMT_MONTHS = (1, 2, 3, 4, 5, 6, 7, 10, 12)
_TMT_MONTH_CUM = list(accumulate((22, 12, 24, 10, 4, 6, 4, 3, 15)))


class _NipRegistry:
    """Hands out unique NIPs: one small counter per (birth day, TMT, sex).

    The counters live in flat bytearrays (about 15 MB), so uniqueness across a
    whole national run costs no per-employee memory.  A key is never used more
    than 255 times; the caller draws another birth day in that (rare) case.
    """

    __slots__ = ("_pns", "_pppk")

    def __init__(self) -> None:
        self._pns = bytearray(_N_DAYS * _N_TMT_MONTHS * 2)
        self._pppk = bytearray(_N_DAYS * _N_TMT_YEARS * 2)

    def pns(self, day: int, tmt_month: int, sex: int) -> str | None:
        key = (day * _N_TMT_MONTHS + tmt_month) * 2 + sex - 1
        seq = self._pns[key] + 1
        if seq > 255:
            return None
        self._pns[key] = seq
        return _BIRTH_STR[day] + _TMT_STR[tmt_month] + _SEX_DIGIT[sex] + _SEQ[seq]

    def pppk(self, day: int, year: int, sex: int) -> str | None:
        key = (day * _N_TMT_YEARS + year) * 2 + sex - 1
        seq = self._pppk[key] + 1
        if seq > 255:
            return None
        self._pppk[key] = seq
        return _BIRTH_STR[day] + _YEAR_STR[year] + PPPK_CODE + _SEX_DIGIT[sex] + _SEQ[seq]


# ---------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------

# Birth-year range (inclusive) of unit heads by jenis_jabatan.
_HEAD_BIRTH = {"JPT": (1963, 1977), "ADMINISTRATOR": (1965, 1985), "PENGAWAS": (1966, 1991)}
# (bachelor, master, doctorate) probabilities for heads.
_HEAD_EDU = {"JPT": (1.0, 0.9, 0.35), "ADMINISTRATOR": (0.95, 0.6, 0.05), "PENGAWAS": (0.9, 0.35, 0.01)}
# Fungsional "ahli" grade -> (bachelor, master, doctorate); master/doctorate imply bachelor.
_AHLI_EDU = {
    "Ahli Pertama": (0.7, 0.08, 0.0),
    "Ahli Muda": (0.75, 0.3, 0.01),
    "Ahli Madya": (0.8, 0.55, 0.06),
    "Ahli Utama": (0.9, 0.8, 0.35),
}
_ASCII_LOWER = re.compile(r"[^a-z]")
_EMAIL_SKIP = frozenset({"I", "Ni"})


def _cum(weights: Iterable[float]) -> list[float]:
    return list(accumulate(weights))


def _pick(rnd: Callable[[], float], items: Sequence, cum: Sequence[float]):
    return items[bisect_right(cum, rnd() * cum[-1])]


def _choice(rnd: Callable[[], float], items: Sequence):
    # Same idea as Random.choice, cheaper; still driven only by the seeded generator.
    return items[int(rnd() * len(items))]


class _People:
    """Draws employees (name, NIP, job, email) for one run."""

    def __init__(self, rng: random.Random, registry: _NipRegistry, female_share: float) -> None:
        self.rng = rng
        self.reg = registry
        self.female_share = female_share
        self.regions = N.REGIONS
        self.region_cum = _cum(r.weight for r in N.REGIONS)
        self.fungsional = {k: (v, _cum(w for _, _, w in v)) for k, v in N.FUNGSIONAL.items()}
        self.pelaksana = {k: (v, _cum(w for _, w in v)) for k, v in N.PELAKSANA.items()}
        default = N.PELAKSANA_DEFAULT
        self.pelaksana_default = (default, _cum(w for _, w in default))
        self.email_seen: dict[str, int] = {}
        self.domain = ""

    def start_agency(self, domain: str) -> None:
        self.email_seen = {}
        self.domain = domain

    # -- birth, appointment, NIP ------------------------------------------
    def _birth_day(self, y0: int, y1: int, mode: float | None) -> int:
        rng = self.rng
        if mode is None:
            year = rng.randint(y0, y1)
        else:
            year = int(rng.triangular(y0, y1 + 1, mode))
            year = min(max(year, y0), y1)
        i = year - _BIRTH_FIRST_YEAR
        start = _YEAR_START[i]
        return start + int(rng.random() * (_YEAR_START[i + 1] - start))

    def _pns_nip(self, sex: int, y0: int, y1: int, mode: float | None) -> tuple[str, int]:
        """Return (NIP, year of TMT CPNS)."""
        rng = self.rng
        while True:
            day = self._birth_day(y0, y1, mode)
            birth_year = _BIRTH_YEAR[day]
            tmt_year = min(birth_year + int(rng.triangular(19, 36, 24)), REFERENCE_YEAR)
            month = _pick(rng.random, _TMT_MONTHS, _TMT_MONTH_CUM)
            # Appointed only once 18 by the end of the month (always true from
            # age 19, kept as a guard).
            if (tmt_year, month) < (birth_year + 18, _BIRTH_MONTH[day]):
                month = _BIRTH_MONTH[day]
            nip = self.reg.pns(day, (tmt_year - _TMT_FIRST_YEAR) * 12 + month - 1, sex)
            if nip is not None:
                return nip, tmt_year

    def _pppk_nip(self, sex: int) -> str:
        rng = self.rng
        while True:
            day = self._birth_day(1965, _BIRTH_LAST_YEAR, 1987)
            birth_year = _BIRTH_YEAR[day]
            year = max(rng.randint(2019, REFERENCE_YEAR), birth_year + 18)
            nip = self.reg.pppk(day, year - _TMT_FIRST_YEAR, sex)
            if nip is not None:
                return nip

    # -- names -------------------------------------------------------------
    def _core_name(self, sex: int) -> tuple[str, str, bool]:
        """Return (name without titles, e-mail local part, muslim region)."""
        rnd = self.rng.random
        region = _pick(rnd, self.regions, self.region_cum)
        if sex == 1:
            first = _choice(rnd, region.male_first)
            middles, lasts = region.male_middle, region.male_last
        else:
            first = _choice(rnd, region.female_first)
            middles, lasts = region.female_middle, region.female_last
        parts = [first]
        if not (region.mononym_rate and rnd() < region.mononym_rate):
            if middles and rnd() < region.middle_rate:
                middle = _choice(rnd, middles)
                if middle != first:
                    parts.append(middle)
            if region.family and (not lasts or rnd() < region.family_rate):
                parts.append(_choice(rnd, region.family))
            else:
                parts.append(_choice(rnd, lasts))
        core = " ".join(parts)
        tokens = [t for t in core.split() if t not in _EMAIL_SKIP]
        first_t = _ASCII_LOWER.sub("", tokens[0].lower())
        if len(tokens) == 1:
            local = first_t
        else:
            local = first_t + "." + _ASCII_LOWER.sub("", tokens[-1].lower())
        return core, local, region.muslim

    def _email(self, local: str) -> str:
        if self.rng.random() < 0.05:
            return ""
        seen = self.email_seen
        n = seen.get(local, 0) + 1
        seen[local] = n
        if n > 1:
            # Base locals are letters and dots only, so "budi.santoso2" cannot clash.
            local = f"{local}{n}"
        return f"{local}@{self.domain}"

    def _decorate(
        self,
        core: str,
        sex: int,
        muslim: bool,
        birth_year: int,
        pool: str,
        s1: float,
        s2: float,
        dr: float,
        d3: float = 0.0,
        medical: str = "",
    ) -> str:
        rng = self.rng
        degrees = N.DEGREES.get(pool, N.GENERIC_DEGREES)
        prefix: list[str] = []
        suffix: list[str] = []
        has_dr = dr and rng.random() < dr
        if has_dr:
            prefix.append("Dr.")
        if muslim and birth_year <= REFERENCE_YEAR - 40 and rng.random() < 0.07:
            prefix.append("H." if sex == 1 else "Hj.")
        if medical:
            prefix.append(medical)
        if has_dr or rng.random() < s1:
            if medical in ("dr.", "drg."):
                pass  # the professional title stands for the bachelor degree
            elif medical == "Ns.":
                suffix.append("S.Kep.")
            else:
                source = degrees if rng.random() < 0.7 else N.GENERIC_DEGREES
                suffix.append(rng.choice(source[0]))
            if has_dr or rng.random() < s2:
                source = degrees if rng.random() < 0.7 else N.GENERIC_DEGREES
                suffix.append(rng.choice(source[1]))
        elif d3 and rng.random() < d3:
            suffix.append(rng.choice(degrees[2]))
        name = core
        if prefix:
            name = " ".join(prefix) + " " + name
        if suffix:
            name = name + ", " + ", ".join(suffix)
        return name

    # -- whole employees ---------------------------------------------------
    def head(self, unit_kode: str, title: str, jenis: str, pool: str, atasan: str) -> EmployeeRow:
        rng = self.rng
        sex = 2 if rng.random() < self.female_share * 0.8 else 1
        y0, y1 = _HEAD_BIRTH[jenis]
        nip, _ = self._pns_nip(sex, y0, y1, None)
        core, local, muslim = self._core_name(sex)
        s1, s2, dr = _HEAD_EDU[jenis]
        nama = self._decorate(core, sex, muslim, int(nip[:4]), pool, s1, s2, dr)
        return EmployeeRow(nip, nama, unit_kode, title, jenis, "PNS", atasan, self._email(local))

    def staff(self, unit_kode: str, pool: str, pppk: bool, pelaksana_share: float, atasan: str) -> EmployeeRow:
        rng = self.rng
        sex = 2 if rng.random() < self.female_share else 1
        if pppk:
            nip = self._pppk_nip(sex)
            years = REFERENCE_YEAR - int(nip[8:12])
            kind = "PPPK"
        else:
            nip, tmt_year = self._pns_nip(sex, 1965, _BIRTH_LAST_YEAR, 1982)
            years = REFERENCE_YEAR - tmt_year
            kind = "PNS"
        birth_year = int(nip[:4])
        core, local, muslim = self._core_name(sex)
        if rng.random() < pelaksana_share:
            items, cum = self.pelaksana.get(pool, self.pelaksana_default)
            jabatan = _pick(rng.random, items, cum)[0]
            nama = self._decorate(core, sex, muslim, birth_year, pool, 0.25, 0.02, 0.0, d3=0.16)
            jenis = "PELAKSANA"
        else:
            items, cum = self.fungsional.get(pool) or self.fungsional["umum"]
            base, grades, _ = _pick(rng.random, items, cum)
            if grades == "AT":
                grades = "A" if rng.random() < 0.6 else "T"
            x = years + rng.randint(-3, 3)
            medical = ""
            if grades == "A":
                if pppk:
                    grade = "Ahli Pertama" if rng.random() < 0.75 else "Ahli Muda"
                elif x < 7:
                    grade = "Ahli Pertama"
                elif x < 15:
                    grade = "Ahli Muda"
                elif x < 27 or rng.random() < 0.85:
                    grade = "Ahli Madya"
                else:
                    grade = "Ahli Utama"
                s1, s2, dr = _AHLI_EDU[grade]
                if base == "Dokter":
                    medical = "dr."
                elif base == "Dokter Gigi":
                    medical = "drg."
                elif base == "Perawat":
                    medical = "Ns."
                nama = self._decorate(core, sex, muslim, birth_year, pool, s1, s2, dr, medical=medical)
            else:
                grade = "Terampil" if x < 9 else ("Mahir" if x < 18 else "Penyelia")
                nama = self._decorate(core, sex, muslim, birth_year, pool, 0.0, 0.0, 0.0, d3=0.5)
            jabatan = f"{base} {grade}"
            jenis = "FUNGSIONAL"
        return EmployeeRow(nip, nama, unit_kode, jabatan, jenis, kind, atasan, self._email(local))


# ---------------------------------------------------------------------------
# Shared: fill a unit tree with people
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _UnitSpec:
    kode: str
    nama: str
    induk: str
    head_title: str
    head_jenis: str
    pool: str
    weight: float  # relative share of the non-head staff


def _largest_remainder(weights: Sequence[float], total: int) -> list[int]:
    s = sum(weights)
    if total <= 0 or s <= 0:
        return [0] * len(weights)
    raw = [w * total / s for w in weights]
    counts = [int(r) for r in raw]
    missing = total - sum(counts)
    order = sorted(range(len(raw)), key=lambda i: (counts[i] - raw[i], i))
    for i in order[:missing]:
        counts[i] += 1
    return counts


def _populate(
    people: _People,
    specs: Sequence[_UnitSpec],
    n_employees: int,
    *,
    pppk_share: float,
    pelaksana_share: float,
) -> tuple[list[EmployeeRow], dict[str, str]]:
    """Heads first (parents before children), then staff spread by weight."""
    if n_employees < len(specs):
        raise ValueError(f"{n_employees} employees cannot head {len(specs)} units")
    rng = people.rng
    heads: dict[str, str] = {}
    head_rows: dict[str, EmployeeRow] = {}
    for spec in specs:
        atasan = heads[spec.induk] if spec.induk else ""
        row = people.head(spec.kode, spec.head_title, spec.head_jenis, spec.pool, atasan)
        heads[spec.kode] = row.nip
        head_rows[spec.kode] = row

    n_staff = n_employees - len(specs)
    counts = _largest_remainder([s.weight for s in specs], n_staff)
    n_pppk = min(n_staff, round(n_employees * pppk_share))
    is_pppk = bytearray(n_staff)
    for i in rng.sample(range(n_staff), n_pppk):
        is_pppk[i] = 1

    rows: list[EmployeeRow] = []
    i = 0
    staff = people.staff
    for spec, count in zip(specs, counts):
        rows.append(head_rows[spec.kode])
        head_nip = heads[spec.kode]
        for _ in range(count):
            rows.append(staff(spec.kode, spec.pool, bool(is_pppk[i]), pelaksana_share, head_nip))
            i += 1
    return rows, heads


# ---------------------------------------------------------------------------
# Demo agency: BKN head office
# ---------------------------------------------------------------------------

# (kode, nama, induk, job family, staff weight).  Level follows from the tree:
# 1 root, 2 Sestama/Deputi/Inspektorat/Pusat, 3 Biro/Direktorat,
# 4 Bagian/Subdirektorat, 5 Subbagian/Seksi.
_BKN_UNITS: tuple[tuple[str, str, str, str, float], ...] = (
    ("BKN", "Badan Kepegawaian Negara", "", "pimpinan", 0.08),
    ("SESTAMA", "Sekretariat Utama", "BKN", "pimpinan", 0.12),
    ("BIRO-REN", "Biro Perencanaan dan Organisasi", "SESTAMA", "perencanaan", 0.8),
    ("BIRO-SDM", "Biro Sumber Daya Manusia", "SESTAMA", "sdm", 0.15),
    ("BIRO-SDM-BAG1", "Bagian Perencanaan dan Pengembangan Sumber Daya Manusia", "BIRO-SDM", "sdm", 0.6),
    ("BIRO-SDM-BAG2", "Bagian Mutasi dan Kesejahteraan Pegawai", "BIRO-SDM", "sdm", 0.6),
    ("BIRO-KEU", "Biro Keuangan", "SESTAMA", "keuangan", 0.15),
    ("BIRO-KEU-BAG1", "Bagian Pelaksanaan Anggaran", "BIRO-KEU", "keuangan", 0.7),
    ("BIRO-KEU-BAG2", "Bagian Akuntansi dan Pelaporan Keuangan", "BIRO-KEU", "keuangan", 0.6),
    ("BIRO-UMUM", "Biro Umum", "SESTAMA", "umum", 0.15),
    ("BIRO-UMUM-BAG1", "Bagian Tata Usaha dan Rumah Tangga", "BIRO-UMUM", "umum", 0.2),
    ("BIRO-UMUM-BAG1-SUB1", "Subbagian Tata Usaha Pimpinan", "BIRO-UMUM-BAG1", "umum", 0.5),
    ("BIRO-UMUM-BAG1-SUB2", "Subbagian Rumah Tangga dan Protokol", "BIRO-UMUM-BAG1", "umum", 0.8),
    ("BIRO-UMUM-BAG2", "Bagian Barang Milik Negara", "BIRO-UMUM", "umum", 0.6),
    ("BIRO-HHK", "Biro Hubungan Masyarakat, Hukum, dan Kerja Sama", "SESTAMA", "humas_hukum", 1.0),
    ("DEP-SINKA", "Deputi Bidang Sistem Informasi Kepegawaian", "BKN", "pimpinan", 0.1),
    ("DIT-PDPIK", "Direktorat Pengolahan Data dan Penyajian Informasi Kepegawaian", "DEP-SINKA", "data", 0.3),
    ("DIT-PDPIK-SUB1", "Subdirektorat Pengolahan Data Kepegawaian", "DIT-PDPIK", "data", 0.15),
    ("DIT-PDPIK-SUB1-SEK1", "Seksi Pemutakhiran Data", "DIT-PDPIK-SUB1", "data", 0.7),
    ("DIT-PDPIK-SUB1-SEK2", "Seksi Validasi Data", "DIT-PDPIK-SUB1", "data", 0.6),
    ("DIT-PDPIK-SUB2", "Subdirektorat Penyajian Informasi Kepegawaian", "DIT-PDPIK", "data", 0.7),
    ("DIT-ARSIP", "Direktorat Arsip Kepegawaian ASN", "DEP-SINKA", "arsip", 1.4),
    ("DIT-SIK", "Direktorat Sistem Informasi Kepegawaian", "DEP-SINKA", "data", 1.2),
    ("DEP-MUTASI", "Deputi Bidang Mutasi Kepegawaian", "BKN", "pimpinan", 0.1),
    ("DIT-PENGADAAN", "Direktorat Pengadaan dan Kepangkatan", "DEP-MUTASI", "kepegawaian", 1.4),
    ("DIT-STATUS", "Direktorat Status dan Kedudukan Kepegawaian", "DEP-MUTASI", "kepegawaian", 1.1),
    ("DIT-PENSIUN", "Direktorat Pensiun PNS dan Pejabat Negara", "DEP-MUTASI", "kepegawaian", 1.4),
    ("DEP-BINA", "Deputi Bidang Pembinaan Manajemen Kepegawaian", "BKN", "pimpinan", 0.1),
    ("DIT-KINERJA", "Direktorat Kinerja ASN", "DEP-BINA", "kepegawaian", 0.9),
    ("DIT-JABATAN", "Direktorat Jabatan ASN", "DEP-BINA", "kepegawaian", 0.9),
    ("DIT-KOMPENSASI", "Direktorat Kompensasi ASN", "DEP-BINA", "kepegawaian", 0.9),
    ("DEP-WASDAL", "Deputi Bidang Pengawasan dan Pengendalian", "BKN", "pimpinan", 0.1),
    ("DIT-WASDAL1", "Direktorat Pengawasan dan Pengendalian I", "DEP-WASDAL", "kepegawaian", 1.0),
    ("DIT-WASDAL2", "Direktorat Pengawasan dan Pengendalian II", "DEP-WASDAL", "kepegawaian", 1.0),
    ("INSPEKTORAT", "Inspektorat", "BKN", "audit", 0.9),
    ("PUSBANG", "Pusat Pengembangan Kepegawaian ASN", "BKN", "diklat", 0.9),
    ("PUSPENKOM", "Pusat Penilaian Kompetensi ASN", "BKN", "asesor", 1.4),
    ("PUSKAJI", "Pusat Pengkajian dan Penelitian Kepegawaian", "BKN", "kajian", 0.6),
    ("PUSREKRUT", "Pusat Pengembangan Sistem Rekrutmen ASN", "BKN", "rekrutmen", 0.8),
)

_HEAD_JENIS_BY_LEVEL = {1: "JPT", 2: "JPT", 3: "JPT", 4: "ADMINISTRATOR", 5: "PENGAWAS", 6: "PENGAWAS"}

_TITLE_PREFIXES = (
    ("Sekretariat", "Sekretaris"),
    ("Inspektorat", "Inspektur"),
    ("Direktorat", "Direktur"),
    ("Kecamatan", "Camat"),
    ("Deputi", "Deputi"),
)


def _head_title(unit_name: str) -> str:
    """'Biro Keuangan' -> 'Kepala Biro Keuangan', 'Direktorat X' -> 'Direktur X'…"""
    for prefix, title in _TITLE_PREFIXES:
        if unit_name.startswith(prefix + " ") or unit_name == prefix:
            return title + unit_name[len(prefix):]
    return "Kepala " + unit_name


def _email_domain(code: str) -> str:
    return _ASCII_LOWER.sub("", code.lower()) + ".go.id"


def generate_demo_agency(
    code: str = "BKN",
    name: str = "Badan Kepegawaian Negara",
    *,
    employees: int = 2400,
    seed: int = 2023,
) -> AgencyData:
    """The demo agency: a BKN-like head office with exactly ``employees`` people.

    39 units over five levels.  ``code`` replaces the root unit code "BKN"
    (other unit codes stay), ``name`` the root unit name; e-mails use
    ``<code>.go.id``.
    """
    if employees < len(_BKN_UNITS):
        raise ValueError(f"employees must be at least {len(_BKN_UNITS)}")
    rng = random.Random(seed)
    people = _People(rng, _NipRegistry(), female_share=0.46)
    people.start_agency(_email_domain(code))

    level: dict[str, int] = {}
    specs: list[_UnitSpec] = []
    for kode, nama, induk, pool, weight in _BKN_UNITS:
        if kode == "BKN":
            kode, nama = code, name
        if induk == "BKN":
            induk = code
        lvl = level[induk] + 1 if induk else 1
        level[kode] = lvl
        title = "Kepala " + nama if lvl == 1 else _head_title(nama)
        weight *= rng.uniform(0.85, 1.15)
        specs.append(_UnitSpec(kode, nama, induk, title, _HEAD_JENIS_BY_LEVEL[lvl], pool, weight))

    rows, heads = _populate(people, specs, employees, pppk_share=0.12, pelaksana_share=0.33)
    units = [UnitRow(s.kode, s.nama, s.induk) for s in specs]
    return AgencyData(code=code, name=name, units=units, employees=rows, heads=heads)


# ---------------------------------------------------------------------------
# CSV writing
# ---------------------------------------------------------------------------


def _open_csv(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    f = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 -- returned open; the caller closes it
    return f, csv.writer(f, lineterminator="\n")


def write_agency_csv(data: AgencyData, units_path, employees_path) -> None:
    """Write ``units.csv`` and ``employees.csv`` for one agency."""
    f, w = _open_csv(Path(units_path))
    with f:
        w.writerow(UNIT_HEADER)
        w.writerows((u.kode, u.nama, u.induk_kode) for u in data.units)
    f, w = _open_csv(Path(employees_path))
    with f:
        w.writerow(EMPLOYEE_HEADER)
        w.writerows(
            (e.nip, e.nama, e.unit_kode, e.jabatan, e.jenis_jabatan, e.jenis_pegawai, e.atasan_nip, e.email)
            for e in data.employees
        )


# ---------------------------------------------------------------------------
# National benchmark
# ---------------------------------------------------------------------------

CENTRAL_SHARE = 0.24  # share of agencies that are central (PUSAT)
_CENTRAL_EMPLOYEE_SHARE = 0.25
_EMPLOYEES_PER_UNIT = 40
_MIN_AGENCY_SIZE = 50


@dataclass(frozen=True, slots=True)
class _Agency:
    code: str
    name: str
    jenis: str  # PUSAT / DAERAH
    kind: str  # kementerian, lembaga, provinsi, kabupaten, kota
    root_head: str
    domain: str
    weight: float


def _slug(text: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "-", text.upper()).strip("-")


def _select(rng: random.Random, pool: Sequence[str], k: int) -> list[str]:
    """k names from pool in list order (random subset); numbered names if pool is short."""
    if k <= len(pool):
        return [pool[i] for i in sorted(rng.sample(range(len(pool)), k))]
    return list(pool) + [f"Daerah {i:03d}" for i in range(len(pool) + 1, k + 1)]


def _national_agencies(rng: random.Random, n: int) -> list[_Agency]:
    n_central = round(n * CENTRAL_SHARE)
    if n_central == 0:
        n_central = 1
    n_regional = n - n_central

    agencies: list[_Agency] = []
    for i in range(n_central):
        if i < len(N.CENTRAL_AGENCIES):
            code, name, head = N.CENTRAL_AGENCIES[i]
        else:
            code, name, head = f"LEMBAGA-{i + 1:03d}", f"Lembaga Pemerintah Nonkementerian {i + 1:03d}", ""
        if not head:
            if name.startswith("Kementerian"):
                head = "Sekretaris Jenderal " + name
            elif name.startswith("Sekretariat"):
                head = _head_title(name)
            else:
                head = "Kepala " + name
        kind = "kementerian" if name.startswith("Kementerian") else "lembaga"
        weight = (1.0 / (i + 1) ** 1.1) * rng.lognormvariate(0, 0.2)
        agencies.append(_Agency(code, name, "PUSAT", kind, head, _email_domain(code), weight))

    n_prov = min(len(N.PROVINCES), round(n_regional * 38 / 552))
    n_city = round(n_regional * 98 / 552)
    n_regency = n_regional - n_prov - n_city
    regional = (
        [("provinsi", "Provinsi", "PROV", "prov", 3.0, p) for p in _select(rng, N.PROVINCES, n_prov)]
        + [("kabupaten", "Kabupaten", "KAB", "kab", 1.0, p) for p in _select(rng, N.REGENCIES, n_regency)]
        + [("kota", "Kota", "KOTA", "kota", 0.7, p) for p in _select(rng, N.CITIES, n_city)]
    )
    for kind, label, prefix, dom, base, place in regional:
        code = f"{prefix}-{_slug(place)}"
        domain = _ASCII_LOWER.sub("", place.lower()) + dom + ".go.id"
        weight = base * rng.lognormvariate(0, 0.35)
        agencies.append(
            _Agency(code, f"Pemerintah {label} {place}", "DAERAH", kind, f"Sekretaris Daerah {label} {place}", domain, weight)
        )
    return agencies


def _agency_sizes(agencies: Sequence[_Agency], employees: int) -> list[int]:
    n = len(agencies)
    base = min(_MIN_AGENCY_SIZE, employees // n)
    central = [a.weight if a.jenis == "PUSAT" else 0.0 for a in agencies]
    regional = [a.weight if a.jenis == "DAERAH" else 0.0 for a in agencies]
    sc, sr = sum(central), sum(regional)
    share_c = _CENTRAL_EMPLOYEE_SHARE if sr else 1.0
    weights = [
        (c / sc * share_c if sc else 0.0) + (r / sr * (1 - share_c) if sr else 0.0)
        for c, r in zip(central, regional)
    ]
    extra = _largest_remainder(weights, employees - base * n)
    return [base + e for e in extra]


def _level_counts(n: int, depth: int, c2: int) -> list[int]:
    """Units per level: 1 root, c2 at level 2, geometric below, summing to n."""
    depth = max(1, min(depth, n))
    if depth == 1:
        return [1]
    if depth == 2:
        return [1, n - 1]
    levels_below = depth - 2
    c2 = max(1, min(c2, n - 1 - levels_below))
    rest = n - 1 - c2
    lo, hi = 0.0, float(rest) + 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if sum(c2 * mid**k for k in range(1, levels_below + 1)) < rest:
            lo = mid
        else:
            hi = mid
    counts = [max(1, round(c2 * lo**k)) for k in range(1, levels_below)]
    last = rest - sum(counts)
    while last < 1:
        i = max(range(len(counts)), key=lambda j: (counts[j], j))
        counts[i] -= 1
        last += 1
    return [1, c2, *counts, last]


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


# Prefix of a child unit's name, by the parent's name prefix.
_CHILD_PREFIX = (
    ("Direktorat Jenderal", "Direktorat"),
    ("Deputi", "Direktorat"),
    ("Inspektorat Wilayah", "Bagian"),
    ("Inspektorat", "Inspektorat Wilayah"),
    ("Sekretariat", "Bagian"),
    ("Badan", "Bidang"),
    ("Direktorat", "Subdirektorat"),
    ("Subdirektorat", "Seksi"),
    ("Biro", "Bagian"),
    ("Bagian", "Subbagian"),
    ("Pusat", "Bidang"),
    ("Dinas", "Bidang"),
    ("Rumah Sakit", "Bidang"),
    ("Satuan", "Bidang"),
    ("Kecamatan", "Seksi"),
    ("Bidang", "Seksi"),
    ("Seksi", "Subseksi"),
    ("Subbagian", "Urusan"),
)


def _child_prefix(parent_name: str, level: int, central: bool) -> str:
    if level == 3 and central and parent_name.startswith("Sekretariat"):
        return "Biro"
    if level == 3 and central and parent_name.startswith("Badan"):
        return "Pusat"
    for p, child in _CHILD_PREFIX:
        if parent_name.startswith(p):
            return child
    return "Unit"


def _national_units(rng: random.Random, agency: _Agency, n_employees: int) -> list[_UnitSpec]:
    n_units = min(n_employees, max(3, round(n_employees / _EMPLOYEES_PER_UNIT)))
    if n_units < 15:
        depth = 3
    elif n_units < 120:
        depth = 4
    elif n_units < 1200:
        depth = 5
    else:
        depth = 6
    central = agency.jenis == "PUSAT"
    if central:
        c2 = min(16, max(2, round(n_units**0.45)))
    else:
        c2 = min(len(N.REGIONAL_OFFICES) + 12, max(2, round(n_units * 0.22)))
    counts = _level_counts(n_units, depth, c2)

    specs = [_UnitSpec(agency.code, agency.name, "", agency.root_head, "JPT", "pimpinan", 0.05)]
    level_names = [(agency.name, "umum")]  # (name, pool) of the current level
    level_codes = [agency.code]
    for lvl, count in enumerate(counts[1:], start=2):
        if lvl == 2:
            jenis = "JPT"
        elif lvl == 3:
            jenis = "JPT" if central else "ADMINISTRATOR"
        elif lvl == 4:
            jenis = "ADMINISTRATOR" if central else "PENGAWAS"
        else:
            jenis = "PENGAWAS"
        # Uneven split of this level's units over the parents.
        pw = _cum(rng.lognormvariate(0, 0.6) for _ in level_codes)
        parents = [bisect_right(pw, (i + 0.5) / count * pw[-1]) for i in range(count)]
        parents = [min(p, len(level_codes) - 1) for p in parents]
        names: list[tuple[str, str]] = []
        codes: list[str] = []
        j = 0
        prev_parent = -1
        topics: list[tuple[str, str]] = []
        for _i, p in enumerate(parents):
            parent_name, parent_pool = level_names[p]
            if p != prev_parent:
                j = 0
                prev_parent = p
                specific = N.POOL_TOPICS.get(parent_pool)
                if parent_pool == "audit" and not parent_name.startswith("Inspektorat"):
                    specific = None
                if specific:
                    topics = [(t, parent_pool) for t in specific]
                else:
                    topics = list(N.GENERAL_TOPICS)
                rng.shuffle(topics)
            j += 1
            if lvl == 2:
                name, pool = _level2_name(agency, j, rng)
            else:
                topic, pool = topics[(j - 1) % len(topics)]
                if parent_pool not in ("umum", "pimpinan"):
                    pool = parent_pool
                prefix = _child_prefix(parent_name, lvl, central)
                if prefix == "Inspektorat Wilayah":
                    name = f"{prefix} {_roman(j)}"
                else:
                    name = f"{prefix} {topic}"
                    if j > len(topics):
                        name += f" {_roman((j - 1) // len(topics) + 1)}"
            code = f"{level_codes[p]}.{j:02d}"
            names.append((name, pool))
            codes.append(code)
            # Leaves hold most people; schools and health centres are big.
            big = 3.0 if pool in ("pendidikan", "kesehatan") else 1.0
            weight = big * rng.lognormvariate(0, 0.5)
            specs.append(_UnitSpec(code, name, level_codes[p], _head_title(name), jenis, pool, weight))
        level_names, level_codes = names, codes
    # Leaves (units without children, at any level) hold most people.
    parent_codes = {s.induk for s in specs}  # membership tests only, never iterated
    return [
        s if s.kode in parent_codes or not s.induk
        else _UnitSpec(s.kode, s.nama, s.induk, s.head_title, s.head_jenis, s.pool, s.weight * 3.0)
        for s in specs
    ]


def _level2_name(agency: _Agency, j: int, rng: random.Random) -> tuple[str, str]:
    if agency.jenis == "DAERAH":
        offices = N.REGIONAL_OFFICES
        if j <= len(offices):
            return offices[j - 1]
        k = j - len(offices)
        if agency.kind == "provinsi":
            topic, pool = N.GENERAL_TOPICS[(k - 1) % len(N.GENERAL_TOPICS)]
            return f"Badan {topic}", pool
        place = N.PLACES[(k - 1) % len(N.PLACES)]
        if k > len(N.PLACES):
            place += f" {_roman((k - 1) // len(N.PLACES) + 1)}"
        return f"Kecamatan {place}", "umum"
    first = ("Sekretariat Utama", "umum") if agency.kind == "lembaga" else ("Inspektorat Jenderal", "audit")
    second = ("Inspektorat", "audit") if agency.kind == "lembaga" else ("Badan Kebijakan", "kajian")
    if j == 1:
        return first
    if j == 2:
        return second
    topic, pool = N.GENERAL_TOPICS[(j - 3) % len(N.GENERAL_TOPICS)]
    label = "Deputi Bidang" if agency.kind == "lembaga" else "Direktorat Jenderal"
    name = f"{label} {topic}"
    if j - 2 > len(N.GENERAL_TOPICS):
        name += f" {_roman((j - 3) // len(N.GENERAL_TOPICS) + 1)}"
    return name, pool


def write_national_csv(
    out_dir,
    *,
    employees: int,
    agencies: int,
    seed: int = 2023,
    progress: Callable[[int], object] | None = None,
) -> list[tuple[str, Path, Path]]:
    """Write a national data set: ``out_dir/agencies.csv`` (kode,nama,jenis)
    and ``out_dir/<AGENCY>/units.csv`` + ``employees.csv`` per agency.

    ``employees`` people in total over ``agencies`` agencies (about 24 %
    central, the rest provinces, regencies and cities), spread unevenly but
    with at least 50 per agency when ``employees / agencies`` allows.  About
    one unit per 40 employees per agency, 3-6 levels.  NIPs are unique over
    the whole set.  Only one agency's rows are in memory at a time.

    ``progress``, if given, is called after each agency with the number of
    employees just written (so ``tqdm(total=employees).update`` fits).
    Returns ``[(agency_code, units_path, employees_path), ...]``.
    """
    if agencies < 1:
        raise ValueError("agencies must be >= 1")
    if employees < agencies:
        raise ValueError("employees must be >= agencies")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    agency_list = _national_agencies(rng, agencies)
    sizes = _agency_sizes(agency_list, employees)

    f, w = _open_csv(out / "agencies.csv")
    with f:
        w.writerow(AGENCY_HEADER)
        w.writerows((a.code, a.name, a.jenis) for a in agency_list)

    registry = _NipRegistry()
    result: list[tuple[str, Path, Path]] = []
    for agency, size in zip(agency_list, sizes):
        arng = random.Random(rng.getrandbits(64))
        people = _People(arng, registry, female_share=0.44 if agency.jenis == "PUSAT" else 0.55)
        people.start_agency(agency.domain)
        specs = _national_units(arng, agency, size)
        rows, heads = _populate(
            people,
            specs,
            size,
            pppk_share=0.08 if agency.jenis == "PUSAT" else 0.2,
            pelaksana_share=0.35,
        )
        data = AgencyData(
            code=agency.code,
            name=agency.name,
            units=[UnitRow(s.kode, s.nama, s.induk) for s in specs],
            employees=rows,
            heads=heads,
        )
        units_path = out / agency.code / "units.csv"
        employees_path = out / agency.code / "employees.csv"
        write_agency_csv(data, units_path, employees_path)
        result.append((agency.code, units_path, employees_path))
        del data, rows, specs, heads
        if progress is not None:
            progress(size)
    return result
