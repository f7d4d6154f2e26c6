"""Demo data of the first log-in and the personal data (annex 13 items 1 and 7).

Every demo student has an e-mail and a phone and no forced password, so that logging in leads straight to
their home page (the first log-in then completes at once) — except ``FRESH`` students, the last of the
Faculty of Chemical Technology's by student ID, who take the whole first log-in: a new password, then the
e-mail (none on record) and the phone (the one on record, to confirm). Their student IDs are returned by ``fresh_students()`` (for the README and
``demo_logins``).

For the compliance view (annex 13 item 1) a few students already logged in: on the day they finished
(on time), two days later (late), today and not yet (pending), three days ago and not yet (overdue).
The dean's office of that faculty (``dean``) finds correction requests from its students: two open, one
applied, one rejected."""

import datetime as dt

from django.utils import timezone

from hemis.access.models import RoleGrant, User
from hemis.access.roles import RoleCode
from hemis.students.models import CorrectableField, Student, StudentStatus
from hemis.students.services import corrections

FACULTY = "F-KT"
FRESH = 3


def _students():
    return (
        Student.objects.filter(status=StudentStatus.STUDYING, user__isnull=False, faculty__code=FACULTY)
        .select_related("user", "group")
        .order_by("-student_id_number")
    )


def fresh_students() -> list[str]:
    """The student IDs of the demo students whose first log-in is still ahead (forced password, no contacts)."""
    return list(
        _students()
        .filter(user__must_change_password=True, user__first_login_at__isnull=True)
        .order_by("student_id_number")
        .values_list("student_id_number", flat=True)
    )


def _make_fresh(students: list[Student]) -> None:
    Student.objects.filter(pk__in=[s.pk for s in students]).update(email="")
    User.objects.filter(pk__in=[s.user_id for s in students]).update(
        must_change_password=True, email="", first_login_at=None, onboarded_at=None
    )


def _logged_in(student: Student, at: dt.datetime, done: dt.datetime | None) -> None:
    User.objects.filter(pk=student.user_id).update(first_login_at=at, onboarded_at=done)
    if done is None:  # still to enter the contacts
        Student.objects.filter(pk=student.pk).update(email="")
        User.objects.filter(pk=student.user_id).update(email="")


def _first_logins(students: list[Student]) -> int:
    now = timezone.now()
    morning = now.replace(hour=4, minute=0, second=0, microsecond=0)  # 09:00 in Tashkent
    cases = [
        (morning - dt.timedelta(days=20), dt.timedelta(minutes=6)),  # on time
        (morning - dt.timedelta(days=15), dt.timedelta(minutes=3)),  # on time
        (morning - dt.timedelta(days=12), dt.timedelta(hours=2)),  # on time
        (morning - dt.timedelta(days=9), dt.timedelta(days=2)),  # late
        (now, None),  # pending: logged in today (now: whatever the hour, today in Tashkent)
        (morning - dt.timedelta(days=3), None),  # overdue
    ]
    for student, (at, after) in zip(students, cases, strict=False):
        _logged_in(student, at, at + after if after is not None else None)
    return min(len(students), len(cases))


def _corrections(students: list[Student]) -> int:
    dean = RoleGrant.objects.current().filter(role_id=RoleCode.DEAN, org_unit__code=FACULTY).first()
    if dean is None or len(students) < 4:
        return 0
    asks = [
        (
            CorrectableField.ADDRESS,
            "Toshkent shahri, Yunusobod tumani, 4-mavze, 12-uy",
            "Yangi manzilga koʻchdim.",
        ),
        (CorrectableField.PASSPORT, "AD1234567", "Pasportimni almashtirdim."),
        (CorrectableField.ADDRESS, "Toshkent shahri, Chilonzor tumani, 9-kvartal, 3-uy", "Ijaraga koʻchdim."),
        (CorrectableField.BIRTH_DATE, "01.01.1990", "Tugʻilgan sanam notoʻgʻri."),
    ]
    made = []
    for student, (field, value, comment) in zip(students, asks, strict=False):
        made.append(
            corrections.request_correction(
                student=student, field=field, requested_value=value, comment=comment, actor=student.user
            )
        )
    corrections.apply_correction(request=made[2], answer="", actor=dean.user)
    corrections.reject_correction(
        request=made[3],
        answer="Tugʻilganlik haqidagi guvohnoma boʻyicha sana toʻgʻri; hujjat nusxasini ilova qiling.",
        actor=dean.user,
    )
    return len(made)


def seed() -> dict[str, int]:
    students = list(_students()[: FRESH + 10])
    if not students:
        return {"fresh_students": 0, "first_logins": 0, "correction_requests": 0}
    _make_fresh(students[:FRESH])
    logins = _first_logins(students[FRESH : FRESH + 6])
    requests = _corrections(students[FRESH + 6 :])
    return {
        "fresh_students": min(FRESH, len(students)),
        "first_logins": logins,
        "correction_requests": requests,
    }
