"""The SKP documents and the predikat recap as plain dicts: what the web pages, the PDFs
(``berakhlak.reports.skp_pdf``), the XLSX (``berakhlak.reports.skp_xlsx``) and the charts
(``berakhlak.reports.skp_charts``) show. No rendering here.

- ``skp_document(view)``: the SKP in the layout of PermenPANRB 6/2022's Lampiran (header, identity of the
  employee and of the Pejabat Penilai Kinerja, Hasil Kerja A. Utama / B. Tambahan, Perilaku Kerja with the
  leader's expectations, Lampiran, signatures).
- ``evaluation_document(view, period, org_result)``: the evaluation of one period ("EVALUASI KINERJA
  PEGAWAI"): capaian kinerja organisasi, pola distribusi, realisation and feedback, the two ratings, the
  predikat and, on the annual evaluation of a functional position, the angka kredit (PermenPANRB 1/2023).
- ``recap_report(agency, year, recap, years_rows, unit_names)``: the annual predikat of each unit with its
  subtree and year over year (the study's "Gambar 2"), for the recap exports.

Choices the regulation leaves open, made here and shown on the documents:

- Realisation on the annual evaluation: every realisation of the year is listed per indicator, labelled
  by its period (the annual one first, if the employee recorded one, then the periodic ones in order):
  the annual rating is a review of the whole year (REGULATIONS.md §3).
- Umpan balik berkelanjutan is recorded per SKP (optionally per period), not per indicator or per value:
  the hasil kerja table shows the period's feedback once, beside all its rows; the perilaku kerja table
  shows the rater's note of the rating. The feedback of a period is the entries tied to it plus the
  entries tied to no period written within its dates; the annual evaluation shows every entry of the year.
- Pangkat / golongan ruang is not stored: shown as "—".

Text is Bahasa Indonesia (the documents are the regulation's Indonesian forms): the builders run under
``translation.override("id")`` so the models' labels come out in Indonesian too. Numbers are formatted
for display ("25,000"), and the raw values are kept beside them where a caller may compute.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone, translation

from berakhlak.performance import rules
from berakhlak.performance.models import (
    Aspect,
    OrgResult,
    Period,
    Predikat,
    Rating,
    ResultKind,
    SkpStatus,
    SkpStyle,
)
from berakhlak.performance.selectors import SkpView, angka_kredit_for

__all__ = ["skp_document", "evaluation_document", "recap_report", "PREDIKAT_LABELS", "DASH"]

DASH = "—"
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember")

#: Short labels of the predikat for charts and tables (the study's "Gambar 2"); "Kurang" stands for
#: "Kurang/Misconduct" (PermenPANRB 6/2022).
PREDIKAT_LABELS: Mapping[str, str] = {
    rules.SANGAT_BAIK: "Sangat Baik", rules.BAIK: "Baik", rules.BUTUH_PERBAIKAN: "Butuh Perbaikan",
    rules.KURANG: "Kurang", rules.SANGAT_KURANG: "Sangat Kurang",
}
LAMPIRAN = (("dukungan_sumber_daya", "Dukungan Sumber Daya"),
            ("skema_pertanggungjawaban", "Skema Pertanggungjawaban"),
            ("konsekuensi", "Konsekuensi"))


# --- small formatting helpers ----------------------------------------------------------------------------

def _date_text(d: date | datetime | None) -> str:
    """"1 Januari 2024"; a datetime is read in the local time zone; ``None`` → ""."""
    if d is None:
        return ""
    if isinstance(d, datetime):
        d = timezone.localtime(d).date() if timezone.is_aware(d) else d.date()
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _range_text(start: date, end: date) -> str:
    if start.year == end.year:
        return f"{start.day} {_MONTHS[start.month - 1]} s.d. {_date_text(end)}"
    return f"{_date_text(start)} s.d. {_date_text(end)}"


def _decimal_text(x: Decimal | float | int | None, digits: int | None = None) -> str:
    """12.50 → "12,5" (or with ``digits``, "12,500"); thousands with a dot; ``None`` → "—"."""
    if x is None:
        return DASH
    d = Decimal(x)
    if digits is None:
        text = f"{d.normalize():,f}" if d != d.to_integral() else f"{int(d):,d}"
    else:
        text = f"{d:,.{digits}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def _label(choices, code: str | None) -> str:
    if not code:
        return DASH
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def _person(employee, position=None, unit=None) -> dict:
    """Name, NIP, rank, position and unit of a person on the form; ``employee`` None gives dashes."""
    if employee is None:
        return {"present": False, "name": DASH, "nip": DASH, "pangkat": DASH, "position": DASH, "unit": DASH}
    position = position if position is not None else employee.position
    unit = unit if unit is not None else employee.unit
    return {"present": True, "name": employee.name, "nip": employee.nip, "pangkat": DASH,
            "position": position.name if position is not None else DASH,
            "unit": unit.name if unit is not None else DASH}


def _penilai(skp) -> dict:
    person = _person(skp.rater)
    person["delegated_from"] = None
    person["note"] = ""
    if skp.rater is None:
        person["note"] = "Tidak ada pejabat penilai kinerja di platform; SDM instansi bertindak sebagai penilai."
    elif skp.rater_delegated_from_id:
        boss = skp.rater_delegated_from
        person["delegated_from"] = {"name": boss.name, "nip": boss.nip}
        person["note"] = f"Atas delegasi dari {boss.name} (NIP {boss.nip})."
    return person


def _annual(view: SkpView) -> Period | None:
    return next((p for p in view.periods if p.is_annual), None)


def _year_range(view: SkpView) -> tuple[date, date]:
    annual = _annual(view)
    year = view.skp.year.year
    return (annual.starts_on, annual.ends_on) if annual else (date(year, 1, 1), date(year, 12, 31))


def _header(view: SkpView) -> dict:
    skp = view.skp
    agency = skp.year.agency
    start, end = _year_range(view)
    draft = skp.status in (SkpStatus.DRAFT, SkpStatus.SUBMITTED, SkpStatus.RETURNED)
    return {
        "agency": {"code": agency.code, "name": agency.name},
        "year": skp.year.year,
        "skp_period": {"starts_on": start.isoformat(), "ends_on": end.isoformat(), "text": _range_text(start, end)},
        "style": {"code": skp.style, "label": _label(SkpStyle, skp.style)},
        "status": {"code": skp.status, "label": _label(SkpStatus, skp.status),
                   "draft": draft,
                   "note": (f"Status SKP: {_label(SkpStatus, skp.status).lower()}; belum disetujui pejabat penilai "
                            "kinerja." if draft else "")},
        "pegawai": _person(skp.employee, skp.position, skp.unit),
        "penilai": _penilai(skp),
        "generated_on": timezone.localdate().isoformat(),
        "generated_text": _date_text(timezone.localdate()),
    }


def _cascade(result) -> dict:
    """The superior's hasil kerja this one supports ("Rencana Hasil Kerja Atasan yang Diintervensi")."""
    if result.supports_id and result.supports is not None:
        owner = result.supports.skp.employee
        return {"text": result.supports.text, "owner": owner.name, "from_skp": True}
    return {"text": result.supports_text or "", "owner": "", "from_skp": False}


