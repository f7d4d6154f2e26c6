"""The paid re-study pages: periods, a period's groups and a group's page (students with their payment,
timetable, control schedule, statements); the dean's office keeps them, the dean of economics reaches
none of chemistry's (404); refused input shows why and changes nothing; query counts at 1 and 3 items."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from hemis.audit.models import AuditEvent
from hemis.grading.enums import RecordStatus, SessionKind
from hemis.grading.models import RestudyEnrolment, RestudyGroup, RestudyPeriod, RestudySession, Statement
from hemis.grading.services import restudy
from hemis.schedule.enums import ControlKind
from hemis.testing import factories as f
from hemis.testing.grading_records import new_group, new_period, record
from hemis.testing.schedule import text

D = dt.date
T = dt.time
PERIODS = reverse("web:grading_restudy_periods")
# The session, the user, the role grants and the navigation, then each page's own reads.
PERIODS_QUERIES = 7
PERIOD_QUERIES = 11
GROUP_QUERIES = 12


def today():
    return timezone.localdate()


def ddmm(day: dt.date) -> str:
    return f"{day:%d.%m.%Y}"


@pytest.fixture
def period(grading, dean_chemistry):
    """A period around today, so that payments and sessions can be dated in it."""
    return new_period(
        grading,
        dean_chemistry,
        start=today() - dt.timedelta(days=10),
        end=today() + dt.timedelta(days=40),
        name="Yozgi 2027",
    )


@pytest.fixture
def group(grading, period, dean_chemistry):
    return new_group(grading, period, dean_chemistry)


def group_url(group, name: str = "web:grading_restudy_group") -> str:
    return reverse(name, args=[group.pk])


def state():
    return (
        list(RestudyPeriod.objects.order_by("pk").values()),
        list(RestudyGroup.objects.order_by("pk").values()),
        list(RestudyEnrolment.objects.order_by("pk").values()),
        list(RestudySession.objects.order_by("pk").values()),
        list(Statement.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


def cells(page: str, testid: str) -> list[str]:
    return re.findall(rf'data-testid="{testid}">([^<]*)<', page)


def enrolled(grading, group, actor, students, paid_on=None):
    for student in students:
        record(grading, student, RecordStatus.FAILED)
        enrolment = restudy.enrol_student(group=group, student=student, actor=actor)
        if paid_on:
            restudy.confirm_payment(enrolment=enrolment, paid_on=paid_on, actor=actor)


# --- periods and groups ---------------------------------------------------------------------------


def test_dean_opens_a_period_and_a_group(client, grading, dean_chemistry):
    w = grading.world
    client.force_login(dean_chemistry)
    data = {
        "name": "Yozgi 2027",
        "semester": w.semester.pk,
        "start_date": "01.07.2027",
        "end_date": "15.08.2027",
        "fee_per_credit": "250000",
    }
    response = client.post(PERIODS, data, follow=True)
    assert "Re-study period Yozgi 2027 is opened." in text(response)
    period = RestudyPeriod.objects.get()
    data = {"faculty": w.faculty.pk, "subject": w.math.pk, "name": "RS-MAT-1", "teacher": w.karimov.pk}
    response = client.post(reverse("web:grading_restudy_period", args=[period.pk]), data, follow=True)
    assert "Re-study group RS-MAT-1 is opened." in text(response)
    group = RestudyGroup.objects.get()
    assert (group.period, group.faculty, group.subject, group.teacher) == (
        period,
        w.faculty,
        w.math,
        w.karimov,
    )
    assert response.redirect_chain[-1][0] == group_url(group)


def test_a_refused_period_shows_why_and_changes_nothing(client, grading, dean_chemistry):
    client.force_login(dean_chemistry)
    data = {
        "name": "X",
        "semester": grading.world.semester.pk,
        "start_date": "15.08.2027",
        "end_date": "01.07.2027",
        "fee_per_credit": "1",
    }
    before = state()
    response = client.post(PERIODS, data)
    assert response.status_code == 400
    assert "The period cannot end before it starts." in text(response)
    assert state() == before


def test_the_dean_of_economics_cannot_open_a_group_in_chemistry(client, grading, period, dean_economics):
    w = grading.world
    client.force_login(dean_economics)
    before = state()
    data = {"faculty": w.faculty.pk, "subject": w.math.pk, "name": "RS-X", "teacher": w.karimov.pk}
    response = client.post(reverse("web:grading_restudy_period", args=[period.pk]), data)
    assert response.status_code == 400
    assert "Select a valid choice." in text(response)
    assert state() == before


@pytest.mark.parametrize("n", [1, 3])
def test_periods_and_groups_lists_queries_do_not_grow(
    client, grading, period, dean_chemistry, django_assert_num_queries, n
):
    w = grading.world
    for i in range(n):
        group = restudy.create_group(
            period=period,
            faculty=w.faculty,
            subject=w.math,
            name=f"G{i}",
            teacher=w.karimov,
            actor=dean_chemistry,
        )
        enrolled(grading, group, dean_chemistry, grading.students()[i : i + 1], paid_on=today())
    client.force_login(dean_chemistry)
    client.get(PERIODS)
    with django_assert_num_queries(PERIODS_QUERIES):
        page = text(client.get(PERIODS))
    assert cells(page, "group-count") == [str(n)]
    with django_assert_num_queries(PERIOD_QUERIES):
        page = text(client.get(reverse("web:grading_restudy_period", args=[period.pk])))
    assert cells(page, "enrolled") == ["1"] * n and cells(page, "paid") == ["1"] * n


def test_the_dean_of_economics_sees_no_chemistry_group(
    client, grading, period, group, dean_chemistry, dean_economics
):
    enrolled(grading, group, dean_chemistry, grading.students()[:1])
    client.force_login(dean_economics)
    assert cells(text(client.get(PERIODS)), "group-count") == ["0"]
    page = text(client.get(reverse("web:grading_restudy_period", args=[period.pk])))
    assert "RS-MAT-1" not in page
    enrolment = RestudyEnrolment.objects.get()
    before = state()
    assert client.get(group_url(group)).status_code == 404
    for name in (
        "web:grading_restudy_enrol",
        "web:grading_restudy_session_add",
        "web:grading_restudy_statement_generate",
    ):
        assert client.post(group_url(group, name), {"student": "x"}).status_code == 404
    assert (
        client.post(
            reverse("web:grading_restudy_paid", args=[enrolment.pk]), {"paid_on": ddmm(today())}
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("web:grading_restudy_enrolment_remove", args=[enrolment.pk])).status_code == 404
    )
    assert state() == before


# --- a group's page -------------------------------------------------------------------------------


def test_dean_enrols_a_student_with_a_debt_and_confirms_the_payment(client, grading, group, dean_chemistry):
    s = grading.students()[0]
    record(grading, s, RecordStatus.FAILED)
    client.force_login(dean_chemistry)
    page = text(client.get(group_url(group)))
    assert f"{s.full_name} ({s.student_id_number})" in cells(page, "candidates")[0]
    response = client.post(
        group_url(group, "web:grading_restudy_enrol"), {"student": s.student_id_number}, follow=True
    )
    page = text(response)
    assert f"{s.full_name} is enrolled; the fee is 1000000,00 UZS." in page
    assert cells(page, "fee") == ["1000000,00"]
    assert cells(page, "paid-on") == [""]  # the badge
    assert "not paid" in page
    enrolment = RestudyEnrolment.objects.get()
    response = client.post(
        reverse("web:grading_restudy_paid", args=[enrolment.pk]), {"paid_on": ddmm(today())}, follow=True
    )
    page = text(response)
    assert f"The payment of {s.full_name} is confirmed." in page
    assert cells(page, "paid-on") == [ddmm(today())]
    assert cells(page, "counts") == ["1, paid 1"]


def test_a_student_without_a_debt_is_refused_with_nothing_changed(
    client, grading, group, dean_chemistry, uni
):
    s = grading.students()[0]
    record(grading, s, RecordStatus.PASSED)
    econ = f.StudentFactory(group=uni["econ_group"])
    client.force_login(dean_chemistry)
    before = state()
    url = group_url(group, "web:grading_restudy_enrol")
    response = client.post(url, {"student": s.student_id_number})
    assert response.status_code == 400
    assert (
        f"{s.full_name} has no academic debt in Oliy matematika; only a student with one may re-study it."
        in text(response)
    )
    response = client.post(url, {"student": econ.student_id_number})
    assert response.status_code == 400
    assert "No student of your faculty has this student ID." in text(response)
    assert state() == before


def test_sessions_scheduled_as_timetable_and_control_schedule(client, grading, group, dean_chemistry):
    w = grading.world
    client.force_login(dean_chemistry)
    rooms = text(client.get(group_url(group))).split('name="room"')[1].split("</select>")[0]
    assert re.findall(r'<option value="\d+">([^<]*)<', rooms) == [
        "105 · Bosh bino · 12 seats",
        "204 · Bosh bino · 30 seats",
        "301 · Bosh bino · 100 seats",
    ]
    url = group_url(group, "web:grading_restudy_session_add")
    day = today() + dt.timedelta(days=3)
    lesson = {
        "kind": "lesson",
        "date": ddmm(day),
        "start_time": "09:00",
        "end_time": "10:20",
        "room": w.room204.pk,
    }
    response = client.post(url, lesson, follow=True)
    assert f"The session of {ddmm(day)} is scheduled." in text(response)
    control = lesson | {
        "kind": "control",
        "control_kind": ControlKind.FINAL,
        "start_time": "11:00",
        "end_time": "12:20",
    }
    page = text(client.post(url, control, follow=True))
    lessons = page.split('data-testid="lessons"')[1].split("</table>")[0]
    controls = page.split('data-testid="controls"')[1].split("</table>")[0]
    assert f"{ddmm(day)}</td>" in lessons and "09:00–10:20" in lessons and "204, Bosh bino" in lessons
    assert "11:00–12:20" in controls and "Final control" in controls and "09:00" not in controls


def test_a_room_clash_is_refused_with_nothing_changed(client, grading, period, group, dean_chemistry):
    w = grading.world
    day = today() + dt.timedelta(days=3)
    restudy.add_session(
        group=group,
        kind=SessionKind.LESSON,
        date=day,
        start_time=T(9),
        end_time=T(10, 20),
        room=w.room204,
        actor=dean_chemistry,
    )
    other = restudy.create_group(
        period=period,
        faculty=w.faculty,
        subject=w.physics,
        name="RS-FIZ-1",
        teacher=w.rahimova,
        actor=dean_chemistry,
    )
    client.force_login(dean_chemistry)
    before = state()
    data = {
        "kind": "lesson",
        "date": ddmm(day),
        "start_time": "10:00",
        "end_time": "11:00",
        "room": w.room204.pk,
    }
    response = client.post(group_url(other, "web:grading_restudy_session_add"), data)
    assert response.status_code == 400
    assert "Room 204 is taken by re-study group RS-MAT-1 from 09:00 to 10:20." in text(response)
    assert state() == before


def test_statement_generated_for_the_paid_students(client, grading, group, dean_chemistry):
    enrolled(grading, group, dean_chemistry, grading.students()[:2], paid_on=today())
    enrolled(grading, group, dean_chemistry, grading.students()[2:3])
    day = today() + dt.timedelta(days=5)
    restudy.add_session(
        group=group,
        kind=SessionKind.CONTROL,
        control_kind=ControlKind.FINAL,
        date=day,
        start_time=T(9),
        end_time=T(10),
        actor=dean_chemistry,
    )
    client.force_login(dean_chemistry)
    url = group_url(group, "web:grading_restudy_statement_generate")
    response = client.post(url, {"control_kind": ControlKind.FINAL}, follow=True)
    page = text(response)
    assert "The statement of the Final control is generated." in page
    assert cells(page, "graded") == ["0 / 2"]
    statement = Statement.objects.get()
    link = reverse("web:grading_statement", kwargs={"pk": statement.pk})
    assert re.findall(r'data-testid="statement">\s*<td><a href="([^"]*)">([^<]*)<', page) == [
        (link, "Final control")
    ]
    before = state()
    response = client.post(url, {"control_kind": ControlKind.FINAL})
    assert response.status_code == 400
    assert "The Final control statement of this group exists already." in text(response)
    response = client.post(url, {"control_kind": ControlKind.MIDTERM})
    assert "Schedule the Midterm control of the group first." in text(response)
    assert state() == before


def test_dean_removes_an_enrolment_and_a_session_but_not_a_control_on_a_statement(
    client, grading, group, dean_chemistry, dean_economics
):
    s = grading.students()
    enrolled(grading, group, dean_chemistry, s[:1], paid_on=today())
    enrolled(grading, group, dean_chemistry, s[1:2])
    day = today() + dt.timedelta(days=5)
    at = {"group": group, "date": day, "end_time": T(10), "actor": dean_chemistry}
    lesson = restudy.add_session(kind=SessionKind.LESSON, start_time=T(9), **at)
    control = restudy.add_session(
        kind=SessionKind.CONTROL, control_kind=ControlKind.FINAL, start_time=T(10), **at | {"end_time": T(11)}
    )
    restudy.generate_restudy_statement(group=group, control_kind=ControlKind.FINAL, actor=dean_chemistry)
    unpaid = RestudyEnrolment.objects.get(student=s[1])
    delete_control = reverse("web:grading_restudy_session_delete", args=[control.pk])
    client.force_login(dean_economics)
    before = state()
    assert client.post(delete_control).status_code == 404
    assert state() == before
    client.force_login(dean_chemistry)
    page = text(client.post(delete_control, follow=True))
    assert "A statement was generated for this control; the session stays." in page
    assert state() == before
    page = text(client.post(reverse("web:grading_restudy_enrolment_remove", args=[unpaid.pk]), follow=True))
    assert f"{s[1].full_name} is taken off the group." in page
    page = text(client.post(reverse("web:grading_restudy_session_delete", args=[lesson.pk]), follow=True))
    assert f"The session of {ddmm(day)} is removed." in page
    assert list(group.enrolments.values_list("student", flat=True)) == [s[0].pk]
    assert list(group.sessions.values_list("pk", flat=True)) == [control.pk]


@pytest.mark.parametrize("n", [1, 3])
def test_group_page_queries_do_not_grow(client, grading, group, dean_chemistry, django_assert_num_queries, n):
    w = grading.world
    enrolled(grading, group, dean_chemistry, grading.students()[:n], paid_on=today())
    for i in range(n):
        day = today() + dt.timedelta(days=i + 1)
        restudy.add_session(
            group=group,
            kind=SessionKind.LESSON,
            date=day,
            start_time=T(9),
            end_time=T(10),
            room=w.room204,
            actor=dean_chemistry,
        )
        restudy.add_session(
            group=group,
            kind=SessionKind.CONTROL,
            control_kind=list(ControlKind)[i],
            date=day,
            start_time=T(11),
            end_time=T(12),
            room=w.room301,
            actor=dean_chemistry,
        )
        restudy.generate_restudy_statement(
            group=group, control_kind=list(ControlKind)[i], actor=dean_chemistry
        )
    for student in grading.students("KT-22")[:n]:
        record(grading, student, RecordStatus.MISSING)  # candidates
    client.force_login(dean_chemistry)
    client.get(group_url(group))
    with django_assert_num_queries(GROUP_QUERIES):
        page = text(client.get(group_url(group)))
    assert len(re.findall('data-testid="enrolment"', page)) == n
    assert len(re.findall('data-testid="session"', page)) == 2 * n
    assert len(re.findall('data-testid="statement"', page)) == n


def test_a_teacher_reads_their_restudy_group_and_its_period_without_forms(
    client, grading, group, dean_chemistry
):
    enrolled(grading, group, dean_chemistry, grading.students()[:1], paid_on=today())
    f.grant(grading.karimov_user, "teacher")
    client.force_login(grading.karimov_user)
    page = text(client.get(group_url(group)))
    assert "Re-study group RS-MAT-1: Oliy matematika" in page
    assert 'data-testid="enrol-form"' not in page and 'data-testid="confirm-paid"' not in page
    assert cells(text(client.get(PERIODS)), "group-count") == ["1"]
    page = text(client.get(reverse("web:grading_restudy_period", args=[group.period_id])))
    assert "RS-MAT-1" in page and 'data-testid="group-form"' not in page
    f.grant(grading.rahimova_user, "teacher")
    client.force_login(grading.rahimova_user)
    assert client.get(group_url(group)).status_code == 404
    assert client.get(PERIODS).status_code == 403  # no re-study group of hers
