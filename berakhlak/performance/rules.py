"""Pure rules of employee performance (SKP): no Django import, plain data in and out.

Sources (``../shared/docs/REGULATIONS.md`` §3):

- PermenPANRB 6/2022 tentang Pengelolaan Kinerja Pegawai ASN: the SKP, its periods (monthly or
  quarterly periodic evaluation, annual evaluation), the Pejabat Penilai Kinerja, the ratings of hasil
  kerja and perilaku kerja and the predikat matrix ("kuadran");
- SE MenPANRB 3/2023: the distribution of employees' predikat by the organisation's result
  (confidence **medium**: a secondary report of the SE);
- PermenPANRB 1/2023 tentang Jabatan Fungsional: the angka kredit earned from the annual predikat.

Every function here is exhaustively tested in ``tests/performance/test_rules.py``.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

# --- vocabularies ---------------------------------------------------------------------------------

DIATAS, SESUAI, DIBAWAH = "DIATAS", "SESUAI", "DIBAWAH"
RATINGS = (DIATAS, SESUAI, DIBAWAH)

SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG = (
    "SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG")
PREDIKATS = (SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)  # best first

ISTIMEWA = "ISTIMEWA"
# capaian kinerja organisasi (the evaluation header of the regulation's Lampiran), best first
ORG_RESULTS = (ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)

MONTHLY, QUARTERLY = "MONTHLY", "QUARTERLY"
ANNUAL = "TAHUNAN"


class RuleError(ValueError):
    """A value outside the regulation's vocabulary, or an action the workflow does not allow."""


# --- the predikat matrix ("kuadran") ------------------------------------------------------------------

#: PermenPANRB 6/2022, Lampiran (kurva/kuadran predikat kinerja pegawai): rows are the rating of hasil
#: kerja, columns the rating of perilaku kerja. Kurang covers "Kurang/Misconduct".
MATRIX: Mapping[tuple[str, str], str] = {
    (DIATAS, DIBAWAH): KURANG, (DIATAS, SESUAI): BAIK, (DIATAS, DIATAS): SANGAT_BAIK,
    (SESUAI, DIBAWAH): KURANG, (SESUAI, SESUAI): BAIK, (SESUAI, DIATAS): BAIK,
    (DIBAWAH, DIBAWAH): SANGAT_KURANG, (DIBAWAH, SESUAI): BUTUH_PERBAIKAN, (DIBAWAH, DIATAS): BUTUH_PERBAIKAN,
}


def predikat(hasil_kerja: str, perilaku_kerja: str) -> str:
    """The predikat kinerja of one evaluation from its two ratings (PermenPANRB 6/2022, the kuadran).

    >>> predikat("DIATAS", "DIATAS")
    'SANGAT_BAIK'
    """
    for name, rating in (("hasil kerja", hasil_kerja), ("perilaku kerja", perilaku_kerja)):
        if rating not in RATINGS:
            raise RuleError(f"rating {name} {rating!r}: pakai / use {', '.join(RATINGS)}")
    return MATRIX[(hasil_kerja, perilaku_kerja)]


#: The head of a unit receives the unit's result as their rating of hasil kerja (PermenPANRB 6/2022,
#: SE MenPANRB 3/2023). The regulation names five results and three ratings; the mapping is the
#: project's documented default (docs/skp-method.md): Istimewa → Di Atas, Baik → Sesuai, the three
#: lower results → Di Bawah Ekspektasi.
ORG_RESULT_TO_RATING: Mapping[str, str] = {
    ISTIMEWA: DIATAS, BAIK: SESUAI, BUTUH_PERBAIKAN: DIBAWAH, KURANG: DIBAWAH, SANGAT_KURANG: DIBAWAH,
}


def head_hasil_kerja(org_result: str) -> str:
    """The rating of hasil kerja a unit head receives from the unit's capaian kinerja organisasi."""
    if org_result not in ORG_RESULTS:
        raise RuleError(f"capaian kinerja organisasi {org_result!r}: pakai / use {', '.join(ORG_RESULTS)}")
    return ORG_RESULT_TO_RATING[org_result]


