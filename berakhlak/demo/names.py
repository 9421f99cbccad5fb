"""Word lists for the demo / benchmark data generator (``generator.py``).

Plain data only: Indonesian personal names by region, academic degrees,
job titles (jabatan fungsional / pelaksana), agency and work-unit vocabulary.
Every list is a tuple so the order, and therefore the generated data, is
stable.  All strings are plain ASCII.
"""

from __future__ import annotations

from typing import NamedTuple


class Region(NamedTuple):
    """Naming customs of one (broad) region of Indonesia."""

    key: str
    weight: float  # relative share of people
    muslim: bool  # "H." / "Hj." pilgrim titles are used
    male_first: tuple[str, ...]
    female_first: tuple[str, ...]
    male_middle: tuple[str, ...]
    female_middle: tuple[str, ...]
    male_last: tuple[str, ...]
    female_last: tuple[str, ...]
    family: tuple[str, ...] = ()  # clan / family names used by both sexes
    family_rate: float = 0.0  # share of names ending in a family name
    middle_rate: float = 0.25
    mononym_rate: float = 0.0


REGIONS: tuple[Region, ...] = (
    Region(
        key="jawa",
        weight=38,
        muslim=True,
        male_first=(
            "Agus", "Bambang", "Budi", "Joko", "Slamet", "Sutrisno", "Suparman",
            "Suyanto", "Hadi", "Heru", "Eko", "Bayu", "Aris", "Arif", "Teguh",
            "Wahyu", "Yudi", "Wawan", "Sigit", "Rudi", "Anton", "Gatot", "Hartono",
            "Mulyono", "Priyo", "Haryanto", "Susilo", "Wahyudi", "Purwanto",
            "Sugeng", "Gunawan", "Yoga", "Galih", "Dimas", "Fajar", "Ardi",
            "Aditya", "Bagus", "Muhammad", "Sukardi", "Tugiman", "Paimin",
            "Sumarno", "Kuswanto", "Nanang", "Yusuf", "Andik", "Setyo", "Bima",
            "Rizky", "Danang", "Guntur",
        ),
        female_first=(
            "Sri", "Endang", "Rini", "Wulan", "Dewi", "Ratna", "Sumarni",
            "Sulastri", "Suyatmi", "Tutik", "Yuli", "Ani", "Retno", "Sekar",
            "Ayu", "Indah", "Siti", "Diah", "Kartika", "Puspita", "Novi",
            "Winarsih", "Sumiyati", "Dyah", "Wiwik", "Yuni", "Erna", "Tri",
            "Anisa", "Rina", "Ika", "Laras", "Galuh", "Sinta", "Mega", "Prapti",
            "Sukarti", "Partini", "Nanik", "Handini",
        ),
        male_middle=("Dwi", "Adi", "Budi", "Agung", "Nur", "Setyo", "Eko", "Hadi", "Cahyo", "Joko"),
        female_middle=("Dwi", "Sri", "Nur", "Ayu", "Puji", "Endah", "Eka", "Tri", "Retno", "Dian"),
        male_last=(
            "Wibowo", "Santoso", "Prasetyo", "Nugroho", "Setiawan", "Purnomo",
            "Kurniawan", "Saputro", "Susanto", "Wijaya", "Hartanto", "Suryadi",
            "Widodo", "Sulistyo", "Hidayat", "Utomo", "Pranoto", "Raharjo",
            "Sasongko", "Wicaksono", "Kusumo", "Hadiwijaya", "Prabowo", "Handoko",
            "Cahyono", "Setiadi", "Pamungkas", "Haryono", "Ramadhan", "Sutanto",
            "Budiman", "Darmawan", "Kuncoro", "Triyono", "Wardoyo", "Pratama",
            "Saputra", "Nugraha", "Subekti", "Wiyono",
        ),
        female_last=(
            "Lestari", "Rahayu", "Astuti", "Wulandari", "Handayani", "Kusumawati",
            "Puspitasari", "Susanti", "Rahmawati", "Setyaningsih", "Purwaningsih",
            "Wahyuni", "Anggraini", "Permatasari", "Maharani", "Kurniasih",
            "Utami", "Pratiwi", "Ningsih", "Fitriani", "Hapsari", "Safitri",
            "Ratnasari", "Novitasari", "Mulyani", "Andriani", "Widyastuti",
            "Indriyani", "Sulistyowati", "Rahmadani",
        ),
        middle_rate=0.3,
        mononym_rate=0.08,
    ),
    Region(
        key="sunda",
        weight=14,
        muslim=True,
        male_first=(
            "Asep", "Ujang", "Cecep", "Dadang", "Deden", "Yayat", "Iwan", "Rahmat",
            "Hendra", "Dodi", "Didin", "Engkos", "Aep", "Jajang", "Ajat", "Usep",
            "Dudi", "Maman", "Encep", "Wildan", "Ginanjar", "Rizal", "Irfan",
        ),
        female_first=(
            "Euis", "Neneng", "Enung", "Imas", "Cucu", "Ai", "Yeni", "Nining",
            "Lilis", "Tati", "Nenden", "Eneng", "Nunung", "Nita", "Wida", "Yayah",
            "Iis", "Elis", "Entin", "Rika", "Nurul", "Resti",
        ),
        male_middle=("Nur", "Ade", "Dede", "Muhammad", "Agus", "Iman"),
        female_middle=("Nur", "Siti", "Ade", "Dede", "Sri", "Rosita"),
        male_last=(
            "Permana", "Sukmana", "Ramdani", "Gunawan", "Hermawan", "Kusnadi",
            "Suherman", "Mulyadi", "Sopian", "Hidayatullah", "Rohendi",
            "Supriatna", "Kurniadi", "Saepudin", "Hendrawan", "Sudrajat",
            "Suryana", "Nurjaman", "Rusmana", "Komarudin", "Firmansyah",
        ),
        female_last=(
            "Nurhasanah", "Nurjanah", "Rostiani", "Kurniasari", "Herawati",
            "Sumiati", "Rohayati", "Yulianti", "Nurlela", "Sukaesih", "Mulyati",
            "Juariah", "Hayati", "Komalasari", "Marlina", "Rosmayanti",
        ),
        middle_rate=0.25,
    ),
    Region(
        key="melayu_aceh_mandailing",
        weight=9,
        muslim=True,
        male_first=(
            "Ahmad", "Teuku", "Fauzi", "Zulkarnain", "Faisal", "Mahmud", "Husni",
            "Azhar", "Iskandar", "Khairul", "Hasan", "Hamdan", "Ilyas", "Firdaus",
            "Syahrul", "Amri", "Rahmad", "Mukhlis", "Safrizal", "Darwin",
        ),
        female_first=(
            "Cut", "Aisyah", "Fatimah", "Zahra", "Nadia", "Khairunnisa", "Syarifah",
            "Rahmah", "Hafizah", "Salmah", "Raudhah", "Safrina", "Putri", "Zuraida",
            "Mariani", "Halimah", "Rosnani", "Yusnita",
        ),
        male_middle=("Muhammad", "Ahmad", "Abdul", "Rizki", "Nur"),
        female_middle=("Nur", "Siti", "Sri", "Ainul", "Rahmi"),
        male_last=(
            "Abdullah", "Ismail", "Ibrahim", "Maulana", "Syahputra", "Rahman",
            "Harun", "Munandar", "Fadillah", "Akbar", "Alamsyah", "Hakim",
            "Zulfahmi", "Syahrizal",
        ),
        female_last=(
            "Zahara", "Amalia", "Husna", "Maulida", "Sakdiah", "Yusnidar",
            "Nurjannah", "Faradila", "Rahmayani", "Fitria",
        ),
        family=(
            "Nasution", "Lubis", "Harahap", "Daulay", "Hasibuan", "Batubara",
            "Pulungan", "Rangkuti", "Ritonga", "Dalimunthe", "Pohan", "Matondang",
        ),
        family_rate=0.35,
    ),
    Region(
        key="minang",
        weight=7,
        muslim=True,
        male_first=(
            "Irwan", "Zulkifli", "Afrizal", "Syafrizal", "Yusrizal", "Erizal",
            "Hendri", "Zulfikar", "Ridwan", "Fadli", "Ilham", "Taufik", "Andri",
            "Yulizar", "Nofrizal", "Masrul", "Efendi",
        ),
        female_first=(
            "Yulia", "Fitri", "Rahmi", "Nofrita", "Elvi", "Desi", "Mardiah",
            "Rosmaini", "Nurmaini", "Syafni", "Yenni", "Zurniati", "Afriyanti",
            "Mesra", "Delvi",
        ),
        male_middle=("Muhammad", "Rahmat", "Dedi"),
        female_middle=("Nur", "Sri", "Rahma"),
        male_last=(
            "Saputra", "Hamdani", "Syahrial", "Asri", "Marzuki", "Nasrul", "Amir",
            "Bahar", "Syamsuddin", "Yunus", "Anwar", "Chatib",
        ),
        female_last=(
            "Yanti", "Hasnah", "Yusniar", "Elfira", "Rahmawita", "Syafitri",
            "Nelvi", "Roswita", "Fadhilah", "Delvita",
        ),
        family=("Chaniago", "Piliang", "Tanjung", "Koto", "Sikumbang", "Jambak", "Guci", "Malin"),
        family_rate=0.3,
        middle_rate=0.15,
    ),
    Region(
        key="bugis_makassar",
        weight=7,
        muslim=True,
        male_first=(
            "Andi", "Muh.", "Syamsul", "Arifuddin", "Haeruddin", "Baharuddin",
            "Hasanuddin", "Muhlis", "Sultan", "Amiruddin", "Jumadi", "Kaharuddin",
            "Syahrir", "Rusdi", "Nasrun", "Abd.", "Takdir", "Akbar",
        ),
        female_first=(
            "Sitti", "Hasnawati", "Nurhayati", "Nurlina", "Rosmiati", "Darmawati",
            "Jumriah", "Hastuti", "Nurhaedah", "Hamsiah", "Sahria", "Nurdiana",
            "Suriani", "Hasmawati",
        ),
        male_middle=("Muhammad", "Ilham", "Arif"),
        female_middle=("Nur", "Sitti"),
        male_last=(
            "Arfah", "Yusuf", "Mustari", "Syamsuddin", "Ramli", "Jamaluddin",
            "Mappiasse", "Kadir", "Muis", "Rahim",
        ),
        female_last=(
            "Aminah", "Nurbaya", "Asmawati", "Rahmatia", "Hasriani", "Irmawati",
            "Nurfadilah", "Sartika", "Rismawati", "Nurwahida",
        ),
        family=(
            "Saleh", "Hamid", "Latif", "Amin", "Rasyid", "Tahir", "Rauf", "Sanusi",
            "Mallarangeng", "Mattalitti", "Pawennei", "Palallo", "Pananrangi",
            "Sompa", "Patiroi", "Bachtiar", "Syarif", "Makmur",
        ),
        family_rate=0.45,
        middle_rate=0.2,
    ),
    Region(
        key="batak",
        weight=6,
        muslim=False,
        male_first=(
            "Roy", "Jhonson", "Rudolf", "Parlindungan", "Togar", "Binsar", "Hotman",
            "Sahat", "Poltak", "Martua", "Tigor", "Robert", "Benny", "Hisar",
            "Parulian", "Marihot", "Bonar", "Daniel",
        ),
        female_first=(
            "Rosmawati", "Lasmaria", "Tiurma", "Rumondang", "Sondang", "Rotua",
            "Masniari", "Debora", "Ruth", "Christina", "Rosdiana", "Hotnida",
            "Lamtiur", "Nurmala",
        ),
        male_middle=("Halomoan", "Parulian", "Marihot", "Mangasi", "Tua", "Hamonangan"),
        female_middle=("Lasmaria", "Rumondang", "Uli", "Rosa", "Tiurlan"),
        male_last=(),
        female_last=(),
        family=(
            "Simanjuntak", "Siregar", "Situmorang", "Hutapea", "Panjaitan",
            "Sinaga", "Simatupang", "Manurung", "Tampubolon", "Pardede",
            "Sitompul", "Hutagalung", "Silalahi", "Sihombing", "Napitupulu",
            "Siahaan", "Sitorus", "Pasaribu", "Simbolon", "Marpaung", "Hutabarat",
            "Gultom", "Sianipar", "Purba", "Saragih", "Damanik", "Ginting",
            "Tarigan", "Sembiring", "Surbakti",
        ),
        family_rate=1.0,
        middle_rate=0.3,
    ),
    Region(
        key="bali",
        weight=4,
        muslim=False,
        male_first=(
            "I Wayan", "I Made", "I Nyoman", "I Ketut", "I Putu", "I Gede",
            "I Kadek", "I Komang", "I Gusti Ngurah", "Ida Bagus", "Anak Agung Ngurah",
            "Dewa Gede",
        ),
        female_first=(
            "Ni Luh", "Ni Made", "Ni Nyoman", "Ni Ketut", "Ni Putu", "Ni Wayan",
            "Ni Kadek", "Ni Komang", "Ida Ayu", "Anak Agung Ayu", "Ni Gusti Ayu",
            "Desak Made",
        ),
        male_middle=("Gede", "Agus", "Eka", "Adi"),
        female_middle=("Ayu", "Sri", "Eka", "Dewi"),
        male_last=(
            "Sudarsana", "Suarjana", "Astawa", "Artawan", "Sukadana", "Mahendra",
            "Wirawan", "Adnyana", "Sumerta", "Wiryawan", "Arsana", "Budiarta",
            "Suardika", "Putrawan", "Santika", "Yasa", "Suteja", "Widiana",
            "Sukarma", "Darmayasa",
        ),
        female_last=(
            "Sukmawati", "Ariani", "Suarniti", "Sumartini", "Astiti", "Widiasih",
            "Kartini", "Sudiani", "Puspawati", "Yuliantini", "Mahayani", "Artini",
            "Dewiyanti", "Ariasih", "Suryani",
        ),
        middle_rate=0.2,
    ),
    Region(
        key="minahasa",
        weight=4,
        muslim=False,
        male_first=(
            "Jeffry", "Stevie", "Ronny", "Herry", "Freddy", "Johny", "Alfred",
            "Novry", "Olly", "Hendrik", "Frans", "Marthen", "Steven", "Denny",
            "Meidy", "Vecky",
        ),
        female_first=(
            "Meiske", "Feibe", "Vonny", "Grace", "Inggrid", "Stella", "Lenny",
            "Meity", "Olvie", "Jeane", "Deisy", "Sisca", "Ivonne", "Marlyn",
            "Fransiska", "Tineke",
        ),
        male_middle=("Johannes", "Ferdinand", "Richard", "Willem"),
        female_middle=("Maria", "Christine", "Angela", "Yohana"),
        male_last=(),
        female_last=(),
        family=(
            "Wowor", "Rondonuwu", "Mandagi", "Sumampouw", "Pangemanan", "Tumbelaka",
            "Lumentut", "Kaunang", "Rumengan", "Tumewu", "Sondakh", "Mamahit",
            "Karundeng", "Tambuwun", "Lengkong", "Walewangko", "Runtuwene", "Supit",
            "Rompas", "Lasut", "Kalalo", "Tuwaidan", "Paat", "Sigar",
        ),
        family_rate=1.0,
        middle_rate=0.2,
    ),
    Region(
        key="nusa_tenggara_maluku_papua",
        weight=5,
        muslim=False,
        male_first=(
            "Yohanes", "Petrus", "Fransiskus", "Yosef", "Markus", "Agustinus",
            "Paulus", "Stefanus", "Yakobus", "Kornelis", "Melkias", "Yusak",
            "Obed", "Yeremias",
        ),
        female_first=(
            "Maria", "Yuliana", "Agustina", "Margaretha", "Theresia", "Katarina",
            "Yosefina", "Bernadeta", "Elisabeth", "Veronika", "Yohana", "Marice",
        ),
        male_middle=("Don", "Bosco", "Benediktus", "Simon"),
        female_middle=("Goreti", "Imakulata", "Fransiska", "Novita"),
        male_last=(),
        female_last=(),
        family=(
            "Manafe", "Nahak", "Ndun", "Tefa", "Bere", "Sinlae", "Latupeirissa",
            "Pattinama", "Leimena", "Tuanakotta", "Rumbiak", "Wanggai", "Kambu",
            "Mandowen", "Pelupessy", "Lewerissa", "Nuban", "Taolin", "Lerebulan",
            "Mayor",
        ),
        family_rate=1.0,
        middle_rate=0.25,
    ),
)


