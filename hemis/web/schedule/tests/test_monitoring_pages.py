"""Timetable monitoring page (annex 4 item 10): who may see it, what it shows, filters, query counts."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from hemis.academics.models import Semester
from hemis.curricula.enums import TrainingType
from hemis.schedule.services import entries
from hemis.schedule.services.placement import Attendee
from hemis.students.models import Group, GroupSubject
from hemis.testing import factories as f
from hemis.testing.schedule import build_world

URL = "/schedule/monitoring/"


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["hemis_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def world(uni, dean_chemistry):
    world = build_world(uni)
    Semester.objects.filter(pk=world.semester.pk).update(is_current=True)
    # KT-21: 15 Monday lectures of Mathematics (30 h of 30); KT-22: nothing yet.
    entries.create_entry(
        actor=dean_chemistry,
        semester=world.semester,
        subject=world.math,
        training_type=TrainingType.LECTURE,
        teacher=world.karimov,
        room=world.room301,
        weekday=1,
        pair=1,
        attendees=[Attendee(world.kt21)],
    )
    return world


def text(response) -> str:
    return html.unescape(response.content.decode())


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
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("persona", ["dean_chemistry", "hr", "outsider", "student_in_group"])
def test_other_roles_may_not(client, world, persona, request):
    user = request.getfixturevalue(persona)
    client.force_login(getattr(user, "user", user))
    assert client.get(URL).status_code == 403


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
    for i in range(extra):
        group = f.GroupFactory(
            faculty=world.faculty,
            programme=world.kt21.programme,
            name=f"KT-3{i}",
            curriculum=world.curriculum,
        )
        for code in ("MAT204", "FIZ204"):
            cs = world.bindings[("KT-21", code)].curriculum_subject
            GroupSubject.objects.create(group=group, curriculum_subject=cs, semester=world.semester)
    client.force_login(academic)
    with django_assert_num_queries(13):
        response = client.get(URL)
    assert response.context["page"].paginator.count == 1 + extra
