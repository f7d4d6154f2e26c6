"""What the teaching evaluators (annex 6, annex 7 items 1–4 and 6) read, each loaded once per run with a
constant number of aggregate queries, whatever the number of loads, lessons and records.

- ``loads``: every teaching load with the first moments its subject's topics and resources (of its
  lesson type) and its own assignments were entered.
- ``teacher_days``: per teacher, lesson date and department of the subjects taught, the scheduled
  lessons (not controls, not cancelled) held up to today, how many are recorded and when the last
  record was made (one GROUP BY over the lessons).
- ``load_lines``: every group subject × lesson type with curriculum hours, with the first load's
  moment (the department's distribution).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max

from hemis.academics.models import Subject
from hemis.compliance.evaluators._common import firsts
from hemis.compliance.protocol import Context
from hemis.curricula.models import SubjectLoad
from hemis.org.models import OrgUnit
from hemis.schedule.enums import LessonKind, LessonStatus
from hemis.schedule.models import Lesson, TeachingLoad
from hemis.staff.models import Employee
from hemis.students.models import GroupSubject
from hemis.teaching.models import Assignment, Resource, Topic


@dataclass(frozen=True)
class LoadFacts:
    pk: int
    teacher_id: int
    training_type: str
    assigned_on: dt.date
    group: str
    subject_id: int
    department_id: int
    topics_at: dt.datetime | None
    resources_at: dt.datetime | None
    assignments_at: dt.datetime | None


@dataclass(frozen=True)
class TeacherDay:
    teacher_id: int
    department_id: int
    date: dt.date
    lessons: int
    recorded: int
    last_recorded_at: dt.datetime | None

    @property
    def recorded_at(self) -> dt.datetime | None:
        """When the day's last lesson got its record; None while one is unrecorded."""
        return self.last_recorded_at if self.recorded == self.lessons else None


@dataclass(frozen=True)
class LoadLine:
    group_subject_id: int
    training_type: str
    created_at: dt.datetime
    group: str
    subject_id: int
    department_id: int
    semester_id: int
    first_load_at: dt.datetime | None


def _load_facts() -> list[LoadFacts]:
    topics = firsts(Topic, ("curriculum_subject_id", "training_type"))
    resources = firsts(Resource, ("curriculum_subject_id", "training_type"))
    assignments = firsts(Assignment, ("load_id",))
    rows = TeachingLoad.objects.order_by("pk").values_list(
        "pk",
        "teacher_id",
        "training_type",
        "assigned_on",
        "group_subject__group__name",
        "group_subject__curriculum_subject_id",
        "group_subject__curriculum_subject__subject_id",
        "group_subject__curriculum_subject__department_id",
    )
    return [
        LoadFacts(
            pk=pk,
            teacher_id=teacher_id,
            training_type=training_type,
            assigned_on=assigned_on,
            group=group,
            subject_id=subject_id,
            department_id=department_id,
            topics_at=topics.get((cs, training_type)),
            resources_at=resources.get((cs, training_type)),
            assignments_at=assignments.get((pk,)),
        )
        for pk, teacher_id, training_type, assigned_on, group, cs, subject_id, department_id in rows
    ]


def loads(context: Context) -> list[LoadFacts]:
    return context.cached("teaching.loads", _load_facts)


def teacher_days(context: Context) -> list[TeacherDay]:
    """Lessons up to the run's today, grouped by teacher, date and the subject's department."""

    def load() -> list[TeacherDay]:
        rows = (
            Lesson.objects.filter(
                kind=LessonKind.LESSON, status=LessonStatus.SCHEDULED, date__lte=context.today
            )
            .order_by()
            .values("teacher_id", "subject__department_id", "date")
            .annotate(n=Count("id"), recorded=Count("record"), last=Max("record__created_at"))
            .order_by("teacher_id", "date", "subject__department_id")
            .values_list("teacher_id", "subject__department_id", "date", "n", "recorded", "last")
        )
        return [TeacherDay(*row) for row in rows]

    return context.cached("teaching.teacher_days", load)


def load_lines(context: Context) -> list[LoadLine]:
    def load() -> list[LoadLine]:
        hours: dict[int, list[str]] = {}
        for cs, training_type in (
            SubjectLoad.objects.filter(hours__gt=0)
            .order_by("curriculum_subject_id", "training_type")
            .values_list("curriculum_subject_id", "training_type")
        ):
            hours.setdefault(cs, []).append(training_type)
        first_loads = firsts(TeachingLoad, ("group_subject_id", "training_type"))
        bindings = GroupSubject.objects.order_by("pk").values_list(
            "pk",
            "created_at",
            "group__name",
            "curriculum_subject_id",
            "curriculum_subject__subject_id",
            "curriculum_subject__department_id",
            "semester_id",
        )
        return [
            LoadLine(
                pk,
                training_type,
                created_at,
                group,
                subject_id,
                department_id,
                semester_id,
                first_loads.get((pk, training_type)),
            )
            for pk, created_at, group, cs, subject_id, department_id, semester_id in bindings
            for training_type in hours.get(cs, ())
        ]

    return context.cached("teaching.load_lines", load)


def units(context: Context) -> dict[int, OrgUnit]:
    """Every org unit by id (a few hundred): the departments the obligations belong to."""
    return context.cached("evaluators.units", lambda: OrgUnit.objects.in_bulk())


def subjects(context: Context) -> dict[int, Subject]:
    return context.cached(
        "evaluators.subjects", lambda: Subject.objects.only("name_uz", "name_ru", "name_en").in_bulk()
    )


def teachers(context: Context) -> dict[int, Employee]:
    """Every employee by id with their user (a few thousand; one query a run)."""
    return context.cached(
        "teaching.teachers",
        lambda: (
            Employee.objects.select_related("user")
            .only("last_name", "first_name", "patronymic", "user")
            .in_bulk()
        ),
    )


def user_of(employee: Employee | None):
    return employee.user if employee is not None else None
