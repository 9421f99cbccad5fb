"""The demo agency's SKP cycle 2023 (PermenPANRB 6/2022), plus the 2022 annual ratings for a comparison.

What is loaded, once (a second run finds the 2023 SKPs and returns at once):

- **2023, quarterly** (``services.year_setup``): every active employee gets an SKP with 1–3 hasil kerja
  utama (heads 2–3) and sometimes a tambahan, worded by position and unit (templates below), 1–2
  indicators each with aspect and target, the Lampiran texts, the leader's ekspektasi khusus for some
  values, a realisation per indicator and quarter (some with a link as bukti dukung), some feedback,
  quarterly ratings and the annual rating. Cascade: each hasil kerja utama supports a hasil kerja utama
  of the rater's SKP; the agency head's support the agency's strategic goals (text). The rater is
  ``rules.rater_for`` over an in-memory map of the agency's employees (what ``services.rater_resolve``
  does one query per level).
- **Capaian kinerja organisasi** for every unit and period. Documented choice: the agency (root) is
  Baik; about 40 % of the other units Istimewa, the rest Baik; one small leaf unit (the smallest leaf
  outside the demo head's subtree) Butuh Perbaikan, to show that case. A quarter differs from the year
  now and then. Heads receive their unit's result as their rating of hasil kerja
  (``rules.head_hasil_kerja``) in every period.
- **Predikat**: the annual recap of the root reproduces the study (seed 000, "Gambar 2", BKN 2023):
  1,896 Baik and 445 Sangat Baik; the study calls the lower three "very small", the demo takes 54
  (34 Butuh Perbaikan, 14 Kurang/Misconduct, 6 Sangat Kurang), so 2,395 are rated and five SKPs are
  still open. Istimewa units get more Sangat Baik (about 30 %), Baik units fewer (about 13 %), the Butuh
  Perbaikan unit more of the lower predikat; a head gets a predikat their rating of hasil kerja allows;
  the two ratings are drawn from the kuadran cells of each predikat. Everything is seeded.
- **Finalisation** of every unit for the year, deepest first, by HR. The study's own figures (79 % Baik
  overall) cannot meet the rule for a Baik unit (at most 70 % Baik, and some Butuh Perbaikan or Kurang),
  so most Baik units break it: each such Finalisation keeps the breaches and an override reason, as
  ``services.unit_finalise`` would require; Istimewa units meet their rule.
- **2022**: the year is opened (quarterly) with annual ratings only, imported as final from e-Kinerja
  (``source=IMPORT``, no SKP), for the employees appointed before 2023, with the units' 2022 results.
- **A few SKPs mid-workflow**, through the real services and acting as the real users, all in the demo
  head's subtree: the demo employee's SKP approved by their rater with realisations, bukti dukung links,
  feedback and three quarterly ratings; in the demo head's own unit one DRAFT, one SUBMITTED waiting for
  the head's approval, one RETURNED with a reason, one APPROVED rated every quarter but not yet for the
  year, and one EVALUATED (rated for the year after the unit was finalised, so not final). People who act
  in them and have no login get an account without a usable password (as ``accounts provision`` does).

The ~75,000 bulk rows are written set-based (``insert_rows``: one ``COPY`` or one prepared INSERT per
table and layer, ``INSERT … SELECT`` for the expectations, ``bulk_create`` for the small tables, a few
UPDATEs), in one transaction, with one audit row ``demo.performance`` carrying the counts; the few
showcase SKPs leave the services' own audit rows. About 3 s on SQLite.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from berakhlak.accounts.models import Role, User
from berakhlak.accounts.services import user_create_for_employee
from berakhlak.audit.services import audit_record
from berakhlak.framework.models import CoreValue
from berakhlak.org.models import Agency, Employee, Unit
from berakhlak.performance import rules
from berakhlak.performance import services as perf
from berakhlak.performance.models import (
    BehaviourExpectation,
    Evaluation,
    Evidence,
    Feedback,
    Finalisation,
    Indicator,
    OrgPerformance,
    PerformanceYear,
    Period,
    Realisation,
    ResultKind,
    Skp,
    SkpStatus,
    SkpStyle,
    Source,
    WorkResult,
)

YEAR, PREVIOUS_YEAR = 2023, 2022
SB, BAIK, BP, KURANG, SK = rules.SANGAT_BAIK, rules.BAIK, rules.BUTUH_PERBAIKAN, rules.KURANG, rules.SANGAT_KURANG
ISTIMEWA = rules.ISTIMEWA
DIATAS, SESUAI, DIBAWAH = rules.DIATAS, rules.SESUAI, rules.DIBAWAH
QUARTERS = ("TW1", "TW2", "TW3", "TW4")

#: The study's 2023 recap (seed 000, Gambar 2) with the demo's choice for the "very small" lower three.
STUDY_2023 = {SB: 445, BAIK: 1896, BP: 34, KURANG: 14, SK: 6}
#: 2022 (not in the study): shares of a slightly weaker year, scaled to the employees of 2022.
SHARES_2022 = {SB: 160, BAIK: 805, BP: 21, KURANG: 9, SK: 5}
#: How a unit's result moves its share of Sangat Baik and of the lower three (relative weights).
SB_WEIGHT = {ISTIMEWA: 0.27, BAIK: 0.13, BP: 0.02, KURANG: 0.0, SK: 0.0}
LOW_WEIGHT = {ISTIMEWA: 0.35, BAIK: 1.0, BP: 8.0, KURANG: 10.0, SK: 12.0}
ISTIMEWA_SHARE = 0.4

LABELS = {SB: "Sangat Baik", BAIK: "Baik", BP: "Butuh Perbaikan", KURANG: "Kurang/Misconduct", SK: "Sangat Kurang"}
AGENCY_GOAL = "Sasaran strategis Renstra BKN 2020–2024: meningkatnya kualitas manajemen ASN berbasis sistem merit"


def _tz(d: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(hour, 0)))


_CENT = Decimal("0.01")


class DbValues:
    """Values in the form the database layer stores them, for ``insert_rows`` (which bypasses the fields'
    conversions); datetimes are memoised (the cycle uses a few hundred distinct ones)."""

    def __init__(self):
        self.ops = connection.ops
        self._at: dict[tuple[date, int], object] = {}

    def at(self, day: date, hour: int = 9) -> object:
        key = (day, hour)
        if key not in self._at:
            self._at[key] = self.ops.adapt_datetimefield_value(_tz(day, hour))
        return self._at[key]

    def decimal(self, value) -> object:
        return self.ops.adapt_decimalfield_value(Decimal(str(value)).quantize(_CENT), 14, 2)


def insert_rows(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """The set-based write of the demo's bulk rows: ``COPY … FROM STDIN`` on PostgreSQL, one prepared INSERT
    run for every row (``executemany``) elsewhere. ``bulk_create`` builds and converts a model object per
    row, which for the ~60,000 rows of the cycle cost several seconds; here the values are already in
    database form (``DbValues``) and every column is given (``fields`` in the order of each row, foreign
    keys as ids)."""
    if not rows:
        return
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    columns = ", ".join(qn(model._meta.get_field(f).column) for f in fields)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with cur.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cur.executemany(f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})", rows)


# --- texts ---------------------------------------------------------------------------------------------
# A template: (rencana hasil kerja, ((aspek, indikator, target, satuan), …)). ``{bidang}`` is the unit's field
# of work ("pengolahan data dan penyajian informasi kepegawaian"), ``{unit}`` its name.

HEAD_TEMPLATES = {
    "AGENCY": (
        ("Meningkatnya penerapan sistem merit dalam manajemen ASN nasional",
         (("KUALITAS", "Persentase instansi pemerintah dengan penerapan sistem merit kategori baik ke atas",
           60, "%"),)),
        ("Terwujudnya layanan kepegawaian yang cepat, akurat, dan terintegrasi",
         (("WAKTU", "Persentase layanan kepegawaian yang selesai sesuai standar waktu", 95, "%"),
          ("KUALITAS", "Indeks kepuasan pengguna layanan BKN", 3.6, "skala 4"))),
        ("Meningkatnya akuntabilitas kinerja dan keuangan BKN",
         (("KUALITAS", "Nilai evaluasi SAKIP BKN", 82, "poin"),
          ("BIAYA", "Persentase realisasi anggaran BKN", 96, "%"))),
    ),
    "JPT": (
        ("Meningkatnya kualitas layanan {bidang}",
         (("KUALITAS", "Indeks kepuasan pengguna layanan {bidang}", 3.5, "skala 4"),
          ("WAKTU", "Persentase layanan {bidang} yang selesai sesuai standar waktu", 95, "%"))),
        ("Terwujudnya tata kelola {unit} yang akuntabel",
         (("KUALITAS", "Nilai evaluasi SAKIP {unit}", 80, "poin"),
          ("BIAYA", "Persentase realisasi anggaran {unit}", 95, "%"))),
        ("Tersusunnya kebijakan dan standar {bidang} yang implementatif",
         (("KUANTITAS", "Jumlah rancangan kebijakan {bidang} yang ditetapkan", 4, "dokumen"),)),
    ),
    "ADMINISTRATOR": (
        ("Terlaksananya program kerja {unit} sesuai rencana",
         (("KUANTITAS", "Persentase kegiatan {unit} yang terlaksana", 100, "%"),
          ("BIAYA", "Persentase penyerapan anggaran {unit}", 95, "%"))),
        ("Tersusunnya rekomendasi kebijakan {bidang}",
         (("KUANTITAS", "Jumlah rekomendasi kebijakan {bidang} yang disampaikan kepada pimpinan", 6, "rekomendasi"),)),
        ("Meningkatnya ketepatan waktu layanan {bidang}",
         (("WAKTU", "Rata-rata waktu penyelesaian layanan {bidang}", 5, "hari kerja"),)),
    ),
    "PENGAWAS": (
        ("Terselenggaranya kegiatan {bidang} tepat waktu",
         (("WAKTU", "Persentase kegiatan {bidang} yang selesai sesuai jadwal", 100, "%"),)),
        ("Tersedianya laporan pelaksanaan kegiatan {bidang}",
         (("KUANTITAS", "Jumlah laporan kegiatan {bidang} yang disampaikan", 12, "laporan"),)),
        ("Terkendalinya mutu hasil kerja tim {unit}",
         (("KUALITAS", "Persentase hasil kerja tim yang diterima tanpa revisi mayor", 90, "%"),)),
    ),
}

STAFF_TEMPLATES = {
    "kepegawaian": (
        ("Tersusunnya hasil analisis {bidang}",
         (("KUANTITAS", "Jumlah dokumen hasil analisis {bidang}", 8, "dokumen"),
          ("KUALITAS", "Persentase dokumen analisis yang diterima atasan tanpa revisi mayor", 90, "%"))),
        ("Terselesaikannya verifikasi usul layanan {bidang}",
         (("KUANTITAS", "Jumlah usul layanan yang diverifikasi", 240, "usul"),
          ("WAKTU", "Rata-rata waktu verifikasi satu usul", 3, "hari kerja"))),
        ("Tersusunnya bahan rekomendasi teknis {bidang}",
         (("KUANTITAS", "Jumlah bahan rekomendasi teknis yang disampaikan", 6, "dokumen"),)),
        ("Terlaksananya pembinaan teknis {bidang} kepada instansi pemerintah",
         (("KUANTITAS", "Jumlah instansi yang mendapat pembinaan teknis", 10, "instansi"),)),
    ),
    "sdm": (
        ("Tersusunnya analisis kebutuhan pengembangan kompetensi pegawai",
         (("KUANTITAS", "Jumlah dokumen analisis kebutuhan pengembangan kompetensi", 4, "dokumen"),)),
        ("Tersusunnya profil talenta pegawai {unit}",
         (("KUANTITAS", "Jumlah profil talenta yang dimutakhirkan", 150, "profil"),
          ("KUALITAS", "Persentase profil talenta yang lengkap dan valid", 95, "%"))),
        ("Terlaksananya evaluasi jabatan dan beban kerja",
         (("KUANTITAS", "Jumlah jabatan yang dievaluasi", 40, "jabatan"),)),
    ),
    "komputer": (
        ("Terpeliharanya aplikasi dan basis data yang dikelola {unit}",
         (("KUALITAS", "Persentase ketersediaan layanan aplikasi (uptime)", 99, "%"),)),
        ("Terselesaikannya pengembangan modul aplikasi layanan {bidang}",
         (("KUANTITAS", "Jumlah modul aplikasi yang selesai diuji", 4, "modul"),)),
        ("Tertanganinya permintaan dukungan teknis pengguna",
         (("KUANTITAS", "Jumlah tiket dukungan yang diselesaikan", 150, "tiket"),
          ("WAKTU", "Rata-rata waktu penyelesaian tiket dukungan", 2, "hari kerja"))),
    ),
    "kebijakan": (
        ("Tersusunnya kajian kebijakan {bidang}",
         (("KUANTITAS", "Jumlah naskah kajian atau policy brief", 3, "naskah"),
          ("KUALITAS", "Nilai kualitas kajian oleh tim penilai", 80, "poin"))),
        ("Tersusunnya rekomendasi kebijakan berbasis bukti",
         (("KUANTITAS", "Jumlah rekomendasi kebijakan yang disampaikan kepada pimpinan", 4, "rekomendasi"),)),
        ("Terlaksananya monitoring dan evaluasi implementasi kebijakan {bidang}",
         (("KUANTITAS", "Jumlah laporan monitoring dan evaluasi", 4, "laporan"),)),
    ),
    "arsip": (
        ("Terkelolanya arsip dinamis {unit}",
         (("KUANTITAS", "Jumlah berkas arsip yang diolah dan dideskripsikan", 1500, "berkas"),)),
        ("Terlaksananya alih media arsip kepegawaian",
         (("KUANTITAS", "Jumlah berkas yang dialihmediakan", 2000, "berkas"),
          ("KUALITAS", "Persentase hasil pindai yang lolos kendali mutu", 98, "%"))),
        ("Terlayaninya permintaan arsip",
         (("WAKTU", "Rata-rata waktu penemuan kembali arsip", 1, "hari kerja"),)),
    ),
    "data": (
        ("Termutakhirkannya data kepegawaian lingkup {unit}",
         (("KUANTITAS", "Jumlah rekam data yang dimutakhirkan", 3000, "rekam data"),
          ("KUALITAS", "Persentase data valid setelah verifikasi", 98, "%"))),
        ("Tersajikannya rekapitulasi data layanan {unit}",
         (("KUANTITAS", "Jumlah rekapitulasi data bulanan", 12, "rekap"),)),
        ("Terlaksananya validasi data usul layanan",
         (("KUANTITAS", "Jumlah usul yang datanya divalidasi", 400, "usul"),)),
    ),
    "statistik": (
        ("Tersusunnya statistik ASN bidang {bidang}",
         (("KUANTITAS", "Jumlah publikasi atau tabel statistik", 4, "publikasi"),)),
        ("Terlaksananya pengolahan dan analisis data statistik kepegawaian",
         (("KUALITAS", "Persentase tabel yang lolos pemeriksaan konsistensi", 98, "%"),)),
    ),
    "asesor": (
        ("Terlaksananya penilaian kompetensi ASN",
         (("KUANTITAS", "Jumlah peserta yang dinilai", 120, "orang"),
          ("WAKTU", "Waktu penyelesaian laporan setelah asesmen", 10, "hari kerja"))),
        ("Tersusunnya laporan hasil penilaian kompetensi",
         (("KUALITAS", "Persentase laporan yang lolos kendali mutu", 95, "%"),)),
        ("Terkembangkannya alat ukur penilaian kompetensi",
         (("KUANTITAS", "Jumlah alat ukur yang divalidasi", 2, "alat ukur"),)),
    ),
    "audit": (
        ("Terlaksananya penugasan audit sesuai Program Kerja Pengawasan Tahunan",
         (("KUANTITAS", "Jumlah penugasan audit yang diselesaikan", 6, "penugasan"),)),
        ("Tersusunnya laporan hasil audit",
         (("WAKTU", "Waktu penerbitan laporan hasil audit setelah penugasan", 14, "hari kerja"),)),
        ("Terpantaunya tindak lanjut rekomendasi audit",
         (("KUALITAS", "Persentase rekomendasi audit yang ditindaklanjuti", 85, "%"),)),
    ),
    "keuangan": (
        ("Terverifikasinya dokumen pembayaran",
         (("KUANTITAS", "Jumlah SPP/SPM yang diverifikasi", 400, "dokumen"),
          ("WAKTU", "Rata-rata waktu verifikasi dokumen pembayaran", 2, "hari kerja"))),
        ("Tersusunnya laporan keuangan {unit}",
         (("KUANTITAS", "Jumlah laporan keuangan yang disampaikan tepat waktu", 4, "laporan"),)),
        ("Terkelolanya pelaksanaan anggaran sesuai rencana",
         (("BIAYA", "Deviasi realisasi terhadap rencana penarikan dana", 5, "%"),)),
    ),
    "diklat": (
        ("Terlaksananya pembelajaran pelatihan ASN",
         (("KUANTITAS", "Jumlah jam pelajaran yang diampu", 300, "JP"),
          ("KUALITAS", "Nilai evaluasi pengajar oleh peserta", 85, "poin"))),
        ("Tersusunnya bahan ajar pelatihan",
         (("KUANTITAS", "Jumlah modul bahan ajar yang disusun", 2, "modul"),)),
    ),
    "pengadaan": (
        ("Terlaksananya pengadaan barang/jasa {unit}",
         (("KUANTITAS", "Jumlah paket pengadaan yang diselesaikan", 20, "paket"),)),
        ("Tertatausahakannya barang milik negara",
         (("KUALITAS", "Persentase BMN yang tercatat dan berlabel", 100, "%"),)),
    ),
    "perencanaan": (
        ("Tersusunnya dokumen perencanaan dan anggaran {unit}",
         (("KUANTITAS", "Jumlah dokumen perencanaan (Renja, RKA, perjanjian kinerja)", 3, "dokumen"),)),
        ("Terlaksananya evaluasi kinerja organisasi",
         (("KUANTITAS", "Jumlah laporan evaluasi kinerja", 4, "laporan"),)),
        ("Tersusunnya rekomendasi penataan organisasi dan tata laksana",
         (("KUANTITAS", "Jumlah rekomendasi penataan yang disampaikan", 3, "rekomendasi"),)),
    ),
    "humas": (
        ("Terpublikasikannya informasi layanan BKN",
         (("KUANTITAS", "Jumlah konten publikasi", 60, "konten"),)),
        ("Terkelolanya pengaduan dan pertanyaan masyarakat",
         (("WAKTU", "Rata-rata waktu tanggapan pengaduan", 3, "hari kerja"),)),
    ),
    "hukum": (
        ("Tersusunnya rancangan peraturan BKN",
         (("KUANTITAS", "Jumlah rancangan peraturan yang diharmonisasi", 5, "rancangan"),)),
        ("Tersusunnya telaahan dan pendapat hukum",
         (("KUANTITAS", "Jumlah telaahan hukum yang disampaikan", 12, "telaahan"),)),
    ),
    "informatika": (
        ("Terkelolanya keamanan informasi dan tata kelola SPBE lingkup {unit}",
         (("KUALITAS", "Persentase temuan kerentanan yang ditutup", 90, "%"),)),
        ("Tersusunnya arsitektur dan peta rencana sistem informasi",
         (("KUANTITAS", "Jumlah dokumen arsitektur yang ditetapkan", 2, "dokumen"),)),
    ),
    "tata_usaha": (
        ("Terkelolanya naskah dinas {unit}",
         (("KUANTITAS", "Jumlah naskah dinas yang dicatat dan didistribusikan", 1200, "naskah"),
          ("WAKTU", "Rata-rata waktu distribusi surat masuk", 1, "hari kerja"))),
        ("Tersusunnya agenda dan bahan rapat pimpinan",
         (("KUANTITAS", "Jumlah agenda rapat yang disiapkan", 48, "agenda"),)),
        ("Tertatanya arsip aktif unit",
         (("KUALITAS", "Persentase arsip aktif yang tertata sesuai klasifikasi", 95, "%"),)),
    ),
    "operasional": (
        ("Terlaksananya dukungan operasional kegiatan {unit}",
         (("KUANTITAS", "Jumlah kegiatan yang didukung", 40, "kegiatan"),)),
        ("Tertindaklanjutinya permintaan layanan operasional",
         (("KUANTITAS", "Jumlah permintaan layanan yang ditindaklanjuti", 300, "permintaan"),
          ("WAKTU", "Rata-rata waktu tindak lanjut permintaan", 2, "hari kerja"))),
        ("Tersusunnya laporan layanan operasional",
         (("KUANTITAS", "Jumlah laporan bulanan", 12, "laporan"),)),
    ),
    "telaah": (
        ("Tersusunnya telaahan teknis {bidang}",
         (("KUANTITAS", "Jumlah telaahan staf yang disampaikan", 24, "telaahan"),)),
        ("Tersusunnya bahan paparan dan laporan pimpinan",
         (("KUANTITAS", "Jumlah bahan paparan yang disiapkan", 12, "bahan"),
          ("WAKTU", "Waktu penyiapan bahan sejak diminta", 2, "hari kerja"))),
    ),
    "pengemudi": (
        ("Terlaksananya layanan transportasi dinas",
         (("KUANTITAS", "Jumlah perjalanan dinas yang dilayani", 200, "perjalanan"),
          ("KUALITAS", "Persentase hari kendaraan dalam kondisi siap jalan", 100, "%"))),
    ),
    "pramu": (
        ("Terjaganya kebersihan dan kesiapan ruang kerja",
         (("KUALITAS", "Persentase ruang rapat siap pakai sesuai jadwal", 100, "%"),)),
    ),
}

BASE_TEMPLATE = {
    "Analis Kepegawaian": "kepegawaian", "Auditor Kepegawaian": "audit", "Auditor": "audit",
    "Analis Sumber Daya Manusia Aparatur": "sdm", "Pranata Sumber Daya Manusia Aparatur": "sdm",
    "Psikolog Klinis": "asesor", "Asesor Sumber Daya Manusia Aparatur": "asesor",
    "Pranata Komputer": "komputer", "Manggala Informatika": "informatika",
    "Penata Kelola Sistem dan Teknologi Informasi": "informatika",
    "Analis Kebijakan": "kebijakan", "Arsiparis": "arsip", "Pengelola Arsip": "arsip",
    "Pengelola Data": "data", "Pengolah Data dan Informasi": "data", "Statistisi": "statistik",
    "Analis Pengelolaan Keuangan APBN": "keuangan", "Pranata Keuangan APBN": "keuangan", "Analis Anggaran": "keuangan",
    "Penata Laporan Keuangan": "keuangan", "Bendahara": "keuangan", "Pengelola Keuangan": "keuangan",
    "Widyaiswara": "diklat", "Pengembang Teknologi Pembelajaran": "diklat",
    "Pengelola Pengadaan Barang/Jasa": "pengadaan", "Penata Kelola Barang Milik Negara": "pengadaan",
    "Pengelola Barang Milik Negara": "pengadaan", "Perencana": "perencanaan", "Analis Organisasi": "perencanaan",
    "Pranata Hubungan Masyarakat": "humas", "Perancang Peraturan Perundang-undangan": "hukum", "Analis Hukum": "hukum",
    "Pengadministrasi Perkantoran": "tata_usaha", "Penata Layanan Operasional": "operasional",
    "Pengelola Layanan Operasional": "operasional", "Operator Layanan Operasional": "operasional",
    "Penelaah Teknis Kebijakan": "telaah", "Pengemudi": "pengemudi", "Pramu Bakti": "pramu",
}

TAMBAHAN = (
    ("Menjadi narasumber sosialisasi {bidang}",
     "KUANTITAS", "Jumlah kegiatan sosialisasi sebagai narasumber", 2, "kegiatan"),
    ("Menjadi anggota tim kerja reformasi birokrasi",
     "KUANTITAS", "Jumlah laporan kemajuan tim yang disusun", 4, "laporan"),
    ("Menjadi anggota panitia seleksi CASN 2023", "KUANTITAS", "Jumlah sesi seleksi yang didukung", 6, "sesi"),
    ("Menjadi fasilitator internalisasi nilai BerAKHLAK di {unit}",
     "KUANTITAS", "Jumlah sesi internalisasi yang difasilitasi", 4, "sesi"),
    ("Menjadi anggota tim penyusun SOP {unit}", "KUANTITAS", "Jumlah SOP yang disusun", 2, "SOP"),
)

EXPECTATIONS = {
    "BP": ("Menanggapi permintaan layanan dari unit lain paling lambat satu hari kerja",
           "Memberikan informasi layanan yang jelas dan ramah kepada pengguna"),
    "AK": ("Menyampaikan laporan kegiatan tepat waktu setiap akhir bulan",
           "Menggunakan sarana dan anggaran kantor secara bertanggung jawab"),
    "KO": ("Mengikuti paling sedikit 20 JP pengembangan kompetensi",
           "Membagikan hasil pelatihan kepada rekan satu tim"),
    "HA": ("Menjaga suasana kerja yang saling menghargai dalam tim", "Terbuka menerima masukan dari rekan kerja"),
    "LO": ("Menjaga kerahasiaan data kepegawaian yang dikelola", "Mematuhi jam kerja dan ketentuan disiplin pegawai"),
    "AD": ("Mengusulkan paling sedikit satu perbaikan proses kerja setiap semester",
           "Cepat menyesuaikan diri dengan aplikasi baru layanan kepegawaian"),
    "KL": ("Aktif berbagi pengetahuan dalam rapat koordinasi tim",
           "Membantu rekan lintas tim pada masa puncak layanan"),
}

DUKUNGAN = ("Akses SIASN dan data kepegawaian yang mutakhir", "Perangkat kerja dan jaringan internet kantor",
            "Bimbingan teknis dari atasan langsung", "Anggaran perjalanan dinas untuk verifikasi lapangan",
            "Pelatihan teknis sesuai jabatan", "Ruang arsip dan alat pindai")

FEEDBACK = {
    "good": ("Capaian triwulan ini melampaui target; pertahankan dan bagikan praktik baiknya kepada tim.",
             "Hasil kerja rapi dan tepat waktu. Terima kasih.",
             "Usulan perbaikan proses kerjanya sangat membantu unit; silakan dituangkan dalam SOP."),
    "ok": ("Target triwulan tercapai. Perhatikan kelengkapan bukti dukung pada laporan berikutnya.",
           "Koordinasi dengan tim sudah baik; tingkatkan ketepatan waktu laporan.",
           "Sesuai rencana. Mohon siapkan rencana kerja triwulan berikutnya lebih rinci."),
    "low": ("Realisasi masih di bawah target; mari bahas kendala dan rencana percepatan minggu ini.",
            "Beberapa tugas terlambat diselesaikan. Mohon susun jadwal kerja mingguan dan laporkan kemajuannya.",
            "Perlu peningkatan disiplin waktu dan kelengkapan laporan."),
}
REPLIES = ("Terima kasih atas masukannya. Akan saya tindak lanjuti.",
           "Baik, rencana percepatan akan saya sampaikan pada rapat tim berikutnya.",
           "Siap, bukti dukung sudah saya lengkapi.")
ANNUAL_NOTES = {
    BP: "Hasil kerja di bawah ekspektasi; disepakati rencana pengembangan dan pendampingan pada 2024.",
    KURANG: "Perilaku kerja di bawah ekspektasi (disiplin kehadiran); telah diberikan pembinaan oleh atasan langsung.",
    SK: "Hasil dan perilaku kerja di bawah ekspektasi; dilakukan pembinaan dan pemantauan bulanan.",
    SB: "Kinerja melampaui ekspektasi sepanjang tahun.",
}

_UNIT_PREFIXES = ("Deputi Bidang ", "Direktorat ", "Subdirektorat ", "Biro ", "Bagian ", "Subbagian ", "Seksi ",
                  "Pusat ")
_BIDANG_SPECIAL = {"Inspektorat": "pengawasan intern", "Sekretariat Utama": "dukungan manajemen",
                   "Pusat Pengkajian dan Penelitian Kepegawaian": "manajemen kepegawaian"}


def bidang(unit_name: str, root: bool = False) -> str:
    """The field of work in a unit's name: "Direktorat Pensiun PNS dan Pejabat Negara" → "pensiun PNS dan
    pejabat negara" (acronyms and numerals keep their case)."""
    if root:
        return "manajemen ASN"
    if unit_name in _BIDANG_SPECIAL:
        return _BIDANG_SPECIAL[unit_name]
    rest = unit_name
    for prefix in _UNIT_PREFIXES:
        if unit_name.startswith(prefix):
            rest = unit_name[len(prefix):]
            break
    return " ".join(w if w.isupper() else w.lower() for w in rest.split())


