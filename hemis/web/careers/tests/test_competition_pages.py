"""The competitive-selection pages: forms through the services, scope, exports, query counts."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from hemis.audit.models import AuditEvent
from hemis.careers.models import Competition
from hemis.careers.tests.factories import CompetitionFactory
from hemis.staff.enums import Position
from hemis.testing import factories as f

D = dt.date


def form_data(employee, unit, **overrides):
    data = {
        "employee": employee.pk,
        "position": Position.DOCENT,
        "org_unit": unit.pk,
        "order_number": "245-K",
        "order_date": "10.06.2024",
        "selection_date": "01.06.2024",
        "term_years": "5",
        "result": "passed",
        "notes": "",
    }
    return data | overrides


def test_hr_records_a_selection(client, uni, hr, chem_teacher):
    client.force_login(hr)
    response = client.post(
        reverse("web:careers_competition_create"), form_data(chem_teacher, uni["inorganic"])
    )
    competition = Competition.objects.get()
    assert response["Location"] == reverse("web:careers_competition", kwargs={"pk": competition.pk})
    assert (competition.employee, competition.valid_until, competition.created_by) == (
        chem_teacher,
        D(2029, 6, 1),
        hr,
    )
    page = client.get(response["Location"]).content.decode()
    with translation.override("uz"):
        assert gettext("Competitive selection recorded.") in page
    assert "01.06.2029" in page


def test_refusal_of_the_service_shows_on_the_field(client, uni, hr, chem_teacher):
    client.force_login(hr)
    client.cookies["hemis_language"] = "en"
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d.%m.%Y")
    response = client.post(
        reverse("web:careers_competition_create"),
        form_data(chem_teacher, uni["inorganic"], order_date=tomorrow),
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"order_date": ["The order date cannot be in the future."]}
    assert "The order date cannot be in the future." in response.content.decode()
    assert Competition.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="careers.").exists()


def test_academic_may_not_record_a_selection(client, uni, academic, chem_teacher):
    client.force_login(academic)
    response = client.post(
        reverse("web:careers_competition_create"), form_data(chem_teacher, uni["inorganic"])
    )
    assert response.status_code == 403
    assert Competition.objects.count() == 0
    listing = client.get(reverse("web:careers_competitions"))
    assert listing.context["can_edit"] is False


def test_dean_of_another_faculty_does_not_see_the_selection(client, uni, hr, dean_economics, chem_teacher):
    client.force_login(hr)
    client.post(reverse("web:careers_competition_create"), form_data(chem_teacher, uni["inorganic"]))
    competition = Competition.objects.get()
    client.force_login(dean_economics)
    assert client.get(reverse("web:careers_competition", kwargs={"pk": competition.pk})).status_code == 404
    assert list(client.get(reverse("web:careers_competitions")).context["page"]) == []
    teacher_page = client.get(reverse("web:careers_teacher", kwargs={"employee_pk": chem_teacher.pk}))
    assert teacher_page.status_code == 404


def test_dean_sees_the_selections_of_the_faculty(client, uni, dean_chemistry, chem_teacher, econ_teacher):
    own = CompetitionFactory(employee=chem_teacher, org_unit=uni["inorganic"])
    CompetitionFactory(employee=econ_teacher, org_unit=uni["accounting_dept"])
    client.force_login(dean_chemistry)
    assert list(client.get(reverse("web:careers_competitions")).context["page"]) == [own]
    detail = client.get(reverse("web:careers_competition", kwargs={"pk": own.pk}))
    assert detail.context["history"] == [own]
    assert detail.context["can_edit"] is False


def test_edit_and_delete_with_confirmation(client, uni, hr, chem_teacher):
    competition = CompetitionFactory(employee=chem_teacher, org_unit=uni["inorganic"])
    client.force_login(hr)
    url = reverse("web:careers_competition_edit", kwargs={"pk": competition.pk})
    data = form_data(chem_teacher, uni["inorganic"], term_years="3", order_number="301-K")
    assert client.post(url, data).status_code == 302
    competition.refresh_from_db()
    assert (competition.order_number, competition.valid_until) == ("301-K", D(2027, 6, 1))
    delete_url = reverse("web:careers_competition_delete", kwargs={"pk": competition.pk})
    assert client.get(delete_url).context["competition"] == competition
    assert Competition.objects.count() == 1
    assert client.post(delete_url)["Location"] == reverse("web:careers_competitions")
    assert Competition.objects.count() == 0
    assert AuditEvent.objects.filter(action="careers.competition.deleted").count() == 1


def test_filters_narrow_the_list(client, uni, hr, chem_teacher, econ_teacher):
    chem = CompetitionFactory(employee=chem_teacher, org_unit=uni["inorganic"])
    econ = CompetitionFactory(employee=econ_teacher, org_unit=uni["accounting_dept"], result="not_passed")
    client.force_login(hr)
    url = reverse("web:careers_competitions")
    assert list(client.get(url, {"unit": uni["econ"].pk}).context["page"]) == [econ]
    assert list(client.get(url, {"q": "toshmatov"}).context["page"]) == [chem]
    assert list(client.get(url, {"result": "not_passed"}).context["page"]) == [econ]


def test_export_reads_back_and_is_journaled(client, uni, hr, chem_teacher, econ_teacher):
    CompetitionFactory(employee=chem_teacher, org_unit=uni["inorganic"], order_number="245-K")
    CompetitionFactory(employee=econ_teacher, org_unit=uni["accounting_dept"])
    client.force_login(hr)
    client.cookies["hemis_language"] = "en"
    response = client.get(reverse("web:careers_competitions_export"), {"unit": uni["chem"].pk})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2
    assert tuple(v.date() if isinstance(v, dt.datetime) else v for v in rows[1]) == (
        "Toshmatov Jasur Olimovich",
        "Associate professor (docent)",
        "Noorganik kimyo kafedrasi",
        "245-K",
        D(2024, 6, 10),
        D(2024, 6, 1),
        3,
        D(2027, 6, 1),
        "Passed",
    )
    event = AuditEvent.objects.get(action="careers.competition.exported")
    assert (event.actor, event.data) == (hr, {"filters": {"unit": "F-CHEM"}, "rows": 1})


def populate(uni, n: int) -> None:
    for i in range(n):
        employee = f.EmployeeFactory(last_name=f"Karimov{i}")
        f.appoint(employee, uni["inorganic"])
        today = timezone.localdate()
        CompetitionFactory(
            employee=employee,
            org_unit=uni["inorganic"],
            selection_date=today.replace(year=today.year - 3) + dt.timedelta(days=30),
            order_date=today - dt.timedelta(days=5),
        )


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_constant(client, uni, dean_chemistry, django_assert_num_queries, n):
    populate(uni, n)
    client.force_login(dean_chemistry)
    with django_assert_num_queries(8):
        response = client.get(reverse("web:careers_competitions"))
    assert len(response.context["page"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_monitoring_query_count_is_constant(client, uni, dean_chemistry, django_assert_num_queries, n):
    populate(uni, n)
    client.force_login(dean_chemistry)
    with django_assert_num_queries(10):
        response = client.get(reverse("web:careers_selection_monitoring"), {"months": 3})
    assert len(response.context["page"]) == n
    assert [(d.unit, d.expiring, d.expired) for d in response.context["departments"]] == [
        (uni["inorganic"], n, 0)
    ]
