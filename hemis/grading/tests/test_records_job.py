"""The nightly refresh of the academic records (``settings.PERIODIC_JOBS["grading.records"]``): a final
whose grade never came becomes a "missing" debt, and a plan item whose debt has since passed is closed."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from hemis.grading.enums import ClearingWay, PlanItemStatus, RecordStatus
from hemis.grading.models import AcademicRecord, PlanItem
from hemis.grading.services.records import refresh_records
from hemis.jobs.models import JobStatus
from hemis.jobs.scheduler import Scheduler
from hemis.schedule.enums import ControlKind
from hemis.testing.grading import make_statement


def test_the_nightly_run_marks_ungraded_finals_missing_and_closes_cleared_items(
    grading, django_capture_on_commit_callbacks
):
    w = grading.world
    first, second = grading.students()[:2]
    held = timezone.localdate() - dt.timedelta(days=10)
    make_statement(w, control_kind=ControlKind.CURRENT, points={first: 30, second: 30}, control_date=held)
    make_statement(w, control_kind=ControlKind.MIDTERM, points={first: 20, second: 20}, control_date=held)
    make_statement(w, points={second: 40}, control_date=held)  # the first student's final never graded
    refresh_records(today=held)  # on the day of the control: still in progress
    assert AcademicRecord.objects.get(student=first).status == RecordStatus.IN_PROGRESS
    item = PlanItem.objects.create(
        student=second,
        curriculum_subject=grading.math_cs,
        debt=RecordStatus.FAILED,
        way=ClearingWay.RESIT,
        due_date=timezone.localdate(),
    )
    nightly = {"grading.records": settings.PERIODIC_JOBS["grading.records"]}
    tonight = timezone.now().astimezone(ZoneInfo("Asia/Tashkent")).replace(hour=1, minute=35)
    with django_capture_on_commit_callbacks(execute=True):
        (job,) = Scheduler(jobs=nightly).tick(now=tonight)
    job.refresh_from_db()
    assert (job.status, job.result) == (JobStatus.SUCCEEDED, {"records": 12, "plan_items_cleared": 1})
    statuses = dict(
        AcademicRecord.objects.filter(student__in=[first, second]).values_list("student", "status")
    )
    assert statuses == {first.pk: RecordStatus.MISSING, second.pk: RecordStatus.PASSED}  # 30 + 20 + 40 = 90
    item.refresh_from_db()
    assert (item.status, item.cleared_on) == (PlanItemStatus.CLEARED, timezone.localdate())
