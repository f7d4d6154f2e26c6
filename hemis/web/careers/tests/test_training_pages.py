"""The professional-development pages: records through the services, scope, export, monitoring, query counts."""

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from hemis.audit.models import AuditEvent
from hemis.careers.dates import add_years
from hemis.careers.models import TrainingRecord
from hemis.careers.tests.factories import TrainingRecordFactory
from hemis.staff.enums import Position
from hemis.testing import factories as f

D = dt.date


def form_data(employee, **overrides):
    data = {
        "employee": employee.pk,
        "place": "12",
        "institution": "Toshkent kimyo-texnologiya instituti huzuridagi KQT va MO markazi",
        "programme": "Kimyoviy texnologiya: zamonaviy yondashuvlar",
        "date_from": "02.02.2026",
        "date_to": "27.02.2026",
        "hours": "144",
        "certificate_number": "KQT-0458",
        "certificate_date": "27.02.2026",
        "order_number": "17-son",
        "order_date": "28.01.2026",
    }
    return data | overrides


def test_academic_adds_a_record(client, academic, chem_teacher):
    client.force_login(academic)
    client.cookies["hemis_language"] = "en"
    response = client.post(reverse("web:careers_training_create"), form_data(chem_teacher))
    record = TrainingRecord.objects.get()
    assert response["Location"] == reverse("web:careers_training", kwargs={"pk": record.pk})
    assert (record.employee, record.hours, record.date_to, record.created_by) == (
        chem_teacher,
        144,
        D(2026, 2, 27),
        academic,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Professional-development record saved." in page
    assert "KQT and MO centre" in page


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"date_to": "01.02.2026"}, {"date_to": ["The end of the period cannot be before its start."]}),
        (
            {"certificate_date": "26.02.2026"},
            {"certificate_date": ["The certificate cannot be dated before the training ends."]},
        ),
        ({"hours": "0"}, {"hours": ["The number of hours must be greater than zero."]}),
    ],
)
def test_refusals_show_on_the_fields(client, academic, chem_teacher, overrides, errors):
    client.force_login(academic)
    client.cookies["hemis_language"] = "en"
    response = client.post(reverse("web:careers_training_create"), form_data(chem_teacher, **overrides))
    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert TrainingRecord.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="careers.").exists()


def test_management_may_read_but_not_add(client, rector, chem_teacher):
    client.force_login(rector)
    response = client.post(reverse("web:careers_training_create"), form_data(chem_teacher))
    assert response.status_code == 403
    assert TrainingRecord.objects.count() == 0
    assert client.get(reverse("web:careers_trainings")).context["can_edit"] is False


def test_dean_of_another_faculty_does_not_see_the_record(
    client, academic, dean_economics, dean_chemistry, chem_teacher
):
    client.force_login(academic)
    client.post(reverse("web:careers_training_create"), form_data(chem_teacher))
    record = TrainingRecord.objects.get()
    client.force_login(dean_economics)
    assert client.get(reverse("web:careers_training", kwargs={"pk": record.pk})).status_code == 404
    assert list(client.get(reverse("web:careers_trainings")).context["page"]) == []
    client.force_login(dean_chemistry)
    assert list(client.get(reverse("web:careers_trainings")).context["page"]) == [record]


def test_edit_and_delete_with_confirmation(client, hr, chem_teacher):
    record = TrainingRecordFactory(employee=chem_teacher)
    client.force_login(hr)
    url = reverse("web:careers_training_edit", kwargs={"pk": record.pk})
    assert client.post(url, form_data(chem_teacher, hours="72")).status_code == 302
    record.refresh_from_db()
    assert (record.hours, record.certificate_number) == (72, "KQT-0458")
    delete_url = reverse("web:careers_training_delete", kwargs={"pk": record.pk})
    assert client.get(delete_url).context["record"] == record
    assert TrainingRecord.objects.count() == 1
    assert client.post(delete_url)["Location"] == reverse("web:careers_trainings")
    assert TrainingRecord.objects.count() == 0


