"""The clearance sheet and diploma pages (issue 14): the student's sheet and diploma checklist with the
PDF downloads, a unit's queue of lines to sign or refuse, the super administrator's units, and the
diploma department's list of graduating students where diplomas are marked issued.

Protected objects come only through the policy's querysets (hidden and missing alike a 404); each write
calls one service, whose refusal is shown and changes nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hemis.access import policy
from hemis.access.policy.graduation import (
    clearance_student,
    decidable_lines,
    diploma_students,
    managed_units,
    own_lines,
    sheet_openable_students,
    signed_units,
)
from hemis.graduation import diploma_pdf, selectors, services
from hemis.web.forms import call_service, fresh, message_errors, status_of
from hemis.web.graduation.forms import DiplomaForm, GraduatesFilter, QueueFilter, RefuseForm, UnitForm
from hemis.web.pages import pdf_response

SHOWN = 300


# --- the student's sheet --------------------------------------------------------------------------


def _own_student(principal):
    policy.require(principal, "graduation.clearance.own")
    return get_object_or_404(clearance_student(principal).select_related("programme", "group"))


@login_required
@require_http_methods(["GET", "POST"])
def clearance_my(request):
    """The student's clearance sheet: each line's state, the reason of a refusal and the dates, a
    "settled — please check again" button on a refused line; a graduating student without a sheet opens
    it here (POST)."""
    student = _own_student(request.principal)
    status = 200
    if request.method == "POST":
        try:
            services.open_sheet(student=student, actor=request.user)
        except ValidationError as error:
            message_errors(request, error)
            status = 400
        else:
            messages.success(request, _("The clearance sheet is open: each unit has been asked to sign it."))
            return redirect("web:clearance_my")
    sheet = selectors.sheet_of(student)
    context = {
        "student": student,
        "sheet": sheet,
        "lines": list(sheet.lines.all()) if sheet else [],
        "graduating": services.is_graduating(student),
        "cleared": selectors.fully_signed(sheet),
    }
    return render(request, "web/graduation/clearance_my.html", context, status=status)


@login_required
@require_POST
def clearance_settled(request, pk: int):
    """The student reports a refused line's debt settled."""
    line = get_object_or_404(own_lines(request.principal), pk=pk)
    try:
        services.report_settled(line=line, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("The unit is asked to check again."))
    return redirect("web:clearance_my")


@login_required
@require_POST
def clearance_open(request, pk: int):
    """The dean's office opens the sheet for a graduating student of its faculty."""
    student = get_object_or_404(sheet_openable_students(request.principal), pk=pk)
    try:
        services.open_sheet(student=student, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("The clearance sheet of %(name)s is open.") % {"name": student.full_name})
    return _back(request, "web:clearance_students")


@login_required
@require_GET
def clearance_students(request):
    """The dean's office: the faculty's graduating students with their clearance state, and a button to
    open the sheet of those without one."""
    principal = request.principal
    policy.require(principal, "graduation.clearance.open")
    students = sheet_openable_students(principal)
    form = GraduatesFilter(request.GET or None, groups=policy.visible_groups(principal))
    rows = selectors.graduates(students, _graduates_filter(form))
    context = {"form": form, "students": list(rows[:SHOWN]), "shown": SHOWN, "opens": True}
    return render(request, "web/graduation/graduates.html", context)


# --- a unit's queue --------------------------------------------------------------------------------


@login_required
@require_GET
def clearance_queue(request):
    """The lines of the units the active role signs, pending first; sign or refuse with a reason."""
    principal = request.principal
    policy.require(principal, "graduation.clearance.sign")
    units = signed_units(principal)
    form = QueueFilter(request.GET or None, units=units)
    chosen = selectors.QueueFilter()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        chosen = selectors.QueueFilter(state=data["state"], unit=data["unit"], search=data["search"])
    lines = selectors.queue(decidable_lines(principal), chosen)
    context = {"form": form, "lines": list(lines[:SHOWN]), "shown": SHOWN, "refuse_form": RefuseForm()}
    return render(request, "web/graduation/queue.html", context)


