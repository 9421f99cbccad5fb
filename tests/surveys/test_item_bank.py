"""The built-in item bank: codes, order, bilingual texts, scale anchors."""

import string

from berakhlak.surveys import item_bank as ib

VALUES = ("BP", "AK", "KO", "HA", "LO", "AD", "KL")
BEHAVIOURS = tuple(f"{v}{i}" for v in VALUES for i in (1, 2, 3))

# Banks whose codes must be unique among themselves (SELECTION_OPTIONS_SHORT reuses the behaviour codes).
BANKS = (ib.LIKERT_ITEMS, ib.ENGAGEMENT_ITEMS, ib.BRANDING_ITEMS, ib.LIMITING_BEHAVIOURS, ib.SELECTION_QUESTIONS)
TEXT_BANKS = BANKS + (ib.SELECTION_OPTIONS_SHORT,)


def test_likert_codes_in_order_and_values_match():
    assert tuple(item["code"] for item in ib.LIKERT_ITEMS) == BEHAVIOURS
    for item in ib.LIKERT_ITEMS + ib.SELECTION_OPTIONS_SHORT:
        assert item["value"] == item["code"][:2], item
    assert tuple(item["code"] for item in ib.SELECTION_OPTIONS_SHORT) == BEHAVIOURS


def test_other_codes():
    assert [i["code"] for i in ib.ENGAGEMENT_ITEMS] == [f"EE{n}" for n in range(1, 7)]
    assert [i["code"] for i in ib.BRANDING_ITEMS] == [f"EB{n}" for n in range(1, 5)]
    assert [i["code"] for i in ib.LIMITING_BEHAVIOURS] == [f"LB{n:02d}" for n in range(1, 13)]
    assert [q["code"] for q in ib.SELECTION_QUESTIONS] == ["PERSONAL", "CURRENT", "DESIRED"]


def test_codes_unique_across_banks():
    codes = [item["code"] for bank in BANKS for item in bank]
    assert len(codes) == len(set(codes))
    assert all(len(code) <= 16 for code in codes)  # surveys.Item.code max_length


def test_texts_non_empty_and_unique_in_both_languages():
    for lang in ("text_id", "text_en"):
        texts = [item[lang] for bank in TEXT_BANKS for item in bank] + [ib.COMMENT_PROMPT[lang == "text_en"]]
        assert all(isinstance(t, str) and t.strip() == t and t for t in texts), lang
        assert len(texts) == len(set(texts)), lang


def test_short_forms_are_short():
    for item in ib.SELECTION_OPTIONS_SHORT:
        for lang in ("text_id", "text_en"):
            assert 2 <= len(item[lang].split()) <= 5, item
    for item in ib.LIKERT_ITEMS + ib.ENGAGEMENT_ITEMS + ib.BRANDING_ITEMS:
        assert len(item["text_id"]) <= 110, item  # fits a phone screen in a few lines


def test_selection_questions_have_n_placeholder():
    for q in ib.SELECTION_QUESTIONS:
        for lang in ("text_id", "text_en"):
            fields = [f for _, f, _, _ in string.Formatter().parse(q[lang]) if f is not None]
            assert fields == ["n"], q
            assert "{n}" not in q[lang].format(n=10)


def test_scale_anchors():
    assert set(ib.LIKERT_LABELS) == {(1, 4), (1, 5), (1, 6)}
    for (low, high), labels in ib.LIKERT_LABELS.items():
        assert len(labels) == high - low + 1
        assert all(len(pair) == 2 and all(pair) for pair in labels)
        for lang in (0, 1):
            assert len({pair[lang] for pair in labels}) == len(labels)
