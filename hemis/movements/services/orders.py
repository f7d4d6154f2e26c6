"""Writes on student orders: prepare, edit, add and remove items, apply, prepare a reversal.

Every write is atomic and audited as ``movements.order.<verb>``. An order is changed only while it
is a draft; applying it moves every student of it at once (all or nothing) by the table of
``transitions``; an applied order is undone only by a reversal order.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.movements import admission, selectors
from hemis.movements.enums import OrderKind, OrderStatus
from hemis.movements.models import Order, OrderItem
from hemis.movements.services.admission import create_student
from hemis.movements.transitions import ITEM_FIELDS, TABLE, State, next_state
from hemis.org.models import OrgUnit
from hemis.students.models import Group, Student


def _order_values(order: Order) -> dict:
    return {
        "kind": order.kind,
        "number": order.number,
        "date": order.date,
        "faculty": order.faculty.code,
        "title": order.title,
    }


def _locked(order: Order) -> Order:
    """The order read again under a row lock: applying and editing one order never interleave."""
    return (
        Order.objects.select_for_update(of=("self",)).select_related("faculty", "reverses").get(pk=order.pk)
    )


def _require_draft(order: Order) -> None:
    if order.status != OrderStatus.DRAFT:
        msg = _("Order № %(number)s is already applied: an applied order is never changed, only reversed.")
        raise ValidationError(msg % {"number": order.number})


def _order_errors(*, number: str, date: dt.date | None, faculty: OrgUnit | None, exclude=None) -> dict:
    errors: dict[str, list[str]] = {}
    if not (number or "").strip():
        errors["number"] = [_("Enter the order number.")]
    if date is None:
        errors["date"] = [_("Enter the order date.")]
    elif date > timezone.localdate():
        errors["date"] = [_("The order date cannot be in the future.")]
    if faculty is None or not faculty.is_faculty:
        errors["faculty"] = [_("Choose the faculty of the order.")]
    elif not errors:
        same = Order.objects.filter(faculty=faculty, number=number.strip(), date=date)
        if same.exclude(pk=exclude).exists():
            errors["number"] = [_("The faculty already has an order with this number and date.")]
    return errors


@transaction.atomic
def prepare_order(
    *, actor, kind: str, number: str, date: dt.date, faculty: OrgUnit, title: str = ""
) -> Order:
    """A draft order of ``kind`` (a reversal is prepared by ``prepare_reversal``)."""
    errors = _order_errors(number=number, date=date, faculty=faculty)
    if kind not in OrderKind.values or kind == OrderKind.REVERSAL:
        errors["kind"] = [_("Choose the kind of order (a reversal is prepared from the order it reverses).")]
    if errors:
        raise ValidationError(errors)
    order = Order.objects.create(
        kind=kind, number=number.strip(), date=date, faculty=faculty, title=title.strip()
    )
    audit.record(actor=actor, action="movements.order.prepared", target=order, after=_order_values(order))
    return order


@transaction.atomic
def update_order(*, actor, order: Order, number: str, date: dt.date, title: str = "") -> Order:
    order = _locked(order)
    _require_draft(order)
    errors = _order_errors(number=number, date=date, faculty=order.faculty, exclude=order.pk)
    if not errors and order.reverses_id and date < order.reverses.date:
        errors["date"] = [_("A reversal cannot be dated before the order it reverses.")]
    if errors:
        raise ValidationError(errors)
    before = _order_values(order)
    order.number, order.date, order.title = number.strip(), date, title.strip()
    order.save(update_fields=["number", "date", "title", "updated_at"])
    after = _order_values(order)
    keys = [k for k in after if before[k] != after[k]]
    audit.record(
        actor=actor,
        action="movements.order.updated",
        target=order,
        before={k: before[k] for k in keys},
        after={k: after[k] for k in keys},
    )
    return order


@transaction.atomic
def delete_order(*, actor, order: Order) -> None:
    order = _locked(order)
    _require_draft(order)
    students = list(order.items.values_list("student__student_id_number", flat=True))
    before = _order_values(order) | {"students": [s for s in students if s]}
    audit.record(actor=actor, action="movements.order.deleted", target=order, before=before)
    order.delete()


# --- items --------------------------------------------------------------------------------------


def _refuse_reversal_items(order: Order) -> None:
    if order.kind == OrderKind.REVERSAL:
        raise ValidationError(_("The students of a reversal are those of the order it reverses."))


def _admission_item(order: Order, *, student, admission_data, target_group, note: str) -> OrderItem:

    if student is not None:
        raise ValidationError(
            {"student": [_("An admission order admits new people, not existing students.")]}
        )
    if admission_data is None:
        raise ValidationError({"admission_data": [_("Enter the admitted person's data.")]})
    data = admission.clean_admission_data(admission_data, order=order, item=None)
    admission.check_target_group(target_group, data)
    return OrderItem(order=order, admission_data=data, target_group=target_group, note=note)


def _student_item(
    order: Order, *, student: Student | None, admission_data, values: dict, note: str
) -> OrderItem:
    if admission_data is not None:
        raise ValidationError({"admission_data": [_("Only admission orders carry admission data.")]})
    if student is None:
        raise ValidationError({"student": [_("Choose the student.")]})
    student = Student.objects.select_related("group", "programme").get(pk=student.pk)  # the current state
    if student.faculty_id != order.faculty_id:
        msg = _("%(name)s is not a student of the faculty of this order.")
        raise ValidationError({"student": [msg % {"name": student.full_name}]})
    if order.items.filter(student=student).exists():
        msg = _("%(name)s is already in this order: a student appears in an order once.")
        raise ValidationError({"student": [msg % {"name": student.full_name}]})
    used = TABLE[order.kind].fields
    kept = {name: value for name, value in values.items() if name in used}
    item = OrderItem(order=order, student=student, note=note, **kept)
    next_state(
        kind=order.kind, item=item, student=student, order_date=order.date, faculty_id=order.faculty_id
    )
    return item


@transaction.atomic
def add_item(
    *,
    actor,
    order: Order,
    student: Student | None = None,
    admission_data: dict | None = None,
    target_group: Group | None = None,
    expel_reason: str = "",
    leave_reason: str = "",
    leave_until: dt.date | None = None,
    host_institution: str = "",
    note: str = "",
) -> OrderItem:
    """A student (or, in an admission order, an admitted person) added to a draft order; the item is
    checked against the student's current state (and again when the order is applied)."""
    order = _locked(order)
    _require_draft(order)
    _refuse_reversal_items(order)
    note = (note or "").strip()
    if order.kind == OrderKind.ADMISSION:
        item = _admission_item(
            order, student=student, admission_data=admission_data, target_group=target_group, note=note
        )
    else:
        values = {
            "target_group": target_group,
            "expel_reason": expel_reason or "",
            "leave_reason": leave_reason or "",
            "leave_until": leave_until,
            "host_institution": (host_institution or "").strip(),
        }
        item = _student_item(order, student=student, admission_data=admission_data, values=values, note=note)
    item.save()
    audit.record(actor=actor, action="movements.order.item_added", target=order, data=_item_values(item))
    return item


