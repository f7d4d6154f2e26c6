"""The statement pages: the dean's office's list (filters, generate), the examiner's list, a statement
(grade entry, the version check, the lock, reopening and signing off), and the leaks: another teacher
and another faculty's dean get a 404. Control dates are relative to the real today (the pages use it)."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hemis.grading.models import Statement, StatementLine, StatementReopening
from hemis.schedule.enums import Attempt, ControlKind
from hemis.testing import factories as f
from hemis.testing.grading import make_statement
from hemis.testing.schedule import add_control, text

MIDTERM = ControlKind.MIDTERM


@pytest.fixture
def karimov(client, grading):
    f.grant(grading.karimov_user, "teacher")
    return grading.karimov_user


@pytest.fixture
def rahimova(grading):
    f.grant(grading.rahimova_user, "teacher")
    return grading.rahimova_user


def today():
    return timezone.localdate()


def open_midterm(grading, **kwargs):
    """KT-21's Mathematics midterm held today (open), Karimov examining, the fifth student barred."""
    kwargs = {"control_kind": MIDTERM, "control_date": today(), "barred": (grading.students()[4],), **kwargs}
    return make_statement(grading.world, **kwargs)


def url(name, statement=None) -> str:
    return reverse(f"web:grading_{name}", args=[statement.pk] if statement else [])


def count_queries(client, address) -> int:
    client.get(address)  # warm: the settings row and the caches made on a first visit
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def cells(page: str, testid: str) -> list[str]:
    return [c.strip() for c in re.findall(rf'data-testid="{testid}">([^<]*)<', page)]


def grades_post(statement, points: dict, versions: dict | None = None) -> dict:
    data = {}
    for line in StatementLine.objects.filter(statement=statement):
        data[f"version_{line.student_id}"] = (versions or {}).get(line.student_id, line.version)
        if not line.barred:
            value = points.get(line.student_id, line.points)
            data[f"points_{line.student_id}"] = "" if value is None else value
    return data


def generate_group(client, w):
    """The whole-group generate form posted for KT-21's midterms of the world's semester."""
    data = {"group": w.kt21.pk, "semester": w.semester.pk, "control_kind": MIDTERM}
    return client.post(url("statements_generate_group"), data, follow=True)


# --- the lists -------------------------------------------------------------------------------------------


def test_the_deans_list_filters_by_state_and_shows_the_progress(client, grading, dean_chemistry):
    s = grading.students()
    open_midterm(grading, points={s[0]: 12, s[1]: 15})
    make_statement(
        grading.world, subject="FIZ204", control_kind=MIDTERM, control_date=today() - dt.timedelta(days=20)
    )
    make_statement(grading.world, group="KT-22", control_kind=MIDTERM, control_date=today(), signed=True)
    client.force_login(dean_chemistry)
    semester = grading.world.semester.pk

    page = text(client.get(url("statements") + f"?semester={semester}"))
    assert len(cells(page, "graded")) == 3
    assert "2 / 12" in cells(page, "graded")

    page = text(client.get(url("statements") + f"?semester={semester}&state=locked"))
    assert cells(page, "graded") == ["0 / 12"]
    assert "Fizika" in page
    page = text(client.get(url("statements") + f"?semester={semester}&state=signed"))
    assert cells(page, "graded") == ["0 / 14"]
    page = text(
        client.get(url("statements") + f"?semester={semester}&state=open&group={grading.world.kt21.pk}")
    )
    assert cells(page, "graded") == ["2 / 12"]


def test_list_pages_queries_do_not_grow_with_statements(
    client, grading, dean_chemistry, karimov, django_assert_num_queries
):
    w = grading.world
    open_midterm(grading)
    address = url("statements") + f"?semester={w.semester.pk}"
    client.force_login(dean_chemistry)
    dean_one = count_queries(client, address)
    client.force_login(karimov)
    mine_one = count_queries(client, url("my_statements"))
    make_statement(w, group="KT-22", control_kind=MIDTERM, control_date=today())
    make_statement(w, control_kind=ControlKind.FINAL, control_date=today() - dt.timedelta(days=30))
    with django_assert_num_queries(mine_one):
        response = client.get(url("my_statements"))
    assert len(response.context["statements"]) == 3
    client.force_login(dean_chemistry)
    with django_assert_num_queries(dean_one):
        response = client.get(address)
    assert len(response.context["statements"]) == 3
    # The state filter and the rows' states share one read of the settings and the calendar.
    assert count_queries(client, address + "&state=open") == dean_one


