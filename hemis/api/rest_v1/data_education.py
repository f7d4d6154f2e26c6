"""Data (Backend) API: the education lists (``/rest/v1/data/*``) — the timetable's lessons, attendance,
daily marks, exam results of the statements, the academic record, GPAs and their rating, and the control
schedule. An API user reads the whole university (``api.data``); every list is read from the domain's
tables through its selectors, in a number of queries independent of the number of items.

How our records map onto the document's:
- ``SubjectSchedule``: one item per group of a dated lesson (a stream lecture is one item per group,
  as HEMIS keeps it); its ``id`` is the lesson's group row, which ``Attendance._subject_schedule``
  and ``StudentGrade._subject_schedule`` name. Cancelled lessons are not listed.
- ``Attendance``: a student absent from a recorded lesson (``absent_on`` the excused hours,
  ``absent_off`` the unexcused ones). Present students have no row here, so ``attendance_type=present``
  lists nothing.
- ``StudentGrade``: the daily marks of recorded lessons.
- ``StudentPerformance``: a graded line of a statement (its points; no re-grading is kept, so
  ``regrade`` repeats them).
- ``AcademicRecord``: the academic record snapshot; its examiner is the one of the latest statement
  the student has a line on in the subject.
- ``StudentGpa``: the GPA of an academic year (the cumulative GPA has no year and is not listed).
- ``StudentExam``: a published control of the control schedule.

A ``semester`` code is the curriculum semester the group studies the subject in (``h_semester``)."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.db.models import F, OuterRef, Prefetch, Subquery, Sum, Value, Window
from django.db.models.functions import Coalesce, Concat, Rank
from django.utils.translation import gettext as _

from hemis.academics.models import AcademicYear
from hemis.access.policy import require, sees_personal_data
from hemis.api.rest_v1 import shapes
from hemis.api.rest_v1.core import (
    bad_request,
    int_param,
    option,
    paginate,
    str_param,
    text,
    ts,
    ts_param,
)
from hemis.api.rest_v1.endpoint import operation
from hemis.core.models import GpaScope, UniversitySettings
from hemis.core.timestamps import TASHKENT
from hemis.curricula.models import SubjectLoad
from hemis.grading import selectors as grading
from hemis.grading.enums import RecordStatus
from hemis.grading.models import AcademicRecord, Gpa, StatementLine
from hemis.schedule import selectors as schedule
from hemis.schedule.enums import LessonKind, LessonStatus
from hemis.schedule.models import Lesson, LessonGroup
from hemis.students.models import GroupSubject, Student
from hemis.teaching.models import Absence, DailyMark

WEEK = dt.timedelta(days=6)
ATTENDANCE_TYPES = ("present", "absent_with_reason", "absent_without_reason")
METHODS = {GpaScope.YEAR: "one_year", GpaScope.ALL_YEARS: "all_year"}


# --- reading the whole university ----------------------------------------------------------------


def _university(request) -> None:
    """The data API reads the whole university: the token's "API user" role allows it."""
    require(request.principal, "api.data")


def _curriculum_semester(group: str, semester: str, subject: str) -> Subquery:
    """The number of the curriculum semester in which the group (at ``group``) studies the subject of
    the calendar semester (the group's bound subject), for the ``semester`` code."""
    return Subquery(
        GroupSubject.objects.filter(
            group=OuterRef(group),
            semester=OuterRef(semester),
            curriculum_subject__subject=OuterRef(subject),
        ).values("curriculum_subject__semester__number")[:1]
    )


def _schedule_row(lesson: str, group: str) -> Subquery:
    """The id of the ``SubjectSchedule`` item (the lesson's group row) of a lesson and a group."""
    return Subquery(
        LessonGroup.objects.filter(lesson=OuterRef(lesson), group=OuterRef(group)).values("pk")[:1]
    )


def _semester(number) -> dict | None:
    return option("h_semester", shapes.semester_code(number)) if number else None


# --- parameters ------------------------------------------------------------------------------------


def _code(request, name: str) -> str | None:
    """A classifier code parameter (``_semester=14``…): digits, else 400."""
    value = int_param(request, name)
    return None if value is None else str(value)