def _item_values(item: OrderItem) -> dict:
    values = {name: getattr(item, name) for name in ITEM_FIELDS if name != "target_group"}
    values = {k: v for k, v in values.items() if v}
    if item.target_group_id:
        values["target_group"] = item.target_group.name
    if item.student_id:
        values["student"] = item.student.student_id_number
    elif item.admission_data:
        values["admitted"] = item.admission_data.get("student_id_number", "")
    return values | ({"note": item.note} if item.note else {})


@transaction.atomic
def remove_item(*, actor, item: OrderItem) -> None:
    order = _locked(item.order)
    _require_draft(order)
    _refuse_reversal_items(order)
    audit.record(actor=actor, action="movements.order.item_removed", target=order, data=_item_values(item))
    item.delete()


# --- applying -----------------------------------------------------------------------------------


def _snapshot(item: OrderItem, before: State | None, after: State) -> None:
    if before is not None:
        item.status_before, item.group_before = before.status, before.group
        item.course_before, item.graduate_before = before.course, before.is_graduate
    item.status_after, item.group_after = after.status, after.group
    item.course_after, item.graduate_after = after.course, after.is_graduate


SNAPSHOT_FIELDS = [
    f"{name}_{when}" for name in ("status", "group", "course", "graduate") for when in ("before", "after")
]


