"""Programme pages: list (bounded queries, filters, export), page with counts, create/edit/close, scope."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hemis.academics.models import Programme
from hemis.audit.models import AuditEvent
from hemis.testing import factories as f
from hemis.web.academics.tests.conftest import programme, text

pytestmark = pytest.mark.usefixtures("english")


def form_data(faculty, **changes) -> dict:
    return {
        "code": "60530100",
        "name_uz": "Buxgalteriya hisobi",
        "name_en": "Accounting",
        "faculty": faculty.pk,
        "education_type": "11",
        "education_form": "11",
        "language": "11",
        "duration_years": "4",
        "qualification_uz": "Bakalavr",
        "opened_on": "20.08.2025",
        "opening_order": "77-son",
        **changes,
    }


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_constant(client, academic, uni, django_assert_num_queries, n):
    for i in range(n):
        made = programme(uni["chem"], code=f"6072010{i}")
        f.GroupFactory(faculty=uni["chem"], programme=made, name=f"PQ-{i}-24")  # not a persona's name
    client.force_login(academic)
    with django_assert_num_queries(9):
        response = client.get(reverse("web:programmes_list"), {"faculty": uni["chem"].pk, "q": "607201"})
    assert [(p.code, p.groups_count) for p in response.context["page"]] == [
        (f"6072010{i}", 1) for i in range(n)
    ]


def test_list_filters_and_search(client, academic, uni):
    programme(uni["chem"], code="60720100", name_uz="Kimyoviy texnologiya")
    programme(uni["econ"], code="70410101", name_uz="Moliya", education_type="12", duration_years=2)
    client.force_login(academic)
    url = reverse("web:programmes_list")

    def codes(**params):
        return [p.code for p in client.get(url, params).context["page"]]

    factory_codes = sorted(
        Programme.objects.filter(code__startswith="6").exclude(code="60720100").values_list("code", flat=True)
    )
    assert codes(q="moliya") == ["70410101"]
    assert codes(education_type="12") == ["70410101"]
    assert codes(faculty=uni["chem"].pk, q="60720") == ["60720100"]
    assert codes(active="1") == sorted(["60720100", "70410101", *factory_codes])


def test_detail_shows_counts(client, head, uni):
    made = programme(uni["chem"])
    f.GroupFactory(faculty=uni["chem"], programme=made)
    f.GroupFactory(faculty=uni["chem"], programme=made)
    client.force_login(head)
    response = client.get(reverse("web:programmes_detail", args=[made.pk]))
    assert (response.context["programme"].groups_count, response.context["programme"].curricula_count) == (
        2,
        0,
    )
    assert response.context["can_edit"] is False
    assert "60720100 Kimyoviy texnologiya" in text(response)


def test_academic_creates_a_programme(client, academic, uni):
    client.force_login(academic)
    response = client.post(reverse("web:programmes_create"), form_data(uni["econ"]))
    made = Programme.objects.get(code="60530100")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:programmes_detail", args=[made.pk])
    assert (made.faculty, made.created_by, str(made.opened_on)) == (uni["econ"], academic, "2025-08-20")
    assert AuditEvent.objects.filter(action="academics.programme.created", actor=academic).count() == 1


def test_bad_code_is_shown_on_the_field(client, academic, uni):
    client.force_login(academic)
    response = client.post(reverse("web:programmes_create"), form_data(uni["econ"], code="605301"))
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "code": ["The HEMIS code must be 8 digits, e.g. 60720100 or 70720101."]
    }
    assert not Programme.objects.filter(code="605301").exists()


def test_dean_creates_only_for_own_faculty(client, dean_chemistry, uni):
    client.force_login(dean_chemistry)
    response = client.post(reverse("web:programmes_create"), form_data(uni["econ"]))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["faculty"]
    assert not Programme.objects.filter(code="60530100").exists()
    response = client.post(reverse("web:programmes_create"), form_data(uni["chem"]))
    assert response.status_code == 302
    assert Programme.objects.get(code="60530100").faculty == uni["chem"]


def test_dean_of_economics_cannot_see_or_change_chemistry(client, dean_economics, uni):
    chem = programme(uni["chem"])
    econ = programme(uni["econ"], code="60410100", name_uz="Iqtisodiyot")
    client.force_login(dean_economics)
    listed = [p.code for p in client.get(reverse("web:programmes_list")).context["page"]]
    assert chem.code not in listed and econ.code in listed
    assert client.get(reverse("web:programmes_detail", args=[chem.pk])).status_code == 404
    assert client.get(reverse("web:programmes_edit", args=[chem.pk])).status_code == 404
    response = client.post(
        reverse("web:programmes_edit", args=[chem.pk]), form_data(uni["econ"], code="60720100")
    )
    assert response.status_code == 404
    assert client.post(reverse("web:programmes_close", args=[chem.pk])).status_code == 404
    chem.refresh_from_db()
    assert (chem.faculty, chem.name_uz, chem.is_active) == (uni["chem"], "Kimyoviy texnologiya", True)
    assert not AuditEvent.objects.filter(
        action__in=["academics.programme.updated", "academics.programme.closed"]
    ).exists()


def test_head_reads_but_cannot_edit(client, head, uni):
    made = programme(uni["econ"])
    client.force_login(head)
    page = client.get(reverse("web:programmes_detail", args=[made.pk]))
    assert page.context["programme"] == made
    assert b'data-testid="edit"' not in page.content and b'data-testid="close"' not in page.content
    assert client.get(reverse("web:programmes_edit", args=[made.pk])).status_code == 404
    assert client.get(reverse("web:programmes_create")).status_code == 403


def test_outsider_cannot_read(client, outsider, uni):
    programme(uni["chem"])
    client.force_login(outsider)
    assert client.get(reverse("web:programmes_list")).status_code == 403
    assert not AuditEvent.objects.filter(action="academics.programme.exported").exists()


def test_edit_and_close(client, academic, uni):
    made = programme(uni["chem"])
    client.force_login(academic)
    edit = client.get(reverse("web:programmes_edit", args=[made.pk]))
    assert edit.context["form"].initial["code"] == "60720100"
    response = client.post(
        reverse("web:programmes_edit", args=[made.pk]),
        form_data(uni["chem"], code="60720100", name_uz="Kimyo texnologiyasi", duration_years="5"),
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert (made.name_uz, made.duration_years) == ("Kimyo texnologiyasi", 5)
    confirm = client.get(reverse("web:programmes_close", args=[made.pk]))
    assert "Close “60720100 Accounting”?" in text(confirm)
    client.post(reverse("web:programmes_close", args=[made.pk]))
    made.refresh_from_db()
    assert made.is_active is False


def test_export_is_audited(client, academic, uni):
    made = programme(uni["chem"])
    f.GroupFactory(faculty=uni["chem"], programme=made)
    client.force_login(academic)
    response = client.get(reverse("web:programmes_export"), {"q": "60720100"})
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("HEMIS code", "Name (Uzbek)")
    assert [r[0] for r in rows[1:]] == ["60720100"]
    assert rows[1][13:16] == (0, 1, True)
    event = AuditEvent.objects.get(action="academics.programme.exported")
    assert event.data == {"filters": {"q": "60720100"}, "rows": 1}


def test_nav_shows_programmes_to_marketing(client, db):
    user = f.UserFactory(username="marketing")
    f.grant(user, "marketing")
    client.force_login(user)
    titles = [str(i["title"]) for i in client.get(reverse("web:home")).context["nav_items"]]
    assert "Programmes" in titles
    assert "Subject catalogue" not in titles


def test_create_form_offers_the_deans_faculty_only(client, dean_chemistry, uni):
    client.force_login(dean_chemistry)
    response = client.get(reverse("web:programmes_create"))
    assert list(response.context["form"].fields["faculty"].queryset) == [uni["chem"]]
    assert "New programme" in text(response)
