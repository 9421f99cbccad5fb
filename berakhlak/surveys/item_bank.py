"""Item bank: the questionnaire texts of the platform's built-in culture-survey instruments.

Pure data, no Django import. Every text is bilingual: Indonesian (``text_id``, formal Bahasa Indonesia
in the register of KemenPANRB's survey material) first, English (``text_en``) second.

Sources and ownership of the wording:

- ``LIKERT_ITEMS`` and ``SELECTION_OPTIONS_SHORT``: one entry per behaviour guide (panduan perilaku) of
  the 7 BerAKHLAK core values, REGULATIONS.md §1, set by SE MenPANRB 20/2021 (later UU 20/2023 Pasal 4).
  The statements and short labels are the project's rewording of those guides into observable, neutral
  survey statements about the respondent's work unit; where a guide lists several qualities (e.g. AK1
  "jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi", BP2 "ramah, cekatan, solutif,
  dan dapat diandalkan") the item keeps its core so that each item asks about one idea. The full
  official wording stays in the framework tables (``berakhlak.framework``).
  Two short labels echo the vocabulary of the national value-selection survey (REGULATIONS.md §2):
  AK1 "Jujur dan bertanggung jawab" and AD1 "Siap menghadapi perubahan".
- ``ENGAGEMENT_ITEMS``, ``BRANDING_ITEMS`` (on the employer-branding slogan "Bangga Melayani Bangsa")
  and ``LIMITING_BEHAVIOURS``: the project's own wording. The engagement items are not taken from
  Gallup Q12 or UWES; the limiting-behaviour list follows the style of a Barrett values list (short
  noun phrases) but is written for the Indonesian bureaucracy. KemenPANRB's official questionnaire is
  not public, so none of these texts claims to reproduce it.
- ``LIKERT_LABELS``, ``SELECTION_QUESTIONS``, ``COMMENT_PROMPT``: the project's own wording.

Codes: behaviour codes ``BP1`` … ``KL3`` (value code + guide number, REGULATIONS.md §1); ``EE1`` …
``EE6``; ``EB1`` … ``EB4``; ``LB01`` … ``LB12``; selection questions ``PERSONAL`` / ``CURRENT`` /
``DESIRED``. Item codes are unique across banks except that ``SELECTION_OPTIONS_SHORT`` reuses the
behaviour codes on purpose (it is the short form of the same 21 behaviours). In the value-selection
instrument, the limiting behaviours are meant to be offered beside the 21 options when describing the
current culture (Barrett-style "potentially limiting" choices).

``SELECTION_QUESTIONS`` texts contain the placeholder ``{n}`` (the maximum number of picks); fill it
with ``str.format(n=...)``.
"""

# --- 1. BerAKHLAK Likert statements: one per behaviour guide, about the respondent's work unit -------