def _back(request, default: str):
    """Back to the page the form was on (its ``next``: an address of this site only), else ``default``."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return redirect(target if safe else default)


@login_required
@require_POST
def clearance_sign(request, pk: int):
    line = get_object_or_404(decidable_lines(request.principal), pk=pk)
    try:
        services.sign_line(line=line, actor=request.user, role=request.principal.role)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(request, _("Signed for %(name)s.") % {"name": line.sheet.student.full_name})
    return _back(request, "web:clearance_queue")


@login_required
@require_POST
def clearance_refuse(request, pk: int):
    line = get_object_or_404(decidable_lines(request.principal), pk=pk)
    form = RefuseForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.refuse_line(line=line, actor=request.user, role=request.principal.role, reason=reason)
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(
            request,
            _("Refused for %(name)s: %(reason)s") % {"name": line.sheet.student.full_name, "reason": reason},
        )
    return _back(request, "web:clearance_queue")


# --- the units (super administrator) ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def clearance_units(request):
    """The units on the clearance sheet, and a form to add one."""
    principal = request.principal
    policy.require(principal, "graduation.units.manage")
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        unit = call_service(form, services.create_unit, actor=request.user, **form.cleaned_data)
        if unit is not None:
            messages.success(request, _("Unit %(name)s added.") % {"name": unit.name})
            return redirect("web:clearance_units")
    context = {"units": list(selectors.units().filter(pk__in=managed_units(principal))), "form": form}
    return render(request, "web/graduation/units.html", context, status=status_of(request, form))


@login_required
@require_http_methods(["GET", "POST"])
def clearance_unit(request, pk: int):
    """Edit or deactivate a unit (its lines already on sheets stay)."""
    unit = get_object_or_404(managed_units(request.principal), pk=pk)
    initial = {name: getattr(unit, name) for name in services.UNIT_FIELDS}
    form = UnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = call_service(
            form,
            services.update_unit,
            unit=fresh(unit),
            actor=request.user,
            **form.cleaned_data,
        )
        if changed is not None:
            messages.success(request, _("Unit %(name)s saved.") % {"name": changed.name})
            return redirect("web:clearance_units")
    context = {"unit": unit, "form": form}
    return render(request, "web/graduation/unit.html", context, status=status_of(request, form))


# --- diplomas -------------------------------------------------------------------------------------


def _graduates_filter(form) -> selectors.GraduatesFilter:
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return selectors.GraduatesFilter(search=data["search"], group=data["group"], state=data["state"])
    return selectors.GraduatesFilter()


@login_required
@require_GET
def diplomas(request):
    """The diploma department: the graduating students with their clearance state and diploma; a form
    beside each student without one records its series, number and date."""
    principal = request.principal
    policy.require(principal, "graduation.diplomas.manage")
    form = GraduatesFilter(request.GET or None, groups=policy.visible_groups(principal))
    rows = selectors.graduates(diploma_students(principal), _graduates_filter(form))
    context = {"form": form, "students": list(rows[:SHOWN]), "shown": SHOWN, "records": True}
    return render(request, "web/graduation/graduates.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def diploma_record(request, pk: int):
    """Record a student's diploma as issued (series, number, date)."""
    principal = request.principal
    policy.require(principal, "graduation.diplomas.manage")
    graduating = diploma_students(principal).filter(selectors.graduating_q())
    student = get_object_or_404(graduating.select_related("group", "programme"), pk=pk)
    form = DiplomaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        diploma = call_service(
            form, services.record_diploma, student=student, actor=request.user, **form.cleaned_data
        )
        if diploma is not None:
            messages.success(
                request,
                _("Diploma %(series)s %(number)s of %(name)s recorded.")
                % {"series": diploma.series, "number": diploma.number, "name": student.full_name},
            )
            return redirect("web:diplomas")
    gate = selectors.diploma_gate(student)
    context = {"student": student, "form": form, "gate": gate}
    return render(request, "web/graduation/diploma_record.html", context, status=status_of(request, form))


@login_required
@require_GET
def diploma_my(request):
    """The student's diploma checklist; the downloads once the clearance sheet is fully signed and the
    diploma is marked issued."""
    principal = request.principal
    policy.require(principal, "graduation.diploma.own")
    student = get_object_or_404(clearance_student(principal).select_related("programme"))
    gate = selectors.diploma_gate(student)
    return render(request, "web/graduation/diploma_my.html", {"student": student, "gate": gate})


def _open_diploma(request):
    principal = request.principal
    policy.require(principal, "graduation.diploma.own")
    student = get_object_or_404(clearance_student(principal).select_related("programme"))
    gate = selectors.diploma_gate(student)
    if not gate.open:
        raise Http404("the diploma is not available yet")
    gate.diploma.student = student
    return gate.diploma


@login_required
@require_GET
def diploma_download(request):
    diploma = _open_diploma(request)
    return pdf_response(
        diploma_pdf.diploma_pdf(diploma), f"diploma-{diploma.series}{diploma.number}.pdf", attachment=True
    )


@login_required
@require_GET
def supplement_download(request):
    diploma = _open_diploma(request)
    return pdf_response(
        diploma_pdf.supplement_pdf(diploma),
        f"diploma-supplement-{diploma.series}{diploma.number}.pdf",
        attachment=True,
    )
