"""The statement pages (annex 7 item 5, annex 5 item 13): the dean's office's list of its statements
with the generate form, the examiner's own statements, a statement's page (grade entry while it is
open, the Excel import and its template, reopening and signing off), and its PDF.

Protected objects are fetched only through the policy's querysets (hidden and missing alike a 404);
each write calls one statement service, whose refusal is shown with what was entered."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hemis.access import policy
from hemis.core.excel import XLSX
from hemis.grading import statement_selectors as selectors
from hemis.grading.services import grade_import
from hemis.grading.services import statements as services
from hemis.grading.statement_pdf import statement_pdf
from hemis.org.models import OrgUnit
from hemis.schedule.selectors import semester_on
from hemis.staff.models import Employee
from hemis.web.forms import add_service_errors, call_service, message_errors
from hemis.web.grading.statements_forms import (
    GenerateForm,
    GradesForm,
    GroupGenerateForm,
    ImportForm,
    ReopenForm,
    StatementFilter,
)
from hemis.web.pages import paginate, pdf_response

# The refusals of a grade save (the form or the import) without a field of their own stand above the form.
GRADES_RENAME = dict.fromkeys(("version", "statement", "grades", "versions"), NON_FIELD_ERRORS)

# --- the dean's office's list ---------------------------------------------------------------------------


def _generate_form(request, principal, semester) -> GenerateForm | None:
    if not policy.can(principal, "grading.statements.manage"):
        return None
    group_subjects = policy.statement_group_subjects(principal).select_related(
        "group", "curriculum_subject__subject"
    )
    if request.method != "POST":
        group_subjects = group_subjects.filter(semester=semester)
    group_subjects = group_subjects.order_by("group__name", "curriculum_subject__subject__code")
    examiners = (
        Employee.objects.filter(teaching_loads__group_subject__in=group_subjects.values("pk"))
        .distinct()
        .order_by("last_name", "first_name")
    )
    data = request.POST if request.method == "POST" else None
    return GenerateForm(data, group_subjects=group_subjects, examiners=examiners)


@login_required
@require_http_methods(["GET", "POST"])
def statements(request):
    """The statements of the scope by semester, with filters; the dean's office generates one here."""
    principal = request.principal
    policy.require(principal, "grading.view")
    today = timezone.localdate()
    rule = services.lock_rule()
    groups = policy.grading_groups(principal).order_by("name")
    faculties = OrgUnit.objects.filter(pk__in=groups.values("faculty_id")).order_by("path")
    current = semester_on(today)
    initial = {"semester": current.pk} if current else {}
    filters = StatementFilter(
        request.GET or None, faculties=faculties, groups=groups, initial=initial, auto_id="filter_%s"
    )
    chosen = filters.cleaned_data if filters.is_bound and filters.is_valid() else {"semester": current}
    form = _generate_form(request, principal, chosen.get("semester"))
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            statement = call_service(
                form, services.generate_statements, actor=request.user, **form.cleaned_data
            )
            if statement is not None:
                messages.success(request, _("The statement is generated."))
                return redirect("web:grading_statement", pk=statement.pk)
    rows = selectors.statement_list(
        policy.visible_statements(principal),
        today=today,
        semester=chosen.get("semester"),
        faculty=chosen.get("faculty"),
        group=chosen.get("group"),
        control_kind=chosen.get("control_kind", ""),
        state=chosen.get("state", ""),
        rule=rule,
    )
    page = paginate(request, rows)
    statements = selectors.with_states(page.object_list, today, rule)
    context = {
        "filters": filters,
        "page": page,
        "statements": statements,
        "latest_semester": None if statements else _latest_semester(principal, chosen.get("semester")),
        "form": form,
        "group_form": _group_form(principal, None, chosen.get("semester")) if form else None,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "web/grading/statements/list.html", context, status=status)


def _latest_semester(principal, shown):
    """When the semester shown has none of the scope's statements: the semester of its latest one (the
    page offers it), or None."""
    latest = policy.visible_statements(principal).exclude(semester=shown).order_by("-control_date", "-pk")
    statement = latest.select_related("semester__academic_year").first()
    return statement.semester if statement else None


def _group_form(principal, data, semester) -> GroupGenerateForm:
    groups = policy.grading_groups(principal).filter(
        pk__in=policy.statement_group_subjects(principal).values("group_id")
    )
    initial = {"semester": semester.pk} if semester else {}
    return GroupGenerateForm(data, groups=groups.order_by("name"), initial=initial, auto_id="group_%s")


@login_required
@require_POST
def statements_generate_group(request):
    """The dean's office generates the 1st statements of one control for all of a group's subjects
    whose control is on the timetable; those it could not make are listed with why."""
    principal = request.principal
    policy.require(principal, "grading.statements.manage")
    form = _group_form(principal, request.POST, None)
    if not form.is_valid():
        message_errors(request, ValidationError(form.errors))
        return redirect("web:grading_statements")
    made, skipped = services.generate_group_statements(actor=request.user, **form.cleaned_data)
    messages.success(
        request,
        ngettext("%(n)s statement is generated.", "%(n)s statements are generated.", len(made))
        % {"n": len(made)},
    )
    for group_subject, why in skipped:
        messages.warning(request, f"{group_subject.curriculum_subject.subject.name}: {why}")
    return redirect(f"{reverse('web:grading_statements')}?semester={form.cleaned_data['semester'].pk}")


@login_required
@require_GET
def my_statements(request):
    """The examiner's own statements, the latest control first."""
    principal = request.principal
    policy.require(principal, "grading.grade")
    today = timezone.localdate()
    page = paginate(request, selectors.statement_list(policy.gradable_statements(principal), today=today))
    context = {"page": page, "statements": selectors.with_states(page.object_list, today)}
    return render(request, "web/grading/statements/mine.html", context)


