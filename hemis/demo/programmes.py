"""Programme details of the demo institute: qualification in three languages, the opening order and date;
and two programmes opened after the launch, entered by their deans (annex 5 item 1, annex 4 item 4)."""

import datetime as dt
from dataclasses import dataclass
from random import Random
from zoneinfo import ZoneInfo

from hemis.academics.enums import Language
from hemis.academics.models import EducationForm, EducationType, Programme
from hemis.academics.services.programmes import save_programme
from hemis.access.models import User
from hemis.core.calendar import WorkingCalendar
from hemis.org.models import OrgUnit

D = dt.date
TASHKENT = ZoneInfo("Asia/Tashkent")

# code: (qualification uz, ru, en, opened on, opening order)
DETAILS = {
    "60720100": (
        "Kimyoviy texnologiya bakalavri",
        "Бакалавр химической технологии",
        "Bachelor of Chemical Technology",
        D(2004, 7, 12),
        "PQ-1385",
    ),
    "60711100": (
        "Biotexnologiya bakalavri",
        "Бакалавр биотехнологии",
        "Bachelor of Biotechnology",
        D(2012, 6, 28),
        "PQ-1784",
    ),
    "60850200": (
        "Ekologiya va atrof-muhit muhofazasi bakalavri",
        "Бакалавр экологии и охраны окружающей среды",
        "Bachelor of Ecology and Environmental Protection",
        D(2017, 6, 5),
        "PQ-3028",
    ),
    "60721000": (
        "Oziq-ovqat texnologiyasi bakalavri",
        "Бакалавр пищевой технологии",
        "Bachelor of Food Technology",
        D(2004, 7, 12),
        "PQ-1385",
    ),
    "60721100": (
        "Vino texnologiyasi bakalavri",
        "Бакалавр технологии вина",
        "Bachelor of Wine Technology",
        D(2010, 8, 16),
        "PQ-1406",
    ),
    "60721200": (
        "Qishloq xoʻjalik mahsulotlarini saqlash texnologiyasi bakalavri",
        "Бакалавр технологии хранения сельскохозяйственной продукции",
        "Bachelor of Agricultural Products Storage Technology",
        D(2019, 7, 23),
        "PQ-4391",
    ),
    "60720400": (
        "Neft-gazni qayta ishlash texnologiyasi bakalavri",
        "Бакалавр технологии переработки нефти и газа",
        "Bachelor of Oil and Gas Processing Technology",
        D(2006, 8, 2),
        "PQ-431",
    ),
    "60720300": (
        "Silikat materiallar texnologiyasi bakalavri",
        "Бакалавр технологии силикатных материалов",
        "Bachelor of Silicate Materials Technology",
        D(2008, 5, 20),
        "PQ-851",
    ),
    "60711400": (
        "Avtomatlashtirish va boshqarish bakalavri",
        "Бакалавр автоматизации и управления",
        "Bachelor of Automation and Control",
        D(2014, 6, 19),
        "PQ-2189",
    ),
    "60410100": (
        "Iqtisodiyot bakalavri",
        "Бакалавр экономики",
        "Bachelor of Economics",
        D(2009, 7, 8),
        "PQ-1154",
    ),
    "60412100": (
        "Menejment bakalavri",
        "Бакалавр менеджмента",
        "Bachelor of Management",
        D(2011, 6, 30),
        "PQ-1533",
    ),
    "70720101": (
        "Kimyoviy texnologiya magistri",
        "Магистр химической технологии",
        "Master of Chemical Technology",
        D(2007, 8, 14),
        "PQ-676",
    ),
    "70721001": (
        "Oziq-ovqat texnologiyasi magistri",
        "Магистр пищевой технологии",
        "Master of Food Technology",
        D(2013, 7, 2),
        "PQ-1990",
    ),
    "70720401": (
        "Neft-gazni qayta ishlash texnologiyasi magistri",
        "Магистр технологии переработки нефти и газа",
        "Master of Oil and Gas Processing Technology",
        D(2015, 8, 11),
        "PQ-2395",
    ),
    "70410101": (
        "Iqtisodiyot magistri",
        "Магистр экономики",
        "Master of Economics",
        D(2018, 6, 27),
        "PQ-3815",
    ),
}


