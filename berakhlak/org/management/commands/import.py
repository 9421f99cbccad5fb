"""``berakhlak import units|employees FILE --agency CODE``: import the organisation from CSV or XLSX.

All-or-nothing: on any problem it prints one line per problem (``FILE:ROW: column: reason``) to
standard error, writes nothing and exits with status 1.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from berakhlak.org.services import ImportRejected, employees_import, units_import


class Command(BaseCommand):
    help = "Impor unit kerja atau pegawai dari CSV/XLSX / import work units or employees from CSV/XLSX"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True, metavar="units|employees")
        units = sub.add_parser("units", help="impor pohon unit kerja (kode,nama,induk_kode)")
        units.add_argument("file")
        units.add_argument("--agency", required=True, help="kode instansi; dibuat bila belum ada")
        units.add_argument("--agency-name", default=None, help="nama instansi (untuk instansi baru)")
        units.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
        employees = sub.add_parser(
            "employees", help="impor pegawai (nip,nama,unit_kode,jabatan,jenis_jabatan,jenis_pegawai,atasan_nip,email)"
        )
        employees.add_argument("file")
        employees.add_argument("--agency", default=None, help="kode instansi (boleh kosong bila hanya ada satu)")
        employees.add_argument("--dry-run", action="store_true", help="periksa saja, jangan simpan")
        employees.add_argument("--no-progress", action="store_true", help="tanpa bilah kemajuan")

    def handle(self, *args, what, file, dry_run=False, **options):
        try:
            if what == "units":
                result = units_import(source=file, agency_code=options["agency"],
                                      agency_name=options.get("agency_name"), filename=file, dry_run=dry_run)
            else:
                bar = None
                if not options.get("no_progress") and sys.stderr.isatty():
                    from tqdm import tqdm

                    bar = tqdm(desc="memeriksa baris", unit=" baris", unit_scale=True, file=sys.stderr)
                try:
                    result = employees_import(source=file, agency_code=options.get("agency"), filename=file,
                                              dry_run=dry_run, progress=bar.update if bar else None)
                finally:
                    if bar is not None:
                        bar.close()
        except ImportRejected as exc:
            for line in exc.report():
                self.stderr.write(line)
            sys.exit(1)
        except FileNotFoundError as exc:
            raise CommandError(f"{file}: berkas tidak ditemukan / file not found") from exc
        verb = "akan" if result.dry_run else "selesai"
        self.stdout.write(
            f"{result.kind} {result.agency}: {result.total} baris — baru {result.created}, diubah {result.updated}, "
            f"tetap {result.unchanged} ({verb}{' — uji coba, tidak disimpan' if result.dry_run else ''})"
        )
