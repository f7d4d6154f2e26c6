"""Student data editing and putting students without a group into a group (annex 5 item 6)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hemis.audit.models import AuditEvent
from hemis.students.models import Student, StudentStatus
from hemis.students.services import students as services
from hemis.students.tests import builders as b
from hemis.testing import factories as f


def test_update_student_changes_person_data_and_journals_private_fields_masked(
    dean_chemistry, student_in_group
):
    services.update_student(
        student=student_in_group,
        actor=dean_chemistry,
        data={"phone": "+998901112233", "payment_form": "12", "accommodation": "15", "status": "12"},
    )
    student = Student.objects.get(pk=student_in_group.pk)
    assert (student.phone, student.payment_form, student.accommodation, student.status) == (
        "+998901112233",
        "12",
        "15",
        StudentStatus.STUDYING,  # status is not editable here: only orders change it
    )
    event = AuditEvent.objects.get(action="students.student.updated")
    assert event.data == {
        "before": {"phone": "•", "payment_form": "11", "accommodation": ""},
        "after": {"phone": "•", "payment_form": "12", "accommodation": "15"},
    }


def test_update_student_refuses_a_taken_pinfl(uni, dean_chemistry, student_in_group):
    other = f.StudentFactory(group=uni["chem_group"], pinfl="51203051234567")
    with pytest.raises(ValidationError) as exc:
        services.update_student(student=student_in_group, actor=dean_chemistry, data={"pinfl": other.pinfl})
    assert exc.value.message_dict == {"pinfl": ["A student with this PINFL already exists."]}
    assert Student.objects.get(pk=student_in_group.pk).pinfl == student_in_group.pinfl


def test_update_student_refuses_a_malformed_pinfl(dean_chemistry, student_in_group):
    with pytest.raises(ValidationError) as exc:
        services.update_student(student=student_in_group, actor=dean_chemistry, data={"pinfl": "123"})
    assert exc.value.message_dict == {"pinfl": ["PINFL must be exactly 14 digits."]}
    assert not AuditEvent.objects.filter(action="students.student.updated").exists()


# --- assignment to a group -----------------------------------------------------------------------


def test_assign_sets_group_course_and_time_and_audits_each(uni, dean_chemistry):
    group = uni["chem_group"]
    first = b.student_without_group(group.programme, "Aliyev")
    second = b.student_without_group(group.programme, "Boboyev")
    services.assign_to_group(students=[first, second], group=group, actor=dean_chemistry)
    rows = Student.objects.filter(pk__in=[first.pk, second.pk]).order_by("last_name")
    assert [(s.group_id, s.course, s.group_assigned_at is not None) for s in rows] == [
        (group.pk, 2, True),
        (group.pk, 2, True),
    ]
    events = AuditEvent.objects.filter(action="students.student.assigned_to_group").order_by("pk")
    assert [e.target_id for e in events] == [str(first.pk), str(second.pk)]
    assert events[0].data["after"] == {"group": group.pk, "group_name": "KT-11-24", "course": 2}


def test_assign_refuses_a_student_with_a_group_and_changes_nothing(uni, dean_chemistry, student_in_group):
    group = f.GroupFactory(faculty=uni["chem"], programme=uni["chem_group"].programme, name="KT-12-24")
    free = b.student_without_group(group.programme, "Aliyev")
    with pytest.raises(ValidationError) as exc:
        services.assign_to_group(students=[free, student_in_group], group=group, actor=dean_chemistry)
    assert exc.value.message_dict == {
        "students": [f"Already in a group (move them by a transfer order): {student_in_group.full_name}."]
    }
    assert Student.objects.get(pk=free.pk).group_id is None
    assert Student.objects.get(pk=student_in_group.pk).group_id == uni["chem_group"].pk
    assert not AuditEvent.objects.filter(action="students.student.assigned_to_group").exists()


def test_assign_refuses_another_programme_not_studying_and_a_closed_group(uni, dean_chemistry):
    group = uni["chem_group"]
    other = b.student_without_group(b.programme(uni["chem"], "60720200"), "Aliyev")
    on_leave = b.student_without_group(group.programme, "Boboyev", status=StudentStatus.ACADEMIC_LEAVE)
    group.is_active = False
    group.save()
    with pytest.raises(ValidationError) as exc:
        services.assign_to_group(students=[other, on_leave], group=group, actor=dean_chemistry)
    assert exc.value.message_dict == {
        "group": ["The group is closed."],
        "students": [
            f"Not studying: {on_leave.full_name}.",
            f"Of another programme than the group: {other.full_name}.",
        ],
    }
    assert Student.objects.filter(group__isnull=True).count() == 2


def test_assign_records_the_moment(uni, dean_chemistry):
    student = b.student_without_group(uni["chem_group"].programme)
    before = dt.datetime.now(dt.UTC)
    services.assign_to_group(students=[student], group=uni["chem_group"], actor=dean_chemistry)
    assigned = Student.objects.get(pk=student.pk).group_assigned_at
    assert before <= assigned <= dt.datetime.now(dt.UTC)
