"""Reads of the academic record and the GPA (issue 13): a student's record, a group's rating and summary
statements of a semester, GPA lists ranked in group, course, faculty and university (counted at read
time for the page shown), and ``fresh_records`` — the records computed again in Python from the statement lines,
for comparison with the snapshot ``services.records`` writes in SQL."""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Count,
    F,
    Q,
    Sum,
    Window,
)
from django.db.models.functions import Rank
from django.utils import timezone

from hemis.academics.models import AcademicYear, GradeBand, Semester
from hemis.core.models import GpaScope, UniversitySettings
from hemis.curricula.models import CurriculumSubject, SubjectControl
from hemis.grading.enums import DEBTS, RecordStatus
from hemis.grading.models import AcademicRecord, Gpa, StatementLine
from hemis.schedule.enums import ControlKind
from hemis.students.models import Group, GroupSubject, Student

GRADED = (RecordStatus.PASSED, RecordStatus.FAILED)
KINDS = (ControlKind.CURRENT, ControlKind.MIDTERM, ControlKind.FINAL)

# --- a student's record -------------------------------------------------------------------------


def student_records(student: Student):
    """The student's records, semester by semester."""
    return (
        AcademicRecord.objects.filter(student=student)
        .select_related("curriculum_subject__subject", "semester__academic_year", "academic_year")
        .order_by("semester__start_date", "curriculum_subject__subject__code")
    )


def student_gpas(student: Student) -> list[Gpa]:
    """The student's GPA per academic year, then the cumulative one (``academic_year`` None)."""
    return list(
        Gpa.objects.filter(student=student)
        .select_related("academic_year")
        .order_by(F("academic_year__start_date").asc(nulls_last=True))
    )


def cumulative_gpa(student: Student) -> Gpa | None:
    """The student's cumulative GPA (over all years), or None before any."""
    return Gpa.objects.filter(student=student, academic_year__isnull=True).first()


@dataclass
class SemesterRecords:
    semester: Semester
    records: list = field(default_factory=list)

    @property
    def credits(self) -> Decimal:
        return sum((r.credits for r in self.records if r.status == RecordStatus.PASSED), Decimal(0))


def records_by_semester(student: Student) -> list[SemesterRecords]:
    groups: dict[int, SemesterRecords] = {}
    for record in student_records(student):
        groups.setdefault(record.semester_id, SemesterRecords(record.semester)).records.append(record)
    return list(groups.values())


# --- the rating and summary statements of a group's semester ---------------------------------------


def group_semesters(group: Group):
    """The semesters the group has subjects in."""
    return Semester.objects.filter(
        pk__in=GroupSubject.objects.filter(group=group).values("semester")
    ).order_by("start_date")


def _group_subjects(group: Group, semester: Semester) -> list[CurriculumSubject]:
    return [
        gs.curriculum_subject
        for gs in GroupSubject.objects.filter(group=group, semester=semester)
        .select_related("curriculum_subject__subject")
        .order_by("curriculum_subject__subject__code")
    ]


@dataclass
class RatingRow:
    student: Student
    cells: list  # an AcademicRecord or None per subject
    gpa: Decimal | None
    rank: int | None


@dataclass
class RatingStatement:
    group: Group
    semester: Semester
    subjects: list
    rows: list


def rating_statement(group: Group, semester: Semester) -> RatingStatement:
    """Students × the semester's subjects with score and grade, the GPA of the semester's academic year
    and the rank in the group (ties share a rank); ordered by rank, then name."""
    subjects = _group_subjects(group, semester)
    students = list(Student.objects.filter(group=group).order_by("last_name", "first_name"))
    # By the students' ids: the (student, subject) index of the records, not a scan joined to students.
    ids = [s.pk for s in students]
    cs_ids = [cs.pk for cs in subjects]
    records = {
        (r.student_id, r.curriculum_subject_id): r
        for r in AcademicRecord.objects.filter(student_id__in=ids, curriculum_subject_id__in=cs_ids)
    }
    ranked = {
        g.student_id: g
        for g in Gpa.objects.filter(student_id__in=ids, academic_year_id=semester.academic_year_id).annotate(
            rank=Window(Rank(), order_by=F("gpa").desc())
        )
    }
    rows = [
        RatingRow(
            student=s,
            cells=[records.get((s.pk, cs.pk)) for cs in subjects],
            gpa=ranked[s.pk].gpa if s.pk in ranked else None,
            rank=ranked[s.pk].rank if s.pk in ranked else None,
        )
        for s in students
    ]
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0))
    return RatingStatement(group=group, semester=semester, subjects=subjects, rows=rows)


