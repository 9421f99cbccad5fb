"""``berakhlak skp import-ratings FILE --agency CODE`` and
``berakhlak skp recap --agency CODE --year Y [--unit CODE] --format json|table``.

``import-ratings`` loads ratings made elsewhere (e-Kinerja exports:
``nip,tahun,periode,rating_hasil_kerja,rating_perilaku_kerja``). All-or-nothing: on any problem it prints
one ``FILE:ROW: column: reason`` line per problem, writes nothing and exits 1.

``recap`` prints the annual predikat counts of every unit with its whole subtree: ``--format json`` is
exactly the DESIGN.md "SKP recap JSON" schema, ``--format table`` an aligned table.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from berakhlak.org.models import Agency, Unit
from berakhlak.org.services import ImportRejected, agency_get
from berakhlak.performance import rules

#: Column heads of the table: the regulation's names of the predikat (PermenPANRB 6/2022).
PREDIKAT_HEADS = {rules.SANGAT_BAIK: "Sangat Baik", rules.BAIK: "Baik", rules.BUTUH_PERBAIKAN: "Butuh Perbaikan",
                  rules.KURANG: "Kurang", rules.SANGAT_KURANG: "Sangat Kurang"}
NAME_WIDTH = 48


class Command(BaseCommand):
    help = "Kinerja pegawai (SKP) / employee performance (SKP)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="import-ratings|recap")
        imp = sub.add_parser("import-ratings",
                             help="impor penilaian (nip,tahun,periode,rating_hasil_kerja,rating_perilaku_kerja)")
        imp.add_argument("file")
        imp.add_argument("--agency", default=None, help="kode instansi (boleh kosong bila hanya ada satu)")
        recap = sub.add_parser("recap", help="rekap predikat tahunan per unit beserta sub-unitnya")
        recap.add_argument("--agency", default=None, help="kode instansi (boleh kosong bila hanya ada satu)")
        recap.add_argument("--year", required=True, type=int, help="tahun kinerja")
        recap.add_argument("--unit", default=None, help="kode unit (bawaan: semua unit)")
        recap.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, action, **options):
        try:
            agency = agency_get(options.get("agency"))
        except Agency.DoesNotExist as exc:
            raise CommandError(str(exc)) from None
        if action == "import-ratings":
            return self._import(agency, options["file"])
        return self._recap(agency, options)

    def _import(self, agency: Agency, file: str) -> None:
        from berakhlak.performance.imports import ratings_import

        try:
            result = ratings_import(source=file, agency=agency, filename=file)
        except ImportRejected as exc:
            for line in exc.report():
                self.stderr.write(line)
            sys.exit(1)
        for year in result.years_created:
            self.stdout.write(f"{agency.code}: tahun kinerja {year} dibuat (triwulanan: TW1–TW4, TAHUNAN) / "
                              f"SKP year {year} created (quarterly)")
        n, new, updated = result.total, result.created, result.updated
        self.stdout.write(f"{agency.code}: {n} penilaian; {new} baru, {updated} diperbarui / "
                          f"{n} ratings; {new} new, {updated} updated")

    def _recap(self, agency: Agency, options) -> None:
        from berakhlak.performance.models import PerformanceYear
        from berakhlak.performance.selectors import recap

        year = options["year"]
        if not PerformanceYear.objects.filter(agency=agency, year=year).exists():
            raise CommandError(f"tahun kinerja {year} tidak ada di {agency.code} / "
                               f"{agency.code} has no SKP year {year}")
        unit = None
        if options.get("unit"):
            unit = Unit.objects.filter(agency=agency, code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"unit {options['unit']} tidak ada di {agency.code} / "
                                   f"{agency.code} has no unit {options['unit']}")
        data = recap(agency=agency, year=year, unit=unit)
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        units = Unit.objects.filter(agency=agency)
        if unit is not None:
            units = units.filter(pk=unit.pk)
        meta = {code: (name, depth) for code, name, depth in units.values_list("code", "name", "depth")}
        self.stdout.write(render_table(data, meta))


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def render_table(data: dict, meta: dict[str, tuple[str, int]]) -> str:
    """An aligned text table: unit code, name (indented by level), employees rated and the five counts."""
    top = min((meta[u["unit"]][1] for u in data["units"] if u["unit"] in meta), default=0)
    rows = []
    for u in data["units"]:
        name, depth = meta.get(u["unit"], ("", top))
        rows.append([u["unit"], _clip("  " * (depth - top) + name, NAME_WIDTH), str(u["employees"]),
                     *(str(u["predikat"][p]) for p in rules.PREDIKATS)])
    heads = ["unit", "nama", "pegawai", *(PREDIKAT_HEADS[p] for p in rules.PREDIKATS)]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(heads)]

    def line(cells: list[str]) -> str:
        left = [cells[0].ljust(widths[0]), cells[1].ljust(widths[1])]
        right = [c.rjust(w) for c, w in zip(cells[2:], widths[2:])]
        return "  ".join(left + right).rstrip()

    out = [f"Rekap predikat kinerja tahunan {data['agency']} {data['year']} (unit beserta sub-unitnya) / "
           f"annual predikat per unit with its subtree",
           line(heads), "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in rows)
    if not rows:
        out.append("(tidak ada unit / no units)")
    return "\n".join(out)
