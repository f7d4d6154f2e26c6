import pytest
from django.core.exceptions import ValidationError

from hemis.audit.models import AuditEvent
from hemis.org.models import Room, RoomType
from hemis.org.services import rooms as services


@pytest.fixture
def buildings(academic):
    main = services.save_building(actor=academic, name="Bosh bino", address="Navoiy koʻchasi, 32")
    lab = services.save_building(actor=academic, name="2-oʻquv binosi", address="Navoiy koʻchasi, 34")
    return main, lab


def room(academic, building, number="101", **extra):
    values = {"capacity": 60, "room_type": RoomType.LECTURE, **extra}
    return services.save_room(actor=academic, building=building, number=number, **values)


def test_room_created_and_audited(academic, buildings):
    r = room(academic, buildings[0], name="Katta maʼruzaxona")
    assert (r.building, r.number, r.capacity, r.active) == (buildings[0], "101", 60, True)
    event = AuditEvent.objects.get(action="org.room.created")
    assert event.data["after"]["number"] == "101"


def test_same_number_in_the_same_building_is_refused(academic, buildings):
    room(academic, buildings[0])
    with pytest.raises(ValidationError) as error:
        room(academic, buildings[0], number=" 101 ")
    assert error.value.message_dict == {"number": ["Room 101 already exists in this building."]}
    assert Room.objects.count() == 1


def test_a_room_in_two_buildings_is_refused(academic, buildings):
    room(academic, buildings[0], number="A-101")
    with pytest.raises(ValidationError) as error:
        room(academic, buildings[1], number="a-101")
    assert error.value.message_dict == {
        "number": [
            "Room A-101 is already registered in the building “Bosh bino”; a room cannot be in two buildings."
        ]
    }
    assert list(Room.objects.values_list("building__name", flat=True)) == ["Bosh bino"]


def test_moving_a_room_to_another_building_keeps_it_one_room(academic, buildings):
    r = room(academic, buildings[0])
    services.save_room(actor=academic, room=r, building=buildings[1])
    assert Room.objects.get().building == buildings[1]


@pytest.mark.parametrize("capacity", [0, -5])
def test_capacity_must_be_positive(academic, buildings, capacity):
    with pytest.raises(ValidationError) as error:
        room(academic, buildings[0], capacity=capacity)
    assert "capacity" in error.value.message_dict
    assert Room.objects.count() == 0


def test_no_new_room_in_an_inactive_building(academic, buildings):
    services.save_building(actor=academic, building=buildings[1], active=False)
    with pytest.raises(ValidationError) as error:
        room(academic, buildings[1])
    assert error.value.message_dict == {"building": ["The building is inactive; choose an active building."]}


def test_duplicate_building_name_is_refused(academic, buildings):
    with pytest.raises(ValidationError) as error:
        services.save_building(actor=academic, name="bosh bino", address="Boshqa")
    assert error.value.message_dict == {"name": ["A building with this name already exists."]}
