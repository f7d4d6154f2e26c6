"""Paid re-study services: periods and groups, enrolments of students with a debt in the subject (the
fee, the payment), sessions within the period without room or teacher clashes, and the statement of a
re-study group's control. Every refusal changes nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hemis.audit.models import AuditEvent
from hemis.curricula.models import CurriculumSemester, CurriculumSubject, SubjectControl
from hemis.grading.enums import RecordStatus, SessionKind
from hemis.grading.models import RestudyEnrolment, RestudyGroup, RestudyPeriod, RestudySession, Statement
from hemis.grading.services import restudy
from hemis.schedule.enums import ControlKind, LessonStatus
from hemis.schedule.models import Lesson
from hemis.testing.grading import add_controls
from hemis.testing.grading_records import new_group, new_period, record
from hemis.testing.schedule import add_control

D = dt.date
T = dt.time
TODAY = D(2027, 7, 10)


@pytest.fixture
def period(grading, dean_chemistry):
    return new_period(grading, dean_chemistry, start=D(2027, 7, 1), end=D(2027, 8, 15))


@pytest.fixture
def group(grading, period, dean_chemistry):
    return new_group(grading, period, dean_chemistry)


def state():
    return (
        list(RestudyPeriod.objects.order_by("pk").values()),
        list(RestudyGroup.objects.order_by("pk").values()),
        list(RestudyEnrolment.objects.order_by("pk").values()),
        list(RestudySession.objects.order_by("pk").values()),
        list(Statement.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


LESSON_DAY = D(2027, 7, 5)
START, END = T(9, 0), T(10, 20)


def session(group, actor, day=LESSON_DAY, start=START, end=END, room=None, **more):
    return restudy.add_session(
        group=group,
        kind=more.pop("kind", SessionKind.LESSON),
        date=day,
        start_time=start,
        end_time=end,
        room=room,
        actor=actor,
        **more,
    )


def physics_group(grading, period, actor) -> RestudyGroup:
    """A second group of ``period``: Physics, taught by Rahimova."""
    w = grading.world
    return restudy.create_group(
        period=period, faculty=w.faculty, subject=w.physics, name="RS-FIZ-1", teacher=w.rahimova, actor=actor
    )


def refused(call, **kwargs) -> dict:
    before = state()
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    assert state() == before
    return error.value.message_dict


# --- periods and groups ---------------------------------------------------------------------------


def test_period_and_group_are_created_and_audited(period, group, grading):
    assert (period.name, period.start_date, period.fee_per_credit) == ("Summer 2027", D(2027, 7, 1), 250000)
    assert (group.name, group.subject, group.teacher, group.faculty) == (
        "RS-MAT-1",
        grading.world.math,
        grading.world.karimov,
        grading.world.faculty,
    )
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["grading.restudy_period.created", "grading.restudy_group.created"]


def test_a_period_ending_before_it_starts_or_a_negative_fee_is_refused(grading, dean_chemistry):
    common = {"name": "X", "semester": grading.world.semester, "actor": dean_chemistry}
    assert refused(
        restudy.create_period,
        start_date=D(2027, 7, 1),
        end_date=D(2027, 6, 1),
        fee_per_credit=Decimal(1),
        **common,
    ) == {"end_date": ["The period cannot end before it starts."]}
    message = refused(
        restudy.create_period,
        start_date=D(2027, 7, 1),
        end_date=D(2027, 8, 1),
        fee_per_credit=Decimal(-1),
        **common,
    )
    assert list(message) == ["__all__"]


def test_a_group_name_twice_in_a_period_is_refused(grading, period, group, dean_chemistry):
    w = grading.world
    message = refused(
        restudy.create_group,
        period=period,
        faculty=w.faculty,
        subject=w.physics,
        name="RS-MAT-1",
        teacher=w.rahimova,
        actor=dean_chemistry,
    )
    assert list(message) == ["__all__"]


# --- enrolments -----------------------------------------------------------------------------------


def test_a_student_with_a_debt_is_enrolled_at_the_period_fee_per_credit(grading, group, dean_chemistry):
    s = grading.students()[0]
    record(grading, s, RecordStatus.FAILED)
    enrolment = restudy.enrol_student(group=group, student=s, actor=dean_chemistry)
    assert (enrolment.curriculum_subject, enrolment.fee, enrolment.paid_on) == (
        grading.math_cs,
        Decimal("1000000.00"),
        None,
    )
    event = AuditEvent.objects.get(action="grading.restudy_enrolment.created")
    assert event.data["after"]["fee"] == "1000000.00"


def test_a_student_without_a_debt_in_the_subject_is_refused(grading, group, dean_chemistry):
    s = grading.students()
    record(grading, s[0], RecordStatus.PASSED)
    record(grading, s[1], RecordStatus.FAILED, cs=grading.physics_cs)  # a debt, in another subject
    for student in s[:3]:
        assert refused(restudy.enrol_student, group=group, student=student, actor=dean_chemistry) == {
            "student": [
                f"{student.full_name} has no academic debt in Oliy matematika; only a student with one may re-study it."
            ]
        }


def test_a_student_enrolled_twice_in_the_period_is_refused(grading, period, group, dean_chemistry):
    s = grading.students()[0]
    record(grading, s, RecordStatus.FAILED)
    restudy.enrol_student(group=group, student=s, actor=dean_chemistry)
    other = new_group(grading, period, dean_chemistry, name="RS-MAT-2")
    message = f"{s.full_name} is already enrolled in re-study group RS-MAT-1."
    assert refused(restudy.enrol_student, group=group, student=s, actor=dean_chemistry) == {
        "student": [message]
    }
    assert refused(restudy.enrol_student, group=other, student=s, actor=dean_chemistry) == {
        "student": [message]
    }


def test_payment_is_confirmed_once_and_not_in_the_future(grading, group, dean_chemistry):
    s = grading.students()[0]
    record(grading, s, RecordStatus.FAILED)
    enrolment = restudy.enrol_student(group=group, student=s, actor=dean_chemistry)
    assert refused(
        restudy.confirm_payment,
        enrolment=enrolment,
        paid_on=D(2027, 7, 11),
        actor=dean_chemistry,
        today=TODAY,
    ) == {"paid_on": ["The payment date 11.07.2027 is in the future."]}
    restudy.confirm_payment(enrolment=enrolment, paid_on=D(2027, 7, 8), actor=dean_chemistry, today=TODAY)
    enrolment.refresh_from_db()
    assert enrolment.paid_on == D(2027, 7, 8)
    event = AuditEvent.objects.get(action="grading.restudy_enrolment.paid")
    assert event.data == {
        "before": {"paid_on": None},
        "after": {"paid_on": "2027-07-08", "fee": "1000000.00"},
    }
    assert refused(
        restudy.confirm_payment, enrolment=enrolment, paid_on=D(2027, 7, 9), actor=dean_chemistry, today=TODAY
    ) == {"paid_on": ["The payment of this enrolment is already confirmed."]}


# --- sessions -------------------------------------------------------------------------------------


def test_sessions_of_the_group(grading, group, dean_chemistry):
    w = grading.world
    lesson = session(group, dean_chemistry, room=w.room204)
    control = session(
        group,
        dean_chemistry,
        day=D(2027, 8, 10),
        kind=SessionKind.CONTROL,
        control_kind=ControlKind.FINAL,
        room=w.room301,
    )
    assert list(group.sessions.values_list("kind", "control_kind", "date", "room__number")) == [
        ("lesson", "", D(2027, 7, 5), "204"),
        ("control", "13", D(2027, 8, 10), "301"),
    ]
    assert (lesson.start_time, control.end_time) == (T(9, 0), T(10, 20))
    assert AuditEvent.objects.filter(action="grading.restudy_session.created").count() == 2


def test_a_session_outside_the_period_or_without_its_control_is_refused(grading, group, dean_chemistry):
    common = {"group": group, "start_time": T(9, 0), "end_time": T(10, 0), "actor": dean_chemistry}
    assert refused(restudy.add_session, kind=SessionKind.LESSON, date=D(2027, 8, 16), **common) == {
        "date": ["The date must be within the period, 01.07.2027 – 15.08.2027."]
    }
    assert refused(restudy.add_session, kind=SessionKind.CONTROL, date=D(2027, 8, 1), **common) == {
        "control_kind": ["Choose which control this session is."]
    }
    late = common | {"start_time": T(11, 0)}
    assert refused(restudy.add_session, kind=SessionKind.LESSON, date=D(2027, 8, 1), **late) == {
        "end_time": ["The session must end after it starts."]
    }


def test_a_room_or_teacher_clash_with_another_restudy_session_is_refused(
    grading, period, group, dean_chemistry
):
    w = grading.world
    session(group, dean_chemistry, room=w.room204)  # 05.07.2027 09:00–10:20, Karimov
    physics = physics_group(grading, period, dean_chemistry)
    common = {"group": physics, "kind": SessionKind.LESSON, "date": D(2027, 7, 5), "actor": dean_chemistry}
    assert refused(restudy.add_session, start_time=T(10, 0), end_time=T(11, 0), room=w.room204, **common) == {
        "room": ["Room 204 is taken by re-study group RS-MAT-1 from 09:00 to 10:20."]
    }
    again = common | {"group": group}
    assert refused(restudy.add_session, start_time=T(8, 0), end_time=T(9, 30), room=w.room301, **again) == {
        "start_time": ["The teacher has re-study group RS-MAT-1 from 09:00 to 10:20 that day."]
    }
    # Back to back in the same room, and another teacher at the same time elsewhere, are fine.
    restudy.add_session(start_time=T(10, 20), end_time=T(11, 40), room=w.room204, **common)
    restudy.add_session(
        start_time=T(9, 0), end_time=T(10, 20), room=w.room301, **common | {"date": D(2027, 7, 6)}
    )
    assert RestudySession.objects.count() == 3


def test_a_room_or_teacher_held_by_a_timetable_lesson_is_refused(grading, dean_chemistry):
    """The final control of Mathematics for KT-21 is in the timetable on 12.02.2027, pair 3 (11:30–12:50),
    in room 204 with Karimov; re-study sessions overlapping it in that room or with him are refused."""
    w = grading.world
    add_control(w, dean_chemistry)
    winter = new_period(grading, dean_chemistry, start=D(2027, 2, 1), end=D(2027, 2, 28), name="Winter 2027")
    karimov = new_group(grading, winter, dean_chemistry)
    rahimova = physics_group(grading, winter, dean_chemistry)
    common = {"kind": SessionKind.LESSON, "date": D(2027, 2, 12), "actor": dean_chemistry}
    assert refused(
        restudy.add_session, group=rahimova, start_time=T(12, 0), end_time=T(13, 0), room=w.room204, **common
    ) == {"room": ["Room 204 has Oliy matematika (final control) of the timetable from 11:30 to 12:50."]}
    assert refused(
        restudy.add_session, group=karimov, start_time=T(11, 0), end_time=T(11, 40), room=w.room301, **common
    ) == {
        "start_time": [
            "The teacher has Oliy matematika (final control) of the timetable from 11:30 to 12:50 that day."
        ]
    }
    # Right after it in the same room, and a cancelled lesson's time, are free.
    restudy.add_session(group=rahimova, start_time=T(12, 50), end_time=T(14, 0), room=w.room204, **common)
    Lesson.objects.update(status=LessonStatus.CANCELLED)
    restudy.add_session(group=karimov, start_time=T(11, 30), end_time=T(12, 50), room=w.room301, **common)
    assert RestudySession.objects.count() == 2


# --- statements -----------------------------------------------------------------------------------


def paid(grading, group, actor, students, cs=None):
    for student in students:
        record(grading, student, RecordStatus.FAILED, cs=cs)
        enrolment = restudy.enrol_student(group=group, student=student, actor=actor)
        restudy.confirm_payment(enrolment=enrolment, paid_on=D(2027, 7, 2), actor=actor, today=TODAY)


def test_statement_of_a_restudy_control_has_the_paid_students(grading, group, dean_chemistry):
    w = grading.world
    s = grading.students()
    paid(grading, group, dean_chemistry, s[:2])
    record(grading, s[2], RecordStatus.FAILED)
    restudy.enrol_student(group=group, student=s[2], actor=dean_chemistry)  # not paid: not on it
    session(
        group, dean_chemistry, day=D(2027, 8, 10), kind=SessionKind.CONTROL, control_kind=ControlKind.FINAL
    )
    statement = restudy.generate_restudy_statement(
        group=group, control_kind=ControlKind.FINAL, actor=dean_chemistry
    )
    assert (
        statement.restudy_group,
        statement.group_subject,
        statement.faculty,
        statement.semester,
        statement.subject,
        statement.control_date,
        statement.examiner,
        statement.max_points,
        statement.attempt,
    ) == (group, None, w.faculty, w.semester, w.math, D(2027, 8, 10), w.karimov, 50, "11")
    assert sorted(statement.lines.values_list("student__last_name", "curriculum_subject", "points")) == [
        ("Aliyev0", grading.math_cs.pk, None),
        ("Aliyev1", grading.math_cs.pk, None),
    ]
    event = AuditEvent.objects.get(action="grading.statement.generated")
    assert event.data["after"]["control_date"] == "2027-08-10"


def test_a_restudy_statement_without_its_control_session_or_paid_students_is_refused(
    grading, group, dean_chemistry
):
    s = grading.students()
    final = {"group": group, "control_kind": ControlKind.FINAL, "actor": dean_chemistry}
    assert refused(restudy.generate_restudy_statement, **final) == {
        "control_kind": ["Schedule the Final control of the group first."]
    }
    session(
        group, dean_chemistry, day=D(2027, 8, 10), kind=SessionKind.CONTROL, control_kind=ControlKind.FINAL
    )
    record(grading, s[0], RecordStatus.FAILED)
    restudy.enrol_student(group=group, student=s[0], actor=dean_chemistry)
    assert refused(restudy.generate_restudy_statement, **final) == {
        "control_kind": ["No student of the group has paid yet."]
    }


def test_a_restudy_statement_twice_is_refused(grading, group, dean_chemistry):
    paid(grading, group, dean_chemistry, grading.students()[:1])
    session(
        group, dean_chemistry, day=D(2027, 8, 10), kind=SessionKind.CONTROL, control_kind=ControlKind.FINAL
    )
    restudy.generate_restudy_statement(group=group, control_kind=ControlKind.FINAL, actor=dean_chemistry)
    assert refused(
        restudy.generate_restudy_statement, group=group, control_kind=ControlKind.FINAL, actor=dean_chemistry
    ) == {"control_kind": ["The Final control statement of this group exists already."]}


def test_curricula_disagreeing_on_the_maximum_are_refused(grading, group, dean_chemistry):
    """Students of two curriculum subjects of Mathematics re-study it together; the other's final is 60."""
    w = grading.world
    other_semester = CurriculumSemester.objects.create(curriculum=w.curriculum, number=6)
    other = CurriculumSubject.objects.create(
        semester=other_semester,
        subject=w.math,
        block=grading.math_cs.block,
        credits=Decimal("5"),
        department=w.department,
        subject_type=grading.math_cs.subject_type,
    )
    add_controls(other, {ControlKind.FINAL: 60})
    s = grading.students()
    paid(grading, group, dean_chemistry, s[:1])
    paid(grading, group, dean_chemistry, s[1:2], cs=other)
    assert RestudyEnrolment.objects.get(student=s[1]).fee == Decimal("1250000.00")
    session(
        group, dean_chemistry, day=D(2027, 8, 10), kind=SessionKind.CONTROL, control_kind=ControlKind.FINAL
    )
    assert refused(
        restudy.generate_restudy_statement, group=group, control_kind=ControlKind.FINAL, actor=dean_chemistry
    ) == {
        "control_kind": [
            "The curricula of the enrolled students give the Final control different maximum points (50, 60); "
            "put them in separate re-study groups."
        ]
    }
    SubjectControl.objects.filter(curriculum_subject=other).update(max_points=50)
    assert (
        restudy.generate_restudy_statement(
            group=group, control_kind=ControlKind.FINAL, actor=dean_chemistry
        ).lines.count()
        == 2
    )


