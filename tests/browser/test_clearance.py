"""The clearance sheet in a real browser on a phone (issue 14): a graduating student opens the sheet; the
library refuses its line with the debt; the student sees the reason and reports the debt settled; the
library signs; the student sees the line signed. Every page fits the 390 px screen, with no console
error (a CSP violation shows as one)."""

import pytest

from hemis.graduation.enums import LineState
from hemis.graduation.models import ClearanceLine
from hemis.graduation.tests.fixtures import staff_with_role, student_with_login
from hemis.testing import factories as f
from tests.browser.conftest import console_errors, fits_phone, login, phone_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
DEBT = "«Oliy matematika» kitobi qaytarilmagan"


def test_library_refuses_then_signs_a_clearance_line_on_a_phone(browser, phone, live_server, uni):
    group = f.GroupFactory(faculty=uni["chem"], name="KT-41-22", course=4, intake_year=2022)
    student = student_with_login(group, "400221100001", "Alisa", "Abdullayeva")
    staff_with_role("librarian", "library", "Lola", "Kitobova")
    errors = console_errors(phone)

    login(phone, live_server, student.user.username)
    phone.goto(f"{live_server.url}/clearance/my/")
    with phone.expect_navigation():
        phone.click("[data-testid=open-sheet]")
    assert phone.locator("[data-testid=clearance-line]").count() == 2
    assert fits_phone(phone)

    librarian = phone_context(browser)
    library = librarian.new_page()
    console_errors(library, errors)
    login(library, live_server, "librarian")
    library.goto(f"{live_server.url}/clearance/queue/")
    assert library.locator("[data-testid=queue-line]").count() == 1
    library.fill("[data-testid=reason]", DEBT)
    with library.expect_navigation():
        library.click("[data-testid=refuse]")
    line = ClearanceLine.objects.get(unit__code="library")
    assert (line.state, line.reason) == (LineState.REFUSED, DEBT)
    assert library.locator("[data-testid=line-reason]").inner_text() == DEBT
    assert fits_phone(library)

    phone.reload()
    assert phone.locator("[data-unit=library] [data-testid=line-reason]").inner_text().startswith(DEBT)
    with phone.expect_navigation():
        phone.click("[data-testid=settled]")
    assert ClearanceLine.objects.get(pk=line.pk).state == LineState.PENDING

    library.reload()
    with library.expect_navigation():
        library.click("[data-testid=sign]")
    assert ClearanceLine.objects.get(pk=line.pk).state == LineState.SIGNED
    phone.reload()
    assert phone.locator("[data-unit=library] [data-testid=settled]").count() == 0
    assert fits_phone(phone)
    librarian.close()
    assert errors == []
