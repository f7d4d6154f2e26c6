"""Demo competitive selections and professional-development records for the demo university's teachers.

Dates are drawn around today, so that the monitoring pages always have rows: a few selections lapse
within months, a few have lapsed, and some teachers are overdue for professional development.
"""

import datetime as dt
from random import Random
from zoneinfo import ZoneInfo

from django.utils import timezone

from hemis.access.models import User
from hemis.careers.dates import add_years
from hemis.careers.enums import TEACHING_POSITIONS, CompetitionResult, TrainingPlace
from hemis.careers.models import Competition, TrainingRecord
from hemis.org.models import StructureType
from hemis.staff.models import Appointment

TASHKENT = ZoneInfo("Asia/Tashkent")
INSTITUTIONS = {
    TrainingPlace.BIMM: (
        "Oliy taʼlim tizimi pedagog va rahbar kadrlarini qayta tayyorlash va ularning malakasini oshirishni "
        "tashkil etish Bosh ilmiy-metodik markazi",
    ),
    TrainingPlace.KQT_MO: (
        "Toshkent kimyo-texnologiya instituti huzuridagi pedagog kadrlarni qayta tayyorlash va malakasini "
        "oshirish tarmoq markazi",
    ),
    TrainingPlace.FOREIGN: (
        "Technische Universität Dresden",
        "Korea Advanced Institute of Science and Technology",
        "Gubkin Russian State University of Oil and Gas",
    ),
    TrainingPlace.OTHER: ("Oʻzbekiston Milliy universiteti", "Toshkent davlat texnika universiteti"),
}
PROGRAMMES = (
    "Kimyoviy texnologiya sohasida innovatsion taʼlim texnologiyalari",
    "Kredit-modul tizimida oʻquv jarayonini tashkil etish",
    "Oliy taʼlimda raqamli texnologiyalar va masofaviy oʻqitish",
    "Neft va gazni qayta ishlash texnologiyasining zamonaviy masalalari",
    "Pedagogik mahorat va kasbiy kompetentlik",
    "Ilmiy tadqiqot metodologiyasi va ilmiy maqola yozish",
)


def _entered(rng: Random, day: dt.date, now: dt.datetime) -> dt.datetime:
    moment = dt.datetime.combine(
        day + dt.timedelta(days=rng.randint(0, 4)), dt.time(9 + rng.randint(0, 8)), TASHKENT
    )
    return min(moment, now)


def _teachers() -> list[Appointment]:
    """The main teaching appointment in a department of every teacher."""
    rows = (
        Appointment.objects.filter(
            end_date__isnull=True,
            position__in=TEACHING_POSITIONS,
            org_unit__structure_type=StructureType.DEPARTMENT,
        )
        .select_related("employee", "org_unit")
        .order_by("employee_id", "-rate", "pk")
    )
    seen: dict[int, Appointment] = {}
    for appointment in rows:
        seen.setdefault(appointment.employee_id, appointment)
    return list(seen.values())


def _valid_until(rng: Random, today: dt.date) -> dt.date:
    draw = rng.random()
    if draw < 0.14:  # lapses within about six months
        return today + dt.timedelta(days=rng.randint(7, 180))
    if draw < 0.22:  # lapsed, no new selection yet
        return today - dt.timedelta(days=rng.randint(3, 240))
    return today + dt.timedelta(days=rng.randint(181, 4 * 365))


def _selection(
    rng: Random, a: Appointment, selected: dt.date, term: int, today: dt.date, **extra
) -> Competition:
    order_date = min(selected + dt.timedelta(days=rng.randint(3, 12)), today)
    return Competition(
        employee=a.employee,
        position=a.position,
        org_unit=a.org_unit,
        order_number=f"{rng.randint(1, 480)}-K",
        order_date=order_date,
        selection_date=selected,
        term_years=term,
        valid_until=add_years(selected, term),
        **{"result": CompetitionResult.PASSED} | extra,
    )


def _competitions(rng: Random, teachers: list[Appointment], today: dt.date) -> list[Competition]:
    rows = []
    for a in teachers:
        if rng.random() < 0.1:  # newly hired: no selection yet
            continue
        term = rng.choice((3, 3, 5))
        selected = add_years(_valid_until(rng, today), -term)
        rows.append(_selection(rng, a, selected, term, today))
        if rng.random() < 0.4:  # the previous term, back to back
            rows.append(_selection(rng, a, add_years(selected, -3), 3, today))
        elif rng.random() < 0.1:  # an earlier attempt that failed
            failed = selected - dt.timedelta(days=rng.randint(200, 400))
            rows.append(_selection(rng, a, failed, term, today, result=CompetitionResult.NOT_PASSED))
    return rows


def _training(rng: Random, a: Appointment, ended: dt.date) -> TrainingRecord:
    place = rng.choices(list(INSTITUTIONS), weights=(5, 3, 1, 1))[0]
    started = ended - dt.timedelta(days=rng.choice((11, 18, 25, 32)))
    number = rng.randint(100, 9999)
    return TrainingRecord(
        employee=a.employee,
        place=place,
        institution=rng.choice(INSTITUTIONS[place]),
        programme=rng.choice(PROGRAMMES),
        date_from=started,
        date_to=ended,
        hours=rng.choice((36, 72, 144, 144)),
        certificate_number=f"{'XM' if place == TrainingPlace.FOREIGN else 'MO'}-{number:05d}",
        certificate_date=ended + dt.timedelta(days=rng.randint(0, 5)),
        order_number=f"{rng.randint(1, 320)}-son",
        order_date=started - dt.timedelta(days=rng.randint(3, 10)),
    )


def _trainings(rng: Random, teachers: list[Appointment], today: dt.date) -> list[TrainingRecord]:
    rows = []
    for a in teachers:
        if rng.random() < 0.08:  # never trained: due now
            continue
        ended = today - dt.timedelta(days=rng.randint(20, 1300))  # about one in seven ended over 3 years ago
        rows.append(_training(rng, a, ended))
        if rng.random() < 0.35:
            rows.append(_training(rng, a, ended - dt.timedelta(days=rng.randint(3 * 365, 4 * 365))))
    return rows


def _stamp(rng: Random, rows: list, author: User | None, now: dt.datetime) -> None:
    """Entered by ``author`` a few days after each order (what annex 3 item 4 and annex 4 item 9 measure)."""
    model = type(rows[0])
    for row in rows:
        row.created_by = author
    created = model.objects.bulk_create(rows, batch_size=1000)
    for row in created:
        row.created_at = _entered(rng, row.order_date, now)
    model.objects.bulk_update(created, ["created_at"], batch_size=1000)


def seed(*, rng: Random) -> dict[str, int]:
    today, now = timezone.localdate(), timezone.now()
    users = User.objects.in_bulk(["hr", "academic"], field_name="username")
    teachers = _teachers()
    competitions = _competitions(rng, teachers, today)
    trainings = _trainings(rng, teachers, today)
    if competitions:
        _stamp(rng, competitions, users.get("hr"), now)
    if trainings:
        _stamp(rng, trainings, users.get("academic"), now)
    return {"competitions": len(competitions), "training_records": len(trainings)}