def test_the_dean_generates_a_statement_from_the_list(client, grading, dean_chemistry):
    w = grading.world
    client.force_login(dean_chemistry)
    response = client.post(
        url("statements"),
        {
            "group_subject": w.bindings[("KT-21", "MAT204")].pk,
            "control_kind": MIDTERM,
            "attempt": Attempt.FIRST,
            "examiner": w.karimov.pk,
            "control_date": "01.06.2027",
        },
    )
    statement = Statement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("statement", statement)
    assert (statement.examiner, statement.control_date, statement.max_points) == (
        w.karimov,
        dt.date(2027, 6, 1),
        20,
    )
    assert statement.lines.count() == 12

    response = client.post(
        url("statements"),
        {
            "group_subject": w.bindings[("KT-21", "FIZ204")].pk,
            "control_kind": MIDTERM,
            "attempt": Attempt.FIRST,
        },
    )
    assert response.status_code == 400
    assert "The control is not on the timetable: choose the examiner." in text(response)
    assert Statement.objects.count() == 1


def test_a_semester_without_statements_offers_the_semester_of_the_latest(client, grading, dean_chemistry):
    open_midterm(grading)
    client.force_login(dean_chemistry)
    page = text(client.get(url("statements") + f"?semester={grading.world.autumn.pk}"))
    assert cells(page, "graded") == []
    link = re.search(r'data-testid="latest-semester">[^<]*<a href="([^"]+)">([^<]+)</a>', page)
    assert link.groups() == (f"?semester={grading.world.semester.pk}", str(grading.world.semester))
    page = text(client.get(url("statements") + link.group(1)))
    assert 'data-testid="latest-semester"' not in page
    assert len(cells(page, "graded")) == 1


def test_the_dean_of_another_faculty_sees_none_of_chemistrys_statements(client, grading, dean_economics):
    statement = open_midterm(grading)
    client.force_login(dean_economics)
    page = text(client.get(url("statements") + f"?semester={grading.world.semester.pk}"))
    assert cells(page, "graded") == []
    assert 'data-testid="latest-semester"' not in page  # chemistry's semester is not offered either
    for name in ("statement", "statement_pdf"):
        assert client.get(url(name, statement)).status_code == 404
    for name in ("statement_reopen", "statement_sign"):
        assert client.post(url(name, statement), {"until": "01.01.2030", "reason": "x"}).status_code == 404
    response = client.post(
        url("statements"),
        {
            "group_subject": grading.world.bindings[("KT-21", "MAT204")].pk,
            "control_kind": ControlKind.FINAL,
            "attempt": Attempt.FIRST,
            "examiner": grading.world.karimov.pk,
            "control_date": "01.06.2027",
        },
    )
    assert response.status_code == 400
    assert "Select a valid choice." in text(response)
    assert Statement.objects.count() == 1


# --- a statement -----------------------------------------------------------------------------------------


def test_the_examiner_enters_grades_and_a_stale_form_is_told(client, grading, karimov):
    s = grading.students()
    statement = open_midterm(grading)
    client.force_login(karimov)
    page = text(client.get(url("statement", statement)))
    assert f'name="version_{s[0].pk}" value="0"' in page
    assert f'name="points_{s[4].pk}"' not in page  # barred: no field
    assert cells(page, "barred") == ["not admitted"]
    assert cells(page, "lock-until")[0] != ""
    assert f'href="{url("my_statements")}" data-testid="back"' in page

    stale = grades_post(statement, {s[0].pk: 18})
    response = client.post(url("statement", statement), grades_post(statement, {s[0].pk: 17, s[1].pk: 9}))
    assert response.status_code == 302
    assert (
        dict(StatementLine.objects.filter(statement=statement).values_list("student_id", "points"))[s[0].pk]
        == 17
    )
    page = text(client.get(url("statement", statement)))
    assert "2 grades are saved." in page
    assert cells(page, "grade")[:2] == ["4", "2"]  # 17 of 20 → 85 (4: 71–85), 9 of 20 → 45 (2)

    response = client.post(url("statement", statement), stale)
    assert response.status_code == 400
    assert "after you opened the statement; nothing of yours was saved." in text(response)
    assert StatementLine.objects.get(statement=statement, student=s[0]).points == 17


