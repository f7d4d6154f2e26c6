"""Demo data of the grading issue (annex 7 item 5, annex 5 items 11–13), after teaching.

- The past semesters' statements: every group subject with a teacher gets its current, midterm and
  final control (1st statement) in the semester's last two weeks, a line per studying student with
  points drawn from the student's seeded ability, a few students barred from the final by absences.
  Most midterm and final statements are graded within five working days of the control, some late, a
  few left with lines unpointed past the deadline (annex 7 item 5); graded ones are signed off.
- 2nd statements of the final control for the failed and missing students of most group subjects,
  a week or two after the examinations (mostly passed). One faculty's spring re-sit is graded just
  before the GPA deadline of annex 5 item 13 and another's in the autumn, so that the year's GPA
  recomputations (two successful ``grading.gpa`` jobs, written as the job would) come on time for most
  faculties, late for one and not yet for the other.
- A summer re-study period after the spring semester: a group for each of the subjects with the most
  debts, its paid students, lessons and a final control; the first groups ready before the start, one
  with its control schedule entered after it, one still without a control (annex 5 item 11); the
  controls' statements graded.
- The records and GPA refreshed (``services.records``, ``services.gpa``), and individual plan items
  for the debts of the groups whose final grades are all in: mostly within ten working days of the
  last grade, some late, a few groups with a debt still unplanned (annex 5 item 12).

Rows go in with bulk inserts and carry the moment they were entered; the choice of cases is seeded."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from random import Random
from typing import NamedTuple

from django.db.models import Max, Sum

from hemis.academics.models import AcademicYear, Semester, Subject
from hemis.access.models import RoleGrant, User
from hemis.compliance.protocol import local_date
from hemis.core.models import UniversitySettings
from hemis.curricula.enums import TrainingType
from hemis.curricula.models import CurriculumSubject, SubjectControl, SubjectLoad
from hemis.demo import rows as demo_rows
from hemis.demo.schedule import _analyze, _set_times
from hemis.demo.teaching import LATE, MISSING, ON_TIME, Clock, _at, _cases, _rule_days
from hemis.grading.enums import DEBTS, ClearingWay, RecordStatus, SessionKind
from hemis.grading.models import (
    AcademicRecord,
    Gpa,
    PlanItem,
    RestudyEnrolment,
    RestudyGroup,
    RestudyPeriod,
    RestudySession,
    Statement,
    StatementLine,
)
from hemis.grading.services import gpa as gpa_service
from hemis.grading.services.records import refresh_records
from hemis.jobs.models import Job, JobStatus
from hemis.schedule.enums import Attempt, ControlKind
from hemis.schedule.models import TeachingLoad
from hemis.staff.models import Employee
from hemis.students.models import GroupSubject, Student, StudentStatus

CURRENT, MIDTERM, FINAL = ControlKind.CURRENT, ControlKind.MIDTERM, ControlKind.FINAL
# Shares (per mille) of the compliance cases; each case has at least one row whatever the size.
GRADES_LATE, GRADES_MISSING = 80, 30
PLAN_LATE, PLAN_MISSING = 150, 100
BARRED = 0.015  # final lines barred by absences
RESITS = 0.8  # group subjects whose failed students get a 2nd statement
RESTUDY_GROUPS = 4
RESTUDY_FEE = Decimal("250000")
EXAMINER_ORDER = {TrainingType.LECTURE: 0, TrainingType.PRACTICAL: 1, TrainingType.LABORATORY: 2}


@dataclass
class Binding:
    pk: int
    group_id: int
    faculty_id: int
    semester: Semester
    cs: int
    subject_id: int
    examiner_id: int
    maxima: dict
    hours: int
    students: list[int]


class Line(NamedTuple):
    student: int
    cs: int
    points: int | None
    barred: bool
    hours: int  # absent hours (of a barred student)
    at: dt.datetime | None  # graded at


@dataclass
class Sheet:
    """A statement to write and its lines."""

    statement: Statement
    lines: list[Line] = field(default_factory=list)
    generated: dt.datetime | None = None

    @property
    def last_graded(self) -> dt.datetime | None:
        moments = [line.at for line in self.lines if not line.barred]
        return None if not moments or None in moments else max(moments)


class Grader:
    """The state of the step: the clock, the seeded draws, who signs and grades."""

    def __init__(self, rng: Random):
        self.rng = rng
        self.clock = Clock()
        deans = RoleGrant.objects.filter(role_id="dean", revoked_at=None).order_by("pk")
        self.deans = {g.org_unit_id: g.user_id for g in deans}
        self.users = dict(Employee.objects.exclude(user=None).values_list("pk", "user_id"))
        self.bar = UniversitySettings.current().bar_absence_percent
        self.ability: dict[int, float] = {}
        # the registry's working days: grades after the control, plans after the grades, GPA before the year
        self.grade_days, self.plan_days = _rule_days("annex7.p5"), _rule_days("annex5.p12")
        self.gpa_days = _rule_days("annex5.p13")

    def points(self, student: int, maximum: int, boost: float = 0.0) -> int:
        if student not in self.ability:
            self.ability[student] = min(0.98, max(0.3, self.rng.gauss(0.74, 0.12)))
        share = min(1.0, max(0.0, self.ability[student] + boost + self.rng.gauss(0, 0.07)))
        return round(maximum * share)

    def sheet(self, b: Binding, kind: str, attempt: str, control: dt.date, **changes) -> Sheet:
        fields = {
            "faculty_id": b.faculty_id,
            "semester_id": b.semester.pk,
            "subject_id": b.subject_id,
            "group_subject_id": b.pk,
            "control_kind": kind,
            "attempt": attempt,
            "control_date": control,
            "examiner_id": b.examiner_id,
            "max_points": b.maxima[kind],
        }
        fields.update(changes)
        return Sheet(Statement(**fields), generated=_at(self.clock.add(control, -2), 10))

    def grade(self, sheet: Sheet, students: list[tuple[int, int]], case: str, **how) -> None:
        """Lines for ``students`` (student, curriculum subject), graded by the case — on time, late, or a
        few lines never graded — or at the moment ``at``; ``barred`` students with their ``hours``."""
        s, rng = sheet.statement, self.rng
        due = self.grade_days
        days = rng.randint(due + 1, due + 9) if case == LATE else rng.randint(0, due)
        moment = how.get("at") or self.clock.moment(rng, self.clock.add(s.control_date, days), 10, 17)
        unpointed = (
            set(rng.sample(students, min(len(students), rng.randint(1, 3)))) if case == MISSING else ()
        )
        barred = how.get("barred", ())
        for student, cs in students:
            if student in barred:
                hours = how["hours"] * self.bar // 100 + rng.randint(2, 10)  # over the bar
                sheet.lines.append(Line(student, cs, None, True, hours, None))
            elif (student, cs) in unpointed:
                sheet.lines.append(Line(student, cs, None, False, 0, None))
            else:
                at = moment - dt.timedelta(minutes=rng.randint(0, 60))
                points = self.points(student, s.max_points, how.get("boost", 0.0))
                sheet.lines.append(Line(student, cs, points, False, 0, at))
        last = sheet.last_graded
        if last is not None and case != MISSING:
            s.signed_at = self.clock.moment(rng, self.clock.add(local_date(last), 1), 14, 17)
            s.signed_by_id = self.deans.get(s.faculty_id)


def _write(grader: Grader, sheets: list[Sheet]) -> int:
    made = Statement.objects.bulk_create([s.statement for s in sheets], batch_size=2000)
    _set_times(
        Statement,
        ("created_at", "updated_at"),
        [(s.generated, s.generated, m.pk) for s, m in zip(sheets, made, strict=True)],
    )
    columns = ("statement_id", "student_id", "curriculum_subject_id", "points", "barred", "absent_hours",
               "version", "graded_at", "graded_by_id")  # fmt: skip
    rows = [
        (
            m.pk,
            student,
            cs,
            points,
            barred,
            hours,
            int(at is not None),
            at,
            at and grader.users.get(m.examiner_id),
        )
        for s, m in zip(sheets, made, strict=True)
        for student, cs, points, barred, hours, at in s.lines
    ]
    return demo_rows.insert(StatementLine, columns, rows)


# --- what the statements stand on ---------------------------------------------------------------


def _bindings(semesters: list[Semester]) -> list[Binding]:
    examiners: dict[int, tuple[int, int]] = {}
    loads = TeachingLoad.objects.filter(group_subject__semester__in=semesters).order_by(
        "group_subject_id", "pk"
    )
    for gs, kind, teacher in loads.values_list("group_subject_id", "training_type", "teacher_id"):
        rank = EXAMINER_ORDER.get(kind, 9)
        if gs not in examiners or rank < examiners[gs][0]:
            examiners[gs] = (rank, teacher)
    maxima: dict[int, dict] = defaultdict(dict)
    for cs, code, points in SubjectControl.objects.values_list(
        "curriculum_subject_id", "control_type__code", "max_points"
    ):
        maxima[cs][code] = points
    hours = dict(
        SubjectLoad.objects.order_by()
        .values("curriculum_subject_id")
        .annotate(h=Sum("hours"))
        .values_list("curriculum_subject_id", "h")
    )
    members: dict[int, list[int]] = defaultdict(list)
    studying = Student.objects.filter(status=StudentStatus.STUDYING).order_by("pk")
    for group, student in studying.values_list("group_id", "pk"):
        members[group].append(student)
    by_id = {s.pk: s for s in semesters}
    out = []
    for pk, group, faculty, semester, cs, subject in (
        GroupSubject.objects.filter(semester__in=semesters, group__is_active=True)
        .order_by("semester__start_date", "group__name", "curriculum_subject__subject__code")
        .values_list(
            "pk",
            "group_id",
            "group__faculty_id",
            "semester_id",
            "curriculum_subject_id",
            "curriculum_subject__subject_id",
        )  # fmt: skip
    ):
        if pk in examiners and members[group] and all(k in maxima[cs] for k in (CURRENT, MIDTERM, FINAL)):
            teacher = examiners[pk][1]
            out.append(
                Binding(
                    pk,
                    group,
                    faculty,
                    by_id[semester],
                    cs,
                    subject,
                    teacher,
                    maxima[cs],
                    hours.get(cs, 0),
                    members[group],
                )  # fmt: skip
            )
    return out


def _exam_days(clock: Clock, semester: Semester) -> list[dt.date]:
    """The working days (Monday to Friday) of the semester's last two weeks."""
    day, days = semester.end_date - dt.timedelta(days=13), []
    while day <= semester.end_date:
        if clock.calendar.is_working_day(day) and day.isoweekday() <= 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def seed(*, rng: Random) -> dict[str, int]:
    current = Semester.objects.get(is_current=True)
    past = list(
        Semester.objects.filter(end_date__lt=current.start_date)
        .select_related("academic_year")
        .order_by("start_date")
    )
    if not past:
        return {}
    grader = Grader(rng)
    bindings = _bindings(past)
    sheets, final_of = _first_statements(grader, bindings)
    counts = {"statements": len(sheets), "statement_lines": _write(grader, sheets)}
    _analyze(Statement, StatementLine)  # PostgreSQL plans the records' joins on fresh statistics
    refresh_records()
    resits = _resits(grader, bindings, final_of, past)
    counts["resit_statements"] = len(resits)
    counts["statement_lines"] += _write(grader, resits)
    resat = {(line.student, line.cs) for sheet in resits for line in sheet.lines}
    restudy, enrolled = _restudy(grader, bindings, past[-1], resat)
    counts.update(restudy)
    _analyze(Statement, StatementLine, AcademicRecord, RestudyEnrolment)
    counts["academic_records"] = refresh_records()
    counts["plan_items"] = _plans(grader, bindings, final_of, past, enrolled)
    _analyze(AcademicRecord)
    gpa_service.recompute_gpa()
    counts["gpas"] = Gpa.objects.count()
    counts["gpa_jobs"] = _gpa_jobs(grader, past[-1], counts["academic_records"])
    return counts


