"""My personal data and its correction requests (annex 13 item 7), the dean's office's correction pages,
and the link out to Unilibrary (item 8)."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hemis.audit.models import AuditEvent
from hemis.core.models import UniversitySettings
from hemis.students.models import DataCorrectionRequest
from hemis.students.services import corrections as services
from hemis.testing import factories as f

DATA = reverse("web:cabinet_personal_data")
ASK = reverse("web:cabinet_correction_request")
LIST = reverse("web:students_corrections")
UNILIBRARY = reverse("web:cabinet_unilibrary")


def text(response) -> str:
    return html.unescape(response.content.decode())


def detail(request) -> str:
    return reverse("web:students_correction", kwargs={"pk": request.pk})


@pytest.fixture
def students(uni):
    """Gulnoza and Malika, two students of one chemistry group; Sardor, an economics student."""
    people = {}
    for key, login, first, group, passport in (
        ("gulnoza", "400251100601", "Gulnoza", uni["chem_group"], "AB1111111"),
        ("malika", "400251100602", "Malika", uni["chem_group"], "AC2222222"),
        ("sardor", "400251100603", "Sardor", uni["econ_group"], "AD3333333"),
    ):
        user = f.UserFactory(username=login, first_name=first)
        people[key] = f.StudentFactory(
            group=group,
            student_id_number=login,
            user=user,
            first_name=first,
            passport=passport,
            email=f"{first.lower()}@example.uz",
            phone="+998901234567",
        )
    return people


def ask(student, field="address", value="Toshkent, Yunusobod 4", comment=""):
    return services.request_correction(
        student=student, field=field, requested_value=value, comment=comment, actor=student.user
    )


def test_student_sees_their_own_data_and_requests_only(client, students):
    mine = ask(students["gulnoza"], "passport", "AB9999999", "Yangi pasport.")
    ask(students["malika"], "passport", "AC8888888", "Malikaning soʻrovi.")
    client.force_login(students["gulnoza"].user)
    page = client.get(DATA)
    body = text(page)
    assert page.status_code == 200
    assert "AB1111111" in body and "400251100601" in body and "KT-11-24" in body
    assert "AC2222222" not in body and "AC8888888" not in body and "Malikaning" not in body
    assert [r.pk for r in page.context["requests"]] == [mine.pk]
    assert 'data-testid="request-correction"' in body


def test_student_sends_a_request_with_a_scan_and_sees_its_answer(
    client, students, dean_chemistry, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(students["gulnoza"].user)
    assert client.get(ASK, {"field": "address"}).context["form"].initial["field"] == "address"
    scan = SimpleUploadedFile("manzil.png", b"\x89PNG scan", content_type="image/png")
    sent = client.post(
        ASK,
        {
            "field": "address",
            "requested_value": "Toshkent, Yunusobod 4",
            "comment": "Koʻchdim.",
            "file": scan,
        },
    )
    assert sent["Location"] == DATA
    request = DataCorrectionRequest.objects.get()
    assert (request.student, request.current_value, request.comment) == (students["gulnoza"], "", "Koʻchdim.")
    own_file = client.get(reverse("web:cabinet_correction_file", kwargs={"pk": request.pk}))
    assert b"".join(own_file.streaming_content) == b"\x89PNG scan"
    services.reject_correction(
        request=request, answer="Propiska boʻyicha manzil kerak.", actor=dean_chemistry
    )
    page = text(client.get(DATA))
    assert "Propiska boʻyicha manzil kerak." in page and "rejected" in page


def test_a_refused_request_shows_the_form_again_and_saves_nothing(client, students):
    client.force_login(students["gulnoza"].user)
    scan = SimpleUploadedFile("manzil.exe", b"MZ", content_type="application/octet-stream")
    page = client.post(
        ASK, {"field": "birth_date", "requested_value": "2005-03-19", "comment": "", "file": scan}
    )
    assert page.status_code == 400
    assert page.context["form"].errors["file"] == [
        "Upload a file of one of these types: pdf, jpg, jpeg, png."
    ]
    page = client.post(ASK, {"field": "birth_date", "requested_value": "2005-03-19", "comment": ""})
    assert page.context["form"].errors["requested_value"] == ["Enter the date as DD.MM.YYYY."]
    assert not DataCorrectionRequest.objects.exists()


def test_another_students_scan_is_not_found(client, students, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    scan = SimpleUploadedFile("p.pdf", b"%PDF", content_type="application/pdf")
    theirs = services.request_correction(
        student=students["malika"],
        field="passport",
        requested_value="AC8888888",
        comment="",
        file=scan,
        actor=students["malika"].user,
    )
    client.force_login(students["gulnoza"].user)
    assert client.get(reverse("web:cabinet_correction_file", kwargs={"pk": theirs.pk})).status_code == 404
    assert client.get(detail(theirs)).status_code == 403


def test_staff_do_not_reach_the_students_pages(client, dean_chemistry):
    client.force_login(dean_chemistry)
    nav = [item["url"] for item in client.get(LIST).context["nav_items"]]
    assert LIST in nav and DATA not in nav and UNILIBRARY not in nav
    assert client.get(DATA).status_code == 403
    assert client.get(ASK).status_code == 403
    assert client.get(UNILIBRARY).status_code == 403


def test_dean_lists_the_faculty_requests_open_first(client, students, dean_chemistry):
    decided = ask(students["gulnoza"], "passport", "AB9999999")
    services.reject_correction(request=decided, answer="Yoʻq.", actor=dean_chemistry)
    first_open = ask(students["malika"])
    second_open = ask(students["gulnoza"], "patronymic", "Baxtiyorovna")
    econ = ask(students["sardor"])
    client.force_login(dean_chemistry)
    page = client.get(LIST)
    assert [r.pk for r in page.context["page"]] == [second_open.pk, first_open.pk, decided.pk]
    assert econ.pk not in [r.pk for r in page.context["page"]]
    assert [r.pk for r in client.get(LIST, {"status": "rejected"}).context["page"]] == [decided.pk]
    assert [r.pk for r in client.get(LIST, {"field": "patronymic"}).context["page"]] == [second_open.pk]
    assert [r.pk for r in client.get(LIST, {"q": "Malika"}).context["page"]] == [first_open.pk]
    assert 'class="table-wrap"' in page.content.decode()


def test_dean_of_another_faculty_gets_not_found(client, students, dean_economics):
    request = ask(students["gulnoza"])
    client.force_login(dean_economics)
    assert [r.pk for r in client.get(LIST).context["page"]] == []
    assert client.get(detail(request)).status_code == 404
    assert client.post(detail(request), {"decision": "apply", "answer": ""}).status_code == 404
    request.refresh_from_db()
    students["gulnoza"].refresh_from_db()
    assert (request.status, students["gulnoza"].address) == ("open", "")
    assert not AuditEvent.objects.filter(action__startswith="students.correction.applied").exists()


def test_dean_applies_a_request_and_the_student_record_changes(client, students, dean_chemistry):
    request = ask(students["gulnoza"], "patronymic", "Baxtiyorovna")
    client.force_login(dean_chemistry)
    page = client.get(detail(request))
    assert 'data-testid="decision-form"' in page.content.decode()
    done = client.post(detail(request), {"decision": "apply", "answer": "Tuzatildi."})
    assert done["Location"] == detail(request)
    students["gulnoza"].refresh_from_db()
    request.refresh_from_db()
    assert students["gulnoza"].patronymic == "Baxtiyorovna"
    assert (request.status, request.answer, request.decided_by) == ("applied", "Tuzatildi.", dean_chemistry)
    assert 'data-testid="decision-form"' not in client.get(detail(request)).content.decode()


def test_dean_rejects_only_with_an_answer(client, students, dean_chemistry):
    request = ask(students["gulnoza"])
    client.force_login(dean_chemistry)
    page = client.post(detail(request), {"decision": "reject", "answer": ""})
    assert page.status_code == 400
    assert page.context["form"].errors["answer"] == ["Say why the request is rejected."]
    request.refresh_from_db()
    assert request.status == "open"
    client.post(detail(request), {"decision": "reject", "answer": "Hujjat yoʻq."})
    request.refresh_from_db()
    assert (request.status, request.answer) == ("rejected", "Hujjat yoʻq.")


def test_a_student_cannot_decide_their_own_request(client, students):
    request = ask(students["gulnoza"])
    client.force_login(students["gulnoza"].user)
    assert client.post(detail(request), {"decision": "apply"}).status_code == 403
    assert client.get(LIST).status_code == 403
    request.refresh_from_db()
    assert request.status == "open"


def _list_queries(client, count: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(LIST)
    assert len(page.context["page"]) == count
    return len(queries)


def test_the_dean_list_costs_the_same_queries_for_one_and_three_requests(
    client, uni, students, dean_chemistry
):
    client.force_login(dean_chemistry)
    decided = ask(students["gulnoza"])
    services.reject_correction(request=decided, answer="Yoʻq.", actor=dean_chemistry)
    one = _list_queries(client, 1)
    extra = f.StudentFactory(group=f.GroupFactory(faculty=uni["chem"], name="KT-12-24"), user=f.UserFactory())
    ask(extra)
    services.apply_correction(request=ask(students["malika"], "patronymic", "Olimovna"), actor=dean_chemistry)
    assert _list_queries(client, 3) == one


def test_unilibrary_page_links_out_in_a_new_tab(client, students, superadmin):
    UniversitySettings.current()
    client.force_login(students["gulnoza"].user)
    page = text(client.get(UNILIBRARY))
    assert 'href="https://unilibrary.uz" target="_blank" rel="noopener noreferrer"' in page
    nav = [item["url"] for item in client.get(DATA).context["nav_items"]]
    assert UNILIBRARY in nav and DATA in nav
    UniversitySettings.objects.update(unilibrary_url="https://kutubxona.example.uz/unilibrary")
    page = text(client.get(UNILIBRARY))
    assert 'href="https://kutubxona.example.uz/unilibrary"' in page
