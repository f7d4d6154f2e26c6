"""The whole loop once, through the real services: a student fails Mathematics, the dean's office plans
paid re-study, enrols them, confirms the payment, schedules the control and generates its statement, the
examiner grades it, the record passes from re-study and the plan item is cleared."""

import datetime as dt

from hemis.grading.enums import ClearingWay, PlanItemStatus, RecordStatus, SessionKind
from hemis.grading.models import AcademicRecord, PlanItem, StatementLine
from hemis.grading.services import plans, restudy
from hemis.grading.services.records import refresh_records
from hemis.grading.services.statements import enter_grades
from hemis.schedule.enums import ControlKind
from hemis.testing.grading import make_statement
from hemis.testing.grading_records import new_group, new_period

D = dt.date


def test_restudy_grades_clear_the_debt(grading, dean_chemistry):
    w = grading.world
    s = grading.students()[0]
    make_statement(w, control_kind=ControlKind.CURRENT, students=[s], points={s: 20})
    make_statement(w, control_kind=ControlKind.MIDTERM, students=[s], points={s: 15})
    make_statement(w, control_kind=ControlKind.FINAL, students=[s], points={s: 10})
    refresh_records(student_ids=[s.pk], today=D(2027, 6, 10))
    failed = AcademicRecord.objects.get(student=s)
    assert (failed.status, failed.total_points) == (RecordStatus.FAILED, 45)

    [item] = plans.create_plan(
        student=s,
        actor=dean_chemistry,
        due_date=D(2027, 8, 31),
        way_by_subject={grading.math_cs.pk: ClearingWay.RESTUDY},
        today=D(2027, 6, 10),
    )
    period = new_period(grading, dean_chemistry, start=D(2027, 7, 1), end=D(2027, 8, 15), name="Yozgi 2027")
    group = new_group(grading, period, dean_chemistry)
    enrolment = restudy.enrol_student(group=group, student=s, actor=dean_chemistry)
    restudy.confirm_payment(
        enrolment=enrolment, paid_on=D(2027, 7, 2), actor=dean_chemistry, today=D(2027, 7, 2)
    )
    restudy.add_session(
        group=group,
        kind=SessionKind.CONTROL,
        control_kind=ControlKind.FINAL,
        date=D(2027, 8, 10),
        start_time=dt.time(9),
        end_time=dt.time(10, 20),
        room=w.room204,
        actor=dean_chemistry,
    )
    statement = restudy.generate_restudy_statement(
        group=group, control_kind=ControlKind.FINAL, actor=dean_chemistry
    )

    line = StatementLine.objects.get(statement=statement)
    changed = enter_grades(
        statement=statement,
        grades={s.pk: 41},
        versions={s.pk: line.version},
        actor=grading.karimov_user,
        today=D(2027, 8, 10),
    )
    assert changed == 1
    passed = AcademicRecord.objects.get(student=s)
    assert (passed.status, passed.total_points, passed.score, passed.from_restudy) == (
        RecordStatus.PASSED,
        76,
        76,
        True,
    )
    # The grade entry cleared the plan item the same day.
    item = PlanItem.objects.get(pk=item.pk)
    assert (item.status, item.cleared_on) == (PlanItemStatus.CLEARED, D(2027, 8, 10))
