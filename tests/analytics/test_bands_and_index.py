"""Index formula (DESIGN.md "Index method") and health bands (REGULATIONS.md §2), every edge."""

import pytest

from berakhlak.analytics.bands import DEFAULT_BANDS, Band, band_for, validate_bands
from berakhlak.analytics.likert import (
    BEHAVIOUR_CODES,
    VALUE_CODES,
    display,
    index_from_mean,
    index_from_sums,
    overall_index,
    value_indices,
)


@pytest.mark.parametrize(("index", "code"), [
    (100, "A"), (75.0, "A"), (74.99, "B"), (74.96, "B"), (50.0, "B"), (49.99, "C"), (38.9, "C"), (0, "C"),
])
def test_band_edges(index, code):
    assert band_for(index).code == code


def test_band_labels_are_the_official_ones():
    assert [(b.code, b.label_id) for b in DEFAULT_BANDS] == [("A", "Sehat"), ("B", "Cukup Sehat"), ("C", "Tidak Sehat")]


def test_band_of_a_suppressed_index_is_none_and_out_of_range_is_an_error():
    assert band_for(None) is None
    with pytest.raises(ValueError):
        band_for(100.01)
    with pytest.raises(ValueError):
        band_for(-0.1)


def test_configurable_bands_with_an_unconfirmed_band_d():
    bands = (Band("A", 75, "Sehat", "Healthy"), Band("B", 50, "Cukup Sehat", "Fairly healthy"),
             Band("C", 25, "Tidak Sehat", "Unhealthy"), Band("D", 0, "Sangat Tidak Sehat", "Very unhealthy"))
    validate_bands(bands)
    assert band_for(24.99, bands).code == "D" and band_for(25, bands).code == "C"


@pytest.mark.parametrize("bands", [
    (),
    (Band("A", 50, "", ""), Band("B", 75, "", ""), Band("C", 0, "", "")),  # not descending
    (Band("A", 75, "", ""), Band("B", 10, "", "")),  # does not reach 0
    (Band("A", 75, "", ""), Band("A", 0, "", "")),  # duplicate code
])
def test_bad_band_tables_are_refused(bands):
    with pytest.raises(ValueError):
        validate_bands(bands)


@pytest.mark.parametrize(("mean", "scale", "expected"), [
    (1, (1, 5), 0.0), (5, (1, 5), 100.0), (3, (1, 5), 50.0), (3.316, (1, 5), 57.9),
    (1, (1, 4), 0.0), (4, (1, 4), 100.0), (2.5, (1, 4), 50.0),
    (1, (1, 6), 0.0), (6, (1, 6), 100.0), (3.5, (1, 6), 50.0),
])
def test_index_from_mean_on_each_scale(mean, scale, expected):
    assert index_from_mean(mean, scale) == pytest.approx(expected)


def test_index_errors():
    with pytest.raises(ValueError):
        index_from_mean(3, (1, 7))  # unsupported scale
    with pytest.raises(ValueError):
        index_from_mean(5.5, (1, 5))  # a mean off the scale
    with pytest.raises(ValueError):
        index_from_sums(3, 0, (1, 5))
    assert index_from_mean(None, (1, 5)) is None and index_from_sums(0, 0, (1, 5)) is None


def test_value_indices_leave_missing_answers_out():
    answers = [{"BP1": 5, "BP2": None, "BP3": 1, "AD1": 3}, {"BP1": 3, "AD2": None}]
    result = value_indices(answers, (1, 5))
    # BP: answers 5, 1, 3 -> mean 3 -> 50; a None counted as zero would give mean 2.25
    assert result["BP"] == pytest.approx(50.0)
    assert result["AD"] == pytest.approx(50.0)
    assert result["AK"] is None
    with pytest.raises(ValueError):
        value_indices([{"BP1": 6}], (1, 5))


def test_the_2022_national_table_overall_and_bands():
    table = {"BP": 57.9, "AK": 74.1, "KO": 56.7, "HA": 63.8, "LO": 65.8, "AD": 38.9, "KL": 69.4}
    assert display(overall_index(table)) == 60.9
    assert {v: band_for(i).code for v, i in table.items()} == {
        "BP": "B", "AK": "B", "KO": "B", "HA": "B", "LO": "B", "AD": "C", "KL": "B"}
    assert band_for(overall_index(table)).label_id == "Cukup Sehat"


def test_overall_needs_all_seven_and_display_rounds_half_up():
    assert overall_index({"BP": 50}) is None
    assert display(60.85) == 60.9 and display(60.849) == 60.8 and display(None) is None


def test_codes():
    assert VALUE_CODES == ("BP", "AK", "KO", "HA", "LO", "AD", "KL")
    assert len(BEHAVIOUR_CODES) == 21 and BEHAVIOUR_CODES[0] == "BP1" and BEHAVIOUR_CODES[-1] == "KL3"
