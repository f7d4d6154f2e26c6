"""Writes on users and role grants; every one is audited."""

from django.db import transaction

from hemis.access.models import User
from hemis.audit import services as audit


@transaction.atomic
def change_password(*, user: User, new_password: str) -> User:
    """The user sets a new password (also clears a forced change after a reset)."""
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit.record(actor=user, action="auth.password_changed", target=user)
    return user
