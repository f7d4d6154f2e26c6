"""Admission (annex 5 item 5): the admitted person's data on an admission order item, and the student
created from it when the order is applied.

An admission order is prepared with one item per admitted person; the item keeps the person's data
(``OrderItem.admission_data``, cleaned by ``clean_admission_data``) until the order is applied, when
``services.admission.create_student`` makes the student (status "studying", in the order's faculty).
Student IDs and PINFLs are unique among the students and among the items of every prepared admission
order. This module checks the data; it writes nothing.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.translation import gettext as _

from hemis.academics.models import EducationForm, EducationType, Programme
from hemis.core.imports import cell_text
from hemis.core.people import Gender, phone_validator, pinfl_validator
from hemis.movements.enums import OrderKind, OrderStatus
from hemis.movements.models import Order, OrderItem
from hemis.students.models import (
    Accommodation,
    Citizenship,
    Group,
    PaymentForm,
    SocialCategory,
    Student,
    student_id_validator,
)

TEXT_FIELDS = ("last_name", "first_name", "patronymic", "passport", "phone", "email", "address")
MAX_LENGTHS = {"last_name": 100, "first_name": 100, "patronymic": 100, "passport": 16, "address": 255}
MAX_LENGTHS |= {"email": 254}
REQUIRED = (
    "last_name",
    "first_name",
    "pinfl",
    "student_id_number",
    "birth_date",
    "programme",
    "payment_form",
)
# Coded fields: their choices and the default when left empty (None: required or taken from the programme).
CHOICES: dict[str, tuple[Any, str | None]] = {
    "gender": (Gender, Gender.UNKNOWN),
    "payment_form": (PaymentForm, None),
    "education_type": (EducationType, None),
    "education_form": (EducationForm, None),
    "citizenship": (Citizenship, Citizenship.UZBEKISTAN),
    "social_category": (SocialCategory, SocialCategory.OTHER),
    "accommodation": (Accommodation, ""),
}
FIELDS = (
    "last_name",
    "first_name",
    "patronymic",
    "pinfl",
    "passport",
    "birth_date",
    "gender",
    "phone",
    "email",
    "address",
    "student_id_number",
    "programme",
    "course",
    "payment_form",
    "education_type",
    "education_form",
    "citizenship",
    "social_category",
    "accommodation",
)
MIN_AGE, MAX_AGE = 14, 70


def parse_date(value: Any) -> dt.date | None:
    """A date from a date, an ISO string or "DD.MM.YYYY"; None when it is none of them."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date only
        except ValueError:
            continue
    return None


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


