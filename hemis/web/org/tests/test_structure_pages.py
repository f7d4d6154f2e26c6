"""The structure pages: the tree, a unit, create/rename/move/close by order."""

import datetime as dt

import pytest
from django.urls import reverse

from hemis.audit.models import AuditEvent
from hemis.org.models import OrgUnit, StructureChange
from hemis.org.models import StructureType as T
from hemis.testing import factories as f

TREE = reverse("web:org_tree")
ORDER = {"document_number": "17-son", "document_date": "03.02.2026"}


def unit_url(name, unit):
    return reverse(f"web:org_unit{name}", kwargs={"pk": unit.pk})


def test_tree_is_indented_with_counts(client, uni, hr):
    f.appoint(f.EmployeeFactory(), uni["inorganic"])
    client.force_login(hr)
    response = client.get(TREE)
    rows = {u.code: u for u in response.context["page"]}
    assert list(rows) == ["F-CHEM", "D-INORG", "F-ECON", "D-ACC"]
    assert (rows["F-CHEM"].child_count, rows["F-CHEM"].appointment_count) == (1, 0)
    assert (rows["D-INORG"].child_count, rows["D-INORG"].appointment_count) == (0, 1)
    html = response.content.decode()
    assert (
        f'class="tree-depth-1"><a href="{unit_url("", uni["inorganic"])}">Noorganik kimyo kafedrasi</a>'
        in html
    )


def test_closed_units_are_shown_greyed_with_their_date_on_request(client, uni, hr):
    OrgUnit.objects.filter(pk=uni["accounting_dept"].pk).update(active=False, closed_on=dt.date(2026, 1, 12))
    client.force_login(hr)
    assert [u.code for u in client.get(TREE).context["page"]] == ["F-CHEM", "D-INORG", "F-ECON"]
    html = client.get(TREE, {"closed": "on"}).content.decode()
    assert '<tr class="unit-closed" data-testid="unit-row">' in html
    assert "Closed on 12.01.2026" in html


def test_dean_sees_only_the_own_faculty(client, uni, dean_chemistry):
    client.force_login(dean_chemistry)
    response = client.get(TREE)
    assert [u.code for u in response.context["page"]] == ["F-CHEM", "D-INORG"]
    assert response.context["can_edit"] is False
    assert client.get(unit_url("", uni["econ"])).status_code == 404


def test_student_cannot_open_the_structure(client, student_in_group):
    client.force_login(student_in_group.user)
    assert client.get(TREE).status_code == 403


@pytest.mark.parametrize("rows", [1, 3])
def test_tree_query_count(client, db, hr, rows, django_assert_num_queries):
    chem = f.faculty("F-CHEM")
    for i in range(rows - 1):
        f.department(chem, f"D{i}", f"Kafedra {i}")
    client.force_login(hr)
    # session, user, grants, student check; count, page; enabled languages
    with django_assert_num_queries(7):
        response = client.get(TREE)
    assert len(response.context["page"]) == rows


def test_hr_creates_a_department_by_order(client, uni, hr):
    client.force_login(hr)
    data = {
        "parent": uni["chem"].pk,
        "structure_type": T.DEPARTMENT,
        "code": "D-ORG",
        "name_uz": "Organik kimyo kafedrasi",
    }
    response = client.post(reverse("web:org_unit_create"), {**data, **ORDER})
    unit = OrgUnit.objects.get(code="D-ORG")
    assert response["Location"] == unit_url("", unit)
    assert (unit.parent, unit.path) == (uni["chem"], f"{uni['chem'].path}{unit.pk}/")
    assert StructureChange.objects.get(unit=unit).document_date == dt.date(2026, 2, 3)


def test_create_errors_are_shown_on_the_fields(client, uni, hr):
    client.force_login(hr)
    data = {
        "parent": uni["inorganic"].pk,
        "structure_type": T.DEPARTMENT,
        "code": "D-X",
        "name_uz": "Kafedra",
    }
    response = client.post(
        reverse("web:org_unit_create"), {**data, "document_number": "1", "document_date": "31.02.2026"}
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["document_date"]
    response = client.post(reverse("web:org_unit_create"), {**data, **ORDER})
    assert response.context["form"].errors == {
        "parent": ["A unit of type “Department” can only be placed under: Faculty, Rectorate."]
    }
    assert not OrgUnit.objects.filter(code="D-X").exists()


def test_dean_cannot_create_and_nothing_changes(client, uni, dean_chemistry):
    client.force_login(dean_chemistry)
    data = {"parent": uni["chem"].pk, "structure_type": T.DEPARTMENT, "code": "D-Y", "name_uz": "Kafedra"}
    assert client.post(reverse("web:org_unit_create"), {**data, **ORDER}).status_code == 403
    assert (
        client.post(unit_url("_rename", uni["inorganic"]), {"name_uz": "Boshqa", **ORDER}).status_code == 403
    )
    assert OrgUnit.objects.count() == 4
    assert OrgUnit.objects.get(pk=uni["inorganic"].pk).name_uz == "Noorganik kimyo kafedrasi"


def test_rename_move_and_close(client, uni, hr):
    client.force_login(hr)
    client.post(
        unit_url("_rename", uni["inorganic"]),
        {"name_uz": "Umumiy kimyo kafedrasi", "name_en": "General Chemistry", **ORDER},
    )
    assert OrgUnit.objects.get(pk=uni["inorganic"].pk).name_uz == "Umumiy kimyo kafedrasi"
    client.post(unit_url("_move", uni["inorganic"]), {"parent": uni["econ"].pk, **ORDER})
    assert OrgUnit.objects.get(pk=uni["inorganic"].pk).path == f"{uni['econ'].path}{uni['inorganic'].pk}/"
    refused = client.post(unit_url("_close", uni["econ"]), ORDER)
    assert refused.status_code == 400
    assert refused.context["form"].non_field_errors() == [
        "The unit has active sub-units: close or move them first."
    ]
    response = client.post(unit_url("_close", uni["chem"]), ORDER)
    assert response["Location"] == unit_url("", uni["chem"])
    assert OrgUnit.objects.get(pk=uni["chem"].pk).active is False
    actions = list(
        AuditEvent.objects.filter(action__startswith="org.orgunit")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["org.orgunit.renamed", "org.orgunit.moved", "org.orgunit.closed"]


def test_move_form_offers_no_unit_of_the_own_subtree(client, uni, hr):
    client.force_login(hr)
    form = client.get(unit_url("_move", uni["chem"])).context["form"]
    assert list(form.fields["parent"].queryset) == [uni["econ"], uni["accounting_dept"]]


def test_unit_page_shows_the_history(client, uni, hr):
    client.force_login(hr)
    client.post(unit_url("_rename", uni["inorganic"]), {"name_uz": "Umumiy kimyo kafedrasi", **ORDER})
    html = client.get(unit_url("", uni["inorganic"])).content.decode()
    assert "<td>Unit renamed</td>" in html
    assert "№ 17-son, 03.02.2026" in html


def test_export_is_audited(client, uni, hr):
    client.force_login(hr)
    response = client.get(reverse("web:org_tree_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEvent.objects.filter(action="org.orgunit.exported", actor=hr).count() == 1
