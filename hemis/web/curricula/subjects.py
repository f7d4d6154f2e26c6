"""A semester's week schedule and its subjects (annex 5 items 2 and 3)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hemis.curricula import selectors
from hemis.curricula.services import curricula as services
from hemis.curricula.services import subjects
from hemis.web.curricula.common import fetch
from hemis.web.curricula.forms import SubjectForm, WeeksForm, subject_initial
from hemis.web.forms import add_service_errors


def _back(curriculum_id: int, number: int) -> str:
    return reverse("web:curricula_detail", kwargs={"pk": curriculum_id}) + f"#semester-{number}"


@login_required
@require_http_methods(["GET", "POST"])
def semester_weeks(request, pk: int):
    semester = fetch(request, selectors.semester, pk, "curricula.edit")
    form = WeeksForm(request.POST or None, semester=semester)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.set_week_kinds(semester=semester, kinds=form.kinds(), actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Week schedule of semester %(number)s saved (%(count)s weeks changed).")
                % {"number": semester.number, "count": len(changed)},
            )
            return redirect(_back(semester.curriculum_id, semester.number))
    context = {
        "form": form,
        "semester": semester,
        "cur": semester.curriculum,
        "totals": selectors.week_counts(semester.weeks.all()),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "web/curricula/weeks.html", context, status=status)


def _subject_form(request, form: SubjectForm, save):
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(values=form.values(), loads=form.loads(), controls=form.controls(), actor=request.user)
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def _render_form(request, form, semester, cs=None):
    context = {"form": form, "semester": semester, "cur": semester.curriculum, "cs": cs}
    status = 400 if request.method == "POST" else 200
    return render(request, "web/curricula/subject_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def subject_add(request, pk: int):
    semester = fetch(request, selectors.semester, pk, "curricula.edit")
    form = SubjectForm(request.POST or None, semester=semester)
    saved = _subject_form(request, form, lambda **kw: subjects.add_subject(semester=semester, **kw))
    if saved is not None:
        messages.success(
            request,
            _("%(subject)s added to semester %(number)s.")
            % {"subject": saved.subject, "number": semester.number},
        )
        return redirect(_back(semester.curriculum_id, semester.number))
    return _render_form(request, form, semester)


@login_required
@require_http_methods(["GET", "POST"])
def subject_edit(request, pk: int):
    cs = fetch(request, selectors.curriculum_subject, pk, "curricula.edit")
    form = SubjectForm(request.POST or None, semester=cs.semester, initial=subject_initial(cs))
    saved = _subject_form(request, form, lambda **kw: subjects.update_subject(curriculum_subject=cs, **kw))
    if saved is not None:
        messages.success(request, _("%(subject)s saved.") % {"subject": saved.subject})
        return redirect(_back(cs.semester.curriculum_id, cs.semester.number))
    return _render_form(request, form, cs.semester, cs)


@login_required
@require_http_methods(["GET", "POST"])
def subject_delete(request, pk: int):
    cs = fetch(request, selectors.curriculum_subject, pk, "curricula.edit")
    back = _back(cs.semester.curriculum_id, cs.semester.number)
    if request.method != "POST":
        return render(
            request,
            "web/curricula/subject_delete.html",
            {"cs": cs, "cur": cs.semester.curriculum, "back": back},
        )
    try:
        subjects.remove_subject(curriculum_subject=cs, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(subject)s removed from semester %(number)s.")
            % {"subject": cs.subject, "number": cs.semester.number},
        )
    return redirect(back)
