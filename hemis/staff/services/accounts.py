"""User accounts for employees (annex 3): HR creates the login; the password is shown once."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.staff.models import Employee
from hemis.staff.services.common import not_dismissed, raise_if

_PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "x", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "i", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "ў": "o", "қ": "q", "ғ": "g", "ҳ": "h",
}  # fmt: skip


def latin(text: str) -> str:
    """Lower-case ASCII letters of a name (Uzbek Latin or Cyrillic): for logins."""
    out = "".join(_CYRILLIC.get(ch, ch) for ch in text.lower())
    return "".join(ch for ch in out if ch.isascii() and ch.isalnum())


def propose_username(employee: Employee) -> str:
    """``initial.lastname`` in Latin letters, numbered when taken (a.karimov, a.karimov2, …)."""
    base = f"{latin(employee.first_name)[:1]}.{latin(employee.last_name)}".strip(".") or "employee"
    taken = set(
        get_user_model().objects.filter(username__istartswith=base).values_list("username", flat=True)
    )
    taken = {name.lower() for name in taken}
    username, n = base, 1
    while username in taken:
        n += 1
        username = f"{base}{n}"
    return username


def _temporary_password() -> str:
    chars = [secrets.choice(_PASSWORD_ALPHABET) for _ in range(12)]
    return "-".join("".join(chars[i : i + 4]) for i in range(0, 12, 4))


@transaction.atomic
def create_account(*, employee: Employee, actor) -> tuple[AbstractUser, str]:
    """Create the employee's login with a temporary password (returned, never stored or journaled)."""
    not_dismissed(employee)
    if employee.user_id is not None:
        raise_if({NON_FIELD_ERRORS: [_("The employee already has an account.")]})
    password = _temporary_password()
    user = get_user_model()(
        username=propose_username(employee),
        first_name=employee.first_name,
        last_name=employee.last_name,
        email=employee.email,
        must_change_password=True,
    )
    user.set_password(password)
    user.save()
    employee.user = user
    employee.save(update_fields=["user", "updated_at"])
    audit.record(
        actor=actor,
        action="staff.employee.account_created",
        target=employee,
        after={"username": user.username, "must_change_password": True},
    )
    return user, password
