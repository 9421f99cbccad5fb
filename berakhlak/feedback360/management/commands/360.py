"""``berakhlak 360 compute --cycle CODE [--agency CODE]`` and
``berakhlak 360 show --cycle CODE --employee NIP [--agency CODE] --format json|table``.

``compute`` computes and stores the results of a closed cycle (idempotent: a rerun replaces them).
``show`` prints one employee's result: ``--format json`` is the document of docs/formats.md ("360
result JSON"), ``--format table`` an aligned table. Only groups shown under the anonymity rule appear.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from berakhlak.accounts.scope import Scope
from berakhlak.org.models import Agency, Employee
from berakhlak.org.services import agency_get

OPERATOR = Scope(platform_admin=True)  # the command line is the operator's


class Command(BaseCommand):
    help = "Penilaian 360 derajat / 360-degree assessment"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="compute|show")
        compute = sub.add_parser("compute", help="hitung dan simpan hasil siklus yang sudah ditutup")
        compute.add_argument("--cycle", required=True, help="kode siklus")
        compute.add_argument("--agency", default=None, help="kode instansi (boleh kosong bila hanya ada satu)")
        show = sub.add_parser("show", help="tampilkan hasil seorang pegawai")
        show.add_argument("--cycle", required=True, help="kode siklus")
        show.add_argument("--employee", required=True, help="NIP pegawai")
        show.add_argument("--agency", default=None, help="kode instansi (boleh kosong bila hanya ada satu)")
        show.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, action, **options):
        from berakhlak.feedback360.models import Cycle, CycleStatus

        try:
            agency = agency_get(options.get("agency"))
        except Agency.DoesNotExist as exc:
            raise CommandError(str(exc)) from None
        cycle = Cycle.objects.filter(agency=agency, code=options["cycle"]).select_related("agency").first()
        if cycle is None:
            raise CommandError(f"siklus {options['cycle']} tidak ada di {agency.code} / "
                               f"{agency.code} has no cycle {options['cycle']}")
        if cycle.status != CycleStatus.CLOSED:
            raise CommandError(f"siklus {cycle.code} belum ditutup / cycle {cycle.code} is not closed")
        if action == "compute":
            from berakhlak.feedback360.services import results_compute

            n = results_compute(cycle=cycle)
            self.stdout.write(f"{agency.code} {cycle.code}: hasil {n} pegawai disimpan / results of {n} employees stored")
            return
        self._show(cycle, options)

    def _show(self, cycle, options) -> None:
        from django.http import Http404

        from berakhlak.feedback360 import selectors

        employee = Employee.objects.filter(nip=options["employee"].strip(), agency_id=cycle.agency_id).first()
        if employee is None:
            raise CommandError(f"NIP {options['employee']} tidak ada di {cycle.agency.code} / "
                               f"no employee {options['employee']} in {cycle.agency.code}")
        try:
            report = selectors.report(scope=OPERATOR, cycle=cycle, employee_id=employee.pk)
        except Http404:
            raise CommandError(f"{employee.nip} bukan peserta {cycle.code} / "
                               f"{employee.nip} is not in {cycle.code}") from None
        if not report.computed:
            raise CommandError(f"hasil {cycle.code} belum dihitung untuk {employee.nip}: jalankan `berakhlak 360 compute` / "
                               f"no stored result: run `berakhlak 360 compute`")
        doc = selectors.report_document(report)
        if options["format"] == "json":
            self.stdout.write(json.dumps(doc, ensure_ascii=False))
            return
        self._table(doc)

    def _table(self, doc: dict) -> None:
        groups = [g for g in doc["visible"] if g != "SELF"]
        head = ["kode", "skor", "diri", *groups, "sebaran"]
        rows = [[code, *(_n(v[k]) for k in ("score", "self")), *(_n(v["groups"].get(g)) for g in groups),
                 _n(v["spread"])] for code, v in doc["values"].items()]
        o = doc["overall"]
        rows.append(["OVERALL", _n(o["score"]), _n(o["self"]), *(_n(o["groups"].get(g)) for g in groups), ""])
        widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
        self.stdout.write(f"{doc['name']} ({doc['employee']}) · {doc['cycle']} · {doc['unit']}")
        self.stdout.write("penilai / raters: " + ", ".join(f"{g} {n}" for g, n in doc["raters"].items())
                          + (f" (tidak ditampilkan / hidden: {doc['hidden_raters']})" if doc["hidden_raters"] else ""))
        for r in [head, *rows]:
            self.stdout.write("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in
                                        enumerate(zip(r, widths))))
        self.stdout.write(f"saran perilaku kerja / suggested rating: {doc['suggestion'] or '—'}")


def _n(value) -> str:
    return "—" if value is None else f"{value:.2f}"
