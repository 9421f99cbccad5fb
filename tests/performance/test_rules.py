"""The pure SKP rules (REGULATIONS.md §3), cell by cell and edge by edge."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from berakhlak.performance import rules as r

# --- the kuadran: all nine cells -----------------------------------------------------------------------

@pytest.mark.parametrize(("hasil", "perilaku", "expected"), [
    ("DIATAS", "DIBAWAH", "KURANG"),
    ("DIATAS", "SESUAI", "BAIK"),
    ("DIATAS", "DIATAS", "SANGAT_BAIK"),
    ("SESUAI", "DIBAWAH", "KURANG"),
    ("SESUAI", "SESUAI", "BAIK"),
    ("SESUAI", "DIATAS", "BAIK"),
    ("DIBAWAH", "DIBAWAH", "SANGAT_KURANG"),
    ("DIBAWAH", "SESUAI", "BUTUH_PERBAIKAN"),
    ("DIBAWAH", "DIATAS", "BUTUH_PERBAIKAN"),
])
def test_every_cell_of_the_predikat_matrix(hasil, perilaku, expected):
    assert r.predikat(hasil, perilaku) == expected


def test_a_below_expectation_behaviour_is_never_butuh_perbaikan_unless_results_are_below_too():
    # the wrong public implementation maps every "Di Bawah" to Butuh Perbaikan
    assert r.predikat("DIATAS", "DIBAWAH") != "BUTUH_PERBAIKAN"
    assert r.predikat("DIBAWAH", "DIBAWAH") == "SANGAT_KURANG"


@pytest.mark.parametrize(("hasil", "perilaku"), [("BAIK", "SESUAI"), ("SESUAI", ""), ("diatas", "SESUAI"), (None, "SESUAI")])
def test_ratings_outside_the_vocabulary_are_refused(hasil, perilaku):
    with pytest.raises(r.RuleError):
        r.predikat(hasil, perilaku)


@pytest.mark.parametrize(("org", "rating"), [("ISTIMEWA", "DIATAS"), ("BAIK", "SESUAI"), ("BUTUH_PERBAIKAN", "DIBAWAH"),
                                         ("KURANG", "DIBAWAH"), ("SANGAT_KURANG", "DIBAWAH")])
def test_a_head_receives_the_units_result_as_hasil_kerja(org, rating):
    assert r.head_hasil_kerja(org) == rating


def test_an_unknown_org_result_is_refused():
    with pytest.raises(r.RuleError):
        r.head_hasil_kerja("SEDANG")


# --- periods -------------------------------------------------------------------------------------------

def test_quarterly_periods_cover_the_year_and_end_with_the_annual_one():
    specs = r.periods_for(2024, "QUARTERLY")
    assert [s.code for s in specs] == ["TW1", "TW2", "TW3", "TW4", "TAHUNAN"]
    assert [(s.starts_on, s.ends_on) for s in specs[:4]] == [
        (date(2024, 1, 1), date(2024, 3, 31)), (date(2024, 4, 1), date(2024, 6, 30)),
        (date(2024, 7, 1), date(2024, 9, 30)), (date(2024, 10, 1), date(2024, 12, 31))]
    assert specs[3].label_id == "Triwulan IV – Akhir" and specs[-1].is_annual
    assert (specs[-1].starts_on, specs[-1].ends_on) == (date(2024, 1, 1), date(2024, 12, 31))


def test_monthly_periods_know_leap_years():
    specs = r.periods_for(2024, "MONTHLY")
    assert len(specs) == 13 and specs[0].code == "BLN01" and specs[11].code == "BLN12"
    assert specs[1].ends_on == date(2024, 2, 29) and r.periods_for(2023, "MONTHLY")[1].ends_on == date(2023, 2, 28)
    for a, b in zip(specs[:11], specs[1:12]):
        assert (b.starts_on - a.ends_on).days == 1  # no gap, no overlap


@pytest.mark.parametrize(("year", "frequency"), [(2024, "WEEKLY"), (2024, ""), (1899, "QUARTERLY"), (3000, "MONTHLY")])
def test_bad_period_settings_are_refused(year, frequency):
    with pytest.raises(r.RuleError):
        r.periods_for(year, frequency)


# --- the Pejabat Penilai Kinerja -----------------------------------------------------------------------

P = r.Person


@pytest.mark.parametrize(("chain", "expected"), [
    ([P(2, "PENGAWAS")], 2),
    ([P(2, "ADMINISTRATOR")], 2),
    ([P(2, "JPT")], 2),
    ([P(2, "PELAKSANA"), P(3, "PENGAWAS")], 3),            # the next one up
    ([P(2, "FUNGSIONAL"), P(3, "PELAKSANA"), P(4, "ADMINISTRATOR")], 4),
    ([P(2, None), P(3, "PENGAWAS")], 3),                   # no position recorded: not a rater
    ([P(2, "PELAKSANA")], None),                           # nobody at pengawas level or above
    ([], None),
])
def test_the_rater_is_the_first_superior_at_pengawas_level_or_above(chain, expected):
    found = r.rater_for(P(1, "PELAKSANA"), chain, P(99, "JPT"))
    assert (found.id if found else None) == expected


def test_a_jpt_is_rated_by_the_agency_head_not_by_the_chain():
    assert r.rater_for(P(5, "JPT"), [P(6, "JPT")], P(99, "JPT")).id == 99
    assert r.rater_for(P(99, "JPT"), [], P(99, "JPT")) is None  # the agency head themselves
    assert r.rater_for(P(5, "JPT"), [P(6, "JPT")], None) is None


def test_a_cycle_in_the_chain_never_makes_someone_their_own_rater():
    assert r.rater_for(P(1, "PENGAWAS"), [P(2, "PELAKSANA"), P(1, "PENGAWAS")], None) is None


# --- the workflow ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("state", "action", "roles", "reason", "expected"), [
    ("DRAFT", "edit", {"EMPLOYEE"}, "", "DRAFT"),
    ("DRAFT", "submit", {"EMPLOYEE"}, "", "SUBMITTED"),
    ("RETURNED", "submit", {"EMPLOYEE"}, "", "SUBMITTED"),
    ("SUBMITTED", "return", {"RATER"}, "target belum terukur", "RETURNED"),
    ("SUBMITTED", "approve", {"RATER"}, "", "APPROVED"),
    ("APPROVED", "realise", {"EMPLOYEE"}, "", "APPROVED"),
    ("APPROVED", "rate", {"RATER"}, "", "APPROVED"),
    ("APPROVED", "rate_annual", {"RATER"}, "", "EVALUATED"),
    ("EVALUATED", "rate_annual", {"RATER"}, "", "EVALUATED"),
    ("EVALUATED", "feedback", {"EMPLOYEE"}, "", "EVALUATED"),
    ("EVALUATED", "finalise", {"HEAD"}, "", "FINAL"),
    ("EVALUATED", "finalise", {"HR"}, "", "FINAL"),
    ("FINAL", "reopen", {"RATER"}, "salah input", "EVALUATED"),
    ("APPROVED", "reopen", {"HR"}, "revisi target", "DRAFT"),
])
def test_allowed_transitions(state, action, roles, reason, expected):
    assert r.transition(state, action, frozenset(roles), reason) == expected


@pytest.mark.parametrize(("state", "action", "roles", "reason", "message"), [
    ("DRAFT", "edit", {"RATER"}, "", "tidak berwenang"),            # only the employee edits a draft
    ("SUBMITTED", "edit", {"EMPLOYEE"}, "", "diajukan"),
    ("APPROVED", "edit", {"EMPLOYEE"}, "", "disetujui"),
    ("SUBMITTED", "approve", {"EMPLOYEE", "HEAD", "HR"}, "", "tidak berwenang"),  # only the rater approves
    ("DRAFT", "approve", {"RATER"}, "", "draf"),
    ("SUBMITTED", "return", {"RATER"}, "   ", "alasan"),
    ("APPROVED", "rate", {"EMPLOYEE"}, "", "tidak berwenang"),
    ("SUBMITTED", "rate", {"RATER"}, "", "diajukan"),
    ("FINAL", "rate", {"RATER"}, "", "final"),
    ("FINAL", "edit", {"EMPLOYEE"}, "", "final"),
    ("FINAL", "feedback", {"RATER"}, "", "final"),
    ("APPROVED", "finalise", {"HEAD"}, "", "disetujui"),
    ("EVALUATED", "finalise", {"RATER", "EMPLOYEE"}, "", "tidak berwenang"),
    ("FINAL", "reopen", {"RATER"}, "", "alasan"),
    ("FINAL", "reopen", {"EMPLOYEE"}, "ingin ubah", "tidak berwenang"),
    ("DRAFT", "reopen", {"HR"}, "x", "draf"),
])
def test_refused_transitions_say_why(state, action, roles, reason, message):
    with pytest.raises(r.RuleError, match=message):
        r.transition(state, action, frozenset(roles), reason)


def test_unknown_states_and_actions_are_refused():
    with pytest.raises(r.RuleError):
        r.transition("ARCHIVED", "edit", {"EMPLOYEE"})
    with pytest.raises(r.RuleError):
        r.transition("DRAFT", "delete", {"EMPLOYEE"})


def test_allowed_actions_lists_the_buttons():
    assert r.allowed_actions("SUBMITTED", {"RATER"}) == ["return", "approve"]
    assert r.allowed_actions("DRAFT", {"EMPLOYEE"}) == ["edit", "submit"]
    assert r.allowed_actions("FINAL", {"EMPLOYEE"}) == []


# --- distribution (SE MenPANRB 3/2023): every rule edge ---------------------------------------------

def counts(**kw) -> dict[str, int]:
    return {k: kw.get(k, 0) for k in r.PREDIKATS}


def kinds(org, c):
    return [(b.rule.kind, b.rule.predikats, b.actual, b.bound, b.people) for b in r.distribution_breaches(org, c)]


def test_istimewa_allows_at_most_70_percent_sangat_baik():
    assert kinds("ISTIMEWA", counts(SANGAT_BAIK=7, BAIK=3)) == []                       # exactly 70 %
    assert kinds("ISTIMEWA", counts(SANGAT_BAIK=8, BAIK=2)) == [("max", ("SANGAT_BAIK",), 8, 7, 1)]
    assert kinds("ISTIMEWA", counts(BAIK=10)) == []                                     # the rest is free
    assert kinds("ISTIMEWA", counts(SANGAT_BAIK=4, BAIK=3)) == []                       # 4/7 = 57 %
    # 7 people: 70 % is 4.9, so 4 is the most (5 would be 71.4 %)
    assert kinds("ISTIMEWA", counts(SANGAT_BAIK=5, BAIK=2)) == [("max", ("SANGAT_BAIK",), 5, 4, 1)]


def test_baik_allows_at_most_70_percent_baik_and_needs_someone_below():
    assert kinds("BAIK", counts(BAIK=7, BUTUH_PERBAIKAN=1, SANGAT_BAIK=2)) == []
    assert kinds("BAIK", counts(BAIK=7, KURANG=1, SANGAT_KURANG=2)) == []
    assert kinds("BAIK", counts(BAIK=8, BUTUH_PERBAIKAN=1, SANGAT_BAIK=1)) == [("max", ("BAIK",), 8, 7, 1)]
    assert kinds("BAIK", counts(BAIK=7, SANGAT_BAIK=3)) == [("some", ("BUTUH_PERBAIKAN", "KURANG"), 0, 1, 1)]
    assert kinds("BAIK", counts(BAIK=7, SANGAT_KURANG=3)) == [("some", ("BUTUH_PERBAIKAN", "KURANG"), 0, 1, 1)]
    assert kinds("BAIK", counts(BAIK=10)) == [("max", ("BAIK",), 10, 7, 3), ("some", ("BUTUH_PERBAIKAN", "KURANG"), 0, 1, 1)]


def test_butuh_perbaikan_needs_60_percent_bp_and_at_most_10_percent_sangat_baik():
    assert kinds("BUTUH_PERBAIKAN", counts(BUTUH_PERBAIKAN=6, SANGAT_BAIK=1, BAIK=3)) == []
    assert kinds("BUTUH_PERBAIKAN", counts(BUTUH_PERBAIKAN=5, BAIK=5)) == [("min", ("BUTUH_PERBAIKAN",), 5, 6, 1)]
    assert kinds("BUTUH_PERBAIKAN", counts(BUTUH_PERBAIKAN=6, SANGAT_BAIK=2, BAIK=2)) == [("max", ("SANGAT_BAIK",), 2, 1, 1)]
    # 9 people: 60 % is 5.4, so 6 are needed; 10 % is 0.9, so no Sangat Baik at all
    assert kinds("BUTUH_PERBAIKAN", counts(BUTUH_PERBAIKAN=5, BAIK=4)) == [("min", ("BUTUH_PERBAIKAN",), 5, 6, 1)]
    assert kinds("BUTUH_PERBAIKAN", counts(BUTUH_PERBAIKAN=6, SANGAT_BAIK=1, BAIK=2)) == [("max", ("SANGAT_BAIK",), 1, 0, 1)]


def test_kurang_needs_60_percent_kurang_10_percent_bp_and_at_most_10_percent_sangat_baik():
    assert kinds("KURANG", counts(KURANG=6, BUTUH_PERBAIKAN=1, SANGAT_BAIK=1, BAIK=2)) == []
    assert kinds("KURANG", counts(KURANG=5, BUTUH_PERBAIKAN=1, BAIK=4)) == [("min", ("KURANG",), 5, 6, 1)]
    assert kinds("KURANG", counts(KURANG=6, BAIK=4)) == [("min", ("BUTUH_PERBAIKAN",), 0, 1, 1)]
    assert kinds("KURANG", counts(KURANG=6, BUTUH_PERBAIKAN=1, SANGAT_BAIK=2, BAIK=1)) == [("max", ("SANGAT_BAIK",), 2, 1, 1)]


def test_sangat_kurang_needs_60_percent_sk_10_percent_kurang_or_bp_and_no_sangat_baik():
    assert kinds("SANGAT_KURANG", counts(SANGAT_KURANG=6, KURANG=1, BAIK=3)) == []
    assert kinds("SANGAT_KURANG", counts(SANGAT_KURANG=6, BUTUH_PERBAIKAN=1, BAIK=3)) == []
    assert kinds("SANGAT_KURANG", counts(SANGAT_KURANG=5, KURANG=1, BAIK=4)) == [("min", ("SANGAT_KURANG",), 5, 6, 1)]
    assert kinds("SANGAT_KURANG", counts(SANGAT_KURANG=6, BAIK=4)) == [("min", ("KURANG", "BUTUH_PERBAIKAN"), 0, 1, 1)]
    assert kinds("SANGAT_KURANG", counts(SANGAT_KURANG=6, KURANG=1, SANGAT_BAIK=1, BAIK=2)) == [("max", ("SANGAT_BAIK",), 1, 0, 1)]


def test_nobody_rated_breaks_nothing_and_bad_input_is_refused():
    assert r.distribution_breaches("BAIK", counts()) == []
    with pytest.raises(r.RuleError):
        r.distribution_breaches("LUMAYAN", counts(BAIK=1))
    with pytest.raises(r.RuleError):
        r.distribution_breaches("BAIK", {"CUKUP": 1})
    with pytest.raises(r.RuleError):
        r.distribution_breaches("BAIK", counts(BAIK=-1))


def test_a_breach_says_which_rule_and_how_many_people():
    (b,) = r.distribution_breaches("ISTIMEWA", counts(SANGAT_BAIK=9, BAIK=1))
    text = b.describe({"SANGAT_BAIK": "Sangat Baik"})
    assert "Sangat Baik: 9 dari 10 orang" in text and "70 % = 7 orang" in text and "2 orang terlalu banyak" in text
    (b,) = r.distribution_breaches("BUTUH_PERBAIKAN", counts(BUTUH_PERBAIKAN=2, BAIK=8))
    assert "kurang 4 orang" in b.describe({})


def _oracle(org: str, c: dict[str, int]) -> list[tuple[str, tuple[str, ...]]]:
    """The SE's table read literally with exact fractions."""
    n = sum(c.values())
    if n == 0:
        return []
    share = lambda *ps: Fraction(sum(c[p] for p in ps), n)  # noqa: E731
    out = []
    table = {
        "ISTIMEWA": [("max", ("SANGAT_BAIK",), Fraction(70, 100))],
        "BAIK": [("max", ("BAIK",), Fraction(70, 100)), ("some", ("BUTUH_PERBAIKAN", "KURANG"), None)],
        "BUTUH_PERBAIKAN": [("min", ("BUTUH_PERBAIKAN",), Fraction(60, 100)), ("max", ("SANGAT_BAIK",), Fraction(10, 100))],
        "KURANG": [("min", ("KURANG",), Fraction(60, 100)), ("min", ("BUTUH_PERBAIKAN",), Fraction(10, 100)),
                   ("max", ("SANGAT_BAIK",), Fraction(10, 100))],
        "SANGAT_KURANG": [("min", ("SANGAT_KURANG",), Fraction(60, 100)),
                          ("min", ("KURANG", "BUTUH_PERBAIKAN"), Fraction(10, 100)),
                          ("max", ("SANGAT_BAIK",), Fraction(0))],
    }[org]
    for kind, ps, limit in table:
        if (kind == "max" and share(*ps) > limit) or (kind == "min" and share(*ps) < limit) or \
                (kind == "some" and sum(c[p] for p in ps) == 0):
            out.append((kind, ps))
    return out