def test_an_enrolment_or_a_control_on_a_statement_stays(grading, group, dean_chemistry):
    s = grading.students()
    paid(grading, group, dean_chemistry, s[:1])
    record(grading, s[1], RecordStatus.FAILED)
    unpaid = restudy.enrol_student(group=group, student=s[1], actor=dean_chemistry)
    control = session(
        group, dean_chemistry, day=D(2027, 8, 10), kind=SessionKind.CONTROL, control_kind=ControlKind.FINAL
    )
    lesson = session(group, dean_chemistry)
    restudy.generate_restudy_statement(group=group, control_kind=ControlKind.FINAL, actor=dean_chemistry)
    on_it = RestudyEnrolment.objects.get(student=s[0])
    assert refused(restudy.remove_enrolment, enrolment=on_it, actor=dean_chemistry) == {
        "student": ["The student is on a statement of the group; the enrolment stays."]
    }
    assert refused(restudy.delete_session, session=control, actor=dean_chemistry) == {
        "date": ["A statement was generated for this control; the session stays."]
    }
    restudy.remove_enrolment(enrolment=unpaid, actor=dean_chemistry)
    restudy.delete_session(session=lesson, actor=dean_chemistry)
    assert list(group.enrolments.values_list("student", flat=True)) == [s[0].pk]
    assert list(group.sessions.values_list("kind", flat=True)) == ["control"]
    actions = AuditEvent.objects.order_by("-pk").values_list("action", flat=True)[:2]
    assert list(actions) == ["grading.restudy_session.deleted", "grading.restudy_enrolment.removed"]
