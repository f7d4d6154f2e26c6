"""Student orders (annex 5 item 7): list, export, prepare, items, apply, reverse, allowed movements."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hemis.access import policy
from hemis.movements import selectors, services
from hemis.movements.enums import OrderKind, OrderStatus
from hemis.movements.models import Order, OrderItem
from hemis.movements.transitions import OPTIONAL, REQUIRED, TABLE
from hemis.org.models import StructureType
from hemis.students.models import StudentStatus
from hemis.web.forms import call_service, message_errors
from hemis.web.movements.forms import ItemForm, OrderFilterForm, OrderForm, ReversalForm
from hemis.web.pages import paginate, xlsx_export

VIEW, EDIT, APPLY = "orders.view", "orders.edit", "orders.apply"


def _visible(request):
    policy.require(request.principal, VIEW)
    return policy.visible_orders(request.principal)


def _order(request, pk: int) -> Order:
    return get_object_or_404(_visible(request).select_related("faculty", "reverses", "applied_by"), pk=pk)


def _faculties(request):
    """The faculties the list filter offers (a university-wide role's)."""
    units = policy.visible_org_units(request.principal)
    return units.filter(structure_type=StructureType.FACULTY).order_by("path")


def _order_faculties(request):
    """The faculties an order may be prepared for (a dean's office: its own)."""
    return policy.order_faculties(request.principal).order_by("path")


def _refused(request, error: ValidationError, order: Order):
    message_errors(request, error)
    return redirect("web:orders_detail", pk=order.pk)


def _filtered(request):
    university = policy.university_wide(request.principal)
    form = OrderFilterForm(request.GET, faculties=_faculties(request) if university else None)
    return form, selectors.orders(_visible(request), **form.filters())


@login_required
@require_GET
def order_list(request):
    form, rows = _filtered(request)
    context = {
        "form": form,
        "page": paginate(request, rows),
        "can_edit": policy.can(request.principal, EDIT),
    }
    return render(request, "web/movements/order_list.html", context)


@login_required
@require_GET
def order_export(request):
    form, rows = _filtered(request)
    filters = {k: getattr(v, "code", v) for k, v in form.filters().items()}
    headers = [_("Order number"), _("Order date"), _("Kind of order"), _("Faculty"), _("Title")]
    headers += [_("Students"), _("Status"), _("Applied at")]
    data = (
        [
            o.number,
            o.date,
            o.get_kind_display(),
            o.faculty.name,
            o.title,
            o.students,
            o.get_status_display(),
            o.applied_at,
        ]
        for o in rows
    )
    return xlsx_export(
        request,
        action="movements.order.exported",
        filename="student-orders.xlsx",
        title=_("Student orders"),
        headers=headers,
        rows=data,
        filters=filters,
    )


@login_required
@require_http_methods(["GET", "POST"])
def order_create(request):
    policy.require(request.principal, EDIT)
    form = OrderForm(request.POST or None, faculties=_order_faculties(request))
    if request.method == "POST" and form.is_valid():
        policy.require(request.principal, EDIT, form.cleaned_data["faculty"])
        order = call_service(form, services.prepare_order, actor=request.user, **form.cleaned_data)
        if order is not None:
            messages.success(request, _("Order prepared: now add its students."))
            return redirect("web:orders_detail", pk=order.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/movements/order_form.html", {"form": form}, status=status)


def _admission_url(order: Order) -> str | None:
    try:
        return reverse("web:admission_add", args=[order.pk])
    except NoReverseMatch:  # the admission pages are not installed
        return None


@login_required
@require_GET
def order_detail(request, pk: int):
    order = _order(request, pk)
    draft = order.status == OrderStatus.DRAFT
    can_edit = draft and policy.can(request.principal, EDIT, order)
    refusal = None if draft else services.reversal_refusal(order)
    context = {
        "order": order,
        "items": selectors.order_items(order),
        "reversed_by": Order.objects.filter(reverses=order).first(),
        "can_edit": can_edit,
        "can_add": can_edit and order.kind != OrderKind.REVERSAL,
        "can_apply": draft and policy.can(request.principal, APPLY, order),
        "can_reverse": refusal is None and not draft and policy.can(request.principal, EDIT, order),
        "reversal_refusal": refusal,
        "fields": TABLE[order.kind].fields if order.kind in TABLE else {},
        "admission_url": _admission_url(order) if order.kind == OrderKind.ADMISSION else None,
    }
    return render(request, "web/movements/order_detail.html", context)


def _draft_for_edit(request, pk: int) -> Order:
    order = _order(request, pk)
    policy.require(request.principal, EDIT, order)
    return order


def _not_draft(request, order: Order):
    messages.error(
        request,
        _("Order № %(number)s is already applied: an applied order is never changed, only reversed.")
        % {"number": order.number},
    )
    return redirect("web:orders_detail", pk=order.pk)


@login_required
@require_http_methods(["GET", "POST"])
def order_edit(request, pk: int):
    order = _draft_for_edit(request, pk)
    if order.status != OrderStatus.DRAFT:
        return _not_draft(request, order)
    initial = {"number": order.number, "date": order.date, "title": order.title}
    form = OrderForm(request.POST or None, initial=initial, faculties=_order_faculties(request), editing=True)
    saved = request.method == "POST" and form.is_valid()
    if (
        saved
        and call_service(form, services.update_order, actor=request.user, order=order, **form.cleaned_data)
        is not None
    ):
        messages.success(request, _("Order saved."))
        return redirect("web:orders_detail", pk=order.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/movements/order_form.html", {"form": form, "order": order}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def order_delete(request, pk: int):
    order = _draft_for_edit(request, pk)
    if order.status != OrderStatus.DRAFT:
        return _not_draft(request, order)
    if request.method == "POST":
        services.delete_order(actor=request.user, order=order)
        messages.success(request, _("Prepared order deleted."))
        return redirect("web:orders_list")
    return render(request, "web/movements/order_delete.html", {"order": order})


def _item_form(request, order: Order, data=None) -> ItemForm:
    students = (
        policy.visible_students(request.principal)
        .filter(faculty=order.faculty, status__in=TABLE[order.kind].from_statuses)
        .exclude(pk__in=order.items.filter(student__isnull=False).values("student_id"))
        .select_related("group")
        .order_by("last_name", "first_name", "pk")
    )
    groups = (
        policy.visible_groups(request.principal)
        .filter(faculty=order.faculty, is_active=True)
        .order_by("name")
    )
    return ItemForm(data, kind=order.kind, students=students, groups=groups)


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request, pk: int):
    order = _draft_for_edit(request, pk)
    if order.kind == OrderKind.ADMISSION and _admission_url(order):
        return redirect(_admission_url(order))
    if order.status != OrderStatus.DRAFT:
        return _not_draft(request, order)
    if order.kind not in TABLE:
        messages.error(request, _("The students of a reversal are those of the order it reverses."))
        return redirect("web:orders_detail", pk=order.pk)
    form = _item_form(request, order, request.POST or None)
    posted = request.method == "POST" and form.is_valid()
    if (
        posted
        and call_service(form, services.add_item, actor=request.user, order=order, **form.cleaned_data)
        is not None
    ):
        messages.success(request, _("Student added to the order."))
        return redirect("web:orders_detail", pk=order.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "order": order, "movement": TABLE[order.kind]}
    return render(request, "web/movements/item_form.html", context, status=status)


@login_required
@require_POST
def item_remove(request, pk: int, item_pk: int):
    order = _draft_for_edit(request, pk)
    item = get_object_or_404(
        OrderItem.objects.select_related("student", "target_group"), pk=item_pk, order=order
    )
    item.order = order
    try:
        services.remove_item(actor=request.user, item=item)
    except ValidationError as error:
        return _refused(request, error, order)
    messages.success(request, _("Removed from the order."))
    return redirect("web:orders_detail", pk=order.pk)


@login_required
@require_http_methods(["GET", "POST"])
def order_apply(request, pk: int):
    """GET: what applying the order will change for each student; POST: apply it."""
    order = _order(request, pk)
    policy.require(request.principal, APPLY, order)
    if order.status != OrderStatus.DRAFT:
        messages.error(request, _("Order № %(number)s is already applied.") % {"number": order.number})
        return redirect("web:orders_detail", pk=order.pk)
    errors = []
    if request.method == "POST":
        try:
            services.apply_order(actor=request.user, order=order)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Order applied: the students' records follow it."))
            return redirect("web:orders_detail", pk=order.pk)
    rows = selectors.order_plan(order)
    context = {
        "order": order,
        "rows": rows,
        "errors": errors,
        "blocked": any(r.errors for r in rows) or not rows,
    }
    return render(request, "web/movements/order_apply.html", context, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def order_reverse(request, pk: int):
    order = _order(request, pk)
    policy.require(request.principal, EDIT, order)
    refusal = services.reversal_refusal(order)
    if refusal:
        messages.error(request, refusal)
        return redirect("web:orders_detail", pk=order.pk)
    form = ReversalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reversal = call_service(
            form, services.prepare_reversal, actor=request.user, order=order, **form.cleaned_data
        )
        if reversal is not None:
            messages.success(request, _("Reversal prepared: check it and apply it."))
            return redirect("web:orders_detail", pk=reversal.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/movements/order_reverse.html", {"form": form, "order": order}, status=status)


def _field_names(movement, need: str) -> list[str]:
    return [OrderItem._meta.get_field(name).verbose_name for name, n in movement.fields.items() if n == need]


@login_required
@require_GET
def transitions(request):
    """The help page "Allowed movements": the transition table, as the services apply it."""
    policy.require(request.principal, VIEW)
    rows = [
        {
            "kind": OrderKind(kind).label,
            "from": [StudentStatus(s).label for s in movement.from_statuses],
            "to": StudentStatus(movement.to_status).label if movement.to_status else None,
            "required": _field_names(movement, REQUIRED),
            "optional": _field_names(movement, OPTIONAL),
            "rule": movement.rule,
        }
        for kind, movement in TABLE.items()
    ]
    return render(request, "web/movements/transitions.html", {"rows": rows})
