"""The daily staff-status refresh as a background job: the same service as the command, with progress."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from hemis.jobs.models import Job, JobStatus
from hemis.jobs.services import Progress, start_job
from hemis.staff import services
from hemis.staff.enums import EmployeeStatus, LabourEventKind
from hemis.staff.models import Employee
from hemis.staff.tasks import TITLE, refresh_staff_statuses
from hemis.staff.tests.conftest import appointment_data
from hemis.testing import factories as f


@pytest.fixture
def back_from_leave(uni, hr):
    """Two employees whose vacations ended yesterday, whose stored status still says "on leave"."""
    today = timezone.localdate()
    employees = []
    for number in ("31-T", "32-T"):
        employee = f.EmployeeFactory()
        services.add_appointment(employee=employee, actor=hr, **appointment_data(uni["inorganic"]))
        services.record_absence(
            employee=employee,
            actor=hr,
            kind=LabourEventKind.VACATION,
            order_number=number,
            order_date=today - dt.timedelta(days=20),
            start_date=today - dt.timedelta(days=14),
            end_date=today - dt.timedelta(days=1),
        )
        employees.append(employee)
    Employee.objects.filter(pk__in=[e.pk for e in employees]).update(status=EmployeeStatus.ON_LEAVE)
    return employees


def test_the_job_refreshes_statuses_and_reports_each_employee(
    back_from_leave, monkeypatch, django_capture_on_commit_callbacks
):
    reports = []
    monkeypatch.setattr(Progress, "report", lambda self, **kw: reports.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(
            task=refresh_staff_statuses,
            name="staff.refresh_statuses",
            title=TITLE,
            view_action="staff.view",
            actor=None,
        )
    job.refresh_from_db()
    assert (job.status, job.result, job.error) == (JobStatus.SUCCEEDED, {"changed": 2}, "")
    assert reports == [{"done": 1, "total": 2}, {"done": 2, "total": 2}]
    assert set(Employee.objects.values_list("status", flat=True)) == {EmployeeStatus.WORKING}


def test_the_command_still_does_the_same_without_a_job(back_from_leave, capsys):
    call_command("refresh_staff_statuses")
    assert capsys.readouterr().out == "2 status(es) changed.\n"
    assert set(Employee.objects.values_list("status", flat=True)) == {EmployeeStatus.WORKING}
    assert not Job.objects.exists()
