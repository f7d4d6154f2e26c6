"""The journal's reads: a load's journal grid, a student's attendance per subject, and the warning,
reprimand and expulsion lists for each marking system's thresholds."""

import datetime as dt

import pytest

from hemis.academics.enums import MarkingSystemCode
from hemis.academics.models import MarkingSystem
from hemis.curricula.enums import CurriculumStatus, TrainingType
from hemis.curricula.models import Curriculum
from hemis.schedule.models import Lesson, TeachingLoad
from hemis.students.models import StudentStatus
from hemis.teaching import journal_selectors as selectors
from hemis.teaching.models import Absence, AttendanceRules, Excuse, LessonRecord
from hemis.teaching.services import journal
from hemis.testing import factories as f
from hemis.testing.schedule import add_entry, add_lab, with_login

D = dt.date


@pytest.fixture
def teacher(world):
    return with_login(world.karimov, "karimov")


def math_lecture_load(world):
    return TeachingLoad.objects.select_related("group_subject__curriculum_subject").get(
        group_subject=world.bindings[("KT-21", "MAT204")], training_type=TrainingType.LECTURE
    )


# --- the journal of a load ---------------------------------------------------------------------------


def test_load_journal_lays_out_lessons_students_and_totals(world, teacher, dean_chemistry):
    entry = add_entry(world, teacher)
    first, second = entry.lessons.order_by("date")[:2]
    kt21 = list(world.kt21.students.order_by("last_name"))
    journal.record_lesson(
        lesson=first,
        absences={kt21[0].pk: 2, kt21[1].pk: 1},
        marks={},
        version=None,
        actor=teacher,
        today=D(2027, 2, 1),
    )
    journal.record_lesson(
        lesson=second, absences={kt21[0].pk: 2}, marks={}, version=None, actor=teacher, today=D(2027, 2, 8)
    )
    journal.excuse_absences(
        student=kt21[0],
        from_date=D(2027, 2, 8),
        to_date=D(2027, 2, 8),
        reason="Ill",
        document_number="7",
        actor=dean_chemistry,
    )
    grid = selectors.load_journal(math_lecture_load(world))
    assert [c.lesson.date for c in grid.columns[:3]] == [D(2027, 2, 1), D(2027, 2, 8), D(2027, 2, 15)]
    assert len(grid.columns) == entry.lessons.count()
    assert grid.recorded == 2
    assert [row.student for row in grid.rows] == kt21
    top = grid.rows[0]
    assert [(c.hours, c.excused) for c in top.cells[:3]] == [(2, False), (2, True), (0, False)]
    assert (top.absent, top.excused, top.unexcused) == (4, 2, 2)
    assert (grid.rows[1].absent, grid.rows[1].unexcused) == (1, 1)
    assert grid.columns[2].record is None


def test_load_journal_of_a_subgroup_marks_who_does_not_attend(world, teacher):
    add_lab(
        world,
        teacher,
        world.sub_a,
        teacher=world.karimov,
        subject=world.math,
        training_type=TrainingType.PRACTICAL,
    )
    load = TeachingLoad.objects.get(
        group_subject=world.bindings[("KT-21", "MAT204")], training_type=TrainingType.PRACTICAL
    )
    grid = selectors.load_journal(load)
    in_a = set(world.sub_a.students.values_list("pk", flat=True))
    assert grid.columns
    assert {row.student.pk for row in grid.rows if row.cells[0].attends} == in_a


def test_load_journal_leaves_out_students_no_longer_studying(world, teacher):
    add_entry(world, teacher)
    gone = world.kt21.students.order_by("last_name").first()
    gone.status = StudentStatus.EXPELLED
    gone.save(update_fields=["status"])
    grid = selectors.load_journal(math_lecture_load(world))
    assert gone not in [row.student for row in grid.rows]
    assert len(grid.rows) == 11


# --- a student's attendance ----------------------------------------------------------------------------


def test_student_attendance_per_subject(world, teacher, dean_chemistry):
    math = add_entry(world, teacher).lessons.get(date=D(2027, 2, 1))
    physics = add_entry(world, teacher, subject=world.physics, teacher=world.rahimova, weekday=2).lessons.get(
        date=D(2027, 2, 2)
    )
    student = world.kt21.students.order_by("last_name").first()
    for lesson in (math, physics):
        journal.record_lesson(
            lesson=lesson,
            absences={student.pk: 2},
            marks={},
            version=None,
            actor=teacher,
            today=D(2027, 2, 2),
        )
    journal.excuse_absences(
        student=student,
        from_date=D(2027, 2, 2),
        to_date=D(2027, 2, 2),
        reason="Ill",
        document_number="7",
        actor=dean_chemistry,
    )
    rows = selectors.student_attendance(student, world.semester)
    assert [(r["code"], r["absent"], r["excused"], r["unexcused"]) for r in rows] == [
        ("FIZ204", 2, 2, 0),
        ("MAT204", 2, 0, 2),
    ]
    assert selectors.student_attendance(student, world.autumn) == []


# --- the absence lists --------------------------------------------------------------------------------


