"""Anonymous answering, the data (see 0003): record units, "spent" records of the members of open waves who
had answered (computed with the secret), ballot units of open waves."""

from django.db import migrations, models

from berakhlak.lib.anonymity import keyed_hash


def forwards(apps, schema_editor):
    from berakhlak.surveys.rules import record_units

    Wave = apps.get_model("surveys", "Wave")
    WaveMember = apps.get_model("surveys", "WaveMember")
    Spent = apps.get_model("surveys", "Spent")
    Unit = apps.get_model("org", "Unit")
    BallotUnit = apps.get_model("surveys", "BallotUnit")
    for wave in Wave.objects.exclude(status="DRAFT").iterator():
        members = WaveMember.objects.filter(wave=wave)
        if not members.exists():
            continue
        tree = dict(Unit.objects.filter(agency_id=wave.agency_id).values_list("id", "parent_id"))
        population = dict(members.values("unit_id").annotate(n=models.Count("id")).values_list("unit_id", "n"))
        record = record_units(tree, population, wave.min_group)
        for unit_id in population:
            members.filter(unit_id=unit_id).update(record_unit_id=record[unit_id])
        members.filter(employee__email="").update(has_email=False)
        if wave.status == "OPEN":
            Spent.objects.bulk_create([Spent(wave=wave, key=keyed_hash("survey-spent", wave.pk, pk))
                                       for pk in members.filter(answered=True).values_list("pk", flat=True)],
                                      batch_size=5000)
            rows = (members.filter(has_email=False).values("unit_id").annotate(n=models.Count("id"))
                    .values_list("unit_id", "n"))
            BallotUnit.objects.bulk_create([BallotUnit(wave=wave, unit_id=u, record_unit_id=record[u], eligible=n)
                                            for u, n in rows])


class Migration(migrations.Migration):
    dependencies = [("surveys", "0003_anonymous_answering")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
