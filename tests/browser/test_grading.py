"""Grading in a real browser (issue 13): the dean's office generates the midterm statement of a group's
subject, the examiner enters midterm grades, the lock closes, the examiner is refused, the dean's office
reopens the statement and the examiner saves again; with the current control and the final graded, the
academic department recomputes the GPA and the student finds theirs on their academic record.

The lock counts working days from the control date, and the pages use the real today: the lock is
closed by moving the control date back three weeks (as if three weeks had passed)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from hemis.grading.models import Gpa, Statement, StatementLine, StatementReopening
from hemis.schedule.enums import ControlKind
from hemis.testing import factories as f
from hemis.testing.grading import build_grading, make_statement
from hemis.testing.schedule import build_world, with_login
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def messages(page) -> list[str]:
    return page.locator(".messages .message").all_inner_texts()


def submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def test_examiner_enters_midterm_grades_lock_closes_dean_reopens_examiner_saves_again(
    page, live_server, uni, dean_chemistry, academic
):
    world = build_world(uni)
    grading = build_grading(world)
    f.grant(grading.karimov_user, "teacher")
    first, second = grading.students()[:2]
    today = timezone.localdate()
    errors: list[str] = []  # a CSP violation (an inline style or script) shows as a console error
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    # 1. The dean's office generates KT-21's Mathematics midterm, held today, Karimov examining.
    login(page, live_server, "dean_chem")
    page.goto(f"{live_server.url}/grading/statements/?semester={world.semester.pk}")
    page.select_option("#id_group_subject", str(world.bindings[("KT-21", "MAT204")].pk))
    page.select_option("#id_control_kind", ControlKind.MIDTERM.value)
    page.select_option("#id_examiner", str(world.karimov.pk))
    page.fill("#id_control_date", f"{today:%d.%m.%Y}")
    submit(page, "[data-testid=generate-form] button[type=submit]")
    statement = Statement.objects.get()
    assert (statement.control_kind, statement.max_points, statement.examiner) == (
        ControlKind.MIDTERM,
        20,
        world.karimov,
    )
    assert page.locator("[data-testid=grade-row]").count() == 12

    # 2. The examiner finds it among their statements and enters two grades.
    page.context.clear_cookies()
    login(page, live_server, "karimov")
    page.goto(f"{live_server.url}/grading/my-statements/")
    assert page.locator("[data-testid=statement-row]").count() == 1
    with page.expect_navigation():
        page.locator("[data-testid=statement-row] a").first.click()
    page.fill(f"#id_points_{first.pk}", "17")
    page.fill(f"#id_points_{second.pk}", "9")
    submit(page, "[data-testid=grades-form] button[type=submit]")
    assert len(messages(page)) == 1
    points = dict(StatementLine.objects.filter(statement=statement).values_list("student_id", "points"))
    assert (points[first.pk], points[second.pk]) == (17, 9)

    # 3. Three weeks later the lock has closed: no form, and why.
    Statement.objects.filter(pk=statement.pk).update(control_date=today - dt.timedelta(days=21))
    page.reload()
    assert page.locator("[data-testid=grades-form]").count() == 0
    assert page.locator("[data-testid=locked]").count() == 1

    # 4. The dean's office reopens it for three days.
    page.context.clear_cookies()
    login(page, live_server, "dean_chem")
    page.goto(f"{live_server.url}/grading/statements/{statement.pk}/")
    until = today + dt.timedelta(days=3)
    page.fill("#id_until", f"{until:%d.%m.%Y}")
    page.fill("#id_reason", "Imtihon qayta tekshirildi")
    submit(page, "[data-testid=reopen-form] button[type=submit]")
    assert len(messages(page)) == 1
    assert StatementReopening.objects.get(statement=statement).until == until

    # 5. The examiner saves again.
    page.context.clear_cookies()
    login(page, live_server, "karimov")
    page.goto(f"{live_server.url}/grading/statements/{statement.pk}/")
    assert page.locator("[data-testid=lock-until]").inner_text().startswith(f"{until:%d.%m.%Y}")
    page.fill(f"#id_points_{second.pk}", "12")
    submit(page, "[data-testid=grades-form] button[type=submit]")
    assert len(messages(page)) == 1
    assert StatementLine.objects.get(statement=statement, student=second).points == 12

    # 6. The current control and the finals are graded (Mathematics 28 + 17 + 45 = 90 → "5"; Physics
    # 20 + 10 + 30 = 60 → "3"); the academic department recomputes the GPA: (4·5 + 4·3) / 8 = 4.0.
    make_statement(world, control_kind=ControlKind.CURRENT, points={first: 28}, control_date=today)
    make_statement(world, points={first: 45}, control_date=today)
    for kind, points in ((ControlKind.CURRENT, 20), (ControlKind.MIDTERM, 10), (ControlKind.FINAL, 30)):
        make_statement(world, subject="FIZ204", control_kind=kind, points={first: points}, control_date=today)
    page.context.clear_cookies()
    login(page, live_server, "academic")
    page.goto(f"{live_server.url}/grading/gpa/")
    submit(page, "[data-testid=gpa-recompute] button[type=submit]")
    assert "/jobs/" in page.url
    assert Gpa.objects.get(student=first, academic_year=world.year).gpa == Decimal("4.0")

    # 7. The student sees the GPA of the year and the cumulative one on their record.
    with_login(first, "aliyev0")
    f.grant(first.user, "student")
    page.context.clear_cookies()
    login(page, live_server, "aliyev0")
    page.goto(f"{live_server.url}/grading/my-record/")
    rows = page.locator("[data-testid=gpa-row]").all_inner_texts()
    # The year's row, then the cumulative one (its label in the page's language).
    assert [row.split("\t")[1] for row in rows] == ["4,0", "4,0"], rows
    assert rows[0].startswith("2026-2027"), rows
    assert errors == []
