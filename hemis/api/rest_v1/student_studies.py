"""Student API: a student's lessons — ``education/attendance``, ``education/schedule``,
``education/exam-table`` and ``education/resources``.

Each reads what the student's own cabinet pages read, through the policy: their absences
(``hemis.teaching``), the lessons and published controls of their week (``policy.visible_lessons``
laid out by ``schedule.selectors.week``), the resources of their group's subjects
(``policy.visible_resources``).

``semester`` is the ``h_semester`` code of the curriculum semester (``12`` = the 2nd), as
``education/semesters`` gives it; a code the student has no semester of answers an empty list. Without
it, the student's current semester (else the latest begun, else the first to come), as the cabinet's
pages choose. ``week`` is a week's ``id`` from ``education/semesters`` (the timestamp of its Monday; any
timestamp of the week names it)."""

import datetime as dt
import os

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.academics.models import Semester
from hemis.access import policy
from hemis.access.policy.cabinet import studies_students
from hemis.api.rest_v1 import shapes
from hemis.api.rest_v1.core import (
    bad_request,
    choice,
    int_param,
    not_found,
    option,
    str_param,
    text,
    ts,
    ts_param,
)
from hemis.api.rest_v1.endpoint import operation
from hemis.core.files import stored_file
from hemis.core.timestamps import TASHKENT
from hemis.grading import selectors as grading
from hemis.schedule import selectors as timetable
from hemis.schedule.enums import LessonKind, LessonStatus
from hemis.students.models import GroupSubject, Student
from hemis.students.selectors import curriculum_semester_number
from hemis.teaching.enums import ResourceKind
from hemis.teaching.models import Absence

# --- the student's semesters ----------------------------------------------------------------------


class Semesters:
    """The student's semesters (latest first, as the cabinet lists them) and the curriculum semester
    number each is studied as (from their group's subjects; two queries)."""

    def __init__(self, student: Student):
        self.student = student
        self.all: list[Semester] = list(grading.student_semesters(student))
        bound = GroupSubject.objects.filter(group_id=student.group_id).order_by()
        self.numbers: dict[int, int] = dict(
            bound.values_list("semester_id", "curriculum_subject__semester__number").distinct()
        )
        self._shapes: dict[int, dict | None] = {}

    def number(self, semester: Semester) -> int | None:
        """The curriculum semester ``semester`` is for the student: their group's subjects say it; a
        semester without them counts from the group's course, as the curriculum page does."""
        if semester.pk in self.numbers:
            return self.numbers[semester.pk]
        group = self.student.group
        number = curriculum_semester_number(group, semester) if group is not None else 0
        return number if number >= 1 else None

    def asked(self, request) -> Semester | None:
        """``?semester=<h_semester code>`` among the student's; without it the current one."""
        code = int_param(request, "semester")
        if code is not None:
            return next((s for s in self.all if self.number(s) == code - 10), None)
        today = timezone.localdate()
        return (
            next((s for s in self.all if s.is_current), None)
            or next((s for s in self.all if s.start_date <= today), None)
            or (self.all[-1] if self.all else None)
        )

    def shape(self, semester: Semester) -> dict | None:
        """``Semester`` (with its weeks), computed once per semester of an answer."""
        if semester.pk not in self._shapes:
            self._shapes[semester.pk] = shapes.semester(semester, self.number(semester))
        return self._shapes[semester.pk]

    def classifier(self, semester: Semester) -> dict | None:
        """The ``h_semester`` classifier ``{code, name}`` of ``semester``."""
        number = self.number(semester)
        return option("h_semester", shapes.semester_code(number)) if number else None


# --- shapes of a lesson ---------------------------------------------------------------------------


def lesson_pair(lesson) -> dict:
    """``LessonPair`` of a lesson (its pair number and times); ``semester__academic_year`` loaded."""
    return {
        "code": str(lesson.pair),
        "name": str(lesson.pair),
        "start_time": f"{lesson.start_time:%H:%M}",
        "end_time": f"{lesson.end_time:%H:%M}",
        "_education_year": str(lesson.semester.academic_year.start_date.year),
    }


def auditorium(room) -> dict | None:
    """``Auditorium`` of a room (``building`` loaded)."""
    if room is None:
        return None
    return {
        "code": room.number,
        "name": text(room.name or room.number),
        "volume": room.capacity,
        "active": room.active,
        "building": {"id": str(room.building_id), "name": text(room.building.name)},
        "auditoriumType": option("h_auditorium_type", room.room_type),
    }


