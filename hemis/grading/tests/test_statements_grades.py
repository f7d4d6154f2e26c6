"""Entering grades on a statement (the maximum, the students, the barred, the lock, the version check,
the audit, the records refreshed), the dean's office reopening and signing it off."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hemis.audit.models import AuditEvent
from hemis.grading.enums import ClearingWay, PlanItemStatus, RecordStatus
from hemis.grading.models import AcademicRecord, PlanItem, Statement, StatementLine, StatementReopening
from hemis.grading.services import statements as services
from hemis.grading.services.records import refresh_records
from hemis.schedule.enums import Attempt, ControlKind
from hemis.testing.grading import CONTROL_DATE, make_statement

D = dt.date
DAY_AFTER = D(2027, 6, 2)  # the control is on Tuesday 01.06.2027
LAST_DAY = D(2027, 6, 3)  # two working days after it
LOCKED_DAY = D(2027, 6, 4)


@pytest.fixture
def midterm(grading):
    """Karimov's midterm of Mathematics for KT-21 (20 points) on 01.06.2027, Aliyev… ungraded, the
    fifth student barred."""
    return make_statement(grading.world, control_kind=ControlKind.MIDTERM, barred=(grading.students()[4],))


def lines(statement) -> dict[int, tuple]:
    return {
        line.student_id: (line.points, line.version)
        for line in StatementLine.objects.filter(statement=statement)
    }


def state():
    return (
        list(StatementLine.objects.order_by("pk").values()),
        list(Statement.objects.order_by("pk").values()),
        list(StatementReopening.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


def enter(statement, actor, grades, versions=None, today=DAY_AFTER):
    versions = versions if versions is not None else dict.fromkeys(grades, 0)
    return services.enter_grades(
        statement=statement, grades=grades, versions=versions, actor=actor, today=today
    )


def test_the_lock_is_two_working_days_after_the_control(midterm):
    assert services.lock_date(midterm) == LAST_DAY
    assert services.locked_reason(midterm, LAST_DAY) is None
    assert services.locked_reason(midterm, LOCKED_DAY) == (
        "Grades of this statement could be entered until 03.06.2027; ask the dean's office to reopen it."
    )
    assert services.locked_cutoff(LOCKED_DAY) == CONTROL_DATE


def test_the_examiner_enters_grades_only_changed_lines_are_written_and_audited(grading, midterm):
    s = grading.students()
    user = grading.karimov_user

    assert enter(midterm, user, {s[0].pk: 15, s[1].pk: 20, s[2].pk: None}) == 2

    after = lines(midterm)
    assert after[s[0].pk] == (15, 1)
    assert after[s[1].pk] == (20, 1)
    assert after[s[2].pk] == (None, 0)
    line = StatementLine.objects.get(statement=midterm, student=s[0])
    assert line.graded_by == user
    event = AuditEvent.objects.get(action="grading.grade.changed")
    assert event.data["before"] == {"points": {str(s[0].pk): None, str(s[1].pk): None}}
    assert event.data["after"] == {"points": {str(s[0].pk): 15, str(s[1].pk): 20}}
    # The records of the graded students are refreshed (the midterm alone: still in progress).
    record = AcademicRecord.objects.get(student=s[0], curriculum_subject=grading.math_cs)
    assert (record.total_points, record.status) == (15, "in_progress")

    # The same values again: nothing written, nothing audited; a change from version 1 is.
    assert enter(midterm, user, {s[0].pk: 15, s[1].pk: 20}, {s[0].pk: 1, s[1].pk: 1}) == 0
    assert enter(midterm, user, {s[0].pk: 12, s[1].pk: 20}, {s[0].pk: 1, s[1].pk: 1}) == 1
    assert lines(midterm)[s[0].pk] == (12, 2)
    event = AuditEvent.objects.filter(action="grading.grade.changed").latest("pk")
    assert event.data["before"] == {"points": {str(s[0].pk): 15}}
    assert event.data["after"] == {"points": {str(s[0].pk): 12}}
    assert AuditEvent.objects.filter(action="grading.grade.changed").count() == 2


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("over", "Aliyev0 Gulnoza: points must be from 0 to 20."),
        ("negative", "Aliyev0 Gulnoza: points must be from 0 to 20."),
        ("text", "Aliyev0 Gulnoza: points are a whole number."),
        ("stranger", "Botirov0 Gulnoza is not on this statement."),
        ("barred", "is barred from the control by absences and cannot be graded."),
    ],
)
def test_bad_grades_are_refused_and_nothing_changes(grading, midterm, case, message):
    s = grading.students()
    stranger = grading.students("KT-22")[0]
    grades = {
        "over": {s[1].pk: 10, s[0].pk: 21},
        "negative": {s[1].pk: 10, s[0].pk: -1},
        "text": {s[1].pk: 10, s[0].pk: "12"},
        "stranger": {s[1].pk: 10, stranger.pk: 12},
        "barred": {s[1].pk: 10, s[4].pk: 12},
    }[case]
    before = state()
    with pytest.raises(ValidationError) as error:
        enter(midterm, grading.karimov_user, grades)
    assert list(error.value.message_dict) == ["grades"]
    assert message in error.value.message_dict["grades"][0]
    assert state() == before


def test_after_the_lock_and_once_signed_grades_are_refused(grading, midterm):
    s = grading.students()
    before = state()
    with pytest.raises(ValidationError) as error:
        enter(midterm, grading.karimov_user, {s[0].pk: 10}, today=LOCKED_DAY)
    assert error.value.message_dict == {
        "statement": [
            "Grades of this statement could be entered until 03.06.2027; ask the dean's office to reopen it."
        ]
    }
    assert state() == before
    Statement.objects.filter(pk=midterm.pk).update(signed_at=timezone.now())
    before = state()
    with pytest.raises(ValidationError) as error:
        enter(midterm, grading.karimov_user, {s[0].pk: 10}, today=CONTROL_DATE)
    assert "was signed off on" in error.value.message_dict["statement"][0]
    assert state() == before


def test_a_second_save_of_the_same_version_is_told_not_overwritten(grading, midterm, superadmin):
    s = grading.students()
    enter(midterm, grading.karimov_user, {s[0].pk: 15, s[1].pk: 5})
    graded_at = StatementLine.objects.get(statement=midterm, student=s[0]).graded_at
    before = state()
    with pytest.raises(ValidationError) as error:
        enter(midterm, superadmin, {s[1].pk: 5, s[2].pk: 7, s[0].pk: 9})
    when = timezone.localtime(graded_at).strftime("%d.%m.%Y %H:%M")
    assert error.value.message_dict == {
        "version": [
            f"{grading.karimov_user.get_full_name()} graded Aliyev0 Gulnoza at {when} after you opened the "
            "statement; nothing of yours was saved. Open it again to see their grades."
        ]
    }
    assert state() == before


def test_the_dean_reopens_a_locked_statement_for_at_most_30_days(grading, midterm, dean_chemistry):
    s = grading.students()
    before = state()
    for until, reason, field in (
        (LOCKED_DAY - dt.timedelta(days=1), "late", "until"),
        (LOCKED_DAY + dt.timedelta(days=31), "late", "until"),
        (LOCKED_DAY + dt.timedelta(days=3), "  ", "reason"),
    ):
        with pytest.raises(ValidationError) as error:
            services.reopen_statement(
                statement=midterm, until=until, reason=reason, actor=dean_chemistry, today=LOCKED_DAY
            )
        assert list(error.value.message_dict) == [field]
    with pytest.raises(ValidationError) as error:  # still open: nothing to reopen
        services.reopen_statement(
            statement=midterm, until=LAST_DAY, reason="x", actor=dean_chemistry, today=DAY_AFTER
        )
    assert error.value.message_dict == {
        "until": ["The statement is open for grades until 03.06.2027; there is nothing to reopen."]
    }
    assert state() == before

    Statement.objects.filter(pk=midterm.pk).update(signed_at=timezone.now(), signed_by=dean_chemistry)
    services.reopen_statement(
        statement=midterm,
        until=D(2027, 6, 10),
        reason="The examiner was ill",
        actor=dean_chemistry,
        today=LOCKED_DAY,
    )
    midterm = Statement.objects.select_related("reopening").get(pk=midterm.pk)
    assert (midterm.signed_at, midterm.signed_by) == (None, None)
    assert services.lock_date(midterm) == D(2027, 6, 10)
    event = AuditEvent.objects.get(action="grading.statement.reopened")
    assert event.data["after"]["reopened_until"] == "2027-06-10"
    assert event.data["reason"] == "The examiner was ill"
    assert enter(midterm, grading.karimov_user, {s[0].pk: 11}, today=D(2027, 6, 10)) == 1
    with pytest.raises(ValidationError):
        enter(midterm, grading.karimov_user, {s[0].pk: 12}, {s[0].pk: 1}, today=D(2027, 6, 11))


def test_signing_off_waits_for_every_grade_until_the_lock(grading, midterm, dean_chemistry):
    s = grading.students()
    enter(midterm, grading.karimov_user, {s[0].pk: 15})
    before = state()
    with pytest.raises(ValidationError) as error:
        services.sign_statement(statement=midterm, actor=dean_chemistry, today=LAST_DAY)
    assert error.value.message_dict == {
        "statement": [
            "10 students have no points yet. Sign the statement off when every student is graded, or "
            "after 03.06.2027, when the missing grades stay missing."
        ]
    }
    assert state() == before

    assert services.sign_statement(statement=midterm, actor=dean_chemistry, today=LOCKED_DAY) == 10
    midterm.refresh_from_db()
    assert midterm.signed_by == dean_chemistry
    assert AuditEvent.objects.get(action="grading.statement.signed").data["missing"] == 10
    with pytest.raises(ValidationError) as error:
        services.sign_statement(statement=midterm, actor=dean_chemistry, today=LOCKED_DAY)
    assert "already signed off" in error.value.message_dict["statement"][0]


def test_a_fully_graded_statement_is_signed_off_before_the_lock(grading, midterm, dean_chemistry):
    grades = {student.pk: 10 for i, student in enumerate(grading.students()) if i != 4}
    enter(midterm, grading.karimov_user, grades)
    assert services.sign_statement(statement=midterm, actor=dean_chemistry, today=DAY_AFTER) == 0


def test_a_change_without_the_lines_version_is_refused(grading, midterm):
    s = grading.students()
    before = state()
    with pytest.raises(ValidationError) as error:
        enter(midterm, grading.karimov_user, {s[0].pk: 10}, versions={})
    assert error.value.message_dict == {"versions": ["The form is incomplete; open the statement again."]}
    assert state() == before


def test_a_passing_resit_clears_the_students_plan_item(grading):
    """Aliyev0 failed the final (30 + 20 + 2 = 52 < 55), has a plan item to re-sit it; 10 points on the
    2nd statement make 60: the record passes and the item is cleared the day the grade is entered."""
    w, first = grading.world, grading.students()[0]
    make_statement(w, control_kind=ControlKind.CURRENT, points={first: 30})
    make_statement(w, control_kind=ControlKind.MIDTERM, points={first: 20})
    make_statement(w, points={first: 2})
    refresh_records(student_ids=[first.pk], today=DAY_AFTER)
    item = PlanItem.objects.create(
        student=first,
        curriculum_subject=grading.math_cs,
        debt=RecordStatus.FAILED,
        way=ClearingWay.RESIT,
        due_date=D(2027, 6, 30),
    )
    resit = make_statement(w, attempt=Attempt.SECOND, control_date=D(2027, 6, 15), students=[first])
    enter(resit, grading.karimov_user, {first.pk: 10}, today=D(2027, 6, 16))
    item.refresh_from_db()
    assert (item.status, item.cleared_on) == (PlanItemStatus.CLEARED, D(2027, 6, 16))
    record = AcademicRecord.objects.get(student=first, curriculum_subject=grading.math_cs)
    assert (record.total_points, record.status) == (60, RecordStatus.PASSED)


def test_a_second_reopening_moves_the_first_one(grading, midterm, dean_chemistry):
    """Reopened until 10.06, locked again on 11.06 and reopened until 15.06: one reopening, its day moved,
    the audit event saying from when."""
    services.reopen_statement(
        statement=midterm, until=D(2027, 6, 10), reason="ill", actor=dean_chemistry, today=LOCKED_DAY
    )
    services.reopen_statement(
        statement=midterm,
        until=D(2027, 6, 15),
        reason="still ill",
        actor=dean_chemistry,
        today=D(2027, 6, 11),
    )
    assert list(StatementReopening.objects.values_list("statement_id", "until", "reason")) == [
        (midterm.pk, D(2027, 6, 15), "still ill")
    ]
    event = AuditEvent.objects.filter(action="grading.statement.reopened").latest("pk")
    assert event.data["before"]["reopened_until"] == "2027-06-10"
    assert event.data["after"]["reopened_until"] == "2027-06-15"
