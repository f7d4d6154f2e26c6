import datetime as dt

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation

from hemis.access import services
from hemis.access.models import Role, RoleGrant
from hemis.audit.models import AuditEvent
from hemis.testing import factories as f


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def role(code):
    return Role.objects.get(code=code)


def refused(superadmin, **kwargs):
    """Call grant_role expecting a refusal; return the error dict after checking nothing was written."""
    grants, events = RoleGrant.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.grant_role(actor=superadmin, **kwargs)
    assert RoleGrant.objects.count() == grants
    assert AuditEvent.objects.count() == events
    return exc.value.message_dict


def test_grant_dean_on_faculty_is_saved_and_audited(uni, superadmin, outsider):
    grant = services.grant_role(
        user=outsider,
        role=role("dean"),
        org_unit=uni["chem"],
        valid_from=dt.date(2026, 1, 5),
        valid_to=dt.date(2099, 6, 30),
        actor=superadmin,
    )
    grant.refresh_from_db()
    assert (grant.user, grant.role_id, grant.org_unit, grant.created_by) == (
        outsider,
        "dean",
        uni["chem"],
        superadmin,
    )
    event = AuditEvent.objects.get(action="access.grant.created")
    assert (event.actor, event.target_type, event.target_id) == (
        superadmin,
        "access.rolegrant",
        str(grant.pk),
    )
    assert event.data == {
        "before": {},
        "after": {
            "user": "outsider",
            "role": "dean",
            "org_unit": "F-CHEM",
            "valid_from": "2026-01-05",
            "valid_to": "2099-06-30",
        },
    }


def test_grant_university_role_without_unit(superadmin, outsider):
    grant = services.grant_role(user=outsider, role=role("hr"), actor=superadmin)
    assert (grant.org_unit, grant.valid_from, grant.valid_to) == (None, None, None)
    assert AuditEvent.objects.get(action="access.grant.created").data["after"]["org_unit"] is None


@pytest.mark.parametrize(("code", "unit_key"), [("head", "inorganic"), ("teacher", "accounting_dept")])
def test_department_roles_take_a_department(uni, superadmin, outsider, code, unit_key):
    grant = services.grant_role(user=outsider, role=role(code), org_unit=uni[unit_key], actor=superadmin)
    assert grant.org_unit == uni[unit_key]


def test_second_super_admin_is_refused(superadmin, outsider):
    errors = refused(superadmin, user=outsider, role=role("super_admin"))
    assert errors == {
        "role": ["The university already has a super administrator (admin); there can be only one."]
    }
    assert list(RoleGrant.objects.filter(role="super_admin").values_list("user__username", flat=True)) == [
        "admin"
    ]


def test_first_super_admin_may_be_granted_after_the_previous_one_is_revoked(db, outsider):
    old_admin = f.UserFactory(username="old_admin")
    old = f.grant(old_admin, "super_admin")
    old.revoked_at = timezone.now()
    old.save()
    grant = services.grant_role(user=outsider, role=role("super_admin"), actor=old_admin)
    assert RoleGrant.objects.get(role="super_admin", revoked_at__isnull=True) == grant


@pytest.mark.parametrize(
    ("code", "unit_key", "message"),
    [
        ("dean", "inorganic", "The role “Dean's office” needs a unit of type “Faculty”."),
        ("dean", None, "The role “Dean's office” needs a unit of type “Faculty”."),
        ("head", "chem", "The role “Head of department” needs a unit of type “Department”."),
        ("head", None, "The role “Head of department” needs a unit of type “Department”."),
        ("teacher", None, "The role “Teacher” needs a unit of type “Department”."),
        ("teacher", "econ", "The role “Teacher” needs a unit of type “Department”."),
        ("hr", "chem", "The role “HR department” covers the whole university: leave the unit empty."),
        (
            "management",
            "inorganic",
            "The role “Management” covers the whole university: leave the unit empty.",
        ),
    ],
)
def test_unit_must_fit_the_role(uni, superadmin, outsider, code, unit_key, message):
    errors = refused(superadmin, user=outsider, role=role(code), org_unit=uni[unit_key] if unit_key else None)
    assert errors == {"org_unit": [message]}


def test_closed_unit_is_refused(uni, superadmin, outsider):
    uni["econ"].active = False
    uni["econ"].save()
    errors = refused(superadmin, user=outsider, role=role("dean"), org_unit=uni["econ"])
    assert errors == {"org_unit": ["The unit “Iqtisodiyot fakulteti” is closed."]}


