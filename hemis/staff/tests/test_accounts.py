import pytest
from django.core.exceptions import ValidationError

from hemis.audit.models import AuditEvent
from hemis.staff import services
from hemis.testing import factories as f


def test_create_account_proposes_unique_latin_username(hr):
    f.UserFactory(username="u.toshmatov")
    employee = f.EmployeeFactory(last_name="Toʻshmatov", first_name="Ulugʻbek", email="u@example.uz")
    user, password = services.create_account(employee=employee, actor=hr)
    employee.refresh_from_db()
    assert (user.username, user.must_change_password, user.email, employee.user) == (
        "u.toshmatov2",
        True,
        "u@example.uz",
        user,
    )
    assert user.check_password(password)
    event = AuditEvent.objects.get(action="staff.employee.account_created")
    assert event.data == {"after": {"username": "u.toshmatov2", "must_change_password": True}}
    assert password not in str(event.data)


def test_cyrillic_names_are_transliterated(hr):
    employee = f.EmployeeFactory(last_name="Шарипов", first_name="Жасур")
    assert services.propose_username(employee) == "j.sharipov"


def test_second_account_refused(hr):
    employee = f.EmployeeFactory(user=f.UserFactory(username="x.y"))
    with pytest.raises(ValidationError) as exc:
        services.create_account(employee=employee, actor=hr)
    assert exc.value.messages == ["The employee already has an account."]
