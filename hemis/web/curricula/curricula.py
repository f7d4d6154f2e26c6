"""Curricula (annex 5 item 2): the list, a new curriculum, the detail page, approval, return to
draft and copying to a new intake year."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hemis.academics.models import Programme
from hemis.access import policy
from hemis.curricula import selectors
from hemis.curricula.enums import CurriculumStatus, TrainingType
from hemis.curricula.services import curricula as services
from hemis.org.models import OrgUnit
from hemis.web.curricula.common import fetch
from hemis.web.curricula.forms import CopyForm, CurriculumForm, FilterForm
from hemis.web.forms import add_service_errors
from hemis.web.pages import paginate, stamped, xlsx_export


def _listed(request):
    visible = policy.visible_curricula(request.principal)
    form = FilterForm(
        request.GET or None,
        programmes=Programme.objects.filter(pk__in=visible.values("programme")).order_by("code"),
        faculties=OrgUnit.objects.filter(pk__in=visible.values("programme__faculty")).order_by("name_uz"),
    )
    return form, selectors.curricula(visible, **form.filters())


@login_required
@require_GET
def curriculum_list(request):
    policy.require(request.principal, "curricula.view")
    form, qs = _listed(request)
    context = {
        "form": form,
        "page": paginate(request, qs),
        "can_edit": policy.can(request.principal, "curricula.edit"),
    }
    return render(request, "web/curricula/list.html", context)


@login_required
@require_GET
def curriculum_export(request):
    policy.require(request.principal, "curricula.view")
    _form, qs = _listed(request)
    headers = [
        _("Programme"),
        _("Faculty"),
        _("Intake year"),
        _("Education form"),
        _("Status"),
        _("Approved on"),
        _("Semester"),
        _("Subject"),
        _("Subject type"),
        _("Block"),
        _("Credits"),
        *[label for _code, label in TrainingType.choices],
        _("Controls"),
        _("Final form"),
        _("Responsible department"),
    ]
    return xlsx_export(
        request,
        action="curricula.curriculum.exported",
        filename=stamped("curricula"),
        title=_("Curricula"),
        headers=headers,
        rows=_rows(qs),
    )


def _rows(qs):
    for cs in selectors.export_rows(qs):
        cur = cs.semester.curriculum
        hours = {load.training_type: load.hours for load in cs.loads.all()}
        yield (
            str(cur.programme),
            cur.programme.faculty.name,
            cur.intake_year,
            cur.get_education_form_display(),
            cur.get_status_display(),
            cur.approved_on,
            cs.semester.number,
            f"{cs.subject.code} {cs.subject.name}",
            cs.get_subject_type_display(),
            cs.block,
            cs.credits,
            *[hours.get(code, 0) for code in TrainingType.values],
            ", ".join(f"{c.control_type.name} {c.max_points}" for c in cs.controls.all()),
            cs.get_final_form_display(),
            cs.department.name,
        )


@login_required
@require_http_methods(["GET", "POST"])
def curriculum_create(request):
    policy.require(request.principal, "curricula.edit")
    form = CurriculumForm(request.POST or None, programmes=policy.curriculum_programmes(request.principal))
    if request.method == "POST" and form.is_valid():
        policy.require(request.principal, "curricula.edit", form.cleaned_data["programme"])
        try:
            cur = services.create_curriculum(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Curriculum %(curriculum)s created with its semesters.") % {"curriculum": cur}
            )
            return redirect("web:curricula_detail", pk=cur.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/curricula/form.html", {"form": form}, status=status)


def _used_types(cur) -> list[str]:
    """The lesson types that have hours somewhere in the curriculum: the columns worth showing."""
    used = {
        load.training_type for s in cur.semesters.all() for cs in s.subjects.all() for load in cs.loads.all()
    }
    return [t for t in TrainingType.values if t in used] or [TrainingType.LECTURE]


def _control_legend(cur) -> list:
    """The control types of the curriculum in the order the points are shown (by code)."""
    found = {
        c.control_type_id: c.control_type
        for s in cur.semesters.all()
        for cs in s.subjects.all()
        for c in cs.controls.all()
    }
    return sorted(found.values(), key=lambda t: t.code)


def _semester_rows(cur, types: list[str]) -> list[dict]:
    out = []
    for semester in cur.semesters.all():
        subjects = [
            (cs, [next((load.hours for load in cs.loads.all() if load.training_type == t), 0) for t in types])
            for cs in semester.subjects.all()
        ]
        totals = selectors.semester_totals(semester)
        totals.by_type = {t: totals.by_type.get(t, 0) for t in types}
        out.append({"semester": semester, "subjects": subjects, "totals": totals})
    return out


@login_required
@require_GET
def curriculum_detail(request, pk: int):
    policy.require(request.principal, "curricula.view")
    cur = fetch(request, selectors.curriculum, pk)
    types = _used_types(cur)
    semesters = _semester_rows(cur, types)
    context = {
        "cur": cur,
        "semesters": semesters,
        "training_types": [(t, TrainingType(t).label) for t in types],
        "control_legend": _control_legend(cur),
        "total_credits": sum((s["totals"].credits for s in semesters), 0),
        "total_hours": sum(s["totals"].hours for s in semesters),
        "can_edit": policy.can(request.principal, "curricula.edit", cur),
        "can_approve": cur.status == CurriculumStatus.DRAFT
        and policy.can(request.principal, "curricula.approve", cur),
        "can_return": cur.status == CurriculumStatus.APPROVED
        and policy.can(request.principal, "curricula.return_to_draft", cur),
    }
    return render(request, "web/curricula/detail.html", context)


def _confirm(request, cur, *, action: str, run, title: str, question: str, done: str):
    if request.method == "POST":
        try:
            run(curriculum=cur, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return redirect("web:curricula_detail", pk=cur.pk)
    context = {"cur": cur, "title": title, "question": question, "action": action}
    return render(request, "web/curricula/confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def curriculum_approve(request, pk: int):
    cur = fetch(
        request, lambda qs, pk: qs.select_related("programme__faculty").get(pk=pk), pk, "curricula.approve"
    )
    empty = services.empty_semesters(cur)
    question = _("Approve the curriculum %(curriculum)s? The approval date will be today.") % {
        "curriculum": cur
    }
    if empty:
        question += " " + _("Semesters without subjects: %(numbers)s.") % {
            "numbers": ", ".join(map(str, empty))
        }
    return _confirm(
        request,
        cur,
        action="approve",
        run=services.approve_curriculum,
        title=_("Approve the curriculum"),
        question=question,
        done=_("Curriculum %(curriculum)s approved.") % {"curriculum": cur},
    )


@login_required
@require_http_methods(["GET", "POST"])
def curriculum_return(request, pk: int):
    cur = fetch(
        request,
        lambda qs, pk: qs.select_related("programme__faculty").get(pk=pk),
        pk,
        "curricula.return_to_draft",
    )
    return _confirm(
        request,
        cur,
        action="return",
        run=services.return_to_draft,
        title=_("Return to draft"),
        question=_("Return the curriculum %(curriculum)s to draft? Its approval date will be cleared.")
        % {"curriculum": cur},
        done=_("Curriculum %(curriculum)s returned to draft.") % {"curriculum": cur},
    )


@login_required
@require_http_methods(["GET", "POST"])
def curriculum_copy(request, pk: int):
    source = fetch(
        request, lambda qs, pk: qs.select_related("programme__faculty").get(pk=pk), pk, "curricula.edit"
    )
    form = CopyForm(request.POST or None, initial={"intake_year": source.intake_year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.copy_curriculum(
                source=source, intake_year=form.cleaned_data["intake_year"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Curriculum copied to %(curriculum)s.") % {"curriculum": copy})
            return redirect("web:curricula_detail", pk=copy.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/curricula/copy.html", {"form": form, "cur": source}, status=status)
