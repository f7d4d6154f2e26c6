"""Buildings and rooms pages."""

import pytest
from django.urls import reverse

from hemis.audit.models import AuditEvent
from hemis.org.models import Accreditation, Building, Licence, Room, RoomType

ROOMS = reverse("web:org_rooms")


@pytest.fixture
def main(db):
    return Building.objects.create(name="Bosh bino", address="Navoiy koʻchasi, 32")


def room_data(building, number="101"):
    return {
        "building": building.pk,
        "number": number,
        "capacity": "60",
        "room_type": RoomType.LECTURE,
        "active": "on",
    }


def test_academic_creates_building_and_room(client, academic):
    client.force_login(academic)
    response = client.post(
        reverse("web:org_building_create"), {"name": "Bosh bino", "address": "Navoiy 32", "active": "on"}
    )
    building = Building.objects.get()
    assert response["Location"] == reverse("web:org_building", kwargs={"pk": building.pk})
    client.post(reverse("web:org_room_create"), room_data(building))
    assert list(Room.objects.values_list("number", "capacity")) == [("101", 60)]


def test_a_room_in_two_buildings_is_refused_on_the_field(client, academic, main):
    other = Building.objects.create(name="2-bino", address="Navoiy 34")
    Room.objects.create(building=main, number="101", capacity=30, room_type=RoomType.SEMINAR)
    client.force_login(academic)
    response = client.post(reverse("web:org_room_create"), room_data(other))
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "number": [
            "Room 101 is already registered in the building “Bosh bino”; a room cannot be in two buildings."
        ]
    }
    assert Room.objects.count() == 1


def test_zero_capacity_is_refused_on_the_field(client, academic, main):
    client.force_login(academic)
    response = client.post(reverse("web:org_room_create"), {**room_data(main), "capacity": "0"})
    assert list(response.context["form"].errors) == ["capacity"]
    assert Room.objects.count() == 0


def test_management_sees_rooms_but_cannot_edit(client, rector, main):
    client.force_login(rector)
    assert client.get(ROOMS).context["can_edit"] is False
    assert client.post(reverse("web:org_room_create"), room_data(main)).status_code == 403
    assert Room.objects.count() == 0


def test_hr_has_no_room_pages(client, hr):
    client.force_login(hr)
    assert client.get(ROOMS).status_code == 403


def test_rooms_filter_by_building_and_type(client, academic, main):
    other = Building.objects.create(name="2-bino", address="Navoiy 34")
    Room.objects.create(building=main, number="101", capacity=30, room_type=RoomType.SEMINAR)
    Room.objects.create(building=other, number="201", capacity=90, room_type=RoomType.LECTURE)
    Room.objects.create(building=other, number="202", capacity=20, room_type=RoomType.LABORATORY)
    client.force_login(academic)
    page = client.get(ROOMS, {"building": other.pk, "room_type": RoomType.LECTURE}).context["page"]
    assert [r.number for r in page] == ["201"]


@pytest.mark.parametrize("rows", [1, 3])
def test_rooms_query_count(client, academic, main, rows, django_assert_num_queries):
    for i in range(rows):
        Room.objects.create(building=main, number=f"1{i:02d}", capacity=30, room_type=RoomType.SEMINAR)
    client.force_login(academic)
    # session, user, grants, student check; count, page; buildings of the filter; enabled languages
    with django_assert_num_queries(8):
        response = client.get(ROOMS)
    assert len(response.context["page"]) == rows


@pytest.mark.parametrize("rows", [1, 3])
def test_buildings_query_count(client, academic, rows, django_assert_num_queries):
    for i in range(rows):
        Building.objects.create(name=f"{i + 1}-bino", address="Navoiy")
    client.force_login(academic)
    with django_assert_num_queries(7):
        response = client.get(reverse("web:org_buildings"))
    assert len(response.context["page"]) == rows


def test_rooms_export_is_audited(client, academic, main):
    Room.objects.create(building=main, number="101", capacity=30, room_type=RoomType.SEMINAR)
    client.force_login(academic)
    response = client.get(reverse("web:org_rooms_export"))
    assert response["Content-Disposition"] == 'attachment; filename="rooms.xlsx"'
    assert AuditEvent.objects.filter(action="org.room.exported").count() == 1


def test_every_page_renders_for_the_super_administrator(client, uni, superadmin, main):
    room = Room.objects.create(building=main, number="101", capacity=30, room_type=RoomType.SEMINAR)
    licence = Licence.objects.create(
        number="L-1", issue_date="2021-06-10", issuing_body="Inspeksiya", activity="Oliy"
    )
    acc = Accreditation.objects.create(certificate_number="A-1", issue_date="2024-05-01", scope="Bakalavriat")
    client.force_login(superadmin)
    pages = {
        reverse("web:org_requisites"): "L-1",
        reverse("web:org_requisites_edit"): "TIN (STIR)",
        reverse("web:org_licence_edit", kwargs={"pk": licence.pk}): "L-1",
        reverse("web:org_accreditation_edit", kwargs={"pk": acc.pk}): "A-1",
        reverse("web:org_unit", kwargs={"pk": uni["chem"].pk}): "Noorganik kimyo kafedrasi",
        reverse("web:org_unit_create") + f"?parent={uni['chem'].pk}": "Parent unit",
        reverse("web:org_unit_move", kwargs={"pk": uni["inorganic"].pk}): "New parent unit",
        reverse(
            "web:org_unit_close", kwargs={"pk": uni["inorganic"].pk}
        ): "A closed unit stays in the structure",
        reverse("web:org_building", kwargs={"pk": main.pk}): "101",
        reverse("web:org_building_edit", kwargs={"pk": main.pk}): "Navoiy koʻchasi, 32",
        reverse("web:org_room_edit", kwargs={"pk": room.pk}): "Room number",
        reverse("web:org_buildings"): "Bosh bino",
    }
    for url, text in pages.items():
        response = client.get(url)
        assert (url, response.status_code, text in response.content.decode()) == (url, 200, True)
