"""The electives pages: the student chooses, is waitlisted when full, cancels; another student of the
same group sees only their own choices; the dean's office opens a window, changes caps and closes an
under-filled offer moving its students, and the dean of economics reaches none of chemistry's (404);
refusals show why and change nothing; query counts equal at 1 and 3 items."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from hemis.academics.enums import SemesterType
from hemis.academics.models import Semester
from hemis.audit.models import AuditEvent
from hemis.electives import services
from hemis.electives.enums import ChoiceStatus
from hemis.electives.models import ElectiveChoice, ElectiveOffer, ElectiveWindow
from hemis.electives.tests.world import extra_elective, offer, open_window
from hemis.testing.schedule import text

MY = reverse("web:electives_my")
BLOCKS = ["11.05", "11.02"]  # additional subjects, mathematics and natural sciences
WINDOWS = reverse("web:electives_windows")
# The session, the user, the role grants, the student record (the student role) and the languages:
# five queries besides the page's own.
MY_QUERIES = 5 + 2  # the offers, the choices (the student came with the roles)
WINDOWS_QUERIES = 5 + 4  # the windows with totals, the form's semesters and faculties (the select asks twice)
WINDOW_QUERIES = 5 + 3  # the window, whether the dean keeps it, the offers with their waitlists


def state():
    return (
        list(ElectiveWindow.objects.order_by("pk").values()),
        list(ElectiveOffer.objects.order_by("pk").values()),
        list(ElectiveChoice.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


def cells(page: str, testid: str) -> list[str]:
    return re.findall(rf'data-testid="{testid}">([^<]*)<', page)


@pytest.fixture
def window(world, dean_chemistry):
    """Chemistry's window, open today (the semester moved so that today is inside it)."""
    today = timezone.localdate()
    w = open_window(world, dean_chemistry, seats=1)
    w.opens_on, w.closes_on = today - dt.timedelta(days=1), today + dt.timedelta(days=3)
    w.save()
    return w


def choose(client, o):
    return client.post(reverse("web:electives_choose", args=[o.pk]), follow=True)


# --- the student ----------------------------------------------------------------------------------


def test_student_chooses_then_the_next_is_waitlisted_and_cancelling_promotes(client, world, window):
    a, b = world.students[:2]
    polymers = offer(window, world.polymers)
    client.force_login(a.user)
    page = text(client.get(MY))
    assert "Polymer chemistry" in page and "Petrochemistry" in page and "Philosophy" in page
    assert "Mathematics" not in page  # mandatory
    assert "Marketing" not in page  # economics
    assert cells(page, "free-seats").count("1 of 1 seats free") == 3
    response = choose(client, polymers)
    page = text(response)
    assert "Your seat in Polymer chemistry is confirmed." in page
    assert cells(page, "choice-status") == ["Confirmed"]
    client.force_login(b.user)
    page = text(choose(client, polymers))
    assert "Polymer chemistry is full: you are on its waitlist." in page
    assert cells(page, "choice-status") == ["Waitlisted, number 1"]
    client.force_login(a.user)
    mine = ElectiveChoice.objects.get(student=a)
    page = text(client.post(reverse("web:electives_cancel", args=[mine.pk]), follow=True))
    assert "Your choice of Polymer chemistry is cancelled." in page
    assert ElectiveChoice.objects.get(student=b).status == ChoiceStatus.CONFIRMED


def test_a_refused_choice_shows_why_and_changes_nothing(client, world, window):
    student = world.students[0]
    client.force_login(student.user)
    choose(client, offer(window, world.polymers))
    before = state()
    page = text(choose(client, offer(window, world.petro)))
    assert (
        "You have already chosen Polymer chemistry in this block: cancel it first to choose another." in page
    )
    assert state() == before
    window.closes_on = window.opens_on = timezone.localdate() - dt.timedelta(days=1)
    window.save()
    before = state()
    page = text(choose(client, offer(window, world.philosophy)))
    assert "Selection outside the window" in page
    assert state() == before