LIKERT_ITEMS = (
    # Berorientasi Pelayanan
    {"code": "BP1", "value": "BP",
     "text_id": "Di unit kerja saya, pegawai memahami dan memenuhi kebutuhan masyarakat yang kami layani.",
     "text_en": "In my work unit, staff understand and meet the needs of the public we serve."},
    {"code": "BP2", "value": "BP",
     "text_id": "Di unit kerja saya, pengguna layanan dapat mengandalkan pegawai untuk menyelesaikan keperluannya.",
     "text_en": "In my work unit, service users can rely on staff to get their matters resolved."},
    {"code": "BP3", "value": "BP",
     "text_id": "Di unit kerja saya, pegawai terus memperbaiki cara kerja dan layanan.",
     "text_en": "In my work unit, staff keep improving how we work and serve."},
    # Akuntabel
    {"code": "AK1", "value": "AK",
     "text_id": "Di unit kerja saya, pegawai melaksanakan tugas dengan jujur dan berintegritas.",
     "text_en": "In my work unit, staff carry out their duties honestly and with integrity."},
    {"code": "AK2", "value": "AK",
     "text_id": "Di unit kerja saya, pegawai menggunakan barang milik negara secara efisien dan bertanggung jawab.",
     "text_en": "In my work unit, staff use state property efficiently and responsibly."},
    {"code": "AK3", "value": "AK",
     "text_id": "Di unit kerja saya, kewenangan jabatan digunakan hanya untuk kepentingan tugas.",
     "text_en": "In my work unit, the authority of office is used only for official purposes."},
    # Kompeten
    {"code": "KO1", "value": "KO",
     "text_id": "Di unit kerja saya, pegawai terus meningkatkan kompetensinya untuk menghadapi tantangan baru.",
     "text_en": "In my work unit, staff keep developing their competence to meet new challenges."},
    {"code": "KO2", "value": "KO",
     "text_id": "Di unit kerja saya, pegawai membantu rekan kerja untuk belajar.",
     "text_en": "In my work unit, staff help colleagues learn."},
    {"code": "KO3", "value": "KO",
     "text_id": "Di unit kerja saya, pegawai menyelesaikan tugas dengan kualitas terbaik.",
     "text_en": "In my work unit, staff complete their tasks to the best possible quality."},
    # Harmonis
    {"code": "HA1", "value": "HA",
     "text_id": "Di unit kerja saya, setiap orang dihargai apa pun latar belakangnya.",
     "text_en": "In my work unit, everyone is respected whatever their background."},
    {"code": "HA2", "value": "HA",
     "text_id": "Di unit kerja saya, pegawai ringan tangan menolong orang lain.",
     "text_en": "In my work unit, staff are willing to help others."},
    {"code": "HA3", "value": "HA",
     "text_id": "Di unit kerja saya, pegawai bersama-sama menjaga suasana kerja yang kondusif.",
     "text_en": "In my work unit, staff work together to keep a good working atmosphere."},
    # Loyal
    {"code": "LO1", "value": "LO",
     "text_id": "Di unit kerja saya, pegawai setia pada Pancasila, UUD 1945, NKRI, dan pemerintahan yang sah.",
     "text_en": "In my work unit, staff are loyal to Pancasila, the 1945 Constitution, the Republic "
                "and its lawful government."},
    {"code": "LO2", "value": "LO",
     "text_id": "Di unit kerja saya, pegawai menjaga nama baik sesama ASN, pimpinan, dan instansi.",
     "text_en": "In my work unit, staff protect the good name of fellow civil servants, leaders and the agency."},
    {"code": "LO3", "value": "LO",
     "text_id": "Di unit kerja saya, pegawai menjaga kerahasiaan informasi jabatan dan negara.",
     "text_en": "In my work unit, staff keep official and state information confidential."},
    # Adaptif
    {"code": "AD1", "value": "AD",
     "text_id": "Di unit kerja saya, pegawai cepat menyesuaikan diri dengan perubahan.",
     "text_en": "In my work unit, staff adapt quickly to change."},
    {"code": "AD2", "value": "AD",
     "text_id": "Di unit kerja saya, pegawai memunculkan ide dan cara kerja baru.",
     "text_en": "In my work unit, staff come up with new ideas and ways of working."},
    {"code": "AD3", "value": "AD",
     "text_id": "Di unit kerja saya, pegawai mengambil inisiatif tanpa menunggu perintah.",
     "text_en": "In my work unit, staff take the initiative without waiting to be told."},
    # Kolaboratif
    {"code": "KL1", "value": "KL",
     "text_id": "Di unit kerja saya, berbagai pihak diberi kesempatan untuk berkontribusi.",
     "text_en": "In my work unit, different parties are given the chance to contribute."},
    {"code": "KL2", "value": "KL",
     "text_id": "Di unit kerja saya, pegawai terbuka bekerja sama dengan unit dan pihak lain.",
     "text_en": "In my work unit, staff are open to working with other units and partners."},
    {"code": "KL3", "value": "KL",
     "text_id": "Di unit kerja saya, pegawai menggabungkan berbagai sumber daya untuk mencapai tujuan bersama.",
     "text_en": "In my work unit, staff pool different resources to reach shared goals."},
)

# --- 2. Anchor labels of the agreement scales, low to high: (text_id, text_en) per point ------------

LIKERT_LABELS = {
    (1, 4): (
        ("Sangat tidak setuju", "Strongly disagree"),
        ("Tidak setuju", "Disagree"),
        ("Setuju", "Agree"),
        ("Sangat setuju", "Strongly agree"),
    ),
    (1, 5): (
        ("Sangat tidak setuju", "Strongly disagree"),
        ("Tidak setuju", "Disagree"),
        ("Netral/Ragu-ragu", "Neutral/Unsure"),
        ("Setuju", "Agree"),
        ("Sangat setuju", "Strongly agree"),
    ),
    (1, 6): (
        ("Sangat tidak setuju", "Strongly disagree"),
        ("Tidak setuju", "Disagree"),
        ("Agak tidak setuju", "Slightly disagree"),
        ("Agak setuju", "Slightly agree"),
        ("Setuju", "Agree"),
        ("Sangat setuju", "Strongly agree"),
    ),
}

