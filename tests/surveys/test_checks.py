"""Pure checks of a survey-responses file (``berakhlak.surveys.checks.check_responses``): every problem line.

Contract (DESIGN.md "File formats"): ``respondent,unit_kode,BP1,…,KL3``, answers whole numbers on the
wave's scale or empty; every problem is one ``FILE:ROW: column: reason`` line; the caller writes nothing
when there is any problem."""

import pytest

from berakhlak.analytics.likert import BEHAVIOUR_CODES
from berakhlak.surveys.checks import REQUIRED, check_responses

UNITS = {"ROOT": 1, "BIRO-A": 2}
HEADER = ["respondent", "unit_kode", *BEHAVIOUR_CODES]


def row(respondent="r1", unit="BIRO-A", answers=None, **override):
    cells = dict.fromkeys(BEHAVIOUR_CODES, "3") if answers is None else dict(answers)
    cells.update(override)
    return [respondent, unit, *(cells.get(c, "") for c in BEHAVIOUR_CODES)]


def check(rows, header=HEADER, scale=(1, 4)):
    numbered = [(n, cells) for n, cells in enumerate(rows, start=2)]  # header = row 1, as a spreadsheet shows
    out, problems = check_responses("jawaban.csv", list(header), numbered, unit_ids=UNITS, scale=scale)
    return out, [str(p) for p in problems]


def test_required_columns_are_respondent_unit_and_the_21_behaviours():
    assert REQUIRED[:2] == ("respondent", "unit_kode")
    assert len(REQUIRED) == 23
    assert REQUIRED[2:5] == ("BP1", "BP2", "BP3") and REQUIRED[-1] == "KL3"


def test_a_clean_file_gives_one_tuple_per_row_and_no_problem():
    out, problems = check([row("r1", "ROOT"), row("r2", "BIRO-A", {"BP1": "1", "KL3": "4"})])
    assert problems == []
    assert out[0] == ("r1", 1, *([3] * 21))
    assert out[1] == ("r2", 2, 1, *([None] * 19), 4)  # empty answers are None ("no answer")


def test_cells_are_trimmed_and_whole_floats_are_accepted():
    out, problems = check([row(" r1 ", " ROOT ", {"BP1": " 2 ", "BP2": "3.0", "BP3": "1e0"})])
    assert problems == []
    assert out == [("r1", 1, 2, 3, 1, *([None] * 18))]


def test_column_names_are_case_insensitive_and_in_any_order():
    header = ["UNIT_KODE", *[c.lower() for c in reversed(BEHAVIOUR_CODES)], "Respondent"]
    cells = ["ROOT", *(["2"] * 21), "r1"]
    out, problems = check([cells], header=header)
    assert problems == []
    assert out == [("r1", 1, *([2] * 21))]


def test_extra_columns_are_ignored():
    out, problems = check([[*row("r1", "ROOT"), "catatan"]], header=[*HEADER, "catatan"])
    assert problems == []
    assert out == [("r1", 1, *([3] * 21))]


# --- header problems: reported on row 1 with the column's own spelling; no row is read -------------------

def test_missing_columns_are_each_reported_on_row_1_and_no_row_is_checked():
    header = [h for h in HEADER if h not in ("unit_kode", "BP2")]
    out, problems = check([["", "garbage"]], header=header)  # the row would fail every check: not read
    assert out == []
    assert problems == [
        "jawaban.csv:1: unit_kode: kolom wajib tidak ada / required column missing",
        "jawaban.csv:1: BP2: kolom wajib tidak ada / required column missing",
    ]


def test_a_column_given_twice_is_reported_under_its_contract_name():
    out, problems = check([row()], header=[*HEADER, "bp1"])
    assert out == []
    assert problems == ["jawaban.csv:1: BP1: kolom muncul dua kali / column appears twice"]


def test_an_empty_header_reports_every_column():
    out, problems = check([], header=[])
    assert out == []
    assert len(problems) == 23
    assert problems[0] == "jawaban.csv:1: respondent: kolom wajib tidak ada / required column missing"
    assert problems[-1] == "jawaban.csv:1: KL3: kolom wajib tidak ada / required column missing"


def test_an_unknown_extra_column_given_twice_keeps_its_spelling():
    out, problems = check([row()], header=[*HEADER, "Catatan", "catatan"])
    assert problems == ["jawaban.csv:1: catatan: kolom muncul dua kali / column appears twice"]


# --- respondent ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("respondent", ["", "   "])
def test_respondent_is_required(respondent):
    _, problems = check([row(respondent)])
    assert problems == ["jawaban.csv:2: respondent: wajib diisi / required"]


def test_respondent_at_most_64_characters():
    _, ok = check([row("x" * 64)])
    assert ok == []
    _, problems = check([row("x" * 65)])
    assert problems == ["jawaban.csv:2: respondent: paling panjang 64 karakter / at most 64 characters"]


def test_a_repeated_respondent_points_at_its_first_row():
    _, problems = check([row("r1"), row("r2"), row("r1"), row(" r1")])
    assert problems == [
        "jawaban.csv:4: respondent: sudah ada di baris 2 / already on row 2",
        "jawaban.csv:5: respondent: sudah ada di baris 2 / already on row 2",
    ]


