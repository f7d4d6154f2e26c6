"""The debts list and the individual-plan pages: who reads them, their filters and exact rows, query counts
at 1 and 3 items, plans made (for a student, for a group) and cancelled, refusals that change nothing, the
student's own plan and the plan's PDF."""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from hemis.audit.models import AuditEvent
from hemis.grading.enums import RecordStatus
from hemis.grading.models import PlanItem
from hemis.testing import factories as f
from hemis.testing.grading_records import record
from hemis.testing.schedule import text, with_login

DEBTS = reverse("web:grading_debts")
# The session, the user, the role grants and the navigation, then the page's own reads: the debts list
# (its groups, the summary, the rows); a plan page (the student, may-manage, debts, items).
QUERIES = 10
PLAN_QUERIES = 9


def plan_url(student) -> str:
    return reverse("web:grading_plan", args=[student.pk])


def cells(page: str, testid: str) -> list[str]:
    return re.findall(rf'data-testid="{testid}">([^<]*)<', page)


def future(days: int = 30) -> str:
    return f"{timezone.localdate() + dt.timedelta(days=days):%d.%m.%Y}"


def state():
    return list(PlanItem.objects.order_by("pk").values()), AuditEvent.objects.count()


def debtors(grading, n: int):
    students = grading.students()[:n]
    for student in students:
        record(grading, student, RecordStatus.FAILED, total=40)
    return students


# --- the debts list -----------------------------------------------------------------------------


def test_debts_list_shows_each_debt_with_its_kind_score_and_plan(client, grading, dean_chemistry):
    s = debtors(grading, 1)[0]
    record(grading, s, RecordStatus.BARRED, cs=grading.physics_cs, total=0, grade="")
    PlanItem.objects.create(
        student=s,
        curriculum_subject=grading.math_cs,
        debt="failed",
        way="resit",
        due_date=dt.date(2027, 9, 1),
    )
    client.force_login(dean_chemistry)
    page = text(client.get(DEBTS))
    assert cells(page, "kind") == ["Barred", "Failed"]
    assert cells(page, "score") == ["0", "40"]
    assert re.findall(r'data-testid="planned">(?:<span[^>]*>)?([^<]*)<', page) == [
        "not planned",
        "in the plan",
    ]
    assert cells(page, "summary-debts") == ["2"] and cells(page, "summary-uncovered") == ["1"]
    assert f'href="{plan_url(s)}"' in page
    assert 'data-testid="group-plans-form"' in page


@pytest.mark.parametrize("n", [1, 3])
def test_debts_list_queries_do_not_grow(client, grading, dean_chemistry, django_assert_num_queries, n):
    debtors(grading, n)
    client.force_login(dean_chemistry)
    client.get(DEBTS)  # the session and the principal warmed
    with django_assert_num_queries(QUERIES):
        page = text(client.get(DEBTS))
    assert len(re.findall('data-testid="debt"', page)) == n


def test_debts_filtered_by_kind_and_group(client, grading, dean_chemistry):
    w = grading.world
    s = debtors(grading, 2)
    record(grading, grading.students("KT-22")[0], RecordStatus.MISSING, total=10)
    client.force_login(dean_chemistry)
    page = text(client.get(DEBTS, {"kind": "missing"}))
    assert cells(page, "kind") == ["Missing"]
    page = text(client.get(DEBTS, {"group": w.kt21.pk}))
    assert cells(page, "kind") == ["Failed", "Failed"] and s[1].full_name in page


def test_debts_filtered_by_the_seventh_course(client, grading, dean_chemistry):
    """A student's course runs to 7, as the students' forms offer; the filter took only 1 to 6."""
    first, second = debtors(grading, 2)
    type(first).objects.filter(pk=first.pk).update(course=7)
    client.force_login(dean_chemistry)
    page = text(client.get(DEBTS, {"course": 7}))
    assert cells(page, "kind") == ["Failed"]
    assert first.full_name in page and second.full_name not in page


def test_the_academic_department_and_management_read_debts_the_dean_of_economics_sees_none(
    client, grading, academic, rector, dean_economics
):
    debtors(grading, 2)
    for reader in (academic, rector):
        client.force_login(reader)
        page = text(client.get(DEBTS))
        assert len(cells(page, "kind")) == 2
        assert 'data-testid="group-plans-form"' not in page
    client.force_login(dean_economics)
    page = text(client.get(DEBTS))
    assert cells(page, "kind") == [] and cells(page, "summary-debts") == ["0"]


def test_a_teacher_does_not_read_the_debts(client, grading):
    f.grant(grading.karimov_user, "teacher")
    client.force_login(grading.karimov_user)
    assert client.get(DEBTS).status_code == 403


def test_group_plans_made_from_the_debts_page(client, grading, dean_chemistry):
    w = grading.world
    debtors(grading, 3)
    client.force_login(dean_chemistry)
    response = client.post(DEBTS, {"group": w.kt21.pk, "due_date": future()}, follow=True)
    assert "3 plan items made for 3 students of KT-21." in text(response)
    assert PlanItem.objects.filter(status="open").count() == 3


def test_group_plans_refused_show_why_and_change_nothing(client, grading, dean_chemistry, dean_economics):
    w = grading.world
    debtors(grading, 1)
    client.force_login(dean_chemistry)
    before = state()
    response = client.post(DEBTS, {"group": w.kt21.pk, "due_date": "01.01.2020"})
    assert response.status_code == 400
    assert "The due date 01.01.2020 is in the past." in text(response)
    client.force_login(dean_economics)
    response = client.post(DEBTS, {"group": w.kt21.pk, "due_date": future()})
    assert response.status_code == 400  # KT-21 is not among the groups the form offers
    assert state() == before


