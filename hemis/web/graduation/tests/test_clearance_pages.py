"""The clearance pages: the student's sheet (open it, each line's state and reason, "settled"), a unit's
queue (sign, refuse with a reason), the units, the dean's office's list. A student reaches only their own
sheet (two students of one group); the library only library lines; refusals change nothing; the lists'
query counts do not grow with their rows."""

import re

import pytest
from django.urls import reverse

from hemis.audit.models import AuditEvent
from hemis.graduation import services
from hemis.graduation.enums import LineState
from hemis.graduation.models import ClearanceDecision, ClearanceLine, ClearanceSheet, ClearanceUnit
from hemis.graduation.tests.fixtures import student_with_login
from hemis.testing.schedule import text

MY = reverse("web:clearance_my")
QUEUE = reverse("web:clearance_queue")
UNITS = reverse("web:clearance_units")
STUDENTS = reverse("web:clearance_students")
# The session, the user, the role grants and the navigation, then the page's own reads.
QUEUE_QUERIES = 7
STUDENTS_QUERIES = 7
UNITS_QUERIES = 6
MY_QUERIES = 9


def cells(page: str, testid: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", c).strip()
        for c in re.findall(rf'data-testid="{testid}"[^>]*>(.*?)</(?:td|dd)>', page, re.S)
    ]


def state():
    return (
        list(ClearanceSheet.objects.values_list("pk", flat=True)),
        list(ClearanceLine.objects.order_by("pk").values_list("state", "reason", "ready_at", "decided_at")),
        ClearanceDecision.objects.count(),
        list(ClearanceUnit.objects.order_by("pk").values_list("code", "name_uz", "is_active")),
        AuditEvent.objects.count(),
    )


def line(student, code: str) -> ClearanceLine:
    return ClearanceLine.objects.get(sheet__student=student, unit__code=code)


# --- the student ------------------------------------------------------------------------------------


def test_student_opens_the_sheet_and_sees_each_line(client, alice):
    client.force_login(alice.user)
    page = text(client.get(MY))
    assert 'data-testid="open-sheet"' in page
    response = client.post(MY)
    assert response.status_code == 302
    page = text(client.get(MY))
    assert "The clearance sheet is open: each unit has been asked to sign it." in page
    assert cells(page, "line-state") == ["Pending", "Pending"]
    assert [d.startswith("waiting since ") for d in cells(page, "line-date")] == [True, True]


def test_student_not_in_the_final_course_cannot_open(client, charlie):
    client.force_login(charlie.user)
    page = text(client.get(MY))
    assert 'data-testid="not-graduating"' in page and 'data-testid="open-sheet"' not in page
    before = state()
    response = client.post(MY)
    assert response.status_code == 400
    assert "Only a studying student of the programme&#x27;s final course" in response.content.decode() or (
        "Only a studying student of the programme's final course" in text(response)
    )
    assert state() == before


def test_refused_line_shows_the_reason_and_the_settled_button(client, alice, librarian):
    services.open_sheet(student=alice, actor=alice.user)
    services.refuse_line(line=line(alice, "library"), actor=librarian, role="library", reason="3 ta kitob")
    client.force_login(alice.user)
    page = text(client.get(MY))
    assert cells(page, "line-state") == ["Refused", "Pending"]
    assert cells(page, "line-reason")[0] == "3 ta kitob"
    assert page.count('data-testid="settled"') == 1
    response = client.post(reverse("web:clearance_settled", args=[line(alice, "library").pk]))
    assert response.status_code == 302
    assert line(alice, "library").state == LineState.PENDING
    page = text(client.get(MY))
    assert "The unit is asked to check again." in page
    # the earlier refusal stays on the page
    assert "Refused on " in page and ": 3 ta kitob" in page


def test_a_student_cannot_reach_a_classmates_line(client, alice, bob, librarian):
    services.open_sheet(student=alice, actor=alice.user)
    services.open_sheet(student=bob, actor=bob.user)
    services.refuse_line(line=line(bob, "library"), actor=librarian, role="library", reason="Bobning qarzi")
    client.force_login(alice.user)
    page = text(client.get(MY))
    assert "Bobning qarzi" not in page and "Boboyev" not in page
    before = state()
    assert client.post(reverse("web:clearance_settled", args=[line(bob, "library").pk])).status_code == 404
    assert client.post(reverse("web:clearance_sign", args=[line(bob, "library").pk])).status_code == 404
    assert client.get(QUEUE).status_code == 403
    assert state() == before


