"""The angka kredit tables of PermenPANRB 1/2023, in force from 2023-01-01 (configurable: add a dated row)."""

import datetime
from decimal import Decimal

from django.db import migrations

FROM = datetime.date(2023, 1, 1)
PERCENT = {"SANGAT_BAIK": 150, "BAIK": 100, "BUTUH_PERBAIKAN": 75, "KURANG": 50, "SANGAT_KURANG": 25}
COEFFICIENT = {
    "Pemula": "3.75", "Terampil": "5", "Mahir": "12.5", "Penyelia": "25",
    "Ahli Pertama": "12.5", "Ahli Muda": "25", "Ahli Madya": "37.5", "Ahli Utama": "50",
}


def load(apps, schema_editor):
    CreditRate = apps.get_model("performance", "CreditRate")
    CreditCoefficient = apps.get_model("performance", "CreditCoefficient")
    for predikat, percent in PERCENT.items():
        CreditRate.objects.get_or_create(predikat=predikat, effective_from=FROM, defaults={"percent": percent})
    for jenjang, coefficient in COEFFICIENT.items():
        CreditCoefficient.objects.get_or_create(jenjang=jenjang, effective_from=FROM,
                                                defaults={"coefficient": Decimal(coefficient)})


def unload(apps, schema_editor):
    apps.get_model("performance", "CreditRate").objects.filter(effective_from=FROM).delete()
    apps.get_model("performance", "CreditCoefficient").objects.filter(effective_from=FROM).delete()


class Migration(migrations.Migration):
    dependencies = [("performance", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
