"""The academic set-up pages: lists (bounded queries), forms with field errors, access, exports."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from hemis.academics.enums import RatingTarget
from hemis.academics.models import (
    AcademicYear,
    ControlType,
    LessonPair,
    MarkingSystem,
    RatingCriterion,
    Semester,
    StatementType,
)
from hemis.academics.services import marking, years
from hemis.academics.tests import factories as af
from hemis.audit.models import AuditEvent
from hemis.testing import factories as f

T = dt.time


@pytest.fixture
def academic(db):
    return af.academic_user()


@pytest.fixture
def head(uni):
    user = f.UserFactory(username="head_inorg")
    f.grant(user, "head", uni["inorganic"])
    return user


def uz(msgid: str) -> str:
    with translation.override("uz"):
        return gettext(msgid)


def en(text) -> str:
    with translation.override("en"):
        return str(text)


# --- list pages: the same number of queries for 1 and 3 rows --------------------------------------


def local_systems(n: int) -> None:
    bands = [{"grade": "P", "name_uz": "oʻtdi", "min_value": 0, "max_value": 10}]
    for i in range(n):
        marking.save_marking_system(
            values={"code": f"3{i}", "name_uz": f"Tizim {i}", "pass_border": 5, "max_value": 10},
            bands=bands,
            actor=None,
        )


def years_with_semesters(n: int) -> AcademicYear:
    made = [af.year(2020 + i) for i in range(n)]
    for year in made:
        af.semesters(year)
    return made[-1]


def pairs_of_a_year(n: int) -> AcademicYear:
    year = af.year(2026)
    for number, start, end in af.STANDARD_PAIRS[:n]:
        af.pair(year, number, start, end)
    return year


def criteria_of_a_year(n: int) -> AcademicYear:
    year = af.year(2026)
    for i in range(n):
        af.criterion(year, "10", name=f"Mezon {i}")
    return year


# session, user, grants, student check, languages, count, rows (+ prefetch of bands / semesters)
@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize(
    ("url_name", "build", "queries", "rows"),
    [
        ("web:academics_marking", local_systems, 8, lambda n: n + 3),
        (
            "web:academics_controls",
            lambda n: [ControlType.objects.create(code=f"9{i}", name_uz="X") for i in range(n)],
            7,
            lambda n: n + 9,
        ),
        (
            "web:academics_statements",
            lambda n: [StatementType.objects.create(code=f"2{i}", name_uz="Y") for i in range(n)],
            7,
            lambda n: n + 3,
        ),
        ("web:academics_years", years_with_semesters, 8, lambda n: n),
    ],
)
def test_list_query_count_is_constant(
    client, academic, django_assert_num_queries, n, url_name, build, queries, rows
):
    build(n)
    client.force_login(academic)
    with django_assert_num_queries(queries):
        response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == rows(n)


@pytest.mark.parametrize("n", [1, 3])
def test_pairs_page_query_count_is_constant(client, academic, django_assert_num_queries, n):
    year = pairs_of_a_year(n)
    client.force_login(academic)
    with django_assert_num_queries(8):
        response = client.get(reverse("web:academics_pairs"), {"year": year.pk})
    assert [p.number for p in response.context["page"]] == list(range(1, n + 1))


@pytest.mark.parametrize("n", [1, 3])
def test_criteria_page_query_count_is_constant(client, academic, django_assert_num_queries, n):
    year = criteria_of_a_year(n)
    client.force_login(academic)
    with django_assert_num_queries(9):
        response = client.get(reverse("web:academics_criteria"), {"year": year.pk, "target": "teacher"})
    assert [c.name_uz for c in response.context["page"]] == [f"Mezon {i}" for i in range(n)]
    assert response.context["targets"][0][2] == Decimal(10 * n)


# --- access -------------------------------------------------------------------------------------


def test_nav_shows_the_section_to_the_academic_department(client, academic):
    client.force_login(academic)
    response = client.get(reverse("web:home"))
    titles = [
        en(item["title"])
        for item in response.context["nav_items"]
        if en(item["section"]) == "Academic set-up"
    ]
    assert titles == [
        "Marking systems",
        "Control types",
        "Academic years and semesters",
        "Statement types",
        "Lesson pairs",
        "Rating criteria",
    ]


def test_head_sees_pairs_but_may_not_add_them(client, head):
    year = pairs_of_a_year(1)
    client.force_login(head)
    page = client.get(reverse("web:academics_pairs"), {"year": year.pk})
    assert page.context["can_edit"] is False
    assert b"add-pair" not in page.content
    response = client.post(
        reverse("web:academics_pair_add", kwargs={"year_pk": year.pk}),
        {"number": 2, "start_time": "10:00", "end_time": "11:20"},
    )
    assert response.status_code == 403
    assert LessonPair.objects.count() == 1


def test_teacher_may_not_see_the_set_up(client, uni):
    user = f.UserFactory()
    f.grant(user, "teacher", uni["inorganic"])
    client.force_login(user)
    assert client.get(reverse("web:academics_years")).status_code == 403


def test_missing_year_is_404(client, academic):
    client.force_login(academic)
    assert client.get(reverse("web:academics_year", kwargs={"pk": 999})).status_code == 404


# --- forms ----------------------------------------------------------------------------------------


def test_overlapping_pair_shows_the_error_on_the_field(client, academic):
    year = pairs_of_a_year(3)
    client.force_login(academic)
    response = client.post(
        reverse("web:academics_pair_add", kwargs={"year_pk": year.pk}),
        {"number": 4, "start_time": "12:00", "end_time": "13:20"},
    )
    assert response.status_code == 400
    expected = uz("Overlaps pair %(number)s (%(start)s–%(end)s).") % {
        "number": 3,
        "start": "11:30",
        "end": "12:50",
    }
    assert response.context["form"].errors == {"start_time": [expected]}
    assert expected in response.content.decode()
    assert LessonPair.objects.count() == 3


def test_pair_added_with_dd_mm_times(client, academic):
    year = pairs_of_a_year(3)
    client.force_login(academic)
    response = client.post(
        reverse("web:academics_pair_add", kwargs={"year_pk": year.pk}),
        {"number": 4, "start_time": "13:30", "end_time": "14:50"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('web:academics_pairs')}?year={year.pk}"
    assert LessonPair.objects.get(number=4).created_by == academic


def test_copy_pairs_page_action(client, academic):
    source = pairs_of_a_year(3)
    target = af.year(2027)
    client.force_login(academic)
    response = client.post(
        reverse("web:academics_pairs_copy", kwargs={"year_pk": target.pk}), {"source": source.pk}
    )
    assert response.status_code == 302
    assert list(target.lesson_pairs.values_list("number", flat=True)) == [1, 2, 3]


def test_make_current_button(client, academic):
    autumn, spring = af.semesters(af.year(2026))
    years.make_current(semester=autumn, actor=None)
    client.force_login(academic)
    response = client.post(reverse("web:academics_semester_current", kwargs={"pk": spring.pk}))
    assert response.status_code == 302
    assert list(Semester.objects.filter(is_current=True)) == [spring]


def test_semester_with_reversed_dates_shows_the_field_error(client, academic):
    year = af.year(2026)
    client.force_login(academic)
    response = client.post(
        reverse("web:academics_semester_add", kwargs={"pk": year.pk}),
        {"semester_type": "11", "number": 1, "start_date": "25.01.2027", "end_date": "01.09.2026"},
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["end_date"]
    assert Semester.objects.count() == 0


def test_year_created_with_dd_mm_yyyy_dates(client, academic):
    client.force_login(academic)
    response = client.post(
        reverse("web:academics_year_create"),
        {"name": "2027-2028", "start_date": "01.09.2027", "end_date": "30.06.2028"},
    )
    year = AcademicYear.objects.get(name="2027-2028")
    assert response["Location"] == reverse("web:academics_year", kwargs={"pk": year.pk})
    assert (year.start_date, year.end_date) == (dt.date(2027, 9, 1), dt.date(2028, 6, 30))


def test_marking_system_band_overlap_is_shown_and_nothing_saved(client, academic):
    system = MarkingSystem.objects.get(code="12")
    client.force_login(academic)
    data = {
        "code": "12",
        "name_uz": "Besh ballik tizim",
        "pass_border": 3,
        "max_value": 5,
        "is_active": "on",
        "bands-TOTAL_FORMS": 2,
        "bands-INITIAL_FORMS": 0,
        "bands-MIN_NUM_FORMS": 0,
        "bands-MAX_NUM_FORMS": 30,
        "bands-0-grade": "5",
        "bands-0-name_uz": "aʼlo",
        "bands-0-min_value": 3,
        "bands-0-max_value": 5,
        "bands-1-grade": "2",
        "bands-1-name_uz": "qoniqarsiz",
        "bands-1-min_value": 0,
        "bands-1-max_value": 3,
    }
    response = client.post(reverse("web:academics_marking_detail", kwargs={"pk": system.pk}), data)
    assert response.status_code == 400
    expected = uz("Band %(a)s overlaps band %(b)s.") % {"a": "2 (0–3)", "b": "5 (3–5)"}
    assert response.context["form"].non_field_errors() == [expected]
    assert system.bands.count() == 4


def test_marking_system_saved_with_new_bands(client, academic):
    system = MarkingSystem.objects.get(code="12")
    client.force_login(academic)
    data = {
        "code": "12",
        "name_uz": "Besh ballik tizim",
        "pass_border": 3,
        "max_value": 5,
        "is_active": "on",
        "bands-TOTAL_FORMS": 3,
        "bands-INITIAL_FORMS": 0,
        "bands-MIN_NUM_FORMS": 0,
        "bands-MAX_NUM_FORMS": 30,
        "bands-0-grade": "5",
        "bands-0-name_uz": "aʼlo",
        "bands-0-min_value": 4,
        "bands-0-max_value": 5,
        "bands-1-grade": "2",
        "bands-1-name_uz": "qoniqarsiz",
        "bands-1-min_value": 0,
        "bands-1-max_value": 3,
    }
    response = client.post(reverse("web:academics_marking_detail", kwargs={"pk": system.pk}), data)
    assert response.status_code == 302
    assert [(b.grade, b.min_value, b.max_value) for b in system.bands.all()] == [("5", 4, 5), ("2", 0, 3)]


def test_weight_over_100_shows_the_field_error(client, academic):
    year = criteria_of_a_year(3)
    client.force_login(academic)
    response = client.post(
        reverse("web:academics_criterion_add", kwargs={"year_pk": year.pk}),
        {"target": RatingTarget.TEACHER, "name_uz": "Xalqaro loyihalar", "weight": "75", "max_points": "10"},
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["weight"]
    assert RatingCriterion.objects.count() == 3


def test_statement_type_delete_asks_first(client, academic):
    local = StatementType.objects.create(code="21", name_uz="Komissiya qaydnomasi")
    client.force_login(academic)
    url = reverse("web:academics_statement_delete", kwargs={"pk": local.pk})
    page = client.get(url)
    assert b"confirm-delete" in page.content
    assert StatementType.objects.filter(pk=local.pk).exists()
    client.post(url)
    assert not StatementType.objects.filter(pk=local.pk).exists()


def test_export_is_audited(client, academic):
    year = pairs_of_a_year(3)
    client.force_login(academic)
    response = client.get(reverse("web:academics_pairs_export"), {"year": year.pk})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    event = AuditEvent.objects.get(action="academics.lessonpair.exported")
    assert event.data["rows"] == 3


def test_detail_and_edit_pages_show_the_record(client, academic):
    year = pairs_of_a_year(1)
    autumn, _spring = af.semesters(year)
    criterion = af.criterion(year, "25", name="Ilmiy maqolalar")
    system = MarkingSystem.objects.get(code="11")
    client.force_login(academic)
    detail = client.get(reverse("web:academics_marking_detail", kwargs={"pk": system.pk}))
    assert [f.initial["grade"] for f in detail.context["formset"].initial_forms] == ["5", "4", "3", "2"]
    year_page = client.get(reverse("web:academics_year", kwargs={"pk": year.pk}))
    assert [s.pk for s in year_page.context["semesters"]] == [autumn.pk, _spring.pk]
    pair = LessonPair.objects.get()
    pair_page = client.get(reverse("web:academics_pair_edit", kwargs={"pk": pair.pk}))
    assert pair_page.context["form"]["start_time"].value() == T(8, 30)
    criterion_page = client.get(reverse("web:academics_criterion_edit", kwargs={"pk": criterion.pk}))
    assert criterion_page.context["form"]["weight"].value() == Decimal("25.00")
    semester_page = client.get(reverse("web:academics_semester_edit", kwargs={"pk": autumn.pk}))
    assert b'value="01.09.2026"' in semester_page.content
    assert client.get(reverse("web:academics_statement_create")).context["item"] is None
    assert client.get(reverse("web:academics_marking_create")).context["system"] is None


def test_control_type_renamed_from_its_page(client, academic):
    final = ControlType.objects.get(code="13")
    client.force_login(academic)
    response = client.post(
        reverse("web:academics_control_edit", kwargs={"pk": final.pk}),
        {"name_uz": "Yakuniy imtihon", "name_ru": "Итоговый экзамен", "name_en": "Final exam"},
    )
    assert response["Location"] == reverse("web:academics_controls")
    final.refresh_from_db()
    assert (final.name_uz, final.is_active) == ("Yakuniy imtihon", False)


def test_management_reads_but_may_not_edit(client, rector):
    year = af.year(2026)
    client.force_login(rector)
    page = client.get(reverse("web:academics_year", kwargs={"pk": year.pk}))
    assert (page.context["can_edit"], page.context["form"]) == (False, None)
    response = client.post(
        reverse("web:academics_year_edit", kwargs={"pk": year.pk}),
        {"name": "2026-2027", "start_date": "02.09.2026", "end_date": "30.06.2027"},
    )
    assert response.status_code == 403
    year.refresh_from_db()
    assert year.start_date == dt.date(2026, 9, 1)
