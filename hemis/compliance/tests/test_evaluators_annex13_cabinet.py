"""Annex 13 item 1 (the student's first log-in: password, e-mail and phone) measured on prepared data."""

import datetime as dt

import pytest

from hemis.access.models import User
from hemis.compliance import engine
from hemis.compliance.engine import Status
from hemis.compliance.tests.conftest import at
from hemis.testing import factories as f

D = dt.date
TODAY = D(2026, 11, 30)


def results(today=TODAY):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=["annex13.p1"])
    assert res.measured is True
    return res.rows


def rows(today=TODAY):
    return [(r.obligation.subject, r.obligation.due, r.obligation.done_at, r.status) for r in results(today)]


def student(uni, login, first_name, first_login=None, onboarded=None):
    user = f.UserFactory(username=login, first_login_at=first_login, onboarded_at=onboarded)
    return f.StudentFactory(
        group=uni["chem_group"],
        student_id_number=login,
        user=user,
        first_name=first_name,
        last_name="Karimova",
    )


def test_first_logins_on_time_late_pending_and_overdue(university, uni):
    student(uni, "400251100701", "Aziza", at(2026, 11, 2, 9), at(2026, 11, 2, 9, 10))
    # logged in late in the evening, finished after midnight Tashkent time: the next day, late
    student(uni, "400251100702", "Barno", at(2026, 11, 3, 23, 50), at(2026, 11, 4, 0, 5))
    student(uni, "400251100703", "Dilnoza", at(2026, 11, 30, 8), None)
    student(uni, "400251100704", "Feruza", at(2026, 11, 27, 8), None)
    student(uni, "400251100705", "Gavhar")  # never logged in: no obligation yet
    assert rows() == [
        ("First log-in of Karimova Aziza (400251100701)", D(2026, 11, 2), D(2026, 11, 2), Status.ON_TIME),
        ("First log-in of Karimova Barno (400251100702)", D(2026, 11, 3), D(2026, 11, 4), Status.LATE),
        ("First log-in of Karimova Feruza (400251100704)", D(2026, 11, 27), None, Status.OVERDUE),
        ("First log-in of Karimova Dilnoza (400251100703)", D(2026, 11, 30), None, Status.PENDING),
    ]
    first = results()[0].obligation
    assert (first.user, first.unit) == (User.objects.get(username="400251100701"), uni["chem"])


def test_first_logins_before_the_launch_are_not_measured(university, uni):
    student(uni, "400251100711", "Aziza", at(2025, 12, 1, 9), at(2025, 12, 1, 9, 5))
    student(uni, "400251100712", "Barno", at(2026, 1, 12, 9), None)
    university.launch_date = D(2026, 1, 5)
    university.save()
    assert [row[0] for row in rows()] == ["First log-in of Karimova Barno (400251100712)"]


def test_staff_logins_are_not_obligations_of_this_process(university, uni, dean_chemistry):
    User.objects.filter(pk=dean_chemistry.pk).update(first_login_at=at(2026, 11, 2, 9), onboarded_at=None)
    assert rows() == []


@pytest.mark.parametrize("extra", [0, 2])
def test_query_count_is_constant(university, uni, django_assert_num_queries, extra):
    for n in range(1 + extra):
        student(uni, f"40025110072{n}", f"Talaba{n}", at(2026, 11, 2, 9), at(2026, 11, 2, 9, 5))
    context = engine.build_context(today=TODAY)
    with django_assert_num_queries(1):
        (out,) = engine.evaluate(context=context, process_ids=["annex13.p1"])
    assert len(out.rows) == 1 + extra