def file_ref(request, kind: str, obj, size: int | None = None) -> dict:
    """``File`` of a stored file of a resource, an assignment or a submission: its name, size and the
    address it is downloaded from with the student's token, after the policy (``education/file``)."""
    if size is None:
        try:
            size = obj.file.size
        except OSError:
            size = 0
    url = request.build_absolute_uri(reverse("rest_v1:education/file") + f"?kind={kind}&id={obj.pk}")
    return {"name": os.path.basename(obj.file.name), "size": size, "url": url}


def _own_group(lesson, student: Student):
    """Of the groups attending ``lesson`` (prefetched), the student's."""
    for attendee in lesson.attendees.all():
        if attendee.group_id == student.group_id:
            return attendee.group
    return student.group


def _placed(lesson, student: Student) -> dict:
    """What ``SubjectSchedule`` and ``StudentExam`` both say of a dated lesson or control."""
    return {
        "subject": shapes.subject(lesson.subject),
        "faculty": shapes.department(lesson.faculty),
        "department": shapes.department(lesson.subject.department),
        "educationYear": shapes.education_year(lesson.semester.academic_year),
        "group": shapes.group(_own_group(lesson, student)),
        "auditorium": auditorium(lesson.room),
        "lessonPair": lesson_pair(lesson),
        "employee": shapes.employee(lesson.teacher),
    }


# What a lesson's shapes read beyond ``schedule.selectors.with_details``.
LESSON_RELATED = ("faculty", "subject__department", "semester__academic_year")


# --- attendance -----------------------------------------------------------------------------------


def attendance_row(absence: Absence, semesters: Semesters) -> dict:
    """``StudentAttendance``: one lesson the student missed; ``absent_on`` the excused hours,
    ``absent_off`` the unexcused ones."""
    lesson = absence.record.lesson
    excused = absence.excuse_id is not None
    return {
        "subject": shapes.subject(lesson.subject),
        "semester": semesters.shape(lesson.semester),
        "trainingType": option("h_training_type", lesson.training_type),
        "lessonPair": lesson_pair(lesson),
        "employee": shapes.employee(lesson.teacher),
        "absent_on": absence.hours if excused else 0,
        "absent_off": 0 if excused else absence.hours,
        "explicable": excused,
        "lesson_date": ts(lesson.date),
    }


@operation(access="student")
def attendance(request):
    """The lessons the student missed in a semester (``semester``, the current one by default), of one
    subject (``subject``: its id) or all, in date and pair order."""
    student = request.api_student
    semesters = Semesters(student)
    subject = int_param(request, "subject")
    semester = semesters.asked(request)
    if semester is None:
        return []
    # the student's own absences, as the cabinet's attendance page sums them (teaching.journal_selectors)
    absences = Absence.objects.filter(
        student__in=studies_students(request.principal), record__lesson__semester=semester
    )
    if subject is not None:
        absences = absences.filter(record__lesson__subject_id=subject)
    absences = absences.select_related(
        "record__lesson__subject", "record__lesson__teacher", "record__lesson__semester__academic_year"
    ).order_by("record__lesson__date", "record__lesson__pair", "pk")
    return [attendance_row(absence, semesters) for absence in absences]


# --- the week's lessons ---------------------------------------------------------------------------


def _week_monday(request, semester: Semester | None) -> dt.date:
    """The Monday of ``?week=`` (a timestamp of the week); without it, this week when the semester
    holds today, else the semester's first week."""
    moment = ts_param(request, "week")
    if moment is not None:
        return timetable.monday_of(moment.astimezone(TASHKENT).date())
    today = timezone.localdate()
    if semester is not None and not semester.start_date <= today <= semester.end_date:
        return timetable.monday_of(semester.start_date)
    return timetable.monday_of(today)


def schedule_row(lesson, student: Student, semesters: Semesters) -> dict:
    """``SubjectSchedule``: a dated lesson of the student's week."""
    monday = timetable.monday_of(lesson.date)
    return {
        "id": lesson.pk,
        **_placed(lesson, student),
        "semester": semesters.classifier(lesson.semester),
        "trainingType": option("h_training_type", lesson.training_type),
        "lesson_date": ts(lesson.date),
        "_week": shapes.week_id(monday),
        "weekStartTime": ts(monday),
        "weekEndTime": ts(monday + dt.timedelta(days=6)),
    }


