"""What the head of department reads (annex 6, annex 7 item 6): the distribution of the department's
subjects to teachers, each teacher's progress with topics, resources, assignments and lessons recorded,
and the teachers' works. The callers pass querysets the policy already scoped; these add the joins
and the aggregates, in a constant number of queries whatever the number of rows."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from hemis.core.calendar import WorkingCalendar
from hemis.curricula.models import SubjectLoad
from hemis.schedule.enums import LessonKind, LessonStatus
from hemis.schedule.models import Lesson, TeachingLoad
from hemis.staff.models import Employee
from hemis.staff.selectors import current_q
from hemis.teaching.enums import WorkStatus
from hemis.teaching.models import Assignment, Resource, Topic, Work

# Working days from the assignment date within which a teacher enters the subject's content (annex 7).
TOPICS_DAYS = 1
RESOURCES_DAYS = 7
ASSIGNMENTS_DAYS = 5
DEADLINE_DAYS = {"topics": TOPICS_DAYS, "resources": RESOURCES_DAYS, "assignments": ASSIGNMENTS_DAYS}


@dataclass
class DistributionRow:
    """One lesson type of a group's subject with its curriculum hours and the teachers put on it."""

    binding: object  # students.GroupSubject
    hours: SubjectLoad
    loads: list[TeachingLoad]

    @property
    def key(self) -> str:
        return f"{self.binding.pk}-{self.hours.training_type}"


def distribution(group_subjects: QuerySet, *, department, semester, unassigned_only: bool = False):
    """Every group subject of ``department``'s curriculum subjects in ``semester`` × each lesson type the
    curriculum gives hours to, with its teachers (three queries)."""
    loads = TeachingLoad.objects.select_related("teacher").order_by(
        "teacher__last_name", "teacher__first_name"
    )
    bindings = (
        group_subjects.filter(curriculum_subject__department=department, semester=semester)
        .select_related(
            "group__faculty",
            "semester",
            "curriculum_subject__subject",
            "curriculum_subject__department",
        )
        .prefetch_related(
            Prefetch("loads", queryset=loads),
            Prefetch("curriculum_subject__loads", queryset=SubjectLoad.objects.order_by("training_type")),
        )
        .order_by("curriculum_subject__subject__code", "group__name")
    )
    rows = []
    for binding in bindings:
        for hours in binding.curriculum_subject.loads.all():
            on = [load for load in binding.loads.all() if load.training_type == hours.training_type]
            if on and unassigned_only:
                continue
            rows.append(DistributionRow(binding=binding, hours=hours, loads=on))
    # A subject's lesson type with all its groups together: the rows a stream is assigned from.
    rows.sort(key=lambda r: (r.binding.curriculum_subject.subject.code, r.hours.training_type))
    return rows


def department_teachers(department, on: dt.date) -> QuerySet[Employee]:
    """Employees with an appointment in ``department`` current on ``on``."""
    appointed = Employee.objects.filter(current_q(on, "appointments__"), appointments__org_unit=department)
    return Employee.objects.filter(pk__in=appointed.values("pk")).order_by("last_name", "first_name", "pk")


@dataclass
class Item:
    """A piece of content a teacher owes for a load: when it first appeared and its deadline."""

    first_at: dt.datetime | None
    due: dt.date
    today: dt.date

    @property
    def state(self) -> str:
        """``on_time``, ``late`` (in after the deadline), ``due`` (missing, not yet due) or ``overdue``."""
        if self.first_at is not None:
            return "on_time" if timezone.localdate(self.first_at) <= self.due else "late"
        return "due" if self.today <= self.due else "overdue"


@dataclass
class LoadProgress:
    load: TeachingLoad
    topics: Item
    resources: Item
    assignments: Item
    held: int
    recorded: int


@dataclass
class TeacherProgress:
    teacher: Employee
    loads: list[LoadProgress] = field(default_factory=list)


def _first(model, **match) -> Subquery:
    return Subquery(model.objects.filter(**match).order_by("created_at").values("created_at")[:1])


def _lessons_held(today: dt.date, **extra) -> Coalesce:
    """Lessons of a load held by ``today`` (not cancelled), counted in a subquery of the load's row."""
    lessons = Lesson.objects.filter(
        kind=LessonKind.LESSON,
        status=LessonStatus.SCHEDULED,
        date__lte=today,
        semester=OuterRef("group_subject__semester"),
        teacher=OuterRef("teacher"),
        subject=OuterRef("group_subject__curriculum_subject__subject"),
        training_type=OuterRef("training_type"),
        attendees__group=OuterRef("group_subject__group"),
        **extra,
    )
    count = lessons.order_by().values("teacher").annotate(n=Count("pk", distinct=True)).values("n")[:1]
    return Coalesce(Subquery(count, output_field=IntegerField()), Value(0))


def progress(
    loads: QuerySet, *, department, semester, today: dt.date, calendar: WorkingCalendar | None = None
) -> list[TeacherProgress]:
    """Per teacher of ``department`` (appointed there or holding one of ``loads``), their loads of
    ``semester`` among ``loads`` with when topics, resources and assignments first appeared against
    their deadlines, and lessons held so far vs recorded (two queries and the calendar's)."""
    calendar = calendar or WorkingCalendar()
    subject = OuterRef("group_subject__curriculum_subject")
    mine = loads.filter(
        group_subject__curriculum_subject__department=department, group_subject__semester=semester
    )
    rows = (
        mine.select_related("teacher", "group_subject__group", "group_subject__curriculum_subject__subject")
        .annotate(
            topics_at=_first(Topic, curriculum_subject=subject, training_type=OuterRef("training_type")),
            resources_at=_first(
                Resource, curriculum_subject=subject, training_type=OuterRef("training_type")
            ),
            assignments_at=_first(Assignment, load=OuterRef("pk")),
            held=_lessons_held(today),
            recorded=_lessons_held(today, record__isnull=False),
        )
        .order_by(
            "group_subject__curriculum_subject__subject__code", "training_type", "group_subject__group__name"
        )
    )
    teachers = department_teachers(department, today) | Employee.objects.filter(pk__in=mine.values("teacher"))
    out = {t.pk: TeacherProgress(teacher=t) for t in teachers.order_by("last_name", "first_name", "pk")}
    for load in rows:
        start = load.assigned_on
        out[load.teacher_id].loads.append(
            LoadProgress(
                load=load,
                topics=Item(load.topics_at, calendar.add_working_days(start, TOPICS_DAYS), today),
                resources=Item(load.resources_at, calendar.add_working_days(start, RESOURCES_DAYS), today),
                assignments=Item(
                    load.assignments_at, calendar.add_working_days(start, ASSIGNMENTS_DAYS), today
                ),
                held=load.held,
                recorded=load.recorded,
            )
        )
    return list(out.values())


def works(visible: QuerySet) -> QuerySet[Work]:
    """Works among ``visible`` with their teacher, department and reviewer (one query)."""
    return visible.select_related("teacher", "department", "reviewed_by", "created_by").order_by(
        "-completed_on", "-pk"
    )


def approval_queue(reviewable: QuerySet) -> QuerySet[Work]:
    """Works awaiting the head's approval, oldest first (one query)."""
    return (
        reviewable.filter(status=WorkStatus.SUBMITTED)
        .select_related("teacher", "department", "created_by")
        .order_by("created_at", "pk")
    )