def _union(*groups: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for group in groups for name in group))


MALE_FIRST_NAMES: tuple[str, ...] = _union(*(r.male_first for r in REGIONS))
FEMALE_FIRST_NAMES: tuple[str, ...] = _union(*(r.female_first for r in REGIONS))
SURNAMES: tuple[str, ...] = _union(
    *(r.male_last for r in REGIONS),
    *(r.female_last for r in REGIONS),
    *(r.family for r in REGIONS),
)

# Titles written before the name (doctorate, physician, dentist, nurse, pilgrim).
TITLE_PREFIXES: tuple[str, ...] = ("Dr.", "dr.", "drg.", "Ns.", "Ir.", "H.", "Hj.")

# --- Academic degrees: (bachelor, master, diploma-3) per job family ------------
GENERIC_DEGREES = (
    ("S.E.", "S.Sos.", "S.H.", "S.Kom.", "S.T.", "S.A.P.", "S.I.P.", "S.Psi.", "S.Si.", "S.Pd."),
    ("M.Si.", "M.M.", "M.A.P.", "M.H.", "M.Kom.", "M.P.A.", "M.T."),
    ("A.Md.",),
)
DEGREES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "keuangan": (("S.E.", "S.Ak."), ("M.Ak.", "M.M.", "M.Si."), ("A.Md.", "A.Md.Ak.")),
    "sdm": (("S.Psi.", "S.Sos.", "S.E.", "S.A.P."), ("M.Psi.", "M.Si.", "M.M."), ("A.Md.",)),
    "kepegawaian": (("S.Sos.", "S.A.P.", "S.H.", "S.E."), ("M.Si.", "M.A.P.", "M.H."), ("A.Md.",)),
    "data": (("S.Kom.", "S.T.", "S.Si."), ("M.Kom.", "M.T.", "M.Sc."), ("A.Md.Kom.", "A.Md.")),
    "rekrutmen": (("S.Kom.", "S.Psi.", "S.T."), ("M.Kom.", "M.Psi."), ("A.Md.Kom.",)),
    "humas_hukum": (("S.H.", "S.I.Kom."), ("M.H.", "M.I.Kom."), ("A.Md.",)),
    "audit": (("S.E.", "S.Ak.", "S.H."), ("M.Ak.", "M.Si."), ("A.Md.",)),
    "asesor": (("S.Psi.",), ("M.Psi.", "M.Si."), ("A.Md.",)),
    "diklat": (("S.Pd.", "S.Sos."), ("M.Pd.", "M.Si.", "M.A.P."), ("A.Md.",)),
    "kajian": (("S.Sos.", "S.I.P.", "S.E."), ("M.Si.", "M.A.", "M.P.P."), ("A.Md.",)),
    "perencanaan": (("S.E.", "S.T.", "S.Sos."), ("M.Si.", "M.P.P.", "M.E."), ("A.Md.",)),
    "arsip": (("S.Hum.", "S.I.P.", "S.Sos."), ("M.Hum.", "M.Si."), ("A.Md.",)),
    "pendidikan": (("S.Pd.", "S.Pd.I.", "S.Si."), ("M.Pd.",), ("A.Ma.Pd.", "A.Md.")),
    "kesehatan": (("S.Kep.", "S.K.M.", "S.Farm.", "S.Gz."), ("M.Kes.", "M.K.M."), ("A.Md.Kep.", "A.Md.Keb.", "A.Md.Kes.")),
    "pertanian": (("S.P.", "S.Pi.", "S.Pt."), ("M.P.", "M.Si."), ("A.Md.",)),
    "teknik": (("S.T.", "S.Kom."), ("M.T.",), ("A.Md.T.", "A.Md.")),
}