def _date_from(request, name: str) -> dt.date | None:
    """The first date whose midnight (Tashkent) is at or after the timestamp ``name``."""
    moment = ts_param(request, name)
    if moment is None:
        return None
    local = moment.astimezone(TASHKENT)
    return local.date() + (dt.timedelta(days=1) if local.time() != dt.time() else dt.timedelta())


def _date_to(request, name: str) -> dt.date | None:
    """The last date whose midnight (Tashkent) is at or before the timestamp ``name``."""
    moment = ts_param(request, name)
    return None if moment is None else moment.astimezone(TASHKENT).date()


def _filter(rows, request, params: dict):
    """``rows`` narrowed by each integer parameter given: ``{name: lookup}``."""
    for name, lookup in params.items():
        value = int_param(request, name)
        if value is not None:
            rows = rows.filter(**{lookup: value})
    return rows


def _year(rows, request, lookup: str, *, current_by_default: bool = False):
    """``_education_year`` (the code: the year it starts); the current year when absent if the
    document says so."""
    code = int_param(request, "_education_year")
    if code is not None:
        return rows.filter(**{f"{lookup}__start_date__year": code})
    if current_by_default:
        return rows.filter(**{f"{lookup}__is_current": True})
    return rows


def _semester_filter(rows, request, annotation: str):
    code = int_param(request, "_semester")
    return rows if code is None else rows.filter(**{annotation: code - 10})


def _range(rows, request, field: str, name: str, *, dates: bool = False):
    """``<name>_from`` / ``<name>_to`` (timestamps) on ``field`` (a date when ``dates``)."""
    if dates:
        first, last = _date_from(request, f"{name}_from"), _date_to(request, f"{name}_to")
    else:
        first, last = ts_param(request, f"{name}_from"), ts_param(request, f"{name}_to")
    if first is not None:
        rows = rows.filter(**{f"{field}__gte": first})
    if last is not None:
        rows = rows.filter(**{f"{field}__lte": last})
    return rows


def _pair_code(request, name: str = "_lesson_pair") -> int | None:
    code = int_param(request, name)
    return None if code is None else code - 10


# --- schedule-list ---------------------------------------------------------------------------------


def _lesson_pair(lesson: Lesson) -> dict:
    return shapes.lesson_pair(lesson.pair, lesson.start_time, lesson.end_time, lesson.semester.academic_year)


def subject_schedule(row: LessonGroup) -> dict:
    lesson = row.lesson
    monday = schedule.monday_of(lesson.date)
    return {
        "id": row.pk,
        "subject": shapes.subject(lesson.subject),
        "faculty": shapes.department(lesson.faculty),
        "department": shapes.department(lesson.subject.department),
        "educationYear": shapes.education_year(lesson.semester.academic_year),
        "semester": _semester(row.number),
        "group": shapes.group(row.group),
        "auditorium": shapes.auditorium(lesson.room),
        "trainingType": option("h_training_type", lesson.training_type),
        "lessonPair": _lesson_pair(lesson),
        "employee": shapes.employee(lesson.teacher),
        "lesson_date": ts(lesson.date),
        "_week": shapes.week_id(monday),
        "weekStartTime": ts(monday),
        "weekEndTime": ts(monday + WEEK),
    }


@operation(access="data")
def schedule_list(request):
    """The timetable's lessons, one item per group of a lesson (the current academic year unless
    ``_education_year``)."""
    _university(request)
    rows = LessonGroup.objects.filter(
        lesson__kind=LessonKind.LESSON, lesson__status=LessonStatus.SCHEDULED
    ).annotate(number=_curriculum_semester("group", "lesson__semester", "lesson__subject"))
    rows = _filter(
        rows,
        request,
        {
            "_faculty": "lesson__faculty_id",
            "_group": "group_id",
            "_subject": "lesson__subject_id",
            "_employee": "lesson__teacher_id",
            "_auditorium": "lesson__room_id",
        },
    )
    week = ts_param(request, "_week")  # a week's id is the timestamp of its Monday
    if week is not None:
        monday = week.astimezone(TASHKENT).date()
        rows = rows.filter(lesson__date__gte=monday, lesson__date__lte=monday + WEEK)
    pair = _pair_code(request)
    if pair is not None:
        rows = rows.filter(lesson__pair=pair)
    rows = _year(rows, request, "lesson__semester__academic_year", current_by_default=True)
    rows = _semester_filter(rows, request, "number")
    rows = _range(rows, request, "lesson__date", "lesson_date", dates=True)
    rows = _range(rows, request, "lesson__updated_at", "updated_at")
    rows = rows.select_related(
        "group",
        "lesson__subject__department",
        "lesson__faculty",
        "lesson__semester__academic_year",
        "lesson__room__building",
        "lesson__teacher",
    ).order_by("lesson__date", "lesson__pair", "group__name", "pk")
    return paginate(request, rows, subject_schedule)