@dataclass
class SummaryRow:
    subject: CurriculumSubject | None  # None: the group's totals
    students: int
    graded: int
    passed: int
    failed: int
    debts: int
    grades: dict  # grade → count
    average_score: Decimal | None

    @property
    def grade_counts(self) -> list[int]:
        """The counts of ``grades`` in the marking system's order, best first."""
        return list(self.grades.values())


@dataclass
class SummaryStatement:
    group: Group
    semester: Semester
    grades: list  # the marking system's grades, best first
    rows: list
    total: SummaryRow


def summary_statement(group: Group, semester: Semester) -> SummaryStatement:
    """Per subject of the group's semester: the students with a record, graded (passed or failed),
    passed, failed, debts, the count of each grade among the graded and their average score; and the
    group's totals over all its subjects."""
    subjects = _group_subjects(group, semester)
    ids = list(Student.objects.filter(group=group).values_list("pk", flat=True))
    cs_ids = [cs.pk for cs in subjects]
    # One grouped read (no WHERE on the status: the (student, subject) index serves it), counted here.
    tally: dict[int, Counter] = defaultdict(Counter)
    distribution: dict[int, Counter] = defaultdict(Counter)
    scores: Counter = Counter()
    for row in (
        AcademicRecord.objects.filter(student_id__in=ids, curriculum_subject_id__in=cs_ids)
        .values("curriculum_subject", "status", "grade")
        .annotate(n=Count("pk"), points=Sum("score"))
    ):
        cs, status, n = row["curriculum_subject"], row["status"], row["n"]
        tally[cs]["students"] += n
        tally[cs][status] += n
        if status in GRADED:
            tally[cs]["graded"] += n
            distribution[cs][row["grade"]] += n
            scores[cs] += row["points"]
        if status in DEBTS:
            tally[cs]["debts"] += n
    system = group.curriculum.marking_system if group.curriculum_id else None
    grades = list(
        GradeBand.objects.filter(marking_system=system).order_by("-min_value").values_list("grade", flat=True)
    )

    def summary_row(subject, counts: Counter, grade_counts: Counter, points: int) -> SummaryRow:
        return SummaryRow(
            subject=subject,
            students=counts["students"],
            graded=counts["graded"],
            passed=counts[RecordStatus.PASSED],
            failed=counts[RecordStatus.FAILED],
            debts=counts["debts"],
            grades={g: grade_counts[g] for g in grades},
            average_score=_average(points, counts["graded"]),
        )

    rows = [summary_row(cs, tally[cs.pk], distribution[cs.pk], scores[cs.pk]) for cs in subjects]
    total = summary_row(
        None, sum(tally.values(), Counter()), sum(distribution.values(), Counter()), sum(scores.values())
    )
    return SummaryStatement(group=group, semester=semester, grades=grades, rows=rows, total=total)


