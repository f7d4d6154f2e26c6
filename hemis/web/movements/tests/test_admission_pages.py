"""Admission pages: the list of admission orders, an order and its people, adding one by one or from
Excel, applying, and what a dean of another faculty cannot do."""

import html
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from hemis.audit.models import AuditEvent
from hemis.movements import admission
from hemis.movements.enums import OrderKind, OrderStatus
from hemis.movements.models import Order, OrderItem
from hemis.movements.tests.test_admission import ORDER_DATE, draft_order, person
from hemis.students.models import Student, StudentStatus
from hemis.testing import factories as f

HEADER = [
    "Familiya",
    "Ism",
    "JSHSHIR",
    "Tugʻilgan sana",
    "Talaba ID raqami",
    "Yoʻnalish kodi",
    "Toʻlov shakli kodi",
]


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["hemis_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def programme(uni):
    return uni["chem_group"].programme


@pytest.fixture
def dean_client(client, dean_chemistry):
    client.force_login(dean_chemistry)
    return client


@pytest.fixture
def econ_dean_client(client, uni):
    user = f.UserFactory(username="dean_econ")
    f.grant(user, "dean", uni["econ"])
    client.force_login(user)
    return client


def text(response) -> str:
    return html.unescape(response.content.decode())


def xlsx(rows, header=HEADER) -> SimpleUploadedFile:
    wb = Workbook()
    wb.active.append(header)
    for row in rows:
        wb.active.append(row)
    buffer = BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("qabul.xlsx", buffer.getvalue())


def file_row(n: int, code: str, **overrides) -> list:
    values = {"last": "Karimova", "first": f"Madina{n}", "pinfl": f"5010120070{n:04d}", "birth": "15.03.2007"}
    values |= {"sid": f"40025120{n:04d}", "code": code, "pay": "12"}
    return list((values | overrides).values())


def add_person(order, n: int, programme) -> OrderItem:
    data = person(
        programme, pinfl=f"5010120070{n:04d}", student_id_number=f"40025120{n:04d}", first_name=f"Ali{n}"
    )
    return OrderItem.objects.create(
        order=order, admission_data=admission.clean_admission_data(data, order=order)
    )


def form_data(programme, **overrides) -> dict:
    data = person(programme, course=1, citizenship="11", social_category="10") | overrides
    return {k: v for k, v in data.items() if v is not None}


# --- list -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_list_shows_the_faculty_admission_orders_in_constant_queries(
    dean_client, uni, programme, django_assert_num_queries, count
):
    for n in range(count):
        add_person(draft_order(uni["chem"], number=f"{n + 1}-Q"), n, programme)
    draft_order(uni["econ"], number="77-Q")  # another faculty's
    Order.objects.create(kind=OrderKind.EXPULSION, number="9-Q", date=ORDER_DATE, faculty=uni["chem"])
    with django_assert_num_queries(7):
        response = dean_client.get(reverse("web:admission_list"))
    rows = [(o.number, o.people) for o in response.context["page"]]
    assert sorted(rows) == sorted((f"{n + 1}-Q", 1) for n in range(count))
    assert "77-Q" not in text(response)
    assert "New admission order" in text(response)


def test_export_lists_the_visible_admission_orders_and_is_audited(dean_client, uni, programme):
    add_person(draft_order(uni["chem"], number="15-Q"), 1, programme)
    draft_order(uni["econ"], number="77-Q")
    response = dean_client.get(reverse("web:admission_export"))
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Order number", "Order date", "Faculty", "Title", "Admitted", "Status", "Applied at")
    assert [(r[0], r[2], r[4], r[5]) for r in values[1:]] == [
        ("15-Q", "Kimyo texnologiyasi fakulteti", 1, "Prepared")
    ]
    assert AuditEvent.objects.get(action="movements.order.exported").data["rows"] == 1


def test_nav_has_admission_for_the_dean(dean_client):
    response = dean_client.get(reverse("web:admission_list"))
    (item,) = [i for i in response.context["nav_items"] if str(i["title"]) == "Admission"]
    assert (item["url"], item["active"], str(item["section"])) == ("/admission/", True, "Students")


# --- a new order and one person --------------------------------------------------------------------


