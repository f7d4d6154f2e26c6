"""Admission writes: the student an applied admission order creates (annex 5 item 5)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.movements import admission
from hemis.movements.models import OrderItem
from hemis.students.models import Student, StudentStatus


@transaction.atomic
def create_student(*, item: OrderItem, actor) -> Student:
    """The student admitted by ``item`` (called while the admission order is applied, in its transaction).

    Everything is checked again, the uniqueness of the student ID and PINFL above all: a student entered
    meanwhile refuses the whole order with a message naming the row. The order's "applied" event journals
    it (``apply_order`` records one event for the whole order)."""
    try:
        data = admission.clean_admission_data(item.admission_data or {}, order=item.order, item=item)
        admission.check_target_group(item.target_group, data)
    except ValidationError as exc:
        row = item.order.items.filter(pk__lte=item.pk).count()
        who = {"row": row, "name": admission.full_name(item.admission_data)}
        raise ValidationError(
            {
                "items": [
                    _("Row %(row)s (%(name)s): %(message)s") % {**who, "message": m} for m in exc.messages
                ]
            }
        ) from exc
    person = {key: data[key] for key in admission.FIELDS if key not in ("programme", "birth_date")}
    student = Student(
        **person,
        birth_date=dt.date.fromisoformat(data["birth_date"]),
        programme_id=data["programme"],
        faculty_id=item.order.faculty_id,
        status=StudentStatus.STUDYING,
        group=item.target_group,
        group_assigned_at=timezone.now() if item.target_group_id else None,
        created_by=actor,
    )
    student.full_clean()
    student.save()
    return student