# --- Jabatan fungsional: (base title, grades, weight) --------------------------
# grades: "A" = Ahli Pertama/Muda/Madya/Utama, "T" = Terampil/Mahir/Penyelia,
# "AT" = both ladders exist.
FUNGSIONAL: dict[str, tuple[tuple[str, str, float], ...]] = {
    "pimpinan": (
        ("Analis Kebijakan", "A", 3), ("Analis Sumber Daya Manusia Aparatur", "A", 2),
        ("Analis Kepegawaian", "A", 2), ("Pranata Hubungan Masyarakat", "AT", 1),
    ),
    "umum": (
        ("Arsiparis", "AT", 3), ("Pengelola Pengadaan Barang/Jasa", "A", 2),
        ("Pranata Komputer", "AT", 1), ("Analis Kebijakan", "A", 1),
        ("Penata Kelola Barang Milik Negara", "A", 1),
    ),
    "perencanaan": (
        ("Perencana", "A", 4), ("Analis Kebijakan", "A", 2), ("Analis Anggaran", "A", 2),
        ("Analis Organisasi", "A", 1),
    ),
    "sdm": (
        ("Analis Sumber Daya Manusia Aparatur", "A", 5), ("Analis Kepegawaian", "A", 3),
        ("Pranata Sumber Daya Manusia Aparatur", "T", 2), ("Psikolog Klinis", "A", 0.3),
    ),
    "keuangan": (
        ("Analis Pengelolaan Keuangan APBN", "A", 4), ("Pranata Keuangan APBN", "T", 3),
        ("Analis Anggaran", "A", 1), ("Auditor", "A", 0.5),
    ),
    "humas_hukum": (
        ("Pranata Hubungan Masyarakat", "AT", 3), ("Perancang Peraturan Perundang-undangan", "A", 3),
        ("Analis Hukum", "A", 3), ("Analis Kebijakan", "A", 1),
    ),
    "data": (
        ("Pranata Komputer", "AT", 6), ("Statistisi", "AT", 2), ("Analis Kepegawaian", "A", 2),
        ("Manggala Informatika", "A", 1),
    ),
    "arsip": (("Arsiparis", "AT", 6), ("Analis Kepegawaian", "A", 2), ("Pranata Komputer", "AT", 1)),
    "kepegawaian": (
        ("Analis Kepegawaian", "A", 6), ("Analis Sumber Daya Manusia Aparatur", "A", 3),
        ("Analis Kebijakan", "A", 2), ("Auditor Kepegawaian", "A", 1), ("Pranata Komputer", "AT", 1),
    ),
    "audit": (("Auditor", "AT", 8), ("Auditor Kepegawaian", "A", 2), ("Analis Kebijakan", "A", 0.5)),
    "diklat": (
        ("Widyaiswara", "A", 5), ("Analis Sumber Daya Manusia Aparatur", "A", 2),
        ("Pengembang Teknologi Pembelajaran", "A", 2), ("Pranata Komputer", "AT", 1),
    ),
    "asesor": (
        ("Asesor Sumber Daya Manusia Aparatur", "A", 7), ("Analis Sumber Daya Manusia Aparatur", "A", 2),
        ("Psikolog Klinis", "A", 1), ("Pranata Komputer", "AT", 1),
    ),
    "kajian": (("Analis Kebijakan", "A", 6), ("Analis Kepegawaian", "A", 2), ("Statistisi", "AT", 1)),
    "rekrutmen": (
        ("Pranata Komputer", "AT", 4), ("Analis Kepegawaian", "A", 3),
        ("Asesor Sumber Daya Manusia Aparatur", "A", 2), ("Manggala Informatika", "A", 1),
    ),
    "pendidikan": (
        ("Guru", "A", 12), ("Pengawas Sekolah", "A", 1), ("Penilik", "A", 0.5),
        ("Pustakawan", "AT", 0.5), ("Pamong Belajar", "A", 0.5),
    ),
    "kesehatan": (
        ("Perawat", "AT", 8), ("Bidan", "AT", 5), ("Dokter", "A", 2), ("Dokter Gigi", "A", 0.5),
        ("Apoteker", "A", 1), ("Nutrisionis", "AT", 1), ("Sanitarian", "AT", 1),
        ("Pranata Laboratorium Kesehatan", "AT", 1), ("Perekam Medis", "T", 1),
        ("Epidemiolog Kesehatan", "A", 0.5),
    ),
    "pertanian": (
        ("Penyuluh Pertanian", "AT", 6), ("Pengawas Benih Tanaman", "AT", 1),
        ("Medik Veteriner", "A", 1), ("Paramedik Veteriner", "T", 1), ("Penyuluh Perikanan", "AT", 2),
    ),
    "teknik": (
        ("Teknik Jalan dan Jembatan", "AT", 3), ("Teknik Pengairan", "AT", 2),
        ("Penata Ruang", "A", 1), ("Penguji Kendaraan Bermotor", "T", 2), ("Pranata Komputer", "AT", 1),
    ),
}

