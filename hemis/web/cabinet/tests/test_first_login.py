"""The first log-in (annex 13 item 1): a forced password change, then the e-mail and phone, then home;
every other page sends the student back to the step they are at; logging out stays possible."""

import pytest
from django.urls import reverse

from hemis.access.models import User
from hemis.audit.models import AuditEvent
from hemis.students.models import Student
from hemis.testing import factories as f

HOME = reverse("web:home")
PASSWORD = reverse("web:password_change")
WELCOME = reverse("web:welcome")
NEW_PASSWORD = "Yangi-parol-2026"


@pytest.fixture
def fresh(uni):
    """A student who never logged in: a temporary password to change, no e-mail, no phone."""
    user = f.UserFactory(username="400251100301", onboarded_at=None, must_change_password=True)
    return f.StudentFactory(group=uni["chem_group"], student_id_number="400251100301", user=user)


def log_in(client, login="400251100301", password="hemis-demo"):
    return client.post(reverse("web:login"), {"username": login, "password": password})


def change_password(client):
    return client.post(
        PASSWORD,
        {"old_password": "hemis-demo", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )


def test_first_log_in_goes_password_then_contacts_then_home(client, fresh):
    assert log_in(client)["Location"] == HOME
    user = User.objects.get(pk=fresh.user_id)
    assert user.first_login_at is not None and user.onboarded_at is None
    # step 1: the password; other pages and the contacts step send there
    for url in (HOME, reverse("web:profile"), WELCOME, reverse("web:cabinet_personal_data")):
        assert client.get(url)["Location"] == PASSWORD
    assert client.get(PASSWORD).status_code == 200
    assert change_password(client)["Location"] == HOME
    # step 2: the contacts; the password page too now leads there
    for url in (HOME, PASSWORD, reverse("web:cabinet_unilibrary")):
        assert client.get(url)["Location"] == WELCOME
    page = client.get(WELCOME)
    assert page.status_code == 200
    assert 'data-testid="contacts-form"' in page.content.decode()
    assert User.objects.get(pk=fresh.user_id).onboarded_at is None
    done = client.post(WELCOME, {"email": "gulnoza@example.uz", "phone": "90 123 45 67"})
    assert done["Location"] == HOME
    # done: home opens, the welcome page is no longer asked for
    assert client.get(HOME).status_code == 200
    assert client.get(WELCOME)["Location"] == HOME
    fresh.refresh_from_db()
    user.refresh_from_db()
    assert (fresh.email, fresh.phone, user.email) == (
        "gulnoza@example.uz",
        "+998901234567",
        "gulnoza@example.uz",
    )
    assert user.onboarded_at is not None and user.onboarded_at >= user.first_login_at
    event = AuditEvent.objects.get(action="students.student.contacts_entered")
    assert (event.actor, event.target_id) == (user, str(fresh.pk))
    assert event.data["after"]["phone"] == "•"  # personal data is journaled as "changed"


def test_log_out_and_language_stay_reachable_during_both_steps(client, fresh):
    log_in(client)
    assert client.post(reverse("set_language"), {"language": "en"}).status_code == 302
    assert client.post(reverse("web:logout"))["Location"] == reverse("web:login")
    log_in(client)
    change_password(client)
    assert client.get(HOME)["Location"] == WELCOME
    assert client.post(reverse("web:logout"))["Location"] == reverse("web:login")
    assert client.get(HOME)["Location"].startswith(reverse("web:login"))


@pytest.mark.parametrize(
    ("email", "phone", "errors"),
    [
        ("gulnoza@example.uz", "123", {"phone"}),
        ("gulnoza@example.uz", "+7 912 345 67 89", {"phone"}),
        ("gulnoza@example.uz", "+998 90 123 45 6", {"phone"}),
        ("not-an-address", "+998901234567", {"email"}),
        ("", "", {"email", "phone"}),
    ],
)
def test_wrong_contacts_are_refused_naming_the_field_and_nothing_is_saved(
    client, fresh, email, phone, errors
):
    User.objects.filter(pk=fresh.user_id).update(must_change_password=False)
    client.force_login(fresh.user)
    page = client.post(WELCOME, {"email": email, "phone": phone})
    assert page.status_code == 400
    assert set(page.context["form"].errors) == errors
    if "phone" in errors and phone:
        assert page.context["form"].errors["phone"] == [
            "Phone: enter an Uzbek number, +998 and 9 digits, e.g. +998 90 123 45 67."
        ]
    fresh.refresh_from_db()
    assert (fresh.email, fresh.phone) == ("", "")
    assert User.objects.get(pk=fresh.user_id).onboarded_at is None
    assert not AuditEvent.objects.filter(action="students.student.contacts_entered").exists()
    assert client.get(HOME)["Location"] == WELCOME


def test_a_student_whose_contacts_are_known_goes_straight_home(client, uni):
    user = f.UserFactory(username="400251100302", onboarded_at=None)
    f.StudentFactory(
        group=uni["chem_group"],
        student_id_number="400251100302",
        user=user,
        email="known@example.uz",
        phone="+998911112233",
    )
    assert log_in(client, "400251100302")["Location"] == HOME
    assert client.get(HOME).status_code == 200
    user.refresh_from_db()
    assert user.first_login_at is not None and user.onboarded_at == user.first_login_at
    assert AuditEvent.objects.get(action="auth.login").data == {"first_login": True}


def test_staff_after_a_forced_password_change_is_done(client, uni):
    user = f.UserFactory(username="new_teacher", onboarded_at=None, must_change_password=True)
    f.grant(user, "teacher", uni["inorganic"])
    log_in(client, "new_teacher")
    assert change_password(client)["Location"] == HOME
    assert client.get(HOME).status_code == 200
    user.refresh_from_db()
    assert user.onboarded_at is not None


def test_a_second_log_in_keeps_the_first_log_in_time(client, uni):
    user = f.UserFactory(username="400251100303", onboarded_at=None)
    f.StudentFactory(
        group=uni["chem_group"],
        student_id_number="400251100303",
        user=user,
        email="a@b.uz",
        phone="+998901112233",
    )
    log_in(client, "400251100303")
    first = User.objects.get(pk=user.pk).first_login_at
    client.post(reverse("web:logout"))
    log_in(client, "400251100303")
    assert User.objects.get(pk=user.pk).first_login_at == first
    assert list(
        AuditEvent.objects.filter(action="auth.login").order_by("pk").values_list("data", flat=True)
    ) == [
        {"first_login": True},
        {},
    ]


def test_the_welcome_page_of_a_user_with_nothing_to_do_goes_home(client, dean_chemistry):
    client.force_login(dean_chemistry)
    assert client.get(WELCOME)["Location"] == HOME
    assert Student.objects.count() == 0


def test_contacts_entered_by_someone_else_end_the_first_log_in_at_the_next_request(client, fresh):
    """The dean's office enters the contacts while the step is pending: the next request finds nothing
    left and records the first log-in done, so later requests spend no look-up on it."""
    log_in(client)
    change_password(client)
    assert client.get(HOME)["Location"] == WELCOME
    Student.objects.filter(pk=fresh.pk).update(email="gulnoza@example.uz", phone="+998901234567")
    assert client.get(HOME).status_code == 200
    user = User.objects.get(pk=fresh.user_id)
    assert user.onboarded_at is not None and user.onboarded_at >= user.first_login_at
    assert AuditEvent.objects.filter(action="auth.onboarded", actor=user).count() == 1
    client.get(HOME)
    assert AuditEvent.objects.filter(action="auth.onboarded").count() == 1


def test_an_onboarded_user_costs_the_middleware_no_look_up(client, uni, monkeypatch):
    student = f.StudentFactory(group=uni["chem_group"], user=f.UserFactory(username="400251100304"))
    assert student.user.onboarded_at is not None  # the factory's users are past their first log-in

    def looked_up(user):
        raise AssertionError("the steps were looked up")

    monkeypatch.setattr("hemis.access.onboarding.pending_step", looked_up)
    client.force_login(student.user)
    assert client.get(HOME).status_code == 200
