import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.utils import translation

from hemis.access import services
from hemis.access.services import _PASSWORD_ALPHABET
from hemis.audit.models import AuditEvent
from hemis.testing import factories as f


def test_reset_sets_a_random_temporary_password_and_forces_a_change(superadmin, dean_chemistry):
    password = services.reset_password(user=dean_chemistry, actor=superadmin)
    dean_chemistry.refresh_from_db()
    assert dean_chemistry.check_password(password)
    assert not dean_chemistry.check_password("hemis-demo")
    assert dean_chemistry.must_change_password is True
    groups = password.split("-")
    assert [len(g) for g in groups] == [4, 4, 4]
    assert set("".join(groups)) <= set(_PASSWORD_ALPHABET)
    assert services.reset_password(user=dean_chemistry, actor=superadmin) != password


def test_reset_is_audited_without_the_password(superadmin, dean_chemistry):
    password = services.reset_password(user=dean_chemistry, actor=superadmin)
    event = AuditEvent.objects.get(action="auth.password_reset")
    assert (event.actor, event.target_type, event.target_id, event.target_repr) == (
        superadmin,
        "access.user",
        str(dean_chemistry.pk),
        "dean_chem",
    )
    assert event.data == {"before": {"must_change_password": False}, "after": {"must_change_password": True}}
    assert password not in str(event.data)


def test_reset_lifts_lockouts_of_username_and_student_id(dean_chemistry, student_in_group):
    student_in_group.user.username = "gulnoza"
    student_in_group.user.save()
    for login in ("gulnoza", "400251199999", "someone_else"):
        AccessAttempt.objects.create(username=login, ip_address="10.0.0.7", failures_since_start=10)
    services.reset_password(user=student_in_group.user, actor=dean_chemistry)
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["someone_else"]


def test_own_password_is_not_reset(superadmin):
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.reset_password(user=superadmin, actor=superadmin)
    assert exc.value.messages == ["Use “Change password” to change your own password."]
    superadmin.refresh_from_db()
    assert superadmin.check_password("hemis-demo")
    assert superadmin.must_change_password is False
    assert not AuditEvent.objects.exists()


def test_disabled_account_is_not_reset(superadmin):
    user = f.UserFactory(username="gone", is_active=False)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.reset_password(user=user, actor=superadmin)
    assert exc.value.messages == ["This account is disabled; its password cannot be reset."]
    user.refresh_from_db()
    assert user.check_password("hemis-demo")
    assert user.must_change_password is False
    assert not AuditEvent.objects.exists()
