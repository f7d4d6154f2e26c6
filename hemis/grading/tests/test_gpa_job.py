"""The whole university's recomputation as a background job: records first, then the GPA; audited;
one at a time."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hemis.audit.models import AuditEvent
from hemis.grading.models import AcademicRecord, Gpa
from hemis.grading.services.gpa import start_gpa_recomputation
from hemis.jobs.models import Job, JobStatus
from hemis.schedule.enums import ControlKind
from hemis.testing.grading import make_statement


def test_the_job_refreshes_the_records_then_the_gpa(grading, academic, django_capture_on_commit_callbacks):
    w = grading.world
    a, b = grading.students()[:2]
    make_statement(w, control_kind=ControlKind.CURRENT, points={a: 30, b: 20})
    make_statement(
        w, control_kind=ControlKind.FINAL, control_date=dt.date(2026, 12, 1), points={a: 50, b: 10}
    )
    assert not AcademicRecord.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        job = start_gpa_recomputation(actor=academic)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert (job.done, job.total) == (3, 3)
    # 12 records (10 missing: the control is past), GPA of a (80 → 4) and b (30 → 2): a year's row and a cumulative
    assert job.result == {
        "records": 12,
        "plan_items_cleared": 0,
        "years": 2,
        "cumulative": 2,
        "method": "credit_weighted",
    }
    assert Gpa.objects.get(student=a, academic_year=w.year).gpa == Decimal("4.0")
    assert Gpa.objects.get(student=b, academic_year=None).gpa == Decimal("2.0")
    event = AuditEvent.objects.get(action="grading.gpa.recompute")
    assert event.actor == academic and event.target_id == str(job.pk)


def test_a_second_recomputation_waits_for_the_first(grading, academic):
    first = start_gpa_recomputation(actor=academic)  # queued: the callbacks are not run
    with pytest.raises(ValidationError) as refused:
        start_gpa_recomputation(actor=academic)
    assert "being recomputed already" in str(refused.value)
    assert list(Job.objects.values_list("pk", flat=True)) == [first.pk]
    assert AuditEvent.objects.filter(action="grading.gpa.recompute").count() == 1
