"""Who teaches what: a group's subjects × lesson types with curriculum hours and teachers; a dean
(or the subject's head of department) puts teachers on and takes them off; nobody else."""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hemis.academics.models import Subject
from hemis.audit.models import AuditEvent
from hemis.curricula.enums import SubjectBlock, TrainingType
from hemis.curricula.models import CurriculumSemester, CurriculumSubject, SubjectLoad
from hemis.schedule.models import TeachingLoad
from hemis.schedule.services.placement import Attendee
from hemis.students.models import GroupSubject
from hemis.testing import factories as f
from hemis.testing.schedule import add_entry, text

D = dt.date
LECTURE, PRACTICAL, LAB = TrainingType.LECTURE, TrainingType.PRACTICAL, TrainingType.LABORATORY


def page_url(world) -> str:
    return f"{reverse('web:schedule_loads', args=[world.kt21.pk])}?semester={world.semester.pk}"


def remove_url(load) -> str:
    return reverse("web:schedule_load_remove", args=[load.pk])


def rows(response) -> list[tuple]:
    return [
        (
            row["binding"].curriculum_subject.subject.code,
            row["hours"].training_type,
            row["hours"].hours,
            [load.teacher.last_name for load in row["teachers"]],
        )
        for row in response.context["rows"]
    ]


def loads() -> list[tuple]:
    return list(
        TeachingLoad.objects.order_by("pk").values_list(
            "group_subject__group__name",
            "group_subject__curriculum_subject__subject__code",
            "training_type",
            "teacher",
        )
    )


def test_dean_sees_who_teaches_what(client, world, dean_chemistry):
    client.force_login(dean_chemistry)
    response = client.get(page_url(world))
    assert rows(response) == [
        ("FIZ204", LECTURE, 30, ["Rahimova"]),
        ("FIZ204", LAB, 30, ["Rahimova"]),
        ("MAT204", LECTURE, 30, ["Karimov"]),
        ("MAT204", PRACTICAL, 30, ["Karimov"]),
    ]
    form = response.context["form"]
    assert [label for _value, label in form.fields["what"].choices] == [
        "Fizika · Lecture",
        "Fizika · Laboratory",
        "Oliy matematika · Lecture",
        "Oliy matematika · Practical",
    ]
    assert [t.last_name for t in form.fields["teacher"].queryset] == ["Karimov", "Rahimova"]
    assert "Who teaches group KT-21" in text(response)


def test_put_a_second_teacher_on_a_subject_and_the_timetable_offers_them(client, world, dean_chemistry):
    client.force_login(dean_chemistry)
    binding = world.bindings[("KT-21", "MAT204")]
    data = {"what": f"{binding.pk}-{PRACTICAL}", "teacher": world.rahimova.pk, "assigned_on": "20.01.2027"}
    response = client.post(page_url(world), data)
    assert response.url == page_url(world)
    added = TeachingLoad.objects.get(group_subject=binding, teacher=world.rahimova)
    assert (added.training_type, added.assigned_on, added.created_by) == (
        PRACTICAL,
        D(2027, 1, 20),
        dean_chemistry,
    )
    followed = client.get(response.url)
    assert [str(m) for m in followed.context["messages"]] == [
        "Rahimova D. now teaches Oliy matematika (practical) to group KT-21."
    ]
    assert AuditEvent.objects.filter(action="schedule.load.assigned").count() == 1
    group_page = client.get(reverse("web:schedule_group", args=[world.kt21.pk]), {"week": "2027-02-01"})
    labels = [str(label) for _value, label in group_page.context["entry_form"].fields["load"].choices]
    assert "Oliy matematika · Practical · Rahimova D." in labels


