from hemis.web.nav import items_for


def shell(request):
    """What the layout needs: navigation for the active role and the role switcher."""
    principal = getattr(request, "principal", None)
    if principal is None or not request.user.is_authenticated:
        return {}
    return {
        "principal": principal,
        "nav_items": items_for(principal, request.path),
        "breadcrumbs": getattr(request, "breadcrumbs", None),
    }
