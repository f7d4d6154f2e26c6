"""The student's own pages of annex 13 items 1, 7 and 8: the contacts step of the first log-in, "check my
personal data" with its correction requests, and the link out to Unilibrary.

A student reaches their record only through the policy's querysets (another student's requests are not
found); each write calls one students service, whose refusal is shown with what was entered."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from hemis.access import onboarding, policy
from hemis.access.policy.cabinet import own_correction_requests, personal_data_students
from hemis.core.files import stored_file
from hemis.core.models import UniversitySettings
from hemis.students import cabinet_selectors as selectors
from hemis.students.models import CorrectableField, Student
from hemis.students.selectors import student_of
from hemis.students.services import contacts as contact_services
from hemis.students.services import corrections as correction_services
from hemis.web.cabinet.personal_forms import ContactsForm, CorrectionRequestForm
from hemis.web.forms import call_service, status_of

# The personal data as the university holds it: (label, how to read it, the field a request corrects).
F = CorrectableField
FACTS = (
    (gettext_lazy("Last name"), "last_name", F.LAST_NAME),
    (gettext_lazy("First name"), "first_name", F.FIRST_NAME),
    (gettext_lazy("Patronymic"), "patronymic", F.PATRONYMIC),
    (gettext_lazy("Birth date"), "birth_date", F.BIRTH_DATE),
    (gettext_lazy("PINFL"), "pinfl", F.PINFL),
    (gettext_lazy("Passport"), "passport", F.PASSPORT),
    (gettext_lazy("Gender"), "gender", F.GENDER),
    (gettext_lazy("Citizenship"), "citizenship", F.CITIZENSHIP),
    (gettext_lazy("Address"), "address", F.ADDRESS),
    (gettext_lazy("Phone"), "phone", F.PHONE),
    (gettext_lazy("E-mail"), "email", F.EMAIL),
    (gettext_lazy("Accommodation"), "accommodation", F.ACCOMMODATION),
    (gettext_lazy("Social category"), "social_category", F.SOCIAL_CATEGORY),
    (gettext_lazy("Student ID"), "student_id_number", None),
    (gettext_lazy("Faculty"), "faculty", None),
    (gettext_lazy("Programme"), "programme", None),
    (gettext_lazy("Group"), "group", None),
    (gettext_lazy("Course"), "course", None),
    (gettext_lazy("Education type"), "education_type", None),
    (gettext_lazy("Education form"), "education_form", None),
    (gettext_lazy("Payment form"), "payment_form", None),
    (gettext_lazy("Status"), "status", None),
)


def _shown(student: Student, name: str) -> str:
    value = getattr(student, name)
    if name == "programme" and value is not None:
        return f"{value.code} — {value.name}"
    if name in ("faculty", "group") and value is not None:
        return value.name
    return correction_services.shown_value(student, name) or "—"


def facts(student: Student) -> list[tuple[str, str, str | None]]:
    return [(str(label), _shown(student, name), field) for label, name, field in FACTS]


def _own_student(request) -> Student:
    students = personal_data_students(request.principal).select_related("faculty", "programme", "group")
    student = students.first()
    if student is None:
        raise Http404
    return student


# --- the first log-in's contacts step (annex 13 item 1) -----------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def welcome(request):
    """The second step of a student's first log-in: their e-mail and phone. The middleware sends a student
    here until both are known; anyone with nothing left to do goes home."""
    if onboarding.pending_step(request.user) != onboarding.CONTACTS:
        return redirect("web:home")
    student = student_of(request.user)
    initial = {"email": student.email or request.user.email, "phone": student.phone}
    form = ContactsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = call_service(
            form, contact_services.enter_contacts, student=student, actor=request.user, **form.cleaned_data
        )
        if done is not None:
            messages.success(request, _("Thank you: your e-mail and phone are saved."))
            return redirect("web:home")
    return render(
        request,
        "web/cabinet/welcome.html",
        {"form": form, "student": student},
        status=status_of(request, form),
    )


# --- my personal data (annex 13 item 7) ----------------------------------------------------------------


@login_required
@require_GET
def personal_data(request):
    """The student's personal data as the university holds it, with their correction requests."""
    policy.require(request.principal, "cabinet.personal_data")
    student = _own_student(request)
    context = {
        "student": student,
        "facts": facts(student),
        "requests": list(selectors.own_requests(student)),
    }
    return render(request, "web/cabinet/personal_data.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def correction_request(request):
    """Ask the dean's office to correct one item of the personal data (with an optional scan)."""
    policy.require(request.principal, "cabinet.personal_data")
    student = _own_student(request)
    if request.method == "POST":
        form = CorrectionRequestForm(request.POST, request.FILES)
    else:
        chosen = request.GET.get("field", "")
        form = CorrectionRequestForm(initial={"field": chosen if chosen in F.values else ""})
    if request.method == "POST" and form.is_valid():
        done = call_service(
            form,
            correction_services.request_correction,
            student=student,
            actor=request.user,
            **form.cleaned_data,
        )
        if done is not None:
            messages.success(request, _("Your request has been sent to the dean's office."))
            return redirect("web:cabinet_personal_data")
    context = {"form": form, "student": student, "facts": facts(student)}
    return render(request, "web/cabinet/correction_request.html", context, status=status_of(request, form))


@login_required
@require_GET
def correction_file(request, pk: int):
    """The scan the student attached to their own request."""
    return stored_file(get_object_or_404(own_correction_requests(request.principal), pk=pk).file)


# --- Unilibrary (annex 13 item 8) --------------------------------------------------------------------


@login_required
@require_GET
def unilibrary(request):
    """A link out to the national e-library; the server never calls it."""
    policy.require(request.principal, "cabinet.unilibrary")
    return render(
        request, "web/cabinet/unilibrary.html", {"url": UniversitySettings.current().unilibrary_url}
    )
