"""Wave-report fixtures: a full sample (BKN-like, six child units, two of them suppressed) and a
degenerate one (suppressed unit, no children, one wave, no reliability, no behaviours)."""

import copy

import pytest

VALUE_NAMES = {
    "BP": "Berorientasi Pelayanan", "AK": "Akuntabel", "KO": "Kompeten", "HA": "Harmonis",
    "LO": "Loyal", "AD": "Adaptif", "KL": "Kolaboratif",
}
BANDS = [
    {"code": "A", "label": "Sehat", "min": 75},
    {"code": "B", "label": "Cukup Sehat", "min": 50},
    {"code": "C", "label": "Tidak Sehat", "min": 0},
]
NONE7 = dict.fromkeys(VALUE_NAMES)


def _cat(x):
    return None if x is None else ("A" if x >= 75 else "B" if x >= 50 else "C")


def entry(unit, respondents, values, overall, name=None):
    row = {"unit": unit, "respondents": respondents, "suppressed": False, "values": values, "overall": overall,
           "categories": {k: _cat(v) for k, v in values.items()}, "overall_category": _cat(overall)}
    if name:
        row["name"] = name
    return row


def hidden(unit, name=None):
    row = {"unit": unit, "respondents": None, "suppressed": True, "values": dict(NONE7), "overall": None,
           "categories": dict(NONE7), "overall_category": None}
    if name:
        row["name"] = name
    return row


SAMPLE = {
    "agency": {"code": "BKN", "name": "Badan Kepegawaian Negara"},
    "wave": {"code": "2023", "title": "Survei Budaya Kerja 2023", "scale": [1, 5], "min_group": 5,
             "opens_on": "2023-09-01", "closes_on": "2023-09-30", "status": "CLOSED"},
    "unit": {"code": "ROOT", "name": "Badan Kepegawaian Negara"},
    "generated_on": "2026-11-23",
    "value_names": VALUE_NAMES,
    "summary": entry("ROOT", 2341,
                     {"BP": 57.9, "AK": 76.5, "KO": 56.7, "HA": 63.8, "LO": 65.8, "AD": 38.9, "KL": 69.4}, 61.3),
    "children": [
        entry("SETTAMA", 412, {"BP": 62.1, "AK": 79.3, "KO": 60.2, "HA": 66.0, "LO": 70.4, "AD": 44.5, "KL": 72.8},
              65.0, "Sekretariat Utama"),
        entry("DEP-MK", 388, {"BP": 55.4, "AK": 75.0, "KO": 54.1, "HA": 61.9, "LO": 63.2, "AD": 35.7, "KL": 67.5},
              59.0, "Deputi Bidang Pembinaan Manajemen Kepegawaian"),
        entry("DEP-MUT", 465, {"BP": 56.8, "AK": 74.9, "KO": 55.0, "HA": 62.7, "LO": 64.1, "AD": 37.2, "KL": 68.8},
              59.9, "Deputi Bidang Mutasi Kepegawaian"),
        entry("DEP-SIK", 530, {"BP": 60.3, "AK": 77.8, "KO": 59.6, "HA": 65.2, "LO": 67.9, "AD": 49.9, "KL": 71.1},
              64.5, "Deputi Bidang Sistem Informasi Kepegawaian"),
        entry("DEP-WASDAL", 298, {"BP": 52.6, "AK": 73.0, "KO": 51.8, "HA": 60.4, "LO": 62.0, "AD": 30.1,
                                  "KL": 66.3}, 56.6, "Deputi Bidang Pengawasan dan Pengendalian Manajemen ASN"),
        hidden("INSP", "Inspektorat"),
        hidden("PUSBANG", "Pusat Pengembangan ASN"),
    ],
    "behaviours": {
        "strongest": [
            {"code": "AK3", "value": "AK", "text": "Tidak menyalahgunakan kewenangan jabatan", "index": 81.4},
            {"code": "AK1", "value": "AK",
             "text": "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
             "index": 78.2},
            {"code": "KL2", "value": "KL", "text": "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
             "index": 72.5},
        ],
        "weakest": [
            {"code": "AD2", "value": "AD", "text": "Terus berinovasi dan mengembangkan kreativitas", "index": 35.1},
            {"code": "AD3", "value": "AD", "text": "Bertindak proaktif", "index": 38.6},
            {"code": "KO2", "value": "KO", "text": "Membantu orang lain belajar", "index": 52.3},
        ],
    },
    "reliability": [
        {"value": "BP", "alpha": 0.81, "item_total": {"BP1": 0.62, "BP2": 0.58, "BP3": 0.66}},
        {"value": "AK", "alpha": 0.84, "item_total": {"AK1": 0.70, "AK2": 0.66, "AK3": 0.69}},
        {"value": "KO", "alpha": 0.77, "item_total": {"KO1": 0.59, "KO2": 0.55, "KO3": 0.61}},
        {"value": "HA", "alpha": 0.79, "item_total": {"HA1": 0.60, "HA2": 0.63, "HA3": 0.62}},
        {"value": "LO", "alpha": 0.74, "item_total": {"LO1": 0.52, "LO2": 0.58, "LO3": 0.55}},
        {"value": "AD", "alpha": 0.86, "item_total": {"AD1": 0.72, "AD2": 0.74, "AD3": 0.71}},
        {"value": "KL", "alpha": None, "item_total": None},
    ],
    "trend": [
        {"wave": "2021", "values": {"BP": 55.2, "AK": 73.0, "KO": 54.4, "HA": 62.0, "LO": 64.9, "AD": 35.0,
                                    "KL": 66.1}, "overall": 58.7},
        {"wave": "2022", "values": {"BP": 57.9, "AK": 74.1, "KO": 56.7, "HA": 63.8, "LO": 65.8, "AD": 38.9,
                                    "KL": 69.4}, "overall": 60.9},
        {"wave": "2023", "values": {"BP": 57.9, "AK": 76.5, "KO": 56.7, "HA": 63.8, "LO": 65.8, "AD": 38.9,
                                    "KL": 69.4}, "overall": 61.3},
    ],
    "response": {"invited": 2400, "responded": 2341, "rate": 97.5},
    "engagement": {"index": 71.3, "category": "B"},
    "branding": {"index": 68.0, "category": "B"},
    "bands": BANDS,
}

DEGENERATE = {
    "agency": {"code": "KECIL", "name": "Lembaga Kecil"},
    "wave": {"code": "2024", "title": "Survei Budaya Kerja 2024", "scale": [1, 4], "min_group": 5,
             "opens_on": "2024-03-01", "closes_on": None, "status": "OPEN"},
    "unit": {"code": "BIRO-X", "name": "Biro Umum"},
    "generated_on": "2026-11-23",
    "value_names": VALUE_NAMES,
    "summary": hidden("BIRO-X"),
    "children": [],
    "behaviours": {"strongest": [], "weakest": []},
    "reliability": [],
    "trend": [{"wave": "2024", "values": dict(NONE7), "overall": None}],
    "response": {"invited": 12, "responded": None, "rate": None},
    "engagement": None,
    "branding": None,
    "bands": BANDS,
}


@pytest.fixture
def sample_report():
    return copy.deepcopy(SAMPLE)


@pytest.fixture
def degenerate_report():
    return copy.deepcopy(DEGENERATE)


@pytest.fixture(params=["sample", "degenerate"])
def any_report(request):
    return copy.deepcopy(SAMPLE if request.param == "sample" else DEGENERATE)