# --- attendance-list and student-grade-list ---------------------------------------------------------


def _journal_rows(model, request):
    """Rows of the journal (absences, daily marks) of recorded lessons with their lesson, the item of
    the schedule and the curriculum semester; the filters the two lists share."""
    rows = model.objects.annotate(
        schedule_row=_schedule_row("record__lesson", "student__group"),
        number=_curriculum_semester("student__group", "record__lesson__semester", "record__lesson__subject"),
    )
    rows = _filter(
        rows,
        request,
        {
            "_subject": "record__lesson__subject_id",
            "_employee": "record__lesson__teacher_id",
            "_student": "student_id",
            "_group": "student__group_id",
            "_training_type": "record__lesson__training_type",
        },
    )
    pair = _pair_code(request)
    if pair is not None:
        rows = rows.filter(record__lesson__pair=pair)
    rows = _semester_filter(rows, request, "number")
    rows = _range(rows, request, "record__lesson__date", "lesson_date", dates=True)
    return rows.select_related(
        "record__lesson__subject",
        "record__lesson__teacher",
        "record__lesson__semester__academic_year",
        "student__group",
    ).order_by("record__lesson__date", "record__lesson__pair", "student__last_name", "pk")


def attendance(row: Absence) -> dict:
    lesson = row.record.lesson
    year = lesson.semester.academic_year
    excused = row.excuse_id is not None
    return {
        "id": row.pk,
        "_subject_schedule": row.schedule_row,
        "subject": shapes.subject(lesson.subject),
        "student": {"id": row.student.pk, "name": text(row.student.full_name)},
        "employee": shapes.employee(lesson.teacher),
        "educationYear": {"code": str(year.start_date.year), "name": year.name},
        "semester": _semester(row.number),
        "group": shapes.group(row.student.group),
        "trainingType": option("h_training_type", lesson.training_type),
        "lessonPair": _lesson_pair(lesson),
        "lesson_date": ts(lesson.date),
        "created_at": ts(row.record.created_at),
        "absent_on": row.hours if excused else 0,
        "absent_off": 0 if excused else row.hours,
    }


@operation(access="data")
def attendance_list(request):
    """Students absent from recorded lessons (a present student has no row)."""
    _university(request)
    rows = _journal_rows(Absence, request)
    row = int_param(request, "_subject_schedule")
    if row is not None:
        item = LessonGroup.objects.filter(pk=row)
        rows = rows.filter(record__lesson__in=item.values("lesson"), student__group__in=item.values("group"))
    rows = _year(rows, request, "record__lesson__semester__academic_year")
    pnfl = str_param(request, "student_pnfl")
    if pnfl:
        rows = rows.filter(student__pinfl=pnfl)
    kind = str_param(request, "attendance_type")
    if kind and kind not in ATTENDANCE_TYPES:
        raise bad_request(
            _("Invalid value of parameter %(name)s: %(value)s is not one of %(values)s.")
            % {"name": "attendance_type", "value": kind, "values": ", ".join(ATTENDANCE_TYPES)}
        )
    if kind == "present":  # presence is not recorded row by row
        rows = rows.none()
    elif kind == "absent_with_reason":
        rows = rows.filter(excuse__isnull=False)
    elif kind == "absent_without_reason":
        rows = rows.filter(excuse__isnull=True)
    return paginate(request, rows, attendance)


def student_grade(row: DailyMark) -> dict:
    lesson = row.record.lesson
    return {
        "id": row.pk,
        "_student": row.student_id,
        "_subject_schedule": row.schedule_row,
        "semester": _semester(row.number),
        "subject": shapes.subject(lesson.subject),
        "trainingType": option("h_training_type", lesson.training_type),
        "lessonPair": _lesson_pair(lesson),
        "employee": shapes.employee(lesson.teacher),
        "grade": row.value,
        "lesson_date": ts(lesson.date),
        "created_at": ts(row.record.created_at),
    }


