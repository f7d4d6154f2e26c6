import pytest
from django.core.management import CommandError, call_command

from hemis.access.models import RoleGrant, User
from hemis.audit.models import AuditEvent


def live_admins():
    return list(
        RoleGrant.objects.filter(role="super_admin", revoked_at__isnull=True).values_list(
            "user__username", flat=True
        )
    )


def test_creates_the_first_super_admin(db, monkeypatch):
    monkeypatch.setenv("HEMIS_ADMIN_PASSWORD", "Bosh-admin-2026")
    call_command("set_super_admin", "rector.admin", "--create")
    assert live_admins() == ["rector.admin"]
    assert User.objects.get(username="rector.admin").check_password("Bosh-admin-2026")
    assert AuditEvent.objects.filter(action="access.grant.created").count() == 1


def test_hands_the_post_over_and_keeps_the_old_grant(superadmin, outsider):
    call_command("set_super_admin", "outsider")
    assert live_admins() == ["outsider"]
    old = RoleGrant.objects.get(user=superadmin, role="super_admin")
    assert old.revoked_at is not None
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "access.grant.revoked",
        "access.grant.created",
    ]


def test_unknown_user_without_create_changes_nothing(superadmin):
    with pytest.raises(CommandError):
        call_command("set_super_admin", "nobody")
    assert live_admins() == ["admin"]
    assert AuditEvent.objects.count() == 0