# --- periods ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PeriodSpec:
    code: str
    order: int
    starts_on: date
    ends_on: date
    label_id: str
    label_en: str

    @property
    def is_annual(self) -> bool:
        return self.code == ANNUAL


_MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
              "Oktober", "November", "Desember")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
_ROMAN = ("I", "II", "III", "IV")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def periods_for(year: int, frequency: str) -> list[PeriodSpec]:
    """The evaluation periods of a year (PermenPANRB 6/2022 Pasal 21: periodic evaluation monthly or
    quarterly as the agency chooses, then the annual evaluation).

    Quarterly: ``TW1`` … ``TW4`` (the Lampiran's "Triwulan I/II/III/IV-Akhir"); monthly: ``BLN01`` …
    ``BLN12``; then ``TAHUNAN`` for the whole year.
    """
    if not 1900 < year < 3000:
        raise RuleError(f"tahun {year} tidak masuk akal / year {year} is not plausible")
    specs: list[PeriodSpec] = []
    if frequency == QUARTERLY:
        for q in range(4):
            last = " – Akhir" if q == 3 else ""
            specs.append(PeriodSpec(f"TW{q + 1}", q + 1, date(year, 3 * q + 1, 1), _month_end(year, 3 * q + 3),
                                    f"Triwulan {_ROMAN[q]}{last}", f"Quarter {q + 1}{' – final' if q == 3 else ''}"))
    elif frequency == MONTHLY:
        for m in range(1, 13):
            specs.append(PeriodSpec(f"BLN{m:02d}", m, date(year, m, 1), _month_end(year, m),
                                    _MONTHS_ID[m - 1], _MONTHS_EN[m - 1]))
    else:
        raise RuleError(f"frekuensi {frequency!r}: pakai / use {MONTHLY} atau/or {QUARTERLY}")
    specs.append(PeriodSpec(ANNUAL, 99, date(year, 1, 1), date(year, 12, 31), f"Tahunan {year}", f"Annual {year}"))
    return specs


# --- the Pejabat Penilai Kinerja -------------------------------------------------------------------------

RATER_KINDS = ("JPT", "ADMINISTRATOR", "PENGAWAS")  # "at least pengawas level"


@dataclass(frozen=True)
class Person:
    id: int
    position_kind: str | None


def rater_for(employee: Person, superiors: Sequence[Person], agency_head: Person | None) -> Person | None:
    """The Pejabat Penilai Kinerja of ``employee`` (PermenPANRB 6/2022 Pasal 1 and 11).

    ``superiors`` is the superior chain, the direct superior first. The rater is the first superior who
    is at least at pengawas level (JPT, ADMINISTRATOR or PENGAWAS); a JPT is rated by the head of the
    agency (``agency_head``: the head of the root unit, who stands in for the minister in the
    platform). ``None``: nobody on the platform (the agency head themselves, or no such superior); HR
    then acts as the rater, which the service records.
    """
    if employee.position_kind == "JPT":
        if agency_head is None or agency_head.id == employee.id:
            return None
        return agency_head
    for boss in superiors:
        if boss.id == employee.id:
            break  # a cycle in the data: stop rather than rate oneself
        if boss.position_kind in RATER_KINDS:
            return boss
    return None


# --- the SKP workflow ------------------------------------------------------------------------------------

