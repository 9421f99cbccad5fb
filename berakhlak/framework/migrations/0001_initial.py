import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="FrameworkVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(max_length=32, unique=True, verbose_name="kode")),
                ("name", models.CharField(max_length=200, verbose_name="nama")),
                ("source", models.CharField(max_length=300, verbose_name="dasar hukum")),
                ("effective_from", models.DateField(verbose_name="berlaku sejak")),
                ("is_default", models.BooleanField(default=False, verbose_name="bawaan untuk instansi baru")),
            ],
            options={"verbose_name": "versi kerangka BerAKHLAK", "verbose_name_plural": "versi kerangka BerAKHLAK",
                     "ordering": ["effective_from", "code"]},
        ),
        migrations.CreateModel(
            name="CoreValue",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(max_length=2, verbose_name="kode")),
                ("order", models.PositiveSmallIntegerField(verbose_name="urutan")),
                ("name_id", models.CharField(max_length=100, verbose_name="nama (Indonesia)")),
                ("name_en", models.CharField(max_length=100, verbose_name="nama (Inggris)")),
                ("definition_id", models.TextField(verbose_name="definisi (Indonesia)")),
                ("definition_en", models.TextField(verbose_name="definisi (Inggris)")),
                ("version", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="values",
                                              to="framework.frameworkversion")),
            ],
            options={"verbose_name": "nilai dasar", "verbose_name_plural": "nilai dasar", "ordering": ["version", "order"]},
        ),
        migrations.CreateModel(
            name="Behaviour",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(max_length=3, verbose_name="kode")),
                ("number", models.PositiveSmallIntegerField(verbose_name="nomor")),
                ("text_id", models.TextField(verbose_name="teks (Indonesia)")),
                ("text_en", models.TextField(verbose_name="teks (Inggris)")),
                ("value", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="behaviours",
                                            to="framework.corevalue")),
            ],
            options={"verbose_name": "panduan perilaku", "verbose_name_plural": "panduan perilaku",
                     "ordering": ["value__order", "number"]},
        ),
        migrations.AddConstraint(
            model_name="frameworkversion",
            constraint=models.UniqueConstraint(condition=models.Q(("is_default", True)), fields=("is_default",),
                                               name="framework_one_default_version"),
        ),
        migrations.AddConstraint(
            model_name="corevalue",
            constraint=models.UniqueConstraint(fields=("version", "code"), name="framework_value_code_unique"),
        ),
        migrations.AddConstraint(
            model_name="corevalue",
            constraint=models.UniqueConstraint(fields=("version", "order"), name="framework_value_order_unique"),
        ),
        migrations.AddConstraint(
            model_name="behaviour",
            constraint=models.UniqueConstraint(fields=("value", "number"), name="framework_behaviour_number_unique"),
        ),
        migrations.AddConstraint(
            model_name="behaviour",
            constraint=models.CheckConstraint(condition=models.Q(("number__gte", 1), ("number__lte", 3)),
                                              name="framework_behaviour_1_to_3"),
        ),
    ]
