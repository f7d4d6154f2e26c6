"""Excel import of employees (all or nothing, with a report of every bad row) and its template file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from hemis.access import policy
from hemis.core.excel import XLSX
from hemis.staff.services import imports
from hemis.web.forms import add_service_errors
from hemis.web.staff.forms import ImportForm

MAX_BYTES = 10 * 1024 * 1024


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request):
    policy.require(request.principal, "staff.edit")
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[imports.RowError] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            form.add_error("file", _("The file must not be larger than 10 MB."))
        else:
            try:
                count, errors = imports.import_employees(
                    content=upload.read(), actor=request.user, filename=upload.name
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if not errors:
                    messages.success(
                        request,
                        ngettext("%(count)d employee imported.", "%(count)d employees imported.", count)
                        % {"count": count},
                    )
                    return redirect("web:staff_employees")
    bad_rows = len({e.row for e in errors})
    context = {"form": form, "errors": errors, "bad_rows": bad_rows, "columns": imports.COLUMNS}
    status = 400 if (form.errors or errors) else 200
    return render(request, "web/staff/import.html", context, status=status)


@login_required
@require_GET
def import_template(request):
    policy.require(request.principal, "staff.edit")
    response = HttpResponse(imports.template_bytes(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="employees-import-template.xlsx"'
    return response
