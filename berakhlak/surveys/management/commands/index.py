"""``berakhlak index compute|show --wave CODE [--agency CODE]``: the Indeks BerAKHLAK of a wave.

``show --format json`` prints exactly the DESIGN.md "Index JSON" schema; ``--format table`` a
readable table. ``show --national`` prints the national result over every agency's wave of that
code (the mean of the agency indices of agencies with at least the minimum respondents).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from berakhlak.analytics.likert import VALUE_CODES
from berakhlak.org.models import Agency
from berakhlak.org.services import agency_get
from berakhlak.surveys.models import Wave


class Command(BaseCommand):
    help = "Hitung atau tampilkan Indeks BerAKHLAK / compute or show the BerAKHLAK index"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="compute|show")
        compute = sub.add_parser("compute", help="hitung dan simpan indeks gelombang")
        compute.add_argument("--wave", required=True)
        compute.add_argument("--agency", default=None)
        show = sub.add_parser("show", help="tampilkan indeks gelombang")
        show.add_argument("--wave", required=True)
        show.add_argument("--agency", default=None)
        show.add_argument("--unit", default=None, help="kode unit (bawaan: semua unit)")
        show.add_argument("--format", choices=["json", "table"], default="table")
        show.add_argument("--national", action="store_true", help="hasil nasional lintas instansi")

    def handle(self, *args, action, **options):
        if action == "show" and options.get("national"):
            return self._national(options)
        try:
            agency = agency_get(options.get("agency"))
        except Agency.DoesNotExist as exc:
            raise CommandError(str(exc)) from None
        wave = Wave.objects.select_related("instrument").filter(agency=agency, code=options["wave"]).first()
        if wave is None:
            raise CommandError(f"gelombang {options['wave']} tidak ada di {agency.code} / no wave {options['wave']}")
        if action == "compute":
            from berakhlak.surveys.indexing import index_compute

            result = index_compute(wave=wave)
            self.stdout.write(f"{agency.code}/{wave.code}: {result.respondents} responden; indeks tersimpan / "
                              f"{result.respondents} respondents; index stored")
            return
        from berakhlak.surveys.selectors import index_json

        try:
            data = index_json(wave=wave, unit_code=options.get("unit"))
        except LookupError as exc:
            raise CommandError(str(exc)) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        else:
            self.stdout.write(render_table(data))

    def _national(self, options):
        from berakhlak.surveys.selectors import national_result

        data = national_result(code=options["wave"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        head = f"{'instansi':<12} {'resp':>8} " + " ".join(f"{v:>5}" for v in VALUE_CODES) + "  total"
        lines = [f"gelombang {data['wave']} · nasional: {data['national']['agencies']} instansi", head]
        for a in data["agencies"]:
            lines.append(f"{a['agency']:<12} {a['respondents'] or '-':>8} "
                         + " ".join(f"{_fmt(a['values'][v]):>5}" for v in VALUE_CODES) + f"  {_fmt(a['overall'])}")
        n = data["national"]
        lines.append(f"{'NASIONAL':<12} {'':>8} " + " ".join(f"{_fmt(n['values'][v]):>5}" for v in VALUE_CODES)
                     + f"  {_fmt(n['overall'])}")
        self.stdout.write("\n".join(lines))


def _fmt(x) -> str:
    return "—" if x is None else f"{x:.1f}"


def render_table(data: dict) -> str:
    head = f"{'unit':<16} {'resp':>6} " + " ".join(f"{v:>7}" for v in VALUE_CODES) + "   total"
    lines = [f"gelombang {data['wave']} · skala {data['scale'][0]}-{data['scale'][1]} · "
             f"kelompok minimum {data['min_group']}", head]
    for u in data["units"]:
        if u["suppressed"]:
            lines.append(f"{u['unit']:<16} {'—':>6}  disembunyikan / suppressed")
            continue
        cells = " ".join(f"{_fmt(u['values'][v]):>5} {u['categories'][v] or ' '}" for v in VALUE_CODES)
        lines.append(f"{u['unit']:<16} {u['respondents']:>6} {cells}   {_fmt(u['overall'])} {u['overall_category']}")
    return "\n".join(lines)