class _Cleaner:
    def __init__(self, data: dict, order: Order, item: OrderItem | None) -> None:
        self.raw = data
        self.order = order
        self.item = item
        self.errors: dict[str, list[str]] = {}
        self.out: dict[str, Any] = {}

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def run(self) -> dict:
        for field in REQUIRED:
            if cell_text(self.raw.get(field)) == "" and not isinstance(self.raw.get(field), Programme):
                self.fail(field, _("This field is required."))
        self._texts()
        self._identifiers()
        self._birth_date()
        programme = self._programme()
        self._course(programme)
        self._codes(programme)
        if not self.errors:
            self._unique()
        if self.errors:
            raise ValidationError(self.errors)
        return {field: self.out.get(field, "") for field in FIELDS}

    def _texts(self) -> None:
        for field in TEXT_FIELDS:
            value = cell_text(self.raw.get(field))
            if len(value) > MAX_LENGTHS.get(field, 255):
                self.fail(field, _("At most %(n)s characters.") % {"n": MAX_LENGTHS[field]})
            self.out[field] = value
        if self.out["phone"]:
            self._validate("phone", phone_validator, self.out["phone"])
        if self.out["email"]:
            self._validate("email", validate_email, self.out["email"])

    def _validate(self, field: str, validator, value: str) -> None:
        try:
            validator(value)
        except ValidationError as exc:
            for message in exc.messages:
                self.fail(field, message)

    def _identifiers(self) -> None:
        for field, validator in (("pinfl", pinfl_validator), ("student_id_number", student_id_validator)):
            value = cell_text(self.raw.get(field))
            self.out[field] = value
            if value:
                self._validate(field, validator, value)

    def _birth_date(self) -> None:
        raw = self.raw.get("birth_date")
        if cell_text(raw) == "":
            return
        birth = parse_date(raw)
        if birth is None:
            self.fail("birth_date", _("Enter the date as DD.MM.YYYY."))
            return
        age = age_on(birth, self.order.date)
        if not MIN_AGE <= age <= MAX_AGE:
            self.fail(
                "birth_date",
                _("The admitted person must be %(min)s to %(max)s years old on the order date.")
                % {"min": MIN_AGE, "max": MAX_AGE},
            )
        self.out["birth_date"] = birth.isoformat()

    def _programme(self) -> Programme | None:
        raw = self.raw.get("programme")
        if isinstance(raw, Programme):
            raw = raw.pk
        if cell_text(raw) == "":
            return None
        try:
            pk = int(cell_text(raw))
        except ValueError:
            pk = None
        programme = Programme.objects.filter(pk=pk).first() if pk is not None else None
        if programme is None or programme.faculty_id != self.order.faculty_id:
            self.fail("programme", _("Choose a programme of the order's faculty."))
            return None
        if not programme.is_active:
            self.fail("programme", _("The programme “%(code)s” is closed.") % {"code": programme.code})
            return None
        self.out["programme"] = programme.pk
        return programme

    def _course(self, programme: Programme | None) -> None:
        raw = cell_text(self.raw.get("course")) or "1"
        try:
            course = int(raw)
        except ValueError:
            course = 0
        top = programme.duration_years if programme else 7
        if not 1 <= course <= top:
            self.fail("course", _("The course must be from 1 to %(n)s.") % {"n": top})
        self.out["course"] = course

    def _codes(self, programme: Programme | None) -> None:
        for field, (choices, default) in CHOICES.items():
            code = cell_text(self.raw.get(field))
            if code == "" and default is None and programme is not None:
                code = getattr(programme, field, "")  # education type and form follow the programme
            if code == "" and default is not None:
                code = default
            if code and code not in choices.values:
                self.fail(field, _("Unknown code “%(code)s”.") % {"code": code})
            self.out[field] = code

    def _unique(self) -> None:
        pinfl, sid = self.out["pinfl"], self.out["student_id_number"]
        students = Student.objects.filter(Q(pinfl=pinfl) | Q(student_id_number=sid))
        for student in students.only("pinfl", "student_id_number"):
            if student.student_id_number == sid:
                self.fail("student_id_number", _("A student with this student ID already exists."))
            if student.pinfl == pinfl:
                self.fail("pinfl", _("A student with this PINFL already exists."))
        for other in _draft_items_with(pinfl=pinfl, sid=sid, item=self.item):
            data = other.admission_data or {}
            number = {"number": other.order.number}
            if data.get("student_id_number") == sid:
                self.fail(
                    "student_id_number",
                    _("This student ID is already in the prepared admission order № %(number)s.") % number,
                )
            if data.get("pinfl") == pinfl:
                self.fail(
                    "pinfl", _("This PINFL is already in the prepared admission order № %(number)s.") % number
                )


def _draft_items_with(*, pinfl: str, sid: str, item: OrderItem | None):
    items = OrderItem.objects.filter(
        Q(admission_data__pinfl=pinfl) | Q(admission_data__student_id_number=sid),
        order__kind=OrderKind.ADMISSION,
        order__status=OrderStatus.DRAFT,
    ).select_related("order")
    if item is not None and item.pk is not None:
        items = items.exclude(pk=item.pk)
    return items


def clean_admission_data(data: dict, *, order: Order, item: OrderItem | None = None) -> dict:
    """The admitted person's data, checked and normalised for ``OrderItem.admission_data``.

    Dates are stored as ISO strings, the programme as its pk; education type and form default to the
    programme's, the course to 1. Raises ValidationError({field: [message]}) when anything is wrong.
    """
    return _Cleaner(dict(data or {}), order, item).run()


def check_target_group(group: Group | None, data: dict) -> None:
    """The group an admitted person goes to must be an active group of their programme and course."""
    if group is None:
        return
    if not group.is_active:
        raise ValidationError({"target_group": [_("The group “%(group)s” is closed.") % {"group": group}]})
    if group.programme_id != data.get("programme") or group.course != data.get("course"):
        raise ValidationError(
            {
                "target_group": [
                    _("The group “%(group)s” is of another programme or course.") % {"group": group}
                ]
            }
        )


def full_name(data: dict | None) -> str:
    data = data or {}
    return " ".join(p for p in (data.get("last_name"), data.get("first_name"), data.get("patronymic")) if p)