def test_points_over_the_maximum_are_refused_on_the_form(client, grading, karimov):
    s = grading.students()
    statement = open_midterm(grading)
    client.force_login(karimov)
    response = client.post(url("statement", statement), grades_post(statement, {s[0].pk: 21}))
    assert response.status_code == 400
    assert "Ensure this value is less than or equal to 20." in text(response)
    assert not StatementLine.objects.filter(statement=statement, points__isnull=False).exists()


def test_another_teacher_cannot_open_the_statement(client, grading, karimov, rahimova):
    statement = open_midterm(grading)
    client.force_login(rahimova)
    for name in ("statement", "statement_template", "statement_pdf"):
        assert client.get(url(name, statement)).status_code == 404
    response = client.post(url("statement", statement), grades_post(statement, {grading.students()[0].pk: 5}))
    assert response.status_code == 404
    assert client.post(url("statement_import", statement), {}).status_code == 404
    assert not StatementLine.objects.filter(statement=statement, points__isnull=False).exists()


def test_the_dean_reads_the_grades_but_does_not_enter_them(client, grading, dean_chemistry):
    s = grading.students()
    statement = open_midterm(grading, points={s[0]: 12})
    client.force_login(dean_chemistry)
    page = text(client.get(url("statement", statement)))
    assert 'data-testid="grades-form"' not in page
    assert 'data-testid="import-form"' not in page
    assert cells(page, "points")[0] == "12"
    response = client.post(url("statement", statement), grades_post(statement, {s[0].pk: 5}))
    assert response.status_code == 403
    assert client.get(url("statement_template", statement)).status_code == 404
    assert StatementLine.objects.get(statement=statement, student=s[0]).points == 12


def test_after_the_lock_the_dean_reopens_and_the_examiner_saves_again(
    client, grading, karimov, dean_chemistry
):
    s = grading.students()
    statement = open_midterm(grading, control_date=today() - dt.timedelta(days=20))
    client.force_login(karimov)
    page = text(client.get(url("statement", statement)))
    assert 'data-testid="grades-form"' not in page
    assert "ask the dean's office to reopen it" in page
    assert client.post(url("statement", statement), grades_post(statement, {s[0].pk: 5})).status_code == 403

    client.force_login(dean_chemistry)
    page = text(client.get(url("statement", statement)))
    assert 'data-testid="reopen-form"' in page
    until = today() + dt.timedelta(days=3)
    response = client.post(
        url("statement_reopen", statement), {"until": f"{until:%d.%m.%Y}", "reason": "Ill"}
    )
    assert response.status_code == 302
    assert StatementReopening.objects.get(statement=statement).until == until

    client.force_login(karimov)
    page = text(client.get(url("statement", statement)))
    assert cells(page, "lock-until")[0].startswith(f"{until:%d.%m.%Y}")
    assert client.post(url("statement", statement), grades_post(statement, {s[0].pk: 5})).status_code == 302
    assert StatementLine.objects.get(statement=statement, student=s[0]).points == 5


def test_the_dean_signs_off_once_the_lock_passed_and_missing_grades_stay_missing(
    client, grading, dean_chemistry
):
    statement = open_midterm(grading, control_date=today() - dt.timedelta(days=20))
    client.force_login(dean_chemistry)
    response = client.post(url("statement_sign", statement), follow=True)
    assert "The statement is signed off. 11 students have no grade: they stay missing." in text(response)
    statement.refresh_from_db()
    assert statement.signed_by == dean_chemistry
    assert 'data-testid="sign-form"' not in text(response)


def test_the_dean_generates_a_whole_groups_statements(client, grading, dean_chemistry, superadmin):
    """Mathematics' midterm is on the timetable, Physics' is not: one statement, and why not the other."""
    w = grading.world
    add_control(w, superadmin, control_kind=MIDTERM)
    client.force_login(dean_chemistry)
    response = generate_group(client, w)
    page = text(response)
    assert "1 statement is generated." in page
    assert "Fizika: The control is not on the timetable: choose the examiner." in page
    statement = Statement.objects.get()
    assert (statement.subject, statement.examiner, statement.control_date) == (
        w.math,
        w.karimov,
        dt.date(2027, 2, 12),
    )


def test_a_group_of_another_faculty_cannot_be_generated(client, grading, dean_economics, superadmin):
    w = grading.world
    add_control(w, superadmin, control_kind=MIDTERM)
    client.force_login(dean_economics)
    response = generate_group(client, w)
    assert "Select a valid choice." in text(response)
    assert not Statement.objects.exists()