def test_dean_prepares_an_admission_order_of_own_faculty_only(dean_client, uni):
    url = reverse("web:admission_create")
    response = dean_client.post(url, {"number": "15-Q", "date": "20.08.2025", "faculty": uni["econ"].pk})
    assert response.status_code == 400
    assert response.context["form"].errors["faculty"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert Order.objects.count() == 0
    response = dean_client.post(url, {"number": "15-Q", "date": "20.08.2025", "faculty": uni["chem"].pk})
    order = Order.objects.get()
    assert response.url == reverse("web:admission_order", args=[order.pk])
    assert (order.kind, order.number, order.faculty, order.status) == (
        OrderKind.ADMISSION,
        "15-Q",
        uni["chem"],
        OrderStatus.DRAFT,
    )


def test_individual_admission_then_apply_creates_the_student(dean_client, dean_chemistry, uni, programme):
    group = f.GroupFactory(faculty=uni["chem"], programme=programme, course=1, name="KT-01-25")
    order = draft_order(uni["chem"])
    response = dean_client.post(
        reverse("web:admission_add", args=[order.pk]), form_data(programme, target_group=group.pk)
    )
    assert response.url == reverse("web:admission_order", args=[order.pk])
    item = order.items.get()
    assert (item.admission_data["student_id_number"], item.target_group) == ("400251200001", group)

    page = dean_client.get(reverse("web:admission_order", args=[order.pk]))
    assert [r["name"] for r in page.context["rows"]] == ["Toshmatov Jasur Baxtiyor oʻgʻli"]
    assert page.context["can_apply"] is True

    response = dean_client.post(reverse("web:orders_apply", args=[order.pk]))
    order.refresh_from_db()
    assert order.status == OrderStatus.APPLIED
    student = Student.objects.get(student_id_number="400251200001")
    assert (student.status, student.faculty, student.group, student.created_by) == (
        StudentStatus.STUDYING,
        uni["chem"],
        group,
        dean_chemistry,
    )
    assert list(student.order_items.values_list("order_id", flat=True)) == [order.pk]
    page = dean_client.get(reverse("web:admission_order", args=[order.pk]))
    assert page.context["can_edit"] is False
    assert page.context["rows"][0]["item"].student == student


def test_individual_admission_refuses_bad_data_on_the_fields(dean_client, uni, programme, student_in_group):
    order = draft_order(uni["chem"])
    bad = form_data(programme, pinfl="123", student_id_number=student_in_group.student_id_number, course=6)
    response = dean_client.post(reverse("web:admission_add", args=[order.pk]), bad)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["pinfl"] == ["PINFL must be exactly 14 digits."]
    assert errors["course"] == ["The course must be from 1 to 4."]
    assert order.items.count() == 0
    bad = form_data(programme, student_id_number=student_in_group.student_id_number)
    response = dean_client.post(reverse("web:admission_add", args=[order.pk]), bad)
    assert response.context["form"].errors["student_id_number"] == [
        "A student with this student ID already exists."
    ]
    assert order.items.count() == 0


def test_remove_a_person(dean_client, uni, programme):
    order = draft_order(uni["chem"])
    item = add_person(order, 1, programme)
    response = dean_client.post(reverse("web:admission_remove", args=[order.pk, item.pk]))
    assert response.url == reverse("web:admission_order", args=[order.pk])
    assert order.items.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_order_page_queries_are_constant(dean_client, uni, programme, django_assert_num_queries, count):
    order = draft_order(uni["chem"])
    for n in range(count):
        add_person(order, n, programme)
    with django_assert_num_queries(8):
        response = dean_client.get(reverse("web:admission_order", args=[order.pk]))
    assert len(response.context["rows"]) == count
    assert response.context["rows"][0]["programme"] == programme


# --- Excel ------------------------------------------------------------------------------------------


def test_import_a_new_order_from_a_good_file(dean_client, uni, programme):
    upload = xlsx([file_row(1, programme.code), file_row(2, programme.code)])
    data = {"number": "15-Q", "date": "20.08.2025", "faculty": uni["chem"].pk, "file": upload}
    response = dean_client.post(reverse("web:admission_import_new"), data)
    order = Order.objects.get()
    assert response.url == reverse("web:admission_order", args=[order.pk])
    assert [i.admission_data["first_name"] for i in order.items.order_by("pk")] == ["Madina1", "Madina2"]


def test_import_a_bad_file_reports_every_row_and_imports_nothing(
    dean_client, uni, programme, student_in_group
):
    order = draft_order(uni["chem"])
    upload = xlsx(
        [
            file_row(1, programme.code),
            file_row(2, programme.code, sid="400251200001"),
            file_row(3, programme.code, sid=student_in_group.student_id_number),
        ]
    )
    response = dean_client.post(reverse("web:admission_import", args=[order.pk]), {"file": upload})
    assert response.status_code == 400
    assert [(e.row, e.column_label, e.message) for e in response.context["errors"]] == [
        (3, "Student ID", "The same value is in row 2."),
        (4, "Student ID", "A student with this student ID already exists."),
    ]
    assert "Nothing was imported: 2 rows have errors." in text(response)
    assert order.items.count() == 0


def test_template_download(dean_client, programme):
    response = dean_client.get(reverse("web:admission_template"))
    assert response["Content-Disposition"] == 'attachment; filename="admission-import-template.xlsx"'
    values = list(load_workbook(BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert values[0][0] == "Last name"
    assert values[1][11] == programme.code


# --- leaks ------------------------------------------------------------------------------------------


def test_dean_of_economics_can_neither_see_nor_change_chemistry_admission(econ_dean_client, uni, programme):
    order = draft_order(uni["chem"])
    item = add_person(order, 1, programme)
    assert econ_dean_client.get(reverse("web:admission_list")).context["page"].paginator.count == 0
    for name, args in (
        ("admission_order", [order.pk]),
        ("admission_add", [order.pk]),
        ("admission_import", [order.pk]),
    ):
        assert econ_dean_client.get(reverse(f"web:{name}", args=args)).status_code == 404
    assert (
        econ_dean_client.post(reverse("web:admission_add", args=[order.pk]), form_data(programme)).status_code
        == 404
    )
    upload = xlsx([file_row(2, programme.code)])
    assert (
        econ_dean_client.post(reverse("web:admission_import", args=[order.pk]), {"file": upload}).status_code
        == 404
    )
    assert econ_dean_client.post(reverse("web:admission_remove", args=[order.pk, item.pk])).status_code == 404
    assert econ_dean_client.post(reverse("web:orders_apply", args=[order.pk])).status_code == 404
    order.refresh_from_db()
    assert (order.status, list(order.items.values_list("pk", flat=True))) == (OrderStatus.DRAFT, [item.pk])
    assert Student.objects.filter(student_id_number="400251200001").exists() is False


def test_management_reads_but_cannot_add(client, rector, uni, programme):
    order = draft_order(uni["chem"])
    client.force_login(rector)
    page = client.get(reverse("web:admission_order", args=[order.pk]))
    assert (page.context["can_edit"], page.context["can_apply"]) == (False, False)
    assert client.post(reverse("web:admission_add", args=[order.pk]), form_data(programme)).status_code == 403
    assert order.items.count() == 0