# --- a student's plan -----------------------------------------------------------------------------


def test_dean_plans_a_students_debts(client, grading, dean_chemistry):
    s = debtors(grading, 1)[0]
    record(grading, s, RecordStatus.MISSING, cs=grading.physics_cs, total=30, grade="")
    client.force_login(dean_chemistry)
    page = text(client.get(plan_url(s)))
    assert 'data-testid="plan-form"' in page
    data = {"due_date": future(), f"way_{grading.physics_cs.pk}": "restudy"}
    response = client.post(plan_url(s), data, follow=True)
    page = text(response)
    assert "2 debts are added to the plan." in page
    assert cells(page, "way") == ["Paid re-study", "Re-sit (2nd or 3rd statement)"]
    assert 'data-testid="plan-form"' not in page  # nothing left to plan


def test_a_refused_plan_shows_why_and_changes_nothing(client, grading, dean_chemistry):
    s = debtors(grading, 1)[0]
    client.force_login(dean_chemistry)
    before = state()
    response = client.post(plan_url(s), {"due_date": "01.01.2020"})
    assert response.status_code == 400
    assert "The due date 01.01.2020 is in the past." in text(response)
    assert state() == before


def test_cancel_a_plan_item(client, grading, dean_chemistry):
    s = debtors(grading, 1)[0]
    client.force_login(dean_chemistry)
    client.post(plan_url(s), {"due_date": future()})
    item = PlanItem.objects.get()
    url = reverse("web:grading_plan_item_cancel", args=[item.pk])
    response = client.post(url, {"note": "Transferred"}, follow=True)
    assert "The plan item of Oliy matematika is cancelled." in text(response)
    assert cells(text(response), "item-status") == ["Cancelled — Transferred"]
    before = state()
    response = client.post(url, follow=True)
    assert "Only an open item of the plan can be cancelled." in text(response)
    assert state() == before


def test_the_dean_of_economics_reaches_no_chemistry_plan(client, grading, dean_chemistry, dean_economics):
    s = debtors(grading, 1)[0]
    client.force_login(dean_chemistry)
    client.post(plan_url(s), {"due_date": future()})
    item = PlanItem.objects.get()
    client.force_login(dean_economics)
    before = state()
    assert client.get(plan_url(s)).status_code == 404
    assert client.post(plan_url(s), {"due_date": future()}).status_code == 404
    assert client.post(reverse("web:grading_plan_item_cancel", args=[item.pk])).status_code == 404
    assert client.get(reverse("web:grading_plan_pdf", args=[s.pk])).status_code == 404
    assert state() == before


def test_the_academic_department_reads_a_plan_without_its_forms(client, grading, academic):
    s = debtors(grading, 1)[0]
    client.force_login(academic)
    page = text(client.get(plan_url(s)))
    assert cells(page, "summary-debts") == [] and 'data-testid="student-debt"' in page
    assert 'data-testid="plan-form"' not in page
    before = state()
    assert client.post(plan_url(s), {"due_date": future()}).status_code == 403
    assert state() == before


def test_a_student_reads_their_own_plan_only(client, grading, dean_chemistry):
    s = debtors(grading, 2)
    user = with_login(s[0], "talaba")
    f.grant(user, "student")
    client.force_login(user)
    response = client.get(reverse("web:grading_my_plan"), follow=True)
    assert response.redirect_chain[-1][0] == plan_url(s[0])
    assert 'data-testid="plan-form"' not in text(response)
    assert client.get(plan_url(s[1])).status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_plan_page_queries_do_not_grow(client, grading, dean_chemistry, django_assert_num_queries, n):
    s = grading.students()[0]
    for cs in (grading.math_cs, grading.physics_cs)[: min(n, 2)]:
        record(grading, s, RecordStatus.FAILED, cs=cs)
    for i in range(n):
        PlanItem.objects.create(
            student=s,
            curriculum_subject=grading.math_cs,
            debt="failed",
            way="resit",
            due_date=dt.date(2027, 9, 1),
            status="cancelled",
            note=str(i),
        )
    client.force_login(dean_chemistry)
    client.get(plan_url(s))
    with django_assert_num_queries(PLAN_QUERIES):
        page = text(client.get(plan_url(s)))
    assert len(re.findall('data-testid="plan-item"', page)) == n


def test_the_plan_as_a_pdf(client, grading, dean_chemistry):
    s = debtors(grading, 1)[0]
    record(grading, s, RecordStatus.BARRED, cs=grading.physics_cs, total=0, grade="")
    client.force_login(dean_chemistry)
    client.post(plan_url(s), {"due_date": "15.09.2099", f"way_{grading.math_cs.pk}": "restudy"})
    response = client.get(reverse("web:grading_plan_pdf", args=[s.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="plan-{s.student_id_number}.pdf"'
    reader = PdfReader(BytesIO(response.content))
    content = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert content.startswith(f"Individual plan of {s.full_name}")
    assert f"Student ID {s.student_id_number} · group KT-21 · course 2" in content
    assert "1 Fizika 4 4.0 Barred Re-sit (2nd or 3rd statement) 15.09.2099 Open" in content
    assert "2 Oliy matematika 4 4.0 Failed Paid re-study 15.09.2099 Open" in content
