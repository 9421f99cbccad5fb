"""Anonymous answering (DESIGN.md "Anonymity", issue 11): the members lose their "answered" flag, draft and
reminder dates; answers are recorded under a record unit of at least ``min_group`` people; drafts and
"spent" records are keyed by keyed hashes under the secret kept outside the database; ballot slips replace
the printed personal links.

Upgrading: the members of open waves who had answered get their "spent" record (computed here with the
secret), so they cannot answer twice; their saved drafts are dropped. The personal links of open waves change
(the new derivation uses the secret): HR sends them again ("Kirim pengingat"). Old versions of the rows
remain in the database's dead tuples and in earlier backups until they are vacuumed and expire.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0001_initial"),
        ("surveys", "0002_builtin_instruments"),
    ]

    operations = [
        migrations.AddField("wave", "reminders_sent", models.PositiveIntegerField(default=0)),
        migrations.AddField("wave", "reminded_on", models.DateField(blank=True, null=True)),
        migrations.AddField("wavemember", "has_email", models.BooleanField(default=True)),
        migrations.AddField("wavemember", "record_unit", models.ForeignKey(
            null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="org.unit")),
        migrations.CreateModel(
            name="Draft",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=64, unique=True)),
                ("blob", models.TextField()),
                ("wave", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="drafts",
                                           to="surveys.wave")),
            ],
        ),
        migrations.CreateModel(
            name="Spent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=64)),
                ("wave", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="spent",
                                           to="surveys.wave")),
            ],
            options={"constraints": [models.UniqueConstraint(fields=("wave", "key"), name="surveys_spent_unique")]},
        ),
        migrations.CreateModel(
            name="BallotUnit",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("eligible", models.PositiveIntegerField()),
                ("used", models.PositiveIntegerField(default=0)),
                ("printing", models.PositiveIntegerField(default=0)),
                ("record_unit", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                                  to="org.unit")),
                ("unit", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                           to="org.unit")),
                ("wave", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="ballot_units",
                                           to="surveys.wave")),
            ],
            options={"constraints": [
                models.UniqueConstraint(fields=("wave", "unit"), name="surveys_ballotunit_unique"),
                models.CheckConstraint(condition=models.Q(used__lte=models.F("eligible")),
                                       name="surveys_ballotunit_cap"),
            ]},
        ),
        migrations.CreateModel(
            name="Ballot",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=64, unique=True)),
                ("ballot_unit", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="ballots",
                                                  to="surveys.ballotunit")),
            ],
        ),
    ]
