"""Timetable monitoring page (annex 4 item 10): who may see it, what it shows, filters, query counts."""

import re

import pytest
from django.urls import reverse

from hemis.academics.models import Semester
from hemis.schedule.services.placement import Attendee
from hemis.students.models import Group
from hemis.testing.schedule import add_entry, more_groups, text

URL = "/schedule/monitoring/"


@pytest.fixture
def world(dean_chemistry, world):
    Semester.objects.filter(pk=world.semester.pk).update(is_current=True)
    # KT-21: 15 Monday lectures of Mathematics (30 h of 30); KT-22: nothing yet.
    add_entry(world, dean_chemistry, attendees=[Attendee(world.kt21)])
    return world


def test_url_name():
    assert reverse("web:schedule_monitoring") == URL


def test_academic_sees_groups_worst_first_with_links_to_their_timetables(client, world, academic):
    client.force_login(academic)
    response = client.get(URL)
    assert response.status_code == 200
    rows = [(r.group.name, r.state, r.scheduled, r.planned) for r in response.context["page"]]
    assert rows == [("KT-22", "none", 0, 120), ("KT-21", "incomplete", 30, 120)]
    body = text(response)
    assert f'href="{reverse("web:schedule_group", args=[world.kt21.pk])}"' in body
    kt21 = re.sub(r"<[^>]+>", "", body.split('data-group="KT-21"')[1].split("</tr>")[0])
    assert "30 of 120 (25%)" in kt21
    assert "Fizika (laboratory): 0 of 30 h" in kt21
    assert "Oliy matematika (lecture)" not in kt21  # complete lines are not listed
    summary = [(line.faculty.code, line.counts) for line in response.context["summary"]]
    assert summary == [
        ("F-CHEM", {"none": 1, "incomplete": 1, "complete": 0}),
        ("F-ECON", {"none": 0, "incomplete": 0, "complete": 0}),
    ]


def test_filters_by_state_and_faculty(client, world, uni, academic):
    client.force_login(academic)
    response = client.get(URL, {"state": "none"})
    assert [r.group.name for r in response.context["page"]] == ["KT-22"]
    response = client.get(URL, {"faculty": uni["econ"].pk})
    assert list(response.context["page"]) == []
    response = client.get(URL, {"faculty": uni["chem"].pk, "state": "incomplete"})
    assert [r.group.name for r in response.context["page"]] == ["KT-21"]


@pytest.mark.parametrize("persona", ["academic", "rector", "superadmin"])
def test_monitoring_roles_may_see_it(client, world, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(URL)
    assert response.status_code == 200
    assert [(r.group.name, r.scheduled, r.planned) for r in response.context["page"]] == [
        ("KT-22", 0, 120),
        ("KT-21", 30, 120),
    ]
    assert "30 of 120 (25%)" in text(response)


@pytest.mark.parametrize("persona", ["dean_chemistry", "hr", "outsider", "student_in_group"])
def test_other_roles_may_not(client, world, persona, request):
    user = request.getfixturevalue(persona)
    client.force_login(getattr(user, "user", user))
    response = client.get(URL)
    assert response.status_code == 403
    page = text(response)
    assert "You do not have permission to open this page." in page
    assert "KT-21" not in page and "30 of 120" not in page


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_without_a_semester_the_page_says_so(client, uni, academic):
    client.force_login(academic)
    response = client.get(URL)
    assert response.status_code == 200
    assert "No current semester has been set, and no semester holds today." in text(response)


@pytest.mark.parametrize("extra", [0, 2])
def test_query_count_is_constant(client, world, academic, django_assert_num_queries, extra):
    Group.objects.filter(pk=world.kt22.pk).update(is_active=False)  # one group, then three
    more_groups(world, extra, subgroup=False)
    client.force_login(academic)
    with django_assert_num_queries(13):
        response = client.get(URL)
    assert response.context["page"].paginator.count == 1 + extra