def _average(points: int, n: int) -> Decimal | None:
    """``points / n`` to one decimal, half up; None of nothing."""
    if not n:
        return None
    return (Decimal(points) / Decimal(n)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- GPA lists ------------------------------------------------------------------------------------


def gpa_years():
    return AcademicYear.objects.filter(pk__in=Gpa.objects.values("academic_year")).order_by("-start_date")


RANKS = ("rank_group", "rank_course", "rank_faculty", "rank_university")


def gpa_ranking(
    *,
    students,
    academic_year: AcademicYear | None,
    cumulative: bool = False,
    faculty=None,
    course: int | None = None,
    group=None,
):
    """The GPAs of ``academic_year`` (or the cumulative ones) of ``students`` (the reader's scope),
    narrowed to a faculty, course or group, best first (then by name): a plain queryset to paginate;
    ``gpa_rows`` ranks a page of it over the whole university."""
    rows = (
        Gpa.objects.filter(academic_year__isnull=True)
        if cumulative
        else Gpa.objects.filter(academic_year=academic_year)
    )
    rows = rows.filter(student__in=students)
    if faculty is not None:
        rows = rows.filter(student__faculty=faculty)
    if course:
        rows = rows.filter(student__course=course)
    if group is not None:
        rows = rows.filter(student__group=group)
    return rows.select_related("student__group", "student__faculty", "academic_year").order_by(
        "-gpa", "student__last_name", "student__first_name", "pk"
    )


def _rank(counts: dict, gpa: Decimal) -> int:
    """RANK() of ``gpa`` among the GPAs counted in ``counts`` {gpa: n}: one more than those above it."""
    return 1 + sum(n for other, n in counts.items() if other > gpa)


def _rank_gpas(gpas: list[Gpa]) -> None:
    """Set ``RANKS`` on ``gpas`` (of one academic year, or all cumulative) over the whole university,
    whatever filters chose them: in the group, the course (same course number in the same faculty),
    the faculty and the university; ties share a rank. Two grouped counts — a GPA has one decimal, so
    a partition holds at most 51 distinct values — rather than window sorts of every row on each page."""
    population = Gpa.objects.filter(academic_year=gpas[0].academic_year_id).order_by()
    courses: dict[tuple, Counter] = defaultdict(Counter)
    for row in population.values("student__faculty_id", "student__course", "gpa").annotate(n=Count("pk")):
        courses[(row["student__faculty_id"], row["student__course"])][row["gpa"]] += row["n"]
    faculties: dict = defaultdict(Counter)
    for (faculty_id, _course), counts in courses.items():
        faculties[faculty_id].update(counts)
    university = sum(faculties.values(), Counter())
    group_ids = {g.student.group_id for g in gpas}
    in_groups = Q(student__group_id__in=group_ids - {None})
    if None in group_ids:
        in_groups |= Q(student__group__isnull=True)
    groups: dict = defaultdict(Counter)
    for row in population.filter(in_groups).values("student__group_id", "gpa").annotate(n=Count("pk")):
        groups[row["student__group_id"]][row["gpa"]] += row["n"]
    for g in gpas:
        student = g.student
        g.rank_group = _rank(groups[student.group_id], g.gpa)
        g.rank_course = _rank(courses[(student.faculty_id, student.course)], g.gpa)
        g.rank_faculty = _rank(faculties[student.faculty_id], g.gpa)
        g.rank_university = _rank(university, g.gpa)


def gpa_rows(
    gpas, *, academic_year: AcademicYear | None, settings: UniversitySettings | None = None
) -> list[Gpa]:
    """``gpas`` (a page of ``gpa_ranking``) with their ``RANKS``, ``transfer_gpa`` — the GPA the
    settings' scope decides on: the academic year's, or the cumulative one — and ``can_transfer`` (at
    least the threshold). Three queries (none for no rows), four without ``settings``."""
    gpas = list(gpas)
    if not gpas:
        return gpas
    _rank_gpas(gpas)
    settings = settings or UniversitySettings.current()
    decides = Gpa.objects.filter(student__in=[g.student_id for g in gpas])
    if settings.gpa_scope == GpaScope.ALL_YEARS:
        decides = decides.filter(academic_year__isnull=True)
    else:
        decides = decides.filter(academic_year=academic_year)
    deciding = dict(decides.values_list("student_id", "gpa"))
    for g in gpas:
        g.transfer_gpa = deciding.get(g.student_id)
        g.can_transfer = g.transfer_gpa is not None and g.transfer_gpa >= settings.gpa_transfer_threshold
    return gpas


def gpa_list(
    *, students, academic_year: AcademicYear | None, cumulative: bool = False, **filters
) -> list[Gpa]:
    """All the rows of ``gpa_ranking`` as ``gpa_rows`` objects (for a page, paginate the ranking)."""
    ranking = gpa_ranking(students=students, academic_year=academic_year, cumulative=cumulative, **filters)
    return gpa_rows(ranking, academic_year=academic_year)


# --- the record computed again, for comparison ------------------------------------------------------


def record_tuples(records) -> list[tuple]:
    """Records as comparable tuples (the columns ``fresh_records`` computes)."""
    return [
        (
            r.student_id,
            r.curriculum_subject_id,
            r.semester_id,
            r.academic_year_id,
            r.total_points,
            r.max_points,
            r.score,
            r.grade,
            r.grade_point,
            r.credits,
            r.status,
            r.from_restudy,
        )
        for r in records
    ]


def fresh_records(
    *, today: dt.date | None = None, student_ids=None, curriculum_subject_ids=None
) -> list[tuple]:
    """The records computed in Python from the statement lines by the rule of the brief — the same
    tuples as ``record_tuples`` of the snapshot — for a test or a check to compare."""
    today = today or timezone.localdate()
    lines = StatementLine.objects.select_related("statement__semester")
    if student_ids is not None:
        lines = lines.filter(student_id__in=student_ids)
    if curriculum_subject_ids is not None:
        lines = lines.filter(curriculum_subject_id__in=curriculum_subject_ids)
    by_key: dict[tuple, list] = defaultdict(list)
    for line in lines:
        by_key[(line.student_id, line.curriculum_subject_id)].append(line)
    cs_ids = {cs for _student, cs in by_key}
    subjects = {
        cs.pk: cs
        for cs in CurriculumSubject.objects.filter(pk__in=cs_ids).select_related(
            "semester__curriculum__marking_system"
        )
    }
    maxima: Counter = Counter()
    for control in SubjectControl.objects.filter(curriculum_subject__in=cs_ids, control_type__code__in=KINDS):
        maxima[control.curriculum_subject_id] += control.max_points
    bands = defaultdict(list)
    for band in GradeBand.objects.all():
        bands[band.marking_system_id].append(band)
    result = []
    for (student_id, cs_id), group in by_key.items():
        cs = subjects[cs_id]
        system = cs.semester.curriculum.marking_system
        order = sorted(
            group,
            key=lambda ln: (
                ln.statement.restudy_group_id is not None,
                ln.statement.attempt,
                ln.statement.control_date,
                ln.statement_id,
            ),
        )
        total = 0
        for kind in KINDS:
            with_points = [ln for ln in order if ln.statement.control_kind == kind and ln.points is not None]
            if with_points:
                total += with_points[-1].points
        max_points = maxima[cs_id]
        score = (2 * total * system.max_value + max_points) // (2 * max_points) if max_points else 0
        band = next((b for b in bands[system.pk] if b.min_value <= score <= b.max_value), None)
        finals = [ln for ln in order if ln.statement.control_kind == ControlKind.FINAL]
        last = finals[-1] if finals else None
        if last is None:
            status = RecordStatus.IN_PROGRESS
        elif last.barred:
            status = RecordStatus.BARRED
        elif last.points is None:
            status = RecordStatus.MISSING if last.statement.control_date < today else RecordStatus.IN_PROGRESS
        else:
            status = RecordStatus.PASSED if score >= system.pass_border else RecordStatus.FAILED
        first = min(group, key=lambda ln: (ln.statement.control_date, ln.statement_id))
        result.append(
            (
                student_id,
                cs_id,
                first.statement.semester_id,
                first.statement.semester.academic_year_id,
                total,
                max_points,
                score,
                band.grade if band else "",
                band.grade_point if band else None,
                cs.credits,
                status,
                bool(last is not None and last.statement.restudy_group_id is not None),
            )
        )
    return result


# --- a student's own grades and GPA rank (the student cabinet, issue 14) ----------------------------------


def student_semesters(student: Student):
    """The semesters the student has subjects in (their group's) or statement lines of, latest first."""
    bound = GroupSubject.objects.filter(group_id=student.group_id).values("semester")
    graded = StatementLine.objects.filter(student=student).values("statement__semester")
    return (
        Semester.objects.filter(Q(pk__in=bound) | Q(pk__in=graded))
        .select_related("academic_year")
        .order_by("-start_date")
    )


@dataclass
class ControlGrades:
    """One control of a subject: its maximum and the student's lines on its statements, the one that
    counts (the last with points) marked ``counts``."""

    kind: str
    label: str
    max_points: int | None
    lines: list = field(default_factory=list)

    @property
    def points(self) -> int | None:
        counted = [ln for ln in self.lines if ln.points is not None]
        return counted[-1].points if counted else None


@dataclass
class SubjectGrades:
    curriculum_subject: CurriculumSubject
    controls: list
    score: int | None = None
    grade: str = ""

    @property
    def total(self) -> int:
        return sum(c.points or 0 for c in self.controls)

    @property
    def max_points(self) -> int:
        return sum(c.max_points or 0 for c in self.controls)

    @property
    def final_graded(self) -> bool:
        """The final control has points: the grade is the subject's, not a running one."""
        return any(c.kind == ControlKind.FINAL and c.points is not None for c in self.controls)


def student_grades(student: Student, semester: Semester, marking_system=None) -> list[SubjectGrades]:
    """Per subject of the student's ``semester`` (their group's, and any they have statement lines of
    there, e.g. re-study): each control (current, midterm, final) with its maximum and the student's
    points on each statement (1st, 2nd, 3rd, re-study), the total of the counted points, the score on
    ``marking_system``'s scale and its band's grade — from the statement lines as they stand now (four
    queries whatever the number of subjects)."""
    subjects: dict[int, CurriculumSubject] = {
        gs.curriculum_subject_id: gs.curriculum_subject
        for gs in GroupSubject.objects.filter(group_id=student.group_id, semester=semester)
        .select_related("curriculum_subject__subject")
        .order_by("curriculum_subject__subject__code")
    }
    lines = sorted(
        StatementLine.objects.filter(student=student, statement__semester=semester).select_related(
            "statement__restudy_group", "curriculum_subject__subject"
        ),
        # the order that makes the last line with points the one that counts (as ``fresh_records``)
        key=lambda ln: (
            ln.statement.restudy_group_id is not None,
            ln.statement.attempt,
            ln.statement.control_date,
            ln.statement_id,
        ),
    )
    for line in lines:
        subjects.setdefault(line.curriculum_subject_id, line.curriculum_subject)
    maxima = {
        (c.curriculum_subject_id, c.control_type.code): c.max_points
        for c in SubjectControl.objects.filter(
            curriculum_subject__in=list(subjects), control_type__code__in=KINDS
        ).select_related("control_type")
    }
    bands = list(GradeBand.objects.filter(marking_system=marking_system)) if marking_system else []
    labels = dict(ControlKind.choices)
    result = []
    for cs in sorted(subjects.values(), key=lambda cs: cs.subject.code):
        controls = [ControlGrades(kind, labels[kind], maxima.get((cs.pk, kind))) for kind in KINDS]
        by_kind = {c.kind: c for c in controls}
        for line in lines:
            if line.curriculum_subject_id == cs.pk and line.statement.control_kind in by_kind:
                control = by_kind[line.statement.control_kind]
                control.lines.append(line)
                if control.max_points is None:
                    control.max_points = line.statement.max_points
        row = SubjectGrades(cs, controls)
        if marking_system is not None and row.max_points and any(c.lines for c in controls):
            scale = marking_system.max_value
            row.score = (2 * row.total * scale + row.max_points) // (2 * row.max_points)
            band = next((b for b in bands if b.min_value <= row.score <= b.max_value), None)
            row.grade = band.grade if band else ""
        result.append(row)
    return result


def student_gpa_rank(student: Student) -> Gpa | None:
    """The student's cumulative GPA with ``rank_group`` (their rank in the group; ties share a rank) and
    ``group_size`` (the students of the group with a cumulative GPA); None before one is computed."""
    gpa = Gpa.objects.filter(student=student, academic_year__isnull=True).first()
    if gpa is None:
        return None
    # Only the group's GPAs: one grouped count gives the rank and the size (the home page needs no
    # course, faculty or university rank, which would count every GPA of the university).
    in_group = Gpa.objects.filter(academic_year__isnull=True, student__group_id=student.group_id).order_by()
    counts = Counter(dict(in_group.values_list("gpa").annotate(n=Count("pk")).values_list("gpa", "n")))
    gpa.rank_group = _rank(counts, gpa.gpa)
    gpa.group_size = counts.total()
    return gpa
