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
    # -- administration pages (access, audit, classifiers, calendar, settings) --
    # -- compliance pages --
]


def items_for(principal: Principal, current_path: str) -> list[dict]:
    out = []
    for item in NAV:
        if policy.can(principal, item.action):
            url = reverse(item.url_name)
            active = current_path == url or (url != "/" and current_path.startswith(url))
            out.append({"title": item.title, "url": url, "active": active, "section": item.section})
    return out
