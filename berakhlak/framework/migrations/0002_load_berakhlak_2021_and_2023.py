"""Load the BerAKHLAK framework: 7 values and 21 behaviours, in the 2021 and the UU 20/2023 wording.

Sources: SE MenPANRB 20/2021 (2021 wording, as reproduced by agencies' e-SKP templates and value
cards); UU 20/2023 Pasal 4 (reworded guides HA1, HA2, LO2). REGULATIONS.md §1. The data lives in this
migration on purpose: migrations never import application code.
"""

import copy
import datetime

from django.db import migrations

# (code, name_id, name_en, definition_id, definition_en, [(text_id, text_en) x3])
VALUES_2021 = [
    ("BP", "Berorientasi Pelayanan", "Service-oriented",
     "Komitmen memberikan pelayanan prima demi kepuasan masyarakat",
     "Committed to excellent service for the satisfaction of the public",
     [("Memahami dan memenuhi kebutuhan masyarakat", "Understands and meets the needs of the public"),
      ("Ramah, cekatan, solutif, dan dapat diandalkan", "Friendly, quick, solution-minded and reliable"),
      ("Melakukan perbaikan tiada henti", "Improves continuously")]),
    ("AK", "Akuntabel", "Accountable",
     "Bertanggung jawab atas kepercayaan yang diberikan",
     "Answers for the trust given",
     [("Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
       "Carries out duties honestly, responsibly, carefully, with discipline and high integrity"),
      ("Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
       "Uses state assets and property responsibly, effectively and efficiently"),
      ("Tidak menyalahgunakan kewenangan jabatan", "Does not abuse the authority of office")]),
    ("KO", "Kompeten", "Competent",
     "Terus belajar dan mengembangkan kapabilitas",
     "Keeps learning and developing capabilities",
     [("Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
       "Raises own competence to meet ever-changing challenges"),
      ("Membantu orang lain belajar", "Helps others learn"),
      ("Melaksanakan tugas dengan kualitas terbaik", "Carries out duties at the best quality")]),
    ("HA", "Harmonis", "Harmonious",
     "Saling peduli dan menghargai perbedaan",
     "Cares for one another and respects differences",
     [("Menghargai setiap orang apapun latar belakangnya", "Respects everyone whatever their background"),
      ("Suka menolong orang lain", "Likes to help others"),
      ("Membangun lingkungan kerja yang kondusif", "Builds a conducive working environment")]),
    ("LO", "Loyal", "Loyal",
     "Berdedikasi dan mengutamakan kepentingan Bangsa dan Negara",
     "Dedicated, putting the interests of the Nation and the State first",
     [("Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, setia kepada "
       "Negara Kesatuan Republik Indonesia serta pemerintahan yang sah",
       "Holds firmly to the Pancasila ideology and the 1945 Constitution, loyal to the Unitary State of the "
       "Republic of Indonesia and its lawful government"),
      ("Menjaga nama baik sesama ASN, Pimpinan, Instansi, dan Negara",
       "Protects the good name of fellow civil servants, leaders, the agency and the State"),
      ("Menjaga rahasia jabatan dan negara", "Keeps official and state secrets")]),
    ("AD", "Adaptif", "Adaptive",
     "Terus berinovasi dan antusias dalam menggerakkan ataupun menghadapi perubahan",
     "Keeps innovating and is enthusiastic in driving or facing change",
     [("Cepat menyesuaikan diri menghadapi perubahan", "Adjusts quickly to change"),
      ("Terus berinovasi dan mengembangkan kreativitas", "Keeps innovating and developing creativity"),
      ("Bertindak proaktif", "Acts proactively")]),
    ("KL", "Kolaboratif", "Collaborative",
     "Membangun kerja sama yang sinergis",
     "Builds synergistic cooperation",
     [("Memberi kesempatan kepada berbagai pihak untuk berkontribusi", "Gives various parties the chance to contribute"),
      ("Terbuka dalam bekerja sama untuk menghasilkan nilai tambah", "Open to working together to create added value"),
      ("Menggerakkan pemanfaatan berbagai sumberdaya untuk tujuan bersama",
       "Mobilises the use of various resources for common goals")]),
]

# UU 20/2023 rewordings (the rest is unchanged).
REWORDED_2023 = {
    ("HA", 1): ("Menghargai setiap orang tanpa membedakan latar belakang",
                "Respects everyone without distinguishing their background"),
    ("HA", 2): ("Suka menolong", "Likes to help"),
    ("LO", 2): ("Menjaga nama baik ASN, instansi, dan negara",
                "Protects the good name of civil servants, the agency and the State"),
}


def _values_2023():
    values = copy.deepcopy(VALUES_2021)
    out = []
    for code, n_id, n_en, d_id, d_en, guides in values:
        guides = [REWORDED_2023.get((code, i), g) for i, g in enumerate(guides, start=1)]
        out.append((code, n_id, n_en, d_id, d_en, guides))
    return out


VERSIONS = [
    ("2021", "BerAKHLAK 2021 (SE MenPANRB 20/2021)", "SE MenPANRB Nomor 20 Tahun 2021", datetime.date(2021, 7, 27),
     True, VALUES_2021),
    ("2023", "BerAKHLAK UU 20/2023", "UU Nomor 20 Tahun 2023 tentang ASN, Pasal 4", datetime.date(2023, 10, 31),
     False, None),
]


def load(apps, schema_editor):
    FrameworkVersion = apps.get_model("framework", "FrameworkVersion")
    CoreValue = apps.get_model("framework", "CoreValue")
    Behaviour = apps.get_model("framework", "Behaviour")
    for code, name, source, effective, is_default, values in VERSIONS:
        version = FrameworkVersion.objects.create(code=code, name=name, source=source, effective_from=effective,
                                                  is_default=is_default)
        for order, (vcode, n_id, n_en, d_id, d_en, guides) in enumerate(values or _values_2023(), start=1):
            value = CoreValue.objects.create(version=version, code=vcode, order=order, name_id=n_id, name_en=n_en,
                                             definition_id=d_id, definition_en=d_en)
            Behaviour.objects.bulk_create([
                Behaviour(value=value, code=f"{vcode}{i}", number=i, text_id=t_id, text_en=t_en)
                for i, (t_id, t_en) in enumerate(guides, start=1)
            ])


def unload(apps, schema_editor):
    apps.get_model("framework", "FrameworkVersion").objects.filter(code__in=["2021", "2023"]).delete()


class Migration(migrations.Migration):
    dependencies = [("framework", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