class Hours:
    """Absences written straight to the tables for the lists: a pool of recorded lessons of a semester,
    each student absent from the next ones for the hours asked."""

    def __init__(self, world, semester, count: int = 60):
        start = semester.start_date
        lessons = Lesson.objects.bulk_create(
            Lesson(
                semester=semester,
                faculty=world.faculty,
                subject=world.math,
                training_type=TrainingType.LECTURE,
                teacher=world.karimov,
                room=world.room301,
                date=start + dt.timedelta(days=i // 6),
                pair=i % 6 + 1,
                start_time=dt.time(8 + i % 6, 0),
                end_time=dt.time(8 + i % 6, 50),
            )
            for i in range(count)
        )
        self.records = LessonRecord.objects.bulk_create(LessonRecord(lesson=lesson) for lesson in lessons)

    def give(self, student, unexcused: int = 0, excused: int = 0) -> None:
        excuse = None
        if excused:
            excuse = Excuse.objects.create(
                student=student,
                from_date=D(2000, 1, 1),
                to_date=D(2100, 1, 1),
                reason="r",
                document_number="1",
            )
        rows, i = [], 0
        for total, link in ((unexcused, None), (excused, excuse)):
            while total > 0:
                hours = min(2, total)
                rows.append(Absence(record=self.records[i], student=student, hours=hours, excuse=link))
                total -= hours
                i += 1
        Absence.objects.bulk_create(rows)


def names(students) -> list[tuple[str, int]]:
    return [(s.last_name, s.unexcused) for s in students]


def use_system(world, group, code: str):
    """Put ``group`` on a curriculum of marking system ``code`` (KT-22 gets a curriculum of its own)."""
    system = MarkingSystem.objects.get(code=code)
    if group == world.kt21:
        world.curriculum.marking_system = system
        world.curriculum.save(update_fields=["marking_system"])
        return
    own = Curriculum.objects.create(
        programme=world.curriculum.programme,
        intake_year=2024,
        marking_system=system,
        status=CurriculumStatus.APPROVED,
        approved_on=D(2024, 8, 1),
    )
    group.curriculum = own
    group.save(update_fields=["curriculum"])


@pytest.mark.parametrize(
    ("code", "own_rules", "thresholds"),
    [
        (MarkingSystemCode.RATING, None, (24, 48, 74)),
        (MarkingSystemCode.FIVE_POINT, None, (24, 48, 74)),
        (MarkingSystemCode.CREDIT, (6, 10, 16), (6, 10, 16)),
    ],
)
def test_absence_lists_follow_the_groups_thresholds(world, code, own_rules, thresholds):
    use_system(world, world.kt21, code)
    if own_rules:
        AttendanceRules.objects.create(
            marking_system=MarkingSystem.objects.get(code=code),
            warning_hours=own_rules[0],
            reprimand_hours=own_rules[1],
            expulsion_hours=own_rules[2],
        )
    warning, reprimand, expulsion = thresholds
    pool = Hours(world, world.semester)
    s = list(world.kt21.students.order_by("last_name"))
    pool.give(s[0], unexcused=warning - 1)
    pool.give(s[1], unexcused=warning)
    pool.give(s[2], unexcused=reprimand - 1)
    pool.give(s[3], unexcused=reprimand)
    pool.give(s[4], unexcused=expulsion - 1)
    pool.give(s[5], unexcused=expulsion)
    pool.give(s[6], unexcused=warning - 1, excused=expulsion)  # excused hours do not count
    lists = selectors.absence_lists(world.faculty, world.semester)
    assert names(lists.warning) == [(s[1].last_name, warning), (s[2].last_name, reprimand - 1)]
    assert names(lists.reprimand) == [(s[3].last_name, reprimand), (s[4].last_name, expulsion - 1)]
    assert names(lists.expulsion) == [(s[5].last_name, expulsion)]
    assert (
        lists.expulsion[0].warning,
        lists.expulsion[0].reprimand,
        lists.expulsion[0].expulsion,
    ) == thresholds


def test_absence_lists_take_each_groups_own_system_in_one_query(world, uni, django_assert_num_queries):
    use_system(world, world.kt21, MarkingSystemCode.RATING)
    use_system(world, world.kt22, MarkingSystemCode.CREDIT)
    AttendanceRules.objects.create(
        marking_system=MarkingSystem.objects.get(code=MarkingSystemCode.CREDIT),
        warning_hours=4,
        reprimand_hours=8,
        expulsion_hours=12,
    )
    pool = Hours(world, world.semester)
    a = world.kt21.students.order_by("last_name").first()
    b = world.kt22.students.order_by("last_name").first()
    pool.give(a, unexcused=12)  # below the rating system's 24
    pool.give(b, unexcused=12)  # the credit system's expulsion
    with django_assert_num_queries(1):
        lists = selectors.absence_lists(world.faculty, world.semester)
    assert (lists.warning, lists.reprimand, names(lists.expulsion)) == ([], [], [(b.last_name, 12)])


def test_absence_lists_count_the_semester_and_faculty_only(world, uni):
    kt21 = list(world.kt21.students.order_by("last_name"))
    Hours(world, world.autumn).give(kt21[0], unexcused=30)
    spring = Hours(world, world.semester)
    outsider = f.StudentFactory(group=uni["econ_group"], last_name="Outsider")
    spring.give(outsider, unexcused=30)
    spring.give(kt21[1], unexcused=30)
    on_leave = kt21[2]
    spring.give(on_leave, unexcused=30)
    on_leave.status = StudentStatus.ACADEMIC_LEAVE
    on_leave.save(update_fields=["status"])
    lists = selectors.absence_lists(world.faculty, world.semester)
    assert names(lists.warning) == [(kt21[1].last_name, 30)]
    assert (lists.reprimand, lists.expulsion) == ([], [])
    assert names(selectors.absence_lists(world.faculty, world.autumn).warning) == [(kt21[0].last_name, 30)]