# --- the unit's queue ---------------------------------------------------------------------------------


def test_library_refuses_then_signs(client, alice, librarian):
    services.open_sheet(student=alice, actor=alice.user)
    target = line(alice, "library")
    client.force_login(librarian)
    page = text(client.get(QUEUE))
    assert page.count('data-testid="queue-line"') == 1  # the library line only, not the dormitory's
    before = state()
    response = client.post(reverse("web:clearance_refuse", args=[target.pk]), {"reason": "  "}, follow=True)
    assert "Say why the line is refused: the debt the student has to settle." in text(response)
    assert state() == before
    client.post(reverse("web:clearance_refuse", args=[target.pk]), {"reason": "Kitob qaytarilmagan"})
    assert (line(alice, "library").state, line(alice, "library").reason) == (
        LineState.REFUSED,
        "Kitob qaytarilmagan",
    )
    before = state()
    response = client.post(reverse("web:clearance_sign", args=[target.pk]), follow=True)
    assert "it is checked again once the student reports the debt settled." in text(response)
    assert state() == before
    services.report_settled(line=target, actor=alice.user)
    response = client.post(reverse("web:clearance_sign", args=[target.pk]), {"next": QUEUE + "?state=signed"})
    assert response.status_code == 302 and response["Location"] == QUEUE + "?state=signed"
    assert line(alice, "library").state == LineState.SIGNED
    before = state()
    response = client.post(reverse("web:clearance_sign", args=[target.pk]), follow=True)
    assert "The line was already signed on " in text(response)
    assert state() == before


@pytest.mark.parametrize("away", ["//evil.example/", "/\\evil.example/", "https://evil.example/"])
def test_a_decision_goes_back_only_to_this_site(client, alice, librarian, away):
    services.open_sheet(student=alice, actor=alice.user)
    client.force_login(librarian)
    response = client.post(reverse("web:clearance_sign", args=[line(alice, "library").pk]), {"next": away})
    assert response.status_code == 302 and response["Location"] == QUEUE
    assert line(alice, "library").state == LineState.SIGNED


def test_the_library_cannot_reach_a_dormitory_line(client, alice, librarian):
    services.open_sheet(student=alice, actor=alice.user)
    client.force_login(librarian)
    page = text(client.get(QUEUE))
    assert "Dormitory" not in cells(page, "line-state") and page.count('data-testid="queue-line"') == 1
    before = state()
    assert client.post(reverse("web:clearance_sign", args=[line(alice, "dormitory").pk])).status_code == 404
    assert (
        client.post(
            reverse("web:clearance_refuse", args=[line(alice, "dormitory").pk]), {"reason": "x"}
        ).status_code
        == 404
    )
    assert state() == before


def test_queue_filters(client, alice, bob, librarian):
    for s in (alice, bob):
        services.open_sheet(student=s, actor=s.user)
    services.sign_line(line=line(alice, "library"), actor=librarian, role="library")
    client.force_login(librarian)
    page = text(client.get(QUEUE))
    assert re.findall(r'data-line="(\d+)"', page) == [
        str(line(bob, "library").pk),
        str(line(alice, "library").pk),
    ]
    page = text(client.get(QUEUE, {"state": "pending"}))
    assert re.findall(r'data-line="(\d+)"', page) == [str(line(bob, "library").pk)]
    page = text(client.get(QUEUE, {"search": "Abdullayeva"}))
    assert re.findall(r'data-line="(\d+)"', page) == [str(line(alice, "library").pk)]


@pytest.mark.parametrize("n", [1, 3])
def test_queue_queries_do_not_grow(client, final_group, librarian, django_assert_num_queries, n):
    for i in range(n):
        s = student_with_login(final_group, f"4002211000{50 + i}", "Ism", f"Familiya{i}")
        services.open_sheet(student=s, actor=s.user)
    client.force_login(librarian)
    client.get(QUEUE)
    with django_assert_num_queries(QUEUE_QUERIES):
        page = text(client.get(QUEUE))
    assert page.count('data-testid="queue-line"') == n


# --- the units ----------------------------------------------------------------------------------------


