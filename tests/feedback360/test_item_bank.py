"""The built-in item bank of the 360-degree assessment: codes, order, bilingual texts, BARS anchors."""

import pytest

from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES
from berakhlak.feedback360 import item_bank as ib

MAX_ANCHOR = 160


def test_21_items_in_framework_order_with_matching_value():
    assert len(ib.ITEMS) == 21
    assert tuple(it.code for it in ib.ITEMS) == BEHAVIOUR_CODES
    for it in ib.ITEMS:
        assert it.value == it.code[:2], it.code
        assert it.value in VALUE_CODES
    assert [it.value for it in ib.ITEMS[::3]] == list(VALUE_CODES)


def test_item_texts_are_bilingual_statements_about_the_rated_employee():
    for it in ib.ITEMS:
        assert it.text_id.startswith("Pegawai ini "), it.code
        assert it.text_en.startswith("This employee "), it.code
        assert it.text_id.endswith(".") and it.text_en.endswith("."), it.code
    assert len({it.text_id for it in ib.ITEMS}) == 21
    assert len({it.text_en for it in ib.ITEMS}) == 21


def test_levels_and_labels():
    assert ib.LEVELS == (1, 2, 3, 4, 5)
    assert tuple(ib.LEVEL_LABELS) == ib.LEVELS
    assert ib.LEVEL_LABELS[3] == ("Sesuai harapan", "Meets expectations")
    assert ib.LEVEL_LABELS[5] == ("Teladan", "Role model")
    assert ib.COMMENT_PROMPT == (
        "Contoh perilaku yang Anda amati (opsional)",
        "An example of behaviour you observed (optional)",
    )


def test_five_distinct_non_empty_anchors_per_item_in_both_languages():
    labels = {label.casefold() for pair in ib.LEVEL_LABELS.values() for label in pair}
    for it in ib.ITEMS:
        assert len(it.anchors) == len(ib.LEVELS), it.code
        for pair in it.anchors:
            assert len(pair) == 2, it.code
            for text in pair:
                assert text.strip() == text and text, it.code
                assert text.endswith("."), (it.code, text)
                # one sentence: no full stop before the last character
                assert "." not in text[:-1], (it.code, text)
                assert text.rstrip(".").casefold() not in labels, (it.code, text)
        for lang in ("id", "en"):
            texts = ib.anchors_for(it.code, lang)
            assert len(texts) == 5 and len(set(texts)) == 5, (it.code, lang)


def test_all_anchors_distinct_across_the_bank():
    anchors_id = [a for it in ib.ITEMS for a, _ in it.anchors]
    anchors_en = [a for it in ib.ITEMS for _, a in it.anchors]
    assert len(anchors_id) == 105
    assert len(set(anchors_id)) == 105
    assert len(set(anchors_en)) == 105


def test_anchor_length_limit():
    too_long = [
        (it.code, level, text)
        for it in ib.ITEMS
        for level, pair in zip(ib.LEVELS, it.anchors, strict=True)
        for text in pair
        if len(text) > MAX_ANCHOR
    ]
    assert too_long == []


def test_item_lookup():
    assert ib.item("KL3") is ib.ITEMS[-1]
    assert ib.item("BP1").text_id.startswith("Pegawai ini memahami dan memenuhi kebutuhan masyarakat")


@pytest.mark.parametrize("code", ["XX1", "BP4", "bp1", ""])
def test_unknown_code_raises_key_error(code):
    with pytest.raises(KeyError, match="unknown BerAKHLAK behaviour code"):
        ib.item(code)
    with pytest.raises(KeyError):
        ib.anchors_for(code)


def test_anchors_for_languages():
    it = ib.item("AD3")
    assert ib.anchors_for("AD3") == [a for a, _ in it.anchors]
    assert ib.anchors_for("AD3", "en") == [b for _, b in it.anchors]
    for bad in ("EN", "fr", "", None):
        with pytest.raises(ValueError, match="unknown language"):
            ib.anchors_for("AD3", bad)