# --- 3. Employee Engagement (project's own wording; first person, about oneself) --------------------

ENGAGEMENT_ITEMS = (
    # pride
    {"code": "EE1",
     "text_id": "Saya bangga bekerja di instansi ini.",
     "text_en": "I am proud to work at this agency."},
    # energy
    {"code": "EE2",
     "text_id": "Saya memiliki energi untuk bekerja dengan baik sepanjang hari kerja.",
     "text_en": "I have the energy to work well throughout the working day."},
    # commitment to stay
    {"code": "EE3",
     "text_id": "Saya ingin tetap bekerja di instansi ini dalam beberapa tahun ke depan.",
     "text_en": "I want to keep working at this agency for the next few years."},
    # going the extra mile
    {"code": "EE4",
     "text_id": "Saya bersedia berupaya lebih dari yang diminta agar pekerjaan tuntas dengan baik.",
     "text_en": "I am willing to do more than is asked so that the work is done well."},
    # recommending the agency
    {"code": "EE5",
     "text_id": "Saya akan merekomendasikan instansi ini sebagai tempat kerja kepada kenalan saya.",
     "text_en": "I would recommend this agency as a place to work to people I know."},
    # meaning of work
    {"code": "EE6",
     "text_id": "Pekerjaan sehari-hari saya terasa berarti, bukan sekadar kewajiban.",
     "text_en": "My day-to-day work feels worthwhile, not just an obligation."},
)

# --- 4. Employer Branding "Bangga Melayani Bangsa" (project's own wording) -------------------------

BRANDING_ITEMS = (
    # pride to be ASN
    {"code": "EB1",
     "text_id": "Saya bangga menjadi ASN.",
     "text_en": "I am proud to be a civil servant (ASN)."},
    # would recommend working in government
    {"code": "EB2",
     "text_id": "Saya akan menyarankan keluarga atau teman untuk berkarier sebagai ASN.",
     "text_en": "I would encourage family or friends to pursue a career in the civil service."},
    # the agency's image in the public eye
    {"code": "EB3",
     "text_id": "Menurut saya, masyarakat memandang instansi saya secara positif.",
     "text_en": "In my view, the public sees my agency in a positive light."},
    # living the slogan
    {"code": "EB4",
     "text_id": "Saya menerapkan semangat \u201cBangga Melayani Bangsa\u201d dalam pekerjaan sehari-hari.",
     "text_en": "I live out the spirit of \u201cProud to Serve the Nation\u201d in my daily work."},
)

# --- 5. Limiting behaviours for the value-selection instrument (project's own list) ----------------

LIMITING_BEHAVIOURS = (
    {"code": "LB01", "text_id": "Birokrasi berbelit", "text_en": "Red tape"},
    {"code": "LB02", "text_id": "Saling menyalahkan", "text_en": "Blame"},
    {"code": "LB03", "text_id": "Ego sektoral", "text_en": "Silo mentality"},
    {"code": "LB04", "text_id": "Asal bapak senang (ABS)", "text_en": "Telling superiors what they want to hear"},
    {"code": "LB05", "text_id": "Takut berubah", "text_en": "Fear of change"},
    {"code": "LB06", "text_id": "Menunda pekerjaan", "text_en": "Procrastination"},
    {"code": "LB07", "text_id": "Senioritas berlebihan", "text_en": "Excessive deference to seniority"},
    {"code": "LB08", "text_id": "Kontrol berlebihan", "text_en": "Excessive control"},
    {"code": "LB09", "text_id": "Kurang transparan", "text_en": "Lack of transparency"},
    {"code": "LB10", "text_id": "Mementingkan diri sendiri", "text_en": "Self-interest"},
    {"code": "LB11", "text_id": "Tidak disiplin", "text_en": "Lack of discipline"},
    {"code": "LB12", "text_id": "Kerja hanya menunggu perintah", "text_en": "Waiting to be told what to do"},
)

