"""``berakhlak 360 compute|show`` on a hand-checked example: the personal result of Staf A1.

Answers (every behaviour unless said otherwise):
- self: 5;
- superior (Kabiro A, weight 50): 4, but 3 on AD1–AD3; comment on AD "Perlu lebih proaktif.";
- three same-unit peers (weight 20): 3, 4 and 5; the third marks KL3 "tidak dapat menilai"; the first
  comments on BP "Sigap membantu warga.";
- one cross-unit peer: 2, comment "RAHASIA-LINTAS" — 1 cross-unit answer is below the minimum of 3,
  merged into "others" which is still 1: hidden, left out of everything.

By hand (weighted = Σ w·mean / Σ w over superior and peers):
- BP, AK, KO, HA, LO: superior 4, peers (3+4+5)/3 = 4 → (50·4 + 20·4)/70 = 4.00;
- AD: superior 3, peers 4 → (150 + 80)/70 = 3.285714 → 3.29;
- KL: superior 4, peers (3+4+5 + 3+4+5 + 3+4)/8 = 31/8 = 3.875 → (200 + 77.5)/70 = 3.964286 → 3.96;
- overall = mean of the 7 value scores = (5·4 + 3.285714 + 3.964286)/7 = 27.25/7 = 3.892857 → 3.89;
  per group: superior (6·4 + 3)/7 = 3.857143 → 3.86, peers (6·4 + 3.875)/7 = 3.982143 → 3.98;
  self 5.00; the suggestion: 3.89 is under 4.00 and not under 3.00 → SESUAI;
- KL3: superior 4, peers (3+4)/2 = 3.5 → (200 + 70)/70 = 3.857143 → 3.86; answers 4, 3, 4 →
  distribution [0, 0, 1, 2, 0];
- BP1: answers 4, 3, 4, 5 → distribution [0, 0, 1, 2, 1], spread √((0+1+0+1)/4) = 0.7071 → 0.71;
- strongest: the 4.00 behaviours, ties by code → AK1, AK2, AK3; weakest: AD1, AD2, AD3 (3.29).
"""

from __future__ import annotations

import json

import pytest
from django.core.management.base import CommandError

from berakhlak.analytics.likert import BEHAVIOUR_CODES
from berakhlak.feedback360 import services
from berakhlak.feedback360.models import Assignment, Score
from tests.commands import run_command
from tests.feedback360.conftest import answer, approve_all, open_cycle


@pytest.fixture
def hand_checked(org360):
    p = org360["people"]
    a1 = p["a1"]
    cycle = open_cycle(org360)
    approve_all(cycle, org360)
    mine = Assignment.objects.filter(cycle=cycle, ratee=a1).select_related("rater")
    answer(cycle, a1, a1, 5)
    answer(cycle, p["kabiro_a"], a1, {c: 3 if c.startswith("AD") else 4 for c in BEHAVIOUR_CODES},
           comments={"AD": "Perlu lebih proaktif."})
    peers = [a.rater for a in mine.filter(relationship="PEER").order_by("rater__name")]
    assert len(peers) == 3
    answer(cycle, peers[0], a1, 3, comments={"BP": "Sigap membantu warga."})
    answer(cycle, peers[1], a1, 4)
    answer(cycle, peers[2], a1, 5, na=("KL3",))
    cross = mine.filter(relationship="CROSS").order_by("rater__name").first()
    answer(cycle, cross.rater, a1, 2, comments={"BP": "RAHASIA-LINTAS"})
    services.cycle_close(actor=org360["hr"], cycle=cycle)
    return {"cycle": cycle, "a1": a1, "peers": peers, "cross": cross.rater, "superior": p["kabiro_a"]}


def test_show_json_is_the_hand_checked_result(hand_checked):
    a1 = hand_checked["a1"]
    code, out, _ = run_command("360", "show", "--cycle", "360-2025", "--employee", a1.nip, "--agency", "KEMENX",
                               "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["employee"] == a1.nip and doc["cycle"] == "360-2025" and doc["scale"] == [1, 5]
    assert doc["raters"] == {"SELF": 1, "SUPERIOR": 1, "PEER": 3, "OTHERS": 1}
    assert doc["visible"] == ["SELF", "SUPERIOR", "PEER"] and doc["hidden_raters"] == 1
    assert doc["overall"] == {"score": 3.89, "self": 5.0, "groups": {"SUPERIOR": 3.86, "PEER": 3.98}, "raters": 4}
    assert {v: doc["values"][v]["score"] for v in doc["values"]} == {
        "BP": 4.0, "AK": 4.0, "KO": 4.0, "HA": 4.0, "LO": 4.0, "AD": 3.29, "KL": 3.96}
    assert doc["values"]["AD"]["groups"] == {"SUPERIOR": 3.0, "PEER": 4.0}
    assert doc["behaviours"]["KL3"]["score"] == 3.86 and doc["behaviours"]["KL3"]["distribution"] == [0, 0, 1, 2, 0]
    assert doc["behaviours"]["BP1"]["distribution"] == [0, 0, 1, 2, 1] and doc["behaviours"]["BP1"]["spread"] == 0.71
    assert doc["strongest"] == ["AK1", "AK2", "AK3"] and doc["weakest"] == ["AD1", "AD2", "AD3"]
    assert doc["suggestion"] == "SESUAI"
    assert doc["comments"] == {"BP": [{"group": "PEER", "text": "Sigap membantu warga."}],
                               "AD": [{"group": "SUPERIOR", "text": "Perlu lebih proaktif."}]}
    # the hidden cross-unit answer is in no number: no 2 anywhere in the distributions
    assert all(b["distribution"][1] == 0 for b in doc["behaviours"].values())
    for person in (*hand_checked["peers"], hand_checked["cross"]):
        assert person.name not in out and person.nip not in out


def test_show_table_and_errors(hand_checked):
    a1 = hand_checked["a1"]
    code, out, _ = run_command("360", "show", "--cycle", "360-2025", "--employee", a1.nip, "--agency", "KEMENX")
    assert code == 0 and "OVERALL" in out and "3.89" in out and "SESUAI" in out
    with pytest.raises(CommandError, match="tidak ada"):
        run_command("360", "show", "--cycle", "NOPE", "--employee", a1.nip, "--agency", "KEMENX")
    with pytest.raises(CommandError, match="no employee"):
        run_command("360", "show", "--cycle", "360-2025", "--employee", "123", "--agency", "KEMENX")


def test_compute_is_idempotent(hand_checked):
    cycle = hand_checked["cycle"]
    before = sorted(Score.objects.filter(cycle=cycle).values_list("employee_id", "grp", "code", "mean", "n"))
    code, out, _ = run_command("360", "compute", "--cycle", "360-2025", "--agency", "KEMENX")
    assert code == 0 and "360-2025" in out
    after = sorted(Score.objects.filter(cycle=cycle).values_list("employee_id", "grp", "code", "mean", "n"))
    assert before == after and before


def test_compute_refuses_an_open_cycle(org360):
    open_cycle(org360)
    with pytest.raises(CommandError, match="belum ditutup"):
        run_command("360", "compute", "--cycle", "360-2025", "--agency", "KEMENX")