@dataclass(frozen=True)
class OpenedProgramme:
    """A programme opened after the launch; its first students are admitted in 2027, so it has no groups
    or curricula yet. ``entered_after`` is how many working days after the opening its dean entered it."""

    code: str
    faculty: str
    dean: str  # the demo login that entered it
    names: tuple[str, str, str]  # uz, ru, en
    qualification: tuple[str, str, str]
    language: str
    opened_on: dt.date
    opening_order: str
    entered_after: int


OPENED_AFTER_LAUNCH = (
    # Entered the next working day: on time for annex 5 item 1 (+1 wd) and annex 4 item 4 (+5 wd).
    OpenedProgramme(
        code="60710100",
        faculty="F-KT",
        dean="dean",
        names=("Kimyo muhandisligi", "Химическая инженерия", "Chemical engineering"),
        qualification=(
            "Kimyo muhandisligi bakalavri",
            "Бакалавр химической инженерии",
            "Bachelor of Chemical Engineering",
        ),
        language=Language.ENGLISH,
        opened_on=D(2026, 10, 13),
        opening_order="PQ-318",
        entered_after=1,
    ),
    # Entered ten working days after the opening: late for both.
    OpenedProgramme(
        code="60720500",
        faculty="F-NG",
        dean="dean_ng",
        names=(
            "Gazni chuqur qayta ishlash texnologiyasi",
            "Технология глубокой переработки газа",
            "Deep gas processing technology",
        ),
        qualification=(
            "Gazni chuqur qayta ishlash texnologiyasi bakalavri",
            "Бакалавр технологии глубокой переработки газа",
            "Bachelor of Deep Gas Processing Technology",
        ),
        language=Language.UZBEK,
        opened_on=D(2026, 9, 22),
        opening_order="PQ-287",
        entered_after=10,
    ),
)


def _details() -> int:
    programmes = list(Programme.objects.filter(code__in=DETAILS))
    for programme in programmes:
        uz, ru, en, opened_on, order = DETAILS[programme.code]
        programme.qualification_uz, programme.qualification_ru, programme.qualification_en = uz, ru, en
        programme.opened_on, programme.opening_order = opened_on, order
    fields = ["qualification_uz", "qualification_ru", "qualification_en", "opened_on", "opening_order"]
    Programme.objects.bulk_update(programmes, fields)
    return len(programmes)


def _open(spec: OpenedProgramme, calendar: WorkingCalendar) -> Programme:
    """Enter the programme through the service as its dean, dated the day the dean entered it."""
    names = dict(zip(("name_uz", "name_ru", "name_en"), spec.names, strict=True))
    qualifications = dict(
        zip(("qualification_uz", "qualification_ru", "qualification_en"), spec.qualification, strict=True)
    )
    values = {
        "code": spec.code,
        **names,
        "faculty": OrgUnit.objects.get(code=spec.faculty),
        "education_type": EducationType.BACHELOR,
        "education_form": EducationForm.FULL_TIME,
        "language": spec.language,
        "duration_years": 4,
        **qualifications,
        "opened_on": spec.opened_on,
        "opening_order": spec.opening_order,
    }
    programme = save_programme(values=values, actor=User.objects.get(username=spec.dean))
    day = calendar.add_working_days(spec.opened_on, spec.entered_after)
    entered = dt.datetime.combine(day, dt.time(11, 0), tzinfo=TASHKENT)
    Programme.objects.filter(pk=programme.pk).update(created_at=entered, updated_at=entered)
    return programme


def seed(*, rng: Random) -> dict[str, int]:
    details = _details()
    calendar = WorkingCalendar(study_week=6)  # the demo's six-day study week
    opened = [_open(spec, calendar) for spec in OPENED_AFTER_LAUNCH]
    return {"programme_details": details, "programmes_opened": len(opened)}
