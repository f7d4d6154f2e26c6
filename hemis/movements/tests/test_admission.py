"""The admitted person's data on an admission order item, and the student made from it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hemis.movements import admission
from hemis.movements.enums import OrderKind, OrderStatus
from hemis.movements.models import Order, OrderItem
from hemis.movements.services.admission import create_student
from hemis.students.models import Student, StudentStatus
from hemis.testing import factories as f

D = dt.date
ORDER_DATE = D(2025, 8, 20)


def draft_order(faculty, number="101-Q", date=ORDER_DATE) -> Order:
    return Order.objects.create(kind=OrderKind.ADMISSION, number=number, date=date, faculty=faculty)


def person(programme, **overrides) -> dict:
    data = {
        "last_name": "Toshmatov",
        "first_name": "Jasur",
        "patronymic": "Baxtiyor oʻgʻli",
        "pinfl": "50101200700011",
        "passport": "AD1234567",
        "birth_date": "01.01.2007",
        "gender": "11",
        "phone": "+998901112233",
        "email": "jasur@example.uz",
        "address": "Toshkent, Chilonzor 5",
        "student_id_number": "400251200001",
        "programme": programme.pk,
        "payment_form": "11",
    }
    return data | overrides


@pytest.fixture
def chem_programme(uni):
    return uni["chem_group"].programme


@pytest.fixture
def order(uni):
    return draft_order(uni["chem"])


def errors_of(exc_info) -> dict:
    return exc_info.value.message_dict


def test_clean_normalises_and_fills_defaults(order, chem_programme):
    data = admission.clean_admission_data(person(chem_programme), order=order)
    assert data == {
        "last_name": "Toshmatov",
        "first_name": "Jasur",
        "patronymic": "Baxtiyor oʻgʻli",
        "pinfl": "50101200700011",
        "passport": "AD1234567",
        "birth_date": "2007-01-01",
        "gender": "11",
        "phone": "+998901112233",
        "email": "jasur@example.uz",
        "address": "Toshkent, Chilonzor 5",
        "student_id_number": "400251200001",
        "programme": chem_programme.pk,
        "course": 1,
        "payment_form": "11",
        "education_type": "11",
        "education_form": "11",
        "citizenship": "11",
        "social_category": "10",
        "accommodation": "",
    }


def test_clean_accepts_date_objects_and_iso(order, chem_programme):
    assert (
        admission.clean_admission_data(person(chem_programme, birth_date=D(2006, 5, 4)), order=order)[
            "birth_date"
        ]
        == "2006-05-04"
    )
    assert (
        admission.clean_admission_data(person(chem_programme, birth_date="2006-05-04"), order=order)[
            "birth_date"
        ]
        == "2006-05-04"
    )


def test_clean_reports_every_bad_field(order, chem_programme):
    bad = person(
        chem_programme,
        last_name="",
        pinfl="123",
        student_id_number="40025",
        phone="90 111 22 33",
        email="not-an-email",
        gender="99",
        payment_form="",
        course=9,
    )
    with pytest.raises(ValidationError) as exc:
        admission.clean_admission_data(bad, order=order)
    assert errors_of(exc) == {
        "last_name": ["This field is required."],
        "payment_form": ["This field is required."],
        "pinfl": ["PINFL must be exactly 14 digits."],
        "student_id_number": ["Student ID must be exactly 12 digits."],
        "phone": ["Phone must look like +998901234567."],
        "email": ["Enter a valid email address."],
        "course": ["The course must be from 1 to 4."],
        "gender": ["Unknown code “99”."],
    }


@pytest.mark.parametrize(
    ("birth_date", "message"),
    [
        ("2012-01-01", "The admitted person must be 14 to 70 years old on the order date."),
        ("1950-01-01", "The admitted person must be 14 to 70 years old on the order date."),
        ("31.02.2007", "Enter the date as DD.MM.YYYY."),
    ],
)
def test_clean_refuses_implausible_birth_dates(order, chem_programme, birth_date, message):
    with pytest.raises(ValidationError) as exc:
        admission.clean_admission_data(person(chem_programme, birth_date=birth_date), order=order)
    assert errors_of(exc) == {"birth_date": [message]}


def test_clean_refuses_a_programme_of_another_faculty_or_closed(uni, order, chem_programme):
    econ_programme = uni["econ_group"].programme
    with pytest.raises(ValidationError) as exc:
        admission.clean_admission_data(person(econ_programme), order=order)
    assert errors_of(exc) == {"programme": ["Choose a programme of the order's faculty."]}
    chem_programme.is_active = False
    chem_programme.save()
    with pytest.raises(ValidationError) as exc:
        admission.clean_admission_data(person(chem_programme), order=order)
    assert errors_of(exc) == {"programme": [f"The programme “{chem_programme.code}” is closed."]}


def test_clean_refuses_ids_of_existing_students(order, chem_programme, student_in_group):
    clash = person(chem_programme, pinfl=student_in_group.pinfl, student_id_number="400251199999")
    with pytest.raises(ValidationError) as exc:
        admission.clean_admission_data(clash, order=order)
    assert errors_of(exc) == {
        "student_id_number": ["A student with this student ID already exists."],
        "pinfl": ["A student with this PINFL already exists."],
    }


def test_clean_refuses_ids_of_other_prepared_items_but_not_its_own(uni, order, chem_programme):
    data = admission.clean_admission_data(person(chem_programme), order=order)
    item = OrderItem.objects.create(order=order, admission_data=data)
    other = draft_order(uni["chem"], number="102-Q")
    with pytest.raises(ValidationError) as exc:
        admission.clean_admission_data(person(chem_programme), order=other)
    assert errors_of(exc) == {
        "student_id_number": ["This student ID is already in the prepared admission order № 101-Q."],
        "pinfl": ["This PINFL is already in the prepared admission order № 101-Q."],
    }
    assert (
        admission.clean_admission_data(person(chem_programme, first_name="Jasurbek"), order=order, item=item)[
            "first_name"
        ]
        == "Jasurbek"
    )
    # An applied order's items no longer count (their students do).
    Order.objects.filter(pk=order.pk).update(
        status=OrderStatus.APPLIED, applied_at=dt.datetime(2025, 8, 21, tzinfo=dt.UTC)
    )
    assert admission.clean_admission_data(person(chem_programme), order=other)["pinfl"] == "50101200700011"


def test_target_group_must_fit_the_programme_and_course(uni, chem_programme):
    data = {"programme": chem_programme.pk, "course": 1}
    first_course = f.GroupFactory(faculty=uni["chem"], programme=chem_programme, course=1, name="KT-01-25")
    admission.check_target_group(first_course, data)
    with pytest.raises(ValidationError) as exc:
        admission.check_target_group(uni["chem_group"], data)  # second course
    assert exc.value.message_dict == {
        "target_group": ["The group “KT-11-24” is of another programme or course."]
    }


def test_create_student_makes_a_studying_student_in_the_group(uni, order, chem_programme, superadmin):
    group = f.GroupFactory(faculty=uni["chem"], programme=chem_programme, course=1, name="KT-01-25")
    data = admission.clean_admission_data(person(chem_programme), order=order)
    item = OrderItem.objects.create(order=order, admission_data=data, target_group=group)
    student = create_student(item=item, actor=superadmin)
    student.refresh_from_db()
    assert (student.full_name, student.student_id_number, student.pinfl) == (
        "Toshmatov Jasur Baxtiyor oʻgʻli",
        "400251200001",
        "50101200700011",
    )
    assert (student.status, student.faculty, student.programme, student.group, student.course) == (
        StudentStatus.STUDYING,
        uni["chem"],
        chem_programme,
        group,
        1,
    )
    assert student.birth_date == D(2007, 1, 1)
    assert student.group_assigned_at is not None
    assert student.created_by == superadmin


def test_create_student_without_group_leaves_it_unassigned(order, chem_programme, superadmin):
    data = admission.clean_admission_data(person(chem_programme), order=order)
    item = OrderItem.objects.create(order=order, admission_data=data)
    student = create_student(item=item, actor=superadmin)
    assert (student.group, student.group_assigned_at) == (None, None)


def test_create_student_refuses_an_id_taken_meanwhile_naming_the_row(order, chem_programme, superadmin):
    first = OrderItem.objects.create(
        order=order, admission_data=admission.clean_admission_data(person(chem_programme), order=order)
    )
    second_data = person(chem_programme, pinfl="50101200700012", student_id_number="400251200002")
    second = OrderItem.objects.create(
        order=order, admission_data=admission.clean_admission_data(second_data, order=order)
    )
    f.StudentFactory(student_id_number="400251200002", group=None)
    with pytest.raises(ValidationError) as exc:
        create_student(item=second, actor=superadmin)
    assert exc.value.message_dict == {
        "items": ["Row 2 (Toshmatov Jasur Baxtiyor oʻgʻli): A student with this student ID already exists."]
    }
    assert Student.objects.filter(pinfl="50101200700012").exists() is False
    assert first.pk < second.pk
