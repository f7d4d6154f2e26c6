"""The contacts step of a student's first log-in (annex 13 item 1): the e-mail and the phone."""

from django.db import transaction
from django.utils import timezone

from hemis.audit import services as audit
from hemis.students.models import Student
from hemis.students.services.common import Errors, add, raise_if
from hemis.students.validators import email_error, normalise_phone, phone_error


@transaction.atomic
def enter_contacts(*, student: Student, email: str, phone: str, actor) -> Student:
    """The student enters their e-mail and phone (the phone normalised to +998XXXXXXXXX). Writes both on
    the student and the e-mail on their account, and, when no first log-in step is left (the password
    was not to be changed), records it done (``User.onboarded_at``). Refuses naming the field; nothing
    is saved then."""
    email = (email or "").strip()
    errors: Errors = {}
    for field, message in (("email", email_error(email)), ("phone", phone_error(phone))):
        if message:
            add(errors, field, message)
    raise_if(errors)
    student = Student.objects.select_for_update(of=("self",)).select_related("user").get(pk=student.pk)
    before = {"email": student.email, "phone": "•" if student.phone else ""}
    student.email, student.phone = email, normalise_phone(phone) or ""
    student.save(update_fields=["email", "phone", "updated_at"])
    user = student.user
    after: dict[str, object] = {"email": email, "phone": "•"}
    if user is not None:
        fields = ["email"]
        user.email = email
        if user.onboarded_at is None and not user.must_change_password:
            user.onboarded_at = timezone.now()
            fields.append("onboarded_at")
            after["onboarded_at"] = user.onboarded_at
        user.save(update_fields=fields)
    audit.record(
        actor=actor, action="students.student.contacts_entered", target=student, before=before, after=after
    )
    return student