def _target_text(indicator) -> str:
    if indicator.target:
        return indicator.target
    if indicator.target_value is not None:
        return f"{_decimal_text(indicator.target_value)} {indicator.target_unit}".strip()
    return DASH


def _sections(view: SkpView, realisation_of=None) -> list[dict]:
    """Hasil kerja A. Utama and B. Tambahan: one row per hasil kerja, its indicators inside (the form
    spans No, Atasan and Rencana over the indicator rows)."""
    sections = []
    for letter, kind in (("A", ResultKind.UTAMA), ("B", ResultKind.TAMBAHAN)):
        rows = []
        for no, result in enumerate((r for r in view.results if r.kind == kind), start=1):
            indicators = []
            for ind in result.indicators.all():
                item = {"id": ind.pk, "aspect": ind.aspect, "aspect_label": _label(Aspect, ind.aspect),
                        "text": ind.text, "target": _target_text(ind),
                        "target_value": ind.target_value, "target_unit": ind.target_unit}
                if realisation_of is not None:
                    item["realisations"] = realisation_of(ind)
                indicators.append(item)
            rows.append({"no": no, "id": result.pk, "atasan": _cascade(result), "rencana": result.text,
                         "indicators": indicators, "span": max(len(indicators), 1)})
        sections.append({"key": kind.value, "letter": letter, "title": f"{letter}. {_label(ResultKind, kind).upper()}",
                         "label": _label(ResultKind, kind), "rows": rows,
                         "span": sum(r["span"] for r in rows)})
    return sections


