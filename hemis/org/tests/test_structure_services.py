import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hemis.access.principal import build_principal
from hemis.audit.models import AuditEvent
from hemis.org import services
from hemis.org.models import ChangeKind, OrgUnit, StructureChange
from hemis.org.models import StructureType as T

ORDER = {"document_number": "17-son", "document_date": dt.date(2026, 2, 3)}


def paths(*units):
    return [OrgUnit.objects.get(pk=u.pk).path for u in units]


def test_create_unit_sets_path_logs_the_order_and_audits(uni, hr):
    dept = services.create_unit(
        code="D-ORG",
        name_uz="Organik kimyo kafedrasi",
        structure_type=T.DEPARTMENT,
        parent=uni["chem"],
        actor=hr,
        **ORDER,
    )
    assert dept.path == f"{uni['chem'].path}{dept.pk}/"
    change = StructureChange.objects.get(unit=dept)
    assert (change.kind, change.document_number, change.document_date) == (
        ChangeKind.UNIT_CREATED,
        "17-son",
        dt.date(2026, 2, 3),
    )
    event = AuditEvent.objects.get(action="org.orgunit.created")
    assert event.data["after"]["name_uz"] == "Organik kimyo kafedrasi"
    assert event.data["document_number"] == "17-son"


def test_create_without_order_is_initial_entry_and_not_logged(uni, hr):
    unit = services.create_unit(code="REK", name_uz="Rektorat", structure_type=T.RECTORATE, actor=hr)
    assert unit.path == f"/{unit.pk}/"
    assert StructureChange.objects.count() == 0


def test_department_needs_a_faculty_or_rectorate_parent(uni, hr):
    with pytest.raises(ValidationError) as error:
        services.create_unit(
            code="D-X", name_uz="Kafedra", structure_type=T.DEPARTMENT, parent=uni["inorganic"], actor=hr
        )
    assert error.value.message_dict == {
        "parent": ["A unit of type “Department” can only be placed under: Faculty, Rectorate."]
    }
    with pytest.raises(ValidationError) as error:
        services.create_unit(code="D-Y", name_uz="Kafedra", structure_type=T.DEPARTMENT, actor=hr)
    assert list(error.value.message_dict) == ["parent"]
    assert not OrgUnit.objects.filter(code__in=["D-X", "D-Y"]).exists()


def test_duplicate_code_is_refused_on_the_field(uni, hr):
    with pytest.raises(ValidationError) as error:
        services.create_unit(code="F-CHEM", name_uz="Yana", structure_type=T.FACULTY, actor=hr)
    assert list(error.value.message_dict) == ["code"]


def test_rename_keeps_before_and_after(uni, hr):
    services.rename_unit(
        unit=uni["inorganic"],
        name_uz="Umumiy kimyo kafedrasi",
        name_en="Department of General Chemistry",
        actor=hr,
        **ORDER,
    )
    change = StructureChange.objects.get(kind=ChangeKind.UNIT_RENAMED)
    assert change.before == {
        "name_uz": "Noorganik kimyo kafedrasi",
        "name_ru": "",
        "name_en": "Noorganik kimyo kafedrasi",
    }
    assert change.after == {
        "name_uz": "Umumiy kimyo kafedrasi",
        "name_ru": "",
        "name_en": "Department of General Chemistry",
    }
    event = AuditEvent.objects.get(action="org.orgunit.renamed")
    assert event.data["before"]["name_uz"] == "Noorganik kimyo kafedrasi"
    assert event.data["document_date"] == "2026-02-03"


def test_rename_requires_the_order(uni, hr):
    with pytest.raises(ValidationError) as error:
        services.rename_unit(
            unit=uni["inorganic"], name_uz="Yangi", document_number="", document_date=None, actor=hr
        )
    assert set(error.value.message_dict) == {"document_number", "document_date"}
    assert OrgUnit.objects.get(pk=uni["inorganic"].pk).name_uz == "Noorganik kimyo kafedrasi"


def test_moving_a_faculty_rewrites_its_departments_and_the_dean_still_covers_them(uni, hr, dean_chemistry):
    rectorate = services.create_unit(code="REK", name_uz="Rektorat", structure_type=T.RECTORATE, actor=hr)
    lab = services.create_unit(
        code="LAB", name_uz="Laboratoriya", structure_type=T.OTHER, parent=uni["inorganic"], actor=hr
    )
    services.move_unit(unit=uni["chem"], parent=rectorate, actor=hr, **ORDER)
    chem, inorganic = uni["chem"], uni["inorganic"]
    base = f"/{rectorate.pk}/{chem.pk}/"
    assert paths(chem, inorganic, lab) == [base, f"{base}{inorganic.pk}/", f"{base}{inorganic.pk}/{lab.pk}/"]
    assert paths(uni["econ"]) == [f"/{uni['econ'].pk}/"]
    assert OrgUnit.objects.get(pk=chem.pk).parent == rectorate
    principal = build_principal(dean_chemistry, None)
    assert principal.covers(OrgUnit.objects.get(pk=inorganic.pk)) is True
    assert principal.covers(OrgUnit.objects.get(pk=lab.pk)) is True
    assert principal.covers(OrgUnit.objects.get(pk=uni["accounting_dept"].pk)) is False
    change = StructureChange.objects.get(kind=ChangeKind.UNIT_MOVED)
    assert change.before == {"parent": None, "path": f"/{chem.pk}/"}
    assert change.after == {"parent": rectorate.pk, "path": base}


