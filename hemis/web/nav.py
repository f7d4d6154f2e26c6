"""The navigation: an item appears only when the active role may use its page."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hemis.access import policy
from hemis.access.principal import Principal


@dataclass(frozen=True)
class NavItem:
    title: str | Promise
    url_name: str
    action: str
    section: str | Promise = ""


# Domain issues append their pages here, each guarded by its policy action.
NAV: list[NavItem] = [
    NavItem(_("Home"), "web:home", "web.dashboard"),
    NavItem(_("My profile"), "web:profile", "web.profile"),
    # -- structure pages (org) --
    # -- staff pages --
    # -- careers pages --
    # -- academic set-up pages --
    # -- administration pages (access, audit, classifiers, calendar, settings) --
    NavItem(_("Users and roles"), "web:admin_users", "access.manage_roles", _("Administration")),
    NavItem(_("Action journal"), "web:admin_journal", "audit.view", _("Administration")),
    NavItem(
        _("Reset a student's password"),
        "web:admin_student_password",
        "access.reset_student_password",
        _("Administration"),
    ),
    NavItem(_("Classifiers"), "web:reference_classifiers", "classifiers.view", _("Administration")),
    NavItem(_("Working-day calendar"), "web:reference_calendar", "calendar.view", _("Administration")),
    # -- compliance pages --
    NavItem(_("Regulation compliance"), "web:compliance_index", "compliance.view"),
    NavItem(_("University settings"), "web:compliance_settings", "settings.edit", _("Administration")),
]


def items_for(principal: Principal, current_path: str) -> list[dict]:
    out = []
    for item in NAV:
        if policy.can(principal, item.action):
            url = reverse(item.url_name)
            active = current_path == url or (url != "/" and current_path.startswith(url))
            out.append({"title": item.title, "url": url, "active": active, "section": item.section})
    return out
