"""The contacts step of the first log-in: the phone is normalised to +998XXXXXXXXX, anything else is
refused naming the field and nothing is saved."""

import pytest
from django.core.exceptions import ValidationError

from hemis.access.models import User
from hemis.audit.models import AuditEvent
from hemis.students.services.contacts import enter_contacts
from hemis.students.validators import normalise_phone
from hemis.testing import factories as f


@pytest.mark.parametrize(
    "text",
    [
        "+998901234567",
        "90 123 45 67",
        "901234567",
        "+998 90 123-45-67",
        "998901234567",
        "(90) 123-45-67",
        " +998 (90) 123 45 67 ",
    ],
)
def test_uzbek_numbers_are_normalised(text):
    assert normalise_phone(text) == "+998901234567"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12345",
        "90 123 45 6",
        "90 123 45 678",
        "+7 912 345 67 89",
        "+998 90 123 45 6x",
        "8 90 123 45 67",
        "phone",
    ],
)
def test_other_numbers_are_refused(text):
    assert normalise_phone(text) is None


@pytest.fixture
def student(uni):
    user = f.UserFactory(username="400251100401", onboarded_at=None, email="")
    return f.StudentFactory(group=uni["chem_group"], student_id_number="400251100401", user=user)


def test_contacts_are_written_on_the_student_and_the_account(student):
    enter_contacts(
        student=student, email=" gulnoza@example.uz ", phone="+998 (93) 555-01-02", actor=student.user
    )
    student.refresh_from_db()
    user = User.objects.get(pk=student.user_id)
    assert (student.email, student.phone) == ("gulnoza@example.uz", "+998935550102")
    assert user.email == "gulnoza@example.uz"
    assert user.onboarded_at is not None
    event = AuditEvent.objects.get(action="students.student.contacts_entered")
    assert event.data["before"] == {"email": "", "phone": ""}
    assert event.data["after"]["email"] == "gulnoza@example.uz"


def test_contacts_before_the_forced_password_do_not_complete_the_first_log_in(student):
    User.objects.filter(pk=student.user_id).update(must_change_password=True)
    student.user.refresh_from_db()
    enter_contacts(student=student, email="g@example.uz", phone="901234567", actor=student.user)
    assert User.objects.get(pk=student.user_id).onboarded_at is None


@pytest.mark.parametrize(
    ("email", "phone", "fields"),
    [
        ("g@example.uz", "+998 90 123 45", ["phone"]),
        ("g@example", "+998901234567", ["email"]),
        ("", "abc", ["email", "phone"]),
    ],
)
def test_wrong_contacts_change_nothing(student, email, phone, fields):
    with pytest.raises(ValidationError) as refused:
        enter_contacts(student=student, email=email, phone=phone, actor=student.user)
    assert sorted(refused.value.message_dict) == fields
    student.refresh_from_db()
    assert (student.email, student.phone) == ("", "")
    user = User.objects.get(pk=student.user_id)
    assert (user.email, user.onboarded_at) == ("", None)
    assert not AuditEvent.objects.exists()
