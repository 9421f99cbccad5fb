"""``berakhlak survey import-responses FILE --agency CODE --wave CODE [--scale 1-5]``.

Loads Likert answers collected elsewhere (``respondent,unit_kode,BP1…KL3``). All-or-nothing: on any
problem it prints one ``FILE:ROW: column: reason`` line per problem, writes nothing and exits 1.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from berakhlak.org.models import Agency
from berakhlak.org.services import ImportRejected, agency_get


def parse_scale(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    low, sep, high = text.partition("-")
    digits = sep and (low + high).isascii() and low.isdigit() and high.isdigit()  # "²" is a digit too
    if not digits or (int(low), int(high)) not in ((1, 4), (1, 5), (1, 6)):
        raise CommandError(f"--scale {text}: pakai 1-4, 1-5 atau 1-6 / use 1-4, 1-5 or 1-6")
    return int(low), int(high)


class Command(BaseCommand):
    help = "Survei budaya kerja / culture survey"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="import-responses")
        imp = sub.add_parser("import-responses", help="impor jawaban (respondent,unit_kode,BP1…KL3)")
        imp.add_argument("file")
        imp.add_argument("--agency", default=None, help="kode instansi (boleh kosong bila hanya ada satu)")
        imp.add_argument("--wave", required=True, help="kode gelombang; dibuat (tertutup, anonim) bila belum ada")
        imp.add_argument("--scale", default=None, help="skala jawaban: 1-4, 1-5 (bawaan) atau 1-6")

    def handle(self, *args, action, file, **options):
        from berakhlak.surveys.services import responses_import

        try:
            agency = agency_get(options.get("agency"))
        except Agency.DoesNotExist as exc:
            raise CommandError(str(exc)) from None
        scale = parse_scale(options.get("scale"))
        try:
            result = responses_import(source=file, agency=agency, wave_code=options["wave"], filename=file, scale=scale)
        except ImportRejected as exc:
            for line in exc.report():
                self.stderr.write(line)
            sys.exit(1)
        made = " (gelombang baru, tertutup, anonim / new closed anonymous wave)" if result.wave_created else ""
        self.stdout.write(f"{result.agency}/{result.wave}{made}: {result.total} jawaban; {result.created} baru, "
                          f"{result.updated} diperbarui / {result.total} responses; {result.created} new, "
                          f"{result.updated} updated")
