"""Pure rules of the answering form (``berakhlak.surveys.rules``): pages, answer checks, picks, comment,
missing pages. ``record_units`` has its own file (test_record_units.py)."""

import pytest

from berakhlak.surveys.rules import (
    COMMENT_MAX,
    QUESTIONS,
    VALUE_CODES,
    Page,
    PageItem,
    check_comment,
    check_likert_page,
    check_picks,
    missing_pages,
    pages_for,
)


def item(code, section="BERAKHLAK", value_code=""):
    return PageItem(code=code, section=section, value_code=value_code, text_id=f"teks {code}", text_en=f"text {code}")


# --- pages: Likert instrument ------------------------------------------------------------------------

def likert_items():
    """Given out of order on purpose: pages follow VALUE_CODES, not the order of the items."""
    return [
        item("ENG1", "ENGAGEMENT"),
        item("KL1", "BERAKHLAK", "KL"),
        item("BR1", "BRANDING"),
        item("X-BP", "EXTRA", "BP"),  # an agency's own item mapped to a value
        item("BP1", "BERAKHLAK", "BP"),
        item("BP2", "BERAKHLAK", "BP"),
        item("AK1", "BERAKHLAK", "AK"),
        item("ENG2", "ENGAGEMENT"),
        item("OPT1", "OPTION"),  # a value-selection option: never on a Likert page
    ]


def test_likert_pages_one_value_per_page_in_berakhlak_order_then_engagement_branding_comment():
    pages = pages_for("LIKERT", likert_items(), include_comment=True)
    assert [p.key for p in pages] == ["BP", "AK", "KL", "ENGAGEMENT", "BRANDING", "COMMENT"]
    assert [p.kind for p in pages] == ["LIKERT"] * 5 + ["COMMENT"]
    by_key = {p.key: p for p in pages}
    # the agency's extra item sits on its value's page, items keep their given order within a page
    assert [i.code for i in by_key["BP"].items] == ["X-BP", "BP1", "BP2"]
    assert [i.code for i in by_key["ENGAGEMENT"].items] == ["ENG1", "ENG2"]
    assert [i.code for i in by_key["BRANDING"].items] == ["BR1"]
    assert by_key["COMMENT"].items == ()
    assert all("OPT1" not in [i.code for i in p.items] for p in pages)


def test_likert_pages_skip_values_and_sections_without_items():
    pages = pages_for("LIKERT", [item("HA1", "BERAKHLAK", "HA")], include_comment=False)
    assert pages == [Page("HA", "LIKERT", (item("HA1", "BERAKHLAK", "HA"),))]


def test_likert_full_instrument_has_seven_value_pages_in_order():
    items = [item(f"{v}{n}", "BERAKHLAK", v) for v in reversed(VALUE_CODES) for n in (1, 2, 3)]
    pages = pages_for("LIKERT", items, include_comment=False)
    assert [p.key for p in pages] == list(VALUE_CODES)
    assert all(len(p.items) == 3 for p in pages)


def test_likert_item_of_an_unknown_value_or_section_is_on_no_page():
    stray = [item("ZZ1", "BERAKHLAK", "ZZ"), item("Q1", "OTHER", "BP")]
    assert pages_for("LIKERT", stray, include_comment=False) == []


def test_no_items_and_no_comment_is_no_page():
    assert pages_for("LIKERT", [], include_comment=False) == []
    assert pages_for("LIKERT", [], include_comment=True) == [Page("COMMENT", "COMMENT")]


# --- pages: value-selection instrument ---------------------------------------------------------------

def test_selection_pages_are_the_three_questions_each_offering_options_and_limiting_values():
    items = [item("OPT1", "OPTION"), item("BP1", "BERAKHLAK", "BP"), item("LIM1", "LIMITING"), item("OPT2", "OPTION")]
    pages = pages_for("SELECTION", items, include_comment=True)
    assert [p.key for p in pages] == [*QUESTIONS, "COMMENT"]
    assert [p.key for p in pages] == ["PERSONAL", "CURRENT", "DESIRED", "COMMENT"]
    assert [p.kind for p in pages] == ["PICK", "PICK", "PICK", "COMMENT"]
    for page in pages[:3]:
        assert [i.code for i in page.items] == ["OPT1", "LIM1", "OPT2"]


def test_selection_pages_exist_even_without_options_and_comment_is_optional():
    pages = pages_for("SELECTION", [], include_comment=False)
    assert [(p.key, p.kind, p.items) for p in pages] == [(q, "PICK", ()) for q in QUESTIONS]


@pytest.mark.parametrize("kind", ["", "likert", "PICK", "OTHER"])
def test_unknown_instrument_kind_is_refused(kind):
    with pytest.raises(ValueError, match="unknown instrument kind"):
        pages_for(kind, [item("BP1", "BERAKHLAK", "BP")], include_comment=True)


# --- Likert answers ----------------------------------------------------------------------------------

PAGE = Page("BP", "LIKERT", (item("BP1", "BERAKHLAK", "BP"), item("BP2", "BERAKHLAK", "BP"), item("BP3", "BERAKHLAK", "BP")))


def test_likert_page_all_answered_on_the_scale_edges():
    answers, errors = check_likert_page(PAGE, {"BP1": "1", "BP2": " 6 ", "BP3": "3", "other": "9"}, (1, 6))
    assert answers == {"BP1": 1, "BP2": 6, "BP3": 3}
    assert errors == {}


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_likert_missing_answer_is_an_error_on_that_item_only(raw):
    posted = {"BP1": raw, "BP2": "2", "BP3": "3"} if raw is not None else {"BP2": "2", "BP3": "3"}
    answers, errors = check_likert_page(PAGE, posted, (1, 4))
    assert answers == {"BP2": 2, "BP3": 3}
    assert errors == {"BP1": "Pilih salah satu jawaban / choose one answer"}


