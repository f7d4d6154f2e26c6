"""Demo loads that need an empty database of their own (the tests of ``hemis/demo/tests/`` share one
load, which holds its transaction open while they run: these cannot be among them)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from hemis.access.models import User
from hemis.demo.plan import build_plan
from hemis.demo.tests.test_seed_demo import assert_histories_match_the_students, people_of, seed
from hemis.movements.models import Order, OrderItem
from hemis.org.models import OrgUnit
from hemis.students.models import Student, StudentStatus

N = 60  # students of each fresh load (``seed``'s default)


def test_same_seed_gives_the_same_people(db, settings):
    settings.DEBUG = True
    seed(seed=7)
    stored = list(
        Student.objects.order_by("student_id_number").values_list(
            "student_id_number", "last_name", "first_name", "patronymic", "pinfl"
        )
    )
    in_db = [(sid, f"{last} {first} {patronymic}", pinfl) for sid, last, first, patronymic, pinfl in stored]
    assert in_db == sorted(people_of(build_plan(students=N, seed=7)))
    assert people_of(build_plan(students=N, seed=7)) == people_of(build_plan(students=N, seed=7))
    assert people_of(build_plan(students=N, seed=8)) != people_of(build_plan(students=N, seed=7))


@override_settings(DEBUG=False)
def test_refuses_without_debug_unless_forced(db):
    with pytest.raises(CommandError, match="DEBUG off"):
        seed()
    assert (OrgUnit.objects.count(), User.objects.count(), Student.objects.count()) == (0, 0, 0)
    seed(force=True)
    assert Student.objects.count() == N


def test_movement_histories_with_leave_expulsion_reinstatement_and_return(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", students=500, stdout=StringIO())
    histories = assert_histories_match_the_students()
    kinds = {student: [i.order.kind for i in items] for student, items in histories.items()}
    on_leave = Student.objects.filter(status=StudentStatus.ACADEMIC_LEAVE)
    expelled = Student.objects.filter(status=StudentStatus.EXPELLED)
    assert on_leave.exists() and expelled.exists()
    assert all(kinds[s.pk][-1] == "academic_leave" for s in on_leave)
    assert all(kinds[s.pk][-1] == "expulsion" and s.group_id is None for s in expelled)
    reinstated = [s for s, k in kinds.items() if "reinstatement" in k]
    returned = [s for s, k in kinds.items() if "return_from_leave" in k]
    assert reinstated and returned
    for student in Student.objects.filter(pk__in=reinstated):
        k = kinds[student.pk]
        assert k[k.index("reinstatement") - 1] == "expulsion"
        assert student.status == StudentStatus.STUDYING
    for student in Student.objects.filter(pk__in=returned).select_related("group"):
        items = histories[student.pk]
        back = next(i for i in items if i.order.kind == "return_from_leave")
        assert (back.status_before, back.status_after, back.target_group_id) == ("13", "11", student.group_id)
        assert back.group_before.intake_year == student.group.intake_year - 1
        assert student.student_id_number[3:5] == f"{student.group.intake_year - 1 - 2000:02d}"
    leave = OrderItem.objects.filter(order__kind="academic_leave").exclude(leave_reason="")
    assert leave.count() == OrderItem.objects.filter(order__kind="academic_leave").count()
    assert set(OrderItem.objects.filter(order__kind="expulsion").values_list("expel_reason", flat=True)) <= {
        "11",
        "12",
        "13",
        "14",
        "15",
        "16",
    }
    graduates = Student.objects.filter(status=StudentStatus.GRADUATED)
    assert graduates.exists()
    assert all(kinds[s.pk][-2:] == ["graduate_status", "graduation"] for s in graduates)
    assert set(graduates.values_list("is_graduate", "group__intake_year", "group__is_active", "course")) == {
        (True, 2022, False, 4)
    }
    assert Order.objects.count() < 200
