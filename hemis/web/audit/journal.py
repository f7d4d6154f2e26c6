"""The action journal (annex 1, item 5): browse with filters, export the filtered journal to Excel."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from hemis.access import policy
from hemis.access.roles import RoleCode
from hemis.audit import selectors
from hemis.audit.exports import export_journal
from hemis.audit.models import AuditEvent
from hemis.core.excel import XLSX
from hemis.web.audit.forms import JournalFilterForm
from hemis.web.pages import paginate


@login_required
@require_GET
def journal_page(request):
    policy.require(request.principal, "audit.view")
    form = JournalFilterForm(request.GET)
    # An invalid filter shows its errors and no events rather than silently the whole journal.
    events = selectors.journal(form.to_filter()) if form.is_valid() else AuditEvent.objects.none()
    page = paginate(request, events)
    role_names = dict(RoleCode.choices)
    for event in page:
        event.role_name = role_names.get(event.role, event.role)
        event.data_json = json.dumps(event.data, ensure_ascii=False, indent=1, sort_keys=True)
    context = {"form": form, "page": page, "can_export": policy.can(request.principal, "audit.export")}
    return render(request, "web/audit/journal.html", context)


@login_required
@require_GET
def journal_export(request):
    policy.require(request.principal, "audit.export")
    form = JournalFilterForm(request.GET)
    back = f"{reverse('web:admin_journal')}?{request.GET.urlencode()}"
    if not form.is_valid():
        return redirect(back)
    try:
        content = export_journal(
            journal_filter=form.to_filter(), role_names=dict(RoleCode.choices), actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(back)
    response = HttpResponse(content, content_type=XLSX)
    name = f"journal-{timezone.localtime():%Y%m%d-%H%M%S}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
