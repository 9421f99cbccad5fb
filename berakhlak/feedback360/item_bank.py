"""Item bank of the 360-degree behaviour assessment (penilaian 360 derajat): the built-in items on the
21 BerAKHLAK behaviours.

Pure data, no Django import. Every text is bilingual: Indonesian (``*_id``, formal Bahasa Indonesia in
the register of government HR documents) first, English (``*_en``) second.

The scale is a behaviourally anchored rating scale (BARS) from 1 to 5. Each observer (superior, peer,
cross-unit peer, subordinate, or the employee about themselves) rates each behaviour by picking the level
whose anchor, a concrete observable behaviour, best matches what they have seen of the employee:

- level 1: the behaviour is very rarely or not shown ("Sangat jarang/tidak menunjukkan"), or its
  opposite is seen;
- level 2: the behaviour is shown now and then, or only in part;
- level 3: the behaviour meets the expectation of an ASN in that role (``LEVEL_LABELS``: "Sesuai
  harapan");
- level 4: the behaviour is shown consistently and goes beyond the expectation, on the employee's own
  initiative;
- level 5: role model ("Teladan"): exemplary conduct that also moves others to behave the same way.

Sources and ownership of the wording:

- The 21 behaviours (codes ``BP1`` … ``KL3``, value code + guide number) are the behaviour guides
  (panduan perilaku) of the 7 core values set by SE MenPANRB 20/2021 (later UU 20/2023 Pasal 4),
  REGULATIONS.md §1. ``text_id`` / ``text_en`` turn each guide into a statement about "pegawai ini" /
  "this employee"; the full official wording stays in the framework tables (``berakhlak.framework``).
- The anchors are the project's own wording: no regulation publishes behavioural anchors for the
  guides. They are a documented default that an agency may edit for each assessment cycle.
- ``LEVEL_LABELS`` and ``COMMENT_PROMPT`` are the project's own wording. The comment is optional and
  asked once per value (7 per form), not per behaviour.

Value and behaviour codes come from ``berakhlak.analytics.likert`` (``VALUE_CODES``,
``BEHAVIOUR_CODES``); ``ITEMS`` follows their order.
"""

from __future__ import annotations

from typing import NamedTuple

from berakhlak.analytics.likert import BEHAVIOUR_CODES, VALUE_CODES

LANGS = ("id", "en")

LEVELS = (1, 2, 3, 4, 5)

#: short label of each level: (label_id, label_en)
LEVEL_LABELS = {
    1: ("Sangat kurang", "Very poor"),
    2: ("Kurang", "Poor"),
    3: ("Sesuai harapan", "Meets expectations"),
    4: ("Baik sekali", "Very good"),
    5: ("Teladan", "Role model"),
}


class Item(NamedTuple):
    code: str  # behaviour code, e.g. "BP1"
    value: str  # value code, e.g. "BP"
    text_id: str  # the statement the observer rates, about "pegawai ini"
    text_en: str
    anchors: tuple[tuple[str, str], ...]  # (anchor_id, anchor_en) for levels 1 to 5


