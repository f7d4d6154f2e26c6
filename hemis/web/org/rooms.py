"""Buildings and rooms used for teaching (annex 4, item 5)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hemis.access import policy
from hemis.org import selectors
from hemis.org.models import Building, Room
from hemis.org.services import rooms as services
from hemis.web.forms import call_service, fresh, model_values
from hemis.web.org import forms
from hemis.web.pages import paginate, xlsx_export


def _search(request) -> str:
    form = forms.SearchForm(request.GET)
    return form.cleaned_data["q"] if form.is_valid() else ""


@login_required
def building_list(request):
    policy.require(request.principal, "rooms.view")
    context = {
        "form": forms.SearchForm(request.GET),
        "page": paginate(request, selectors.buildings(search=_search(request))),
        "can_edit": policy.can(request.principal, "rooms.edit"),
    }
    return render(request, "web/org/buildings.html", context)


@login_required
def building_export(request):
    policy.require(request.principal, "rooms.view")
    rows = selectors.buildings(search=_search(request))
    return xlsx_export(
        request,
        action="org.building.exported",
        filename="buildings.xlsx",
        title=_("Buildings"),
        headers=[_("Name"), _("Address"), _("Rooms"), _("Active")],
        rows=([b.name, b.address, b.room_count, _("Yes") if b.active else _("No")] for b in rows),
    )


@login_required
def building_detail(request, pk: int):
    policy.require(request.principal, "rooms.view")
    building = get_object_or_404(Building, pk=pk)
    context = {
        "building": building,
        "rooms": selectors.rooms(building=building),
        "can_edit": policy.can(request.principal, "rooms.edit"),
    }
    return render(request, "web/org/building.html", context)


def _edit_page(request, *, form, title, status):
    context = {"form": form, "title": title, "section": "rooms", "submit": _("Save")}
    return render(request, "web/org/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def building_edit(request, pk: int | None = None):
    policy.require(request.principal, "rooms.edit")
    building = get_object_or_404(Building, pk=pk) if pk else None
    form = forms.BuildingForm(request.POST or None, instance=fresh(building) if building else Building())
    if request.method == "POST" and form.is_valid():
        values = model_values(form, forms.BuildingForm.Meta.fields)
        saved = call_service(form, services.save_building, actor=request.user, building=building, **values)
        if saved is not None:
            messages.success(request, _("Building “%(name)s” saved.") % {"name": saved.name})
            return redirect("web:org_building", pk=saved.pk)
    title = _("Edit building") if building else _("New building")
    return _edit_page(request, form=form, title=title, status=400 if request.method == "POST" else 200)


def _room_filters(request) -> tuple[forms.RoomFilterForm, dict]:
    form = forms.RoomFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    filters = {
        "search": data.get("q", ""),
        "building": data.get("building"),
        "room_type": data.get("room_type", ""),
    }
    return form, filters


@login_required
def room_list(request):
    policy.require(request.principal, "rooms.view")
    form, filters = _room_filters(request)
    context = {
        "form": form,
        "page": paginate(request, selectors.rooms(**filters)),
        "can_edit": policy.can(request.principal, "rooms.edit"),
    }
    return render(request, "web/org/rooms.html", context)


@login_required
def room_export(request):
    policy.require(request.principal, "rooms.view")
    _form, filters = _room_filters(request)
    return xlsx_export(
        request,
        action="org.room.exported",
        filename="rooms.xlsx",
        title=_("Rooms"),
        headers=[_("Building"), _("Room number"), _("Name"), _("Capacity"), _("Room type"), _("Active")],
        rows=(
            [
                r.building.name,
                r.number,
                r.name,
                r.capacity,
                r.get_room_type_display(),
                _("Yes") if r.active else _("No"),
            ]
            for r in selectors.rooms(**filters)
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def room_edit(request, pk: int | None = None):
    policy.require(request.principal, "rooms.edit")
    room = get_object_or_404(Room, pk=pk) if pk else None
    initial = {"building": request.GET.get("building")} if not room and request.GET.get("building") else None
    form = forms.RoomForm(request.POST or None, instance=fresh(room) if room else Room(), initial=initial)
    if request.method == "POST" and form.is_valid():
        values = model_values(form, forms.RoomForm.Meta.fields)
        saved = call_service(form, services.save_room, actor=request.user, room=room, **values)
        if saved is not None:
            messages.success(request, _("Room %(number)s saved.") % {"number": saved.number})
            return redirect("web:org_building", pk=saved.building_id)
    title = _("Edit room") if room else _("New room")
    return _edit_page(request, form=form, title=title, status=400 if request.method == "POST" else 200)