def _perilaku(view: SkpView) -> list[dict]:
    rows = []
    for no, v in enumerate(view.values, start=1):
        guides = [b.text for b in sorted(v["behaviours"], key=lambda b: b.number)]
        rows.append({"no": no, "code": v["code"], "name": v["name"], "guides": guides,
                     "expectation": v["expectation"] or ""})
    return rows


def _lampiran(skp) -> list[dict]:
    return [{"key": key, "title": title, "text": getattr(skp, key) or ""} for key, title in LAMPIRAN]


def _signatures(view: SkpView, when: date | datetime | None, place: str) -> dict:
    return {
        "place": place or "",
        "date": _date_text(when),
        "pegawai": {"role": "Pegawai yang Dinilai", **_person(view.skp.employee, view.skp.position, view.skp.unit)},
        "penilai": {"role": "Pejabat Penilai Kinerja", **_penilai(view.skp)},
    }


# --- the SKP -------------------------------------------------------------------------------------------

def skp_document(view: SkpView, *, place: str = "") -> dict:
    """The SKP ("SASARAN KINERJA PEGAWAI") of ``view`` as a plain dict::

        {"kind": "SKP", "title", "agency": {"code", "name"}, "year",
         "skp_period": {"starts_on", "ends_on", "text"}, "style": {"code", "label"},
         "status": {"code", "label", "draft", "note"},
         "pegawai": {"present", "name", "nip", "pangkat", "position", "unit"},
         "penilai": {… the same …, "delegated_from": {"name", "nip"} | None, "note"},
         "hasil_kerja": [{"key": "UTAMA" | "TAMBAHAN", "letter", "title", "label", "span",
                          "rows": [{"no", "id", "atasan": {"text", "owner", "from_skp"}, "rencana", "span",
                                    "indicators": [{"id", "aspect", "aspect_label", "text", "target",
                                                    "target_value", "target_unit"}]}]}],
         "perilaku_kerja": [{"no", "code", "name", "guides": [3 texts], "expectation"}],
         "lampiran": [{"key", "title", "text"}],
         "signatures": {"place", "date", "pegawai": {"role", …person}, "penilai": {"role", …person}},
         "generated_on", "generated_text"}

    The signature date is the day the SKP was approved (empty, to be written by hand, before that);
    ``place`` (the city) is not stored and may be passed in."""
    with translation.override("id"):
        skp = view.skp
        doc = {"kind": "SKP", "title": "SASARAN KINERJA PEGAWAI", **_header(view)}
        doc["hasil_kerja"] = _sections(view)
        doc["perilaku_kerja"] = _perilaku(view)
        doc["lampiran"] = _lampiran(skp)
        doc["signatures"] = _signatures(view, skp.approved_at, place)
        return doc


# --- the evaluation of a period ------------------------------------------------------------------------

def _distribution_text(org_result: str | None) -> list[str]:
    """The distribution pattern of SE MenPANRB 3/2023 for the organisation's result, in words."""
    if not org_result or org_result not in rules.DISTRIBUTION:
        return []
    out = []
    for rule in rules.DISTRIBUTION[org_result]:
        names = " dan/atau ".join(str(Predikat(p).label) for p in rule.predikats)
        if rule.kind == "max" and rule.percent == 0:
            out.append(f"tidak ada {names}")
        elif rule.kind == "max":
            out.append(f"paling banyak {rule.percent} % {names}")
        elif rule.kind == "min":
            out.append(f"paling sedikit {rule.percent} % {names}")
        else:
            out.append(f"harus ada {names}")
    return out


def _feedback_for(view: SkpView, period: Period) -> list[dict]:
    entries = []
    for fb in view.feedback:
        if period.is_annual:
            keep = True
        elif fb.period_id is not None:
            keep = fb.period_id == period.pk
        else:
            day = timezone.localtime(fb.at).date() if timezone.is_aware(fb.at) else fb.at.date()
            keep = period.starts_on <= day <= period.ends_on
        if keep:
            by_rater = fb.author_id is not None and fb.author_id == view.skp.rater_id
            by_employee = fb.author_id is not None and fb.author_id == view.skp.employee_id
            role = "Pejabat penilai" if by_rater else "Pegawai" if by_employee else ""
            about = ""
            if fb.indicator_id and fb.indicator is not None:
                about = f"Hasil kerja: {fb.indicator.text}"
            elif fb.value_code:
                about = "Perilaku kerja: " + next((v["name"] for v in view.values if v["code"] == fb.value_code),
                                                  fb.value_code)
            entries.append({"author": fb.author_name, "role": role, "date": _date_text(fb.at), "text": fb.text,
                            "period": fb.period.label_id if fb.period_id and fb.period else "", "about": about})
    return entries


