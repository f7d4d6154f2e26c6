"""The demo institute's structure, programmes and demo logins, as plain data."""

from dataclasses import dataclass

from hemis.org.models import StructureType as T
from hemis.staff.enums import Position as P

UNIVERSITY = {
    "name_uz": "Kimyo-texnologiya instituti (demo)",
    "name_ru": "Химико-технологический институт (демо)",
    "name_en": "Institute of Chemical Technology (demo)",
    "hemis_code": "990",
}
ID_PREFIX = "390"  # student ID numbers: "3" + the two-digit university code + intake year + serial
EMAIL_DOMAIN = "kti-demo.example"  # a reserved top-level domain: no demo address can receive mail


@dataclass(frozen=True)
class UnitSpec:
    code: str
    structure_type: str
    name_uz: str
    name_ru: str
    name_en: str
    parent: str | None = None
    head: str = P.HEAD_OF_DIVISION
    staff: str = P.INSPECTOR
    size: int = 3  # employees including the head (divisions and centres)


@dataclass(frozen=True)
class ProgrammeSpec:
    code: str
    abbr: str
    faculty: str
    name_uz: str
    name_ru: str
    name_en: str
    weight: float = 1.0  # relative intake
    russian_stream: bool = False
    master: bool = False


DIVISIONS = (
    UnitSpec("REK", T.RECTORATE, "Rektorat", "Ректорат", "Rectorate", head=P.RECTOR, size=0),
    UnitSpec("KAD", T.DIVISION, "Kadrlar boʻlimi", "Отдел кадров", "Human Resources Department", size=4),
    UnitSpec(
        "OUB",
        T.DIRECTORATE,
        "Oʻquv-uslubiy boshqarma",
        "Учебно-методическое управление",
        "Academic Affairs Directorate",
        staff=P.METHODOLOGIST,
        size=6,
    ),
    UnitSpec(
        "BUX", T.DIVISION, "Buxgalteriya", "Бухгалтерия", "Accounting Office", staff=P.ACCOUNTANT, size=6
    ),
    UnitSpec(
        "ILM",
        T.DIVISION,
        "Ilmiy boʻlim",
        "Научный отдел",
        "Research Department",
        staff=P.METHODOLOGIST,
        size=4,
    ),
    UnitSpec(
        "DOK",
        T.DIVISION,
        "Doktorantura boʻlimi",
        "Отдел докторантуры",
        "Doctoral Studies Department",
        staff=P.METHODOLOGIST,
    ),
    UnitSpec(
        "MAR",
        T.DIVISION,
        "Marketing va talabalar amaliyoti boʻlimi",
        "Отдел маркетинга и практики студентов",
        "Marketing and Internships Department",
        staff=P.METHODOLOGIST,
    ),
    UnitSpec("DIP", T.DIVISION, "Diplom boʻlimi", "Дипломный отдел", "Diploma Department"),
    UnitSpec(
        "YMB",
        T.DIVISION,
        "Yoshlar masalalari va maʼnaviy-maʼrifiy ishlar boʻlimi",
        "Отдел по делам молодёжи и духовно-просветительской работе",
        "Youth Affairs Department",
        staff=P.METHODOLOGIST,
        size=4,
    ),
    UnitSpec(
        "AKT",
        T.CENTRE,
        "Axborot-kommunikatsiya texnologiyalari (AKT) markazi",
        "Центр информационно-коммуникационных технологий",
        "ICT Centre",
        head=P.HEAD_OF_CENTRE,
        staff=P.METHODOLOGIST,
        size=5,
    ),
    UnitSpec(
        "ARM",
        T.CENTRE,
        "Axborot-resurs markazi",
        "Информационно-ресурсный центр",
        "Information Resource Centre",
        head=P.DIRECTOR,
        staff=P.METHODOLOGIST,
        size=5,
    ),
    UnitSpec(
        "TTJ",
        T.OTHER,
        "Talabalar turar joyi",
        "Студенческое общежитие",
        "Student Dormitory",
        staff=P.TUTOR,
        size=4,
    ),
)

FACULTIES = (
    UnitSpec(
        "F-KT",
        T.FACULTY,
        "Kimyoviy texnologiya fakulteti",
        "Факультет химической технологии",
        "Faculty of Chemical Technology",
        head=P.DEAN,
    ),
    UnitSpec(
        "F-OT",
        T.FACULTY,
        "Oziq-ovqat texnologiyasi fakulteti",
        "Факультет пищевой технологии",
        "Faculty of Food Technology",
        head=P.DEAN,
    ),
    UnitSpec(
        "F-NG",
        T.FACULTY,
        "Neft-gaz kimyosi fakulteti",
        "Факультет нефтегазохимии",
        "Faculty of Oil and Gas Chemistry",
        head=P.DEAN,
    ),
    UnitSpec(
        "F-IB",
        T.FACULTY,
        "Iqtisodiyot va boshqaruv fakulteti",
        "Факультет экономики и управления",
        "Faculty of Economics and Management",
        head=P.DEAN,
    ),
)


