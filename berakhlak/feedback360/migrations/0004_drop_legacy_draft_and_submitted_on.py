"""Issue 11: the old draft table and ``Assignment.submitted_on`` go; an anonymous relationship's
assignment can no longer be marked ``SUBMITTED``; the anonymity minimum is at least 3. The sheet's keys
to the cycle and the employee rated stop being database foreign keys, whose check on insert would lock
(write ``xmax`` into) the cycle's and the employee's rows on PostgreSQL (``models.NO_LOCK``)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("feedback360", "0003_rekey_drafts_spend_sent_forms"),
        ("org", "0002_unit_closure_and_fewer_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="sheet", name="cycle",
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE,
                                    related_name="sheets", to="feedback360.cycle"),
        ),
        migrations.AlterField(
            model_name="sheet", name="ratee",
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="org.employee"),
        ),
        migrations.DeleteModel("LegacyDraft"),
        migrations.RemoveField(model_name="assignment", name="submitted_on"),
        migrations.RemoveConstraint(model_name="cycle", name="f360_cycle_min_raters"),
        migrations.AddConstraint(
            model_name="cycle",
            constraint=models.CheckConstraint(condition=models.Q(("min_raters__gte", 3), ("min_raters__lte", 10)),
                                              name="f360_cycle_min_raters_at_least_3"),
        ),
        migrations.AddConstraint(
            model_name="assignment",
            constraint=models.CheckConstraint(
                condition=models.Q(models.Q(("status", "SUBMITTED"), _negated=True),
                                   ("relationship__in", ("SELF", "SUPERIOR")), _connector="OR"),
                name="f360_assignment_only_named_marked_submitted"),
        ),
    ]
