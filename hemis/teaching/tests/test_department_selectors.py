"""What the head of department reads: the distribution rows, the department's teachers, each teacher's
progress (content against deadlines, lessons held vs recorded) in a constant number of queries."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hemis.core.calendar import WorkingCalendar
from hemis.curricula.enums import TrainingType
from hemis.schedule.enums import LessonStatus
from hemis.schedule.models import Lesson, TeachingLoad
from hemis.students.models import GroupSubject
from hemis.teaching import department_selectors as sel
from hemis.teaching.enums import ResourceKind
from hemis.teaching.models import Assignment, LessonRecord, Resource, Topic
from hemis.testing import factories as f
from hemis.testing.schedule import add_entry, more_groups

D = dt.date
LECTURE, PRACTICAL, LAB = TrainingType.LECTURE, TrainingType.PRACTICAL, TrainingType.LABORATORY
CALENDAR = WorkingCalendar(study_week=6, overrides={})  # from 10.01.2027: +1 = 11.01, +5 = 15.01, +7 = 18.01


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


def dated(obj, day: dt.date, hour: int = 10):
    type(obj).objects.filter(pk=obj.pk).update(created_at=at(day, hour))
    return obj


def load(world, group: str, code: str, training_type: str) -> TeachingLoad:
    return TeachingLoad.objects.get(group_subject=world.bindings[(group, code)], training_type=training_type)


def progress(world, today: dt.date):
    return sel.progress(
        TeachingLoad.objects.all(),
        department=world.department,
        semester=world.semester,
        today=today,
        calendar=CALENDAR,
    )


def summary(rows) -> list[tuple]:
    return [
        (
            row.teacher.last_name,
            [
                (
                    p.load.group_subject.group.name,
                    p.load.group_subject.curriculum_subject.subject.code,
                    p.load.training_type,
                    p.topics.state,
                    p.resources.state,
                    p.assignments.state,
                    p.held,
                    p.recorded,
                )
                for p in row.loads
            ],
        )
        for row in rows
    ]


def test_distribution_rows_and_unassigned_only(world):
    TeachingLoad.objects.filter(group_subject__group=world.kt22, training_type=LAB).delete()
    groups = GroupSubject.objects.all()
    rows = sel.distribution(groups, department=world.department, semester=world.semester)
    assert [
        (r.binding.group.name, r.binding.curriculum_subject.subject.code, r.hours.training_type) for r in rows
    ] == [
        ("KT-21", "FIZ204", LECTURE),
        ("KT-22", "FIZ204", LECTURE),
        ("KT-21", "FIZ204", LAB),
        ("KT-22", "FIZ204", LAB),
        ("KT-21", "MAT204", LECTURE),
        ("KT-22", "MAT204", LECTURE),
        ("KT-21", "MAT204", PRACTICAL),
        ("KT-22", "MAT204", PRACTICAL),
    ]
    [row] = sel.distribution(
        groups, department=world.department, semester=world.semester, unassigned_only=True
    )
    assert (row.key, row.loads) == (f"{world.bindings[('KT-22', 'FIZ204')].pk}-{LAB}", [])
    assert sel.distribution(groups, department=world.department, semester=world.autumn) == []


def test_department_teachers_are_the_currently_appointed(world, uni):
    left = f.EmployeeFactory(last_name="Ketgan")
    appointment = f.appoint(left, world.department)
    appointment.end_date = D(2026, 6, 30)
    appointment.save()
    future = f.EmployeeFactory(last_name="Keladigan")
    appointment = f.appoint(future, world.department)
    appointment.start_date = D(2027, 9, 1)
    appointment.save()
    f.appoint(f.EmployeeFactory(last_name="Begonayev"), uni["accounting_dept"])
    teachers = sel.department_teachers(world.department, D(2026, 12, 1))
    assert [t.last_name for t in teachers] == ["Karimov", "Rahimova"]


def test_progress_of_each_teacher_against_the_deadlines(world, uni, dean_chemistry):
    math = world.bindings[("KT-21", "MAT204")].curriculum_subject
    physics = world.bindings[("KT-21", "FIZ204")].curriculum_subject
    dated(
        Topic.objects.create(curriculum_subject=math, training_type=LECTURE, position=1, title="T", hours=2),
        D(2027, 1, 11),
    )
    dated(
        Topic.objects.create(curriculum_subject=math, training_type=LECTURE, position=2, title="U", hours=2),
        D(2027, 1, 9),
    )
    dated(
        Resource.objects.create(
            curriculum_subject=math,
            training_type=LECTURE,
            teacher=world.karimov,
            kind=ResourceKind.LINK,
            title="Slides",
            url="https://lms.uz/1",
        ),
        D(2027, 1, 20),
    )
    # physics lecture topics: a day late; another subject's practical topics do not count for it
    dated(
        Topic.objects.create(
            curriculum_subject=physics, training_type=LECTURE, position=1, title="F", hours=2
        ),
        D(2027, 1, 12),
    )
    dated(
        Assignment.objects.create(
            load=load(world, "KT-21", "MAT204", LECTURE),
            title="HW 1",
            deadline=at(D(2027, 3, 1)),
            max_points=10,
        ),
        D(2027, 1, 15),
    )
    entry = add_entry(world, dean_chemistry)  # Karimov's Mathematics lectures to KT-21 and KT-22 on Mondays
    held = list(Lesson.objects.filter(entry=entry, date__lte=D(2027, 3, 1)).order_by("date"))
    assert [lesson.date for lesson in held] == [
        D(2027, 2, 1),
        D(2027, 2, 8),
        D(2027, 2, 15),
        D(2027, 2, 22),
        D(2027, 3, 1),
    ]
    for lesson in held[:2]:
        LessonRecord.objects.create(lesson=lesson)
    Lesson.objects.filter(pk=held[4].pk).update(status=LessonStatus.CANCELLED)
    # Data that could leak: another department's teacher and load, and a lesson of another teacher.
    other = f.EmployeeFactory(last_name="Begonayev")
    f.appoint(other, uni["accounting_dept"])
    newcomer = f.EmployeeFactory(last_name="Yangi")
    f.appoint(newcomer, world.department)

    rows = progress(world, today=D(2027, 3, 1))
    assert summary(rows) == [
        (
            "Karimov",
            [
                ("KT-21", "MAT204", LECTURE, "on_time", "late", "on_time", 4, 2),
                ("KT-22", "MAT204", LECTURE, "on_time", "late", "overdue", 4, 2),
                ("KT-21", "MAT204", PRACTICAL, "overdue", "overdue", "overdue", 0, 0),
                ("KT-22", "MAT204", PRACTICAL, "overdue", "overdue", "overdue", 0, 0),
            ],
        ),
        (
            "Rahimova",
            [
                ("KT-21", "FIZ204", LECTURE, "late", "overdue", "overdue", 0, 0),
                ("KT-22", "FIZ204", LECTURE, "late", "overdue", "overdue", 0, 0),
                ("KT-21", "FIZ204", LAB, "overdue", "overdue", "overdue", 0, 0),
                ("KT-22", "FIZ204", LAB, "overdue", "overdue", "overdue", 0, 0),
            ],
        ),
        ("Yangi", []),
    ]
    first = rows[0].loads[0]
    assert (first.topics.first_at, first.topics.due) == (at(D(2027, 1, 9)), D(2027, 1, 11))
    assert (first.resources.first_at, first.resources.due) == (at(D(2027, 1, 20)), D(2027, 1, 18))
    assert (first.assignments.first_at, first.assignments.due) == (at(D(2027, 1, 15)), D(2027, 1, 15))
    # Before the deadlines nothing missing is overdue yet.
    early = progress(world, today=D(2027, 1, 11))
    assert [(p.topics.state, p.resources.state, p.assignments.state) for p in early[1].loads[2:]] == [
        ("due", "due", "due"),
        ("due", "due", "due"),
    ]


def test_a_teacher_of_another_department_on_its_subjects_is_listed(world, uni):
    guest = f.EmployeeFactory(last_name="Mehmon", first_name="Olim", patronymic="")
    f.appoint(guest, uni["accounting_dept"])
    TeachingLoad.objects.create(
        group_subject=world.bindings[("KT-21", "MAT204")],
        training_type=PRACTICAL,
        teacher=guest,
        assigned_on=D(2027, 1, 10),
    )
    rows = progress(world, today=D(2027, 1, 11))
    assert [(r.teacher.last_name, len(r.loads)) for r in rows] == [
        ("Karimov", 4),
        ("Mehmon", 1),
        ("Rahimova", 4),
    ]


def count(world) -> tuple[int, int, int]:
    with CaptureQueriesContext(connection) as queries:
        rows = progress(world, today=D(2027, 3, 1))
    return len(queries), len(rows), sum(len(r.loads) for r in rows)


def test_progress_takes_the_same_queries_for_one_and_three_teachers(world):
    TeachingLoad.objects.filter(teacher=world.rahimova).delete()
    world.rahimova.appointments.all().delete()
    one, teachers, loads = count(world)
    assert (teachers, loads) == (1, 4)
    more_groups(world, 1, subgroup=False)
    for i in range(2):
        teacher = f.EmployeeFactory(last_name=f"Teacher{i}")
        f.appoint(teacher, world.department)
        for binding in GroupSubject.objects.filter(group__name="KT-30"):
            TeachingLoad.objects.create(
                group_subject=binding, training_type=LECTURE, teacher=teacher, assigned_on=D(2027, 1, 10)
            )
    assert count(world) == (one, 3, 8)
