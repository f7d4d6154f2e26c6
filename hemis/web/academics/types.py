"""Control (assessment) types (annex 4, item 1) and statement (qaydnoma) types (annex 4, item 3)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hemis.academics import selectors
from hemis.academics.enums import FinalExamType
from hemis.academics.models import ControlType, StatementType
from hemis.academics.services import types
from hemis.access import policy
from hemis.web.academics.common import confirm
from hemis.web.academics.forms import ControlTypeForm, StatementTypeForm
from hemis.web.forms import add_service_errors
from hemis.web.pages import paginate, stamped, xlsx_export

NAMES = ("name_uz", "name_ru", "name_en")


def _headers() -> list[str]:
    return [_("Code"), _("Name (Uzbek)"), _("Name (Russian)"), _("Name (English)"), _("Active")]


def _rows(items):
    return ((t.code, t.name_uz, t.name_ru, t.name_en, t.is_active) for t in items)


# --- control types ---------------------------------------------------------------------------


@login_required
@require_GET
def control_list(request):
    policy.require(request.principal, "academics.setup.view")
    context = {
        "page": paginate(request, selectors.control_types()),
        "can_edit": policy.can(request.principal, "academics.setup.edit"),
    }
    return render(request, "web/academics/control_list.html", context)


@login_required
@require_GET
def control_export(request):
    policy.require(request.principal, "academics.setup.view")
    return xlsx_export(
        request,
        action="academics.controltype.exported",
        filename=stamped("control-types"),
        title=_("Control types"),
        headers=_headers(),
        rows=_rows(selectors.control_types()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def control_edit(request, pk: int):
    policy.require(request.principal, "academics.setup.edit")
    control_type = get_object_or_404(ControlType, pk=pk)
    form = ControlTypeForm(
        request.POST or None, initial={n: getattr(control_type, n) for n in (*NAMES, "is_active")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            types.update_control_type(control_type=control_type, values=form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Control type %(code)s saved.") % {"code": control_type.code})
            return redirect("web:academics_controls")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "web/academics/control_form.html", {"form": form, "item": control_type}, status=status
    )


# --- statement types -------------------------------------------------------------------------


@login_required
@require_GET
def statement_list(request):
    policy.require(request.principal, "academics.setup.view")
    context = {
        "page": paginate(request, selectors.statement_types()),
        "can_edit": policy.can(request.principal, "academics.setup.edit"),
        "standard_codes": FinalExamType.values,
    }
    return render(request, "web/academics/statement_list.html", context)


@login_required
@require_GET
def statement_export(request):
    policy.require(request.principal, "academics.setup.view")
    return xlsx_export(
        request,
        action="academics.statementtype.exported",
        filename=stamped("statement-types"),
        title=_("Statement types"),
        headers=_headers(),
        rows=_rows(selectors.statement_types()),
    )


def _statement_form(request, statement_type: StatementType | None):
    form = StatementTypeForm(request.POST or None, initial=_initial(statement_type))
    if statement_type is not None:
        form.fields["code"].disabled = True
    if request.method != "POST" or not form.is_valid():
        return form, None
    try:
        if statement_type is None:
            saved = types.create_statement_type(values=form.cleaned_data, actor=request.user)
        else:
            saved = types.update_statement_type(
                statement_type=statement_type, values=form.cleaned_data, actor=request.user
            )
    except ValidationError as error:
        add_service_errors(form, error)
        return form, None
    return form, saved


def _initial(statement_type: StatementType | None) -> dict:
    if statement_type is None:
        return {"is_active": True}
    return {n: getattr(statement_type, n) for n in ("code", *NAMES, "is_active")}


@login_required
@require_http_methods(["GET", "POST"])
def statement_edit(request, pk: int | None = None):
    policy.require(request.principal, "academics.setup.edit")
    statement_type = get_object_or_404(StatementType, pk=pk) if pk is not None else None
    form, saved = _statement_form(request, statement_type)
    if saved is not None:
        messages.success(request, _("Statement type %(code)s saved.") % {"code": saved.code})
        return redirect("web:academics_statements")
    context = {
        "form": form,
        "item": statement_type,
        "standard": statement_type and types.is_standard(statement_type),
    }
    return render(
        request, "web/academics/statement_form.html", context, status=400 if request.method == "POST" else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def statement_delete(request, pk: int):
    policy.require(request.principal, "academics.setup.edit")
    statement_type = get_object_or_404(StatementType, pk=pk)
    if request.method != "POST":
        return confirm(request, obj=statement_type, back=reverse("web:academics_statements"))
    try:
        types.delete_statement_type(statement_type=statement_type, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Statement type %(code)s deleted.") % {"code": statement_type.code})
    return redirect("web:academics_statements")
