"""The BerAKHLAK framework loaded by the data migration: two versions, 7 values and 21 behaviours each."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from berakhlak.framework.models import Behaviour, CoreValue, FrameworkVersion
from berakhlak.framework.selectors import framework_for_agency, values_with_behaviours
from berakhlak.org.services import agency_create

VALUE_CODES = ["BP", "AK", "KO", "HA", "LO", "AD", "KL"]
BEHAVIOUR_CODES = [f"{v}{n}" for v in VALUE_CODES for n in (1, 2, 3)]
VALUE_NAMES = ["Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"]


def texts(version_code: str) -> dict[str, tuple[str, str]]:
    return {b.code: (b.text_id, b.text_en) for b in Behaviour.objects.filter(value__version__code=version_code)}


def test_it_loads_two_versions_with_2021_as_the_default(db):
    versions = list(FrameworkVersion.objects.order_by("effective_from").values_list("code", "is_default"))
    assert versions == [("2021", True), ("2023", False)]
    assert FrameworkVersion.objects.filter(is_default=True).count() == 1


@pytest.mark.parametrize("code", ["2021", "2023"])
def test_it_has_seven_values_in_order_each_with_three_behaviours(db, code):
    version = FrameworkVersion.objects.get(code=code)
    values = list(values_with_behaviours(version=version))
    assert [v.code for v in values] == VALUE_CODES
    assert [v.order for v in values] == list(range(1, 8))
    assert [v.name_id for v in values] == VALUE_NAMES
    behaviours = [b for v in values for b in v.behaviours.all()]
    assert [b.code for b in behaviours] == BEHAVIOUR_CODES
    assert [b.number for b in behaviours] == [1, 2, 3] * 7
    assert all(b.code.startswith(b.value.code) for b in behaviours)
    for v in values:
        assert v.name_id.strip() and v.name_en.strip() and v.definition_id.strip() and v.definition_en.strip()
    for b in behaviours:
        assert b.text_id.strip() and b.text_en.strip(), b.code
        assert b.text_id != b.text_en, b.code  # the English text is a translation, not a copy


@pytest.mark.parametrize("code", ["2021", "2023"])
def test_it_has_distinct_texts_within_a_version(db, code):
    by_code = texts(code)
    assert len(by_code) == 21
    assert len({t for t, _ in by_code.values()}) == 21
    assert len({e for _, e in by_code.values()}) == 21


def test_it_rewords_exactly_ha1_ha2_and_lo2_in_2023(db):
    old, new = texts("2021"), texts("2023")
    changed = sorted(code for code in BEHAVIOUR_CODES if old[code] != new[code])
    assert changed == ["HA1", "HA2", "LO2"]
    for code in changed:  # both languages were reworded
        assert old[code][0] != new[code][0] and old[code][1] != new[code][1]
    assert new["HA1"][0] == "Menghargai setiap orang tanpa membedakan latar belakang"
    assert old["HA1"][0] == "Menghargai setiap orang apapun latar belakangnya"


def test_it_keeps_the_value_names_and_definitions_between_versions(db):
    def values(code):
        return list(CoreValue.objects.filter(version__code=code).order_by("order").values_list(
            "code", "name_id", "name_en", "definition_id", "definition_en"))

    assert values("2021") == values("2023")


def test_it_gives_a_new_agency_the_default_version(db):
    agency = agency_create(code="KEMENUJI", name="Kementerian Uji")
    agency.refresh_from_db()
    assert agency.framework_version.code == "2021"
    assert framework_for_agency(agency=agency).code == "2021"


def test_it_follows_the_default_when_it_moves(db):
    FrameworkVersion.objects.filter(code="2021").update(is_default=False)
    FrameworkVersion.objects.filter(code="2023").update(is_default=True)
    assert agency_create(code="KEMENBARU", name="Kementerian Baru").framework_version.code == "2023"
    assert framework_for_agency(agency=None).code == "2023"


def test_it_uses_the_agencys_chosen_version(db):
    agency = agency_create(code="PEMDA", name="Pemerintah Daerah")
    agency.framework_version = FrameworkVersion.objects.get(code="2023")
    agency.save()
    assert framework_for_agency(agency=agency).code == "2023"


def test_it_refuses_a_second_default_version(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        FrameworkVersion.objects.filter(code="2023").update(is_default=True)


def test_it_refuses_a_fourth_behaviour(db):
    value = CoreValue.objects.get(version__code="2021", code="AD")
    with pytest.raises(IntegrityError), transaction.atomic():
        Behaviour.objects.create(value=value, code="AD4", number=4, text_id="x", text_en="x")


def test_it_shows_texts_in_the_active_language(db):
    from django.utils import translation

    b = Behaviour.objects.get(value__version__code="2021", code="AD1")
    with translation.override("en"):
        assert b.text == "Adjusts quickly to change"
        assert b.value.name == "Adaptive"
    with translation.override("id"):
        assert b.text == "Cepat menyesuaikan diri menghadapi perubahan"
        assert b.value.name == "Adaptif"
