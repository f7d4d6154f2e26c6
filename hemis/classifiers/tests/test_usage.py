"""The usage registry names real fields, and the codes our models offer exist in the classifiers."""

import pytest

from hemis.classifiers import usage
from hemis.classifiers.models import ClassifierOption
from hemis.testing import factories as f


@pytest.mark.parametrize("key", sorted(usage.USAGES))
def test_registered_fields_hold_codes_of_a_loaded_classifier(db, key):
    codes = set(ClassifierOption.objects.filter(classifier__key=key).values_list("code", flat=True))
    assert codes, key
    for _model, field in usage.fields_for(key):
        assert field.get_internal_type() == "CharField"
        offered = {value for value, _label in field.choices or []}
        assert offered <= codes, (key, field, offered - codes)
        if field.has_default():
            assert field.get_default() in codes


def test_required_fields_are_registered():
    pairs = {(key, label, name) for key, fields in usage.USAGES.items() for label, name in fields}
    assert {
        ("h_gender", "staff.Employee", "gender"),
        ("h_gender", "students.Student", "gender"),
        ("h_student_status", "students.Student", "status"),
        ("h_payment_form", "students.Student", "payment_form"),
        ("h_structure_type", "org.OrgUnit", "structure_type"),
        ("h_employee_type", "staff.Employee", "employee_type"),
        ("h_teacher_position_type", "staff.Appointment", "position"),
        ("h_employment_form", "staff.Appointment", "employment_form"),
        ("h_language", "students.Group", "language"),
        ("h_education_form", "students.Group", "education_form"),
        ("h_education_type", "academics.Programme", "education_type"),
    } <= pairs


def test_is_in_use_and_counts(uni):
    female = ClassifierOption.objects.get(classifier__key="h_gender", code="12")
    assert usage.is_in_use(female) is False
    f.StudentFactory(group=uni["chem_group"], gender="12")
    f.EmployeeFactory(gender="12")
    f.EmployeeFactory(gender="11")
    assert usage.is_in_use(female) is True
    assert [(u.model.__name__, u.count) for u in usage.uses(female)] == [("Employee", 1), ("Student", 1)]
    assert usage.usage_counts("h_gender") == {"11": 1, "12": 2}
    assert usage.usage_counts("h_sport_type") == {}
    assert usage.max_code_length("h_gender") == 2
    assert usage.max_code_length("h_sport_type") is None
