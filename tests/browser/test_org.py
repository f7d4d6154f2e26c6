"""HR builds the structure in a real browser: a new department under a faculty, then a new name."""

import pytest

from hemis.org.models import OrgUnit, StructureChange
from hemis.org.models import StructureType as T
from hemis.testing import factories as f
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def hr(db):
    user = f.UserFactory(username="hr", first_name="Malika", last_name="Tursunova")
    f.grant(user, "hr")
    return user


def submit(page) -> None:
    with page.expect_navigation():
        page.click("[data-testid=org-form] button[type=submit]")


def test_hr_creates_and_renames_a_department(page, live_server, uni, hr):
    login(page, live_server, "hr")
    page.goto(f"{live_server.url}/structure/")
    with page.expect_navigation():
        page.click("[data-testid=unit-create]")
    page.select_option("#id_parent", str(uni["chem"].pk))
    page.select_option("#id_structure_type", T.DEPARTMENT)
    page.fill("#id_code", "D-ORG")
    page.fill("#id_name_uz", "Organik kimyo kafedrasi")
    page.fill("#id_document_number", "17-son")
    page.fill("#id_document_date", "03.02.2026")
    submit(page)
    unit = OrgUnit.objects.get(code="D-ORG")
    assert page.url == f"{live_server.url}/structure/units/{unit.pk}/"
    assert page.locator("h1").inner_text() == "Organik kimyo kafedrasi"

    with page.expect_navigation():
        page.click("[data-testid=unit-rename]")
    page.fill("#id_name_uz", "Organik va bioorganik kimyo kafedrasi")
    page.fill("#id_name_en", "Department of Organic and Bioorganic Chemistry")
    page.fill("#id_document_number", "21-son")
    page.fill("#id_document_date", "10.02.2026")
    submit(page)
    assert page.locator("h1").inner_text() == "Organik va bioorganik kimyo kafedrasi"

    page.goto(f"{live_server.url}/structure/")
    rows = page.locator("[data-testid=unit-row]").all_inner_texts()
    names = [row.split("\t")[0].strip() for row in rows]
    assert names == [
        "Kimyo texnologiyasi fakulteti",
        "Noorganik kimyo kafedrasi",
        "Organik va bioorganik kimyo kafedrasi",
        "Iqtisodiyot fakulteti",
        "Buxgalteriya hisobi kafedrasi",
    ]
    indented = page.locator("[data-testid=unit-row] td.tree-depth-1", has_text="Organik va bioorganik")
    assert indented.count() == 1
    assert list(StructureChange.objects.order_by("pk").values_list("kind", "document_number")) == [
        ("unit_created", "17-son"),
        ("unit_renamed", "21-son"),
    ]
