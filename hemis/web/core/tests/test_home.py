"""The home page, the health check and the error pages."""

import json

import pytest
from django.urls import reverse


def test_healthz_reports_database(client, db):
    response = client.get("/healthz")
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["database"] == "ok"


@pytest.mark.parametrize(
    ("lang", "text"), [("uz", "Sahifa topilmadi"), ("ru", "Страница не найдена"), ("en", "Page not found")]
)
def test_404_page_in_three_languages(client, db, lang, text):
    client.cookies["hemis_language"] = lang
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert text in response.content.decode()


def test_home_shows_the_current_semester(client, dean_chemistry):
    import datetime as dt

    from hemis.academics.models import AcademicYear, Semester

    year = AcademicYear.objects.create(
        name="2026-2027", start_date=dt.date(2026, 9, 1), end_date=dt.date(2027, 6, 30), is_current=True
    )
    Semester.objects.create(
        academic_year=year, semester_type="11", number=1, start_date=dt.date(2026, 9, 1),
        end_date=dt.date(2027, 1, 20), is_current=True,
    )  # fmt: skip
    client.force_login(dean_chemistry)
    page = client.get(reverse("web:home")).content.decode()
    assert "2026-2027" in page
    assert "01.09.2026 – 20.01.2027" in page
