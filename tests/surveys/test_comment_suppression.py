"""Comments need a group of ``min_group_comments`` (10), and complementary suppression like the numbers:
a parent's comments minus its shown children's must not give away the comments of the rest."""

import datetime as dt

from berakhlak.analytics.likert import BEHAVIOUR_CODES
from berakhlak.org.models import Agency
from berakhlak.surveys.indexing import index_compute
from berakhlak.surveys.models import Comment, Wave
from berakhlak.surveys.selectors import comments
from berakhlak.surveys.services import responses_import


def load(write, org, counts: dict[str, int]) -> Wave:
    lines = ["respondent,unit_kode," + ",".join(BEHAVIOUR_CODES)]
    n = 0
    for unit, k in counts.items():
        for _ in range(k):
            n += 1
            lines.append(f"r{n},{unit}," + ",".join("4" for _ in BEHAVIOUR_CODES))
    agency = Agency.objects.get(pk=org["agency"].pk)
    responses_import(source=write("jawaban.csv", "\n".join(lines) + "\n"), agency=agency, wave_code="2024")
    wave = Wave.objects.get(agency=agency, code="2024")
    for unit, k in counts.items():
        unit_obj = next(u for u in (org["root"], org["a"], org["b"], org["a1"]) if u.code == unit)
        Comment.objects.bulk_create([Comment(wave=wave, unit=unit_obj, text=f"{unit} {i}", submitted_on=dt.date(2024, 9, 1))
                                     for i in range(k)])
    index_compute(wave=wave)
    return wave


def test_a_parent_never_shows_comments_that_its_shown_children_would_subtract_to_a_small_group(write, org):
    # BIRO-A 10 (7 + 3 in BAG-A1), BIRO-B 3: the root has 13
    wave = load(write, org, {"BIRO-A": 7, "BAG-A1": 3, "BIRO-B": 3})
    root, a, b = comments(wave=wave, unit=org["root"]), comments(wave=wave, unit=org["a"]), comments(wave=wave, unit=org["b"])
    assert b == []  # 3 < 10
    assert len(root) == 13
    # BIRO-A reaches 10, but showing it would let the root minus BIRO-A give BIRO-B's three away
    assert a == []


def test_a_parent_and_its_children_show_comments_when_the_rest_is_large_enough(write, org):
    wave = load(write, org, {"BIRO-A": 10, "BIRO-B": 10, "ROOT": 0})
    assert len(comments(wave=wave, unit=org["root"])) == 20
    assert len(comments(wave=wave, unit=org["a"])) == 10 and len(comments(wave=wave, unit=org["b"])) == 10
    assert len(comments(wave=wave, unit=org["a1"])) == 0