# --- Jabatan pelaksana: (title, weight) ----------------------------------------
_PELAKSANA_COMMON = (
    ("Pengadministrasi Perkantoran", 6), ("Penata Layanan Operasional", 4),
    ("Pengelola Layanan Operasional", 3), ("Operator Layanan Operasional", 3),
    ("Penelaah Teknis Kebijakan", 3), ("Pengolah Data dan Informasi", 2), ("Pengelola Data", 2),
)
PELAKSANA: dict[str, tuple[tuple[str, float], ...]] = {
    "umum": _PELAKSANA_COMMON + (("Pengelola Barang Milik Negara", 2), ("Pengemudi", 1), ("Pramu Bakti", 1)),
    "keuangan": _PELAKSANA_COMMON + (("Penata Laporan Keuangan", 6), ("Bendahara", 3), ("Pengelola Keuangan", 3)),
    "data": _PELAKSANA_COMMON + (("Penata Kelola Sistem dan Teknologi Informasi", 5), ("Pengelola Data", 4)),
    "arsip": _PELAKSANA_COMMON + (("Pengelola Arsip", 6), ("Pengolah Data dan Informasi", 3)),
    "kesehatan": _PELAKSANA_COMMON + (("Pengelola Rekam Medis", 3), ("Pengemudi Ambulans", 1)),
    "pendidikan": _PELAKSANA_COMMON + (("Pengelola Sarana dan Prasarana Sekolah", 2), ("Penjaga Sekolah", 1)),
}
PELAKSANA_DEFAULT = _PELAKSANA_COMMON