@given(st.sampled_from(r.ORG_RESULTS), st.lists(st.integers(0, 40), min_size=5, max_size=5))
def test_breaches_match_the_table_read_with_exact_fractions(org, numbers):
    c = dict(zip(r.PREDIKATS, numbers))
    found = r.distribution_breaches(org, c)
    assert [(b.rule.kind, b.rule.predikats) for b in found] == _oracle(org, c)
    n = sum(numbers)
    for b in found:  # the bound is the last head-count that meets the rule; `people` is the distance to it
        assert b.people == abs(b.actual - b.bound) >= 1
        p = Fraction(b.rule.percent, 100)
        if b.rule.kind == "max":
            assert Fraction(b.bound, n) <= p < Fraction(b.bound + 1, n)
        elif b.rule.kind == "min":
            assert Fraction(b.bound - 1, n) < p <= Fraction(b.bound, n)


# --- angka kredit ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("pred", "percent"), [("SANGAT_BAIK", 150), ("BAIK", 100), ("BUTUH_PERBAIKAN", 75),
                                           ("KURANG", 50), ("SANGAT_KURANG", 25)])
def test_angka_kredit_is_the_predikats_share_of_the_coefficient(pred, percent):
    assert r.angka_kredit(pred, Decimal("12.5")) == (Decimal("12.5") * percent / 100).quantize(Decimal("0.001"))


