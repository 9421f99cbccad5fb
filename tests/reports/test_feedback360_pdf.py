"""The personal 360 report as PDF: a cycle run through the services (``tests/feedback360/conftest.py``),
the report built by the selector the view uses, printed, and read back with pdftotext for what a user
would look for; and what must never be in it (a peer's name, a hidden group's comment)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from berakhlak.accounts.scope import scope_for
from berakhlak.analytics.likert import BEHAVIOUR_CODES
from berakhlak.feedback360 import selectors, services
from berakhlak.feedback360.models import Assignment
from berakhlak.feedback360.reporting import report_data
from berakhlak.reports import feedback360_pdf as pdf
from tests.feedback360.conftest import answer, approve_all, open_cycle, org360  # noqa: F401  (the fixture)

PEER_COMMENT = "Sigap membantu rekan satu tim saat beban kerja tinggi"
CROSS_COMMENT = "Komentar lintas unit yang tidak boleh tampil"
SUPERIOR_COMMENT = "Perlu lebih sering berbagi informasi dengan biro lain"
PEER_VALUES = {"a2": 2, "a3": 3, "a5": 5}  # three peers, three distinct answers, every behaviour


def _superior_answers() -> dict[str, int]:
    """4 everywhere but 5 on BP1, BP2, LO1 and 3 on HA1, KL2, KL3: the superior's mean stays 4."""
    answers = dict.fromkeys(BEHAVIOUR_CODES, 4)
    answers.update(BP1=5, BP2=5, LO1=5, HA1=3, KL2=3, KL3=3)
    return answers


def _pdf_text(data: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True,
                          timeout=60)
    return done.stdout.decode("utf-8")


@pytest.fixture
def rated(org360):  # noqa: F811
    """A1 rated by self (5 everywhere), the superior (``_superior_answers``), the three peers the cycle
    proposed (2, 3 and 5, one with a comment) and the cross-unit peers it proposed (1 everywhere, with
    a comment): fewer than the minimum of 3, so they are merged into "others", which is hidden. Every
    other form stays unsent."""
    org = org360
    people = org["people"]
    a1 = people["a1"]
    cycle = open_cycle(org)
    approve_all(cycle, org)
    by_rel: dict[str, list[int]] = {}
    for a in Assignment.objects.filter(cycle=cycle, ratee=a1, status="OPEN"):
        by_rel.setdefault(a.relationship, []).append(a.rater_id)
    assert sorted(by_rel["PEER"]) == sorted(people[k].pk for k in PEER_VALUES)
    assert by_rel["SUPERIOR"] == [people["kabiro_a"].pk] and 0 < len(by_rel["CROSS"]) < 3
    answer(cycle, a1, a1, 5, comments={"AD": "Saya cepat menyesuaikan diri"})
    answer(cycle, people["kabiro_a"], a1, _superior_answers(), comments={"KL": SUPERIOR_COMMENT})
    for key, value in PEER_VALUES.items():
        answer(cycle, people[key], a1, value, comments={"BP": PEER_COMMENT} if key == "a2" else None)
    cross = [e for e in people.values() if e.pk in by_rel["CROSS"]]
    for e in cross:
        answer(cycle, e, a1, 1, comments={"BP": CROSS_COMMENT})
    cycle = services.cycle_close(actor=org["hr"], cycle=cycle)
    report = selectors.report(scope=scope_for(a1.user), cycle=cycle, employee_id=a1.pk)
    return {"report": report, "a1": a1, "raters": [people[k].name for k in PEER_VALUES] + [e.name for e in cross]}


def test_numbers_have_two_decimals_and_a_decimal_comma():
    assert pdf.num(3.8095238) == "3,81" and pdf.num(3.125) == "3,13" and pdf.num(None) == "—"
    assert pdf.signed(1.1905) == "+1,19" and pdf.signed(-0.404) == "\u22120,40" and pdf.signed(0.001) == "0,00"
    assert pdf.signed(None) == "—"