@operation(access="data")
def student_grade_list(request):
    """The daily marks of recorded lessons (the current academic year unless ``_education_year``)."""
    _university(request)
    rows = _journal_rows(DailyMark, request)
    rows = _filter(rows, request, {"_faculty": "record__lesson__faculty_id"})
    rows = _year(rows, request, "record__lesson__semester__academic_year", current_by_default=True)
    return paginate(request, rows, student_grade)


# --- student-performance-list ----------------------------------------------------------------------


def student_performance(line: StatementLine) -> dict:
    statement = line.statement
    points = line.points
    return {
        "id": line.pk,
        "_student": line.student_id,
        "_employee": statement.examiner_id,
        "_education_year": str(statement.semester.academic_year.start_date.year),
        "_exam_schedule": statement.control_lesson_id,
        "grade": points,
        "regrade": points,
        "exam_date": ts(statement.control_date),
        "created_at": ts(line.changed_at),
        "updated_at": ts(line.changed_at),
        "subject": shapes.subject(statement.subject),
        "semester": _semester(line.curriculum_subject.semester.number),
        "examType": option("h_exam_type", statement.control_kind),
        "finalExamType": option("h_final_exam_type", statement.attempt),
    }


@operation(access="data")
def student_performance_list(request):
    """The graded lines of the statements (a control's points of a student)."""
    _university(request)
    # when the points were entered (a line given points without the grading service: its statement's
    # last change)
    rows = StatementLine.objects.filter(points__isnull=False).annotate(
        changed_at=Coalesce("graded_at", "statement__updated_at")
    )
    rows = _filter(rows, request, {"_student": "student_id", "_employee": "statement__examiner_id"})
    rows = _year(rows, request, "statement__semester__academic_year")
    rows = _semester_filter(rows, request, "curriculum_subject__semester__number")
    rows = _range(rows, request, "statement__control_date", "exam_date", dates=True)
    rows = _range(rows, request, "changed_at", "updated_at")
    rows = rows.select_related(
        "statement__subject", "statement__semester__academic_year", "curriculum_subject__semester"
    ).order_by("statement__control_date", "statement_id", "student__last_name", "pk")
    return paginate(request, rows, student_performance)


# --- academic-record-list --------------------------------------------------------------------------