def position_base(name: str) -> str:
    """The position's name without its jenjang: "Analis Kepegawaian Ahli Muda" → "Analis Kepegawaian"."""
    jenjang = rules.jenjang_of(name, (*rules.CREDIT_COEFFICIENT, "Pemula"))
    return name[: -len(jenjang)].strip() if jenjang else name


def _number(v) -> str:
    v = float(v)
    if v == int(v):
        return f"{int(v):,}".replace(",", ".")
    return f"{v:g}".replace(".", ",")


def _lower_is_better(text: str, unit: str) -> bool:
    return unit == "hari kerja" or text.startswith("Deviasi")


def shown(value, unit: str) -> str:
    """A number with its unit: "95%", "3,5 (skala 4)", "1.200 naskah"."""
    num = _number(value)
    return f"{num}%" if unit == "%" else (f"{num} ({unit})" if unit.startswith("skala") else f"{num} {unit}")


def target_text(value, unit: str, text: str) -> str:
    shown_ = shown(value, unit)
    if unit == "hari kerja":
        return f"paling lama {shown_}"
    if _lower_is_better(text, unit):
        return f"paling tinggi {shown_}"
    return shown_


@dataclass
class _Ind:
    aspect: str
    text: str
    value: float
    unit: str

    @property
    def target(self) -> str:
        return target_text(self.value, self.unit, self.text)


