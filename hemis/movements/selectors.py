"""Reads of student orders: lists, the plan of an order (what applying it would do), a student's history."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from hemis.movements.enums import OrderKind, OrderStatus
from hemis.movements.models import Order, OrderItem
from hemis.movements.transitions import State, next_state


def orders(
    visible: QuerySet[Order],
    *,
    kind: str = "",
    status: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    number: str = "",
    faculty=None,
) -> QuerySet[Order]:
    """Visible orders narrowed by the list's filters, with their faculty and number of students."""
    # A correlated count: computed for the rows of the page only, not for every order.
    items = OrderItem.objects.filter(order=OuterRef("pk")).order_by().values("order")
    students = Coalesce(Subquery(items.annotate(n=Count("pk")).values("n")), 0)
    rows = visible.select_related("faculty", "reverses").annotate(students=students)
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    if date_from:
        rows = rows.filter(date__gte=date_from)
    if date_to:
        rows = rows.filter(date__lte=date_to)
    if number:
        rows = rows.filter(Q(number__icontains=number) | Q(title__icontains=number))
    if faculty is not None:
        rows = rows.filter(faculty=faculty)
    return rows.order_by("-date", "-pk")


def order_items(order: Order) -> list[OrderItem]:
    """The items of an order with everything its page shows; one query."""
    items = order.items.select_related(
        "student", "student__group", "target_group", "group_before", "group_after"
    ).order_by("pk")
    return list(items)


def student_history(student) -> list[OrderItem]:
    """The applied items of a student, oldest first, with their orders and groups; one query."""
    items = (
        OrderItem.objects.filter(student=student, order__status=OrderStatus.APPLIED)
        .select_related("order", "group_before", "group_after")
        .order_by("order__applied_at", "order__pk", "pk")
    )
    return list(items)


@dataclass
class PlanRow:
    """What applying an order does to one student: their state before and after, or why not."""

    item: OrderItem
    student: object = None  # None: an admitted person, created when the order is applied
    before: State | None = None
    after: State | None = None
    errors: list[str] = field(default_factory=list)


def order_plan(order: Order) -> list[PlanRow]:
    """For each item of a draft order, the student's state now and after applying it (two queries)."""
    items = list(
        order.items.select_related("student__group", "student__programme", "target_group").order_by("pk")
    )
    originals = _reversed_items(order) if order.kind == OrderKind.REVERSAL else {}
    rows = []
    for item in items:
        item.order = order
        if item.student is None:
            rows.append(PlanRow(item=item))
        elif order.kind == OrderKind.REVERSAL:
            rows.append(_reversal_row(item, originals.get(item.student_id)))
        else:
            rows.append(_movement_row(order, item))
    return rows


def _movement_row(order: Order, item: OrderItem) -> PlanRow:
    student = item.student
    row = PlanRow(item=item, student=student, before=State.of(student))
    try:
        row.after = next_state(
            kind=order.kind, item=item, student=student, order_date=order.date, faculty_id=order.faculty_id
        )
    except ValidationError as error:
        row.errors = error.messages
    return row


def _reversed_items(order: Order) -> dict[int, OrderItem]:
    if order.reverses_id is None:
        return {}
    items = OrderItem.objects.filter(order_id=order.reverses_id).select_related(
        "group_before__programme", "group_after"
    )
    return {item.student_id: item for item in items}


def _reversal_row(item: OrderItem, original: OrderItem | None) -> PlanRow:
    student = item.student
    row = PlanRow(item=item, student=student, before=State.of(student))
    now = (student.status, student.group_id, student.course, student.is_graduate)
    if original is None or now != (
        original.status_after,
        original.group_after_id,
        original.course_after,
        original.graduate_after,
    ):
        msg = _("%(name)s was changed by a later order: that order must be reversed first.")
        row.errors = [msg % {"name": student.full_name}]
        return row
    group = original.group_before
    row.after = State(
        original.status_before,
        group,
        original.course_before,
        bool(original.graduate_before),
        group.programme if group is not None else student.programme,
    )
    return row


def admission_orders_grouping():
    """Applied admission orders with how many students they admitted, how many of those are still
    without a group, and when the last of them was put into one (one query)."""
    admitted = Q(items__student__isnull=False)
    return list(
        Order.objects.filter(kind=OrderKind.ADMISSION, status=OrderStatus.APPLIED)
        .annotate(
            admitted=Count("items", filter=admitted),
            waiting=Count("items", filter=admitted & Q(items__student__group_assigned_at__isnull=True)),
            last_grouped=Max("items__student__group_assigned_at"),
        )
        .filter(admitted__gt=0)
        .select_related("faculty")
        .order_by("date", "pk")
    )


def admission_orders():
    """Every admission order with its faculty, oldest first (for the compliance evaluator); one query."""
    return Order.objects.filter(kind=OrderKind.ADMISSION).select_related("faculty").order_by("date", "pk")
