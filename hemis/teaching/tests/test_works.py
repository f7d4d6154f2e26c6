"""Teachers' methodological and research works: entered by the teacher, approved or returned by the head
of the teacher's department — never by the person who entered the work or its author."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hemis.audit.models import AuditEvent
from hemis.staff.enums import EmploymentForm
from hemis.teaching.enums import WorkKind, WorkStatus
from hemis.teaching.models import Work
from hemis.teaching.services import works as svc
from hemis.testing import factories as f
from hemis.testing.schedule import with_login

D = dt.date
METHODOLOGICAL, RESEARCH = WorkKind.METHODOLOGICAL, WorkKind.RESEARCH


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def teacher(uni):
    """Karimov, a teacher of the inorganic chemistry department with a login of his own."""
    employee = f.EmployeeFactory(last_name="Karimov", first_name="Anvar", patronymic="")
    f.appoint(employee, uni["inorganic"])
    with_login(employee, "karimov")
    return employee


@pytest.fixture
def head(uni):
    user = f.UserFactory(username="head_inorg", first_name="Hamid", last_name="Olimov")
    f.grant(user, "head", uni["inorganic"])
    return user


def upload(name: str = "manual.pdf", size: int | None = None) -> SimpleUploadedFile:
    file = SimpleUploadedFile(name, b"%PDF-1.4 content", content_type="application/octet-stream")
    if size is not None:
        file.size = size  # as large as the upload handler measured it, without holding that many bytes
    return file


def refusal(call, **kwargs) -> dict:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


def submit(teacher, **changes) -> Work:
    fields = {
        "teacher": teacher,
        "kind": METHODOLOGICAL,
        "title": "Noorganik kimyo boʻyicha uslubiy qoʻllanma",
        "completed_on": D(2026, 11, 20),
        "description": "  120 pages  ",
        "file": upload(),
        "url": "",
        "actor": teacher.user,
    }
    return svc.submit_work(**(fields | changes))


def state() -> list[tuple]:
    return list(
        Work.objects.order_by("pk").values_list(
            "status", "title", "kind", "completed_on", "reviewed_by", "review_comment", "department"
        )
    )


def events(action: str) -> list[dict]:
    return [e.data for e in AuditEvent.objects.filter(action=action).order_by("pk")]


def test_a_teacher_submits_a_work_for_their_departments_head(teacher, uni):
    work = submit(teacher, url=" https://kutubxona.uz/qollanma ")
    assert (work.status, work.department, work.teacher, work.created_by) == (
        WorkStatus.SUBMITTED,
        uni["inorganic"],
        teacher,
        teacher.user,
    )
    assert (work.title, work.description, work.url) == (
        "Noorganik kimyo boʻyicha uslubiy qoʻllanma",
        "120 pages",
        "https://kutubxona.uz/qollanma",
    )
    assert work.file.name.startswith("teaching/works/") and work.file.name.endswith(".pdf")
    [data] = events("teaching.work.submitted")
    assert data["before"] == {"status": ""}
    assert data["after"] | {"file": ""} == {
        "status": "submitted",
        "kind": "methodological",
        "title": "Noorganik kimyo boʻyicha uslubiy qoʻllanma",
        "completed_on": "2026-11-20",
        "file": "",
        "url": "https://kutubxona.uz/qollanma",
        "teacher": teacher.pk,
        "department": uni["inorganic"].pk,
    }


def test_the_main_place_of_work_is_the_department(teacher, uni):
    second = f.department(uni["econ"], "D-ECO2", "Iqtisodiyot kafedrasi")
    appointment = f.appoint(teacher, second)
    appointment.employment_form = EmploymentForm.INTERNAL_PART_TIME
    appointment.save()
    assert submit(teacher).department == uni["inorganic"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"kind": "poem"}, {"kind": ["Choose the kind of work."]}),
        ({"title": "   "}, {"title": ["Enter the title of the work."]}),
        ({"title": "x" * 501}, {"title": ["The title is longer than 500 characters."]}),
        ({"completed_on": None}, {"completed_on": ["Enter the date the work was completed."]}),
        (
            {"completed_on": timezone.localdate() + dt.timedelta(days=1)},
            {"completed_on": ["The completion date cannot be in the future."]},
        ),
        (
            {"file": upload("manual.exe")},
            {"file": ["Upload a file of one of these types: pdf, doc, docx, zip."]},
        ),
        ({"file": upload(size=20 * 1024 * 1024 + 1)}, {"file": ["The file is larger than 20 MB."]}),
        ({"url": "ftp://kutubxona.uz"}, {"url": ["Enter a link that starts with http:// or https://."]}),
    ],
)
def test_a_refused_work_is_not_entered(teacher, changes, expected):
    assert refusal(submit, teacher=teacher, **changes) == expected
    assert state() == []
    assert events("teaching.work.submitted") == []


def test_a_file_of_20_mb_is_accepted(teacher):
    assert submit(teacher, file=upload("manual.docx", size=20 * 1024 * 1024)).status == WorkStatus.SUBMITTED


def test_a_teacher_without_a_department_cannot_submit(uni):
    teacher = f.EmployeeFactory(last_name="Toshev", first_name="Ilhom", patronymic="")
    f.appoint(teacher, uni["chem"])  # the faculty's office, not a department
    with_login(teacher, "toshev")
    assert refusal(submit, teacher=teacher) == {
        "teacher": [
            "Toshev I. holds no current appointment in a department; the work has no head to approve it."
        ]
    }
    assert state() == []


def test_the_head_approves_a_submitted_work(teacher, head):
    work = submit(teacher)
    approved = svc.approve_work(work=work, comment=" Good ", actor=head)
    work.refresh_from_db()
    assert (work.status, work.reviewed_by, work.review_comment) == (WorkStatus.APPROVED, head, "Good")
    assert work.reviewed_at is not None and approved.pk == work.pk
    [event] = AuditEvent.objects.filter(action="teaching.work.approved")
    assert (event.actor_id, event.target_id) == (head.pk, str(work.pk))
    assert event.data == {
        "before": {"status": "submitted"},
        "after": {"status": "approved", "comment": "Good"},
    }


def test_the_head_returns_a_work_with_a_comment(teacher, head):
    work = submit(teacher)
    svc.return_work(work=work, comment="Add the list of references.", actor=head)
    work.refresh_from_db()
    assert (work.status, work.review_comment) == (WorkStatus.RETURNED, "Add the list of references.")
    assert events("teaching.work.returned") == [
        {
            "before": {"status": "submitted"},
            "after": {"status": "returned", "comment": "Add the list of references."},
        }
    ]


def test_a_return_needs_a_comment(teacher, head):
    work = submit(teacher)
    before = state()
    assert refusal(svc.return_work, work=work, comment="  ", actor=head) == {
        "comment": ["Say why the work is returned."]
    }
    assert state() == before
    assert events("teaching.work.returned") == []


def test_the_person_who_entered_a_work_cannot_approve_it(teacher, head, uni):
    work = submit(teacher, actor=head)  # the head typed it in for the teacher
    before = state()
    message = {"comment": ["You entered this work or are its author: another person must review it."]}
    assert refusal(svc.approve_work, work=work, comment="", actor=head) == message
    assert refusal(svc.return_work, work=work, comment="No", actor=head) == message
    assert refusal(svc.approve_work, work=work, comment="", actor=teacher.user) == message  # its author
    assert state() == before
    assert events("teaching.work.approved") == [] and events("teaching.work.returned") == []


def test_only_a_submitted_work_is_approved_or_returned(teacher, head):
    work = submit(teacher)
    svc.approve_work(work=work, comment="", actor=head)
    before = state()
    message = {"comment": ["Only a work awaiting approval can be approved or returned."]}
    assert refusal(svc.approve_work, work=work, comment="", actor=head) == message
    assert refusal(svc.return_work, work=work, comment="Again", actor=head) == message
    assert state() == before
    assert len(events("teaching.work.approved")) == 1 and events("teaching.work.returned") == []


def test_a_returned_work_is_resubmitted(teacher, head):
    work = submit(teacher)
    old_file = work.file.name
    svc.return_work(work=work, comment="Add the list of references.", actor=head)
    svc.resubmit_work(
        work=work,
        kind=RESEARCH,
        title="Qoʻllanma, 2-nashr",
        completed_on=D(2026, 11, 25),
        description="With references",
        url="https://kutubxona.uz/2",
        actor=teacher.user,
    )
    work.refresh_from_db()
    assert (work.status, work.kind, work.title, work.completed_on, work.file.name, work.url) == (
        WorkStatus.SUBMITTED,
        RESEARCH,
        "Qoʻllanma, 2-nashr",
        D(2026, 11, 25),
        old_file,
        "https://kutubxona.uz/2",
    )
    assert (work.reviewed_by, work.reviewed_at, work.review_comment) == (None, None, "")
    [data] = events("teaching.work.resubmitted")
    assert (data["before"]["status"], data["after"]["status"]) == ("returned", "submitted")
    assert (data["before"]["title"], data["after"]["title"]) == (
        "Noorganik kimyo boʻyicha uslubiy qoʻllanma",
        "Qoʻllanma, 2-nashr",
    )
    svc.approve_work(work=work, comment="", actor=head)
    work.refresh_from_db()
    assert work.status == WorkStatus.APPROVED


def test_only_a_returned_work_is_resubmitted_by_its_author(teacher, head, uni):
    work = submit(teacher)
    fields = {"kind": RESEARCH, "title": "New", "completed_on": D(2026, 11, 25), "description": ""}
    before = state()
    assert refusal(svc.resubmit_work, work=work, actor=teacher.user, **fields) == {
        "title": ["Only a returned work can be resubmitted."]
    }
    svc.return_work(work=work, comment="Fix", actor=head)
    before = state()
    colleague = f.UserFactory(username="rahimova")
    assert refusal(svc.resubmit_work, work=work, actor=colleague, **fields) == {
        "title": ["Only the work's author resubmits it."]
    }
    assert refusal(svc.resubmit_work, work=work, actor=teacher.user, **(fields | {"title": ""})) == {
        "title": ["Enter the title of the work."]
    }
    assert state() == before
    assert events("teaching.work.resubmitted") == []