def test_respondent_codes_are_case_sensitive():
    _, problems = check([row("R1"), row("r1")])
    assert problems == []


# --- unit ------------------------------------------------------------------------------------------------

def test_an_unknown_unit_is_reported_with_its_code():
    out, problems = check([row(unit="BIRO-Z")])
    assert problems == ["jawaban.csv:2: unit_kode: unit BIRO-Z tidak ada di instansi ini / unknown unit"]
    assert out[0][1] is None


def test_an_empty_unit_is_reported_as_empty():
    _, problems = check([row(unit="  ")])
    assert problems == ["jawaban.csv:2: unit_kode: unit (kosong) tidak ada di instansi ini / unknown unit"]


def test_unit_codes_are_case_sensitive():
    _, problems = check([row(unit="root")])
    assert problems == ["jawaban.csv:2: unit_kode: unit root tidak ada di instansi ini / unknown unit"]


# --- answers ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", ["abc", "3a", "1,5", "tiga", "0x3"])
def test_an_answer_that_is_not_a_number(raw):
    _, problems = check([row(AK2=raw)])
    assert problems == [f"jawaban.csv:2: AK2: bukan angka: {raw!r} / not a number"]


@pytest.mark.parametrize("raw", ["2.5", "1.0001", "-0.5"])
def test_an_answer_that_is_not_a_whole_number(raw):
    _, problems = check([row(KO3=raw)])
    assert problems == [f"jawaban.csv:2: KO3: harus bilangan bulat: {raw} / must be a whole number"]


@pytest.mark.parametrize(("raw", "scale"), [("0", (1, 4)), ("5", (1, 4)), ("6", (1, 5)), ("7", (1, 6)), ("-1", (1, 4)),
                                            ("1e3", (1, 4))])
def test_an_answer_off_the_scale(raw, scale):
    low, high = scale
    _, problems = check([row(HA1=raw)], scale=scale)
    assert problems == [f"jawaban.csv:2: HA1: {raw} di luar skala {low}–{high} / {raw} is off the {low}-{high} scale"]


@pytest.mark.parametrize("scale", [(1, 4), (1, 5), (1, 6)])
def test_the_edges_of_each_scale_are_accepted(scale):
    low, high = scale
    out, problems = check([row(answers={"BP1": str(low), "BP2": str(high)})], scale=scale)
    assert problems == []
    assert out[0][2:4] == (low, high)


@pytest.mark.parametrize("raw", ["nan", "inf", "-inf", "Infinity"])
def test_float_specials_are_refused_not_crashing(raw):
    # float() parses these; nan/inf are not whole numbers and must give a problem line, not an exception
    _, problems = check([row(LO1=raw)])
    assert problems == [f"jawaban.csv:2: LO1: harus bilangan bulat: {raw} / must be a whole number"]


def test_a_row_with_no_answer_at_all_is_refused():
    out, problems = check([row(answers={})])
    assert problems == ["jawaban.csv:2: -: tidak ada jawaban sama sekali / no answer at all"]
    assert out == [("r1", 2, *([None] * 21))]


def test_a_row_whose_every_answer_is_refused_is_not_also_reported_as_empty():
    _, problems = check([row(answers=dict.fromkeys(BEHAVIOUR_CODES, "9"))])
    assert len(problems) == 21
    assert all("di luar skala" in p for p in problems)
    assert not any("no answer at all" in p for p in problems)


def test_an_empty_row_with_a_bad_respondent_and_unit_still_says_no_answer():
    _, problems = check([row("", "NOPE", answers={})])
    assert problems == [
        "jawaban.csv:2: respondent: wajib diisi / required",
        "jawaban.csv:2: unit_kode: unit NOPE tidak ada di instansi ini / unknown unit",
        "jawaban.csv:2: -: tidak ada jawaban sama sekali / no answer at all",
    ]


def test_every_problem_of_every_row_is_reported_with_its_row_number_in_file_order():
    rows = [
        row("r1"),                              # 2: fine
        row("r1", "X", BP1="0", AD3="x"),       # 3: repeated, unknown unit, off scale, not a number
        row("r3", answers={"KL1": "2.5"}),      # 4: not whole (and not "no answer")
    ]
    out, problems = check(rows)
    assert problems == [
        "jawaban.csv:3: respondent: sudah ada di baris 2 / already on row 2",
        "jawaban.csv:3: unit_kode: unit X tidak ada di instansi ini / unknown unit",
        "jawaban.csv:3: BP1: 0 di luar skala 1–4 / 0 is off the 1-4 scale",
        "jawaban.csv:3: AD3: bukan angka: 'x' / not a number",
        "jawaban.csv:4: KL1: harus bilangan bulat: 2.5 / must be a whole number",
    ]
    assert len(out) == 3  # rows are returned even with problems: the caller writes nothing when there is one


def test_an_empty_file_is_no_row_and_no_problem():
    assert check([]) == ([], [])
