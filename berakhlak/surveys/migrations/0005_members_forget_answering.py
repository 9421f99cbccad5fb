"""Anonymous answering, the end (see 0003): the members forget whether they answered, their drafts and
reminder dates; every member has a record unit."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("surveys", "0004_anonymous_answering_data")]

    operations = [
        migrations.RemoveField("wavemember", "answered"),
        migrations.RemoveField("wavemember", "draft"),
        migrations.RemoveField("wavemember", "reminded_on"),
        migrations.RemoveField("wavemember", "reminders"),
        migrations.AlterField("wavemember", "record_unit", models.ForeignKey(
            on_delete=django.db.models.deletion.PROTECT, related_name="+", to="org.unit")),
    ]
