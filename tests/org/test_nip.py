"""Tests for berakhlak.org.nip: REGULATIONS.md §6 (NIP PNS / NI PPPK).

Plain pytest, no Django.  Every NIP below is written out by hand; expected values are literals.
"""

import dataclasses
import datetime
import pickle

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from berakhlak.org.nip import (
    PNS,
    PPPK,
    InvalidNip,
    NipInfo,
    is_valid_nip,
    nip_problems,
    parse_nip,
)

TODAY = datetime.date(2025, 6, 15)
EXAMPLE = "198609262015051001"  # REGULATIONS.md §6


def problems(nip, kind=PNS, today=TODAY):
    return nip_problems(nip, kind, today=today)


def assert_valid(nip, kind=PNS, today=TODAY):
    assert nip_problems(nip, kind, today=today) == []
    assert is_valid_nip(nip, kind, today=today) is True


def assert_only(nip, message, kind=PNS, today=TODAY):
    assert nip_problems(nip, kind, today=today) == [message]
    assert is_valid_nip(nip, kind, today=today) is False
    with pytest.raises(InvalidNip):
        parse_nip(nip, kind, today=today)


# --- decoding ---


def test_example_from_regulations_decodes():
    info = parse_nip(EXAMPLE, today=TODAY)
    assert info == NipInfo(
        nip="198609262015051001",
        kind="PNS",
        birth_date=datetime.date(1986, 9, 26),
        appointment_year=2015,
        appointment_month=5,
        sex="L",
        sequence=1,
        code=None,
    )
    assert_valid(EXAMPLE)


def test_default_kind_is_pns_and_constants():
    assert PNS == "PNS" and PPPK == "PPPK"
    assert parse_nip(EXAMPLE, today=TODAY).kind == "PNS"


def test_female_and_last_sequence_decode():
    info = parse_nip("197512312001122999", today=TODAY)
    assert info.birth_date == datetime.date(1975, 12, 31)
    assert (info.appointment_year, info.appointment_month) == (2001, 12)
    assert info.sex == "P"
    assert info.sequence == 999


def test_default_today_is_the_real_date():
    # No `today`: the example (2015) is in the past, year 9999 is in the future whatever the date.
    assert nip_problems(EXAMPLE) == []
    assert "TMT CPNS 9999-05 di masa depan" in nip_problems("198609269999051001")


