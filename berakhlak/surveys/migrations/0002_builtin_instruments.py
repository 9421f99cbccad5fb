"""Built-in instruments: the BerAKHLAK Likert instrument on the 1-5 (default), 1-4 and 1-6 scales, with
the Employee Engagement and Employer Branding banks, and the value-selection instrument."""

from django.db import migrations

from berakhlak.surveys import item_bank

LIKERT_NAMES = {
    (1, 5): ("Survei Budaya Kerja BerAKHLAK (skala 1-5)", "BerAKHLAK work-culture survey (1-5 scale)"),
    (1, 4): ("Survei Budaya Kerja BerAKHLAK (skala 1-4)", "BerAKHLAK work-culture survey (1-4 scale)"),
    (1, 6): ("Survei Budaya Kerja BerAKHLAK (skala 1-6)", "BerAKHLAK work-culture survey (1-6 scale)"),
}


def load(apps, schema_editor):
    Instrument = apps.get_model("surveys", "Instrument")
    Item = apps.get_model("surveys", "Item")
    for (low, high), (name_id, name_en) in LIKERT_NAMES.items():
        instrument = Instrument.objects.create(
            agency=None, code=f"BERAKHLAK-LIKERT-{high}", version=1, kind="LIKERT", name_id=name_id,
            name_en=name_en, scale_min=low, scale_max=high, include_comment=True)
        items = []
        for position, item in enumerate(item_bank.LIKERT_ITEMS):
            items.append(Item(instrument=instrument, code=item["code"], section="BERAKHLAK", value_code=item["value"],
                              text_id=item["text_id"], text_en=item["text_en"], position=position))
        for section, bank, start in (("ENGAGEMENT", item_bank.ENGAGEMENT_ITEMS, 30),
                                     ("BRANDING", item_bank.BRANDING_ITEMS, 40)):
            for offset, item in enumerate(bank):
                items.append(Item(instrument=instrument, code=item["code"], section=section, value_code="",
                                  text_id=item["text_id"], text_en=item["text_en"], position=start + offset))
        Item.objects.bulk_create(items)
    selection = Instrument.objects.create(
        agency=None, code="BERAKHLAK-PILIH", version=1, kind="SELECTION",
        name_id="Pemilihan Perilaku BerAKHLAK (nilai pribadi, budaya saat ini, budaya harapan)",
        name_en="BerAKHLAK behaviour selection (personal values, current culture, desired culture)",
        scale_min=1, scale_max=5, max_picks=10, include_comment=True)
    items = [Item(instrument=selection, code=o["code"], section="OPTION", value_code=o["value"],
                  text_id=o["text_id"], text_en=o["text_en"], position=p)
             for p, o in enumerate(item_bank.SELECTION_OPTIONS_SHORT)]
    items += [Item(instrument=selection, code=o["code"], section="LIMITING", value_code="",
                   text_id=o["text_id"], text_en=o["text_en"], position=50 + p)
              for p, o in enumerate(item_bank.LIMITING_BEHAVIOURS)]
    Item.objects.bulk_create(items)


def unload(apps, schema_editor):
    apps.get_model("surveys", "Instrument").objects.filter(agency__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