ITEMS = (
    # --- Berorientasi Pelayanan ---------------------------------------------------------------------
    Item(
        "BP1", "BP",
        "Pegawai ini memahami dan memenuhi kebutuhan masyarakat yang dilayaninya.",
        "This employee understands and meets the needs of the public they serve.",
        (
            (("Melayani tanpa menanyakan kebutuhan pengguna layanan sehingga keperluan mereka sering tidak "
              "terpenuhi."),
             "Serves without asking what service users need, so their needs often go unmet."),
            (("Hanya menanggapi permintaan yang disampaikan secara tersurat tanpa menggali kebutuhan di "
              "baliknya."),
             "Responds only to what is explicitly requested, without exploring the need behind it."),
            ("Menggali kebutuhan pengguna layanan dan memenuhinya sesuai standar pelayanan yang berlaku.",
             ("Finds out what service users need and meets it in line with the applicable service "
              "standards.")),
            ("Mengantisipasi kebutuhan pengguna layanan sebelum diminta dan memastikan keperluannya tuntas.",
             ("Anticipates service users' needs before they ask and makes sure their matter is fully "
              "resolved.")),
            (("Menghimpun masukan masyarakat untuk memperbaiki layanan dan mengajak rekan kerja berfokus pada "
              "kebutuhan pengguna."),
             "Gathers public feedback to improve the service and gets colleagues to focus on users' needs."),
        ),
    ),
    Item(
        "BP2", "BP",
        "Pegawai ini melayani dengan ramah, cekatan, solutif, dan dapat diandalkan.",
        "This employee serves in a friendly, prompt and solution-minded way and can be relied on.",
        (
            ("Bersikap ketus atau lamban dan membiarkan pengguna layanan pergi tanpa kejelasan penyelesaian.",
             ("Is curt or slow and lets service users leave without knowing how their matter will be "
              "settled.")),
            ("Bersikap sopan, tetapi penyelesaian urusan sering tertunda atau harus diingatkan berulang kali.",
             "Is polite, but often delays settling matters or has to be reminded repeatedly."),
            (("Melayani dengan ramah dan tepat waktu serta menawarkan jalan keluar atas masalah yang "
              "disampaikan."),
             "Serves courteously and on time, and offers a way forward for the problems raised."),
            (("Tetap ramah dan sigap dalam situasi sulit, dan menjadi tempat bertanya yang diandalkan pengguna "
              "maupun rekan."),
             ("Stays friendly and quick in difficult situations and is the person users and colleagues rely "
              "on for answers.")),
            (("Menjadi contoh pelayanan yang ramah dan solutif serta membimbing rekan menangani pengguna "
              "layanan yang sulit."),
             ("Sets the example of friendly, solution-minded service and coaches colleagues in handling "
              "difficult service users.")),
        ),
    ),
    Item(
        "BP3", "BP",
        "Pegawai ini terus melakukan perbaikan atas cara kerja dan layanannya.",
        "This employee keeps improving their way of working and their service.",
        (
            ("Mempertahankan cara kerja lama meskipun sudah ada keluhan atau kesalahan yang berulang.",
             "Sticks to old ways of working even when there are complaints or repeated mistakes."),
            ("Memperbaiki kekeliruan hanya setelah ditegur, tanpa mencari penyebabnya.",
             "Corrects mistakes only after being told to, without looking for their cause."),
            ("Menindaklanjuti keluhan dan hasil evaluasi dengan perbaikan pada pekerjaannya sendiri.",
             "Follows up complaints and evaluation results with improvements to their own work."),
            ("Secara berkala meninjau proses kerja dan mengusulkan perbaikan yang nyata kepada atasan.",
             "Regularly reviews work processes and proposes concrete improvements to their superior."),
            (("Memimpin upaya perbaikan layanan di unit kerja dan mendorong rekan ikut mengukur serta "
              "memperbaiki hasilnya."),
             ("Leads service-improvement efforts in the work unit and encourages colleagues to measure and "
              "improve results too.")),
        ),
    ),
    # --- Akuntabel ----------------------------------------------------------------------------------
    Item(
        "AK1", "AK",
        "Pegawai ini melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan "
        "berintegritas tinggi.",
        "This employee carries out their duties honestly, responsibly, carefully, with discipline and with "
        "high integrity.",
        (
            (("Melanggar jam kerja, melaporkan hal yang tidak sesuai fakta, atau melempar tanggung jawab "
              "kepada orang lain."),
             ("Breaks working hours, reports things that do not match the facts, or shifts responsibility "
              "onto others.")),
            (("Menyelesaikan tugas, tetapi kerap terlambat, kurang teliti, atau mencari alasan ketika terjadi "
              "kesalahan."),
             "Completes tasks, but is often late or careless, or makes excuses when something goes wrong."),
            (("Menyelesaikan tugas dengan teliti dan tepat waktu, melaporkan apa adanya, serta mengakui "
              "kesalahannya."),
             ("Completes tasks carefully and on time, reports things as they are, and owns up to their "
              "mistakes.")),
            (("Tetap jujur dan disiplin meskipun tidak diawasi, dan memeriksa ulang hasil kerja sebelum "
              "diserahkan."),
             ("Stays honest and disciplined even when unsupervised, and double-checks work before handing "
              "it in.")),
            (("Menjadi teladan integritas yang berani menolak praktik tidak jujur dan mengajak rekan menjaga "
              "kedisiplinan."),
             ("Is a model of integrity who dares to refuse dishonest practices and urges colleagues to keep "
              "discipline.")),
        ),
    ),
    Item(
        "AK2", "AK",
        "Pegawai ini menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan "
        "efisien.",
        "This employee uses state assets and property responsibly, effectively and efficiently.",
        (
            (("Memakai fasilitas kantor untuk keperluan pribadi atau membiarkan barang milik negara rusak "
              "atau hilang."),
             "Uses office facilities for personal purposes or lets state property be damaged or lost."),
            ("Memakai fasilitas kantor untuk tugas, tetapi boros anggaran, listrik, atau alat tulis kantor.",
             "Uses office facilities for work, but wastes budget, electricity or office supplies."),
            (("Menggunakan anggaran dan barang milik negara hanya untuk tugas secara hemat, serta merawat dan "
              "mencatatnya."),
             ("Uses budget and state property sparingly and only for official duties, and looks after and "
              "records them.")),
            (("Mencari cara menekan biaya tanpa menurunkan hasil, misalnya berbagi pakai peralatan atau "
              "memakai dokumen elektronik."),
             ("Looks for ways to cut costs without lowering results, such as sharing equipment or using "
              "electronic documents.")),
            (("Menggerakkan unit kerja untuk berhemat dan menata aset negara secara tertib, serta menegur "
              "penggunaan yang keliru."),
             ("Leads the work unit in saving resources and managing state assets in good order, and calls "
              "out improper use.")),
        ),
    ),
    Item(
        "AK3", "AK",
        "Pegawai ini tidak menyalahgunakan kewenangan jabatannya.",
        "This employee does not abuse the authority of their position.",
        (
            (("Memanfaatkan jabatan untuk kepentingan pribadi atau kelompok, atau menerima imbalan atas "
              "layanan yang diberikan."),
             ("Uses their position for personal or group gain, or accepts rewards for the service they "
              "provide.")),
            (("Sesekali memberi perlakuan khusus kepada kenalan atau kurang peka terhadap potensi konflik "
              "kepentingan."),
             ("Now and then gives special treatment to acquaintances or is insensitive to potential "
              "conflicts of interest.")),
            ("Menjalankan kewenangan sesuai ketentuan dan prosedur, serta menolak gratifikasi.",
             "Exercises authority in line with rules and procedures, and refuses gratuities."),
            (("Terbuka menyatakan konflik kepentingan, menghindari keputusan yang menyangkut dirinya, dan "
              "melaporkan gratifikasi."),
             ("Openly declares conflicts of interest, steps aside from decisions that concern them, and "
              "reports gratuities.")),
            (("Menjadi rujukan penggunaan wewenang yang bersih dan mendorong rekan mencegah serta melaporkan "
              "penyalahgunaan jabatan."),
             ("Is the reference for clean use of authority and encourages colleagues to prevent and report "
              "abuse of office.")),
        ),
    ),
    # --- Kompeten -----------------------------------------------------------------------------------
    Item(
        "KO1", "KO",
        "Pegawai ini meningkatkan kompetensi dirinya untuk menjawab tantangan yang selalu berubah.",
        "This employee develops their own competence to meet ever-changing challenges.",
        (
            (("Enggan mempelajari hal baru dan menolak tugas yang membutuhkan keterampilan di luar "
              "kebiasaannya."),
             ("Is reluctant to learn anything new and turns down tasks that need skills outside their "
              "routine.")),
            ("Mengikuti pelatihan hanya bila diwajibkan dan jarang menerapkan hasilnya dalam pekerjaan.",
             "Attends training only when required and rarely applies what was learned at work."),
            (("Aktif mengikuti pengembangan kompetensi yang relevan dengan tugasnya dan menerapkannya dalam "
              "pekerjaan."),
             ("Takes an active part in competence development relevant to their duties and applies it in "
              "their work.")),
            (("Belajar mandiri di luar program wajib untuk menguasai keterampilan yang akan dibutuhkan unit "
              "kerjanya."),
             "Learns on their own beyond mandatory programmes to master skills their work unit will need."),
            (("Menjadi pembelajar teladan yang menginspirasi rekan menyusun dan menjalankan rencana "
              "pengembangan dirinya."),
             "Is a model learner who inspires colleagues to draw up and follow their own development plans."),
        ),
    ),
    Item(
        "KO2", "KO",
        "Pegawai ini membantu orang lain belajar.",
        "This employee helps others learn.",
        (
            ("Menyimpan pengetahuan untuk diri sendiri dan enggan menjawab ketika rekan bertanya.",
             "Keeps knowledge to themselves and is unwilling to answer when colleagues ask."),
            ("Menjawab pertanyaan rekan bila diminta, tetapi tanpa penjelasan yang cukup untuk dipahami.",
             ("Answers colleagues' questions when asked, but without enough explanation for them to "
              "understand.")),
            (("Bersedia menjelaskan cara kerja dan berbagi bahan atau pengalaman kepada rekan yang "
              "membutuhkan."),
             ("Is willing to explain how things are done and to share materials or experience with "
              "colleagues who need it.")),
            ("Proaktif membimbing pegawai baru dan membagikan hasil pelatihan kepada rekan di unit kerja.",
             ("Proactively mentors new staff and passes on what they learned in training to colleagues in "
              "the work unit.")),
            (("Membangun kebiasaan belajar bersama di unit kerja, misalnya forum berbagi pengetahuan atau "
              "pendampingan rutin."),
             ("Builds a habit of learning together in the work unit, for example knowledge-sharing forums or "
              "regular mentoring.")),
        ),
    ),
    Item(
        "KO3", "KO",
        "Pegawai ini melaksanakan tugas dengan kualitas terbaik.",
        "This employee carries out their duties to the best possible quality.",
        (
            ("Menyerahkan hasil kerja yang banyak kesalahan sehingga harus dikerjakan ulang oleh orang lain.",
             "Hands in work full of errors, so that others have to redo it."),
            ("Menghasilkan pekerjaan yang memenuhi syarat minimal, tetapi masih sering perlu diperbaiki.",
             "Produces work that meets the bare minimum but still often needs correcting."),
            ("Menghasilkan pekerjaan yang akurat, lengkap, dan sesuai standar mutu yang ditetapkan.",
             "Produces accurate, complete work that meets the set quality standards."),
            (("Konsisten menghasilkan pekerjaan melampaui standar mutu yang dapat langsung digunakan tanpa "
              "perbaikan."),
             ("Consistently produces work above the quality standard that can be used straight away without "
              "correction.")),
            (("Menghasilkan pekerjaan yang menjadi acuan mutu di unit kerja dan membantu rekan meningkatkan "
              "kualitas hasil kerjanya."),
             ("Produces work that sets the quality benchmark in the unit and helps colleagues raise the "
              "quality of theirs.")),
        ),
    ),
    # --- Harmonis -----------------------------------------------------------------------------------
    Item(
        "HA1", "HA",
        "Pegawai ini menghargai setiap orang apa pun latar belakangnya.",
        "This employee respects everyone whatever their background.",
        (
            (("Merendahkan atau membeda-bedakan orang karena suku, agama, jenis kelamin, golongan, atau "
              "jabatannya."),
             ("Belittles people or treats them differently because of their ethnicity, religion, gender, "
              "group or position.")),
            (("Bersikap sopan kepada sebagian orang, tetapi kurang menghargai rekan yang berbeda pandangan "
              "atau latar belakang."),
             ("Is polite to some people but shows little respect for colleagues with different views or "
              "backgrounds.")),
            ("Memperlakukan setiap orang dengan hormat dan adil serta mendengarkan pendapat yang berbeda.",
             "Treats everyone with respect and fairness and listens to differing opinions."),
            (("Aktif menghargai keragaman, misalnya melibatkan rekan dari latar belakang berbeda dan "
              "meluruskan candaan yang merendahkan."),
             ("Actively values diversity, for example by involving colleagues from different backgrounds and "
              "stopping demeaning jokes.")),
            (("Menjadi teladan sikap inklusif dan menggerakkan rekan untuk menghormati perbedaan di "
              "lingkungan kerja."),
             "Is a model of inclusive conduct and moves colleagues to respect differences in the workplace."),
        ),
    ),
    Item(
        "HA2", "HA",
        "Pegawai ini suka menolong orang lain.",
        "This employee is keen to help others.",
        (
            ("Menolak atau mengabaikan permintaan bantuan meskipun sedang memiliki waktu luang.",
             "Refuses or ignores requests for help even when they have time to spare."),
            ("Membantu hanya bila diminta atasan atau bila ada keuntungan bagi dirinya.",
             "Helps only when told to by a superior or when there is something in it for them."),
            ("Bersedia membantu rekan atau pengguna layanan yang meminta tolong sesuai kemampuannya.",
             "Is willing to help colleagues or service users who ask for help, as far as they are able."),
            ("Menawarkan bantuan tanpa diminta ketika melihat rekan kewalahan atau menghadapi kesulitan.",
             "Offers help unasked when they see a colleague overloaded or in difficulty."),
            (("Menumbuhkan budaya saling membantu, misalnya mengatur dukungan bersama bagi rekan yang sedang "
              "mengalami kesulitan."),
             ("Fosters a culture of mutual help, for example by organising joint support for colleagues "
              "going through hard times.")),
        ),
    ),
    Item(
        "HA3", "HA",
        "Pegawai ini membangun lingkungan kerja yang kondusif.",
        "This employee builds a supportive working environment.",
        (
            ("Memicu konflik, menyebarkan gosip, atau membuat suasana kerja tidak nyaman bagi rekan.",
             "Stirs up conflict, spreads gossip or makes the workplace uncomfortable for colleagues."),
            ("Tidak menimbulkan masalah, tetapi acuh terhadap suasana kerja dan perselisihan di sekitarnya.",
             "Causes no trouble but is indifferent to the working atmosphere and to disputes around them."),
            (("Berkomunikasi dengan santun, menjaga ketertiban tempat kerja, dan menyelesaikan beda pendapat "
              "secara baik-baik."),
             "Communicates courteously, keeps the workplace orderly, and settles disagreements amicably."),
            (("Membantu meredakan ketegangan dan menjembatani rekan yang berselisih agar kerja tim tetap "
              "berjalan."),
             "Helps ease tensions and brings together colleagues in dispute so that teamwork carries on."),
            (("Menjadi perekat tim yang menciptakan suasana kerja positif dan mengajak rekan saling mendukung "
              "dan mengapresiasi."),
             ("Is the glue of the team, creating a positive atmosphere and getting colleagues to support and "
              "appreciate one another.")),
        ),
    ),
    # --- Loyal --------------------------------------------------------------------------------------
    Item(
        "LO1", "LO",
        "Pegawai ini memegang teguh ideologi Pancasila dan UUD 1945 serta setia kepada NKRI dan "
        "pemerintahan yang sah.",
        "This employee holds firmly to Pancasila and the 1945 Constitution and is loyal to the Unitary "
        "State of the Republic of Indonesia and its lawful government.",
        (
            (("Menyebarkan atau mendukung paham dan konten yang bertentangan dengan Pancasila, UUD 1945, atau "
              "NKRI."),
             ("Spreads or supports ideas and content that run against Pancasila, the 1945 Constitution or "
              "the unitary Republic.")),
            ("Tidak menentang, tetapi acuh terhadap nilai-nilai Pancasila dan kebijakan pemerintah yang sah.",
             ("Does not oppose, but is indifferent to, the values of Pancasila and the lawful government's "
              "policies.")),
            (("Menaati peraturan perundang-undangan, melaksanakan kebijakan pemerintah yang sah, dan menjaga "
              "netralitas ASN."),
             ("Obeys laws and regulations, carries out the lawful government's policies and upholds the "
              "neutrality of the civil service.")),
            (("Menerapkan nilai-nilai Pancasila dalam sikap sehari-hari dan bijak menyaring informasi yang "
              "dapat memecah belah."),
             ("Applies the values of Pancasila in everyday conduct and carefully filters information that "
              "could divide people.")),
            (("Menjadi teladan wawasan kebangsaan dan mengajak rekan menolak intoleransi, radikalisme, serta "
              "berita bohong."),
             ("Is a model of national awareness and urges colleagues to reject intolerance, radicalism and "
              "fake news.")),
        ),
    ),
    Item(
        "LO2", "LO",
        "Pegawai ini menjaga nama baik sesama ASN, pimpinan, instansi, dan negara.",
        "This employee protects the good name of fellow civil servants, leaders, the agency and the "
        "country.",
        (
            ("Menjelek-jelekkan rekan, pimpinan, atau instansi di depan umum maupun di media sosial.",
             "Runs down colleagues, leaders or the agency in public or on social media."),
            ("Sesekali ikut membicarakan keburukan rekan atau instansi di luar forum resmi.",
             ("Now and then joins in talking badly about colleagues or the agency outside official "
              "channels.")),
            (("Menjaga sikap dan ucapan yang mencerminkan martabat ASN, serta menyampaikan kritik melalui "
              "saluran resmi."),
             ("Keeps to conduct and speech befitting a civil servant, and raises criticism through official "
              "channels.")),
            (("Aktif menyampaikan informasi yang benar tentang instansi dan meluruskan kabar keliru dengan "
              "santun."),
             "Actively shares accurate information about the agency and politely corrects false reports."),
            (("Mengangkat citra positif instansi melalui kinerja dan perilakunya, serta mengajak rekan "
              "menjaga etika bermedia sosial."),
             ("Raises the agency's positive image through their performance and conduct, and urges "
              "colleagues to keep to social-media etiquette.")),
        ),
    ),
    Item(
        "LO3", "LO",
        "Pegawai ini menjaga rahasia jabatan dan negara.",
        "This employee keeps official and state secrets.",
        (
            ("Membocorkan atau membicarakan informasi yang dikecualikan kepada pihak yang tidak berhak.",
             "Leaks or discusses restricted information with people not entitled to it."),
            (("Tidak sengaja membocorkan, tetapi ceroboh menyimpan dokumen, kata sandi, atau data yang "
              "bersifat rahasia."),
             ("Does not leak on purpose, but is careless in keeping confidential documents, passwords or "
              "data.")),
            (("Menyimpan dan membagikan dokumen serta data sesuai klasifikasi dan ketentuan keamanan "
              "informasi."),
             ("Stores and shares documents and data according to their classification and the "
              "information-security rules.")),
            ("Cermat memilah informasi publik dan rahasia, serta segera melaporkan potensi kebocoran data.",
             ("Carefully separates public from confidential information and promptly reports possible data "
              "leaks.")),
            (("Menjadi rujukan keamanan informasi di unit kerja dan membiasakan rekan melindungi data serta "
              "dokumen rahasia."),
             ("Is the unit's reference on information security and gets colleagues into the habit of "
              "protecting confidential data.")),
        ),
    ),
    # --- Adaptif ------------------------------------------------------------------------------------
    Item(
        "AD1", "AD",
        "Pegawai ini cepat menyesuaikan diri dalam menghadapi perubahan.",
        "This employee adapts quickly to change.",
        (
            ("Menolak atau menghambat perubahan kebijakan, aplikasi, maupun cara kerja baru.",
             "Resists or obstructs changes in policy, applications or ways of working."),
            ("Mau menjalankan perubahan, tetapi lambat dan sering kembali ke cara lama.",
             "Goes along with change, but slowly, and often falls back on the old ways."),
            ("Menyesuaikan diri dengan perubahan tugas, aturan, atau teknologi dalam waktu yang wajar.",
             "Adjusts to changes in duties, rules or technology within a reasonable time."),
            (("Cepat menguasai cara kerja baru dan tetap tenang serta produktif dalam situasi yang tidak "
              "pasti."),
             "Quickly masters new ways of working and stays calm and productive in uncertain situations."),
            (("Menjadi penggerak perubahan yang membantu rekan memahami, menerima, dan menjalankan cara kerja "
              "baru."),
             "Is a change agent who helps colleagues understand, accept and apply new ways of working."),
        ),
    ),
    Item(
        "AD2", "AD",
        "Pegawai ini terus berinovasi dan mengembangkan kreativitas.",
        "This employee keeps innovating and developing their creativity.",
        (
            ("Menolak gagasan baru dan selalu memakai cara lama meskipun hasilnya kurang baik.",
             "Rejects new ideas and always uses the old way even when it gives poor results."),
            ("Sesekali mengemukakan ide, tetapi jarang menindaklanjutinya menjadi tindakan nyata.",
             "Occasionally puts forward ideas but seldom follows them through into action."),
            ("Mengusulkan dan mencoba cara kerja baru yang membuat pekerjaannya lebih mudah atau lebih cepat.",
             "Proposes and tries new ways of working that make their work easier or faster."),
            (("Menghasilkan inovasi yang diterapkan di unit kerja dan terbukti meningkatkan hasil atau "
              "layanan."),
             ("Produces innovations that are adopted in the work unit and shown to improve results or "
              "services.")),
            (("Menumbuhkan budaya inovasi dengan membimbing rekan mengembangkan ide hingga menjadi solusi "
              "yang diterapkan."),
             ("Grows a culture of innovation by coaching colleagues to develop ideas into solutions that are "
              "put into use.")),
        ),
    ),
    Item(
        "AD3", "AD",
        "Pegawai ini bertindak proaktif.",
        "This employee acts proactively.",
        (
            ("Hanya bekerja bila diperintah dan membiarkan masalah yang diketahuinya berlarut-larut.",
             "Works only when told to and lets problems they know about drag on."),
            ("Baru bertindak setelah masalah membesar atau setelah diingatkan.",
             "Takes action only once a problem has grown or after being reminded."),
            ("Mengambil inisiatif dalam lingkup tugasnya tanpa menunggu perintah.",
             "Takes the initiative within their own duties without waiting for instructions."),
            (("Mengenali risiko dan peluang sejak dini lalu bertindak sebelum diminta, termasuk di luar tugas "
              "rutinnya."),
             ("Spots risks and opportunities early and acts before being asked, including beyond their "
              "routine tasks.")),
            (("Menjadi teladan inisiatif dan mendorong rekan berani mengambil langkah awal untuk "
              "menyelesaikan masalah."),
             ("Sets the example of initiative and encourages colleagues to dare to take the first step in "
              "solving problems.")),
        ),
    ),
    # --- Kolaboratif --------------------------------------------------------------------------------
    Item(
        "KL1", "KL",
        "Pegawai ini memberi kesempatan kepada berbagai pihak untuk berkontribusi.",
        "This employee gives different parties the chance to contribute.",
        (
            ("Mengerjakan dan memutuskan semuanya sendiri serta mengabaikan masukan dari pihak lain.",
             "Does and decides everything alone and disregards input from others."),
            ("Melibatkan pihak lain sebatas formalitas, tanpa benar-benar mempertimbangkan masukannya.",
             "Involves others only as a formality, without really weighing their input."),
            ("Mengundang masukan dari rekan dan pihak terkait serta mempertimbangkannya dalam pekerjaan.",
             "Invites input from colleagues and relevant parties and takes it into account in the work."),
            (("Sengaja memberi ruang bagi pihak yang jarang didengar, seperti pegawai baru atau unit lain, "
              "untuk berperan."),
             ("Deliberately makes room for those seldom heard, such as new staff or other units, to play a "
              "part.")),
            (("Membangun cara kerja yang partisipatif dan mendorong rekan melibatkan berbagai pihak sejak "
              "perencanaan."),
             ("Builds participatory ways of working and encourages colleagues to involve different parties "
              "from the planning stage.")),
        ),
    ),
    Item(
        "KL2", "KL",
        "Pegawai ini terbuka dalam bekerja sama untuk menghasilkan nilai tambah.",
        "This employee is open to working together to create added value.",
        (
            ("Menahan informasi dan bersikap ego sektoral sehingga kerja sama dengan pihak lain terhambat.",
             "Withholds information and shows a silo mentality, so cooperation with others is held up."),
            ("Bersedia bekerja sama bila diminta, tetapi kurang berbagi informasi dan sumbangan pemikiran.",
             "Works with others when asked, but shares little information or thinking."),
            (("Bekerja sama secara terbuka dengan rekan dan unit lain, berbagi informasi, dan menuntaskan "
              "bagiannya."),
             "Works openly with colleagues and other units, shares information and completes their part."),
            (("Mencari mitra lintas unit atau instansi untuk menghasilkan capaian yang tidak dapat diraih "
              "sendiri."),
             "Seeks partners across units or agencies to achieve results that could not be reached alone."),
            (("Membangun jejaring kerja sama lintas sektor dan menggerakkan rekan untuk menghasilkan nilai "
              "tambah bersama."),
             ("Builds cross-sector networks of cooperation and gets colleagues to create added value "
              "together.")),
        ),
    ),
    Item(
        "KL3", "KL",
        "Pegawai ini menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama.",
        "This employee mobilises the use of different resources for shared goals.",
        (
            (("Menguasai sumber daya untuk kepentingan sendiri dan menolak berbagi data, peralatan, atau "
              "anggaran."),
             "Keeps resources for their own ends and refuses to share data, equipment or budget."),
            ("Hanya memakai sumber daya di unitnya sendiri tanpa memikirkan manfaatnya bagi tujuan bersama.",
             "Uses only their own unit's resources without thinking of their value for shared goals."),
            (("Berbagi dan memanfaatkan data, sarana, dan keahlian yang tersedia untuk mendukung tujuan "
              "bersama."),
             ("Shares and makes use of the available data, facilities and expertise to support shared "
              "goals.")),
            (("Memadukan sumber daya dari berbagai unit atau pihak sehingga pekerjaan bersama lebih efektif "
              "dan efisien."),
             ("Combines resources from different units or parties so that joint work is more effective and "
              "efficient.")),
            (("Menggerakkan berbagai pihak menyatukan sumber daya demi tujuan bersama dan menjadi contoh "
              "sinergi bagi rekan."),
             ("Mobilises different parties to pool resources for shared goals and is an example of synergy "
              "for colleagues.")),
        ),
    ),
)

#: the optional open comment, asked once per value: (text_id, text_en)
COMMENT_PROMPT = (
    "Contoh perilaku yang Anda amati (opsional)",
    "An example of behaviour you observed (optional)",
)

_BY_CODE = {it.code: it for it in ITEMS}

# The bank must cover the 21 behaviours of the framework, in its order, each under its own value.
if tuple(_BY_CODE) != BEHAVIOUR_CODES or any(
    it.value not in VALUE_CODES or not it.code.startswith(it.value) for it in ITEMS
):  # pragma: no cover - a broken edit of the data above
    raise RuntimeError("feedback360 item bank does not match BEHAVIOUR_CODES / VALUE_CODES")


def item(code: str) -> Item:
    """The item of behaviour ``code`` (e.g. ``"BP1"``); ``KeyError`` for an unknown code."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(
            f"unknown BerAKHLAK behaviour code {code!r}: expected one of {', '.join(BEHAVIOUR_CODES)}"
        ) from None


def anchors_for(code: str, lang: str = "id") -> list[str]:
    """The 5 anchor texts of behaviour ``code``, level 1 to 5, in ``lang`` ("id" or "en")."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use 'id' or 'en'")
    index = LANGS.index(lang)
    return [pair[index] for pair in item(code).anchors]