# --- Agencies for the national benchmark ---------------------------------------
# Central agencies, roughly largest first: (code, name, top civil-servant post).
# An empty post means "Sekretaris Jenderal <name>" for a ministry, else "Kepala <name>".
CENTRAL_AGENCIES: tuple[tuple[str, str, str], ...] = (
    ("KEMENAG", "Kementerian Agama", ""),
    ("KEMENKEU", "Kementerian Keuangan", ""),
    ("KEMENKUMHAM", "Kementerian Hukum dan Hak Asasi Manusia", ""),
    ("MA", "Mahkamah Agung", "Sekretaris Mahkamah Agung"),
    ("KEJAGUNG", "Kejaksaan Republik Indonesia", "Jaksa Agung Muda Pembinaan"),
    ("KEMHAN", "Kementerian Pertahanan", ""),
    ("KEMENDIKBUDRISTEK", "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi", ""),
    ("KEMENKES", "Kementerian Kesehatan", ""),
    ("ATRBPN", "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional", ""),
    ("KEMENHUB", "Kementerian Perhubungan", ""),
    ("KEMENPUPR", "Kementerian Pekerjaan Umum dan Perumahan Rakyat", ""),
    ("BPS", "Badan Pusat Statistik", ""),
    ("KEMENTAN", "Kementerian Pertanian", ""),
    ("KLHK", "Kementerian Lingkungan Hidup dan Kehutanan", ""),
    ("BRIN", "Badan Riset dan Inovasi Nasional", ""),
    ("BPKP", "Badan Pengawasan Keuangan dan Pembangunan", ""),
    ("KKP", "Kementerian Kelautan dan Perikanan", ""),
    ("BMKG", "Badan Meteorologi, Klimatologi, dan Geofisika", ""),
    ("BPOM", "Badan Pengawas Obat dan Makanan", ""),
    ("KEMENDAGRI", "Kementerian Dalam Negeri", ""),
    ("KEMENSOS", "Kementerian Sosial", ""),
    ("KEMENLU", "Kementerian Luar Negeri", ""),
    ("BPK", "Badan Pemeriksa Keuangan", "Sekretaris Jenderal Badan Pemeriksa Keuangan"),
    ("KEMNAKER", "Kementerian Ketenagakerjaan", ""),
    ("BKN", "Badan Kepegawaian Negara", ""),
    ("KEMENDAG", "Kementerian Perdagangan", ""),
    ("KEMENPERIN", "Kementerian Perindustrian", ""),
    ("KESDM", "Kementerian Energi dan Sumber Daya Mineral", ""),
    ("KOMINFO", "Kementerian Komunikasi dan Informatika", ""),
    ("BNN", "Badan Narkotika Nasional", ""),
    ("KEMENDESA", "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi", ""),
    ("BASARNAS", "Badan Nasional Pencarian dan Pertolongan", ""),
    ("KPU", "Sekretariat Jenderal Komisi Pemilihan Umum", ""),
    ("BAWASLU", "Sekretariat Jenderal Badan Pengawas Pemilihan Umum", ""),
    ("SETJEN-DPR", "Sekretariat Jenderal Dewan Perwakilan Rakyat", ""),
    ("KEMENSETNEG", "Kementerian Sekretariat Negara", "Sekretaris Kementerian Sekretariat Negara"),
    ("BAPPENAS", "Kementerian Perencanaan Pembangunan Nasional/Bappenas", "Sekretaris Utama Bappenas"),
    ("LAN", "Lembaga Administrasi Negara", ""),
    ("ANRI", "Arsip Nasional Republik Indonesia", ""),
    ("BNPB", "Badan Nasional Penanggulangan Bencana", ""),
    ("BSSN", "Badan Siber dan Sandi Negara", ""),
    ("BIG", "Badan Informasi Geospasial", ""),
    ("BSN", "Badan Standardisasi Nasional", ""),
    ("BAPETEN", "Badan Pengawas Tenaga Nuklir", ""),
    ("LKPP", "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah", ""),
    ("BKKBN", "Badan Kependudukan dan Keluarga Berencana Nasional", ""),
    ("PERPUSNAS", "Perpustakaan Nasional Republik Indonesia", ""),
    ("KEMENPANRB", "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", ""),
    ("KEMENBUMN", "Kementerian Badan Usaha Milik Negara", ""),
    ("KEMENKOPUKM", "Kementerian Koperasi dan Usaha Kecil dan Menengah", ""),
    ("KEMENPPPA", "Kementerian Pemberdayaan Perempuan dan Perlindungan Anak", ""),
    ("KEMENPORA", "Kementerian Pemuda dan Olahraga", ""),
    ("KEMENPAREKRAF", "Kementerian Pariwisata dan Ekonomi Kreatif", ""),
    ("KEMENINVES", "Kementerian Investasi/Badan Koordinasi Penanaman Modal", ""),
    ("KEMENKOPOLHUKAM", "Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan", "Sekretaris Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan"),
    ("KEMENKOEKON", "Kementerian Koordinator Bidang Perekonomian", "Sekretaris Kementerian Koordinator Bidang Perekonomian"),
    ("KEMENKOPMK", "Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan", "Sekretaris Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan"),
    ("KEMENKOMARVES", "Kementerian Koordinator Bidang Kemaritiman dan Investasi", "Sekretaris Kementerian Koordinator Bidang Kemaritiman dan Investasi"),
    ("SETKAB", "Sekretariat Kabinet", "Sekretaris Kabinet"),
    ("BAKAMLA", "Badan Keamanan Laut", ""),
    ("BNPT", "Badan Nasional Penanggulangan Terorisme", ""),
    ("BP2MI", "Badan Pelindungan Pekerja Migran Indonesia", ""),
    ("BPIP", "Badan Pembinaan Ideologi Pancasila", ""),
    ("BNPP", "Badan Nasional Pengelola Perbatasan", ""),
    ("BAPANAS", "Badan Pangan Nasional", ""),
    ("BRGM", "Badan Restorasi Gambut dan Mangrove", ""),
    ("BPBATAM", "Badan Pengusahaan Kawasan Perdagangan Bebas dan Pelabuhan Bebas Batam", ""),
    ("OIKN", "Otorita Ibu Kota Nusantara", ""),
    ("LEMHANNAS", "Lembaga Ketahanan Nasional", ""),
    ("PPATK", "Pusat Pelaporan dan Analisis Transaksi Keuangan", ""),
    ("KPK", "Komisi Pemberantasan Korupsi", "Sekretaris Jenderal Komisi Pemberantasan Korupsi"),
    ("MK", "Sekretariat Jenderal Mahkamah Konstitusi", ""),
    ("KY", "Sekretariat Jenderal Komisi Yudisial", ""),
    ("SETJEN-MPR", "Sekretariat Jenderal Majelis Permusyawaratan Rakyat", ""),
    ("SETJEN-DPD", "Sekretariat Jenderal Dewan Perwakilan Daerah", ""),
    ("KOMNASHAM", "Sekretariat Jenderal Komisi Nasional Hak Asasi Manusia", ""),
    ("OMBUDSMAN", "Ombudsman Republik Indonesia", "Sekretaris Jenderal Ombudsman Republik Indonesia"),
    ("KPPU", "Komisi Pengawas Persaingan Usaha", "Sekretaris Jenderal Komisi Pengawas Persaingan Usaha"),
    ("KASN", "Komisi Aparatur Sipil Negara", "Asisten Komisioner Komisi Aparatur Sipil Negara"),
    ("BIN", "Badan Intelijen Negara", ""),
    ("LPSK", "Lembaga Perlindungan Saksi dan Korban", "Sekretaris Jenderal Lembaga Perlindungan Saksi dan Korban"),
    ("RRI", "Lembaga Penyiaran Publik Radio Republik Indonesia", ""),
    ("TVRI", "Lembaga Penyiaran Publik Televisi Republik Indonesia", ""),
)