@operation(access="student")
def schedule(request):
    """The student's lessons of a week (``week``), as their own week page lays them out; without
    ``week``, the current week of the semester (``semester``, the current one by default). Cancelled
    lessons and controls are left out (controls are in ``education/exam-table``)."""
    student = request.api_student
    semesters = Semesters(student)
    semester = semesters.asked(request)
    if semester is None and request.GET.get("semester", "").strip():
        return []
    lessons = policy.visible_lessons(request.principal).filter(
        kind=LessonKind.LESSON, status=LessonStatus.SCHEDULED
    )
    week = timetable.week(lessons.select_related(*LESSON_RELATED), _week_monday(request, semester))
    return [schedule_row(lesson, student, semesters) for lesson in week.lessons]


# --- the control schedule -------------------------------------------------------------------------


def exam_row(lesson, student: Student, semesters: Semesters) -> dict:
    """``StudentExam``: a control of the student's published control schedule."""
    return {
        "id": lesson.pk,
        **_placed(lesson, student),
        "examType": option("h_exam_type", lesson.control_kind),
        "finalExamType": option("h_final_exam_type", lesson.attempt),
        "semester": semesters.shape(lesson.semester),
        "examDate": ts(lesson.date),
    }


@operation(access="student")
def exam_table(request):
    """The published controls of the student's semester (``semester``, the current one by default), as
    their control-schedule page lists them, in date and pair order."""
    student = request.api_student
    semesters = Semesters(student)
    semester = semesters.asked(request)
    if semester is None:
        return []
    controls = policy.visible_lessons(request.principal).filter(
        kind=LessonKind.CONTROL,
        semester=semester,
        status=LessonStatus.SCHEDULED,
        published_at__isnull=False,
    )
    controls = timetable.with_details(controls.select_related(*LESSON_RELATED))
    return [exam_row(lesson, student, semesters) for lesson in controls]


# --- resources ------------------------------------------------------------------------------------


def resource_row(request, resource) -> dict:
    """``SubjectFileResource`` of a resource (a file or a link): one item, whose ``url`` and ``files``
    are repeated at the top level as real answers carry them. No language nor comment is kept."""
    files = (
        [file_ref(request, "resource", resource, resource.size)] if resource.kind == ResourceKind.FILE else []
    )
    url = files[0]["url"] if files else resource.url
    item = {
        "id": resource.pk,
        "comment": None,
        "resourceType": choice(ResourceKind, resource.kind),
        "url": url,
        "files": files,
        "updated_at": ts(resource.updated_at),
    }
    return {
        "id": resource.pk,
        "title": text(resource.title),
        "comment": None,
        "trainingType": option("h_training_type", resource.training_type),
        "subject": shapes.subject(resource.curriculum_subject.subject),
        "employee": shapes.employee(resource.teacher),
        "languages": [],
        "subjectFileResourceItems": [item],
        "active": True,
        "updated_at": ts(resource.updated_at),
        "url": url,
        "files": files,
    }


@operation(access="student")
def resources(request):
    """The resources of the subjects of the student's group in a semester (``semester``, the current
    one by default), of one subject (``subject``: its id) or all; by subject code and lesson type, a
    subject's own resources before its topics' (as the subject page lists them)."""
    student = request.api_student
    semesters = Semesters(student)
    subject = int_param(request, "subject")
    semester = semesters.asked(request)
    if semester is None:
        return []
    rows = policy.visible_resources(request.principal).filter(
        curriculum_subject__group_bindings__group_id=student.group_id,
        curriculum_subject__group_bindings__semester=semester,
    )
    if subject is not None:
        rows = rows.filter(curriculum_subject__subject_id=subject)
    rows = rows.select_related("curriculum_subject__subject", "teacher").order_by(
        "curriculum_subject__subject__code",
        "training_type",
        F("topic__position").asc(nulls_first=True),
        "pk",
    )
    return [resource_row(request, resource) for resource in rows]


# The stored files a student may download, each through the policy's queryset (as the pages do).
FILES = {
    "resource": policy.visible_resources,
    "assignment": policy.visible_assignments,
    "submission": policy.visible_submissions,
}


@operation(access="student")
def file(request):
    """A file of a resource, an assignment or one's own hand-in (``kind``, ``id``), with the Student
    API's token — the address every ``File`` of this API gives (ours: HEMIS's document has none)."""
    kind = str_param(request, "kind")
    if kind not in FILES:
        raise bad_request(
            _("Invalid value of parameter kind: it must be one of %(values)s.") % {"values": ", ".join(FILES)}
        )
    pk = int_param(request, "id", required=True)
    found = FILES[kind](request.principal).filter(pk=pk).first()
    if found is None:
        raise not_found()
    return stored_file(found.file)


ROUTES = [
    ("education/file", file),
    ("education/attendance", attendance),
    ("education/schedule", schedule),
    ("education/exam-table", exam_table),
    ("education/resources", resources),
]
