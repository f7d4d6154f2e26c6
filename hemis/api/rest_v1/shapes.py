"""Shapes shared by several operations: our records as the HEMIS document's component schemas
(``Group``, ``Subject``, ``Employee``, ``EducationYear``, ``Specialty``, ``Semester``…). An operation's
own shapes live in its module; one used by two modules comes here (append, never rewrite)."""

from hemis.api.rest_v1.core import option, text


def education_year(year) -> dict | None:
    """``EducationYear``: the code is the year it starts (``2026`` for 2026–2027)."""
    if year is None:
        return None
    return {"code": str(year.start_date.year), "name": year.name, "current": bool(year.is_current)}


def semester_code(number: int) -> str:
    """The ``h_semester`` code of a curriculum semester number (1 → ``11``)."""
    return str(10 + number)


def group(g) -> dict | None:
    if g is None:
        return None
    return {"id": g.pk, "name": g.name, "educationLang": option("h_language", g.language)}


def subject(s) -> dict | None:
    if s is None:
        return None
    return {"id": s.pk, "code": s.code, "name": text(s.name)}


def employee(e) -> dict | None:
    if e is None:
        return None
    return {"id": e.pk, "name": text(e.full_name)}


def specialty(programme) -> dict | None:
    """``Specialty`` from one of our programmes (its code is the specialty code)."""
    if programme is None:
        return None
    return {"id": programme.pk, "name": text(programme.name), "code": programme.code}


def week_id(monday) -> int:
    """A study week's ``id``: the timestamp of its Monday (so ``week=<id>`` names the week itself)."""
    from hemis.api.rest_v1.core import ts

    return ts(monday)


def semester_weeks(sem) -> list[dict]:
    """The README's ``Semester.weeks``: the Monday–Sunday weeks of a calendar semester."""
    import datetime as dt

    from django.utils import timezone

    from hemis.api.rest_v1.core import ts

    today = timezone.localdate()
    monday = sem.start_date - dt.timedelta(days=sem.start_date.weekday())
    weeks = []
    while monday <= sem.end_date:
        sunday = monday + dt.timedelta(days=6)
        weeks.append(
            {
                "id": week_id(monday),
                "start_date": ts(monday),
                "end_date": ts(sunday),
                "current": monday <= today <= sunday,
                "start_date_f": monday.strftime("%d.%m.%Y"),
                "end_date_f": sunday.strftime("%d.%m.%Y"),
            }
        )
        monday += dt.timedelta(days=7)
    return weeks


def semester(sem, number: int | None) -> dict | None:
    """``Semester`` of a calendar semester (``academic_year`` loaded) that a student studies as the
    curriculum semester ``number`` (its ``h_semester`` code), with the README's ``weeks``."""
    if sem is None:
        return None
    code = semester_code(number) if number else None
    return {
        "id": sem.pk,
        "code": code or "",
        "name": option("h_semester", code)["name"] if code else text(sem),
        "current": bool(sem.is_current),
        "education_year": education_year(sem.academic_year),
        "weeks": semester_weeks(sem),
    }


def department(unit) -> dict | None:
    """``Department`` of an org unit."""
    if unit is None:
        return None
    return {
        "id": unit.pk,
        "name": text(unit.name),
        "code": unit.code,
        "parent": unit.parent_id or 0,
        "active": unit.active,
        "structureType": option("h_structure_type", unit.structure_type),
        "localityType": option("h_locality_type", "11"),
    }


def student(s, *, semester_shape: dict | None = None, university=None) -> dict:
    """The full ``Student`` with the README's ``passport_number``, ``phone``, ``gender``. Load
    ``faculty``, ``programme``, ``group`` with the student. ``semester_shape`` is the student's current
    ``semester(...)`` (null without it); ``university`` the ``UniversitySettings`` (read when not
    given: pass it when shaping many students)."""
    import hashlib

    from hemis.api.rest_v1.core import ts
    from hemis.core.models import UniversitySettings, localized

    university = university if university is not None else UniversitySettings.current()
    programme = s.programme
    digest = hashlib.sha256(f"{s.pinfl}/{s.passport}".encode()).hexdigest()
    return {
        "id": s.pk,
        "first_name": text(s.first_name),
        "second_name": text(s.last_name),
        "third_name": text(s.patronymic),
        "full_name": text(s.full_name),
        "short_name": text(s.short_name),
        "university": text(localized(university, "name")),
        # ownership is not kept by the university settings
        "universityOwnership": None,
        "student_id_number": s.student_id_number or None,
        "passport_pin": s.pinfl or None,
        "passport_number": s.passport or None,
        # no photographs are kept
        "image": "",
        "birth_date": ts(s.birth_date),
        "gender": option("h_gender", s.gender),
        "phone": s.phone or None,
        "email": s.email or None,
        "group": group(s.group),
        "faculty": department(s.faculty),
        "educationLang": option(
            "h_language", s.group.language if s.group else programme.language if programme else None
        ),
        "semester": semester_shape,
        "specialty": {"code": programme.code, "name": text(programme.name)} if programme else None,
        "level": option("h_course", str(10 + s.course)),
        "educationForm": option("h_education_form", s.education_form),
        "educationType": option("h_education_type", s.education_type),
        "paymentForm": option("h_payment_form", s.payment_form),
        "studentStatus": option("h_student_status", s.status),
        # the place of residence is kept as an address line only
        "country": None,
        "district": None,
        "province": None,
        "address": s.address or None,
        "socialCategory": option("h_social_category", s.social_category),
        "povertyLevel": None,
        "accommodation": option("h_accommodation", s.accommodation),
        "validateUrl": "",
        "hash": digest,
    }


def lesson_pair(number: int, start, end, year) -> dict:
    """``LessonPair`` of pair ``number`` (its code ``10 + number``: the 1st pair is ``11``) from
    ``start`` to ``end`` (times) of academic ``year``."""
    return {
        "code": str(10 + number),
        "name": str(number),
        "start_time": start.strftime("%H:%M") if start else "",
        "end_time": end.strftime("%H:%M") if end else "",
        "_education_year": str(year.start_date.year) if year is not None else "",
    }


def auditorium(room) -> dict | None:
    """``Auditorium`` of a room (load ``building``): its code is the room's id."""
    if room is None:
        return None
    return {
        "code": str(room.pk),
        "name": text(room.name or room.number),
        "volume": room.capacity,
        "active": room.active,
        "building": {"id": str(room.building_id), "name": text(room.building.name)},
        "auditoriumType": option("h_auditorium_type", room.room_type),
    }