def test_super_admin_adds_edits_and_deactivates_a_unit(client, superadmin, units):
    client.force_login(superadmin)
    page = text(client.get(UNITS))
    assert re.findall(r'data-code="([^"]+)"', page) == ["library", "dormitory", "accounting"]
    data = {"code": "sport", "name_uz": "Sport klubi", "role": "accounting", "order": 40, "is_active": "on"}
    assert client.post(UNITS, data).status_code == 302
    unit = ClearanceUnit.objects.get(code="sport")
    before = state()
    response = client.post(UNITS, {**data, "code": "library"})
    assert response.status_code == 400 and "Clearance unit with this Code already exists." in text(response)
    assert state() == before
    edited = {k: v for k, v in data.items() if k != "is_active"}  # the box left unticked: deactivated
    response = client.post(
        reverse("web:clearance_unit", args=[unit.pk]), {**edited, "name_en": "Sports club"}
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert (unit.is_active, unit.name_en) == (False, "Sports club")


def test_units_page_is_the_super_admins(client, librarian, dean_chemistry, alice, units):
    for user in (librarian, dean_chemistry, alice.user):
        client.force_login(user)
        assert client.get(UNITS).status_code == 403
        assert client.get(reverse("web:clearance_unit", args=[units["library"].pk])).status_code == 404


# --- the dean's office ------------------------------------------------------------------------------


def test_dean_opens_a_sheet_for_a_faculty_student_only(client, alice, dilnoza, dean_chemistry):
    client.force_login(dean_chemistry)
    page = text(client.get(STUDENTS))
    assert re.findall(r'data-student="(\d+)"', page) == [str(alice.pk)]
    before = state()
    assert client.post(reverse("web:clearance_open", args=[dilnoza.pk])).status_code == 404
    assert state() == before
    assert client.post(reverse("web:clearance_open", args=[alice.pk])).status_code == 302
    assert ClearanceSheet.objects.get(student=alice).created_by == dean_chemistry


@pytest.mark.parametrize("n", [1, 3])
def test_dean_list_queries_do_not_grow(client, final_group, dean_chemistry, django_assert_num_queries, n):
    for i in range(n):
        s = student_with_login(final_group, f"4002211000{60 + i}", "Ism", f"Familiya{i}")
        services.open_sheet(student=s, actor=s.user)
    client.force_login(dean_chemistry)
    client.get(STUDENTS)
    with django_assert_num_queries(STUDENTS_QUERIES):
        page = text(client.get(STUDENTS))
    assert cells(page, "clearance") == ["0 of 2 signed"] * n


@pytest.mark.parametrize("n", [1, 3])
def test_units_page_queries_do_not_grow(client, superadmin, units, django_assert_num_queries, n):
    ClearanceUnit.objects.exclude(code__in=["library", "dormitory", "accounting"][:n]).delete()
    client.force_login(superadmin)
    client.get(UNITS)
    with django_assert_num_queries(UNITS_QUERIES):
        page = text(client.get(UNITS))
    assert page.count('data-testid="unit"') == n


@pytest.mark.parametrize("n", [1, 3])
def test_student_sheet_queries_do_not_grow(client, alice, librarian, units, django_assert_num_queries, n):
    ClearanceUnit.objects.filter(code__in=["library", "dormitory", "accounting"][n:]).update(is_active=False)
    ClearanceUnit.objects.filter(code__in=["library", "dormitory", "accounting"][:n]).update(is_active=True)
    services.open_sheet(student=alice, actor=alice.user)
    services.refuse_line(line=line(alice, "library"), actor=librarian, role="library", reason="Kitob")
    client.force_login(alice.user)
    client.get(MY)
    with django_assert_num_queries(MY_QUERIES):
        page = text(client.get(MY))
    assert page.count('data-testid="clearance-line"') == n


def test_navigation_items_by_role(
    client, alice, librarian, accountant, superadmin, diploma_clerk, dean_chemistry
):
    home = reverse("web:home")
    expected = {
        alice.user: [MY, reverse("web:diploma_my")],
        librarian: [QUEUE],
        accountant: [QUEUE],
        superadmin: [UNITS, STUDENTS, reverse("web:diplomas")],
        diploma_clerk: [reverse("web:diplomas")],
        dean_chemistry: [STUDENTS],
    }
    every = {MY, reverse("web:diploma_my"), QUEUE, UNITS, STUDENTS, reverse("web:diplomas")}
    for user, links in expected.items():
        client.force_login(user)
        page = client.get(home).content.decode()
        shown = {url for url in every if f'href="{url}"' in page}
        assert shown == set(links), user
