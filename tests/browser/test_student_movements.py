"""A dean admits a person by an admission order, puts the new student into a group, sends them on
academic leave and reinstates them, all by orders in a real browser; the student's page then shows
the three orders in its history (issue 5, annex 5 items 5–7)."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from hemis.movements.enums import OrderKind, OrderStatus
from hemis.movements.selectors import student_history
from hemis.students.models import Student, StudentStatus
from hemis.testing import factories as f
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SID, PINFL = "402251100123", "50703076543210"


def uz(msgid: str) -> str:
    with translation.override("uz"):
        return gettext(msgid)


def d(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def menu(page, title: str) -> None:
    with page.expect_navigation():
        page.locator("nav.sidebar").get_by_role("link", name=uz(title), exact=True).click()


def submit(page, form: str) -> None:
    with page.expect_navigation():
        page.click(f"[data-testid={form}] button.btn-primary")


def messages(page) -> list[str]:
    return page.locator(".messages .message").all_inner_texts()


def cells(page, table: str) -> list[list[str]]:
    rows = page.locator(f"[data-testid={table}] tbody tr")
    return [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]


def apply_order(page) -> None:
    with page.expect_navigation():
        page.click("[data-testid=apply]")
    assert page.locator("h1").inner_text().startswith(uz("Apply the order"))
    with page.expect_navigation():
        page.click("[data-testid=confirm-apply]")
    assert messages(page) == [uz("Order applied: the students' records follow it.")]
    facts = page.locator("[data-testid=order-facts] dd .badge").inner_text()
    assert facts == uz("Applied")


def prepare_order(page, faculty_pk: int, kind: str, number: str, day: dt.date) -> None:
    menu(page, "Student orders")
    with page.expect_navigation():
        page.click("[data-testid=add]")
    page.select_option("#id_kind", kind)
    page.fill("#id_number", number)
    page.fill("#id_date", d(day))
    page.select_option("#id_faculty", str(faculty_pk))
    submit(page, "order-form")
    assert messages(page) == [uz("Order prepared: now add its students.")]
    with page.expect_navigation():
        page.click("[data-testid=add-item]")


def status_on_page(page, live_server, student: Student) -> str:
    page.goto(f"{live_server.url}/students/{student.pk}/")
    return page.locator("[data-testid=student-study] dd").nth(1).inner_text()


def admit(page, faculty_pk: int, programme_pk: int, day: dt.date) -> None:
    menu(page, "Admission")
    with page.expect_navigation():
        page.click("[data-testid=add]")
    page.fill("#id_number", "45-Q")
    page.fill("#id_date", d(day))
    page.select_option("#id_faculty", str(faculty_pk))
    page.fill("#id_title", "Bakalavriatga qabul")
    submit(page, "admission-order-form")
    assert messages(page) == [uz("Admission order prepared: now add the admitted people.")]
    with page.expect_navigation():
        page.click("[data-testid=add-person]")
    page.fill("#id_last_name", "Rahimov")
    page.fill("#id_first_name", "Jasur")
    page.fill("#id_patronymic", "Akmal oʻgʻli")
    page.fill("#id_pinfl", PINFL)
    page.fill("#id_birth_date", "15.03.2007")
    page.fill("#id_student_id_number", SID)
    page.select_option("#id_programme", str(programme_pk))
    page.select_option("#id_payment_form", "12")
    submit(page, "person-form")
    assert messages(page) == [uz("%(name)s added to the order.") % {"name": "Rahimov Jasur Akmal oʻgʻli"}]
    row = ["1", "Rahimov Jasur Akmal oʻgʻli", SID, "60710100 Kimyoviy texnologiya", "1", uz("Contract")]
    assert cells(page, "admitted") == [[*row, "—", uz("Remove")]]
    apply_order(page)


def test_dean_admits_assigns_sends_on_leave_and_reinstates_a_student(page, live_server, dean_chemistry, uni):
    chem = uni["chem"]
    programme = f.ProgrammeFactory(faculty=chem, code="60710100", name_uz="Kimyoviy texnologiya")
    group = f.GroupFactory(faculty=chem, programme=programme, name="KT-12-25", intake_year=2025, course=1)
    today = timezone.localdate()
    admitted_on, leave_on, back_on = (today - dt.timedelta(days=n) for n in (120, 60, 5))
    leave_until = today + dt.timedelta(days=200)
    login(page, live_server, "dean_chem")

    # 1. Admission order with one admitted person, applied: the student exists, studying, no group.
    admit(page, chem.pk, programme.pk, admitted_on)
    student = Student.objects.get(student_id_number=SID)
    assert (student.status, student.group_id, student.course) == (StudentStatus.STUDYING, None, 1)

    # 2. Put into a group.
    menu(page, "Put into groups")
    page.select_option("#id_group", str(group.pk))
    page.check(f"#student-{student.pk}")
    submit(page, "assign-form")
    expected = uz("%(count)d student(s) put into group %(group)s.") % {"count": 1, "group": "KT-12-25"}
    assert messages(page) == [expected]
    assert page.url == f"{live_server.url}/students/groups/{group.pk}/"

    # 3. Academic leave.
    prepare_order(page, chem.pk, OrderKind.ACADEMIC_LEAVE, "112-A", leave_on)
    page.select_option("#id_student", str(student.pk))
    page.select_option("#id_leave_reason", "12")
    page.fill("#id_leave_until", d(leave_until))
    submit(page, "item-form")
    assert messages(page) == [uz("Student added to the order.")]
    apply_order(page)
    assert status_on_page(page, live_server, student) == uz("Academic leave")

    # 4. Reinstatement into the group (required).
    prepare_order(page, chem.pk, OrderKind.REINSTATEMENT, "140-R", back_on)
    page.select_option("#id_student", str(student.pk))
    page.select_option("#id_target_group", str(group.pk))
    submit(page, "item-form")
    apply_order(page)
    assert status_on_page(page, live_server, student) == uz("Studying")

    # 5. The order history on the student's page, oldest first.
    studying, leave = uz("Studying"), uz("Academic leave")
    assert cells(page, "student-history") == [
        [f"№ 45-Q, {d(admitted_on)}", uz("Admission"), studying, "—", "1", "—"],
        [
            f"№ 112-A, {d(leave_on)}",
            leave,
            f"{studying} → {leave}",
            "KT-12-25",
            "1",
            f"{uz('Restoring health')} ({uz('until %(date)s') % {'date': d(leave_until)}})",
        ],
        [f"№ 140-R, {d(back_on)}", uz("Reinstatement"), f"{leave} → {studying}", "KT-12-25", "1", "—"],
    ]

    student.refresh_from_db()
    assert (student.status, student.group_id, student.course) == (StudentStatus.STUDYING, group.pk, 1)
    assert [
        (i.order.kind, i.order.number, i.order.date, i.order.status) for i in student_history(student)
    ] == [
        (OrderKind.ADMISSION, "45-Q", admitted_on, OrderStatus.APPLIED),
        (OrderKind.ACADEMIC_LEAVE, "112-A", leave_on, OrderStatus.APPLIED),
        (OrderKind.REINSTATEMENT, "140-R", back_on, OrderStatus.APPLIED),
    ]
