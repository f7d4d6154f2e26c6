from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hemis.access import services as access_services
from hemis.access.principal import SESSION_KEY
from hemis.web.access.forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "web/access/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        access_services.record_login(user=form.get_user())
        return response

    def form_invalid(self, form):
        access_services.record_login_failure(login=form.data.get("username") or "")
        return super().form_invalid(form)


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        access_services.record_logout(user=request.user)
    logout(request)
    return redirect("web:login")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "web/access/password_change.html"
    success_url = reverse_lazy("web:home")

    def form_valid(self, form):
        access_services.change_password(
            user=self.request.user, new_password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(self.request, self.request.user)
        messages.success(self.request, _("Your password has been changed."))
        return redirect(self.get_success_url())


@login_required
@require_POST
def switch_role(request):
    key = request.POST.get("role", "")
    choice = next((c for c in request.principal.choices if c.key == key), None)
    if choice is None:
        messages.error(request, _("You do not hold that role."))
    else:
        request.session[SESSION_KEY] = choice.key
        access_services.record_role_switch(user=request.user, role=choice.role, unit=choice.unit)
        messages.success(request, _("You now act as %(role)s.") % {"role": choice.label})
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    return redirect(target or "web:home")