def _first_statements(grader: Grader, bindings: list[Binding]) -> tuple[list[Sheet], dict[int, Sheet]]:
    """The current, midterm and final 1st statements of every binding; and each binding's final one."""
    rng = grader.rng
    cases = _cases(
        rng, [(b.pk, kind) for b in bindings for kind in (MIDTERM, FINAL)], GRADES_LATE, GRADES_MISSING
    )
    sheets, final_of, days_of = [], {}, {}
    for i, b in enumerate(bindings):
        days = days_of.setdefault(b.semester.pk, _exam_days(grader.clock, b.semester))
        split = max(1, len(days) // 3)
        rest = days[split:] or days
        dates = {CURRENT: grader.clock.add(days[0], -3), MIDTERM: days[i % split], FINAL: rest[i % len(rest)]}
        barred = {s for s in b.students if rng.random() < BARRED}
        students = [(s, b.cs) for s in b.students]
        for kind in (CURRENT, MIDTERM, FINAL):
            sheet = grader.sheet(b, kind, Attempt.FIRST, dates[kind])
            extra = {"barred": barred, "hours": b.hours} if kind == FINAL else {}
            grader.grade(sheet, students, cases.get((b.pk, kind), ON_TIME), **extra)
            sheets.append(sheet)
        final_of[b.pk] = sheets[-1]
    return sheets, final_of


def _debts(semesters: list[Semester], statuses=DEBTS) -> dict[tuple[int, int], str]:
    records = AcademicRecord.objects.filter(status__in=statuses, semester__in=semesters)
    return {
        (s, cs): status
        for s, cs, status in records.values_list("student_id", "curriculum_subject_id", "status")
    }


def _gpa_deadline(grader: Grader, spring: Semester) -> dt.date | None:
    """Annex 5 item 13: fifteen working days before the academic year after the spring semester's."""
    year = spring.academic_year
    nxt = AcademicYear.objects.filter(start_date__gt=year.start_date).order_by("start_date").first()
    return grader.clock.add(nxt.start_date, -grader.gpa_days) if nxt else None


def _resits(grader: Grader, bindings: list[Binding], final_of: dict, past: list[Semester]) -> list[Sheet]:
    """2nd statements of the failed and missing students of most group subjects; the first spring re-sit
    of one faculty graded the day before the GPA deadline (its GPA late), of another a week after it
    (its GPA not yet recomputed)."""
    rng, clock = grader.rng, grader.clock
    debts = _debts(past, (RecordStatus.FAILED, RecordStatus.MISSING))
    spring, deadline = past[-1], _gpa_deadline(grader, past[-1])
    faculties = sorted({b.faculty_id for b in bindings if b.semester == spring})
    special: dict[int, tuple[dt.date, dt.datetime]] = {}
    if deadline and len(faculties) >= 3:
        late_control, overdue_control = clock.add(deadline, -3), clock.add(deadline, 8)
        special = {
            faculties[0]: (late_control, _at(clock.add(deadline, -1), 16)),
            faculties[1]: (overdue_control, _at(clock.add(overdue_control, 1), 11)),
        }
    made = []
    for b in bindings:
        students = [(s, b.cs) for s in b.students if (s, b.cs) in debts]
        forced = special.pop(b.faculty_id, None) if students and b.semester == spring else None
        if not students or (forced is None and rng.random() > RESITS):
            continue
        control = (
            forced[0] if forced else clock.add(final_of[b.pk].statement.control_date, rng.randint(5, 10))
        )
        made.append((grader.sheet(b, FINAL, Attempt.SECOND, control), students, forced))
    cases = _cases(rng, list(range(len(made))), GRADES_LATE, GRADES_MISSING)
    for i, (sheet, students, forced) in enumerate(made):
        if forced:
            grader.grade(sheet, students, ON_TIME, at=forced[1], boost=0.2)
        else:
            grader.grade(sheet, students, cases[i], boost=0.2)
    return [sheet for sheet, _students, _forced in made]


# --- paid re-study (annex 5 item 11) --------------------------------------------------------------


def _restudy(
    grader: Grader, bindings: list[Binding], spring: Semester, resat: set
) -> tuple[dict[str, int], set]:
    """A summer period after the spring semester: a group for each subject with the most debtors who had
    no 2nd statement (up to fifteen each, paid), lessons and a final control; ready before the start but for one group whose
    control was entered after it and one still without a control. The controls' statements graded."""
    rng, clock = grader.rng, grader.clock
    debts = _debts([spring])
    of_student = {(s, b.cs): b for b in bindings if b.semester == spring for s in b.students}
    debtors: dict[int, dict[int, Binding]] = defaultdict(dict)  # subject → student → binding of the 1st debt
    for student, cs in sorted(set(debts) - resat):
        b = of_student.get((student, cs))
        if b is not None:
            debtors[b.subject_id].setdefault(student, b)
    subjects = sorted(debtors, key=lambda s: (-len(debtors[s]), s))[:RESTUDY_GROUPS]
    if not subjects:
        return {}, set()
    start = clock.add(spring.end_date, 5)
    end = clock.add(start, 15)
    period = RestudyPeriod.objects.create(
        name=f"Yozgi qayta oʻqish {start.year}",
        semester=spring,
        start_date=start,
        end_date=end,
        fee_per_credit=RESTUDY_FEE,
    )
    opened = _at(clock.add(start, -20), 10)
    _set_times(RestudyPeriod, ("created_at", "updated_at"), [(opened, opened, period.pk)])
    codes = dict(Subject.objects.filter(pk__in=subjects).values_list("pk", "code"))
    credits = dict(
        CurriculumSubject.objects.filter(pk__in={b.cs for b in bindings}).values_list("pk", "credits")
    )
    cases = [ON_TIME, LATE, MISSING] + [ON_TIME] * RESTUDY_GROUPS
    groups = RestudyGroup.objects.bulk_create(
        RestudyGroup(
            period=period,
            faculty_id=max(
                {b.faculty_id for b in debtors[subject].values()},
                key=[b.faculty_id for b in debtors[subject].values()].count,
            ),
            subject_id=subject,
            name=f"QO-{codes[subject]}",
            teacher_id=next(iter(debtors[subject].values())).examiner_id,
        )
        for subject in subjects
    )
    entered = [_at(clock.add(start, -rng.randint(12, 15)), 11) for _g in groups]
    _set_times(
        RestudyGroup,
        ("created_at", "updated_at"),
        [(t, t, g.pk) for t, g in zip(entered, groups, strict=True)],
    )
    enrolments, sessions, sheets, stamps = [], [], [], {"enrolment": [], "session": []}
    enrolled = set()
    for group, subject, case, made in zip(groups, subjects, cases, entered, strict=False):
        members = list(debtors[subject].items())[:15]
        for student, b in members:
            enrolled.add((student, b.cs))
            paid = clock.add(start, -rng.randint(2, 6))
            enrolments.append(RestudyEnrolment(group=group, student_id=student, curriculum_subject_id=b.cs,
                                               fee=RESTUDY_FEE * credits[b.cs], paid_on=paid))  # fmt: skip
            stamps["enrolment"].append(made + dt.timedelta(days=rng.randint(1, 5)))
        lesson_days = [clock.add(start, n) for n in range(0, 14, 2)]
        for day in lesson_days:
            sessions.append(RestudySession(group=group, kind=SessionKind.LESSON, date=day,
                                           start_time=dt.time(14, 0), end_time=dt.time(15, 20)))  # fmt: skip
            stamps["session"].append(made + dt.timedelta(days=2))
        if case == MISSING:
            continue
        sessions.append(RestudySession(group=group, kind=SessionKind.CONTROL, control_kind=FINAL, date=end,
                                       start_time=dt.time(10, 0), end_time=dt.time(11, 20)))  # fmt: skip
        late = _at(clock.add(start, rng.randint(2, 4)), 15)
        stamps["session"].append(late if case == LATE else made + dt.timedelta(days=3))
        b = members[0][1]
        sheet = grader.sheet(b, FINAL, Attempt.FIRST, end, group_subject_id=None, restudy_group_id=group.pk,
                             faculty_id=group.faculty_id, semester_id=spring.pk, examiner_id=group.teacher_id)  # fmt: skip
        grader.grade(
            sheet, [(s, m.cs) for s, m in members], ON_TIME, boost=0.25, at=_at(clock.add(end, 1), 12)
        )
        sheets.append(sheet)
    made_enrolments = RestudyEnrolment.objects.bulk_create(enrolments)
    made_sessions = RestudySession.objects.bulk_create(sessions)
    for model, made, moments in ((RestudyEnrolment, made_enrolments, stamps["enrolment"]),
                                 (RestudySession, made_sessions, stamps["session"])):  # fmt: skip
        _set_times(
            model, ("created_at", "updated_at"), [(t, t, m.pk) for t, m in zip(moments, made, strict=True)]
        )
    lines = _write(grader, sheets)
    return {
        "restudy_groups": len(groups),
        "restudy_enrolments": len(enrolments),
        "restudy_sessions": len(sessions),
        "restudy_statement_lines": lines,
    }, enrolled


# --- the individual plans (annex 5 item 12) and the GPA runs (item 13) ---------------------------------


def _plans(
    grader: Grader, bindings: list[Binding], final_of: dict, past: list[Semester], enrolled: set
) -> int:
    """Plan items for the debts of the groups whose 1st final statements are all graded: within ten
    working days of the last grade, some groups late, a few with one debt left unplanned."""
    rng, clock, due = grader.rng, grader.clock, grader.plan_days
    debts = _debts(past)
    of_group: dict[tuple[int, int], list[Binding]] = defaultdict(list)
    for b in bindings:
        of_group[b.group_id, b.semester.pk].append(b)
    graded = {}
    for key, rows in of_group.items():
        moments = [final_of[b.pk].last_graded for b in rows]
        owed = [(s, b.cs) for b in rows for s in b.students if (s, b.cs) in debts]
        if None not in moments and owed:
            graded[key] = (local_date(max(moments)), owed)
    cases = _cases(rng, list(graded), PLAN_LATE, PLAN_MISSING)
    columns = ("student_id", "curriculum_subject_id", "debt", "way", "due_date", "status", "note",
               "created_at", "updated_at")  # fmt: skip
    rows = []
    for key, (event, owed) in sorted(graded.items()):
        case = cases[key]
        for n, (student, cs) in enumerate(owed):
            if case == MISSING and n == 0:
                continue
            days = rng.randint(due + 1, due + 6) if case == LATE else rng.randint(1, due)
            at = clock.moment(rng, clock.add(event, days), 9, 17)
            way = ClearingWay.RESTUDY if (student, cs) in enrolled else ClearingWay.RESIT
            rows.append(
                (student, cs, debts[student, cs], way, event + dt.timedelta(days=60), "open", "", at, at)
            )
    return demo_rows.insert(PlanItem, columns, rows)


def _gpa_jobs(grader: Grader, spring: Semester, records: int) -> int:
    """The year's successful GPA recomputations: one after the last final grades of all but the two
    faculties graded last, before the deadline, and one after it (the job's three steps done)."""
    deadline = _gpa_deadline(grader, spring)
    last = sorted(
        StatementLine.objects.filter(
            statement__control_kind=FINAL,
            points__isnull=False,
            statement__semester__academic_year=spring.academic_year,
        )
        .order_by()
        .values("statement__faculty_id")
        .annotate(m=Max("graded_at"))
        .values_list("m", flat=True)
    )
    if deadline is None or len(last) < 3:
        return 0
    runs = [
        last[-3] + dt.timedelta(hours=1),
        max(_at(grader.clock.add(deadline, 2), 10), last[-2] + dt.timedelta(hours=1)),
    ]
    academic = User.objects.filter(username="academic").values_list("pk", flat=True).first()
    made = Job.objects.bulk_create(
        Job(
            name=gpa_service.JOB_NAME,
            title=str(gpa_service.JOB_TITLE),
            view_action="grading.view",
            status=JobStatus.SUCCEEDED,
            done=3,
            total=3,
            result={"records": records},
            started_by_id=academic,
            started_at=run,
            finished_at=run + dt.timedelta(minutes=4),
        )
        for run in runs
    )
    for run, job in zip(runs, made, strict=True):  # two rows, keyed by a UUID
        Job.objects.filter(pk=job.pk).update(created_at=run - dt.timedelta(seconds=30))
    return len(made)
