"""Control schedule pages: the dean adds, removes and publishes a group's controls; refusals shown on
the form with the values kept and nothing changed; who sees what; query counts."""

import datetime as dt

import pytest
from django.urls import reverse

from hemis.academics.models import Semester
from hemis.audit.models import AuditEvent
from hemis.schedule.enums import Attempt, ControlKind, LessonKind
from hemis.schedule.models import ControlPublication, Lesson
from hemis.schedule.services import controls as svc
from hemis.students.models import Group, GroupSubject
from hemis.testing import factories as f
from hemis.testing.schedule import add_control, text, with_login

D = dt.date


@pytest.fixture
def world(world):
    """The spring semester is the current one."""
    Semester.objects.filter(pk=world.semester.pk).update(is_current=True)
    return world


def url(world, group=None) -> str:
    group = group or world.kt21
    return reverse("web:schedule_group_controls", args=[group.pk]) + f"?semester={world.semester.pk}"


def post_data(world, **changes) -> dict:
    data = {
        "group_subject": world.bindings[("KT-21", "MAT204")].pk,
        "control_kind": ControlKind.FINAL,
        "attempt": Attempt.FIRST,
        "date": "12.02.2027",
        "pair": "3",
        "room": world.room204.pk,
        "examiner": world.karimov.pk,
        "subgroup": "",
    }
    data.update(changes)
    return data


def test_dean_adds_a_control_and_sees_it_listed(dean_client, world):
    response = dean_client.post(url(world), post_data(world))
    assert response.status_code == 302
    assert response["Location"] == url(world)
    lesson = Lesson.objects.get(kind=LessonKind.CONTROL)
    assert (lesson.subject, lesson.date, lesson.pair, lesson.room, lesson.teacher) == (
        world.math,
        D(2027, 2, 12),
        3,
        world.room204,
        world.karimov,
    )
    body = text(dean_client.get(url(world)))
    row = body.split(f'data-control="{lesson.pk}"')[1].split("</tr>")[0]
    for part in (
        "Oliy matematika",
        "Final control",
        "1st statement",
        "12.02.2027",
        "11:30–12:50",
        "204",
        "Karimov A.",
    ):
        assert part in row
    assert "Not published" in body


def test_the_form_offers_the_groups_subjects_and_its_teachers_first(dean_client, world, uni):
    outsider = f.EmployeeFactory(last_name="Sobirov", first_name="Jamshid", patronymic="")
    f.appoint(outsider, uni["inorganic"])
    other_faculty = f.EmployeeFactory(last_name="Qodirova", first_name="Laylo", patronymic="")
    f.appoint(other_faculty, uni["accounting_dept"])
    form = dean_client.get(url(world)).context["form"]
    assert [label for _value, label in form.fields["group_subject"].choices][1:] == [
        "FIZ204 — Fizika",
        "MAT204 — Oliy matematika",
    ]
    groups = {
        str(label): [name for _pk, name in options] for label, options in form.fields["examiner"].choices[1:]
    }
    assert groups == {
        "Teachers of the group": [world.karimov.full_name, world.rahimova.full_name],
        "Other employees of the faculty": [outsider.full_name],
    }
    assert [s.name for s in form.fields["subgroup"].queryset] == ["1", "2"]
    # Rooms and pairs as the timetable's forms show them.
    assert [label for _value, label in form.fields["room"].choices][1:] == [
        "105 · Bosh bino · 12 seats",
        "204 · Bosh bino · 30 seats",
        "301 · Bosh bino · 100 seats",
    ]
    assert [str(label) for _value, label in form.fields["pair"].choices][:3] == [
        "- Select an option -",
        "1 · 08:30–09:50",
        "2 · 10:00–11:20",
    ]


