"""Student API: the student's semesters, subjects and their results, grade types, GPAs and GPA rating
(``/rest/v1/education/*``). Every read goes through the cabinet's policy and selectors: the student is
``studies_students(principal)``, their semesters ``grading.student_semesters``, their subjects' results
``grading.student_grades``, their loads ``studies_loads`` and their submissions
``policy.visible_submissions``.

A ``semester`` (or ``_semester``) parameter is a ``Semester.code`` of ``education/semesters`` — the
``h_semester`` code of the curriculum semester (``13`` = the 3rd); without it, the current semester
(else the latest begun, else the earliest to come), as the cabinet's semester picker."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.academics.models import AcademicYear, GradeBand, LessonPair
from hemis.access import policy
from hemis.access.policy.cabinet import studies_loads, studies_students
from hemis.api.rest_v1 import shapes, student_tasks
from hemis.api.rest_v1.core import (
    bad_request,
    int_param,
    not_found,
    option,
    page_params,
    paginate,
    str_param,
    text,
    ts,
)
from hemis.api.rest_v1.endpoint import operation
from hemis.api.rest_v1.student_studies import Semesters
from hemis.core.models import GpaScope, UniversitySettings
from hemis.curricula.models import SubjectLoad
from hemis.grading import selectors as grading
from hemis.students.models import Student
from hemis.teaching import content_selectors
from hemis.teaching.journal_selectors import student_attendance
from hemis.teaching.models import DailyMark

OVERALL = "14"  # h_exam_type "Umumiy": the subject's total over its controls


# --- the student and their semesters -------------------------------------------------------------------


def own_student(request) -> Student:
    """The token's student, through the cabinet's policy, with the group's curriculum's marking system."""
    student = (
        studies_students(request.principal)
        .select_related("group__curriculum__marking_system", "faculty", "programme")
        .first()
    )
    if student is None:
        raise not_found()
    return student


def semesters_of(student: Student) -> list[tuple]:
    """``(semester, number)`` of the student's semesters (``student_studies.Semesters``: the cabinet's
    list, numbered from their group's subjects), earliest first."""
    known = Semesters(student)
    return [(s, known.number(s)) for s in reversed(known.all)]


def chosen(request, semesters: list[tuple]):
    """``(semester, number)`` asked for by ``semester``/``_semester`` (a code), or the default one
    (as ``Semesters.asked``); ``(None, None)`` for a code the student has no semester of."""
    code = int_param(request, "semester")
    if code is None:
        code = int_param(request, "_semester")
    if code is not None:
        return next(((s, n) for s, n in semesters if n and n == code - 10), (None, None))
    today = timezone.localdate()
    latest_first = semesters[::-1]
    return (
        next(((s, n) for s, n in latest_first if s.is_current), None)
        or next(((s, n) for s, n in latest_first if s.start_date <= today), None)
        or (semesters[0] if semesters else (None, None))
    )


@operation(access="student")
def semesters(request):
    student = own_student(request)
    return [shapes.semester(s, n) for s, n in semesters_of(student)]


# --- subjects and their results -------------------------------------------------------------------------


def _marks(student: Student, semester) -> dict[int, list]:
    """The student's daily marks of ``semester`` by subject id (two queries)."""
    marks = (
        DailyMark.objects.filter(student=student, record__lesson__semester=semester)
        .select_related("record__lesson__subject", "record__lesson__teacher")
        .order_by("record__lesson__date", "record__lesson__pair", "pk")
    )
    pairs = {p.number: p for p in LessonPair.objects.filter(academic_year_id=semester.academic_year_id)}
    by_subject: dict[int, list] = defaultdict(list)
    for mark in marks:
        mark.pair = pairs.get(mark.record.lesson.pair)
        by_subject[mark.record.lesson.subject_id].append(mark)
    return by_subject