PROVINCES: tuple[str, ...] = (
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Kepulauan Riau", "Jambi",
    "Sumatera Selatan", "Kepulauan Bangka Belitung", "Bengkulu", "Lampung",
    "DKI Jakarta", "Jawa Barat", "Banten", "Jawa Tengah", "DI Yogyakarta",
    "Jawa Timur", "Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur",
    "Kalimantan Barat", "Kalimantan Tengah", "Kalimantan Selatan",
    "Kalimantan Timur", "Kalimantan Utara", "Sulawesi Utara", "Gorontalo",
    "Sulawesi Tengah", "Sulawesi Barat", "Sulawesi Selatan", "Sulawesi Tenggara",
    "Maluku", "Maluku Utara", "Papua", "Papua Barat", "Papua Selatan",
    "Papua Tengah", "Papua Pegunungan", "Papua Barat Daya",
)

REGENCIES: tuple[str, ...] = (
    "Aceh Besar", "Pidie", "Aceh Utara", "Bireuen", "Aceh Tengah", "Aceh Barat",
    "Deli Serdang", "Langkat", "Karo", "Simalungun", "Asahan", "Labuhanbatu",
    "Tapanuli Utara", "Tapanuli Selatan", "Toba", "Samosir", "Mandailing Natal",
    "Nias", "Dairi", "Serdang Bedagai", "Batu Bara", "Agam", "Tanah Datar",
    "Padang Pariaman", "Pesisir Selatan", "Lima Puluh Kota", "Pasaman", "Solok",
    "Sijunjung", "Kampar", "Bengkalis", "Indragiri Hilir", "Indragiri Hulu",
    "Rokan Hulu", "Rokan Hilir", "Siak", "Pelalawan", "Kuantan Singingi", "Bintan",
    "Karimun", "Natuna", "Lingga", "Muaro Jambi", "Batang Hari", "Bungo", "Tebo",
    "Kerinci", "Merangin", "Sarolangun", "Tanjung Jabung Barat",
    "Ogan Komering Ilir", "Ogan Komering Ulu", "Muara Enim", "Lahat",
    "Musi Banyuasin", "Musi Rawas", "Banyuasin", "Ogan Ilir", "Bangka", "Belitung",
    "Bangka Barat", "Rejang Lebong", "Bengkulu Utara", "Kaur", "Lampung Selatan",
    "Lampung Tengah", "Lampung Utara", "Lampung Timur", "Tanggamus", "Pringsewu",
    "Pesawaran", "Tulang Bawang", "Way Kanan", "Bogor", "Sukabumi", "Cianjur",
    "Bandung", "Bandung Barat", "Garut", "Tasikmalaya", "Ciamis", "Pangandaran",
    "Kuningan", "Cirebon", "Majalengka", "Sumedang", "Indramayu", "Subang",
    "Purwakarta", "Karawang", "Bekasi", "Tangerang", "Serang", "Lebak",
    "Pandeglang", "Cilacap", "Banyumas", "Purbalingga", "Banjarnegara", "Kebumen",
    "Purworejo", "Wonosobo", "Magelang", "Boyolali", "Klaten", "Sukoharjo",
    "Wonogiri", "Karanganyar", "Sragen", "Grobogan", "Blora", "Rembang", "Pati",
    "Kudus", "Jepara", "Demak", "Semarang", "Temanggung", "Kendal", "Batang",
    "Pekalongan", "Pemalang", "Tegal", "Brebes", "Sleman", "Bantul", "Gunungkidul",
    "Kulon Progo", "Pacitan", "Ponorogo", "Trenggalek", "Tulungagung", "Blitar",
    "Kediri", "Malang", "Lumajang", "Jember", "Banyuwangi", "Bondowoso",
    "Situbondo", "Probolinggo", "Pasuruan", "Sidoarjo", "Mojokerto", "Jombang",
    "Nganjuk", "Madiun", "Magetan", "Ngawi", "Bojonegoro", "Tuban", "Lamongan",
    "Gresik", "Bangkalan", "Sampang", "Pamekasan", "Sumenep", "Badung", "Gianyar",
    "Tabanan", "Buleleng", "Karangasem", "Klungkung", "Bangli", "Jembrana",
    "Lombok Barat", "Lombok Tengah", "Lombok Timur", "Sumbawa", "Dompu", "Bima",
    "Kupang", "Timor Tengah Selatan", "Belu", "Sikka", "Ende", "Manggarai",
    "Sumba Timur", "Flores Timur", "Sambas", "Ketapang", "Sanggau", "Sintang",
    "Kapuas Hulu", "Kubu Raya", "Kotawaringin Barat", "Kotawaringin Timur",
    "Kapuas", "Barito Utara", "Banjar", "Tanah Laut", "Kotabaru",
    "Hulu Sungai Selatan", "Tabalong", "Kutai Kartanegara", "Kutai Timur", "Berau",
    "Paser", "Penajam Paser Utara", "Bulungan", "Nunukan", "Malinau", "Minahasa",
    "Minahasa Utara", "Bolaang Mongondow", "Kepulauan Sangihe", "Gorontalo",
    "Boalemo", "Bone Bolango", "Donggala", "Poso", "Banggai", "Parigi Moutong",
    "Tolitoli", "Mamuju", "Polewali Mandar", "Majene", "Gowa", "Maros", "Bone",
    "Wajo", "Soppeng", "Sidenreng Rappang", "Pinrang", "Luwu", "Tana Toraja",
    "Bulukumba", "Jeneponto", "Takalar", "Barru", "Pangkajene dan Kepulauan",
    "Kolaka", "Konawe", "Muna", "Buton", "Bombana", "Maluku Tengah",
    "Seram Bagian Barat", "Kepulauan Aru", "Halmahera Utara", "Halmahera Selatan",
    "Jayapura", "Merauke", "Mimika", "Biak Numfor", "Nabire", "Jayawijaya",
    "Manokwari", "Fakfak", "Sorong", "Raja Ampat",
)

