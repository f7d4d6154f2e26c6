"""The structure pages ("org_…") under /structure/: the org tree, requisites, licences, accreditation,
buildings and rooms, in the "web" namespace; paths from the site root."""

from django.urls import include, path

from hemis.web.org import requisites, rooms, structure

urlpatterns = [
    path(
        "structure/",
        include(
            [
                path("", structure.tree, name="org_tree"),
                path("export/", structure.tree_export, name="org_tree_export"),
                path("units/new/", structure.unit_create, name="org_unit_create"),
                path("units/<int:pk>/", structure.unit_detail, name="org_unit"),
                path("units/<int:pk>/rename/", structure.unit_rename, name="org_unit_rename"),
                path("units/<int:pk>/move/", structure.unit_move, name="org_unit_move"),
                path("units/<int:pk>/close/", structure.unit_close, name="org_unit_close"),
                path("requisites/", requisites.overview, name="org_requisites"),
                path("requisites/edit/", requisites.requisites_edit, name="org_requisites_edit"),
                path("licences/new/", requisites.licence_edit, name="org_licence_create"),
                path("licences/<int:pk>/edit/", requisites.licence_edit, name="org_licence_edit"),
                path("accreditation/new/", requisites.accreditation_edit, name="org_accreditation_create"),
                path(
                    "accreditation/<int:pk>/edit/",
                    requisites.accreditation_edit,
                    name="org_accreditation_edit",
                ),
                path("documents/<str:kind>/<int:pk>/", requisites.document, name="org_document"),
                path("buildings/", rooms.building_list, name="org_buildings"),
                path("buildings/export/", rooms.building_export, name="org_buildings_export"),
                path("buildings/new/", rooms.building_edit, name="org_building_create"),
                path("buildings/<int:pk>/", rooms.building_detail, name="org_building"),
                path("buildings/<int:pk>/edit/", rooms.building_edit, name="org_building_edit"),
                path("rooms/", rooms.room_list, name="org_rooms"),
                path("rooms/export/", rooms.room_export, name="org_rooms_export"),
                path("rooms/new/", rooms.room_edit, name="org_room_create"),
                path("rooms/<int:pk>/edit/", rooms.room_edit, name="org_room_edit"),
            ]
        ),
    ),
]
