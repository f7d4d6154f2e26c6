"""Demo data of the org issue: requisites, licence and accreditation, a few structure changes by
order, buildings and rooms. Dates are set as if entered by HR and the academic department after the
launch on 01.09.2025, mostly on time, a few late (so the compliance pages have something to show)."""

import datetime as dt
from random import Random
from zoneinfo import ZoneInfo

from hemis.access.models import User
from hemis.org.models import OrgUnit, Room, RoomType, StructureChange, StructureType, UniversityRequisites
from hemis.org.services import rename_unit
from hemis.org.services import requisites as requisites_services
from hemis.org.services import rooms as rooms_services

TASHKENT = ZoneInfo("Asia/Tashkent")

REQUISITES = {
    "full_name_uz": "Kimyo-texnologiya instituti (demo)",
    "full_name_ru": "Химико-технологический институт (демо)",
    "full_name_en": "Institute of Chemical Technology (demo)",
    "short_name_uz": "KTI",
    "short_name_ru": "ХТИ",
    "short_name_en": "ICT",
    "hemis_code": "990",
    "tin": "201845113",
    "address": "Toshkent sh., Shayxontohur tumani, Navoiy koʻchasi, 32",
    "phone": "+998 71 244 79 20",
    "email": "info@kti-demo.example",
    "website": "https://kti-demo.example",
    "bank_name": "Oʻzmilliybank Toshkent shahar filiali",
    "mfo": "00450",
    "bank_account": "20208000900123456001",
    "ownership": "11",
    "university_form": "13",
}

BUILDINGS = (
    ("Bosh oʻquv binosi", "Navoiy koʻchasi, 32", "A"),
    ("2-oʻquv binosi (laboratoriya korpusi)", "Navoiy koʻchasi, 34", "B"),
    ("3-oʻquv binosi", "Abay koʻchasi, 7", "C"),
)
ROOM_TYPES = (
    (RoomType.LECTURE, (80, 120, 150)),
    (RoomType.SEMINAR, (25, 30)),
    (RoomType.PRACTICE, (25, 30, 36)),
    (RoomType.LABORATORY, (15, 20, 24)),
)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=TASHKENT)


def _entered(qs, day: dt.date, hour: int = 10) -> None:
    qs.update(created_at=_at(day, hour))


def _requisites(hr: User) -> int:
    req = requisites_services.save_requisites(actor=hr, **REQUISITES)
    UniversityRequisites.objects.filter(pk=req.pk).update(
        created_at=_at(dt.date(2025, 9, 2)), completed_at=_at(dt.date(2025, 9, 2))
    )
    requisites_services.add_licence(
        actor=hr,
        number="L-043721",
        issue_date=dt.date(2021, 6, 10),
        valid_until=None,
        issuing_body="Oʻzbekiston Respublikasi Taʼlim sifatini nazorat qilish davlat inspeksiyasi",
        activity="Oliy taʼlim (bakalavriat va magistratura) xizmatlari",
    )
    requisites_services.add_accreditation(
        actor=hr,
        certificate_number="A-000287",
        issue_date=dt.date(2024, 5, 20),
        valid_until=dt.date(2029, 5, 20),
        scope="Barcha bakalavriat taʼlim yoʻnalishlari va magistratura mutaxassisliklari",
    )
    requisites_services.save_requisites(
        actor=hr,
        document_number="312-son",
        document_date=dt.date(2025, 11, 3),
        **{**REQUISITES, "phone": "+998 71 244 79 21"},
    )
    return 3


def _structure(hr: User, rng: Random) -> int:
    """The core load made the structure; date it as entered right after launch, then rename two units by
    order (no unit is added or closed: the core load's unit count stays as it is)."""
    _entered(OrgUnit.objects.all(), dt.date(2025, 9, 2), 11)
    department = OrgUnit.objects.filter(structure_type=StructureType.DEPARTMENT).order_by("code").first()
    rename_unit(
        unit=department,
        name_uz=f"{department.name_uz.removesuffix(' kafedrasi')} va ekologiya kafedrasi",
        name_ru=department.name_ru,
        name_en=department.name_en,
        document_number="17-son",
        document_date=dt.date(2025, 12, 15),
        actor=hr,
    )
    division = OrgUnit.objects.get(code="MAR")
    rename_unit(
        unit=division,
        name_uz="Marketing va karyera markazi boʻlimi",
        name_ru="Отдел маркетинга и карьерного центра",
        name_en="Marketing and Career Department",
        document_number="245-K",
        document_date=dt.date(2025, 10, 6),
        actor=hr,
    )
    for change in StructureChange.objects.all():
        delay = rng.choice((0, 1, 1, 2, 2, 3))  # working-day lag is not exact here: a few come out late
        _entered(
            StructureChange.objects.filter(pk=change.pk), change.document_date + dt.timedelta(days=delay)
        )
    return 2


def _rooms(academic: User, rng: Random) -> int:
    count = 0
    for name, address, letter in BUILDINGS:
        building = rooms_services.save_building(actor=academic, name=name, address=address)
        for floor in (1, 2, 3):
            for index in range(1, rng.randint(3, 5)):
                room_type, capacities = rng.choice(ROOM_TYPES)
                rooms_services.save_room(
                    actor=academic,
                    building=building,
                    number=f"{letter}-{floor}{index:02d}",
                    capacity=rng.choice(capacities),
                    room_type=room_type,
                    name="Maʼruzaxona" if room_type == RoomType.LECTURE else "",
                )
                count += 1
    _entered(Room.objects.all(), dt.date(2025, 9, 3), 15)
    return count


def seed(*, rng: Random) -> dict[str, int]:
    hr = User.objects.get(username="hr")
    academic = User.objects.get(username="academic")
    return {
        "org_requisite_records": _requisites(hr),
        "org_structure_changes": _structure(hr, rng),
        "org_buildings": len(BUILDINGS),
        "org_rooms": _rooms(academic, rng),
    }
