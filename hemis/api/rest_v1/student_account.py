"""Student API: ``account/me`` (the student's own record as ``Student``) and ``account/update`` (their
contacts and password, through the services the cabinet's contacts step and password page use)."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hemis.academics.selectors import current_semester
from hemis.access.policy.cabinet import personal_data_students
from hemis.access.services import change_password
from hemis.api.rest_v1 import shapes
from hemis.api.rest_v1.core import bad_request, not_found
from hemis.api.rest_v1.endpoint import operation
from hemis.api.rest_v1.student_auth import _body
from hemis.students.selectors import curriculum_semester_number
from hemis.students.services.contacts import enter_contacts


def own_record(request):
    """The token's student with what ``shapes.student`` reads (through the personal-data policy)."""
    student = (
        personal_data_students(request.principal)
        .select_related("faculty", "programme", "group", "user")
        .first()
    )
    if student is None:
        raise not_found()
    return student


def current_semester_shape(student) -> dict | None:
    semester = current_semester()
    if semester is None:
        return None
    number = curriculum_semester_number(student.group, semester) if student.group else None
    return shapes.semester(semester, number)


@operation(access="student")
def me(request):
    student = own_record(request)
    return shapes.student(student, semester_shape=current_semester_shape(student))


def _flag(body: dict, name: str) -> bool:
    value = body.get(name, False)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | str) and str(value).strip().lower() in ("1", "true", "yes", "on"):
        return True
    if isinstance(value, int | str) and str(value).strip().lower() in ("0", "false", "no", "off", ""):
        return False
    raise bad_request(_("Invalid value of %(name)s: it must be true or false.") % {"name": name})


def _text(body: dict, name: str, default: str = "") -> str:
    value = body.get(name, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise bad_request(_("Invalid value of %(name)s: it must be a string.") % {"name": name})
    return value


@operation(access="student", methods=("POST",))
def update(request):
    """``change_contacts``: the e-mail and phone (either left out keeps its value); ``change_password``:
    ``password`` twice (``confirmation``), checked by the password validators. Everything is checked
    before anything is saved; a refusal names the field. The new password revokes the old tokens."""
    body = _body(request)
    contacts, password = _flag(body, "change_contacts"), _flag(body, "change_password")
    if not contacts and not password:
        raise bad_request(_("Nothing to change: set change_contacts or change_password."))
    student = own_record(request)
    user = request.user
    if password:
        new = _text(body, "password")
        if not new:
            raise bad_request(_("password: enter the new password."))
        if new != _text(body, "confirmation"):
            raise bad_request(_("confirmation: the two passwords differ."))
        try:
            validate_password(new, user)
        except ValidationError as exc:
            raise bad_request("password: " + " ".join(exc.messages)) from None
    with transaction.atomic():
        if contacts:
            enter_contacts(
                student=student,
                email=_text(body, "email", student.email),
                phone=_text(body, "phone", student.phone),
                actor=user,
            )
        if password:
            change_password(user=user, new_password=new)
    return {"message": _("Your data has been updated.")}


ROUTES = [
    ("account/me", me),
    ("account/update", update),
]
