"""Electives in a real browser on a phone (issue 14): in the open selection window a student finds the
popular elective full, is put on its waitlist, cancels that choice and takes the elective with a free
seat; the seat counts follow. The page fits the 390 px screen, with no console error (a CSP violation
shows as one)."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from hemis.electives import services
from hemis.electives.enums import ChoiceStatus
from hemis.electives.models import ElectiveChoice
from hemis.electives.tests.world import build_world, offer
from tests.browser.conftest import console_errors, fits_phone, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def uz(msgid: str) -> str:
    with translation.override("uz"):
        return gettext(msgid)


def test_a_student_is_waitlisted_cancels_and_picks_a_free_elective_on_a_phone(
    phone, live_server, uni, dean_chemistry
):
    world = build_world(uni, students=2)
    today = timezone.localdate()
    window = services.open_window(
        semester=world.semester,
        faculty=world.chem,
        seats=1,
        actor=dean_chemistry,
        opens_on=today,
        closes_on=today + dt.timedelta(days=7),
    )
    first, student = world.students
    polymers, petro = offer(window, world.polymers), offer(window, world.petro)
    services.choose(student=first, offer=polymers, actor=first.user)  # the only seat of Polymers
    errors = console_errors(phone)

    login(phone, live_server, student.user.username)
    phone.goto(f"{live_server.url}/electives/my/")
    polymers_card = phone.locator("[data-testid=offer]", has_text=world.polymers.subject.name_uz)
    full = uz("full (%(seats)s seats): choosing puts you on the waitlist") % {"seats": 1}
    assert polymers_card.locator("[data-testid=free-seats]").inner_text() == full
    assert fits_phone(phone)
    with phone.expect_navigation():
        polymers_card.locator("[data-testid=choose]").click()
    choice = ElectiveChoice.objects.get(student=student)
    assert (choice.offer_id, choice.status) == (polymers.pk, ChoiceStatus.WAITLISTED)
    assert phone.locator("[data-testid=my-choice]").count() == 1
    waitlisted = uz("Waitlisted, number %(n)s") % {"n": 1}
    assert phone.locator("[data-testid=choice-status]").inner_text() == waitlisted

    with phone.expect_navigation():
        phone.click("[data-testid=cancel-choice]")
    assert ElectiveChoice.objects.get(pk=choice.pk).status == ChoiceStatus.CANCELLED

    petro_card = phone.locator("[data-testid=offer]", has_text=world.petro.subject.name_uz)
    with phone.expect_navigation():
        petro_card.locator("[data-testid=choose]").click()
    live = ElectiveChoice.objects.get(
        student=student, status__in=[ChoiceStatus.CONFIRMED, ChoiceStatus.WAITLISTED]
    )
    assert (live.offer_id, live.status) == (petro.pk, ChoiceStatus.CONFIRMED)
    petro.refresh_from_db()
    polymers.refresh_from_db()
    assert (petro.taken, polymers.taken) == (1, 1)
    with translation.override("uz"):
        confirmed = str(ChoiceStatus.CONFIRMED.label)
    assert phone.locator("[data-testid=choice-status]").inner_text() == confirmed
    assert fits_phone(phone)
    assert errors == []
