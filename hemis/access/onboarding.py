"""The first log-in (annex 13 item 1): which of its steps a user still has to take.

A reset or a new account forces a new password first (``User.must_change_password``); then a student
whose record lacks an e-mail or a phone enters them (``web:welcome``). ``User.onboarded_at`` records
when nothing was left; from then on no step is asked again and no query is spent on it."""

from django.db.models import Q

from hemis.access.models import User
from hemis.students.models import Student

PASSWORD = "password"
CONTACTS = "contacts"


def contacts_missing(user: User) -> bool:
    """Whether ``user`` is a student whose record lacks the e-mail or the phone."""
    return Student.objects.filter(Q(email="") | Q(phone=""), user=user).exists()


def pending_step(user: User) -> str | None:
    """The step of the first log-in ``user`` has still to take, in order: the password, the contacts."""
    if user.must_change_password:
        return PASSWORD
    if user.onboarded_at is None and contacts_missing(user):
        return CONTACTS
    return None