DRAFT, SUBMITTED, RETURNED, APPROVED, EVALUATED, FINAL = (
    "DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "EVALUATED", "FINAL")
STATES = (DRAFT, SUBMITTED, RETURNED, APPROVED, EVALUATED, FINAL)
EMPLOYEE, RATER, HEAD, HR = "EMPLOYEE", "RATER", "HEAD", "HR"

#: action → (who may do it, states it may start from, resulting state or None for "unchanged", reason
#: required). "rate" is a periodic rating (the state stays), "rate_annual" the annual one.
TRANSITIONS: Mapping[str, tuple[frozenset[str], frozenset[str], str | None, bool]] = {
    "edit": (frozenset({EMPLOYEE}), frozenset({DRAFT, RETURNED}), None, False),
    "submit": (frozenset({EMPLOYEE}), frozenset({DRAFT, RETURNED}), SUBMITTED, False),
    "return": (frozenset({RATER}), frozenset({SUBMITTED}), RETURNED, True),
    "approve": (frozenset({RATER}), frozenset({SUBMITTED}), APPROVED, False),
    "realise": (frozenset({EMPLOYEE}), frozenset({APPROVED}), None, False),
    "feedback": (frozenset({EMPLOYEE, RATER}), frozenset({APPROVED, EVALUATED}), None, False),
    "rate": (frozenset({RATER}), frozenset({APPROVED, EVALUATED}), None, False),
    "rate_annual": (frozenset({RATER}), frozenset({APPROVED, EVALUATED}), EVALUATED, False),
    "finalise": (frozenset({HEAD, HR}), frozenset({EVALUATED}), FINAL, False),
    "reopen": (frozenset({RATER, HR}), frozenset({APPROVED, FINAL}), None, True),
}


ACTION_LABELS: Mapping[str, tuple[str, str]] = {
    "edit": ("mengubah SKP", "edit the SKP"), "submit": ("mengajukan SKP", "submit the SKP"),
    "return": ("mengembalikan SKP", "return the SKP"), "approve": ("menyetujui SKP", "approve the SKP"),
    "realise": ("mengisi realisasi", "record realisation"), "feedback": ("memberi umpan balik", "give feedback"),
    "rate": ("menilai periode", "rate the period"), "rate_annual": ("menilai tahunan", "rate the year"),
    "finalise": ("memfinalkan", "finalise"), "reopen": ("membuka kembali", "reopen"),
}
STATE_LABELS: Mapping[str, tuple[str, str]] = {
    DRAFT: ("draf", "draft"), SUBMITTED: ("diajukan", "submitted"), RETURNED: ("dikembalikan", "returned"),
    APPROVED: ("disetujui", "approved"), EVALUATED: ("dinilai", "evaluated"), FINAL: ("final", "final"),
}


def transition(state: str, action: str, roles: frozenset[str] | set[str], reason: str = "") -> str:
    """The state after ``action`` by someone holding ``roles`` on an SKP in ``state``; ``RuleError`` if
    the action is not allowed. Reopening an approved SKP sends it back to draft (the plan is revised);
    reopening a final one sends it back to evaluated (the ratings may change). Both need a reason."""
    if state not in STATES:
        raise RuleError(f"status {state!r} tidak dikenal / unknown state")
    if action not in TRANSITIONS:
        raise RuleError(f"aksi {action!r} tidak dikenal / unknown action")
    who, sources, target, needs_reason = TRANSITIONS[action]
    act_id, act_en = ACTION_LABELS[action]
    if not who & set(roles):
        raise RuleError(f"Anda tidak berwenang {act_id} / you may not {act_en}")
    if state not in sources:
        st_id, st_en = STATE_LABELS[state]
        raise RuleError(f"Tidak bisa {act_id}: SKP berstatus {st_id} / cannot {act_en}: the SKP is {st_en}")
    if needs_reason and not reason.strip():
        raise RuleError(f"{act_id.capitalize()}: alasan wajib diisi / {act_en}: a reason is required")
    if action == "reopen":
        return DRAFT if state == APPROVED else EVALUATED
    return target or state


def allowed_actions(state: str, roles: frozenset[str] | set[str]) -> list[str]:
    """The actions someone holding ``roles`` may take on an SKP in ``state`` (for buttons)."""
    return [a for a, (who, sources, _t, _r) in TRANSITIONS.items() if who & set(roles) and state in sources]


# --- distribution by the organisation's result (SE MenPANRB 3/2023) ---------------------------------------

@dataclass(frozen=True)
class Rule:
    """One bound of a distribution pattern: the share of ``predikats`` among all rated employees must
    be at most (``kind`` "max") or at least ("min") ``percent``; "some" means at least one person."""

    kind: str  # max | min | some
    predikats: tuple[str, ...]
    percent: int = 0


#: SE MenPANRB 3/2023 (confidence medium, REGULATIONS.md §3): the pattern of employees' predikat for
#: each capaian kinerja organisasi. Predikats not named are free ("the rest may be any other").
DISTRIBUTION: Mapping[str, tuple[Rule, ...]] = {
    ISTIMEWA: (Rule("max", (SANGAT_BAIK,), 70),),
    BAIK: (Rule("max", (BAIK,), 70), Rule("some", (BUTUH_PERBAIKAN, KURANG))),
    BUTUH_PERBAIKAN: (Rule("min", (BUTUH_PERBAIKAN,), 60), Rule("max", (SANGAT_BAIK,), 10)),
    KURANG: (Rule("min", (KURANG,), 60), Rule("min", (BUTUH_PERBAIKAN,), 10), Rule("max", (SANGAT_BAIK,), 10)),
    SANGAT_KURANG: (Rule("min", (SANGAT_KURANG,), 60), Rule("min", (KURANG, BUTUH_PERBAIKAN), 10),
                    Rule("max", (SANGAT_BAIK,), 0)),
}


@dataclass(frozen=True)
class Breach:
    """A broken rule: ``actual`` people have the predikat(s), the rule allows at most / needs at least
    ``bound`` of ``total``; ``people`` is how many must change predikat to meet it."""

    rule: Rule
    total: int
    actual: int
    bound: int

    @property
    def people(self) -> int:
        return abs(self.actual - self.bound)

    def describe(self, labels: Mapping[str, str]) -> str:
        names = " / ".join(labels.get(p, p) for p in self.rule.predikats)
        if self.rule.kind == "max":
            return (f"{names}: {self.actual} dari {self.total} orang, paling banyak {self.rule.percent} % = "
                    f"{self.bound} orang; {self.people} orang terlalu banyak")
        if self.rule.kind == "min":
            return (f"{names}: {self.actual} dari {self.total} orang, paling sedikit {self.rule.percent} % = "
                    f"{self.bound} orang; kurang {self.people} orang")
        return f"{names}: harus ada paling sedikit 1 orang; belum ada"


def rule_bound(rule: Rule, total: int) -> int:
    """How many people the rule allows at most ("max": ⌊p·n/100⌋) or needs at least ("min": ⌈p·n/100⌉,
    "some": 1). Integer arithmetic: a share exactly on the bound meets it."""
    if rule.kind == "max":
        return rule.percent * total // 100
    if rule.kind == "min":
        return -(-rule.percent * total // 100)
    if rule.kind == "some":
        return 1
    raise RuleError(f"rule kind {rule.kind!r}")


def distribution_breaches(org_result: str, counts: Mapping[str, int]) -> list[Breach]:
    """The rules of SE MenPANRB 3/2023 that the unit's predikat counts break, given the unit's capaian
    kinerja organisasi. No rated employee: nothing to check."""
    if org_result not in ORG_RESULTS:
        raise RuleError(f"capaian kinerja organisasi {org_result!r}: pakai / use {', '.join(ORG_RESULTS)}")
    unknown = set(counts) - set(PREDIKATS)
    if unknown:
        raise RuleError(f"predikat {sorted(unknown)} tidak dikenal / unknown")
    if any(n < 0 for n in counts.values()):
        raise RuleError("jumlah negatif / negative count")
    total = sum(counts.values())
    if total == 0:
        return []
    breaches = []
    for rule in DISTRIBUTION[org_result]:
        actual = sum(counts.get(p, 0) for p in rule.predikats)
        bound = rule_bound(rule, total)
        broken = actual > bound if rule.kind == "max" else actual < bound
        if broken:
            breaches.append(Breach(rule, total, actual, bound))
    return breaches


# --- angka kredit (PermenPANRB 1/2023) ------------------------------------------------------------------

#: Share of the annual coefficient earned per predikat (PermenPANRB 1/2023 Pasal 30; configurable and
#: dated in the database: ``performance.CreditRate``).
CREDIT_PERCENT: Mapping[str, int] = {SANGAT_BAIK: 150, BAIK: 100, BUTUH_PERBAIKAN: 75, KURANG: 50, SANGAT_KURANG: 25}

#: Annual coefficient per jenjang jabatan fungsional (PermenPANRB 1/2023 Lampiran; configurable and dated
#: in the database: ``performance.CreditCoefficient``).
CREDIT_COEFFICIENT: Mapping[str, Decimal] = {
    "Pemula": Decimal("3.75"), "Terampil": Decimal("5"), "Mahir": Decimal("12.5"), "Penyelia": Decimal("25"),
    "Ahli Pertama": Decimal("12.5"), "Ahli Muda": Decimal("25"), "Ahli Madya": Decimal("37.5"),
    "Ahli Utama": Decimal("50"),
}


def jenjang_of(position_name: str, jenjangs: Sequence[str] = tuple(CREDIT_COEFFICIENT)) -> str | None:
    """The jenjang named at the end of a functional position's name ("Analis SDM Aparatur Ahli Muda" →
    "Ahli Muda"); the longest match wins; ``None`` when the name carries none."""
    name = " ".join(position_name.split()).casefold()
    best = None
    for j in jenjangs:
        if name.endswith(j.casefold()) and (best is None or len(j) > len(best)):
            best = j
    return best


def angka_kredit(predikat_code: str, coefficient: Decimal, percents: Mapping[str, int] = CREDIT_PERCENT) -> Decimal:
    """Angka kredit earned in a year: the predikat's percentage of the position's annual coefficient,
    rounded half-up to 3 decimals (PermenPANRB 1/2023). Ahli Pertama (12.5) with Sangat Baik → 18.750."""
    if predikat_code not in PREDIKATS:
        raise RuleError(f"predikat {predikat_code!r} tidak dikenal / unknown")
    if coefficient < 0:
        raise RuleError("koefisien negatif / negative coefficient")
    value = Decimal(percents[predikat_code]) * Decimal(coefficient) / Decimal(100)
    return value.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def credit_in_force(rows: Sequence[tuple[date, str, object]], on: date) -> dict[str, object]:
    """The entries in force on ``on`` of a dated table: rows ``(effective_from, key, value)``; for each key
    the latest row that is not after ``on``."""
    best: dict[str, tuple[date, object]] = {}
    for effective_from, key, value in rows:
        if effective_from <= on and (key not in best or effective_from >= best[key][0]):
            best[key] = (effective_from, value)
    return {k: v for k, (_d, v) in best.items()}


# --- evidence files -------------------------------------------------------------------------------------

#: Evidence ("bukti dukung") file types: extension → the bytes such a file starts with.
EVIDENCE_TYPES: Mapping[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
}


def evidence_problem(filename: str, size: int, head: bytes, max_bytes: int) -> str | None:
    """Why an uploaded evidence file is refused, or ``None``: the type by extension *and* content, and
    the size limit."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext not in EVIDENCE_TYPES:
        return (f"jenis berkas .{ext or '?'} tidak diterima; pakai {', '.join(sorted(EVIDENCE_TYPES))} / "
                f"file type not accepted")
    if size <= 0:
        return "berkas kosong / empty file"
    if size > max_bytes:
        return (f"berkas {size / 1048576:.1f} MB melebihi batas {max_bytes / 1048576:.0f} MB / "
                f"file exceeds the size limit")
    if not any(head.startswith(magic) for magic in EVIDENCE_TYPES[ext]):
        return f"isi berkas bukan .{ext} / the file's content is not .{ext}"
    return None