def test_the_regulations_example_ahli_pertama_sangat_baik():
    assert r.angka_kredit("SANGAT_BAIK", r.CREDIT_COEFFICIENT["Ahli Pertama"]) == Decimal("18.750")
    assert r.angka_kredit("BUTUH_PERBAIKAN", Decimal("3.75")) == Decimal("2.813")  # 2.8125 rounds half up


def test_angka_kredit_refuses_bad_input():
    with pytest.raises(r.RuleError):
        r.angka_kredit("ISTIMEWA", Decimal("12.5"))
    with pytest.raises(r.RuleError):
        r.angka_kredit("BAIK", Decimal("-1"))


@pytest.mark.parametrize(("name", "jenjang"), [
    ("Analis SDM Aparatur Ahli Muda", "Ahli Muda"),
    ("Pranata Komputer Ahli  Pertama", "Ahli Pertama"),
    ("Arsiparis Terampil", "Terampil"),
    ("Pranata Keuangan APBN Penyelia", "Penyelia"),
    ("Kepala Biro Umum", None),
])
def test_the_jenjang_is_read_from_the_position_name(name, jenjang):
    assert r.jenjang_of(name) == jenjang


def test_a_dated_table_gives_the_row_in_force():
    rows = [(date(2023, 1, 1), "BAIK", 100), (date(2026, 1, 1), "BAIK", 110), (date(2023, 1, 1), "KURANG", 50)]
    assert r.credit_in_force(rows, date(2025, 12, 31)) == {"BAIK": 100, "KURANG": 50}
    assert r.credit_in_force(rows, date(2026, 1, 1)) == {"BAIK": 110, "KURANG": 50}
    assert r.credit_in_force(rows, date(2022, 12, 31)) == {}


# --- evidence files --------------------------------------------------------------------------------------

MB = 1048576


@pytest.mark.parametrize(("name", "size", "head", "ok"), [
    ("laporan.pdf", 1000, b"%PDF-1.7\n", True),
    ("foto.JPG", 1000, b"\xff\xd8\xff\xe0", True),
    ("scan.png", 5 * MB, b"\x89PNG\r\n\x1a\n", True),          # exactly the limit
    ("scan.png", 5 * MB + 1, b"\x89PNG\r\n\x1a\n", False),     # one byte over
    ("notulen.docx", 10, b"PK\x03\x04", True),
    ("virus.exe", 10, b"MZ", False),
    ("tanpa-ekstensi", 10, b"%PDF-", False),
    ("palsu.pdf", 10, b"MZ\x90\x00", False),                   # the content is not a PDF
    ("kosong.pdf", 0, b"", False),
])
def test_evidence_files_are_checked_by_type_content_and_size(name, size, head, ok):
    assert (r.evidence_problem(name, size, head, 5 * MB) is None) is ok
