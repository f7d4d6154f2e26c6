"""The demo university's grading data (hemis/demo/grading.py): the past semesters' statements with their
lines within the maxima, re-sits, a paid re-study period, individual plans for debts, the records and
GPAs computed — and each case of the annex 7 item 5 and annex 5 items 11–13 evaluators (on time, late,
overdue) present; and the clearance sheets and the diploma (hemis/demo/graduation.py), on the same seeded
demo."""

from collections import Counter
from io import BytesIO

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from hemis.compliance import engine
from hemis.demo.graduation import LIBRARY_DEBT, diploma_student
from hemis.grading.enums import DEBTS, RecordStatus
from hemis.grading.models import (
    AcademicRecord,
    Gpa,
    PlanItem,
    RestudyEnrolment,
    RestudyGroup,
    Statement,
    StatementLine,
)
from hemis.grading.services import gpa
from hemis.graduation import selectors
from hemis.graduation.enums import DecisionKind, LineState
from hemis.graduation.models import ClearanceDecision, ClearanceLine, ClearanceSheet
from hemis.jobs.models import Job, JobStatus
from hemis.schedule.enums import Attempt, ControlKind

ON_TIME, LATE, OVERDUE = "on_time", "late", "overdue"  # the engine's statuses
GRADING = ["annex7.p5", "annex5.p11", "annex5.p12", "annex5.p13"]


def test_each_case_of_each_grading_evaluator_is_on_the_demo(demo):
    results = {r.process.id: r for r in engine.evaluate(process_ids=GRADING)}
    for pid in GRADING:
        seen = Counter(row.status for row in results[pid].rows)
        assert {ON_TIME, LATE, OVERDUE} <= set(seen), (pid, seen)
    statuses = Counter(row.status for row in results["annex7.p5"].rows)  # mostly on time
    assert statuses[ON_TIME] >= 0.8 * sum(statuses.values())


def test_statements_lines_and_grades(current):
    statements = Statement.objects.all()
    assert set(statements.values_list("control_kind", flat=True)) == {
        ControlKind.CURRENT,
        ControlKind.MIDTERM,
        ControlKind.FINAL,
    }
    assert set(statements.values_list("attempt", flat=True)) == {Attempt.FIRST, Attempt.SECOND}
    assert not statements.filter(semester__end_date__gte=current.start_date).exists()  # past semesters only
    lines = StatementLine.objects.all()
    assert not lines.filter(points__gt=F("statement__max_points")).exists()
    assert not lines.filter(barred=True, points__isnull=False).exists()
    assert lines.filter(barred=True).exists()
    assert not lines.filter(barred=True, absent_hours=0).exists()
    # a line has its points when it was graded, and then only, never in the future
    assert not lines.filter(points__isnull=True, graded_at__isnull=False).exists()
    assert not lines.filter(points__isnull=False, graded_at__isnull=True).exists()
    assert not lines.filter(graded_at__gt=timezone.now()).exists()
    # the 2nd statements are of students with a debt after the 1st
    for statement in statements.filter(attempt=Attempt.SECOND)[:20]:
        first = Statement.objects.get(
            group_subject=statement.group_subject, control_kind=ControlKind.FINAL, attempt=Attempt.FIRST
        )
        assert statement.control_date > first.control_date
    # signed off only when every unbarred line has its points
    for statement in statements.filter(signed_at__isnull=False)[:50]:
        assert not statement.lines.filter(barred=False, points__isnull=True).exists()


def test_restudy_students_have_debts_and_paid(demo):
    groups = RestudyGroup.objects.all()
    assert groups.count() >= 3
    enrolments = RestudyEnrolment.objects.all()
    assert enrolments.exists()
    assert not enrolments.filter(paid_on__isnull=True).exists()
    for e in enrolments.select_related("group__period", "curriculum_subject"):
        assert e.fee == e.group.period.fee_per_credit * e.curriculum_subject.credits
        assert e.curriculum_subject.subject_id == e.group.subject_id
    # paid re-study is for the debts the 2nd statements did not give a chance to clear
    resat = set(
        StatementLine.objects.filter(statement__attempt=Attempt.SECOND).values_list(
            "student_id", "curriculum_subject_id"
        )
    )
    assert not set(enrolments.values_list("student_id", "curriculum_subject_id")) & resat
    restudy = Statement.objects.filter(restudy_group__isnull=False)
    assert restudy.exists()
    assert not StatementLine.objects.filter(statement__in=restudy, points__isnull=True).exists()
    assert AcademicRecord.objects.filter(from_restudy=True).exists()


def test_records_gpa_and_plans(demo):
    assert AcademicRecord.objects.filter(status=RecordStatus.PASSED).exists()
    assert AcademicRecord.objects.filter(status__in=DEBTS).exists()
    gpas = Gpa.objects.filter(academic_year__isnull=False)
    assert gpas.exists()
    assert Gpa.objects.filter(academic_year__isnull=True).count() == gpas.values("student").distinct().count()
    student_gpa = gpas.order_by("student_id").first()
    assert 0 <= student_gpa.gpa <= 5
    # every plan item is a debt of its student
    debts = set(
        AcademicRecord.objects.filter(status__in=DEBTS).values_list("student_id", "curriculum_subject_id")
    )
    items = PlanItem.objects.values_list("student_id", "curriculum_subject_id")
    assert items
    assert set(items) <= debts
    jobs = Job.objects.filter(name=gpa.JOB_NAME)
    assert set(jobs.values_list("status", flat=True)) == {JobStatus.SUCCEEDED}
    assert jobs.count() == 2


# --- the clearance sheets and the diploma (hemis/demo/graduation.py): every case of the controlling
# roles' evaluators, a refusal with its reason, one settled and signed, and a diploma that downloads ---


def test_each_case_of_the_clearance_evaluators_is_on_the_demo(demo):
    results = {
        r.process.id: r for r in engine.evaluate(process_ids=["controlling.library", "controlling.dormitory"])
    }
    library = Counter(row.status for row in results["controlling.library"].rows)
    assert {"on_time", "late", "pending", "overdue"} <= set(library), library
    assert results["controlling.dormitory"].rows


def test_sheets_in_every_state(demo):
    assert ClearanceSheet.objects.count() == 8
    refused = ClearanceLine.objects.get(state=LineState.REFUSED)
    assert refused.reason == LIBRARY_DEBT
    kinds = [
        list(ClearanceDecision.objects.filter(line=line).order_by("at", "pk").values_list("kind", flat=True))
        for line in ClearanceLine.objects.filter(unit__code="library")
    ]
    assert [DecisionKind.REFUSED, DecisionKind.SETTLED, DecisionKind.SIGNED] in kinds


def test_the_demo_student_downloads_the_diploma(client, demo):
    student = diploma_student()
    assert selectors.diploma_available(student)
    client.force_login(student.user)
    response = client.get(reverse("web:diploma_supplement_pdf"))
    assert response.status_code == 200
    content = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert student.student_id_number in content and "BD" in content