def test_a_clash_is_shown_on_the_form_with_the_values_kept_and_nothing_changed(
    dean_client, world, dean_chemistry
):
    add_control(world, dean_chemistry)
    before = (Lesson.objects.count(), AuditEvent.objects.count())
    data = post_data(
        world,
        group_subject=world.bindings[("KT-22", "FIZ204")].pk,
        examiner=world.rahimova.pk,
    )
    response = dean_client.post(url(world, world.kt22), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {"room": ["Room 204 already has group KT-21 at pair 3 on 12.02.2027."]}
    body = text(response)
    assert "Room 204 already has group KT-21 at pair 3 on 12.02.2027." in body
    assert 'value="12.02.2027"' in body
    assert (Lesson.objects.count(), AuditEvent.objects.count()) == before


def test_examiner_and_group_clashes_land_on_the_form(dean_client, world, dean_chemistry):
    add_control(world, dean_chemistry)
    response = dean_client.post(
        url(world, world.kt22),
        post_data(world, group_subject=world.bindings[("KT-22", "FIZ204")].pk, room=world.room301.pk),
    )
    assert response.context["form"].errors == {
        "examiner": ["Teacher Karimov A. already has group KT-21 at pair 3 on 12.02.2027."]
    }
    response = dean_client.post(
        url(world),
        post_data(
            world,
            group_subject=world.bindings[("KT-21", "FIZ204")].pk,
            room=world.room301.pk,
            examiner=world.rahimova.pk,
        ),
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Group KT-21 already has Oliy matematika (final control) at pair 3 on 12.02.2027."
    ]
    assert Lesson.objects.count() == 1


def test_a_resit_before_its_statement_is_refused_on_the_form(dean_client, world):
    response = dean_client.post(url(world), post_data(world, attempt=Attempt.SECOND))
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "attempt": ["Schedule the 1st statement of Oliy matematika (final control) for group KT-21 first."]
    }


def test_an_examiner_outside_the_offer_is_refused_by_the_form(dean_client, world, uni):
    stranger = f.EmployeeFactory(last_name="Begona", first_name="Odam", patronymic="")
    f.appoint(stranger, uni["accounting_dept"])
    response = dean_client.post(url(world), post_data(world, examiner=stranger.pk))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["examiner"]
    assert not Lesson.objects.exists()


def test_remove_and_its_refusal(dean_client, world, dean_chemistry):
    first = add_control(world, dean_chemistry)
    second = add_control(world, dean_chemistry, attempt=Attempt.SECOND, date=D(2027, 2, 19))
    remove = reverse("web:schedule_group_control_remove", args=[world.kt21.pk, first.pk])
    response = dean_client.post(remove, follow=True)
    assert "Remove the 2nd statement of Oliy matematika (final control) on 19.02.2027 first." in text(
        response
    )
    assert Lesson.objects.count() == 2
    dean_client.post(reverse("web:schedule_group_control_remove", args=[world.kt21.pk, second.pk]))
    response = dean_client.post(remove)
    assert response.status_code == 302
    assert not Lesson.objects.exists()


def test_a_control_of_another_group_is_not_found_under_this_one(dean_client, world, dean_chemistry):
    theirs = add_control(world, dean_chemistry, group="KT-22")
    response = dean_client.post(reverse("web:schedule_group_control_remove", args=[world.kt21.pk, theirs.pk]))
    assert response.status_code == 404
    assert Lesson.objects.count() == 1


def test_publish_then_the_student_sees_the_control(client, dean_client, world, dean_chemistry):
    user = f.UserFactory(username="400251100001")
    f.StudentFactory(user=user, group=world.kt21, student_id_number="400251100001")
    lesson = add_control(world, dean_chemistry)
    add_control(world, dean_chemistry, group="KT-22", room=world.room301, pair=4)
    publish = (
        reverse("web:schedule_group_controls_publish", args=[world.kt21.pk])
        + f"?semester={world.semester.pk}"
    )
    assert dean_client.post(publish).status_code == 302
    assert ControlPublication.objects.get().group == world.kt21
    response = dean_client.post(publish, follow=True)
    assert "The control schedule of KT-21 is already published." in text(response)
    assert ControlPublication.objects.count() == 1
    client.force_login(user)
    mine = client.get(reverse("web:schedule_controls"))
    assert mine.status_code == 200
    assert [c.pk for c in mine.context["controls"]] == [lesson.pk]
    assert client.get(url(world, world.kt22)).status_code == 404
    page = client.get(url(world))
    assert [c.pk for c in page.context["controls"]] == [lesson.pk]
    assert page.context["form"] is None


def test_a_student_sees_nothing_before_publication(client, world, dean_chemistry):
    user = f.UserFactory(username="400251100002")
    f.StudentFactory(user=user, group=world.kt21, student_id_number="400251100002")
    add_control(world, dean_chemistry)
    client.force_login(user)
    assert client.get(reverse("web:schedule_controls")).context["controls"] == []
    assert client.get(url(world)).context["controls"] == []
    assert client.post(url(world), post_data(world)).status_code == 403