@dataclass
class _Res:
    kind: str
    text: str
    indicators: list[_Ind]


def _fill(template: str, unit_name: str, field: str) -> str:
    return template.replace("{unit}", unit_name).replace("{bidang}", field)


def plan_for(rng: random.Random, *, kind: str | None, position: str, unit_name: str, field: str,
             head: bool = False, agency_head: bool = False, most: int = 3) -> list[_Res]:
    """The hasil kerja of one SKP: heads 2–3 from their unit's templates (by the level of the position),
    staff 1–3 (at most ``most``) from their position's, then sometimes a tambahan; 1–2 indicators each."""
    if agency_head:
        pool, n = HEAD_TEMPLATES["AGENCY"], 3
    elif head:
        pool, n = HEAD_TEMPLATES.get(kind or "", HEAD_TEMPLATES["PENGAWAS"]), rng.choice((2, 3, 3))
    else:
        key = BASE_TEMPLATE.get(position_base(position))
        if key is None:
            key = "operasional" if kind == "PELAKSANA" else "kebijakan"
        pool = STAFF_TEMPLATES[key]
        n = rng.choices((1, 2, 3), weights=(15, 55, 30))[0]
    chosen = rng.sample(pool, min(n, most, len(pool)))
    out = []
    for text, inds in chosen:
        k = len(inds) if len(inds) == 1 or rng.random() < 0.7 else 1
        out.append(_Res(ResultKind.UTAMA, _fill(text, unit_name, field),
                        [_Ind(a, _fill(t, unit_name, field), v, u) for a, t, v, u in inds[:k]]))
    if not agency_head and rng.random() < 0.3:
        text, aspect, ind, value, unit = rng.choice(TAMBAHAN)
        out.append(_Res(ResultKind.TAMBAHAN, _fill(text, unit_name, field), [_Ind(aspect, ind, value, unit)]))
    return out