def test_a_student_sees_and_touches_only_their_own(client, world, window):
    a, b = world.students[:2]
    choice = services.choose(student=a, offer=offer(window, world.polymers), actor=a.user)
    client.force_login(b.user)
    page = text(client.get(MY))
    assert cells(page, "choice-status") == []  # b sees a's seat as taken, not a's choice
    assert "full (1 seats)" in page
    before = state()
    assert client.post(reverse("web:electives_cancel", args=[choice.pk])).status_code == 404
    assert state() == before
    # an offer of another curriculum is not found for them either
    econ_window = open_window(world, None, faculty=world.econ)
    marketing = offer(econ_window, world.marketing)
    before = state()
    assert client.post(reverse("web:electives_choose", args=[marketing.pk])).status_code == 404
    assert state() == before
    # and the dean's pages are not theirs
    assert client.get(WINDOWS).status_code == 403
    assert client.get(reverse("web:electives_window", args=[window.pk])).status_code == 403


def test_staff_have_no_student_page(client, dean_chemistry):
    client.force_login(dean_chemistry)
    assert client.get(MY).status_code == 403


@pytest.mark.parametrize("n", [1, 3])
def test_my_page_queries_do_not_grow(client, world, window, dean_chemistry, django_assert_num_queries, n):
    for i in range(n - 1):  # more offers, in a block of their own each
        cs = extra_elective(world, f"EXT{i}", BLOCKS[i])
        ElectiveOffer.objects.create(window=window, curriculum_subject=cs, seats=2)
    student = world.students[0]
    chosen = [
        world.polymers,
        *ElectiveOffer.objects.filter(window=window, curriculum_subject__subject__code__startswith="EXT"),
    ]
    for item in chosen:
        cs = getattr(item, "curriculum_subject", item)
        services.choose(student=student, offer=offer(window, cs), actor=student.user)
    client.force_login(student.user)
    with django_assert_num_queries(MY_QUERIES):
        response = client.get(MY)
    assert response.status_code == 200
    assert len(cells(text(response), "choice-status")) == n


# --- the dean's office ------------------------------------------------------------------------------


def test_dean_opens_a_window_with_default_dates(client, world, dean_chemistry):
    client.force_login(dean_chemistry)
    data = {
        "semester": world.semester.pk,
        "faculty": world.chem.pk,
        "seats": "30",
        "opens_on": "",
        "closes_on": "",
    }
    response = client.post(WINDOWS, data, follow=True)
    page = text(response)
    assert "The selection of electives is open from 26.01.2027 to 01.02.2027." in page
    window = ElectiveWindow.objects.get()
    assert response.redirect_chain[-1][0] == reverse("web:electives_window", args=[window.pk])
    assert cells(page, "seats") == ["30", "30", "30"]


def test_a_refused_window_shows_why_and_changes_nothing(client, world, window, dean_chemistry):
    client.force_login(dean_chemistry)
    data = {"semester": world.semester.pk, "faculty": world.chem.pk, "seats": "30"}
    before = state()
    response = client.post(WINDOWS, data)
    assert response.status_code == 400
    assert "The selection for this semester is already open at the faculty." in text(response)
    assert state() == before


def test_dean_of_economics_reaches_none_of_chemistrys(client, world, window, dean_economics):
    client.force_login(dean_economics)
    page = text(client.get(WINDOWS))
    assert cells(page, "offer-count") == []
    assert client.get(reverse("web:electives_window", args=[window.pk])).status_code == 404
    polymers = offer(window, world.polymers)
    before = state()
    assert (
        client.post(reverse("web:electives_offer_seats", args=[polymers.pk]), {"seats": 5}).status_code == 404
    )
    assert client.post(reverse("web:electives_offer_close", args=[polymers.pk])).status_code == 404
    assert client.post(reverse("web:electives_window_close", args=[window.pk])).status_code == 404
    data = {"semester": world.semester.pk, "faculty": world.chem.pk, "seats": "30"}
    assert client.post(WINDOWS, data).status_code == 400  # chemistry is not among its faculties
    assert state() == before


