"""``berakhlak demo_data --employees N --agencies K --out DIR``: national-size CSVs for benchmarks."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from berakhlak.demo.generator import write_national_csv


class Command(BaseCommand):
    help = "Tulis CSV unit & pegawai berskala nasional (deterministik) / write national-size CSVs"

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, required=True)
        parser.add_argument("--agencies", type=int, default=1)
        parser.add_argument("--seed", type=int, default=2023)
        parser.add_argument("--out", required=True)

    def handle(self, *args, employees, agencies, seed, out, **options):
        written = write_national_csv(Path(out), employees=employees, agencies=agencies, seed=seed)
        for code, units_path, employees_path in written[:5]:
            self.stdout.write(f"{code}: {units_path} {employees_path}")
        if len(written) > 5:
            self.stdout.write(f"… {len(written)} instansi / agencies in {out}")
        sys.stdout.flush()