def lampiran(rng: random.Random, *, kind: str | None, unit_name: str, rater_position: str | None) -> dict[str, str]:
    if rater_position:
        skema = (f"Realisasi dilaporkan setiap triwulan kepada {rater_position} beserta bukti dukung dan dibahas "
                 f"dalam rapat evaluasi kinerja {unit_name}.")
    else:
        skema = "Capaian dilaporkan dalam Laporan Kinerja BKN Tahun 2023 dan ditelaah oleh Biro SDM."
    if kind in ("JPT", "ADMINISTRATOR", "PENGAWAS"):
        dukungan = (f"Anggaran DIPA {unit_name} Tahun Anggaran 2023; dukungan pegawai unit; akses SIASN dan "
                    "aplikasi pendukung.")
    else:
        dukungan = "; ".join(rng.sample(DUKUNGAN, 2)) + "."
    konsekuensi = ("Predikat kinerja menjadi dasar tunjangan kinerja dan pengembangan karier (PermenPANRB 6/2022)"
                   + ("; bagi jabatan fungsional juga dasar angka kredit (PermenPANRB 1/2023)." if kind == "FUNGSIONAL"
                      else ".")
                   + " Target yang tidak tercapai ditindaklanjuti dengan pembinaan.")
    return {"dukungan_sumber_daya": dukungan, "skema_pertanggungjawaban": skema, "konsekuensi": konsekuensi}


# --- ratings ------------------------------------------------------------------------------------------

CELL_WEIGHT = {(SESUAI, SESUAI): 70, (DIATAS, SESUAI): 14, (SESUAI, DIATAS): 16, (DIATAS, DIATAS): 1,
               (DIBAWAH, SESUAI): 85, (DIBAWAH, DIATAS): 15, (SESUAI, DIBAWAH): 80, (DIATAS, DIBAWAH): 20,
               (DIBAWAH, DIBAWAH): 1}