def test_the_examiner_sees_their_published_controls(client, world, uni, dean_chemistry):
    user = with_login(world.karimov, "karimov")
    f.grant(user, "teacher", uni["inorganic"])
    mine = add_control(world, dean_chemistry)
    add_control(world, dean_chemistry, group="KT-22", pair=4, control_kind=ControlKind.MIDTERM)
    svc.publish_controls(group=world.kt21, semester=world.semester, actor=dean_chemistry)
    client.force_login(user)
    response = client.get(reverse("web:schedule_controls"))
    assert [c.pk for c in response.context["controls"]] == [mine.pk]
    assert "KT-21" in text(response)


def test_academic_reads_but_does_not_edit(client, world, academic, dean_chemistry):
    add_control(world, dean_chemistry)
    client.force_login(academic)
    response = client.get(url(world))
    assert (response.status_code, response.context["form"], len(response.context["controls"])) == (
        200,
        None,
        1,
    )
    assert client.post(url(world), post_data(world, date="15.02.2027")).status_code == 403
    publish = (
        reverse("web:schedule_group_controls_publish", args=[world.kt21.pk])
        + f"?semester={world.semester.pk}"
    )
    assert client.post(publish).status_code == 403
    assert (Lesson.objects.count(), ControlPublication.objects.count()) == (1, 0)


def test_another_faculty_dean_gets_not_found(client, world, dean_economics):
    client.force_login(dean_economics)
    assert client.get(url(world)).status_code == 404
    assert client.post(url(world), post_data(world)).status_code == 404
    assert not Lesson.objects.exists()


def test_a_semester_can_be_chosen_and_a_bad_one_is_not_found(dean_client, world):
    response = dean_client.get(
        reverse("web:schedule_group_controls", args=[world.kt21.pk]) + f"?semester={world.autumn.pk}"
    )
    assert response.context["semester"] == world.autumn
    assert len(response.context["form"].fields["group_subject"].choices) == 1  # the empty choice only
    assert (
        dean_client.get(
            reverse("web:schedule_group_controls", args=[world.kt21.pk]) + "?semester=x"
        ).status_code
        == 404
    )


def test_the_group_list_shows_counts_and_publication(dean_client, world, dean_chemistry):
    add_control(world, dean_chemistry)
    add_control(world, dean_chemistry, group="KT-22", room=world.room301, pair=4)
    svc.publish_controls(group=world.kt22, semester=world.semester, actor=dean_chemistry)
    response = dean_client.get(reverse("web:schedule_controls"))
    rows = [(g.name, n, published is not None) for g, n, published in response.context["rows"]]
    assert rows == [("KT-11-24", 0, False), ("KT-21", 1, False), ("KT-22", 1, True)]
    assert [
        g.name for g, _n, _p in dean_client.get(reverse("web:schedule_controls") + "?q=22").context["rows"]
    ] == ["KT-22"]


@pytest.mark.parametrize("extra", [0, 2])
def test_group_list_query_count_is_constant(
    dean_client, world, dean_chemistry, django_assert_num_queries, extra
):
    Group.objects.exclude(pk=world.kt21.pk).update(is_active=False)  # one group, then three
    for i in range(extra):
        group = f.GroupFactory(faculty=world.faculty, programme=world.kt21.programme, name=f"KT-3{i}")
        GroupSubject.objects.create(
            group=group,
            curriculum_subject=world.bindings[("KT-21", "MAT204")].curriculum_subject,
            semester=world.semester,
        )
    add_control(world, dean_chemistry)
    with django_assert_num_queries(10):
        response = dean_client.get(reverse("web:schedule_controls"))
    assert len(response.context["rows"]) == 1 + extra


@pytest.mark.parametrize("extra", [0, 2])
def test_group_page_query_count_is_constant(
    dean_client, world, dean_chemistry, django_assert_num_queries, extra
):
    dates = [D(2027, 2, 12), D(2027, 2, 15), D(2027, 2, 16)]
    for i, date in enumerate(dates[: 1 + extra]):
        add_control(world, dean_chemistry, date=date, control_kind=list(ControlKind.values)[i])
    with django_assert_num_queries(17):
        response = dean_client.get(url(world))
    assert len(response.context["controls"]) == 1 + extra
