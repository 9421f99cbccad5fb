"""Issue 11, the data of an upgraded database: afterwards a database reader learns nothing new.

- Saved drafts of running cycles are re-keyed: each becomes one sealed blob under its keyed hash (the
  keys of ``feedback360.keys``, computed here with the application's secret); the old rows are deleted.
- Every form already sent or declined in a running cycle gets its spent record (keyed hash), so that it
  stays sent exactly once.
- Every anonymous relationship's assignment marked ``SUBMITTED`` goes back to ``OPEN`` (its spent record
  says it was sent, under the secret); ``submitted_on`` is dropped by 0004.
- Every running cycle records ``key_check``, so that a later change of the secret is refused rather than
  letting a sent form be sent again.
- A cycle whose anonymity minimum was under 3 gets 3; if its results were computed, they are deleted
  (HR recomputes them: ``berakhlak 360 compute``), since they were computed with groups of two.

Old dead row versions, the write-ahead log and earlier backups still hold the old link: see
``docs/anonymity.md`` ("upgrading").

The purposes below are those of ``berakhlak.feedback360.keys`` at the time of this migration.
"""

from django.db import migrations

ANONYMOUS = ("PEER", "CROSS", "SUBORDINATE")
BEHAVIOURS = ("BP1", "BP2", "BP3", "AK1", "AK2", "AK3", "KO1", "KO2", "KO3", "HA1", "HA2", "HA3",
              "LO1", "LO2", "LO3", "AD1", "AD2", "AD3", "KL1", "KL2", "KL3")
VALUES = ("BP", "AK", "KO", "HA", "LO", "AD", "KL")


def forward(apps, schema_editor):
    from berakhlak.lib.anonymity import keyed_hash, seal, sign

    Cycle = apps.get_model("feedback360", "Cycle")
    Assignment = apps.get_model("feedback360", "Assignment")
    LegacyDraft = apps.get_model("feedback360", "LegacyDraft")
    Draft = apps.get_model("feedback360", "Draft")
    Spent = apps.get_model("feedback360", "Spent")
    Score = apps.get_model("feedback360", "Score")
    UnitScore = apps.get_model("feedback360", "UnitScore")

    low = Cycle.objects.filter(min_raters__lt=3)
    recompute = list(low.filter(status="CLOSED", computed_at__isnull=False).values_list("pk", flat=True))
    Score.objects.filter(cycle_id__in=recompute).delete()
    UnitScore.objects.filter(cycle_id__in=recompute).delete()
    Cycle.objects.filter(pk__in=recompute).update(computed_at=None)
    low.update(min_raters=3)

    running = set(Cycle.objects.filter(status="OPEN").values_list("pk", flat=True))
    for pk in running:
        Cycle.objects.filter(pk=pk).update(key_check=keyed_hash("f360-cycle-check", pk))
    drafts = []
    for d in LegacyDraft.objects.select_related("assignment"):
        a = d.assignment
        if a.cycle_id not in running or a.status != "OPEN":
            continue
        data = {"answers": {c: getattr(d, c.lower()) for c in BEHAVIOURS if getattr(d, c.lower()) is not None},
                "na": sorted(c for c in BEHAVIOURS if getattr(d, f"na_{c.lower()}")),
                "comments": {v: getattr(d, f"comment_{v.lower()}") for v in VALUES if getattr(d, f"comment_{v.lower()}")}}
        drafts.append(Draft(key=keyed_hash("f360-draft", a.cycle_id, a.pk), cycle_id=a.cycle_id,
                            blob=seal(sign("f360-form", a.cycle_id, a.pk), data)))
    LegacyDraft.objects.all().delete()
    Draft.objects.bulk_create(sorted(drafts, key=lambda x: x.key), batch_size=2000)

    done = Assignment.objects.filter(cycle_id__in=running, status__in=("SUBMITTED", "DECLINED"))
    spent = sorted({keyed_hash("f360-spent", c, pk) : c for pk, c in done.values_list("pk", "cycle_id")}.items())
    Spent.objects.bulk_create([Spent(key=k, cycle_id=c) for k, c in spent], batch_size=2000)
    Assignment.objects.filter(status="SUBMITTED", relationship__in=ANONYMOUS).update(status="OPEN")


def backward(apps, schema_editor):
    """Back to the old marks, as far as they can be known: in running cycles, an anonymous form whose
    spent key is recorded (and not declined) is ``SUBMITTED`` again (without a day); drafts are dropped."""
    from berakhlak.lib.anonymity import keyed_hash

    Assignment = apps.get_model("feedback360", "Assignment")
    Spent = apps.get_model("feedback360", "Spent")
    spent = set(Spent.objects.values_list("key", flat=True))
    sent = [pk for pk, c in Assignment.objects.filter(status="OPEN", relationship__in=ANONYMOUS,
                                                       cycle__status="OPEN").values_list("pk", "cycle_id")
            if keyed_hash("f360-spent", c, pk) in spent]
    for i in range(0, len(sent), 2000):
        Assignment.objects.filter(pk__in=sent[i:i + 2000]).update(status="SUBMITTED")


class Migration(migrations.Migration):

    dependencies = [
        ("feedback360", "0002_sealed_drafts_and_spent_keys"),
    ]

    operations = [migrations.RunPython(forward, backward)]