CITIES: tuple[str, ...] = (
    "Banda Aceh", "Sabang", "Lhokseumawe", "Langsa", "Subulussalam", "Medan",
    "Binjai", "Pematangsiantar", "Tebing Tinggi", "Tanjungbalai", "Sibolga",
    "Padangsidimpuan", "Gunungsitoli", "Padang", "Bukittinggi", "Padang Panjang",
    "Payakumbuh", "Pariaman", "Sawahlunto", "Solok", "Pekanbaru", "Dumai", "Batam",
    "Tanjungpinang", "Jambi", "Sungai Penuh", "Palembang", "Prabumulih",
    "Lubuklinggau", "Pagar Alam", "Pangkalpinang", "Bengkulu", "Bandar Lampung",
    "Metro", "Bogor", "Depok", "Bekasi", "Bandung", "Cimahi", "Sukabumi", "Cirebon",
    "Tasikmalaya", "Banjar", "Tangerang", "Tangerang Selatan", "Serang", "Cilegon",
    "Semarang", "Surakarta", "Salatiga", "Magelang", "Pekalongan", "Tegal",
    "Yogyakarta", "Surabaya", "Malang", "Batu", "Kediri", "Blitar", "Madiun",
    "Mojokerto", "Pasuruan", "Probolinggo", "Denpasar", "Mataram", "Bima", "Kupang",
    "Pontianak", "Singkawang", "Palangka Raya", "Banjarmasin", "Banjarbaru",
    "Samarinda", "Balikpapan", "Bontang", "Tarakan", "Manado", "Bitung", "Tomohon",
    "Kotamobagu", "Gorontalo", "Palu", "Makassar", "Parepare", "Palopo", "Kendari",
    "Baubau", "Ambon", "Tual", "Ternate", "Tidore Kepulauan", "Jayapura", "Sorong",
)

# Common village / district names, reused for kecamatan and field offices.
PLACES: tuple[str, ...] = (
    "Sukamaju", "Sukajadi", "Mekarsari", "Sumberrejo", "Karangrejo", "Tanjungsari",
    "Pasirjaya", "Bojongsari", "Sidomulyo", "Margahayu", "Cibeureum", "Talang Jaya",
    "Batu Ampar", "Sungai Raya", "Kedungwaru", "Tegalsari", "Sukorejo", "Wonosari",
    "Kota Baru", "Tanah Merah", "Suka Damai", "Bukit Tinggi", "Air Putih",
    "Padang Sari", "Kampung Baru", "Lubuk Pakam", "Mulyorejo", "Purwodadi",
    "Banjarsari", "Jatisari", "Cikarang", "Ciparay", "Panjang", "Teluk Dalam",
    "Pulau Laut", "Sinar Harapan", "Mandiri Jaya", "Tirtomoyo", "Gedangan",
    "Sindangsari",
)

