"""Helpers shared by the chart, XLSX and PDF builders of a wave report (no Django, no database).

A *wave report* is a plain dict (see ``berakhlak/reports/__init__.py``); numbers in it are already
rounded for display (1 decimal). Text shown to people is Bahasa Indonesia: decimal comma, thousands dot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from berakhlak.analytics.likert import VALUE_CODES

__all__ = [
    "VALUE_CODES", "OVERALL_LABEL", "DEFAULT_BANDS", "DASH", "bands_of", "band_of", "band_colour",
    "band_tint", "band_range_text", "band_text", "fmt", "fmt_int", "fmt_signed", "value_name",
    "suppression_text", "scale_text", "date_text", "period_text", "status_text", "min_group", "fmt_num", "method_notes",
]

OVERALL_LABEL = "Indeks BerAKHLAK"
DASH = "—"

#: Used when a report carries no ``bands`` (DESIGN.md "Index method").
DEFAULT_BANDS: tuple[dict, ...] = (
    {"code": "A", "label": "Sehat", "min": 75},
    {"code": "B", "label": "Cukup Sehat", "min": 50},
    {"code": "C", "label": "Tidak Sehat", "min": 0},
)

# Okabe–Ito colours (safe for the common colour-vision deficiencies): bluish green, orange, vermilion.
# Every chart also prints the number and the band letter, so colour is never the only cue.
_BAND_COLOURS = {"A": "#009E73", "B": "#E69F00", "C": "#D55E00"}
_BAND_TINTS = {"A": "#CDEBE2", "B": "#FBE7BF", "C": "#F6D3BF"}
# For other band sets (a fourth band, other codes): by position, from the best band down.
_FALLBACK_COLOURS = ("#009E73", "#E69F00", "#D55E00", "#8E2C1D", "#999999", "#666666")
_FALLBACK_TINTS = ("#CDEBE2", "#FBE7BF", "#F6D3BF", "#E8C5BF", "#E6E6E6", "#D9D9D9")
NO_BAND_COLOUR = "#BDBDBD"
NO_BAND_TINT = "#EEEEEE"


def bands_of(report: Mapping) -> list[dict]:
    """The report's bands, best (highest ``min``) first."""
    bands = report.get("bands") or DEFAULT_BANDS
    return sorted((dict(b) for b in bands), key=lambda b: b["min"], reverse=True)


def band_of(index: float | None, bands: Sequence[Mapping]) -> Mapping | None:
    """The band of an index (``None`` for a missing or suppressed one); ``bands`` best first."""
    if index is None:
        return None
    for band in bands:
        if index >= band["min"]:
            return band
    return bands[-1] if bands else None


def _pick(code: str | None, bands: Sequence[Mapping], fixed: Mapping, fallback: Sequence[str], none: str) -> str:
    if code is None:
        return none
    codes = [b["code"] for b in bands]
    if set(codes) <= set(fixed) and code in fixed:
        return fixed[code]
    position = codes.index(code) if code in codes else len(fallback) - 1
    return fallback[min(position, len(fallback) - 1)]


def band_colour(code: str | None, bands: Sequence[Mapping]) -> str:
    """Strong colour of a band (bars, text): A green, B amber, C red for the default bands."""
    return _pick(code, bands, _BAND_COLOURS, _FALLBACK_COLOURS, NO_BAND_COLOUR)


def band_tint(code: str | None, bands: Sequence[Mapping]) -> str:
    """Light colour of a band (table cell backgrounds)."""
    return _pick(code, bands, _BAND_TINTS, _FALLBACK_TINTS, NO_BAND_TINT)


def band_range_text(band: Mapping, bands: Sequence[Mapping]) -> str:
    """"≥ 75", "50 – < 75", "< 50" for the default bands."""
    i = [b["code"] for b in bands].index(band["code"])
    upper = bands[i - 1]["min"] if i > 0 else None
    low = fmt_num(band["min"])
    if upper is None:
        return f"≥ {low}"
    if band["min"] <= 0:
        return f"< {fmt_num(upper)}"
    return f"{low} – < {fmt_num(upper)}"


def band_text(band: Mapping, bands: Sequence[Mapping]) -> str:
    """"A · Sehat (≥ 75)"."""
    return f"{band['code']} · {band['label']} ({band_range_text(band, bands)})"


def fmt_num(x: float | int) -> str:
    """A threshold without a needless ",0": 75 → "75", 62.5 → "62,5"."""
    return str(int(x)) if float(x).is_integer() else fmt(x)


def fmt(x: float | None, digits: int = 1) -> str:
    """57.9 → "57,9" (decimal comma); ``None`` → "—"."""
    if x is None:
        return DASH
    return f"{x:,.{digits}f}".replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def fmt_signed(x: float | None, digits: int = 1) -> str:
    """Change between waves: "+1,2", "−0,4", "0,0"; ``None`` → "—"."""
    if x is None:
        return DASH
    text = fmt(abs(x), digits)
    if round(x, digits) > 0:
        return "+" + text
    if round(x, digits) < 0:
        return "\u2212" + text
    return text