def test_reversed_period_is_refused(superadmin, outsider):
    errors = refused(
        superadmin,
        user=outsider,
        role=role("hr"),
        valid_from=dt.date(2099, 3, 1),
        valid_to=dt.date(2099, 2, 28),
    )
    assert errors == {"valid_to": ["The end of the period must not be before its start."]}


def test_period_already_ended_is_refused(superadmin, outsider):
    errors = refused(superadmin, user=outsider, role=role("hr"), valid_to=dt.date(2020, 1, 31))
    assert errors == {"valid_to": ["The end of the period is already past."]}


def test_same_day_period_is_accepted(superadmin, outsider):
    today = timezone.localdate()
    grant = services.grant_role(
        user=outsider, role=role("hr"), valid_from=today, valid_to=today, actor=superadmin
    )
    assert (grant.valid_from, grant.valid_to) == (today, today)


def test_duplicate_live_grant_is_refused(uni, superadmin, dean_chemistry):
    errors = refused(superadmin, user=dean_chemistry, role=role("dean"), org_unit=uni["chem"])
    assert errors == {"role": ["dean_chem already holds this role for this unit."]}


def test_same_role_on_another_unit_is_not_a_duplicate(uni, superadmin, dean_chemistry):
    services.grant_role(user=dean_chemistry, role=role("dean"), org_unit=uni["econ"], actor=superadmin)
    assert sorted(dean_chemistry.grants.values_list("org_unit__code", flat=True)) == ["F-CHEM", "F-ECON"]


def test_role_may_be_granted_again_after_revocation_or_end(uni, superadmin, dean_chemistry):
    old = dean_chemistry.grants.get()
    services.revoke_grant(grant=old, actor=superadmin)
    services.grant_role(user=dean_chemistry, role=role("dean"), org_unit=uni["chem"], actor=superadmin)
    f.grant(dean_chemistry, "hr", valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2020, 12, 31))
    services.grant_role(user=dean_chemistry, role=role("hr"), actor=superadmin)
    assert dean_chemistry.grants.count() == 4
    assert RoleGrant.objects.current().filter(user=dean_chemistry).count() == 2


def test_student_role_is_not_granted(superadmin, outsider):
    errors = refused(superadmin, user=outsider, role=role("student"))
    assert errors == {"role": ["The student role comes from enrolment; it cannot be granted."]}


def test_disabled_account_gets_no_role(superadmin, outsider):
    outsider.is_active = False
    outsider.save()
    errors = refused(superadmin, user=outsider, role=role("hr"))
    assert errors == {NON_FIELD_ERRORS: ["This account is disabled."]}


def test_revoke_keeps_the_row_and_is_audited(uni, superadmin, dean_chemistry):
    grant = dean_chemistry.grants.get()
    services.revoke_grant(grant=grant, actor=superadmin)
    grant.refresh_from_db()
    assert grant.revoked_by == superadmin
    assert grant.revoked_at is not None
    assert RoleGrant.objects.current().filter(user=dean_chemistry).count() == 0
    event = AuditEvent.objects.get(action="access.grant.revoked")
    assert (event.actor, event.target_id) == (superadmin, str(grant.pk))
    assert event.data == {
        "user": "dean_chem",
        "role": "dean",
        "org_unit": "F-CHEM",
        "valid_from": None,
        "valid_to": None,
        "before": {"revoked_at": None, "revoked_by": None},
        "after": {"revoked_at": DjangoJSONEncoder().default(grant.revoked_at), "revoked_by": "admin"},
    }


def test_revoking_twice_is_refused(uni, superadmin, dean_chemistry):
    grant = dean_chemistry.grants.get()
    services.revoke_grant(grant=grant, actor=superadmin)
    revoked_at = RoleGrant.objects.get(pk=grant.pk).revoked_at
    with pytest.raises(ValidationError) as exc:
        services.revoke_grant(grant=grant, actor=superadmin)
    assert exc.value.messages == ["This role grant has already been revoked."]
    assert RoleGrant.objects.get(pk=grant.pk).revoked_at == revoked_at
    assert AuditEvent.objects.filter(action="access.grant.revoked").count() == 1


def test_super_admin_cannot_revoke_own_super_admin_role(superadmin):
    grant = superadmin.grants.get()
    with pytest.raises(ValidationError) as exc:
        services.revoke_grant(grant=grant, actor=superadmin)
    assert exc.value.messages == ["You cannot revoke your own super administrator role."]
    assert RoleGrant.objects.get(pk=grant.pk).revoked_at is None
    assert not AuditEvent.objects.exists()