def _queries_to_move_a_faculty_with(departments: int, hr) -> int:
    rectorate = services.create_unit(
        code=f"REK{departments}", name_uz="Rektorat", structure_type=T.RECTORATE, actor=hr
    )
    faculty = services.create_unit(
        code=f"F{departments}", name_uz="Fakultet", structure_type=T.FACULTY, actor=hr
    )
    for i in range(departments):
        services.create_unit(
            code=f"D{departments}-{i}",
            name_uz=f"Kafedra {i}",
            structure_type=T.DEPARTMENT,
            parent=faculty,
            actor=hr,
        )
    with CaptureQueriesContext(connection) as queries:
        services.move_unit(unit=faculty, parent=rectorate, actor=hr, **ORDER)
    assert all(
        u.path.startswith(f"/{rectorate.pk}/{faculty.pk}/") for u in OrgUnit.objects.filter(parent=faculty)
    )
    return len(queries)


def test_move_rewrites_the_subtree_in_a_constant_number_of_queries(db, hr):
    assert _queries_to_move_a_faculty_with(1, hr) == _queries_to_move_a_faculty_with(6, hr)


def test_moving_under_itself_or_a_descendant_is_refused(uni, hr):
    lab = services.create_unit(
        code="LAB", name_uz="Laboratoriya", structure_type=T.OTHER, parent=uni["inorganic"], actor=hr
    )
    for target in (uni["chem"], uni["inorganic"], lab):
        with pytest.raises(ValidationError) as error:
            services.move_unit(unit=uni["chem"], parent=target, actor=hr, **ORDER)
        assert error.value.message_dict == {
            "parent": ["A unit cannot be moved under itself or one of its sub-units."]
        }
    assert paths(uni["chem"]) == [f"/{uni['chem'].pk}/"]
    assert StructureChange.objects.filter(kind=ChangeKind.UNIT_MOVED).count() == 0


def test_moving_a_department_under_a_department_is_refused(uni, hr):
    with pytest.raises(ValidationError) as error:
        services.move_unit(unit=uni["inorganic"], parent=uni["accounting_dept"], actor=hr, **ORDER)
    assert list(error.value.message_dict) == ["parent"]
    services.move_unit(unit=uni["inorganic"], parent=uni["econ"], actor=hr, **ORDER)
    assert paths(uni["inorganic"]) == [f"{uni['econ'].path}{uni['inorganic'].pk}/"]


def test_closing_with_active_children_is_refused(uni, hr):
    with pytest.raises(ValidationError) as error:
        services.close_unit(unit=uni["chem"], actor=hr, **ORDER)
    assert error.value.messages == ["The unit has active sub-units: close or move them first."]
    assert OrgUnit.objects.get(pk=uni["chem"].pk).active is True


def test_closing_keeps_the_unit_with_its_order(uni, hr):
    services.close_unit(unit=uni["inorganic"], actor=hr, **ORDER)
    unit = OrgUnit.objects.get(pk=uni["inorganic"].pk)
    assert (unit.active, unit.closed_order_number, unit.closed_on) == (False, "17-son", dt.date(2026, 2, 3))
    services.close_unit(unit=uni["chem"], actor=hr, **ORDER)  # its only sub-unit is closed now
    assert OrgUnit.objects.get(pk=uni["chem"].pk).active is False
    assert AuditEvent.objects.filter(action="org.orgunit.closed").count() == 2


def test_a_closed_unit_cannot_be_renamed_or_hold_new_units(uni, hr):
    services.close_unit(unit=uni["inorganic"], actor=hr, **ORDER)
    unit = OrgUnit.objects.get(pk=uni["inorganic"].pk)
    with pytest.raises(ValidationError):
        services.rename_unit(unit=unit, name_uz="Boshqa", actor=hr, **ORDER)
    with pytest.raises(ValidationError) as error:
        services.create_unit(code="L", name_uz="Lab", structure_type=T.OTHER, parent=unit, actor=hr)
    assert error.value.message_dict == {"parent": ["A unit cannot be placed under a closed unit."]}
