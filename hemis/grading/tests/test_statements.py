"""Generating statements: the examiner and date from the timetable, the maximum from the curriculum,
the lines (studying students; for a re-sit those who did not pass), barred students, refusals."""

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError

from hemis.audit.models import AuditEvent
from hemis.core.models import UniversitySettings
from hemis.curricula.enums import TrainingType
from hemis.curricula.models import SubjectControl
from hemis.grading.models import Statement, StatementLine
from hemis.grading.services import statements as services
from hemis.schedule.enums import Attempt, ControlKind
from hemis.schedule.models import Lesson, LessonGroup
from hemis.students.models import StudentStatus
from hemis.teaching.models import Absence, Excuse, LessonRecord
from hemis.testing.grading import make_statement
from hemis.testing.schedule import add_control

D = dt.date
MIDTERM, FINAL = ControlKind.MIDTERM, ControlKind.FINAL


def state():
    return (
        list(Statement.objects.order_by("pk").values()),
        list(StatementLine.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


def generate(grading, actor, group="KT-21", subject="MAT204", **kwargs):
    kwargs = {"control_kind": MIDTERM, "attempt": Attempt.FIRST, **kwargs}
    gs = grading.world.bindings[(group, subject)]
    return services.generate_statements(group_subject=gs, actor=actor, **kwargs)


def resit(grading, actor):
    """KT-21's Mathematics final, 2nd statement, Karimov examining on 10.06.2027."""
    w = grading.world
    return generate(
        grading,
        actor,
        control_kind=FINAL,
        attempt=Attempt.SECOND,
        examiner=w.karimov,
        control_date=D(2027, 6, 10),
    )


DAYS = itertools.count(1)


def absent(world, student, hours: int, *, subject=None, excused: bool = False):
    """``hours`` unexcused (or excused) hours of ``student`` at a KT-21 lesson of ``subject`` (a lesson
    of its own, on the next day of March)."""
    day = next(DAYS) % 28 + 1
    lesson = Lesson.objects.create(
        semester=world.semester,
        faculty=world.faculty,
        subject=subject or world.math,
        training_type=TrainingType.LECTURE,
        teacher=world.karimov,
        room=world.room301,
        date=D(2027, 3, day),
        pair=1,
        start_time=dt.time(8, 30),
        end_time=dt.time(9, 50),
    )
    LessonGroup.objects.create(lesson=lesson, group=world.kt21)
    record = LessonRecord.objects.create(lesson=lesson)
    excuse = None
    if excused:
        excuse = Excuse.objects.create(
            student=student, from_date=lesson.date, to_date=lesson.date, reason="ill", document_number="1"
        )
    Absence.objects.create(record=record, student=student, hours=hours, excuse=excuse)


def test_the_examiner_and_date_come_from_the_control_on_the_timetable(grading, superadmin):
    """The midterm scheduled for KT-21 on 12.02.2027 with Karimov: a statement of 20 points, a line
    per studying student, audited."""
    w = grading.world
    lesson = add_control(w, superadmin, control_kind=MIDTERM)
    gone = grading.students()[11]
    gone.status = StudentStatus.EXPELLED
    gone.save(update_fields=["status"])

    statement = generate(grading, superadmin)

    assert (statement.examiner, statement.control_date, statement.control_lesson) == (
        w.karimov,
        D(2027, 2, 12),
        lesson,
    )
    assert (statement.max_points, statement.faculty, statement.semester, statement.subject) == (
        20,
        w.faculty,
        w.semester,
        w.math,
    )
    lines = StatementLine.objects.filter(statement=statement)
    assert set(lines.values_list("student_id", flat=True)) == {
        student.pk for student in grading.students() if student != gone
    }
    assert lines.count() == 11
    assert set(lines.values_list("points", "barred", "curriculum_subject")) == {
        (None, False, grading.math_cs.pk)
    }
    event = AuditEvent.objects.get(action="grading.statement.generated")
    assert event.data["after"]["students"] == 11
    assert event.data["after"]["max_points"] == 20


def test_without_a_control_on_the_timetable_the_examiner_and_date_must_be_given(grading, superadmin):
    w = grading.world
    before = state()
    with pytest.raises(ValidationError) as error:
        generate(grading, superadmin)
    assert error.value.message_dict == {
        "examiner": ["The control is not on the timetable: choose the examiner."]
    }
    with pytest.raises(ValidationError) as error:
        generate(grading, superadmin, examiner=w.rahimova)
    assert "control_date" in error.value.message_dict
    assert state() == before

    statement = generate(grading, superadmin, examiner=w.rahimova, control_date=D(2027, 4, 2))
    assert (statement.examiner, statement.control_date, statement.control_lesson) == (
        w.rahimova,
        D(2027, 4, 2),
        None,
    )


def test_a_control_the_curriculum_lacks_and_a_duplicate_are_refused(grading, superadmin):
    w = grading.world
    SubjectControl.objects.filter(curriculum_subject=grading.math_cs, control_type__code=MIDTERM).delete()
    before = state()
    with pytest.raises(ValidationError) as error:
        generate(grading, superadmin, examiner=w.karimov, control_date=D(2027, 4, 2))
    assert error.value.message_dict == {
        "control_kind": ["The curriculum has no Midterm control for Oliy matematika."]
    }
    assert state() == before

    generate(grading, superadmin, control_kind=FINAL, examiner=w.karimov, control_date=D(2027, 4, 2))
    before = state()
    with pytest.raises(ValidationError) as error:
        generate(grading, superadmin, control_kind=FINAL, examiner=w.karimov, control_date=D(2027, 4, 3))
    assert "exists" in error.value.message_dict["attempt"][0]
    assert state() == before


def test_students_past_the_absence_bar_are_barred(grading, superadmin):
    """60 planned hours, bar 25 %: more than 15 unexcused hours bars; excused hours and other subjects'
    absences do not count."""
    w = grading.world
    s = grading.students()
    absent(w, s[0], 8)
    absent(w, s[0], 8)  # 16 > 15: barred
    absent(w, s[1], 8)
    absent(w, s[1], 7)  # 15: not barred
    absent(w, s[2], 8)
    absent(w, s[2], 8, excused=True)  # 8 unexcused
    absent(w, s[3], 16, subject=w.physics)  # another subject

    statement = generate(
        grading, superadmin, control_kind=FINAL, examiner=w.karimov, control_date=D(2027, 6, 1)
    )

    lines = {
        line.student_id: (line.barred, line.absent_hours)
        for line in StatementLine.objects.filter(statement=statement)
    }
    assert lines[s[0].pk] == (True, 16)
    assert lines[s[1].pk] == (False, 15)
    assert lines[s[2].pk] == (False, 8)
    assert lines[s[3].pk] == (False, 0)
    assert sum(barred for barred, _hours in lines.values()) == 1

    settings = UniversitySettings.current()
    settings.bar_absence_percent = 20  # 12 hours
    settings.save()
    again = generate(
        grading, superadmin, control_kind=MIDTERM, examiner=w.karimov, control_date=D(2027, 6, 2)
    )
    barred = set(
        StatementLine.objects.filter(statement=again, barred=True).values_list("student_id", flat=True)
    )
    assert barred == {s[0].pk, s[1].pk}


def test_a_resit_takes_the_students_who_did_not_pass_the_statement_before(grading, superadmin):
    """Final of 50, rating system pass border 55 %: 28 passes, 27 and no points do not."""
    w = grading.world
    s = grading.students()
    with pytest.raises(ValidationError) as error:
        resit(grading, superadmin)
    assert error.value.message_dict == {"attempt": ["Generate the 1st statement of this control first."]}

    points = dict.fromkeys(s, 40)
    points.update({s[0]: 28, s[1]: 27, s[2]: None, s[3]: 0, s[4]: None})
    make_statement(w, points=points, barred=(s[4],))
    statement = resit(grading, superadmin)
    assert set(StatementLine.objects.filter(statement=statement).values_list("student_id", flat=True)) == {
        s[1].pk,
        s[2].pk,
        s[3].pk,
        s[4].pk,
    }
    assert statement.attempt == Attempt.SECOND


def test_a_resit_nobody_needs_is_refused(grading, superadmin):
    w = grading.world
    make_statement(w, points=dict.fromkeys(grading.students(), 30))
    before = state()
    with pytest.raises(ValidationError) as error:
        resit(grading, superadmin)
    assert error.value.message_dict == {
        "attempt": ["Every student passed the statement before; there is no one to re-sit."]
    }
    assert state() == before


def test_a_group_gets_the_statements_of_all_its_scheduled_controls(grading, superadmin):
    """The bulk variant: Mathematics' midterm is on the timetable, Physics' is not (skipped, said why)."""
    w = grading.world
    add_control(w, superadmin, control_kind=MIDTERM)
    made, skipped = services.generate_group_statements(
        group=w.kt21, semester=w.semester, control_kind=MIDTERM, actor=superadmin
    )
    assert [st.subject for st in made] == [w.math]
    assert [(gs.curriculum_subject.subject, why) for gs, why in skipped] == [
        (w.physics, "The control is not on the timetable: choose the examiner.")
    ]


def test_a_lesson_that_is_not_the_statements_control_is_refused(grading, superadmin):
    w = grading.world
    physics = add_control(w, superadmin, subject="FIZ204", control_kind=MIDTERM, examiner=w.rahimova)
    before = state()
    with pytest.raises(ValidationError) as error:
        generate(grading, superadmin, control_lesson=physics)
    assert error.value.message_dict == {
        "control_lesson": ["This lesson is not the control of the statement."]
    }
    assert state() == before