# Regional government offices (perangkat daerah) at level 2: (name, job family).
REGIONAL_OFFICES: tuple[tuple[str, str], ...] = (
    ("Sekretariat Dewan Perwakilan Rakyat Daerah", "umum"),
    ("Inspektorat Daerah", "audit"),
    ("Badan Perencanaan Pembangunan Daerah", "perencanaan"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "sdm"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "keuangan"),
    ("Dinas Pendidikan", "pendidikan"),
    ("Dinas Kesehatan", "kesehatan"),
    ("Rumah Sakit Umum Daerah", "kesehatan"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "teknik"),
    ("Dinas Pertanian", "pertanian"),
    ("Dinas Sosial", "umum"),
    ("Dinas Perhubungan", "teknik"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "data"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "umum"),
    ("Dinas Lingkungan Hidup", "teknik"),
    ("Dinas Komunikasi dan Informatika", "data"),
    ("Dinas Perumahan dan Kawasan Permukiman", "teknik"),
    ("Dinas Tenaga Kerja", "umum"),
    ("Dinas Koperasi dan Usaha Mikro", "umum"),
    ("Dinas Perindustrian dan Perdagangan", "umum"),
    ("Dinas Pariwisata dan Kebudayaan", "umum"),
    ("Dinas Pemuda dan Olahraga", "umum"),
    ("Dinas Perikanan", "pertanian"),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "umum"),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", "kesehatan"),
    ("Dinas Ketahanan Pangan", "pertanian"),
    ("Dinas Perpustakaan dan Kearsipan", "arsip"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "umum"),
    ("Satuan Polisi Pamong Praja", "umum"),
    ("Badan Penanggulangan Bencana Daerah", "umum"),
    ("Badan Kesatuan Bangsa dan Politik", "umum"),
    ("Badan Pendapatan Daerah", "keuangan"),
)

# Subject matter for unit names: (topic, job family).
GENERAL_TOPICS: tuple[tuple[str, str], ...] = (
    ("Perencanaan dan Anggaran", "perencanaan"), ("Keuangan", "keuangan"),
    ("Sumber Daya Manusia", "sdm"), ("Hukum dan Kerja Sama", "humas_hukum"),
    ("Data dan Informasi", "data"), ("Umum", "umum"), ("Organisasi dan Tata Laksana", "perencanaan"),
    ("Hubungan Masyarakat", "humas_hukum"), ("Pengawasan Internal", "audit"),
    ("Evaluasi dan Pelaporan", "perencanaan"), ("Pelayanan Publik", "umum"),
    ("Pembinaan Teknis", "umum"), ("Standardisasi", "umum"), ("Pengembangan Kapasitas", "sdm"),
    ("Sistem Informasi", "data"), ("Kearsipan", "arsip"), ("Barang Milik Negara", "umum"),
    ("Pengadaan Barang dan Jasa", "umum"), ("Kebijakan Strategis", "kajian"),
    ("Penelitian dan Pengembangan", "kajian"), ("Pendidikan dan Pelatihan", "diklat"),
    ("Kepatuhan Internal", "audit"), ("Monitoring dan Evaluasi", "perencanaan"),
    ("Program dan Kegiatan", "perencanaan"), ("Rumah Tangga", "umum"),
    ("Akuntansi dan Pelaporan", "keuangan"), ("Perbendaharaan", "keuangan"),
    ("Kerja Sama Luar Negeri", "humas_hukum"), ("Peraturan Perundang-undangan", "humas_hukum"),
    ("Teknologi Informasi", "data"), ("Pengelolaan Kinerja", "kepegawaian"),
    ("Mutasi dan Pengembangan Karier", "kepegawaian"), ("Kesejahteraan Pegawai", "sdm"),
    ("Protokol", "umum"), ("Tata Usaha", "umum"), ("Pengaduan Masyarakat", "umum"),
    ("Pengendalian Mutu", "audit"), ("Statistik Sektoral", "data"),
    ("Kemitraan", "humas_hukum"), ("Sarana dan Prasarana", "umum"),
)

POOL_TOPICS: dict[str, tuple[str, ...]] = {
    "pendidikan": (
        "Pembinaan Sekolah Dasar", "Pembinaan Sekolah Menengah Pertama",
        "Pendidikan Anak Usia Dini", "Pendidikan Nonformal", "Guru dan Tenaga Kependidikan",
        "Kurikulum", "Sarana dan Prasarana Pendidikan", "Penilaian Pendidikan",
        "Peserta Didik", "Kebudayaan",
    ),
    "kesehatan": (
        "Pelayanan Kesehatan", "Kesehatan Masyarakat", "Pencegahan dan Pengendalian Penyakit",
        "Sumber Daya Kesehatan", "Kefarmasian", "Gizi", "Kesehatan Ibu dan Anak",
        "Penunjang Medik", "Keperawatan", "Pelayanan Medik", "Kesehatan Lingkungan",
    ),
    "pertanian": (
        "Tanaman Pangan", "Hortikultura", "Perkebunan", "Peternakan", "Kesehatan Hewan",
        "Penyuluhan", "Prasarana dan Sarana Pertanian", "Perikanan Budidaya", "Perikanan Tangkap",
    ),
    "teknik": (
        "Bina Marga", "Sumber Daya Air", "Cipta Karya", "Penataan Ruang", "Bina Konstruksi",
        "Lalu Lintas", "Angkutan", "Pengendalian Pencemaran", "Pengelolaan Sampah",
        "Perumahan", "Jasa Konstruksi",
    ),
    "keuangan": (
        "Anggaran", "Perbendaharaan", "Akuntansi", "Aset", "Pendapatan", "Penagihan",
        "Verifikasi", "Pelaporan Keuangan",
    ),
    "sdm": (
        "Pengadaan dan Informasi Kepegawaian", "Mutasi", "Pengembangan Kompetensi",
        "Penilaian Kinerja", "Disiplin dan Kesejahteraan", "Pensiun",
    ),
    "audit": (
        "Audit Kinerja", "Audit Keuangan", "Investigasi", "Reviu dan Evaluasi",
        "Pengawasan dengan Tujuan Tertentu", "Penjaminan Mutu",
    ),
    "data": (
        "Aplikasi Informatika", "Infrastruktur Teknologi Informasi", "Statistik", "Persandian",
        "Pendaftaran Penduduk", "Pencatatan Sipil", "Pengelolaan Informasi",
    ),
    "perencanaan": (
        "Perencanaan Ekonomi", "Perencanaan Sosial Budaya", "Perencanaan Infrastruktur",
        "Penelitian dan Pengembangan", "Pengendalian dan Evaluasi",
    ),
}