def _realisation_dict(real, period: Period, labelled: bool, unit: str) -> dict:
    evidence = []
    for ev in real.evidence.all():
        name = ev.filename or (ev.file.name.rsplit("/", 1)[-1] if ev.file else "") or ev.link
        evidence.append({"name": name, "link": ev.link, "note": ev.note, "is_file": bool(ev.file)})
    value = None if real.value is None else f"{_decimal_text(real.value)} {unit}".strip()
    return {"period": period.label_id if labelled else "", "period_code": period.code, "text": real.text,
            "value": real.value, "value_text": value or "", "evidence": evidence}


def _rating(evaluation) -> dict:
    if evaluation is None:
        return {"rated": False, "hasil_kerja": {"code": None, "label": "Belum dinilai"},
                "perilaku_kerja": {"code": None, "label": "Belum dinilai"},
                "predikat": {"code": None, "label": "Belum dinilai"}, "hasil_from_org": False, "note": "",
                "rated_by": "", "rated_on": "", "is_final": False, "source": ""}
    return {
        "rated": True,
        "hasil_kerja": {"code": evaluation.rating_hasil_kerja, "label": _label(Rating, evaluation.rating_hasil_kerja)},
        "perilaku_kerja": {"code": evaluation.rating_perilaku_kerja,
                           "label": _label(Rating, evaluation.rating_perilaku_kerja)},
        "predikat": {"code": evaluation.predikat, "label": _label(Predikat, evaluation.predikat)},
        "hasil_from_org": evaluation.hasil_from_org,
        "note": evaluation.note or "",
        "rated_by": evaluation.rated_by.name if evaluation.rated_by_id and evaluation.rated_by else "",
        "rated_on": _date_text(evaluation.rated_at),
        "is_final": evaluation.is_final,
        "source": evaluation.source,
    }