def test_the_report_shows_the_scores_and_never_a_peer(rated):
    report, a1 = rated["report"], rated["a1"]
    assert report.computed and report.shown_groups == ["SUPERIOR", "PEER"]

    # the context: who is counted, with which share of the weighted score; the hidden group is said
    context = pdf.feedback360_context(report_data(report))
    rows = {r["group"]: r for r in context["raters"]}
    assert (rows["SUPERIOR"]["share"], rows["PEER"]["share"], rows["SELF"]["share"]) == ("71,43 %", "28,57 %", "—")
    assert rows["PEER"]["raters"] == 3 and rows["PEER"]["visible"] and not rows["OTHERS"]["visible"]
    assert rows["OTHERS"]["note"].startswith("2 jawaban tidak ditampilkan (kelompok terlalu kecil)")
    assert rows["OTHERS"]["note"].endswith("gabungan dari rekan kerja lintas unit")
    bp1 = context["sections"][0]["rows"][0]
    # BP1 from the visible others: the superior's 5 and the peers' 2, 3, 5 (the cross-unit 1s are hidden)
    assert bp1["code"] == "BP1" and bp1["distribution"] == ["0", "1", "1", "0", "2"]
    (_s, strongest), (_w, weakest) = context["ranking"]
    assert [r["code"] for r in strongest] == ["BP1", "BP2", "LO1"]  # (50·5 + 20·10/3) / 70 = 4,52
    assert [r["code"] for r in weakest] == ["HA1", "KL2", "KL3"]  # (50·3 + 20·10/3) / 70 = 3,10
    assert strongest[0]["score"] == "4,52" and weakest[0]["score"] == "3,10"
    assert context["radar"].startswith("data:image/svg+xml;base64,")

    html = pdf.feedback360_report_html(report_data(report))
    assert "2 jawaban tidak ditampilkan (kelompok terlalu kecil)" in html
    assert CROSS_COMMENT not in html and PEER_COMMENT in html
    for name in rated["raters"]:
        assert name not in html

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    data = pdf.feedback360_pdf(report_data(report))
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
    raw = _pdf_text(data)
    text = " ".join(raw.split())
    assert "LAPORAN PENILAIAN 360 DERAJAT — NILAI DASAR BerAKHLAK" in text
    assert a1.name in text and a1.nip in text and "Kementerian X" in text and "Penilaian 360-2025" in text
    # Overall = the mean of the 7 values' weighted scores over the visible groups other than self: the
    # superior (weight 50) and the peers (20); the cross-unit forms (10) are hidden and weigh nothing.
    #   peers: (2 + 3 + 5) / 3 = 10/3 on every behaviour, so on every value
    #   superior, per value: BP (5+5+4)/3 = 14/3, LO 13/3, HA 11/3, KL (4+3+3)/3 = 10/3, AK KO AD 4
    #   value = (50·superior + 20·10/3) / 70: BP 900/210 = 4.29, LO 850/210 = 4.05, HA 750/210 = 3.57,
    #           KL 700/210 = 3.33, AK KO AD 800/210 = 3.81
    #   overall = (900 + 850 + 750 + 700 + 3·800) / 210 / 7 = 5600/1470 = 3.8095 -> "3,81"
    #   (were the cross-unit 1s counted: (50·4 + 20·10/3 + 10·1) / 80 = 3.4583 -> "3,46")
    assert report.overall.score == pytest.approx(5600 / 1470)
    assert "3,81" in text and "3,46" not in text
    assert "4,29" in text and "3,33" in text
    assert "5,00" in text and "+1,19" in text  # self 5 everywhere; the gap 5 − 3.81
    # 3.81 < 4.00 and ≥ 3.00: Sesuai Ekspektasi, a suggestion only
    assert "Usulan predikat perilaku kerja SKP Sesuai Ekspektasi" in text and "Usulan, bukan keputusan" in text
    assert "Halaman 1 dari" in text
    assert PEER_COMMENT in text and SUPERIOR_COMMENT in text and CROSS_COMMENT not in text
    assert f"Rekan kerja satu unit: {PEER_COMMENT}" in text  # labelled by its group, never a name
    for name in rated["raters"]:
        assert name not in text and name not in raw


def test_a_report_without_results_still_prints(org360):  # noqa: F811
    cycle = open_cycle(org360)
    a1 = org360["people"]["a1"]
    report = selectors.report(scope=scope_for(a1.user), cycle=cycle, employee_id=a1.pk)
    html = pdf.feedback360_report_html(report_data(report))
    assert "Hasil siklus ini belum dihitung" in html and "data:image/svg+xml" not in html
    assert "Belum ada formulir yang dikirim." in html and "Belum ada skor." in html
