"""Issue 11: the answering path keyed by keyed hashes. The old draft (a row per assignment, with answer
columns and a time) is renamed ``LegacyDraft`` until 0003 has re-keyed it; the new ``Draft`` (a sealed
blob under a keyed hash) and ``Spent`` (exactly-once under a keyed hash) are created, and the cycle gets ``key_check`` (``keys.cycle_check``)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("feedback360", "0001_cycles_assignments_sheets_scores"),
    ]

    operations = [
        migrations.AddField(
            model_name="cycle", name="key_check",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RenameModel("Draft", "LegacyDraft"),
        migrations.CreateModel(
            name="Draft",
            fields=[
                ("key", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("blob", models.TextField()),
                ("cycle", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                            to="feedback360.cycle", db_constraint=False)),
            ],
            options={"db_table": "feedback360_draft_sealed"},
        ),
        migrations.CreateModel(
            name="Spent",
            fields=[
                ("key", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("cycle", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                            to="feedback360.cycle", db_constraint=False)),
            ],
            options={"constraints": [models.UniqueConstraint(fields=("cycle", "key"), name="f360_spent_once")]},
        ),
    ]
