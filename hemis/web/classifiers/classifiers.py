"""HEMIS classifiers: everyone entitled browses them; the super administrator adds, renames,
deactivates and deletes local options (annex 1; built-in HEMIS options are never deleted)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hemis.access import policy
from hemis.classifiers import selectors, services, usage
from hemis.classifiers.models import Classifier, ClassifierOption
from hemis.web.classifiers.forms import ClassifierSearchForm, OptionForm, OptionNamesForm
from hemis.web.forms import add_service_errors


def _classifier(request, key: str) -> Classifier:
    policy.require(request.principal, "classifiers.view")
    return get_object_or_404(Classifier, key=key)


def _option(request, key: str, code: str) -> ClassifierOption:
    policy.require(request.principal, "classifiers.edit")
    return get_object_or_404(
        ClassifierOption.objects.select_related("classifier"), classifier__key=key, code=code
    )


@login_required
def classifier_list(request):
    policy.require(request.principal, "classifiers.view")
    form = ClassifierSearchForm(request.GET)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    rows = list(selectors.classifiers(search))
    return render(request, "web/classifiers/classifiers.html", {"form": form, "classifiers": rows})


def _render_classifier(request, classifier: Classifier, form: OptionForm, status: int = 200):
    counts = usage.usage_counts(classifier.key)
    options = selectors.options(classifier.key, include_inactive=True)
    context = {
        "classifier": classifier,
        "rows": [(option, counts.get(option.code, 0)) for option in options],
        "tracked": bool(usage.USAGES.get(classifier.key)),
        "can_edit": policy.can(request.principal, "classifiers.edit"),
        "form": form,
    }
    return render(request, "web/classifiers/classifier.html", context, status=status)


@login_required
def classifier_detail(request, key: str):
    return _render_classifier(request, _classifier(request, key), OptionForm())


@login_required
@require_POST
def option_add(request, key: str):
    classifier = _classifier(request, key)
    policy.require(request.principal, "classifiers.edit")
    form = OptionForm(request.POST)
    if form.is_valid():
        try:
            option = services.add_option(classifier=classifier, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Option %(code)s added.") % {"code": option.code})
            return redirect("web:reference_classifier", key=classifier.key)
    return _render_classifier(request, classifier, form, status=400)


def _render_option(request, option: ClassifierOption, form: OptionNamesForm, status: int = 200):
    context = {"classifier": option.classifier, "option": option, "form": form, "uses": usage.uses(option)}
    return render(request, "web/classifiers/option_edit.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def option_edit(request, key: str, code: str):
    option = _option(request, key, code)
    if request.method == "GET":
        initial = {"name_uz": option.name_uz, "name_ru": option.name_ru, "name_en": option.name_en}
        return _render_option(request, option, OptionNamesForm(initial=initial))
    form = OptionNamesForm(request.POST)
    if not form.is_valid():
        return _render_option(request, option, form, status=400)
    services.update_names(option=option, actor=request.user, **form.cleaned_data)
    messages.success(request, _("Option %(code)s saved.") % {"code": option.code})
    return redirect("web:reference_classifier", key=key)


@login_required
@require_POST
def option_active(request, key: str, code: str):
    """Deactivate (``active=0``) or reactivate (``active=1``) an option."""
    option = _option(request, key, code)
    if request.POST.get("active") == "1":
        services.activate_option(option=option, actor=request.user)
        messages.success(request, _("Option %(code)s is active again.") % {"code": option.code})
    else:
        services.deactivate_option(option=option, actor=request.user)
        messages.success(request, _("Option %(code)s deactivated.") % {"code": option.code})
    return redirect("web:reference_classifier", key=key)


@login_required
@require_POST
def option_delete(request, key: str, code: str):
    option = _option(request, key, code)
    try:
        services.delete_option(option=option, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("web:reference_option_edit", key=key, code=code)
    messages.success(request, _("Option %(code)s deleted.") % {"code": code})
    return redirect("web:reference_classifier", key=key)