def test_a_refused_load_is_shown_on_the_form(client, world, uni, dean_chemistry):
    client.force_login(dean_chemistry)
    before = loads()
    binding = world.bindings[("KT-21", "MAT204")]
    data = {"what": f"{binding.pk}-{LECTURE}", "teacher": world.karimov.pk, "assigned_on": "20.01.2027"}
    response = client.post(page_url(world), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"teacher": ["Karimov A. already has this load."]}
    outsider = f.EmployeeFactory(last_name="Begonayev")
    f.appoint(outsider, uni["accounting_dept"])
    data = {"what": f"{binding.pk}-{LECTURE}", "teacher": outsider.pk, "assigned_on": "20.01.2027"}
    response = client.post(page_url(world), data)
    assert response.context["form"].errors == {  # not appointed in the faculty
        "teacher": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert loads() == before


def test_take_a_teacher_off_a_load(client, world, dean_chemistry):
    client.force_login(dean_chemistry)
    load = TeachingLoad.objects.get(group_subject=world.bindings[("KT-21", "FIZ204")], training_type=LAB)
    response = client.post(remove_url(load))
    assert response.url == page_url(world)
    assert not TeachingLoad.objects.filter(pk=load.pk).exists()
    assert [str(m) for m in client.get(response.url).context["messages"]] == [
        "Rahimova D. no longer teaches Fizika (laboratory) to group KT-21."
    ]


def test_a_load_in_the_timetable_stays(client, world, dean_chemistry):
    add_entry(world, dean_chemistry, attendees=[Attendee(world.kt21)])
    client.force_login(dean_chemistry)
    before = loads()
    load = TeachingLoad.objects.get(group_subject=world.bindings[("KT-21", "MAT204")], training_type=LECTURE)
    response = client.post(remove_url(load), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "The timetable still has lessons of this load; remove them first."
    ]
    assert loads() == before


def test_dean_of_economics_can_neither_see_nor_change_chemistrys_loads(client, world, dean_economics):
    client.force_login(dean_economics)
    before = loads()
    load = TeachingLoad.objects.first()
    assert client.get(page_url(world)).status_code == 404
    binding = world.bindings[("KT-21", "MAT204")]
    data = {"what": f"{binding.pk}-{LECTURE}", "teacher": world.rahimova.pk, "assigned_on": "20.01.2027"}
    assert client.post(page_url(world), data).status_code == 404
    assert client.post(remove_url(load)).status_code == 404
    assert loads() == before


def test_academic_department_reads_the_loads_but_may_not_change_them(client, world, academic):
    client.force_login(academic)
    before = loads()
    response = client.get(page_url(world))
    assert len(rows(response)) == 4
    assert response.context["form"] is None
    assert 'data-testid="remove-load"' not in response.content.decode()
    binding = world.bindings[("KT-21", "MAT204")]
    data = {"what": f"{binding.pk}-{LECTURE}", "teacher": world.rahimova.pk, "assigned_on": "20.01.2027"}
    assert client.post(page_url(world), data).status_code == 403
    assert client.post(remove_url(TeachingLoad.objects.first())).status_code == 403
    assert loads() == before


def test_head_of_the_subjects_department_puts_teachers_on(client, world, uni):
    head = f.UserFactory(username="head_inorg")
    f.grant(head, "head", uni["inorganic"])
    client.force_login(head)
    response = client.get(page_url(world))
    assert len(rows(response)) == 4
    binding = world.bindings[("KT-21", "FIZ204")]
    data = {"what": f"{binding.pk}-{LECTURE}", "teacher": world.karimov.pk, "assigned_on": "20.01.2027"}
    assert client.post(page_url(world), data).status_code == 302
    assert TeachingLoad.objects.filter(group_subject=binding, teacher=world.karimov).exists()
    other_head = f.UserFactory(username="head_acc")
    f.grant(other_head, "head", uni["accounting_dept"])
    client.force_login(other_head)
    assert client.get(page_url(world)).status_code == 404


def test_loads_page_takes_the_same_queries_for_more_subjects(client, world, dean_chemistry):
    client.force_login(dean_chemistry)

    def count() -> int:
        client.get(page_url(world))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page_url(world))
        assert response.status_code == 200
        return len(queries)

    before = count()
    cur_semester = CurriculumSemester.objects.get(curriculum=world.curriculum, number=4)
    for code in ("KIM204", "EKO204"):
        subject = Subject.objects.create(code=code, name_uz=code, name_en=code, department=world.department)
        cs = CurriculumSubject.objects.create(
            semester=cur_semester,
            subject=subject,
            block=SubjectBlock.GENERAL_PROFESSIONAL,
            credits=Decimal("3"),
            department=world.department,
        )
        SubjectLoad.objects.create(curriculum_subject=cs, training_type=LECTURE, hours=30)
        binding = GroupSubject.objects.create(
            group=world.kt21, curriculum_subject=cs, semester=world.semester
        )
        TeachingLoad.objects.create(
            group_subject=binding, training_type=LECTURE, teacher=world.karimov, assigned_on=D(2027, 1, 10)
        )
    assert count() == before
    assert len(rows(client.get(page_url(world)))) == 6