def test_nip_info_is_frozen_and_slotted():
    info = parse_nip(EXAMPLE, today=TODAY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.sequence = 2
    assert not hasattr(info, "__dict__")


# --- length and characters (stop before decoding) ---


def test_length_17():
    assert_only("19860926201505100", "NIP harus 18 digit, bukan 17")


def test_length_19():
    assert_only("1986092620150510011", "NIP harus 18 digit, bukan 19")


def test_empty():
    assert_only("", "NIP kosong (harus 18 digit)")


def test_letter():
    assert_only(
        "19860926201505100A",
        "NIP hanya boleh berisi angka 0-9 (karakter ke-18: 'A')",
    )


def test_space_inside_is_not_stripped():
    assert_only(
        "198609262015 51001",
        "NIP hanya boleh berisi angka 0-9 (karakter ke-13: ' ')",
    )


def test_surrounding_spaces_are_not_stripped():
    assert problems(" 198609262015051001 ") == [
        "NIP harus 18 digit, bukan 20",
        "NIP hanya boleh berisi angka 0-9 (karakter ke-1: ' ')",
    ]


def test_separators_are_rejected():
    # 18 digits written in the usual grouped form: 4 spaces make it 22 characters.
    assert problems("19860926 201505 1 001") == [
        "NIP harus 18 digit, bukan 21",
        "NIP hanya boleh berisi angka 0-9 (karakter ke-9: ' ')",
    ]


@pytest.mark.parametrize(
    "digit",
    [
        "\u0661",  # ARABIC-INDIC DIGIT ONE: str.isdigit() is True
        "\uff11",  # FULLWIDTH DIGIT ONE
        "\u00b9",  # SUPERSCRIPT ONE: isdigit() True but int() fails
        "\u0967",  # DEVANAGARI DIGIT ONE
    ],
)
def test_non_ascii_digits_rejected(digit):
    nip = "19860926201505100" + digit
    assert len(nip) == 18 and nip.isdigit()
    assert_only(nip, f"NIP hanya boleh berisi angka 0-9 (karakter ke-18: '{digit}')")


def test_bad_length_and_letters_reported_together_and_nothing_decoded():
    # Month 13 and sex 3 would be problems if decoded; they must not be reported.
    assert problems("19861326x0153") == [
        "NIP harus 18 digit, bukan 13",
        "NIP hanya boleh berisi angka 0-9 (karakter ke-9: 'x')",
    ]


def test_non_string_raises_type_error():
    with pytest.raises(TypeError):
        nip_problems(198609262015051001, today=TODAY)
    with pytest.raises(TypeError):
        parse_nip(None, today=TODAY)


# --- birth date ---


def test_birth_month_00():
    assert_only("198600262015051001", "tanggal lahir 19860026 bukan tanggal yang valid")


def test_birth_month_13():
    assert_only("198613262015051001", "tanggal lahir 19861326 bukan tanggal yang valid")


def test_birth_day_32():
    assert_only("198601322015051001", "tanggal lahir 19860132 bukan tanggal yang valid")


def test_birth_day_00():
    assert_only("198601002015051001", "tanggal lahir 19860100 bukan tanggal yang valid")


def test_birth_31_april_invalid_30_april_valid():
    assert_only("198604312015051001", "tanggal lahir 19860431 bukan tanggal yang valid")
    assert parse_nip("198604302015051001", today=TODAY).birth_date == datetime.date(1986, 4, 30)


def test_birth_29_february_leap_year_valid():
    assert parse_nip("198802292015051001", today=TODAY).birth_date == datetime.date(1988, 2, 29)
    # 2000 is a leap year (divisible by 400).
    assert parse_nip("200002292020031001", today=TODAY).birth_date == datetime.date(2000, 2, 29)


def test_birth_29_february_common_year_invalid():
    assert_only("198702292015051001", "tanggal lahir 19870229 bukan tanggal yang valid")
    # 1900 is not a leap year (divisible by 100, not by 400).
    assert_only("190002291920051001", "tanggal lahir 19000229 bukan tanggal yang valid")


def test_birth_year_0000_invalid():
    assert "tanggal lahir 00000101 bukan tanggal yang valid" in problems("000001012015051001")


def test_birth_before_1900():
    assert_only("189912311918011001", "tanggal lahir 1899-12-31 sebelum tahun 1900")


def test_birth_on_1_january_1900_valid():
    info = parse_nip("190001011918011001", today=TODAY)
    assert info.birth_date == datetime.date(1900, 1, 1)


def test_birth_in_future():
    # Born 2030: the 2015 appointment is also before the age of 18; both are reported.
    assert problems("203001012015051001") == [
        "tanggal lahir 2030-01-01 di masa depan",
        "TMT CPNS 2015-05 sebelum usia 18 tahun (lahir 2030-01-01)",
    ]


def test_birth_tomorrow_is_future_today_is_not():
    # Appointment 2043-06 is in the future and before 18 too; only the birth date matters here.
    born_today = "202506152043061001"
    born_tomorrow = "202506162043061001"
    assert problems(born_today) == [
        "TMT CPNS 2043-06 di masa depan",
    ]
    assert problems(born_tomorrow) == [
        "tanggal lahir 2025-06-16 di masa depan",
        "TMT CPNS 2043-06 di masa depan",
    ]
    assert problems("202507012043061001")[0] == "tanggal lahir 2025-07-01 di masa depan"
    assert problems("202601012044011001")[0] == "tanggal lahir 2026-01-01 di masa depan"


def test_today_may_be_a_datetime():
    now = datetime.datetime(2025, 6, 15, 10, 30)
    assert nip_problems(EXAMPLE, today=now) == []


# --- TMT CPNS ---


def test_cpns_month_00():
    assert_only("198609262015001001", "bulan TMT CPNS 00 tidak valid")


def test_cpns_month_13():
    assert_only("198609262015131001", "bulan TMT CPNS 13 tidak valid")


def test_cpns_month_01_and_12_valid():
    assert parse_nip("198609262015011001", today=TODAY).appointment_month == 1
    assert parse_nip("198609262015121001", today=TODAY).appointment_month == 12


def test_cpns_this_month_ok_next_month_future():
    assert_valid("198609262025061001")  # TODAY is 2025-06-15
    assert_only("198609262025071001", "TMT CPNS 2025-07 di masa depan")


def test_cpns_future_year_with_earlier_month():
    assert_only("198609262026011001", "TMT CPNS 2026-01 di masa depan")
    assert_only("198609262031051001", "TMT CPNS 2031-05 di masa depan")


def test_cpns_invalid_month_in_future_year_reports_both():
    assert problems("198609262031131001") == [
        "bulan TMT CPNS 13 tidak valid",
        "TMT CPNS tahun 2031 di masa depan",
    ]


def test_cpns_invalid_month_in_current_year_is_not_called_future():
    assert problems("198609262025001001") == ["bulan TMT CPNS 00 tidak valid"]


def test_cpns_before_age_18():
    assert_only("198609262001051001", "TMT CPNS 2001-05 sebelum usia 18 tahun (lahir 1986-09-26)")


def test_age_18_end_of_month_rule():
    # Born 2000-01-31: 18 on 2018-01-31, the last day of January 2018 -> January is fine.
    assert_valid("200001312018011001")
    assert_only("200001312017121001", "TMT CPNS 2017-12 sebelum usia 18 tahun (lahir 2000-01-31)")
    # Born 2000-02-01: 18 on 2018-02-01 -> January 2018 is too early, February is fine.
    assert_only("200002012018011001", "TMT CPNS 2018-01 sebelum usia 18 tahun (lahir 2000-02-01)")
    assert_valid("200002012018021001")


def test_age_18_first_and_last_day_of_month():
    # Born on the 1st or the 31st of the same month: the appointment month is allowed either way.
    assert_valid("199003012008031001")
    assert_valid("199003312008031001")
    assert_only("199003012008021001", "TMT CPNS 2008-02 sebelum usia 18 tahun (lahir 1990-03-01)")


def test_age_18_across_year_end():
    assert_valid("199912312017121001")
    assert_only("199912312017111001", "TMT CPNS 2017-11 sebelum usia 18 tahun (lahir 1999-12-31)")


def test_age_18_born_29_february():
    # 18th birthday of someone born 2000-02-29 is 2018-03-01 (2018 is a common year).
    assert_only("200002292018021001", "TMT CPNS 2018-02 sebelum usia 18 tahun (lahir 2000-02-29)")
    assert_valid("200002292018031001")
    # Same with 1988-02-29 -> 2006-03-01.
    assert_only("198802292006021001", "TMT CPNS 2006-02 sebelum usia 18 tahun (lahir 1988-02-29)")
    assert_valid("198802292006031001")


def test_born_28_february_may_be_appointed_in_february():
    assert_valid("200002282018021001")


# --- sex digit and sequence ---


@pytest.mark.parametrize("digit", ["0", "3", "9"])
def test_sex_digit_invalid(digit):
    assert_only(
        f"19860926201505{digit}001",
        f"digit jenis kelamin harus 1 (laki-laki) atau 2 (perempuan), bukan {digit}",
    )


def test_sex_digit_1_male_2_female():
    assert parse_nip("198609262015051001", today=TODAY).sex == "L"
    assert parse_nip("198609262015052001", today=TODAY).sex == "P"


def test_sequence_000_invalid():
    assert_only("198609262015051000", "nomor urut 000 tidak valid (nomor urut mulai dari 001)")


@pytest.mark.parametrize(("seq", "expected"), [("001", 1), ("010", 10), ("999", 999)])
def test_sequence_valid(seq, expected):
    assert parse_nip(f"198609262015051{seq}", today=TODAY).sequence == expected


# --- PPPK ---


def test_pppk_decodes_with_code():
    info = parse_nip("199001012021212001", PPPK, today=TODAY)
    assert info == NipInfo(
        nip="199001012021212001",
        kind="PPPK",
        birth_date=datetime.date(1990, 1, 1),
        appointment_year=2021,
        appointment_month=None,
        sex="P",
        sequence=1,
        code="21",
    )


@pytest.mark.parametrize("code", ["00", "13", "99"])
def test_pppk_code_is_any_two_digits(code):
    # "13" or "00" would be an invalid CPNS month, but the PPPK code is unconfirmed: accept it.
    nip = f"199001012021{code}1005"
    assert parse_nip(nip, PPPK, today=TODAY).code == code
    assert problems(nip, PPPK) == []


def test_same_digits_differ_by_kind():
    nip = "199001012021131005"
    assert problems(nip, PNS) == ["bulan TMT CPNS 13 tidak valid"]
    assert problems(nip, PPPK) == []


def test_pppk_age_edge():
    # Born 2000-12-31: appointment year 2017 (= birth year + 17) is too early, 2018 is fine,
    # even though they only turn 18 on the last day of 2018.
    assert_only(
        "200012312017011001",
        "TMT PPPK 2017 sebelum usia 18 tahun (lahir 2000-12-31)",
        PPPK,
    )
    assert_valid("200012312018011001", PPPK)
    assert parse_nip("200001012018991001", PPPK, today=TODAY).appointment_year == 2018


def test_pppk_future_year():
    assert_valid("199001012025011001", PPPK)  # TODAY is in 2025
    assert_only("199001012026011001", "TMT PPPK 2026 di masa depan", PPPK)


def test_pppk_other_checks_still_apply():
    assert problems("199002302021013000", PPPK) == [
        "tanggal lahir 19900230 bukan tanggal yang valid",
        "digit jenis kelamin harus 1 (laki-laki) atau 2 (perempuan), bukan 3",
        "nomor urut 000 tidak valid (nomor urut mulai dari 001)",
    ]
    assert_only("189912312021011001", "tanggal lahir 1899-12-31 sebelum tahun 1900", PPPK)


# --- several problems, errors ---


def test_every_problem_reported_together():
    assert problems("198613322031133000") == [
        "tanggal lahir 19861332 bukan tanggal yang valid",
        "bulan TMT CPNS 13 tidak valid",
        "TMT CPNS tahun 2031 di masa depan",
        "digit jenis kelamin harus 1 (laki-laki) atau 2 (perempuan), bukan 3",
        "nomor urut 000 tidak valid (nomor urut mulai dari 001)",
    ]


def test_future_and_underage_and_sex_together():
    assert problems("201001012026010000") == [
        "TMT CPNS 2026-01 di masa depan",
        "TMT CPNS 2026-01 sebelum usia 18 tahun (lahir 2010-01-01)",
        "digit jenis kelamin harus 1 (laki-laki) atau 2 (perempuan), bukan 0",
        "nomor urut 000 tidak valid (nomor urut mulai dari 001)",
    ]


@pytest.mark.parametrize("kind", ["pns", "pppk", "", None, "PNS ", "P3K"])
def test_unknown_kind_raises_value_error(kind):
    for func in (nip_problems, parse_nip, is_valid_nip):
        with pytest.raises(ValueError) as excinfo:
            func(EXAMPLE, kind, today=TODAY)
        assert not isinstance(excinfo.value, InvalidNip)


def test_unknown_kind_raises_even_for_bad_nip():
    with pytest.raises(ValueError) as excinfo:
        nip_problems("", "pns", today=TODAY)
    assert not isinstance(excinfo.value, InvalidNip)


def test_invalid_nip_carries_all_problems():
    nip = "198609262031053000"
    with pytest.raises(InvalidNip) as excinfo:
        parse_nip(nip, today=TODAY)
    exc = excinfo.value
    assert isinstance(exc, ValueError)
    assert exc.nip == nip
    assert exc.problems == [
        "TMT CPNS 2031-05 di masa depan",
        "digit jenis kelamin harus 1 (laki-laki) atau 2 (perempuan), bukan 3",
        "nomor urut 000 tidak valid (nomor urut mulai dari 001)",
    ]
    assert str(exc) == (
        "TMT CPNS 2031-05 di masa depan; "
        "digit jenis kelamin harus 1 (laki-laki) atau 2 (perempuan), bukan 3; "
        "nomor urut 000 tidak valid (nomor urut mulai dari 001)"
    )


def test_invalid_nip_direct_construction_and_pickle():
    exc = InvalidNip("123", ["a", "b"])
    assert (exc.nip, exc.problems, str(exc)) == ("123", ["a", "b"], "a; b")
    clone = pickle.loads(pickle.dumps(exc))
    assert (clone.nip, clone.problems, str(clone)) == ("123", ["a", "b"], "a; b")


def test_invalid_nip_copies_the_problem_list():
    source = ["a"]
    exc = InvalidNip("1", source)
    source.append("b")
    assert exc.problems == ["a"]


# --- properties ---

PROPERTY_TODAY = datetime.date(2025, 6, 15)


@st.composite
def pns_components(draw):
    birth = draw(st.dates(datetime.date(1950, 1, 1), datetime.date(2000, 12, 31)))
    year = draw(st.integers(birth.year + 18, min(birth.year + 40, PROPERTY_TODAY.year)))
    # Conservative lower bound for the month in the 18th-birthday year: the month after the
    # birth month is always old enough (the exact edges are tested by hand above).
    low = birth.month + 1 if year == birth.year + 18 else 1
    high = PROPERTY_TODAY.month if year == PROPERTY_TODAY.year else 12
    assume(low <= high)
    month = draw(st.integers(low, high))
    sex = draw(st.sampled_from(["1", "2"]))
    seq = draw(st.integers(1, 999))
    return birth, year, month, sex, seq


@given(pns_components())
@settings(max_examples=300)
def test_property_pns_round_trip(components):
    birth, year, month, sex, seq = components
    nip = f"{birth.year:04d}{birth.month:02d}{birth.day:02d}{year:04d}{month:02d}{sex}{seq:03d}"
    info = parse_nip(nip, PNS, today=PROPERTY_TODAY)
    assert info.nip == nip
    assert info.kind == "PNS"
    assert info.birth_date == birth
    assert info.appointment_year == year
    assert info.appointment_month == month
    assert info.sex == {"1": "L", "2": "P"}[sex]
    assert info.sequence == seq
    assert info.code is None


@st.composite
def pppk_components(draw):
    birth = draw(st.dates(datetime.date(1950, 1, 1), datetime.date(2000, 12, 31)))
    year = draw(st.integers(birth.year + 18, min(birth.year + 40, PROPERTY_TODAY.year)))
    code = draw(st.text("0123456789", min_size=2, max_size=2))
    sex = draw(st.sampled_from(["1", "2"]))
    seq = draw(st.integers(1, 999))
    return birth, year, code, sex, seq


@given(pppk_components())
@settings(max_examples=300)
def test_property_pppk_round_trip(components):
    birth, year, code, sex, seq = components
    nip = f"{birth.year:04d}{birth.month:02d}{birth.day:02d}{year:04d}{code}{sex}{seq:03d}"
    info = parse_nip(nip, PPPK, today=PROPERTY_TODAY)
    assert (info.birth_date, info.appointment_year, info.appointment_month) == (birth, year, None)
    assert (info.code, info.sex, info.sequence) == (code, {"1": "L", "2": "P"}[sex], seq)


def _compose_pns(c):
    birth, year, month, sex, seq = c
    return f"{birth.year:04d}{birth.month:02d}{birth.day:02d}{year:04d}{month:02d}{sex}{seq:03d}"


digit_strings = st.one_of(
    st.text("0123456789", min_size=18, max_size=18),
    pns_components().map(_compose_pns),
)


@given(digit_strings, st.sampled_from([PNS, PPPK]))
@settings(max_examples=500)
def test_property_problems_empty_iff_parse_succeeds(nip, kind):
    found = nip_problems(nip, kind, today=PROPERTY_TODAY)
    assert all(isinstance(p, str) and p for p in found)
    try:
        parse_nip(nip, kind, today=PROPERTY_TODAY)
    except InvalidNip as exc:  # a property over both outcomes, not one expected raise
        assert found != []
        assert exc.problems == found  # noqa: PT017
    else:
        assert found == []
    assert is_valid_nip(nip, kind, today=PROPERTY_TODAY) is (found == [])


@given(st.text(max_size=25), st.sampled_from([PNS, PPPK]))
def test_property_any_text_never_crashes(text, kind):
    found = nip_problems(text, kind, today=PROPERTY_TODAY)
    if len(text) != 18 or not (text.isascii() and text.isdigit()):
        assert found  # wrong length or a non-ASCII-digit character is always a problem
        assert len(found) <= 2