def evaluation_document(view: SkpView, period: Period, org_result: str | None, *, place: str = "") -> dict:
    """The evaluation ("EVALUASI KINERJA PEGAWAI") of ``view``'s SKP for ``period`` as a plain dict: every key
    of ``skp_document`` (with ``kind`` "EVALUASI"), and::

        "period": {"code", "label" ("Triwulan I", "Tahunan 2024"), "dates", "is_annual"},
        "org_result": {"code" | None, "label" ("Baik", or "Belum ditetapkan")},
        "distribution": {"title", "rules": [texts]},
        hasil_kerja rows' indicators gain "realisations": [{"period", "period_code", "text", "value",
                                                            "value_text", "evidence": [{"name", "link",
                                                            "note", "is_file"}]}],
        "realisation_note": how the realisations were chosen,
        "feedback": [{"author", "role", "date", "text", "period", "about"}],
        "rating": {"rated", "hasil_kerja": {"code", "label"}, "perilaku_kerja": {…}, "predikat": {…},
                   "hasil_from_org", "note", "rated_by", "rated_on", "is_final", "source"},
        "angka_kredit": None | {"jenjang", "coefficient", "percent", "value" (Decimal), "text" ("25,000"),
                                "coefficient_text", "line"}

    ``org_result`` is the code of the capaian kinerja organisasi of the employee's unit for the period (or
    ``None`` when not set). The signature date is the day of the rating."""
    if period.year_id != view.skp.year_id:
        raise ValueError("period of another SKP year")
    with translation.override("id"):
        skp = view.skp
        doc = {"kind": "EVALUASI", "title": "EVALUASI KINERJA PEGAWAI", **_header(view)}
        doc["period"] = {"code": period.code, "label": period.label_id, "is_annual": period.is_annual,
                         "dates": _range_text(period.starts_on, period.ends_on),
                         "starts_on": period.starts_on.isoformat(), "ends_on": period.ends_on.isoformat()}
        doc["org_result"] = {"code": org_result, "label": _label(OrgResult, org_result) if org_result
                             else "Belum ditetapkan"}
        doc["distribution"] = {
            "title": (f"Kurva distribusi predikat kinerja pegawai untuk capaian organisasi "
                      f"{_label(OrgResult, org_result)}") if org_result else "Belum ditetapkan",
            "rules": _distribution_text(org_result)}

        periods = {p.pk: p for p in view.periods}
        if period.is_annual:
            # the annual one (if recorded) first, then every periodic one in order: a review of the year
            order = [period] + [p for p in view.periods if not p.is_annual]
            doc["realisation_note"] = ("Evaluasi tahunan: semua realisasi tahun ini ditampilkan per periode, "
                                       "sebagai bahan tinjauan atas seluruh tahun.")
        else:
            order = [period]
            doc["realisation_note"] = ""

        def realisation_of(ind) -> list[dict]:
            out = []
            for p in order:
                real = view.realisations.get((ind.pk, p.pk))
                if real is not None:
                    out.append(_realisation_dict(real, periods.get(p.pk, p), period.is_annual, ind.target_unit))
            return out

        doc["hasil_kerja"] = _sections(view, realisation_of)
        doc["perilaku_kerja"] = _perilaku(view)
        doc["lampiran"] = _lampiran(skp)
        doc["feedback"] = _feedback_for(view, period)
        evaluation = view.evaluations.get(period.pk)
        doc["rating"] = _rating(evaluation)
        doc["angka_kredit"] = None
        if evaluation is not None and period.is_annual:
            evaluation.period = period  # the same row: saves a query
            credit = angka_kredit_for(evaluation, skp.position)
            if credit is not None:
                percent, coefficient, value = credit["percent"], credit["coefficient"], credit["value"]
                text = _decimal_text(value, 3)
                doc["angka_kredit"] = {
                    **credit, "text": text, "coefficient_text": _decimal_text(coefficient, 3),
                    "line": (f"{percent} % × {_decimal_text(coefficient, 3)} = {text} (predikat "
                             f"{_label(Predikat, evaluation.predikat)}, koefisien tahunan {credit['jenjang']}; "
                             "PermenPANRB 1/2023)"),
                }
        doc["signatures"] = _signatures(view, evaluation.rated_at if evaluation else None, place)
        return doc


# --- the recap of predikat (Gambar 2) ------------------------------------------------------------------

def _shares(counts: Mapping[str, int], total: int) -> dict[str, float | None]:
    return {p: (round(100 * counts.get(p, 0) / total, 1) if total else None) for p in rules.PREDIKATS}


def _counts(row: Mapping) -> dict[str, int]:
    given = row.get("predikat") or row.get("counts") or {}
    return {p: int(given.get(p, 0) or 0) for p in rules.PREDIKATS}


def _top_rows(units: list[dict]) -> list[dict]:
    """The rows no other listed row contains (by path when given; else the first row, the top of a
    tree-ordered list)."""
    if not units:
        return []
    if all(u.get("path") for u in units):
        paths = [u["path"] for u in units]
        return [u for u in units if not any(u["path"] != p and u["path"].startswith(p) for p in paths)]
    return units[:1]


