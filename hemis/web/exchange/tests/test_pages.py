"""The exchange pages: the sync status page (super administrator, ICT, management; others refused) with
per-kind counts, the transport, the failures, "Sync now" as a background job and the retry of failed
items; the PINFL correction requests (super administrator only): flag, letter, sent, corrected. Query
counts equal at 1 and 3 rows."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from hemis.audit.models import AuditEvent
from hemis.exchange import services, transports
from hemis.exchange.enums import CorrectionStatus, SyncStatus
from hemis.exchange.models import PinflCorrection, SyncItem
from hemis.jobs.models import Job, JobStatus
from hemis.testing import factories as f

STATUS = reverse("web:exchange_status")
SYNC = reverse("web:exchange_sync")
RETRY = reverse("web:exchange_retry")
PINFL = reverse("web:exchange_pinfl")
# The session, the user, the role grants, the principal's facts and the languages besides the page's own.
STATUS_QUERIES = 5 + 3  # the counts per kind, the states per kind, the latest failures
PINFL_QUERIES = 5 + 1  # the requests with their counts


class Refused(transports.FileTransport):
    def send(self, *, kind, batch, records):
        raise transports.TransportError("the registry answered HTTP 503")


def cells(page: str, testid: str) -> list[str]:
    return re.findall(rf'data-testid="{testid}">([^<]*)<', page)


def kind_row(page: str, kind: str) -> str:
    return re.search(rf'<tr data-testid="kind-{kind}">(.*?)</tr>', page, re.S).group(1)


def test_the_super_administrator_sees_the_counts_errors_and_transport_and_retries(client, uni, superadmin):
    f.StudentFactory(group=uni["chem_group"])
    services.collect()
    services.push(transport=Refused())  # every batch fails once
    client.force_login(superadmin)
    page = client.get(STATUS).content.decode()
    assert cells(kind_row(page, "departments"), "failed") == ["4"]
    assert cells(kind_row(page, "students"), "failed") == ["1"]
    assert cells(kind_row(page, "students"), "pending") == ["0"]
    assert "the registry answered HTTP 503" in kind_row(page, "students")
    for kind in ("blanks", "contracts_report", "graduate_employment"):
        assert cells(kind_row(page, kind), "not-kept") == ["not kept yet"]
    assert cells(page, "transport")[0].startswith("file: ")
    assert len(re.findall('data-testid="failure"', page)) == 4 + 1 + 2  # departments, student, groups
    assert 'data-testid="sync-now"' in page and 'data-testid="retry"' in page
    response = client.post(RETRY, {"kind": "students"})
    assert response.status_code == 302
    assert SyncItem.objects.get(kind="students").status == SyncStatus.PENDING
    assert SyncItem.objects.filter(kind="departments", status=SyncStatus.FAILED).count() == 4
    assert AuditEvent.objects.get(action="exchange.sync.retried").data == {"kind": "students", "items": 1}
    client.post(RETRY)
    assert not SyncItem.objects.filter(status=SyncStatus.FAILED).exists()
    assert client.post(RETRY, {"kind": "nonsense"}).status_code == 302
    assert not SyncItem.objects.filter(status=SyncStatus.FAILED).exists()


def test_sync_now_runs_the_job_and_lands_on_its_progress_page(
    client, uni, superadmin, settings, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(superadmin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SYNC)
    job = Job.objects.get()
    assert response["Location"] == reverse("web:job", kwargs={"pk": job.pk})
    assert (job.name, job.status, job.started_by) == ("exchange.sync", JobStatus.SUCCEEDED, superadmin)
    assert job.result["queued"]["departments"] == 4 and job.result["sent"] == 4 + 2
    assert not SyncItem.objects.exclude(status=SyncStatus.SENT).exists()
    files = list((tmp_path / "exchange" / "outbox").iterdir())
    assert len(files) == 2  # the departments, the groups
    page = client.get(STATUS).content.decode()
    assert cells(kind_row(page, "departments"), "sent") == ["4"]
    assert cells(kind_row(page, "departments"), "last-success") != ["—"]


@pytest.mark.parametrize("who", ["ict", "rector"])
def test_ict_and_management_read_the_status_but_change_nothing(client, uni, who, request):
    user = request.getfixturevalue(who)
    client.force_login(user)
    page = client.get(STATUS)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="sync-now"' not in html and "PINFL correction requests" not in html
    assert 'data-testid="kind-students"' in html
    assert client.post(SYNC).status_code == 403
    assert client.post(RETRY).status_code == 403
    assert client.get(PINFL).status_code == 403
    assert not Job.objects.exists()


def test_others_are_refused(client, dean_chemistry, outsider):
    for user in (dean_chemistry, outsider):
        client.force_login(user)
        assert client.get(STATUS).status_code == 403
        assert client.get(PINFL).status_code == 403
    client.logout()
    assert client.get(STATUS).status_code == 302  # to the log-in


@pytest.mark.parametrize("n", [1, 3])
def test_query_counts_do_not_grow_with_rows(client, uni, superadmin, n, django_assert_num_queries):
    for i in range(n):
        f.faculty(f"F-X{i}", f"Fakultet {i}")
    services.collect()
    services.push(transport=Refused())
    for i in range(n):
        other = f.StudentFactory(group=uni["chem_group"])
        services.flag_pinfl(student=other, correct_value=f"3000000000000{i}", reason="Xato", actor=superadmin)
        if i < n - 1:
            request = PinflCorrection.objects.get(status=CorrectionStatus.DRAFT)
            services.send_request(
                request=request,
                signatory_name="A",
                signatory_position="B",
                sent_on=dt.date(2026, 11, 2),
                actor=None,
            )
    client.force_login(superadmin)
    client.get(STATUS)  # the session and the principal settle
    with django_assert_num_queries(STATUS_QUERIES):
        assert client.get(STATUS).status_code == 200
    with django_assert_num_queries(PINFL_QUERIES):
        page = client.get(PINFL)
    assert len(re.findall('data-testid="request"', page.content.decode())) == n


def test_the_super_administrator_flags_sends_and_sees_the_request_corrected(
    client, uni, student_in_group, superadmin
):
    client.force_login(superadmin)
    wrong = student_in_group.pinfl
    # A PINFL no record carries is refused on its field, nothing changes.
    response = client.post(
        PINFL,
        {
            "person_kind": "student",
            "current_pinfl": "99999999999999",
            "correct_value": "31234567890123",
            "reason": "Xato",
        },
    )
    assert (
        response.status_code == 400
        and "No record of this kind carries this PINFL." in response.content.decode()
    )
    response = client.post(
        PINFL, {"person_kind": "student", "current_pinfl": wrong, "correct_value": "123", "reason": "Xato"}
    )
    assert response.status_code == 400 and "PINFL must be exactly 14 digits." in response.content.decode()
    assert not PinflCorrection.objects.exists()
    response = client.post(
        PINFL,
        {
            "person_kind": "student",
            "current_pinfl": wrong,
            "correct_value": "31234567890123",
            "reason": "Pasport",
        },
    )
    request = PinflCorrection.objects.get()
    detail = reverse("web:exchange_pinfl_request", kwargs={"pk": request.pk})
    assert response["Location"] == detail
    page = client.get(detail).content.decode()
    assert cells(page, "wrong") == [wrong] and cells(page, "correct") == ["31234567890123"]
    assert cells(page, "name") == ["Oʻrinboyeva Gulnoza"]
    letter = client.get(reverse("web:exchange_pinfl_letter", kwargs={"pk": request.pk}))
    assert letter["Content-Type"] == "application/pdf"
    text = PdfReader(__import__("io").BytesIO(letter.content)).pages[0].extract_text()
    assert "Oʻrinboyeva Gulnoza" in text and "31234567890123" in text
    response = client.post(
        detail, {"signatory_name": "", "signatory_position": "Rektor", "sent_on": "02.11.2026"}
    )
    assert response.status_code == 400
    response = client.post(
        detail, {"signatory_name": "A. Qodirov", "signatory_position": "Rektor", "sent_on": "02.11.2026"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.sent_on, request.sent_by) == (
        CorrectionStatus.SENT,
        dt.date(2026, 11, 2),
        superadmin,
    )
    check = reverse("web:exchange_pinfl_check", kwargs={"pk": request.pk})
    client.post(check)
    request.refresh_from_db()
    assert request.status == CorrectionStatus.SENT  # the record still carries the wrong PINFL
    student_in_group.pinfl = "31234567890123"
    student_in_group.save()
    client.post(check)
    request.refresh_from_db()
    assert request.status == CorrectionStatus.CORRECTED
    assert cells(client.get(detail).content.decode(), "status") == ["Corrected"]


def test_a_line_is_removed_from_a_draft_only(client, uni, student_in_group, superadmin, ict):
    line = services.flag_pinfl(
        student=student_in_group, correct_value="31234567890123", reason="Xato", actor=None
    )
    remove = reverse("web:exchange_pinfl_line_remove", kwargs={"pk": line.pk})
    client.force_login(ict)
    assert client.post(remove).status_code == 404  # not the ICT department's to see
    client.force_login(superadmin)
    assert client.post(remove).status_code == 302
    assert not line.request.lines.exists()