def test_academic_department_reads_but_does_not_manage(client, world, window, academic):
    client.force_login(academic)
    page = text(client.get(reverse("web:electives_window", args=[window.pk])))
    assert cells(page, "seats") == ["1", "1", "1"]
    assert "set-seats" not in page
    before = state()
    polymers = offer(window, world.polymers)
    assert (
        client.post(reverse("web:electives_offer_seats", args=[polymers.pk]), {"seats": 5}).status_code == 404
    )
    assert state() == before


def test_dean_sees_fill_levels_changes_a_cap_and_closes_an_underfilled_offer(
    client, world, window, dean_chemistry
):
    a, b, c = world.students[:3]
    polymers, petro = offer(window, world.polymers), offer(window, world.petro)
    services.choose(student=a, offer=polymers, actor=a.user)
    services.choose(student=b, offer=polymers, actor=b.user)
    services.choose(student=c, offer=petro, actor=c.user)
    client.force_login(dean_chemistry)
    url = reverse("web:electives_window", args=[window.pk])
    page = text(client.get(url))
    # by block (humanities 11.01, then general professional 11.03), then code: Philosophy, Petrochemistry, Polymers
    assert cells(page, "taken") == ["0", "1", "1"]
    assert cells(page, "waiting") == ["0", "0", "1"]
    assert cells(page, "percent") == ["0", "100", "100"]
    before = state()
    page = text(
        client.post(reverse("web:electives_offer_seats", args=[polymers.pk]), {"seats": 0}, follow=True)
    )
    assert "Ensure this value is greater than or equal to 1." in page
    assert state() == before
    page = text(client.post(reverse("web:electives_offer_seats", args=[petro.pk]), {"seats": 3}, follow=True))
    assert "Petrochemistry now has 3 seats." in page
    page = text(
        client.post(
            reverse("web:electives_offer_close", args=[polymers.pk]), {"move_to": petro.pk}, follow=True
        )
    )
    assert (
        f"Polymer chemistry is closed; its students moved to Petrochemistry: {a.full_name} (Confirmed), "
        f"{b.full_name} (Confirmed)." in page
    )
    assert cells(page, "taken") == ["0", "3", "0"]
    page = text(client.post(reverse("web:electives_window_close", args=[window.pk]), follow=True))
    assert "The selection is closed: students can no longer choose or cancel." in page


@pytest.mark.parametrize("n", [1, 3])
def test_dean_lists_queries_do_not_grow(client, world, dean_chemistry, django_assert_num_queries, n):
    window = open_window(world, dean_chemistry)
    for i in range(
        n - 1
    ):  # more windows: the autumn semesters of later years have no electives, so add offers by hand
        semester = Semester.objects.create(
            academic_year=world.semester.academic_year,
            semester_type=SemesterType.AUTUMN,
            number=3 + i,
            start_date=dt.date(2027, 7, 1) + dt.timedelta(days=i),
            end_date=dt.date(2027, 8, 1),
        )
        other = ElectiveWindow.objects.create(
            semester=semester,
            faculty=world.chem,
            opens_on=dt.date(2027, 6, 1),
            closes_on=dt.date(2027, 6, 30),
        )
        ElectiveOffer.objects.create(window=other, curriculum_subject=world.polymers, seats=5)
    client.force_login(dean_chemistry)
    with django_assert_num_queries(WINDOWS_QUERIES):
        page = text(client.get(WINDOWS))
    assert len(cells(page, "offer-count")) == n
    with django_assert_num_queries(WINDOW_QUERIES):
        client.get(reverse("web:electives_window", args=[window.pk]))
