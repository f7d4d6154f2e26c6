"""The academic department sets the current semester and enters a year's lesson pairs, in a real browser."""

import datetime as dt

import pytest
from django.utils import translation
from django.utils.translation import gettext

from hemis.academics.models import LessonPair, Semester
from hemis.academics.tests import factories as af
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def uz(msgid: str) -> str:
    with translation.override("uz"):
        return gettext(msgid)


def add_pair(page, number: str, start: str, end: str) -> None:
    form = page.locator("[data-testid=add-pair]")
    form.locator("#id_number").fill(number)
    form.locator("#id_start_time").fill(start)
    form.locator("#id_end_time").fill(end)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_academic_department_sets_the_semester_and_lesson_pairs(page, live_server):
    af.academic_user()
    year = af.year(2026)
    autumn, _spring = af.semesters(year)
    login(page, live_server, "academic")

    with page.expect_navigation():
        page.click(f"nav.sidebar >> text={uz('Academic years and semesters')}")
    with page.expect_navigation():
        page.click("[data-testid=years] >> text=2026-2027")
    row = page.locator(f"tr[data-semester='{autumn.pk}']")
    with page.expect_navigation():
        row.locator("[data-testid=make-current]").click()
    assert row.locator("[data-testid=current-badge]").inner_text() == uz("current")
    assert list(Semester.objects.filter(is_current=True).values_list("pk", flat=True)) == [autumn.pk]

    with page.expect_navigation():
        page.click(f"nav.sidebar >> text={uz('Lesson pairs')}")
    assert page.locator("[data-testid=no-pairs]").is_visible()
    add_pair(page, "1", "08:30", "09:50")
    add_pair(page, "2", "10:00", "11:20")
    add_pair(page, "3", "09:30", "10:30")
    error = page.locator("[data-testid=add-pair] .field-error")
    expected = uz("Overlaps pair %(number)s (%(start)s–%(end)s).") % {
        "number": 1,
        "start": "08:30",
        "end": "09:50",
    }
    assert error.inner_text() == expected
    assert error.is_visible()
    assert page.locator("[data-testid=add-pair] .has-error #id_start_time").count() == 1

    page.goto(f"{live_server.url}/academics/lesson-pairs/?year={year.pk}")
    cells = page.locator("[data-testid=pairs] tbody tr").all_inner_texts()
    assert [c.split("\t")[:3] for c in cells] == [["1", "08:30", "09:50"], ["2", "10:00", "11:20"]]
    assert list(LessonPair.objects.values_list("number", "start_time")) == [
        (1, dt.time(8, 30)),
        (2, dt.time(10, 0)),
    ]