def recap_report(agency, year: int, recap_dict: Mapping, years_rows: Sequence[Mapping] | None,
                 unit_names: Mapping[str, object] | None, *, years_unit: str = "") -> dict:
    """The recap of annual predikat for the exports (XLSX, charts), as a plain dict::

        {"title", "agency": {"code", "name"}, "year", "generated_on", "generated_text",
         "predikats": [{"code", "label", "long_label"}],            # rules.PREDIKATS order
         "units": [{"code", "name", "depth", "level", "indented_name", "employees",
                    "counts": {PREDIKAT: n}, "shares": {PREDIKAT: % | None}}],
         "summary": {"label", "units": [codes], "employees", "counts", "shares"},
         "years": [{"year", "employees", "counts", "shares"}], "years_unit",
         "notes": [(heading, text)]}

    ``agency``: an ``Agency`` or a ``{"code", "name"}`` dict; ``recap_dict``: ``selectors.recap`` (units in
    tree order); ``years_rows``: ``selectors.recap_years``; ``unit_names``: unit code → name, or → a dict
    with "name" and optionally "depth" and "path" (``selectors.recap_units_meta`` gives name and depth).
    ``level`` is the depth relative to the shallowest listed unit. The summary (the chart) is the sum over
    the listed units no other listed unit contains (by "path" when given, else the first, tree-ordered
    row): for a whole agency, its root."""
    with translation.override("id"):
        code = agency.get("code") if isinstance(agency, Mapping) else agency.code
        name = agency.get("name") if isinstance(agency, Mapping) else agency.name
        names = unit_names or {}
        units = []
        for row in recap_dict.get("units") or []:
            meta = names.get(row["unit"])
            meta = meta if isinstance(meta, Mapping) else {"name": meta} if meta else {}
            counts = _counts(row)
            employees = int(row.get("employees") if row.get("employees") is not None else sum(counts.values()))
            units.append({"code": row["unit"], "name": meta.get("name") or row["unit"],
                          "depth": meta.get("depth"), "path": meta.get("path") or "",
                          "employees": employees, "counts": counts, "shares": _shares(counts, employees)})
        depths = [u["depth"] for u in units if u["depth"] is not None]
        low = min(depths) if depths else 0
        for u in units:
            u["level"] = (u["depth"] - low) if u["depth"] is not None else 0
            u["indented_name"] = "    " * u["level"] + u["name"]
        tops = _top_rows(units)
        total = {p: sum(u["counts"][p] for u in tops) for p in rules.PREDIKATS}
        employees = sum(u["employees"] for u in tops)
        summary_label = tops[0]["name"] if len(tops) == 1 else f"{len(tops)} unit" if tops else name
        years = []
        for row in years_rows or []:
            counts = _counts(row)
            n = int(row.get("employees") if row.get("employees") is not None else sum(counts.values()))
            years.append({"year": int(row["year"]), "employees": n, "counts": counts, "shares": _shares(counts, n)})
        today = timezone.localdate()
        return {
            "title": f"Rekapitulasi Predikat Kinerja Pegawai Tahun {year}",
            "agency": {"code": code, "name": name},
            "year": int(year),
            "generated_on": today.isoformat(),
            "generated_text": _date_text(today),
            "predikats": [{"code": p, "label": PREDIKAT_LABELS[p], "long_label": _label(Predikat, p)}
                          for p in rules.PREDIKATS],
            "units": units,
            "summary": {"label": summary_label, "units": [u["code"] for u in tops], "employees": employees,
                        "counts": total, "shares": _shares(total, employees)},
            "years": years,
            "years_unit": years_unit or (tops[0]["name"] if len(tops) == 1 else name),
            "notes": _recap_notes(int(year)),
        }


def _recap_notes(year: int) -> list[tuple[str, str]]:
    return [
        ("Predikat yang dihitung",
         f"Hanya predikat kinerja tahunan (periode Tahunan {year}); predikat periodik (bulanan atau triwulanan) "
         "tidak dihitung. Setiap pegawai dihitung sekali, dengan predikat dari matriks (kuadran) rating hasil "
         "kerja × rating perilaku kerja, PermenPANRB 6/2022."),
        ("Unit dan unit di bawahnya",
         "Angka setiap unit mencakup pegawai di unit itu dan di seluruh unit di bawahnya. Baris unit induk "
         "sudah memuat unit turunannya: jangan menjumlahkan baris-baris yang bertingkat."),
        ("Unit saat dinilai",
         "Pegawai dihitung pada unit tempatnya berada saat dinilai, sehingga rekap tahun lalu tidak berubah "
         "karena mutasi sesudahnya."),
        ("Persentase", "Jumlah pegawai dengan predikat itu dibagi jumlah pegawai yang dinilai di unit itu, "
                       "dikali 100; ditulis “—” bila belum ada pegawai yang dinilai."),
        ("Kurang", "Kolom “Kurang” memuat predikat Kurang/Misconduct."),
        ("Sumber",
         "Penilaian kinerja di platform BerAKHLAK dan penilaian yang diimpor dari e-Kinerja. Dasar: PermenPANRB "
         "6/2022 (predikat kinerja), SE MenPANRB 3/2023 (pola distribusi menurut capaian organisasi). Bentuk "
         "rekap mengikuti “Gambar 2. Rekapitulasi Kinerja pegawai ASN” dalam kajian penerapan BerAKHLAK di BKN."),
    ]
