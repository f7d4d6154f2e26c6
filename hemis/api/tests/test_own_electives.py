"""Our API's electives (``/api/v1/electives/``): a student lists their windows, chooses (confirmed, then
waitlisted when full) and cancels (the seat goes to the waitlist), through the electives services and
policy; another student cannot cancel their choice, a student of another faculty cannot choose their
offers (404); refusals are 400 with the field; other roles 403, nobody 401; writes need the CSRF token."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.crypto import get_random_string

from hemis.api.tests.own import assert_error, url
from hemis.electives.enums import ChoiceStatus
from hemis.electives.models import ElectiveChoice, ElectiveOffer
from hemis.electives.tests.world import build_world, extra_elective, offer, open_window


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["hemis_language"] = "en"


@pytest.fixture
def world(uni):
    return build_world(uni)


@pytest.fixture
def window(world, dean_chemistry):
    """Chemistry's window with one seat an offer, open today."""
    today = timezone.localdate()
    w = open_window(world, dean_chemistry, seats=1)
    w.opens_on, w.closes_on = today - dt.timedelta(days=1), today + dt.timedelta(days=3)
    w.save()
    return w


def choose(client, o):
    return client.post(url("elective-choose", pk=o.pk))


def test_a_student_lists_chooses_is_waitlisted_and_cancelling_promotes(client, world, window):
    a, b = world.students[:2]
    polymers = offer(window, world.polymers)
    client.force_login(a.user)
    response = client.get(url("electives"))
    assert response.status_code == 200
    [w] = response.json()
    assert w["id"] == window.pk and w["is_open"] is True and w["semester"]["id"] == world.semester.pk
    blocks = {blk["code"]: blk for blk in w["blocks"]}
    names = sorted(o["subject"]["name"] for blk in w["blocks"] for o in blk["offers"])
    assert names == ["Petrochemistry", "Philosophy", "Polymer chemistry"]  # not the mandatory, not Marketing
    gp = blocks[world.polymers.block]
    assert gp["choice"] is None and {o["free"] for o in gp["offers"]} == {1}

    response = choose(client, polymers)
    assert response.status_code == 201
    mine = response.json()
    assert mine["status"] == "confirmed" and mine["waitlist_position"] is None
    assert mine["offer"] == polymers.pk and mine["subject"]["code"] == "POL401"
    assert ElectiveChoice.objects.get(pk=mine["id"]).student == a

    other = Client()
    other.force_login(b.user)
    response = choose(other, polymers)
    assert response.status_code == 201
    theirs = response.json()
    assert theirs["status"] == "waitlisted" and theirs["waitlist_position"] == 1

    [w] = client.get(url("electives")).json()
    gp = {blk["code"]: blk for blk in w["blocks"]}[world.polymers.block]
    assert gp["choice"]["id"] == mine["id"]
    assert {o["id"]: o["taken"] for o in gp["offers"]}[polymers.pk] == 1

    response = client.post(url("elective-cancel", pk=mine["id"]))
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert ElectiveChoice.objects.get(pk=theirs["id"]).status == ChoiceStatus.CONFIRMED
    [w] = client.get(url("electives")).json()
    assert [c["id"] for c in w["history"]] == [mine["id"]]


def test_no_one_reaches_anothers_choice_or_another_faculties_offer(client, world, window):
    a, b = world.students[:2]
    polymers = offer(window, world.polymers)
    client.force_login(a.user)
    mine = choose(client, polymers).json()
    client.force_login(b.user)
    assert_error(client.post(url("elective-cancel", pk=mine["id"])), 404, "not_found")
    assert ElectiveChoice.objects.get(pk=mine["id"]).status == ChoiceStatus.CONFIRMED
    assert client.get(url("electives")).json()[0]["blocks"][0]["choice"] is None  # b sees not a's choice

    client.force_login(world.econ_students[0].user)
    assert_error(choose(client, polymers), 404, "not_found")
    assert client.get(url("electives")).json() == []  # economics has no window open
    assert ElectiveChoice.objects.count() == 1


def test_a_refusal_is_400_naming_the_field_and_changes_nothing(client, world, window):
    a = world.students[0]
    client.force_login(a.user)
    assert choose(client, offer(window, world.polymers)).status_code == 201
    error = assert_error(choose(client, offer(window, world.petro)), 400, "invalid", {"offer"})
    assert "cancel it first" in error["fields"]["offer"][0]
    assert ElectiveChoice.objects.count() == 1
    window.closes_on = window.opens_on = timezone.localdate() - dt.timedelta(days=5)
    window.save()
    error = assert_error(choose(client, offer(window, world.philosophy)), 400, "invalid", {"offer"})
    assert "outside the window" in error["fields"]["offer"][0]
    assert ElectiveChoice.objects.count() == 1


def test_other_roles_are_403_nobody_401_and_writes_need_the_csrf_token(world, window, dean_chemistry):
    anonymous = Client()
    response = anonymous.get(url("electives"))
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Bearer"
    dean = Client()
    dean.force_login(dean_chemistry)
    assert_error(dean.get(url("electives")), 403, "permission_denied")
    assert_error(choose(dean, offer(window, world.polymers)), 403, "permission_denied")

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.students[0].user)
    polymers = offer(window, world.polymers)
    error = assert_error(choose(browser, polymers), 403, "csrf_failed")
    assert "X-CSRFToken" in error["message"]
    secret = get_random_string(32)  # a CSRF secret, as the csrftoken cookie a page sets carries
    browser.cookies["csrftoken"] = secret
    response = browser.post(url("elective-choose", pk=polymers.pk), HTTP_X_CSRFTOKEN=secret)
    assert response.status_code == 201


def test_messages_follow_the_users_choice_then_accept_language_then_uzbek(client, world, window):
    client.force_login(world.students[0].user)
    assert choose(client, offer(window, world.polymers)).status_code == 201
    petro = offer(window, world.petro)
    error = assert_error(choose(client, petro), 400, "invalid", {"offer"})
    assert error["fields"]["offer"][0].startswith("You have already chosen Polymer chemistry")
    del client.cookies["hemis_language"]
    response = choose(client, petro)
    assert response["Content-Language"] == "uz"
    assert "allaqachon tanlagansiz" in assert_error(response, 400, "invalid")["fields"]["offer"][0]
    response = client.post(url("elective-choose", pk=petro.pk), HTTP_ACCEPT_LANGUAGE="ru")
    assert response["Content-Language"] == "ru"
    assert assert_error(response, 400, "invalid")["fields"]["offer"][0] != error["fields"]["offer"][0]


def test_the_list_costs_the_same_queries_for_one_and_three_offers_a_block(client, world, window):
    client.force_login(world.students[0].user)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("electives")).status_code == 200
        return len(queries)

    before = count()
    for code in ("X1", "X2"):
        cs = extra_elective(world, code, world.polymers.block)
        ElectiveOffer.objects.create(window=window, curriculum_subject=cs, seats=1)
    assert len({blk["code"] for blk in client.get(url("electives")).json()[0]["blocks"]}) == 2
    assert count() == before