def fmt_int(n: int | None) -> str:
    """2341 → "2.341"; ``None`` → "—"."""
    if n is None:
        return DASH
    return f"{n:,d}".replace(",", ".")


def value_name(code: str, report: Mapping) -> str:
    return (report.get("value_names") or {}).get(code, code)


def min_group(report: Mapping) -> int:
    return int((report.get("wave") or {}).get("min_group") or 5)


def suppression_text(report: Mapping) -> str:
    """"disembunyikan (< 5 responden)"."""
    return f"disembunyikan (< {min_group(report)} responden)"


def scale_text(report: Mapping) -> str:
    low, high = (report.get("wave") or {}).get("scale") or (1, 5)
    return f"{low}–{high}"


_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember")
_STATUS = {"DRAFT": "Draf", "OPEN": "Berjalan", "CLOSED": "Ditutup", "ARCHIVED": "Diarsipkan"}


def date_text(iso: str | None) -> str:
    """"2022-09-01" → "1 September 2022"; ``None`` → "—"; anything unparseable is returned as is."""
    if not iso:
        return DASH
    try:
        year, month, day = (int(p) for p in str(iso)[:10].split("-"))
        return f"{day} {_MONTHS[month - 1]} {year}"
    except (ValueError, IndexError):
        return str(iso)


def period_text(wave: Mapping) -> str:
    opens, closes = wave.get("opens_on"), wave.get("closes_on")
    if not opens and not closes:
        return DASH
    return f"{date_text(opens)} s.d. {date_text(closes) if closes else 'sekarang'}"


def status_text(status: str | None) -> str:
    return _STATUS.get(str(status or "").upper(), status or DASH)


def method_notes(report: Mapping) -> list[tuple[str, str]]:
    """The method notes of a report (heading, paragraph), Bahasa Indonesia; DESIGN.md "Index method"."""
    bands = bands_of(report)
    threshold = min_group(report)
    band_list = "; ".join(f"{b['code']} {b['label']}: {band_range_text(b, bands)}" for b in bands)
    return [
        ("Rumus indeks nilai",
         "Indeks suatu nilai pada suatu kelompok = 100 × (rata-rata semua jawaban kelompok itu pada butir-butir "
         "nilai tersebut − skor terendah skala) / (skor tertinggi − skor terendah skala). "
         f"Skala gelombang ini {scale_text(report)}. Jawaban kosong tidak dihitung (tidak dianggap nol). "
         "Indeks tiap perilaku dihitung dengan rumus yang sama atas jawaban butir perilaku itu saja."),
        (OVERALL_LABEL,
         "Rata-rata ketujuh indeks nilai (BP, AK, KO, HA, LO, AD, KL). Angka dibulatkan ke satu desimal hanya "
         "untuk tampilan; kategori ditetapkan dari angka sebelum dibulatkan, sehingga 74,96 tetap kategori di "
         "bawah 75 walaupun tampil sebagai 75,0."),
        ("Kelompok unit",
         "Angka suatu unit mencakup semua responden di unit itu dan di seluruh unit di bawahnya, dibobot menurut "
         "jumlah responden (bukan rata-rata dari rata-rata unit turunan). Angka instansi adalah angka unit "
         "tertingginya."),
        ("Kategori", f"{band_list}."),
        ("Penyembunyian kelompok kecil",
         f"Kelompok dengan kurang dari {threshold} responden tidak ditampilkan angkanya (ditulis "
         f"“{suppression_text(report)}”). Bila angka unit induk dan semua unit saudara kecuali satu memungkinkan "
         "angka unit yang disembunyikan dihitung dengan pengurangan, unit saudara terkecil berikutnya ikut "
         "disembunyikan (penyembunyian komplementer), di setiap tingkat. Selama gelombang masih berjalan, jumlah "
         f"responden unit di bawah {threshold} juga disembunyikan."),
        ("Reliabilitas",
         "Cronbach’s α per nilai dihitung hanya bila kelompok memiliki sedikitnya 30 responden yang menjawab "
         "lengkap ketiga butir nilai itu; bila kurang, α tidak dihitung. Korelasi butir-total terkoreksi adalah "
         "korelasi Pearson setiap butir dengan jumlah butir lain pada nilai yang sama. Sebagai pegangan umum, "
         "α ≥ 0,70 lazim dianggap memadai."),
        ("Tingkat respons", "Jumlah responden dibagi jumlah pegawai yang diundang, dikali 100."),
        ("Sumber",
         f"Dibuat oleh platform BerAKHLAK pada {date_text(report.get('generated_on'))} dari hasil indeks yang "
         "tersimpan; laporan ini tidak menghitung ulang angka dan tidak memuat jawaban perorangan."),
    ]


def html_to_pdf(html: str) -> bytes:
    """Print HTML to PDF bytes with WeasyPrint, fetching nothing: only ``data:`` URLs are allowed (charts
    are embedded), and the fonts are the machine's."""
    import weasyprint

    fetcher = weasyprint.URLFetcher(allowed_protocols=["data"])
    return weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