#: The predikat a head may get for each rating of hasil kerja their unit's result gives them, best first.
HEAD_PREDIKATS = {DIATAS: (SB, BAIK), SESUAI: (BAIK,), DIBAWAH: (BP,)}


def ratings_for(rng: random.Random, predikat: str, hasil: str | None = None) -> tuple[str, str]:
    """(hasil kerja, perilaku kerja) giving ``predikat`` on the kuadran; ``hasil`` fixed for a head."""
    cells = [c for c, p in rules.MATRIX.items() if p == predikat and (hasil is None or c[0] == hasil)]
    if not cells:
        raise rules.RuleError(f"no cell gives {predikat} with hasil kerja {hasil}")
    return rng.choices(cells, weights=[CELL_WEIGHT[c] for c in cells])[0]


def _drift(rng: random.Random, rating: str, p: float) -> str:
    """A quarter's rating near the year's."""
    if rng.random() >= p:
        return rating
    if rating != SESUAI:
        return SESUAI
    return DIATAS if rng.random() < 0.8 else DIBAWAH


def largest_remainder(weights: list[float], total: int) -> list[int]:
    s = sum(weights)
    if total <= 0 or s <= 0:
        return [0] * len(weights)
    raw = [w * total / s for w in weights]
    counts = [int(r) for r in raw]
    for i in sorted(range(len(raw)), key=lambda i: (counts[i] - raw[i], i))[: total - sum(counts)]:
        counts[i] += 1
    return counts


def scaled(table: dict[str, int], n: int) -> dict[str, int]:
    keys = list(table)
    return dict(zip(keys, largest_remainder([table[k] for k in keys], n)))


def allocate(rng: random.Random, members: dict[int, list[int]], org: dict[int, str], totals: dict[str, int],
             head_hasil: dict[int, str]) -> dict[int, str]:
    """The annual predikat of every member: Sangat Baik and the lower three spread over the units by
    their result (``SB_WEIGHT``, ``LOW_WEIGHT``, with some noise), Baik the rest; a head gets a predikat
    their rating of hasil kerja allows (taken from their unit's list, else in place of a Baik)."""
    units = list(members)
    sizes = [len(members[u]) for u in units]
    sb = largest_remainder([n * SB_WEIGHT[org[u]] * rng.uniform(0.75, 1.25) for u, n in zip(units, sizes)], totals[SB])
    low_total = totals[BP] + totals[KURANG] + totals[SK]
    low = largest_remainder([n * LOW_WEIGHT[org[u]] * rng.uniform(0.75, 1.25) for u, n in zip(units, sizes)], low_total)
    pool = [BP] * totals[BP] + [KURANG] * totals[KURANG] + [SK] * totals[SK]
    rng.shuffle(pool)
    # units with a lower result take the Butuh Perbaikan first
    order = sorted(range(len(units)), key=lambda i: (org[units[i]] in (ISTIMEWA, BAIK), i))
    lows: dict[int, list[str]] = {}
    for i in order:
        take = []
        for _ in range(min(low[i], sizes[i] - sb[i])):
            if org[units[i]] not in (ISTIMEWA, BAIK) and BP in pool:
                pool.remove(BP)
                take.append(BP)
            elif pool:
                take.append(pool.pop())
        lows[units[i]] = take
    out: dict[int, str] = {}
    for i, u in enumerate(units):
        people = members[u]
        n_sb = min(sb[i], len(people) - len(lows[u]))
        slots = [SB] * n_sb + lows[u] + [BAIK] * (len(people) - n_sb - len(lows[u]))
        rng.shuffle(slots)
        staff = []
        for e in people:
            if e not in head_hasil:
                staff.append(e)
                continue
            allowed = HEAD_PREDIKATS[head_hasil[e]]
            prefer = list(allowed) if rng.random() < 0.5 else list(reversed(allowed))
            got = next((p for p in prefer if p in slots), None)
            if got is None:  # nothing allowed left in the unit: in place of a Baik (or any slot)
                slots.remove(BAIK if BAIK in slots else slots[-1])
                got = allowed[-1]
            else:
                slots.remove(got)
            out[e] = got
        for e, p in zip(staff, slots):
            out[e] = p
    return out


def _org_results(rng: random.Random, units: list[dict], root_id: int, lower_unit: int | None) -> dict[int, str]:
    out = {}
    for u in units:
        if u["id"] == root_id:
            out[u["id"]] = BAIK
        elif u["id"] == lower_unit:
            out[u["id"]] = BP
        else:
            out[u["id"]] = ISTIMEWA if rng.random() < ISTIMEWA_SHARE else BAIK
    return out


def _quarter_result(rng: random.Random, annual: str) -> str:
    if rng.random() >= 0.2:
        return annual
    return {ISTIMEWA: BAIK, BAIK: ISTIMEWA if rng.random() < 0.6 else BAIK, BP: BAIK}.get(annual, annual)


# --- realisations ----------------------------------------------------------------------------------------

PERFORMANCE = {SB: 1.15, BAIK: 1.0, BP: 0.7, KURANG: 0.95, SK: 0.6}
_ROMAN = ("I", "II", "III", "IV")


def realisations(rng: random.Random, ind: _Ind, factor: float) -> list[tuple[str, Decimal]]:
    """(text, value) for the four quarters of one indicator, near its target by ``factor``."""
    out = []
    level = ind.unit in ("%", "poin") or ind.unit.startswith("skala")
    lower = _lower_is_better(ind.text, ind.unit)
    target = ind.target
    done = 0
    for q in range(4):
        f = factor * rng.uniform(0.9, 1.1)
        if lower:
            v = round(ind.value / max(f, 0.3), 1)
            text = f"Triwulan {_ROMAN[q]}: rata-rata {shown(v, ind.unit)} (target {target})"
        elif level:
            cap = 100.0 if ind.unit == "%" else (4.0 if ind.unit.startswith("skala") else 100.0)
            v = round(min(ind.value * min(f, 1.2), cap), 1)
            text = f"Triwulan {_ROMAN[q]}: capaian {shown(v, ind.unit)} (target {target})"
        else:
            cum = max(done, round(ind.value * f * (q + 1) / 4))
            v = cum - done
            done = cum
            text = f"Triwulan {_ROMAN[q]}: {shown(v, ind.unit)}; kumulatif {_number(cum)} dari target {target}"
        out.append((text, Decimal(str(v)).quantize(_CENT)))
    return out


def _evidence_link(agency_code: str, nip: str, n: int, q: int) -> str:
    return f"https://dokumen.{agency_code.lower()}.example/skp/{YEAR}/{nip}/bukti-{n}-tw{q}.pdf"


# --- the cycle ------------------------------------------------------------------------------------------

@dataclass
class _Emp:
    id: int
    nip: str
    name: str
    unit_id: int
    position_id: int | None
    position: str
    kind: str | None
    superior_id: int | None
    active: bool


def rater_map(people: dict[int, _Emp], agency_head_id: int | None, ids: list[int]) -> dict[int, int | None]:
    """``rules.rater_for`` for each of ``ids`` over the in-memory superior chains (as ``services.rater_resolve``
    does from the database, one query per level)."""
    head = rules.Person(agency_head_id, people[agency_head_id].kind) if agency_head_id in people else None
    out = {}
    for eid in ids:
        e = people[eid]
        chain, seen, boss = [], {eid}, e.superior_id
        while boss and boss not in seen and len(chain) < 20 and boss in people:
            chain.append(rules.Person(boss, people[boss].kind))
            seen.add(boss)
            boss = people[boss].superior_id
        chosen = rules.rater_for(rules.Person(eid, e.kind), chain, head)
        out[eid] = chosen.id if chosen else None
    return out


def demo_performance(agency: Agency, logins: list | None = None) -> dict | None:
    """Load the demo SKP cycle 2023 (and the 2022 annual ratings) once; ``None`` when already there.
    ``logins``: the demo logins (``demo_users()``), to find the demo unit head and employee."""
    if Skp.objects.filter(year__agency=agency, year__year=YEAR).exists():
        return None
    if (Evaluation.objects.filter(period__year__agency=agency, period__year__year=YEAR).exists()
            or OrgPerformance.objects.filter(unit__agency=agency, period__year__year=YEAR).exists()):
        return None  # ratings of 2023 made by hand or imported: leave them alone
    if logins is None:
        from berakhlak.demo.services import demo_users

        logins = demo_users()
    by_role = {str(login.role): login.username for login in logins}
    hr = User.objects.filter(username=by_role.get(str(Role.AGENCY_HR.label), "sdm")).first()
    head_user = User.objects.filter(username=by_role.get(str(Role.UNIT_HEAD.label), "")).first()
    pegawai_user = User.objects.filter(username=by_role.get("Pegawai", "")).first()
    with transaction.atomic():
        py = perf.year_setup(actor=hr, agency=agency, year=YEAR, frequency=rules.QUARTERLY)
        py_prev = (PerformanceYear.objects.filter(agency=agency, year=PREVIOUS_YEAR).first()
                   or perf.year_setup(actor=hr, agency=agency, year=PREVIOUS_YEAR, frequency=rules.QUARTERLY))
        cycle = _Cycle(agency, py, hr, head_user, pegawai_user)
        counts = cycle.bulk()
        counts["evaluations_2022"] = cycle.previous_year(py_prev)
        counts["showcase"] = cycle.showcase()
        audit_record(actor=hr, action="demo.performance", agency=agency, obj=py, after=counts)
    return counts