def _grade(mark, student: Student, semester_code: str, year) -> dict:
    """``StudentGrade`` of a daily mark."""
    lesson = mark.record.lesson
    pair = mark.pair
    return {
        "id": mark.pk,
        "_student": student.pk,
        "_subject_schedule": lesson.entry_id or 0,
        "semester": option("h_semester", semester_code),
        "subject": shapes.subject(lesson.subject),
        "trainingType": option("h_training_type", lesson.training_type),
        "lessonPair": shapes.lesson_pair(
            lesson.pair,
            pair.start_time if pair else lesson.start_time,
            pair.end_time if pair else lesson.end_time,
            year,
        ),
        "employee": shapes.employee(lesson.teacher),
        "grade": mark.value,
        "lesson_date": ts(lesson.date),
        "created_at": ts(mark.record.created_at),
    }


def _number(value) -> float | int:
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


class SemesterSubjects:
    """What the subject operations read of one semester of the student: the results of each subject
    (``grading.student_grades``), the counts of its loads (``content_selectors.student_loads``), the
    student's submissions, absent hours, daily marks and the planned hours — a fixed number of queries."""

    def __init__(self, request, student: Student, semester, number: int | None):
        self.student, self.semester = student, semester
        self.code = shapes.semester_code(number) if number else ""
        group = student.group
        system = group.curriculum.marking_system if group and group.curriculum else None
        self.rows = grading.student_grades(student, semester, system)
        ids = [row.curriculum_subject.pk for row in self.rows]
        self.loads: dict[int, list] = defaultdict(list)
        for load in content_selectors.student_loads(studies_loads(request.principal), semester):
            self.loads[load.group_subject.curriculum_subject_id].append(load)
        self.submits = {
            row["assignment__load__group_subject__curriculum_subject"]: row
            for row in policy.visible_submissions(request.principal)
            .filter(assignment__load__group_subject__semester=semester)
            .values("assignment__load__group_subject__curriculum_subject")
            .annotate(
                n=Count("assignment", distinct=True), marked=Count("pk", filter=Q(points__isnull=False))
            )
            .order_by()
        }
        self.absent = {a["subject_id"]: a["absent"] for a in student_attendance(student, semester)}
        self.hours = dict(
            SubjectLoad.objects.filter(curriculum_subject__in=ids)
            .order_by()
            .values("curriculum_subject")
            .annotate(total=Sum("hours"))
            .values_list("curriculum_subject", "total")
        )
        self.marks = _marks(student, semester)

    def row_of(self, subject_id: int):
        return next((row for row in self.rows if row.curriculum_subject.subject_id == subject_id), None)

    def curriculum_subject(self, row) -> dict:
        """``CurriculumSubject`` of a row of ``student_grades``."""
        cs = row.curriculum_subject
        loads = self.loads.get(cs.pk, [])
        submits = self.submits.get(cs.pk, {})
        held = sum(c.max_points or 0 for c in row.controls if c.lines)
        return {
            "subject": shapes.subject(cs.subject),
            "subjectType": option("h_subject_type", cs.subject_type),
            "_semester": int(self.code) if self.code else 0,
            "total_acload": self.hours.get(cs.pk, 0),
            "credit": _number(cs.credits),
            "tasks_count": sum(load.n_assignments for load in loads),
            "submits_count": submits.get("n", 0),
            "marked_count": submits.get("marked", 0),
            "resources_count": sum(load.n_resources for load in loads),
            "absent_count": self.absent.get(cs.subject_id, 0),
            "subject_ball": held,
            "student_ball": row.total,
            "max_ball": row.max_points,
            "grades": [
                _grade(m, self.student, self.code, self.semester.academic_year)
                for m in self.marks.get(cs.subject_id, [])
            ],
        }


def _percent(points: int, maximum: int | None) -> int:
    return round(points * 100 / maximum) if maximum else 0


@operation(access="student")
def subjects(request):
    student = own_student(request)
    semester, number = chosen(request, semesters_of(student))
    if semester is None:
        return []
    data = SemesterSubjects(request, student, semester, number)
    return [data.curriculum_subject(row) for row in data.rows]


