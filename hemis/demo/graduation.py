"""Demo data of the clearance sheet and the diploma gate (the controlling roles of chapter 3.1.14, annex 13
item 9), after grading: final-course students (the programme's last course, with academic records first)
whose sheets are in every state the evaluators tell apart —

- signed on time by the library and the dormitory (the next working day), one of them with the diploma
  recorded by the diploma department, so that student downloads the diploma and its supplement;
- signed late by the library (three working days after opening);
- the library line pending past its day (overdue), the dormitory's signed;
- refused by the library with the debt named (the student still to settle it);
- refused, reported settled by the student and signed the next working day (the history kept);
- opened today, both lines pending within their day;
- fully signed, the diploma not yet recorded (the diploma department's to-do).

Written through the services (so every decision is journaled and kept in the line's history), then dated
back to when it happened. The student whose diploma downloads is the first final-course student with
academic records (by group and student ID): ``diploma_student()`` finds them."""

import datetime as dt

from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from hemis.access.models import User
from hemis.core.calendar import WorkingCalendar
from hemis.demo.teaching import TASHKENT
from hemis.grading.models import AcademicRecord
from hemis.graduation import services
from hemis.graduation.models import ClearanceDecision, ClearanceLine, ClearanceSheet
from hemis.students.models import Student, StudentStatus

LIBRARY_DEBT = "2 ta kitob qaytarilmagan: «Oliy matematika», «Fizika» (ARM abonementi)"
SETTLED_DEBT = "Kitob qaytarilmagan: «Kimyoviy texnologiya asoslari»"
CASES = ("diploma", "on_time", "late", "overdue", "refused", "settled", "today", "cleared")


class _Days:
    def __init__(self):
        self.calendar = WorkingCalendar()
        self.today = timezone.localdate()
        self.now = timezone.now()

    def back(self, n: int) -> dt.date:
        """The working day ``n`` working days before today."""
        return self.calendar.add_working_days(self.today, -n)

    def at(self, day: dt.date, hour: int) -> dt.datetime:
        moment = dt.datetime.combine(day, dt.time(hour), tzinfo=TASHKENT)
        return min(moment, self.now - dt.timedelta(minutes=30))


def _final_course_students(n: int) -> list[Student]:
    graded = Exists(AcademicRecord.objects.filter(student=OuterRef("pk")))
    return list(
        Student.objects.filter(
            status=StudentStatus.STUDYING, user__isnull=False, course__gte=F("programme__duration_years")
        )
        .annotate(graded=graded)
        .select_related("user", "programme")
        .order_by("-graded", "group__name", "student_id_number")[:n]
    )


def diploma_student() -> Student | None:
    """The demo student whose clearance sheet is fully signed and whose diploma is recorded."""
    return Student.objects.filter(diploma__isnull=False, clearance_sheet__isnull=False).order_by("pk").first()


def _line(sheet: ClearanceSheet, code: str) -> ClearanceLine:
    return ClearanceLine.objects.select_related("unit").get(sheet=sheet, unit__code=code)


def _opened(sheet: ClearanceSheet, moment: dt.datetime) -> None:
    ClearanceSheet.objects.filter(pk=sheet.pk).update(created_at=moment, updated_at=moment)
    ClearanceLine.objects.filter(sheet=sheet).update(ready_at=moment)


def _dated(line: ClearanceLine, moment: dt.datetime) -> None:
    """Date the line's latest history entry (and its decision, when decided) at ``moment``."""
    last = ClearanceDecision.objects.filter(line=line).latest("at", "pk")
    ClearanceDecision.objects.filter(pk=last.pk).update(at=moment)
    line.refresh_from_db()
    if last.kind == "settled":
        ClearanceLine.objects.filter(pk=line.pk).update(ready_at=moment)
        ClearanceDecision.objects.filter(pk=last.pk).update(ready_at=moment)
    elif line.decided_at is not None:
        ClearanceLine.objects.filter(pk=line.pk).update(decided_at=moment)
        ClearanceDecision.objects.filter(pk=last.pk).update(ready_at=line.ready_at)
    line.refresh_from_db()


def _sign(line, who, moment):
    services.sign_line(line=line, actor=who, role=line.unit.role)
    _dated(line, moment)


def seed() -> dict[str, int]:
    people = {u.username: u for u in User.objects.filter(username__in=["library", "dormitory", "diploma"])}
    librarian, warden, clerk = (people.get(n) for n in ("library", "dormitory", "diploma"))
    students = _final_course_students(len(CASES))
    if librarian is None or warden is None or clerk is None or not students:
        return {}
    days = _Days()
    by_case = dict(zip(CASES, students, strict=False))  # a small demo has the first cases only
    opened_on = {
        "diploma": days.back(12),
        "on_time": days.back(10),
        "late": days.back(9),
        "overdue": days.back(4),
        "refused": days.back(6),
        "settled": days.back(8),
        "today": days.today,
        "cleared": days.back(7),
    }
    for case, student in by_case.items():
        sheet = services.open_sheet(student=student, actor=student.user)
        start = opened_on[case]
        _opened(sheet, days.at(start, 10))
        library, dormitory = _line(sheet, "library"), _line(sheet, "dormitory")
        next_day = days.calendar.add_working_days(start, 1)
        if case in ("diploma", "on_time", "cleared"):
            _sign(library, librarian, days.at(next_day, 11))
            _sign(dormitory, warden, days.at(start, 15))
        elif case == "late":
            _sign(library, librarian, days.at(days.calendar.add_working_days(start, 3), 12))
            _sign(dormitory, warden, days.at(next_day, 9))
        elif case == "overdue":
            _sign(dormitory, warden, days.at(next_day, 9))
        elif case == "refused":
            services.refuse_line(line=library, actor=librarian, role="library", reason=LIBRARY_DEBT)
            _dated(library, days.at(start, 16))
            _sign(dormitory, warden, days.at(next_day, 10))
        elif case == "settled":
            services.refuse_line(line=library, actor=librarian, role="library", reason=SETTLED_DEBT)
            _dated(library, days.at(start, 16))
            settled_on = days.calendar.add_working_days(start, 2)
            services.report_settled(line=library, actor=student.user)
            _dated(library, days.at(settled_on, 9))
            _sign(library, librarian, days.at(days.calendar.add_working_days(settled_on, 1), 10))
            _sign(dormitory, warden, days.at(next_day, 14))
    diploma_student = by_case["diploma"]
    services.record_diploma(
        student=diploma_student, series="BD", number="0012345", issued_on=days.back(2), actor=clerk
    )
    return {
        "clearance_sheets": len(by_case),
        "clearance_decisions": ClearanceDecision.objects.count(),
        "diplomas": 1,
    }