class _Cycle:
    def __init__(self, agency: Agency, py, hr, head_user, pegawai_user):
        self.agency, self.py, self.hr = agency, py, hr
        self.rng = random.Random(f"demo-skp-{YEAR}")
        self.periods = {p.code: p for p in Period.objects.filter(year=py)}
        self.units = list(Unit.objects.filter(agency=agency).order_by("code")
                          .values("id", "code", "name", "path", "depth", "parent_id", "head_id"))
        self.unit = {u["id"]: u for u in self.units}
        self.root = next(u for u in self.units if u["parent_id"] is None)
        self.people = {
            i: _Emp(i, nip, name, unit_id, position_id, position or "", kind, superior_id, active)
            for i, nip, name, unit_id, position_id, position, kind, superior_id, active
            in Employee.objects.filter(agency=agency).values_list(
                "id", "nip", "name", "unit_id", "position_id", "position__name", "position__kind", "superior_id",
                "is_active")}
        self.active = sorted((e for e in self.people.values() if e.active), key=lambda e: e.nip)
        self.agency_head = self.root["head_id"]
        self.rater = rater_map(self.people, self.agency_head, [e.id for e in self.active])
        self.heads: dict[int, int] = {}  # employee → the unit they head (the shallowest)
        for u in sorted(self.units, key=lambda u: (u["depth"], u["code"])):
            if u["head_id"]:
                self.heads.setdefault(u["head_id"], u["id"])
        self.head_user, self.pegawai_user = head_user, pegawai_user
        self.show = self._showcase_people()

    # who is shown mid-workflow (not in the bulk)
    def _showcase_people(self) -> dict[str, int]:
        show: dict[str, int] = {}
        raters = {r for r in self.rater.values() if r}
        if self.pegawai_user and self.pegawai_user.employee_id and self.pegawai_user.employee_id not in raters:
            show["pegawai"] = self.pegawai_user.employee_id
        if self.head_user and self.head_user.employee_id in self.heads:
            head_id = self.head_user.employee_id
            staff = [e.id for e in self.active if self.rater.get(e.id) == head_id and e.id not in raters
                     and e.id not in self.heads and e.id not in show.values()]
            for state, eid in zip(("draft", "submitted", "returned", "approved", "evaluated"), staff):
                show[state] = eid
        return show

    def _field(self, unit_id: int) -> str:
        u = self.unit[unit_id]
        return bidang(u["name"], root=u["id"] == self.root["id"])

    def _hasil(self, eid: int, org: dict[int, str]) -> str | None:
        return rules.head_hasil_kerja(org[self.heads[eid]]) if eid in self.heads else None

    def _smallest_leaf(self) -> int | None:
        """The smallest leaf unit outside the demo head's subtree (to show a Butuh Perbaikan unit)."""
        parents = {u["parent_id"] for u in self.units}
        size = Counter(e.unit_id for e in self.active)
        avoid = ""
        if self.head_user and self.head_user.employee_id in self.heads:
            avoid = self.unit[self.heads[self.head_user.employee_id]]["path"]
        leaves = [u for u in self.units if u["id"] not in parents and u["parent_id"] is not None
                  and not (avoid and u["path"].startswith(avoid)) and size[u["id"]] >= 10]
        return min(leaves, key=lambda u: (size[u["id"]], u["code"]))["id"] if leaves else None

    def bulk(self) -> dict:
        rng, py, periods = self.rng, self.py, self.periods
        shown = set(self.show.values())
        bulk = [e for e in self.active if e.id not in shown]
        bulk_ids = {e.id for e in bulk}

        # capaian kinerja organisasi, per unit and period
        org_year = _org_results(rng, self.units, self.root["id"], self._smallest_leaf())
        org = {rules.ANNUAL: org_year}
        for q in QUARTERS:
            org[q] = {u: _quarter_result(rng, r) for u, r in org_year.items()}
        OrgPerformance.objects.bulk_create([
            OrgPerformance(unit_id=u["id"], period=periods[code], result=org[code][u["id"]], set_by=self.hr)
            for code in (*QUARTERS, rules.ANNUAL) for u in self.units])

        # annual predikat: the study's recap over everyone rated (the bulk and the one evaluated showcase SKP)
        totals = scaled(STUDY_2023, len(bulk) + (1 if "evaluated" in self.show else 0))
        if "evaluated" in self.show:
            totals[BAIK] -= 1  # rated Baik through the services below
        members: dict[int, list[int]] = defaultdict(list)
        for e in bulk:
            members[e.unit_id].append(e.id)
        head_hasil = {e: self._hasil(e, org_year) for e in bulk_ids if e in self.heads}
        predikat = allocate(rng, dict(sorted(members.items(), key=lambda kv: self.unit[kv[0]]["code"])), org_year,
                            totals, head_hasil)

        # SKPs, with one (mostly empty) ekspektasi khusus per core value as skp_create makes them
        fv = self.agency.framework_version_id
        codes = list(CoreValue.objects.filter(version_id=fv).order_by("order").values_list("code", flat=True))
        plans: dict[int, list[_Res]] = {}
        rows = []
        db = DbValues()
        created, finalised = db.at(date(YEAR, 1, 3)), db.at(date(YEAR + 1, 1, 19), 15)
        for e in bulk:
            home = self.heads.get(e.id, e.unit_id)  # a head plans for the unit they head
            plans[e.id] = plan_for(rng, kind=e.kind, position=e.position, unit_name=self.unit[home]["name"],
                                   field=self._field(home), head=e.id in self.heads,
                                   agency_head=e.id == self.agency_head)
            rater = self.people.get(self.rater[e.id]) if self.rater[e.id] else None
            texts = lampiran(rng, kind=e.kind, unit_name=self.unit[e.unit_id]["name"],
                             rater_position=rater.position if rater else None)
            submitted = date(YEAR, 1, 9) + timedelta(days=rng.randint(0, 18))
            rows.append((py.pk, e.id, e.unit_id, e.position_id, self.rater[e.id], None, fv, SkpStyle.QUALITATIVE.value,
                         SkpStatus.FINAL.value, "", texts["dukungan_sumber_daya"], texts["skema_pertanggungjawaban"],
                         texts["konsekuensi"], created, db.at(submitted),
                         db.at(submitted + timedelta(days=rng.randint(1, 10)), 14), finalised))
        insert_rows(Skp, ("year", "employee", "unit", "position", "rater", "rater_delegated_from", "framework_version",
                          "style", "status", "returned_reason", "dukungan_sumber_daya", "skema_pertanggungjawaban",
                          "konsekuensi", "created_at", "submitted_at", "approved_at", "finalised_at"), rows)
        skp_of = dict(Skp.objects.filter(year=py).values_list("employee_id", "id"))

        qn = connection.ops.quote_name
        with connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {qn(BehaviourExpectation._meta.db_table)} ({qn('skp_id')}, {qn('value_code')}, "
                f"{qn('text')}) SELECT s.{qn('id')}, v.{qn('code')}, '' FROM {qn(Skp._meta.db_table)} s, "
                f"{qn(CoreValue._meta.db_table)} v WHERE s.{qn('year_id')} = %s AND v.{qn('version_id')} = %s",
                [py.pk, fv])
        wanted: dict[tuple[str, str], list[int]] = defaultdict(list)
        for e in bulk:
            if codes and rng.random() < 0.45:
                for c in rng.sample(codes, rng.choice((1, 2))):
                    wanted[(c, rng.choice(EXPECTATIONS.get(c, ("",))))].append(skp_of[e.id])
        for (code, text), ids in sorted(wanted.items()):
            BehaviourExpectation.objects.filter(value_code=code, skp_id__in=ids).update(text=text)

        # hasil kerja, one layer of the rating chain at a time (a result supports one of the rater's)
        layer: dict[int, int] = {}

        def place(eid: int) -> None:
            chain: list[int] = []
            while eid not in layer:
                r = self.rater[eid]
                if r is None or r not in bulk_ids or r in chain:
                    layer[eid] = 0  # rated by nobody in the bulk (or a cycle in the data): no cascade
                    break
                chain.append(eid)
                eid = r
            for i, c in enumerate(reversed(chain), start=1):
                layer[c] = layer[eid] + i

        for e in bulk:
            place(e.id)
        utama_of: dict[int, list[int]] = {}  # employee → ids of their hasil kerja utama, in order
        for level in sorted(set(layer.values())):
            rows = []
            for e in bulk:
                if layer[e.id] != level:
                    continue
                boss = utama_of.get(self.rater[e.id] or -1, [])
                offset = rng.randrange(len(boss)) if boss else 0
                order: Counter = Counter()
                for i, res in enumerate(plans[e.id]):
                    order[res.kind] += 1
                    supports, supports_text = None, ""
                    if res.kind == ResultKind.UTAMA:
                        if boss:
                            supports = boss[(i + offset) % len(boss)]
                        elif e.id == self.agency_head:
                            supports_text = AGENCY_GOAL
                    rows.append((skp_of[e.id], res.kind, order[res.kind], res.text, supports, supports_text))
            insert_rows(WorkResult, ("skp", "kind", "order", "text", "supports", "supports_text"), rows)
            by_skp: dict[int, list[int]] = defaultdict(list)
            for rid, skp_id in (WorkResult.objects.filter(skp__year=py, kind=ResultKind.UTAMA)
                                .order_by("skp_id", "order").values_list("id", "skp_id")):
                by_skp[skp_id].append(rid)
            for e in bulk:
                if layer[e.id] == level:
                    utama_of[e.id] = by_skp.get(skp_of[e.id], [])
        result_id = {(skp_id, kind, order): rid for rid, skp_id, kind, order in
                     WorkResult.objects.filter(skp__year=py).values_list("id", "skp_id", "kind", "order")}
        pending: list[tuple[int, int, _Ind]] = []  # (employee, result id, indicator)
        for e in bulk:
            order = Counter()
            for res in plans[e.id]:
                order[res.kind] += 1
                rid = result_id[(skp_of[e.id], res.kind, order[res.kind])]
                pending += [(e.id, rid, ind) for ind in res.indicators]
        insert_rows(Indicator, ("result", "aspect", "text", "target", "target_value", "target_unit"),
                    [(rid, ind.aspect, ind.text, ind.target, db.decimal(ind.value), ind.unit)
                     for _e, rid, ind in pending])
        nth: dict[int, list[int]] = defaultdict(list)
        for iid, rid in Indicator.objects.filter(result__skp__year=py).order_by("id").values_list("id", "result_id"):
            nth[rid].append(iid)
        seen: Counter = Counter()
        indicator_ids = []
        for _e, rid, _ind in pending:
            indicator_ids.append(nth[rid][seen[rid]])
            seen[rid] += 1

        # realisations for the four quarters, some with a link as bukti dukung
        factor = {e.id: PERFORMANCE[predikat[e.id]] * rng.uniform(0.95, 1.05) for e in bulk}
        rows, evidence_for = [], []
        stamp = {q: db.at(periods[f"TW{q}"].ends_on + timedelta(days=2), 16) for q in range(1, 5)}
        number: Counter = Counter()  # the indicator's number within its SKP, for the evidence link
        for iid, (eid, _rid, ind) in zip(indicator_ids, pending):
            number[eid] += 1
            for q, (text, value) in enumerate(realisations(rng, ind, factor[eid]), start=1):
                rows.append((iid, periods[f"TW{q}"].pk, text, db.decimal(value), stamp[q]))
            if rng.random() < 0.15:
                evidence_for.append((iid, _evidence_link(self.agency.code, self.people[eid].nip, number[eid], 4)))
        insert_rows(Realisation, ("indicator", "period", "text", "value", "updated_at"), rows)
        n_reals = len(rows)
        tw4 = dict(Realisation.objects.filter(period=periods["TW4"]).values_list("indicator_id", "id"))
        uploaded = db.at(date(YEAR, 12, 29), 15)
        insert_rows(Evidence, ("realisation", "file", "filename", "size", "link", "note", "uploaded_at"),
                    [(tw4[iid], "", "", 0, link, "Laporan capaian triwulan IV", uploaded)
                     for iid, link in evidence_for])

        # quarterly and annual ratings, some feedback
        evaluations, feedback = [], []
        annual = periods[rules.ANNUAL]
        for e in bulk:
            s, pred, rater = skp_of[e.id], predikat[e.id], self.rater[e.id]
            head = e.id in self.heads
            hasil, perilaku = ratings_for(rng, pred, head_hasil.get(e.id))
            for code in QUARTERS:
                qh = rules.head_hasil_kerja(org[code][self.heads[e.id]]) if head else _drift(rng, hasil, 0.15)
                qp = _drift(rng, perilaku, 0.12)
                evaluations.append((periods[code].pk, e.id, s, e.unit_id, qh, qp, rules.predikat(qh, qp), head, "",
                                    Source.PLATFORM.value, False, rater,
                                    db.at(periods[code].ends_on + timedelta(days=rng.randint(3, 14)), 10)))
            note = ANNUAL_NOTES.get(pred, "") if pred != SB or rng.random() < 0.3 else ""
            rated_on = date(YEAR + 1, 1, 5) + timedelta(days=rng.randint(0, 7))
            evaluations.append((annual.pk, e.id, s, e.unit_id, hasil, perilaku, pred, head, note, Source.PLATFORM.value,
                                True, rater, db.at(rated_on, 10)))
            if rater and rng.random() < 0.35:
                tone = "good" if pred == SB else ("ok" if pred == BAIK else "low")
                period = periods[rng.choice(QUARTERS)]
                at = db.at(period.ends_on - timedelta(days=20), 11)
                feedback.append((s, period.pk, rater, self.people[rater].name, rng.choice(FEEDBACK[tone]), at, ""))
                if rng.random() < 0.3:
                    feedback.append((s, period.pk, e.id, e.name, rng.choice(REPLIES), at, ""))
        insert_rows(Evaluation, ("period", "employee", "skp", "unit", "rating_hasil_kerja", "rating_perilaku_kerja",
                                 "predikat", "hasil_from_org", "note", "source", "is_final", "rated_by", "rated_at"),
                    evaluations)
        insert_rows(Feedback, ("skp", "period", "author", "author_name", "text", "at", "value_code"), feedback)

        # finalisation of every unit for the year, deepest first, with the SE MenPANRB 3/2023 check
        subtree: dict[int, Counter] = defaultdict(Counter)
        for e in bulk:
            for anc in self.unit[e.unit_id]["path"].strip("/").split("/"):
                subtree[int(anc)][predikat[e.id]] += 1
        finals = []
        for u in sorted(self.units, key=lambda u: (-u["depth"], u["code"])):
            counts = {p: subtree[u["id"]].get(p, 0) for p in rules.PREDIKATS}
            if not sum(counts.values()):
                continue
            breaches = rules.distribution_breaches(org_year[u["id"]], counts)
            finals.append(Finalisation(
                unit_id=u["id"], period=annual, org_result=org_year[u["id"]], counts=counts,
                breaches=[{"kind": b.rule.kind, "predikat": list(b.rule.predikats), "percent": b.rule.percent,
                           "actual": b.actual, "bound": b.bound, "people": b.people} for b in breaches],
                override_reason=override_reason(breaches), finalised_by=self.hr))
        Finalisation.objects.bulk_create(finals)

        # dates of the cycle for the rows whose timestamps the ORM sets itself
        for code in (*QUARTERS, rules.ANNUAL):
            p = periods[code]
            set_on = p.ends_on + timedelta(days=3) if code != rules.ANNUAL else date(YEAR + 1, 1, 4)
            OrgPerformance.objects.filter(period=p).update(set_at=_tz(set_on))
        max_depth = max(u["depth"] for u in self.units)
        for d in sorted({u["depth"] for u in self.units}):
            Finalisation.objects.filter(period=annual, unit__depth=d).update(
                finalised_at=_tz(date(YEAR + 1, 1, 15) + timedelta(days=max_depth - d), 15))
        return {"skps": len(skp_of), "results": len(result_id), "indicators": len(pending), "realisations": n_reals,
                "evidence": len(evidence_for), "feedback": len(feedback), "evaluations": len(evaluations),
                "org_results": len(self.units) * 5, "finalisations": len(finals),
                "predikat": {p: n for p, n in Counter(predikat.values()).most_common()}}

    def previous_year(self, py_prev) -> int:
        """2022: annual ratings imported as final (no SKP), for the employees appointed before 2023."""
        rng = random.Random(f"demo-skp-{PREVIOUS_YEAR}")
        annual = Period.objects.get(year=py_prev, code=rules.ANNUAL)
        if (Evaluation.objects.filter(period=annual).exists()
                or OrgPerformance.objects.filter(period=annual).exists()):
            return 0  # 2022 already imported
        org_year = _org_results(rng, self.units, self.root["id"], None)
        OrgPerformance.objects.bulk_create([OrgPerformance(unit_id=u["id"], period=annual, result=org_year[u["id"]],
                                                           set_by=self.hr) for u in self.units])

        def appointed(nip: str) -> int:
            try:
                return int(nip[8:12])
            except ValueError:
                return 0

        people = [e for e in self.active if appointed(e.nip) < YEAR]
        members: dict[int, list[int]] = defaultdict(list)
        for e in people:
            members[e.unit_id].append(e.id)
        head_hasil = {e.id: self._hasil(e.id, org_year) for e in people if e.id in self.heads}
        predikat = allocate(rng, dict(sorted(members.items(), key=lambda kv: self.unit[kv[0]]["code"])), org_year,
                            scaled(SHARES_2022, len(people)), head_hasil)
        rows = []
        rated_at = DbValues().at(date(PREVIOUS_YEAR + 1, 1, 20))
        for e in people:
            hasil, perilaku = ratings_for(rng, predikat[e.id], head_hasil.get(e.id))
            rows.append((annual.pk, e.id, None, e.unit_id, hasil, perilaku, predikat[e.id], e.id in head_hasil, "",
                         Source.IMPORT.value, True, None, rated_at))
        insert_rows(Evaluation, ("period", "employee", "skp", "unit", "rating_hasil_kerja", "rating_perilaku_kerja",
                                 "predikat", "hasil_from_org", "note", "source", "is_final", "rated_by", "rated_at"),
                    rows)
        OrgPerformance.objects.filter(period=annual).update(set_at=_tz(date(PREVIOUS_YEAR + 1, 1, 10)))
        return len(rows)

    # --- a few SKPs through the services, acting as the real users ---

    def _user(self, eid: int) -> User:
        emp = Employee.objects.get(pk=eid)
        return User.objects.filter(employee=emp).first() or user_create_for_employee(employee=emp, password=None)

    def _plan(self, user: User, skp: Skp, *, rng: random.Random, lampiran_too: bool = True) -> list[Indicator]:
        e = self.people[skp.employee_id]
        u = self.unit[e.unit_id]
        if lampiran_too:
            rater = self.people.get(skp.rater_id) if skp.rater_id else None
            perf.skp_update(actor=user, skp=skp, **lampiran(rng, kind=e.kind, unit_name=u["name"],
                                                             rater_position=rater.position if rater else None))
        boss = [r for r in perf.cascade_candidates(skp) if r.kind == ResultKind.UTAMA]
        indicators = []
        for i, res in enumerate(plan_for(rng, kind=e.kind, position=e.position, unit_name=u["name"],
                                         field=self._field(e.unit_id), most=2)):
            w = perf.result_save(actor=user, skp=skp, kind=res.kind, text=res.text,
                                 supports=boss[i % len(boss)] if boss and res.kind == ResultKind.UTAMA else None)
            for ind in res.indicators:
                indicators.append(perf.indicator_save(actor=user, result=w, aspect=ind.aspect, text=ind.text,
                                                      target=ind.target, target_value=Decimal(str(ind.value)),
                                                      target_unit=ind.unit))
        return indicators

    def _doing(self, user: User, rater_user: User, skp: Skp, indicators: list[Indicator], quarters: int,
               rng: random.Random) -> None:
        """Realisations (with a link for some), feedback, and ``quarters`` quarterly ratings."""
        nip = self.people[skp.employee_id].nip
        quarters_of = [realisations(rng, _Ind(ind.aspect, ind.text, float(ind.target_value), ind.target_unit), 1.02)
                       for ind in indicators]
        for q in range(1, 5):
            period = self.periods[f"TW{q}"]
            for n, ind in enumerate(indicators, start=1):
                text, value = quarters_of[n - 1][q - 1]
                real = perf.realisation_save(actor=user, indicator=ind, period=period, text=text, value=value)
                if n == 1:
                    perf.evidence_add(actor=user, realisation=real, link=_evidence_link(self.agency.code, nip, n, q),
                                      note=f"Laporan capaian triwulan {_ROMAN[q - 1]}")
            if q <= quarters:
                perf.feedback_add(actor=rater_user, skp=skp, period=period,
                                  text=rng.choice(FEEDBACK["good" if q == 2 else "ok"]))
                if q == 1:
                    perf.feedback_add(actor=user, skp=skp, period=period, text=REPLIES[0])
                perf.evaluation_rate(actor=rater_user, skp=skp, period=period, hasil_kerja=SESUAI,
                                     perilaku_kerja=DIATAS if q == 2 else SESUAI)

    def showcase(self) -> dict[str, str]:
        rng = random.Random(f"demo-skp-{YEAR}-showcase")
        py, out = self.py, {}
        show = self.show

        def start(state: str) -> tuple[User, Skp]:
            user = self._user(show[state])
            skp = perf.skp_create(actor=user, employee=Employee.objects.get(pk=show[state]), py=py)
            out[state] = self.people[show[state]].nip
            return user, skp

        if "pegawai" in show:  # the demo employee: approved, realisations in every quarter, rated for three
            user, skp = start("pegawai")
            rater_user = self._user(skp.rater_id) if skp.rater_id else self.hr
            indicators = self._plan(user, skp, rng=rng)
            if skp.rater_id:
                perf.expectation_set(actor=rater_user, skp=skp, value_code="AD", text=EXPECTATIONS["AD"][1])
                perf.expectation_set(actor=rater_user, skp=skp, value_code="LO", text=EXPECTATIONS["LO"][0])
            perf.skp_submit(actor=user, skp=skp)
            perf.skp_approve(actor=rater_user, skp=skp)
            self._doing(user, rater_user, skp, indicators, 3, rng)
        head = self.head_user
        if "draft" in show:
            user, skp = start("draft")
            e = self.people[show["draft"]]
            res = plan_for(rng, kind=e.kind, position=e.position, unit_name=self.unit[e.unit_id]["name"],
                           field=self._field(e.unit_id))[0]
            boss = [r for r in perf.cascade_candidates(skp) if r.kind == ResultKind.UTAMA]
            perf.result_save(actor=user, skp=skp, kind=res.kind, text=res.text,
                             supports=boss[0] if boss and res.kind == ResultKind.UTAMA else None)
        if "submitted" in show:
            user, skp = start("submitted")
            self._plan(user, skp, rng=rng)
            perf.expectation_set(actor=head, skp=skp, value_code="KL", text=EXPECTATIONS["KL"][0])
            perf.skp_submit(actor=user, skp=skp)
        if "returned" in show:
            user, skp = start("returned")
            self._plan(user, skp, rng=rng, lampiran_too=False)
            perf.skp_submit(actor=user, skp=skp)
            perf.skp_return(actor=head, skp=skp, reason=(
                "Indikator belum menunjukkan kontribusi yang terukur pada hasil kerja atasan yang diintervensi; "
                "lengkapi juga Lampiran (dukungan sumber daya dan skema pertanggungjawaban)."))
        for state, quarters in (("approved", 4), ("evaluated", 4)):
            if state not in show:
                continue
            user, skp = start(state)
            indicators = self._plan(user, skp, rng=rng)
            perf.skp_submit(actor=user, skp=skp)
            perf.skp_approve(actor=head, skp=skp)
            self._doing(user, head, skp, indicators, quarters, rng)
            if state == "evaluated":  # rated for the year after the unit was finalised: not final yet
                perf.evaluation_rate(
                    actor=head, skp=skp, period=self.periods[rules.ANNUAL], hasil_kerja=SESUAI, perilaku_kerja=SESUAI,
                    note="Dinilai setelah finalisasi unit: bukti dukung triwulan IV dilengkapi terlambat.")
        return out


def override_reason(breaches: list[rules.Breach]) -> str:
    if not breaches:
        return ""
    return ("Pola distribusi SE MenPANRB 3/2023 tidak terpenuhi: " + "; ".join(b.describe(LABELS) for b in breaches)
            + ". Tetap difinalkan: predikat ditetapkan dari evaluasi kinerja individu oleh pejabat penilai dan telah "
              "diverifikasi tim penilai kinerja; penerapan pola distribusi penuh dijadwalkan pada siklus 2024.")