# --- 6. Short option labels (2-5 words) of the 21 behaviours, for the value-selection instrument ----

SELECTION_OPTIONS_SHORT = (
    {"code": "BP1", "value": "BP", "text_id": "Memahami kebutuhan masyarakat", "text_en": "Understanding public needs"},
    {"code": "BP2", "value": "BP", "text_id": "Ramah dan solutif", "text_en": "Friendly and solution-minded"},
    {"code": "BP3", "value": "BP", "text_id": "Perbaikan berkelanjutan", "text_en": "Continuous improvement"},
    {"code": "AK1", "value": "AK", "text_id": "Jujur dan bertanggung jawab", "text_en": "Honesty and responsibility"},
    {"code": "AK2", "value": "AK", "text_id": "Menggunakan aset negara secara bijak",
     "text_en": "Prudent use of state assets"},
    {"code": "AK3", "value": "AK", "text_id": "Menggunakan wewenang secara benar",
     "text_en": "Proper use of authority"},
    {"code": "KO1", "value": "KO", "text_id": "Terus mengembangkan kompetensi",
     "text_en": "Continuous self-development"},
    {"code": "KO2", "value": "KO", "text_id": "Membantu orang lain belajar", "text_en": "Helping others learn"},
    {"code": "KO3", "value": "KO", "text_id": "Bekerja dengan kualitas terbaik", "text_en": "Best-quality work"},
    {"code": "HA1", "value": "HA", "text_id": "Menghargai setiap orang", "text_en": "Respect for everyone"},
    {"code": "HA2", "value": "HA", "text_id": "Suka menolong sesama", "text_en": "Helping one another"},
    {"code": "HA3", "value": "HA", "text_id": "Lingkungan kerja kondusif", "text_en": "Supportive work environment"},
    {"code": "LO1", "value": "LO", "text_id": "Setia pada Pancasila dan NKRI",
     "text_en": "Loyalty to Pancasila and Indonesia"},
    {"code": "LO2", "value": "LO", "text_id": "Menjaga nama baik instansi",
     "text_en": "Protecting the agency's reputation"},
    {"code": "LO3", "value": "LO", "text_id": "Menjaga rahasia jabatan", "text_en": "Keeping official secrets"},
    {"code": "AD1", "value": "AD", "text_id": "Siap menghadapi perubahan", "text_en": "Readiness for change"},
    {"code": "AD2", "value": "AD", "text_id": "Inovatif dan kreatif", "text_en": "Innovation and creativity"},
    {"code": "AD3", "value": "AD", "text_id": "Bertindak proaktif", "text_en": "Taking the initiative"},
    {"code": "KL1", "value": "KL", "text_id": "Melibatkan berbagai pihak", "text_en": "Involving different parties"},
    {"code": "KL2", "value": "KL", "text_id": "Terbuka bekerja sama", "text_en": "Openness to cooperation"},
    {"code": "KL3", "value": "KL", "text_id": "Sinergi sumber daya", "text_en": "Pooling resources"},
)

# --- 7. The three questions of the value-selection instrument ({n} = maximum number of picks) -------

SELECTION_QUESTIONS = (
    {"code": "PERSONAL",
     "text_id": "Pilih paling banyak {n} perilaku yang paling menggambarkan diri Anda.",
     "text_en": "Choose up to {n} behaviours that best describe you."},
    {"code": "CURRENT",
     "text_id": "Pilih paling banyak {n} perilaku yang paling menggambarkan budaya unit kerja Anda saat ini.",
     "text_en": "Choose up to {n} behaviours that best describe the current culture of your work unit."},
    {"code": "DESIRED",
     "text_id": "Pilih paling banyak {n} perilaku yang paling menggambarkan budaya yang Anda harapkan "
                "di unit kerja Anda.",
     "text_en": "Choose up to {n} behaviours that best describe the culture you would like in your work unit."},
)

# --- 8. Optional open comment (stored apart from the answers; must not name people) ----------------

COMMENT_PROMPT = (
    "Komentar atau saran (opsional). Mohon tidak menuliskan nama orang atau keterangan lain yang dapat "
    "mengenali seseorang.",
    "Comments or suggestions (optional). Please do not write anyone's name or anything else that could "
    "identify a person.",
)