def test_export_reads_back_and_is_journaled(client, uni, hr, chem_teacher, econ_teacher):
    TrainingRecordFactory(employee=chem_teacher, certificate_number="BM-00077", order_number="17-son")
    TrainingRecordFactory(employee=econ_teacher)
    client.force_login(hr)
    client.cookies["hemis_language"] = "en"
    response = client.get(
        reverse("web:careers_trainings_export"), {"unit": uni["inorganic"].pk, "place": "11"}
    )
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Employee", "Type of training place", "Institution")
    assert [tuple(v.date() if isinstance(v, dt.datetime) else v for v in row) for row in rows[1:]] == [
        (
            "Toshmatov Jasur Olimovich",
            "BIMM centre",
            "Bosh ilmiy-metodik markaz",
            "Kimyo fanlarini oʻqitishda innovatsion texnologiyalar",
            D(2024, 2, 5),
            D(2024, 3, 1),
            144,
            "BM-00077",
            D(2024, 3, 1),
            "17-son",
            D(2024, 1, 30),
        )
    ]
    event = AuditEvent.objects.get(action="careers.training_record.exported")
    assert event.data == {"filters": {"unit": "D-INORG", "place": "11"}, "rows": 1}


def test_monitoring_lists_the_due_teachers(client, uni, hr, chem_teacher, econ_teacher):
    today = timezone.localdate()
    ended = add_years(today, -3) + dt.timedelta(days=60)  # due in about two months
    TrainingRecordFactory(
        employee=econ_teacher, date_from=ended - dt.timedelta(days=10), date_to=ended, certificate_date=ended
    )
    client.force_login(hr)
    response = client.get(reverse("web:careers_training_monitoring"))
    assert [(e, e.last_training, e.training_due_on) for e in response.context["page"]] == [
        (chem_teacher, None, None)
    ]
    response = client.get(reverse("web:careers_training_monitoring"), {"horizon": 3, "unit": uni["econ"].pk})
    assert [(e, e.last_training, e.training_due_on) for e in response.context["page"]] == [
        (econ_teacher, ended, add_years(ended, 3))
    ]
    assert "Qodirova Malika Baxtiyorovna" in response.content.decode()


def test_teacher_history_page(client, uni, dean_chemistry, chem_teacher):
    record = TrainingRecordFactory(employee=chem_teacher)
    client.force_login(dean_chemistry)
    response = client.get(reverse("web:careers_teacher", kwargs={"employee_pk": chem_teacher.pk}))
    assert (
        response.context["employee"],
        response.context["trainings"],
        response.context["competitions"],
    ) == (
        chem_teacher,
        [record],
        [],
    )


def populate(uni, n: int) -> None:
    for i in range(n):
        employee = f.EmployeeFactory(last_name=f"Karimov{i}")
        f.appoint(employee, uni["inorganic"], Position.ASSISTANT)
        TrainingRecordFactory(
            employee=employee, date_from=D(2023, 2, 1), date_to=D(2023, 3, 1), certificate_date=D(2023, 3, 1)
        )


@pytest.mark.parametrize("n", [1, 3])
def test_list_query_count_is_constant(client, uni, dean_chemistry, django_assert_num_queries, n):
    populate(uni, n)
    client.force_login(dean_chemistry)
    with django_assert_num_queries(8):
        response = client.get(reverse("web:careers_trainings"))
    assert len(response.context["page"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_monitoring_query_count_is_constant(client, uni, dean_chemistry, django_assert_num_queries, n):
    populate(uni, n)
    client.force_login(dean_chemistry)
    # session, user, grants, student check, languages, units of the filter, count, teachers, appointments
    with django_assert_num_queries(9):
        response = client.get(reverse("web:careers_training_monitoring"))
    assert [e.last_training for e in response.context["page"]] == [D(2023, 3, 1)] * n