@operation(access="student")
def subject_list(request):
    """``StudentSubjectMeta`` with the README's ``overallScore.percent`` and ``gradesByExam``: the total
    over the controls (the band's grade as the label once graded), and each control's counted points."""
    student = own_student(request)
    semester, number = chosen(request, semesters_of(student))
    if semester is None:
        return []
    data = SemesterSubjects(request, student, semester, number)
    items = []
    for row in data.rows:
        by_exam = [
            {
                "examType": option("h_exam_type", c.kind),
                "grade": c.points,
                "max_ball": c.max_points or 0,
                "percent": _percent(c.points, c.max_points),
            }
            for c in row.controls
            if c.points is not None
        ]
        items.append(
            {
                "_semester": data.code,
                "curriculumSubject": data.curriculum_subject(row),
                "overallScore": {
                    "id": row.curriculum_subject.pk,
                    "grade": row.total,
                    "max_ball": row.max_points,
                    "label": row.grade,
                    "examType": option("h_exam_type", OVERALL),
                    "percent": _percent(row.total, row.max_points),
                },
                "gradesByExam": by_exam,
            }
        )
    return items


# --- one subject with its tasks --------------------------------------------------------------------------


def _one_subject(request) -> dict:
    subject_id = int_param(request, "subject", required=True)
    student = own_student(request)
    semester, number = chosen(request, semesters_of(student))
    if semester is None:
        raise not_found()
    data = SemesterSubjects(request, student, semester, number)
    row = data.row_of(subject_id)
    if row is None:
        raise not_found()
    result = data.curriculum_subject(row)
    # the student's tasks of the subject, as ``education/task-list`` shows them
    assignments = student_tasks._tasks(request.principal).filter(
        load__group_subject__semester=semester,
        load__group_subject__curriculum_subject=row.curriculum_subject,
    )
    result["tasks"] = [student_tasks.task_row(request, a) for a in assignments]
    return result


@operation(access="student")
def subject(request):
    return _one_subject(request)


@operation(access="student")
def performance(request):
    return _one_subject(request)


# --- grade types ----------------------------------------------------------------------------------------


@operation(access="student")
def grade_type_list(request):
    """``GradeType``: the grade bands of the marking system of the student's curriculum."""
    student = own_student(request)
    group = student.group
    system = group.curriculum.marking_system if group and group.curriculum else None
    if system is None:
        return []
    settings = UniversitySettings.current()
    marking = {
        "code": system.code,
        "name": text(system.name),
        # a final control may be sat on the 1st, 2nd and 3rd statements
        "count_final_exams": 3,
        "minimum_limit": system.pass_border,
        "gpa_limit": float(settings.gpa_transfer_threshold),
        "updated_at": ts(system.updated_at),
    }
    bands = GradeBand.objects.filter(marking_system=system).order_by("-min_value", "pk")
    return [
        {
            "code": band.grade,
            "name": text(band.name),
            "markingSystem": marking,
            "position": position,
            "min_border": band.min_value,
            "max_border": band.max_value,
            "active": bool(system.is_active),
            "updated_at": ts(band.updated_at),
        }
        for position, band in enumerate(bands, start=1)
    ]


# --- GPA ------------------------------------------------------------------------------------------------


def _course_in(student: Student, year, current_year) -> int:
    """The student's course in ``year`` (the course now less the years since; at least 1)."""
    if year is None or current_year is None:
        return student.course
    return max(student.course - (current_year.start_date.year - year.start_date.year), 1)


@operation(access="student")
def gpa_list(request):
    """``StudentGpa``: the student's GPA of each academic year (``method`` ``one_year``) and the
    cumulative one (``all_year``, under the latest year it covers). ``can_transfer``: the GPA the
    settings decide the transfer on (the year's, or the cumulative one) reaches the threshold."""
    student = own_student(request)
    gpas = grading.student_gpas(student)
    settings = UniversitySettings.current()
    current_year = AcademicYear.objects.filter(is_current=True).first()
    yearly = [g for g in gpas if g.academic_year_id is not None]
    cumulative = next((g for g in gpas if g.academic_year_id is None), None)
    latest = max((g.academic_year for g in yearly), key=lambda y: y.start_date, default=current_year)
    items = []
    for g in gpas:
        year = g.academic_year or latest
        deciding = cumulative if settings.gpa_scope == GpaScope.ALL_YEARS else g
        items.append(
            {
                "id": g.pk,
                "_student": student.pk,
                "_group": student.group_id or 0,
                "educationYear": _year_classifier(year),
                "level": option("h_course", str(10 + _course_in(student, year, current_year))),
                "gpa": float(g.gpa),
                "credit_sum": float(g.credits),
                "method": "one_year" if g.academic_year_id else "all_year",
                "subjects": g.subjects,
                "debt_subjects": g.debts,
                "can_transfer": deciding is not None and deciding.gpa >= settings.gpa_transfer_threshold,
                "created_at": ts(g.computed_at),
            }
        )
    return items