def _dept(code: str, faculty: str, uz: str, ru: str, en: str) -> UnitSpec:
    return UnitSpec(
        code,
        T.DEPARTMENT,
        f"{uz} kafedrasi",
        f"Кафедра {ru}",
        f"Department of {en}",
        faculty,
        P.HEAD_OF_DEPARTMENT,
    )


DEPARTMENTS = (
    _dept(
        "D-NMT",
        "F-KT",
        "Noorganik moddalar kimyoviy texnologiyasi",
        "химической технологии неорганических веществ",
        "Chemical Technology of Inorganic Substances",
    ),
    _dept(
        "D-OMT",
        "F-KT",
        "Organik moddalar kimyoviy texnologiyasi",
        "химической технологии органических веществ",
        "Chemical Technology of Organic Substances",
    ),
    _dept(
        "D-AFK",
        "F-KT",
        "Analitik va fizik kimyo",
        "аналитической и физической химии",
        "Analytical and Physical Chemistry",
    ),
    _dept("D-BTX", "F-KT", "Biotexnologiya", "биотехнологии", "Biotechnology"),
    _dept(
        "D-OOT",
        "F-OT",
        "Oziq-ovqat mahsulotlari texnologiyasi",
        "технологии пищевых продуктов",
        "Food Products Technology",
    ),
    _dept(
        "D-VBT",
        "F-OT",
        "Vino va bijgʻish mahsulotlari texnologiyasi",
        "технологии вина и продуктов брожения",
        "Wine and Fermentation Technology",
    ),
    _dept(
        "D-MYT",
        "F-OT",
        "Moy va yogʻlar texnologiyasi",
        "технологии масел и жиров",
        "Oils and Fats Technology",
    ),
    _dept(
        "D-QXM",
        "F-OT",
        "Qishloq xoʻjalik mahsulotlarini saqlash va qayta ishlash",
        "хранения и переработки сельскохозяйственной продукции",
        "Storage and Processing of Agricultural Products",
    ),
    _dept(
        "D-NGQ",
        "F-NG",
        "Neft va gazni qayta ishlash texnologiyasi",
        "технологии переработки нефти и газа",
        "Oil and Gas Processing Technology",
    ),
    _dept(
        "D-SMT",
        "F-NG",
        "Silikat materiallar va nodir metallar texnologiyasi",
        "технологии силикатных материалов и редких металлов",
        "Silicate Materials and Rare Metals Technology",
    ),
    _dept(
        "D-JVA",
        "F-NG",
        "Kimyoviy texnologiya jarayonlari va apparatlari",
        "процессов и аппаратов химической технологии",
        "Processes and Equipment of Chemical Technology",
    ),
    _dept(
        "D-AVB",
        "F-NG",
        "Avtomatlashtirish va boshqaruv",
        "автоматизации и управления",
        "Automation and Control",
    ),
    _dept("D-IQT", "F-IB", "Iqtisodiyot", "экономики", "Economics"),
    _dept("D-MNJ", "F-IB", "Menejment va marketing", "менеджмента и маркетинга", "Management and Marketing"),
    _dept(
        "D-OMI",
        "F-IB",
        "Oliy matematika va informatika",
        "высшей математики и информатики",
        "Higher Mathematics and Informatics",
    ),
    _dept(
        "D-IGF",
        "F-IB",
        "Ijtimoiy-gumanitar fanlar va xorijiy tillar",
        "социально-гуманитарных наук и иностранных языков",
        "Social Sciences, Humanities and Foreign Languages",
    ),
)

