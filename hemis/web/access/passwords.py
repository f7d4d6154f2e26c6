"""Password resets: the super administrator for staff (annex 1, item 8), the dean's office for the
students of its faculty (annex 5, item 20). The temporary password is shown once, never stored."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from hemis.access import policy, services
from hemis.web.access.forms import StudentIdForm


def _crumbs(principal, user) -> list[tuple[str, str]]:
    """Breadcrumbs back to where the reset started: the user's page, or the dean's student finder."""
    if policy.can(principal, "access.manage_roles"):
        users = (_("Users and roles"), reverse("web:admin_users"))
        return [users, (user.username, reverse("web:admin_user", kwargs={"pk": user.pk}))]
    return [(_("Reset a student's password"), reverse("web:admin_student_password"))]


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def password_reset(request, pk: int):
    """GET asks for confirmation; POST resets and shows the temporary password on this response only."""
    user = get_object_or_404(policy.password_resettable_users(request.principal), pk=pk)
    crumbs = _crumbs(request.principal, user)
    context = {"person": user, "crumbs": crumbs, "back_url": crumbs[-1][1]}
    if request.method == "POST":
        try:
            context["password"] = services.reset_password(user=user, actor=request.user)
        except ValidationError as exc:
            context["error"] = exc.messages[0]
            return render(request, "web/access/password_reset.html", context, status=400)
        return render(request, "web/access/password_reset_done.html", context)
    return render(request, "web/access/password_reset.html", context)


@login_required
@require_GET
def student_password(request):
    """The dean's office finds one of its students by student ID; others are simply not found."""
    policy.require(request.principal, "access.reset_student_password")
    form = StudentIdForm(request.GET if "student_id" in request.GET else None)
    context = {"form": form}
    if form.is_valid():
        student = (
            policy.visible_students(request.principal)
            .select_related("group", "user")
            .filter(student_id_number=form.cleaned_data["student_id"])
            .first()
        )
        context["student"] = student
        context["resettable"] = (
            student is not None
            and student.user_id is not None
            and policy.password_resettable_users(request.principal).filter(pk=student.user_id).exists()
        )
    return render(request, "web/access/student_password.html", context)