# str.isdigit() is true for these: "²" reached int() and raised ValueError (a 500 on the answering form),
# "٣" (Arabic-Indic three) was stored as 3
NON_ASCII_DIGITS = ["²", "٣"]


@pytest.mark.parametrize("raw", ["0", "5", "-1", "2.0", "2.5", "abc", "1e0", " 2 3", "+2", "99999999999999999999",
                                 *NON_ASCII_DIGITS])
def test_likert_answer_off_the_scale_or_not_a_whole_number_is_refused(raw):
    answers, errors = check_likert_page(PAGE, {"BP1": raw, "BP2": "4", "BP3": "1"}, (1, 4))
    assert "BP1" not in answers
    assert errors == {"BP1": "Jawaban harus 1–4 / the answer must be 1–4"}
    assert answers == {"BP2": 4, "BP3": 1}


def test_likert_every_item_wrong_gives_one_error_per_item_and_no_answer():
    answers, errors = check_likert_page(PAGE, {"BP1": "", "BP2": "7", "BP3": "x"}, (1, 5))
    assert answers == {}
    assert errors == {
        "BP1": "Pilih salah satu jawaban / choose one answer",
        "BP2": "Jawaban harus 1–5 / the answer must be 1–5",
        "BP3": "Jawaban harus 1–5 / the answer must be 1–5",
    }


# --- picks -------------------------------------------------------------------------------------------

PICK_PAGE = Page("PERSONAL", "PICK", tuple(item(c, "OPTION") for c in ("A", "B", "C", "D")))


def test_picks_within_the_limit_keep_their_order():
    assert check_picks(PICK_PAGE, ["C", "A"], 3) == (["C", "A"], None)


def test_picks_exactly_at_the_limit_are_accepted():
    assert check_picks(PICK_PAGE, ["A", "B", "C"], 3) == (["A", "B", "C"], None)


def test_picks_repeated_count_once_and_empty_strings_are_ignored():
    assert check_picks(PICK_PAGE, ["A", "", "A", "B", "A"], 2) == (["A", "B"], None)


@pytest.mark.parametrize("picked", [[], [""], ["", ""]])
def test_no_pick_is_refused(picked):
    assert check_picks(PICK_PAGE, picked, 3) == ([], "Pilih paling sedikit satu / choose at least one")


@pytest.mark.parametrize("picked", [["Z"], ["A", "Z"], ["a"], ["A "]])
def test_an_option_not_on_the_page_is_refused_and_nothing_is_kept(picked):
    assert check_picks(PICK_PAGE, picked, 3) == ([], "Pilihan tidak dikenal / unknown option")


def test_unknown_option_is_refused_before_the_limit_is_checked():
    assert check_picks(PICK_PAGE, ["A", "B", "C", "Z"], 2) == ([], "Pilihan tidak dikenal / unknown option")


def test_too_many_picks_are_refused_and_returned_for_the_form_to_show_again():
    chosen, error = check_picks(PICK_PAGE, ["A", "B", "C", "D"], 3)
    assert chosen == ["A", "B", "C", "D"]
    assert error == "Pilih paling banyak 3 / choose at most 3"


def test_picks_accept_any_iterable():
    assert check_picks(PICK_PAGE, (p for p in ["D"]), 1) == (["D"], None)


# --- comment -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "kept"), [("", ""), (None, ""), ("  ada saran  \n", "ada saran"), ("   ", "")])
def test_comment_is_optional_and_trimmed(text, kept):
    assert check_comment(text) == (kept, None)


def test_comment_at_the_limit_is_accepted_after_trimming():
    text = "x" * COMMENT_MAX
    assert check_comment(f"  {text}  ") == (text, None)


def test_comment_over_the_limit_is_refused():
    text = "é" * (COMMENT_MAX + 1)
    kept, error = check_comment(text)
    assert kept == text
    assert error == f"Komentar paling panjang {COMMENT_MAX} karakter / at most {COMMENT_MAX} characters"
    assert COMMENT_MAX == 2000


# --- missing pages -----------------------------------------------------------------------------------

def test_missing_pages_of_a_likert_form():
    pages = pages_for("LIKERT", likert_items(), include_comment=True)
    everything = {"answers": {i.code: 3 for p in pages for i in p.items}}
    assert missing_pages(pages, everything) == []
    assert missing_pages(pages, {}) == ["BP", "AK", "KL", "ENGAGEMENT", "BRANDING"]
    one_gap = {"answers": {c: v for c, v in everything["answers"].items() if c != "BP2"}}
    assert missing_pages(pages, one_gap) == ["BP"]


def test_missing_pages_of_a_selection_form():
    pages = pages_for("SELECTION", [item("OPT1", "OPTION")], include_comment=True)
    assert missing_pages(pages, {"picks": {"PERSONAL": ["OPT1"], "CURRENT": ["OPT1"], "DESIRED": ["OPT1"]}}) == []
    assert missing_pages(pages, {"picks": {"PERSONAL": ["OPT1"], "DESIRED": []}}) == ["CURRENT", "DESIRED"]
    assert missing_pages(pages, {"answers": {"OPT1": 1}}) == list(QUESTIONS)  # Likert answers do not fill picks


def test_the_comment_page_is_never_missing():
    assert missing_pages([Page("COMMENT", "COMMENT")], {}) == []
