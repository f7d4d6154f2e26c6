"""Writes on buildings and rooms (annex 4, item 5)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.org.models import Building, Room

BUILDING_FIELDS = ("name", "address", "active")
ROOM_FIELDS = ("building", "number", "name", "capacity", "room_type", "active")


def _snapshot(obj, fields) -> dict:
    return {
        name: (getattr(obj, f"{name}_id") if name == "building" else getattr(obj, name)) for name in fields
    }


def _apply(obj, fields, values: dict) -> None:
    for name in fields:
        if name in values:
            value = values[name]
            setattr(obj, name, value.strip() if isinstance(value, str) else value)


def _audit(*, obj, fields, before: dict, action: str, actor) -> None:
    after = _snapshot(obj, fields)
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    audit.record(
        actor=actor, action=action, target=obj, before={k: before.get(k) for k in changed}, after=changed
    )


def _check_building_name(building: Building) -> None:
    clash = Building.objects.filter(name__iexact=building.name).exclude(pk=building.pk)
    if building.name and clash.exists():
        raise ValidationError({"name": [_("A building with this name already exists.")]})


@transaction.atomic
def save_building(*, actor, building: Building | None = None, **values) -> Building:
    """Create (no ``building``) or update a building."""
    building = building or Building(created_by=actor)
    before = {} if building.pk is None else _snapshot(building, BUILDING_FIELDS)
    action = "org.building.created" if building.pk is None else "org.building.updated"
    _apply(building, BUILDING_FIELDS, values)
    _check_building_name(building)
    building.full_clean()
    building.save()
    _audit(obj=building, fields=BUILDING_FIELDS, before=before, action=action, actor=actor)
    return building


def _check_room(room: Room) -> None:
    """The room's number is free: not in this building, and not in any other (a room has one building)."""
    errors: dict[str, list[str]] = {}
    if room.capacity is not None and room.capacity <= 0:
        errors["capacity"] = [_("The capacity must be at least one seat.")]
    clash = (
        Room.objects.filter(number__iexact=room.number).exclude(pk=room.pk).select_related("building").first()
        if room.number
        else None
    )
    if clash is not None and clash.building_id == room.building_id:
        errors["number"] = [_("Room %(number)s already exists in this building.") % {"number": clash.number}]
    elif clash is not None:
        errors["number"] = [
            _(
                "Room %(number)s is already registered in the building “%(building)s”; "
                "a room cannot be in two buildings."
            )
            % {"number": clash.number, "building": clash.building.name}
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_room(*, actor, room: Room | None = None, **values) -> Room:
    """Create (no ``room``) or update a room."""
    room = room or Room(created_by=actor)
    before = {} if room.pk is None else _snapshot(room, ROOM_FIELDS)
    action = "org.room.created" if room.pk is None else "org.room.updated"
    _apply(room, ROOM_FIELDS, values)
    if room.building_id and before.get("building") != room.building_id and not room.building.active:
        raise ValidationError({"building": [_("The building is inactive; choose an active building.")]})
    _check_room(room)
    room.full_clean(validate_constraints=False)  # the unique number is checked above, with a clear message
    room.save()
    _audit(obj=room, fields=ROOM_FIELDS, before=before, action=action, actor=actor)
    return room
