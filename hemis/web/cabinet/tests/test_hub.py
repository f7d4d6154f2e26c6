"""The student's hub on the home page: the facts, the cumulative GPA with the rank in the group, and a
card for every part of the cabinet whose page exists; the My studies navigation."""

import datetime as dt
import re

from django.urls import NoReverseMatch, resolve, reverse

from hemis.grading.services.gpa import recompute_gpa
from hemis.grading.services.records import refresh_records
from hemis.testing.grading_records import grade
from hemis.web.cabinet.hub import HUB
from hemis.web.cabinet.tests.cabinet_data import rows, text

# The student pages of this part and the earlier issues: each opens for the student.
OWN = {
    "web:schedule_my_week",
    "web:schedule_controls",
    "web:cabinet_curriculum",
    "web:cabinet_attendance",
    "web:cabinet_grades",
    "web:grading_my_record",
    "web:grading_my_plan",
    "web:cabinet_subjects",
    "web:cabinet_restudy",
    "web:cabinet_finance",
}


def _registered(name: str) -> bool:
    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


def test_every_hub_link_resolves_and_the_studies_ones_open(client, pair):
    client.force_login(pair[0].user)
    body = text(client.get(reverse("web:home")))
    links = re.findall(r'<a class="card" href="([^"]+)" data-testid="hub-link" data-name="([^"]+)"', body)
    assert [name for _url, name in links] == [link.url_name for link in HUB if _registered(link.url_name)]
    assert {name for _url, name in links} >= OWN
    for url, name in links:
        assert f"web:{resolve(url).url_name}" == name
        if name in OWN:
            assert client.get(url).status_code in (200, 302), name


def test_the_hub_shows_the_cumulative_gpa_and_rank_in_group(client, grading, pair):
    """Ali 86 and 71 → 4.5, Vali 75 and 40 → 3.0, a third 95 → 5.0: Ali second of three."""
    ali, vali = pair
    third = grading.students()[2]
    w = grading.world
    grade(w, "MAT204", {ali: 86, vali: 75, third: 95})
    grade(w, "FIZ204", {ali: 71, vali: 40, third: 95})
    refresh_records(today=dt.date(2028, 3, 1))
    recompute_gpa()
    client.force_login(ali.user)
    assert rows(text(client.get(reverse("web:home"))), "hub-gpa") == ["4,5 · rank 2 of 3 in the group"]
    client.force_login(vali.user)
    assert rows(text(client.get(reverse("web:home"))), "hub-gpa") == ["3,0 · rank 3 of 3 in the group"]


def test_before_any_gpa_the_hub_says_so(client, pair):
    client.force_login(pair[0].user)
    assert rows(text(client.get(reverse("web:home"))), "hub-gpa") == ["Not computed yet"]


def test_the_navigation_has_my_studies_for_a_student_only(client, pair, dean_chemistry):
    client.force_login(pair[0].user)
    body = text(client.get(reverse("web:home")))
    for name in ("cabinet_curriculum", "cabinet_attendance", "cabinet_grades", "cabinet_subjects"):
        assert f'href="{reverse("web:" + name)}"' in body
    client.force_login(dean_chemistry)
    body = text(client.get(reverse("web:home")))
    assert reverse("web:cabinet_grades") not in body and 'data-testid="hub"' not in body