def _number(value) -> float | None:
    """A grade as a number (``"5"`` → 5.0); None for no grade or a letter."""
    try:
        return float(Decimal(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def academic_record(record: AcademicRecord) -> dict:
    cs = record.curriculum_subject
    student = record.student
    code = shapes.semester_code(cs.semester.number)
    semester = option("h_semester", code)
    grade = _number(record.grade)
    if grade is None and record.grade_point is not None:
        grade = float(record.grade_point)
    return {
        "id": record.pk,
        "_curriculum": cs.semester.curriculum_id,
        "_education_year": str(record.academic_year.start_date.year),
        "_semester": code,
        "_student": student.pk,
        "_employee": record.examiner_id,
        "_subject": cs.subject_id,
        "employee_name": text(" ".join((record.examiner_name or "").split())),
        "semester_name": semester["name"],
        "student_name": text(student.full_name),
        "student_id_number": student.student_id_number or "",
        "subject_name": text(cs.subject.name),
        "subject_code": cs.subject.code,
        "education_type": (option("h_education_type", student.education_type) or {}).get("name", ""),
        "education_form": (option("h_education_form", student.education_form) or {}).get("name", ""),
        "total_acload": record.acload,
        "credit": float(record.credits),
        "total_point": float(record.total_points),
        "grade": grade,
        "finish_credit_status": record.status == RecordStatus.PASSED,
        "retraining_status": record.from_restudy,
        "created_at": ts(record.computed_at),
        "updated_at": ts(record.computed_at),
    }


@operation(access="data")
def academic_record_list(request):
    """The academic record: a student's result in a curriculum subject."""
    _university(request)
    latest = StatementLine.objects.filter(
        student=OuterRef("student"), curriculum_subject=OuterRef("curriculum_subject")
    ).order_by("-statement__control_date", "-statement_id")
    examiner = latest.annotate(
        name=Concat(
            "statement__examiner__last_name",
            Value(" "),
            "statement__examiner__first_name",
            Value(" "),
            "statement__examiner__patronymic",
        )
    )
    hours = (
        SubjectLoad.objects.filter(curriculum_subject=OuterRef("curriculum_subject"))
        .order_by()
        .values("curriculum_subject")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    rows = AcademicRecord.objects.annotate(
        examiner_id=Subquery(latest.values("statement__examiner_id")[:1]),
        examiner_name=Subquery(examiner.values("name")[:1]),
        acload=Coalesce(Subquery(hours), 0),
    )
    rows = _filter(
        rows,
        request,
        {
            "_subject": "curriculum_subject__subject_id",
            "_curriculum": "curriculum_subject__semester__curriculum_id",
            "_employee": "examiner_id",
            "_student": "student_id",
        },
    )
    rows = _year(rows, request, "academic_year")
    rows = _semester_filter(rows, request, "curriculum_subject__semester__number")
    for name, lookup in (
        ("student_id_number", "student__student_id_number"),
        ("subject_code", "curriculum_subject__subject__code"),
        ("education_type", "student__education_type"),
        ("education_form", "student__education_form"),
    ):
        value = str_param(request, name)
        if value:
            rows = rows.filter(**{lookup: value})
    rows = _range(rows, request, "computed_at", "updated_at")
    rows = rows.select_related(
        "student", "curriculum_subject__subject", "curriculum_subject__semester", "academic_year"
    ).order_by(
        "student__last_name", "student_id", "semester__start_date", "curriculum_subject__subject__code"
    )
    return paginate(request, rows, academic_record)


# --- student-gpa-list and student-gpa-rating -------------------------------------------------------


def _gpa_page(request, rows, *, rank: bool) -> dict:
    """A page of GPAs with ``can_transfer`` as the GPA lists of the pages decide it, each with the
    embedded student (their personal data only for a role entitled to it)."""
    page = paginate(request, rows, lambda gpa: gpa)
    settings = UniversitySettings.current()
    by_year = defaultdict(list)
    for gpa in page["items"]:
        by_year[gpa.academic_year_id].append(gpa)
    for gpas in by_year.values():
        grading.gpa_rows(gpas, academic_year=gpas[0].academic_year, settings=settings)
    method = METHODS.get(settings.gpa_scope, "one_year")
    personal = sees_personal_data(request.principal)
    page["items"] = [_student_gpa(gpa, method, settings, personal, rank) for gpa in page["items"]]
    return page


def _student_gpa(gpa: Gpa, method: str, settings, personal: bool, rank: bool) -> dict:
    student = gpa.student
    year = gpa.academic_year
    embedded = shapes.student(student, university=settings)
    if not personal:
        embedded.update(
            passport_pin=None, passport_number=None, phone=None, address=None, birth_date=None, hash=""
        )
    item = {
        "id": gpa.pk,
        "_student": student.pk,
        "_group": student.group_id,
        "educationYear": {"code": str(year.start_date.year), "name": year.name},
        "level": option("h_course", str(10 + student.course)),
        "gpa": float(gpa.gpa),
        "credit_sum": float(gpa.credits),
        "method": method,
        "subjects": gpa.subjects,
        "debt_subjects": gpa.debts,
        "can_transfer": bool(gpa.can_transfer),
        "created_at": ts(gpa.computed_at),
        "student": embedded,
    }
    if rank:
        item["rank"] = gpa.rank
    return item


def _with_student(rows):
    return rows.select_related("academic_year", "student__group", "student__faculty", "student__programme")


@operation(access="data")
def student_gpa_list(request):
    """The students' GPAs of each academic year."""
    _university(request)
    rows = Gpa.objects.filter(academic_year__isnull=False)
    rows = _filter(
        rows,
        request,
        {"_department": "student__faculty_id", "_group": "student__group_id", "_student": "student_id"},
    )
    rows = _year(rows, request, "academic_year")
    level = int_param(request, "_level")
    if level is not None:
        rows = rows.filter(student__course=level - 10)
    rows = _with_student(rows).order_by(
        "academic_year__start_date", "student__last_name", "student__first_name", "pk"
    )
    return _gpa_page(request, rows, rank=False)


@operation(access="data")
def student_gpa_rating(request):
    """The GPA rating of an academic year, best first; ``rank`` is the place among the students the
    filters chose (ties share a place)."""
    _university(request)
    code = int_param(request, "_education_year", required=True)
    year = AcademicYear.objects.filter(start_date__year=code).first()
    level = int_param(request, "_level")
    department = int_param(request, "_department")
    curriculum = int_param(request, "_curriculum")
    if year is None:
        return paginate(request, Gpa.objects.none(), lambda gpa: gpa)
    students = Student.objects.all()
    if curriculum is not None:
        students = students.filter(group__curriculum_id=curriculum)
    rows = grading.gpa_ranking(
        students=students,
        academic_year=year,
        faculty=department,
        course=level - 10 if level is not None else None,
    )
    rows = _with_student(rows).annotate(rank=Window(Rank(), order_by=F("gpa").desc()))
    return _gpa_page(request, rows, rank=True)


# --- subject-exam-list -----------------------------------------------------------------------------


def student_exam(lesson: Lesson) -> dict:
    attendee = lesson.attendees.all()[0] if lesson.attendees.all() else None
    return {
        "id": lesson.pk,
        "subject": shapes.subject(lesson.subject),
        "examType": option("h_exam_type", lesson.control_kind),
        "finalExamType": option("h_final_exam_type", lesson.attempt or "11"),
        "semester": shapes.semester(lesson.semester, lesson.number),
        "group": shapes.group(attendee.group) if attendee else None,
        "employee": shapes.employee(lesson.teacher),
        "auditorium": shapes.auditorium(lesson.room),
        "lessonPair": _lesson_pair(lesson),
        "examDate": ts(lesson.date),
        "faculty": shapes.department(lesson.faculty),
        "department": shapes.department(lesson.subject.department),
        "educationYear": shapes.education_year(lesson.semester.academic_year),
    }


@operation(access="data")
def subject_exam_list(request):
    """The published control schedule (the current academic year unless ``_education_year``)."""
    _university(request)
    groups = LessonGroup.objects.filter(lesson=OuterRef(OuterRef("pk"))).values("group")
    rows = Lesson.objects.filter(
        kind=LessonKind.CONTROL, status=LessonStatus.SCHEDULED, published_at__isnull=False
    ).annotate(
        number=Subquery(
            GroupSubject.objects.filter(
                group__in=groups,
                semester=OuterRef("semester"),
                curriculum_subject__subject=OuterRef("subject"),
            ).values("curriculum_subject__semester__number")[:1]
        )
    )
    rows = _filter(
        rows,
        request,
        {
            "id": "pk",
            "_faculty": "faculty_id",
            "_subject": "subject_id",
            "_employee": "teacher_id",
            "_auditorium": "room_id",
        },
    )
    group = int_param(request, "_group")
    if group is not None:
        rows = schedule.group_lessons(rows, group)
    for name, field in (("_exam_type", "control_kind"), ("final_exam_type", "attempt")):
        value = _code(request, name)
        if value is not None:
            rows = rows.filter(**{field: value})
    rows = _year(rows, request, "semester__academic_year", current_by_default=True)
    rows = _semester_filter(rows, request, "number")
    rows = _range(rows, request, "updated_at", "updated_at")
    attendees = LessonGroup.objects.select_related("group").order_by("group__name")
    rows = (
        rows.select_related(
            "subject__department", "faculty", "semester__academic_year", "room__building", "teacher"
        )
        .prefetch_related(Prefetch("attendees", queryset=attendees))
        .order_by("date", "pair", "pk")
    )
    return paginate(request, rows, student_exam)


ROUTES = [
    ("data/schedule-list", schedule_list),
    ("data/attendance-list", attendance_list),
    ("data/student-grade-list", student_grade_list),
    ("data/student-performance-list", student_performance_list),
    ("data/academic-record-list", academic_record_list),
    ("data/student-gpa-list", student_gpa_list),
    ("data/student-gpa-rating", student_gpa_rating),
    ("data/subject-exam-list", subject_exam_list),
]
