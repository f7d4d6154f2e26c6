"""Admission (annex 5 item 5): admission orders, the people they admit (one by one or from Excel),
and the students they become once the order is applied (the order pages of ``orders`` apply it)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hemis.academics.models import Programme
from hemis.access import policy
from hemis.core.excel import XLSX
from hemis.movements import admission, services
from hemis.movements.enums import OrderKind, OrderStatus
from hemis.movements.models import Order, OrderItem
from hemis.movements.services import admission_import
from hemis.students.models import PaymentForm
from hemis.web.forms import add_service_errors, message_errors
from hemis.web.movements.forms import (
    AdmissionFilterForm,
    AdmissionOrderForm,
    ImportForm,
    ImportNewOrderForm,
    PersonForm,
)
from hemis.web.pages import paginate, xlsx_export

VIEW, EDIT, APPLY = "orders.view", "orders.edit", "orders.apply"
MAX_BYTES = 10 * 1024 * 1024
PAYMENT_LABELS = dict(PaymentForm.choices)


def _visible(request):
    policy.require(request.principal, VIEW)
    return policy.visible_orders(request.principal).filter(kind=OrderKind.ADMISSION)


def _order(request, pk: int) -> Order:
    return get_object_or_404(_visible(request).select_related("faculty", "applied_by"), pk=pk)


def _editable(request, pk: int) -> Order | None:
    """A prepared admission order the active role may change; None (with a message) once applied."""
    order = _order(request, pk)
    policy.require(request.principal, EDIT, order)
    if order.status != OrderStatus.DRAFT:
        messages.error(request, _("Order № %(number)s is already applied.") % {"number": order.number})
        return None
    return order


def _faculties(request):
    """The faculties whose admission orders the active role prepares (a dean's office: its own)."""
    return policy.order_faculties(request.principal).filter(active=True).order_by("path")


def _student_url(student_id: int | None) -> str | None:
    if student_id is None:
        return None
    try:
        return reverse("web:students_student", args=[student_id])
    except NoReverseMatch:  # the student pages are not installed
        return None


# --- list ---------------------------------------------------------------------------------------


def _filtered(request):
    form = AdmissionFilterForm(request.GET)
    rows = _visible(request).select_related("faculty").annotate(people=Count("items"))
    filters = form.filters()
    if filters.get("number"):
        rows = rows.filter(number__icontains=filters["number"])
    if filters.get("status"):
        rows = rows.filter(status=filters["status"])
    return form, filters, rows.order_by("-date", "-pk")


@login_required
@require_GET
def admission_list(request):
    form, _filters, rows = _filtered(request)
    context = {
        "form": form,
        "page": paginate(request, rows),
        "can_edit": policy.can(request.principal, EDIT),
    }
    return render(request, "web/movements/admission_list.html", context)


@login_required
@require_GET
def admission_export(request):
    _form, filters, rows = _filtered(request)
    data = [
        (
            o.number,
            o.date,
            o.faculty.name,
            o.title,
            o.people,
            o.get_status_display(),
            o.applied_at,
        )
        for o in rows
    ]
    headers = [_("Order number"), _("Order date"), _("Faculty"), _("Title"), _("Admitted"), _("Status")]
    headers.append(_("Applied at"))
    return xlsx_export(
        request,
        action="movements.order.exported",
        filename="admission-orders.xlsx",
        title=_("Admission"),
        headers=headers,
        rows=data,
        filters={"kind": OrderKind.ADMISSION, **filters},
    )


@login_required
@require_http_methods(["GET", "POST"])
def admission_create(request):
    policy.require(request.principal, EDIT)
    form = AdmissionOrderForm(request.POST or None, faculties=_faculties(request))
    if request.method == "POST" and form.is_valid():
        policy.require(request.principal, EDIT, form.cleaned_data["faculty"])
        try:
            order = services.prepare_order(actor=request.user, kind=OrderKind.ADMISSION, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Admission order prepared: now add the admitted people."))
            return redirect("web:admission_order", pk=order.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/movements/admission_order_form.html", {"form": form}, status=status)


# --- one order ------------------------------------------------------------------------------------


def _rows(order: Order) -> list[dict]:
    """The people of an order with their programme (two queries)."""
    items = list(order.items.select_related("student", "target_group").order_by("pk"))
    pks = {(item.admission_data or {}).get("programme") for item in items}
    programmes = {p.pk: p for p in Programme.objects.filter(pk__in=pks - {None})}
    return [
        {
            "item": item,
            "data": item.admission_data or {},
            "name": admission.full_name(item.admission_data),
            "programme": programmes.get((item.admission_data or {}).get("programme")),
            "student_url": _student_url(item.student_id),
            "payment": PAYMENT_LABELS.get((item.admission_data or {}).get("payment_form"), "—"),
        }
        for item in items
    ]


@login_required
@require_GET
def admission_order(request, pk: int):
    order = _order(request, pk)
    draft = order.status == OrderStatus.DRAFT
    can_edit = draft and policy.can(request.principal, EDIT, order)
    context = {
        "order": order,
        "rows": _rows(order),
        "can_edit": can_edit,
        "can_apply": draft and policy.can(request.principal, APPLY, order),
    }
    return render(request, "web/movements/admission_order.html", context)


def _person_form(order: Order, data=None) -> PersonForm:
    programmes = Programme.objects.filter(faculty=order.faculty, is_active=True).order_by("code")
    groups = order.faculty.groups.filter(is_active=True).order_by("name")
    return PersonForm(data, programmes=programmes, groups=groups)


@login_required
@require_http_methods(["GET", "POST"])
def admission_add(request, pk: int):
    order = _editable(request, pk)
    if order is None:
        return redirect("web:admission_order", pk=pk)
    form = _person_form(order, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.add_item(
                actor=request.user,
                order=order,
                admission_data=form.person_data(),
                target_group=form.cleaned_data["target_group"],
            )
        except ValidationError as error:
            add_service_errors(form, error, rename={"admission_data": "__all__"})
        else:
            name = admission.full_name(item.admission_data)
            messages.success(request, _("%(name)s added to the order.") % {"name": name})
            if "another" in request.POST:
                return redirect("web:admission_add", pk=order.pk)
            return redirect("web:admission_order", pk=order.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "web/movements/admission_person_form.html", {"form": form, "order": order}, status=status
    )


@login_required
@require_POST
def admission_remove(request, pk: int, item_pk: int):
    order = _editable(request, pk)
    if order is None:
        return redirect("web:admission_order", pk=pk)
    item = get_object_or_404(OrderItem, pk=item_pk, order=order)
    item.order = order
    try:
        services.remove_item(actor=request.user, item=item)
    except ValidationError as error:
        message_errors(request, error)
    else:
        name = admission.full_name(item.admission_data)
        messages.success(request, _("%(name)s removed from the order.") % {"name": name})
    return redirect("web:admission_order", pk=order.pk)


# --- Excel import ---------------------------------------------------------------------------------


def _run_import(request, form, **target):
    """Import the uploaded file; returns (order or None, errors) and puts refusals onto the form."""
    upload = form.cleaned_data["file"]
    if upload.size > MAX_BYTES:
        form.add_error("file", _("The file must not be larger than 10 MB."))
        return None, []
    try:
        order, count, errors = admission_import.import_admission(
            actor=request.user, content=upload.read(), filename=upload.name, **target
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return None, []
    if not errors:
        messages.success(
            request,
            ngettext("%(count)d person imported.", "%(count)d people imported.", count) % {"count": count},
        )
    return (order if not errors else None), errors


def _import_page(request, form, errors, order=None):
    context = {
        "form": form,
        "order": order,
        "errors": errors,
        "bad_rows": len({e.row for e in errors}),
        "columns": admission_import.COLUMNS,
        "required": admission_import.REQUIRED_COLUMNS,
    }
    status = 400 if (form.errors or errors) else 200
    return render(request, "web/movements/admission_import.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def admission_import_new(request):
    policy.require(request.principal, EDIT)
    form = ImportNewOrderForm(request.POST or None, request.FILES or None, faculties=_faculties(request))
    errors = []
    if request.method == "POST" and form.is_valid():
        target = {k: form.cleaned_data[k] for k in ("number", "date", "faculty")}
        policy.require(request.principal, EDIT, target["faculty"])
        order, errors = _run_import(request, form, **target)
        if order is not None:
            return redirect("web:admission_order", pk=order.pk)
    return _import_page(request, form, errors)


@login_required
@require_http_methods(["GET", "POST"])
def admission_import_into(request, pk: int):
    order = _editable(request, pk)
    if order is None:
        return redirect("web:admission_order", pk=pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        imported, errors = _run_import(request, form, order=order)
        if imported is not None:
            return redirect("web:admission_order", pk=order.pk)
    return _import_page(request, form, errors, order=order)


@login_required
@require_GET
def admission_template(request):
    policy.require(request.principal, EDIT)
    faculties = _faculties(request)
    programme = Programme.objects.filter(faculty__in=faculties, is_active=True).order_by("code").first()
    content = admission_import.template_bytes(programme_code=programme.code if programme else "")
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="admission-import-template.xlsx"'
    return response