# --- a statement -------------------------------------------------------------------------------------------


def _statement_of(request, pk: int, statements):
    return get_object_or_404(selectors.statement_detail(statements), pk=pk)


def _page(request, statement, *, rows=None, form=None, import_form=None, errors=(), status=200):
    """The statement page (``rows``: its ``statement_rows`` when the caller read them already)."""
    principal = request.principal
    today = timezone.localdate()
    until = services.lock_date(statement)
    locked = services.locked_reason(statement, today, until)
    examiner = policy.gradable_statements(principal).filter(pk=statement.pk).exists()
    rows = selectors.statement_rows(statement) if rows is None else rows
    if examiner and not locked and form is None:
        form = GradesForm(rows=rows, max_points=statement.max_points)
    managed = policy.managed_statements(principal).filter(pk=statement.pk).exists()
    context = {
        "statement": statement,
        "rows": rows,
        "form": form if examiner and not locked else None,
        "import_form": (import_form or ImportForm()) if examiner and not locked else None,
        "errors": errors,
        "bad_rows": len({e.row for e in errors}),
        "locked": locked,
        "lock_until": until,
        "reopen_form": ReopenForm() if managed and (locked or statement.signed_at) else None,
        "can_sign": managed and statement.signed_at is None,
        "barred": sum(row.line.barred for row in rows),
        # the way back: the examiner's own list for a teacher, else the scope's list
        "back": "web:grading_statements"
        if policy.can(principal, "grading.view")
        else "web:grading_my_statements",
    }
    return render(request, "web/grading/statements/statement.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def statement(request, pk: int):
    """A statement: read by whoever sees it; its examiner enters the grades while it is open."""
    principal = request.principal
    item = _statement_of(request, pk, policy.visible_statements(principal))
    if request.method == "GET":
        return _page(request, item)
    editable = policy.gradable_statements(principal).filter(pk=item.pk).exists()
    if not editable or services.locked_reason(item, timezone.localdate()):
        raise PermissionDenied  # not the examiner's, or not open to them
    rows = selectors.statement_rows(item)
    form = GradesForm(request.POST, rows=rows, max_points=item.max_points)
    if form.is_valid():
        changed = call_service(
            form,
            services.enter_grades,
            rename=GRADES_RENAME,
            statement=item,
            grades=form.grades(),
            versions=form.versions(),
            actor=request.user,
        )
        if changed is not None:
            messages.success(
                request,
                ngettext("%(n)s grade is saved.", "%(n)s grades are saved.", changed) % {"n": changed},
            )
            return redirect("web:grading_statement", pk=item.pk)
    return _page(request, item, rows=rows, form=form, status=400)


@login_required
@require_POST
def statement_import(request, pk: int):
    """The examiner's grades from an Excel file: all or none, with the report of the bad rows."""
    item = _statement_of(request, pk, policy.gradable_statements(request.principal))
    form = ImportForm(request.POST, request.FILES)
    errors = []
    if form.is_valid():
        try:
            changed, errors = grade_import.import_grades(
                statement=item, content=form.cleaned_data["file"].read(), actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error, GRADES_RENAME)
        else:
            if not errors:
                messages.success(
                    request,
                    ngettext("%(n)s grade is imported.", "%(n)s grades are imported.", changed)
                    % {"n": changed},
                )
                return redirect("web:grading_statement", pk=item.pk)
    return _page(request, item, import_form=form, errors=errors, status=400)


@login_required
@require_GET
def statement_template(request, pk: int):
    """The Excel sheet to fill, prefilled with the statement's students."""
    item = _statement_of(request, pk, policy.gradable_statements(request.principal))
    response = HttpResponse(grade_import.template_bytes(item), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="statement-{item.pk}.xlsx"'
    return response


@login_required
@require_GET
def statement_pdf_view(request, pk: int):
    item = _statement_of(request, pk, policy.visible_statements(request.principal))
    return pdf_response(statement_pdf(item), f"statement-{item.pk}.pdf")


@login_required
@require_POST
def statement_reopen(request, pk: int):
    """The dean's office reopens a locked or signed-off statement for its examiner."""
    item = _statement_of(request, pk, policy.managed_statements(request.principal))
    form = ReopenForm(request.POST)
    if not form.is_valid():
        message_errors(request, ValidationError(form.errors))
        return redirect("web:grading_statement", pk=item.pk)
    until = form.cleaned_data["until"]
    try:
        services.reopen_statement(
            statement=item, until=until, reason=form.cleaned_data["reason"], actor=request.user
        )
    except ValidationError as error:
        message_errors(request, error)
    else:
        messages.success(
            request,
            _("The statement is reopened for the examiner until %(date)s.") % {"date": f"{until:%d.%m.%Y}"},
        )
    return redirect("web:grading_statement", pk=item.pk)


@login_required
@require_POST
def statement_sign(request, pk: int):
    """The dean's office signs the statement off."""
    item = _statement_of(request, pk, policy.managed_statements(request.principal))
    try:
        missing = services.sign_statement(statement=item, actor=request.user)
    except ValidationError as error:
        message_errors(request, error)
    else:
        text = _("The statement is signed off.")
        if missing:
            text += " " + ngettext(
                "%(n)s student has no grade: it stays missing.",
                "%(n)s students have no grade: they stay missing.",
                missing,
            ) % {"n": missing}
        messages.success(request, text)
    return redirect("web:grading_statement", pk=item.pk)