PROGRAMMES = (
    ProgrammeSpec(
        "60720100",
        "KT",
        "F-KT",
        "Kimyoviy texnologiya (ishlab chiqarish turlari boʻyicha)",
        "Химическая технология (по видам производства)",
        "Chemical technology (by type of production)",
        1.6,
        russian_stream=True,
    ),
    ProgrammeSpec(
        "60711100",
        "BT",
        "F-KT",
        "Biotexnologiya (kimyo)",
        "Биотехнология (химия)",
        "Biotechnology (chemistry)",
        0.9,
    ),
    ProgrammeSpec(
        "60850200",
        "EK",
        "F-KT",
        "Ekologiya va atrof-muhit muhofazasi (kimyo sanoati)",
        "Экология и охрана окружающей среды (химическая промышленность)",
        "Ecology and environmental protection (chemical industry)",
        0.8,
    ),
    ProgrammeSpec(
        "60721000",
        "OT",
        "F-OT",
        "Oziq-ovqat texnologiyasi (mahsulot turlari boʻyicha)",
        "Пищевая технология (по видам продукции)",
        "Food technology (by type of product)",
        1.5,
        russian_stream=True,
    ),
    ProgrammeSpec("60721100", "VT", "F-OT", "Vino texnologiyasi", "Технология вина", "Wine technology", 0.7),
    ProgrammeSpec(
        "60721200",
        "QX",
        "F-OT",
        "Qishloq xoʻjalik mahsulotlarini saqlash va dastlabki ishlash texnologiyasi",
        "Технология хранения и первичной переработки сельскохозяйственной продукции",
        "Storage and primary processing of agricultural products",
        0.8,
    ),
    ProgrammeSpec(
        "60720400",
        "NG",
        "F-NG",
        "Neft va neft-gazni qayta ishlash texnologiyasi",
        "Технология переработки нефти и газа",
        "Oil and gas processing technology",
        1.4,
        russian_stream=True,
    ),
    ProgrammeSpec(
        "60720300",
        "SM",
        "F-NG",
        "Silikat materiallar texnologiyasi",
        "Технология силикатных материалов",
        "Technology of silicate materials",
        0.7,
    ),
    ProgrammeSpec(
        "60711400",
        "AT",
        "F-NG",
        "Texnologik jarayonlar va ishlab chiqarishni avtomatlashtirish va boshqarish (kimyo sanoati)",
        "Автоматизация и управление технологическими процессами и производствами (химическая промышленность)",
        "Automation and control of technological processes and production (chemical industry)",
        0.9,
    ),
    ProgrammeSpec(
        "60410100",
        "IQ",
        "F-IB",
        "Iqtisodiyot (tarmoqlar va sohalar boʻyicha)",
        "Экономика (по отраслям и сферам)",
        "Economics (by sector)",
        1.5,
        russian_stream=True,
    ),
    ProgrammeSpec(
        "60412100",
        "MN",
        "F-IB",
        "Menejment (tarmoqlar va sohalar boʻyicha)",
        "Менеджмент (по отраслям и сферам)",
        "Management (by sector)",
        1.0,
    ),
    ProgrammeSpec(
        "70720101",
        "MKT",
        "F-KT",
        "Kimyoviy texnologiya (ishlab chiqarish turlari boʻyicha)",
        "Химическая технология (по видам производства)",
        "Chemical technology (by type of production)",
        0.5,
        master=True,
    ),
    ProgrammeSpec(
        "70721001",
        "MOT",
        "F-OT",
        "Oziq-ovqat texnologiyasi (mahsulot turlari boʻyicha)",
        "Пищевая технология (по видам продукции)",
        "Food technology (by type of product)",
        0.4,
        master=True,
    ),
    ProgrammeSpec(
        "70720401",
        "MNG",
        "F-NG",
        "Neft va gazni qayta ishlash texnologiyasi",
        "Технология переработки нефти и газа",
        "Oil and gas processing technology",
        0.4,
        master=True,
    ),
    ProgrammeSpec(
        "70410101",
        "MIQ",
        "F-IB",
        "Iqtisodiyot (tarmoqlar va sohalar boʻyicha)",
        "Экономика (по отраслям и сферам)",
        "Economics (by sector)",
        0.5,
        master=True,
    ),
)

# Programmes whose class of 2022 graduated in June 2026: their old (now closed) groups held the graduates.
GRADUATED_INTAKE = 2022
GRADUATED_PROGRAMMES = ("KT", "OT", "NG", "IQ")
CURRENT_YEAR = 2026  # the academic year 2026/2027 (current in the demo): first-year students entered in 2026

# The demo logins, one a role: (login, role, where the person works, scope of the grant).
# Scope "university" = no unit; otherwise the unit code the grant is on.
DEMO_LOGINS = (
    ("admin", "super_admin", "AKT", None),
    ("ict", "ict", "AKT", None),
    ("hr", "hr", "KAD", None),
    ("academic", "academic", "OUB", None),
    ("dean", "dean", "F-KT", "F-KT"),
    ("dean_ot", "dean", "F-OT", "F-OT"),  # the other deans sign and apply their faculties' student orders
    ("dean_ng", "dean", "F-NG", "F-NG"),
    ("dean_ib", "dean", "F-IB", "F-IB"),
    ("head", "head", "D-NMT", "D-NMT"),
    ("teacher", "teacher", "D-NMT", "D-NMT"),
    ("accounting", "accounting", "BUX", None),
    ("science", "science", "ILM", None),
    ("doctorate", "doctorate", "DOK", None),
    ("marketing", "marketing", "MAR", None),
    ("diploma", "diploma", "DIP", None),
    ("management", "management", "REK", None),
    ("library", "library", "ARM", None),
    ("dormitory", "dormitory", "TTJ", None),
)
EXTRA_GRANTS = {"head": ("teacher", "D-NMT")}  # so the head's role switcher has two roles
TEACHER_LOGINS_PER_DEPARTMENT = 2