def _year_classifier(year) -> dict | None:
    """An academic year as a ``Classifier`` (``EducationYear`` without ``current``)."""
    shaped = shapes.education_year(year)
    return {"code": shaped["code"], "name": shaped["name"]} if shaped else None


SCOPES = ("group", "level", "curriculum", "department", "university")


@operation(access="student")
def gpa_rating(request):
    """The GPA ranking of the student's group (``scope=group``), course in their faculty (``level``),
    programme (``curriculum``), faculty (``department``) or university, of an academic year (its code,
    the current one by default): the page asked for, the student's own place in ``current_student``.
    A student reads no other student's data: the others' places and GPAs are shown without who they are
    (their ``student`` has id 0 and empty names), as the student's pages show only their own rank."""
    scope = str_param(request, "scope") or "group"
    if scope not in SCOPES:
        raise bad_request(
            _("Invalid value of parameter scope: it must be one of %(values)s.")
            % {"values": ", ".join(SCOPES)}
        )
    code = int_param(request, "_education_year")
    page_params(request)
    student = own_student(request)
    if code is None:  # the current year, else the latest with GPAs (as the GPA list page)
        year = AcademicYear.objects.filter(is_current=True).first() or grading.gpa_years().first()
    else:
        year = AcademicYear.objects.filter(start_date__year=code).first()
    filters = {
        "group": Q(group_id=student.group_id),
        "level": Q(faculty_id=student.faculty_id, course=student.course),
        "curriculum": Q(programme_id=student.programme_id),
        "department": Q(faculty_id=student.faculty_id),
        "university": Q(),
    }
    if year is None:
        ranking = grading.gpa_ranking(students=Student.objects.none(), academic_year=None)
    else:
        peers = Student.objects.filter(filters[scope])
        ranking = grading.gpa_ranking(students=peers, academic_year=year)
    counts = dict(ranking.order_by().values_list("gpa").annotate(n=Count("pk")).values_list("gpa", "n"))
    own = ranking.filter(student=student).first()

    def rank(gpa) -> int:
        return 1 + sum(n for other, n in counts.items() if other > gpa)

    def item(g) -> dict:
        peer = g.student
        mine = peer.pk == student.pk
        return {
            "rank": rank(g.gpa),
            "gpa": float(g.gpa),
            "credit_sum": float(g.credits),
            "subjects": g.subjects,
            "debt_subjects": g.debts,
            "is_current": mine,
            "student": {
                "id": peer.pk if mine else 0,
                "full_name": text(peer.full_name) if mine else "",
                "short_name": text(peer.short_name) if mine else "",
                "student_id_number": peer.student_id_number if mine else "",
                "image": "",
            },
            "group": shapes.group(peer.group) or {},
            "level": option("h_course", str(10 + peer.course)),
        }

    return {
        "scope": scope,
        "_education_year": str(year.start_date.year) if year else "",
        "current_student": {
            "rank": rank(own.gpa) if own else 0,
            "gpa": float(own.gpa) if own else 0.0,
            "total": sum(counts.values()),
        },
        **paginate(request, ranking, item),
    }


ROUTES = [
    ("education/semesters", semesters),
    ("education/subjects", subjects),
    ("education/subject-list", subject_list),
    ("education/subject", subject),
    ("education/performance", performance),
    ("education/grade-type-list", grade_type_list),
    ("education/gpa-list", gpa_list),
    ("education/gpa-rating", gpa_rating),
]