def _move(student: Student, after: State, now: dt.datetime) -> None:
    changed_group = (after.group.pk if after.group else None) != student.group_id
    student.status, student.group, student.course = after.status, after.group, after.course
    student.is_graduate, student.programme = after.is_graduate, after.programme
    fields = ["status", "group", "course", "is_graduate", "programme", "updated_at"]
    if changed_group and after.group is not None:
        student.group_assigned_at = now
        fields.append("group_assigned_at")
    student.save(update_fields=fields)


def _admit(item: OrderItem, *, actor) -> None:
    item.student = create_student(item=item, actor=actor)
    _snapshot(item, None, State.of(item.student))
    item.save(update_fields=["student", *SNAPSHOT_FIELDS])


@transaction.atomic
def apply_order(*, actor, order: Order) -> Order:
    """Apply a draft order: every student moves as its item says, or nobody does (one audit event)."""
    order = _locked(order)
    if order.status == OrderStatus.APPLIED:
        raise ValidationError(_("Order № %(number)s is already applied.") % {"number": order.number})
    # Lock the students first, so that the state the plan reads is the state the order changes.
    student_ids = [pk for pk in order.items.values_list("student_id", flat=True) if pk]
    list(Student.objects.select_for_update().filter(pk__in=student_ids).values_list("pk", flat=True))
    rows = selectors.order_plan(order)
    if not rows:
        raise ValidationError(_("The order has no students: add at least one before applying it."))
    errors = [message for row in rows for message in row.errors]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    for row in rows:
        if row.student is None:
            _admit(row.item, actor=actor)
            continue
        _move(row.student, row.after, now)
        _snapshot(row.item, row.before, row.after)
        row.item.save(update_fields=SNAPSHOT_FIELDS)
    order.status, order.applied_at, order.applied_by = OrderStatus.APPLIED, now, actor
    order.save(update_fields=["status", "applied_at", "applied_by", "updated_at"])
    audit.record(
        actor=actor,
        action="movements.order.applied",
        target=order,
        data=_order_values(order) | {"students": [_moved(row.item) for row in rows]},
    )
    return order


def _moved(item: OrderItem) -> dict:
    def group(g):
        return g.name if g else None

    return {
        "student": item.student.student_id_number,
        "status": [item.status_before, item.status_after],
        "group": [group(item.group_before), group(item.group_after)],
        "course": [item.course_before, item.course_after],
    }


# --- reversal -----------------------------------------------------------------------------------


def _reversal_refusal(order: Order) -> str | None:
    if order.status != OrderStatus.APPLIED:
        return _("Only an applied order can be reversed.")
    if order.kind == OrderKind.ADMISSION:
        return _("An admission order is not reversed: expel the admitted students by an expulsion order.")
    if order.kind == OrderKind.REVERSAL:
        return _("A reversal is not itself reversed: prepare a new order instead.")
    existing = Order.objects.filter(reverses=order).first()
    if existing is not None:
        return _("Order № %(number)s already has a reversal: order № %(reversal)s.") % {
            "number": order.number,
            "reversal": existing.number,
        }
    return None


@transaction.atomic
def prepare_reversal(*, actor, order: Order, number: str, date: dt.date) -> Order:
    """A draft reversal of an applied order, with the same students. Applying it restores each student's
    state before the order, provided no later order has changed them since."""
    order = _locked(order)
    refusal = _reversal_refusal(order)
    if refusal:
        raise ValidationError(refusal)
    errors = _order_errors(number=number, date=date, faculty=order.faculty)
    if "date" not in errors and date < order.date:
        errors["date"] = [_("A reversal cannot be dated before the order it reverses.")]
    if errors:
        raise ValidationError(errors)
    reversal = Order.objects.create(
        kind=OrderKind.REVERSAL, number=number.strip(), date=date, faculty=order.faculty, reverses=order
    )
    OrderItem.objects.bulk_create(
        [
            OrderItem(order=reversal, student_id=student_id)
            for student_id in order.items.values_list("student_id", flat=True)
        ]
    )
    audit.record(
        actor=actor,
        action="movements.order.reversal_prepared",
        target=reversal,
        after=_order_values(reversal) | {"reverses": order.pk},
    )
    return reversal


def reversal_refusal(order: Order) -> str | None:
    """Why ``order`` cannot be reversed (None: it can), for the pages."""
    return _reversal_refusal(order)
