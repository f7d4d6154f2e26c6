"""Programmes: the rules of the service (each refusal changes nothing) and the audit of every write."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hemis.academics import selectors
from hemis.academics.models import EducationForm, EducationType, Programme
from hemis.academics.services.programmes import close_programme, save_programme
from hemis.audit.models import AuditEvent
from hemis.curricula.models import Curriculum
from hemis.testing import factories as f

D = dt.date


def values(faculty, **changes) -> dict:
    return {
        "code": "60720100",
        "name_uz": "Kimyoviy texnologiya",
        "name_en": "Chemical technology",
        "faculty": faculty,
        "education_type": EducationType.BACHELOR,
        "education_form": EducationForm.FULL_TIME,
        "language": "11",
        "duration_years": 4,
        "qualification_uz": "Bakalavr",
        "opened_on": D(2025, 8, 20),
        "opening_order": "312-son",
        **changes,
    }


def messages_of(error) -> dict:
    return {k: [str(m) for m in v] for k, v in error.value.message_dict.items()}


def test_create_programme_is_audited(uni, superadmin):
    programme = save_programme(values=values(uni["chem"]), actor=superadmin)
    assert (programme.code, programme.faculty, programme.duration_years, programme.is_active) == (
        "60720100",
        uni["chem"],
        4,
        True,
    )
    assert programme.created_by == superadmin
    event = AuditEvent.objects.get(action="academics.programme.created")
    assert event.target_id == str(programme.pk)
    assert event.data["after"]["faculty"] == uni["chem"].pk
    assert event.data["after"]["opening_order"] == "312-son"


def test_master_programme_of_two_years(uni):
    programme = save_programme(
        values=values(uni["chem"], code="70720101", education_type=EducationType.MASTER, duration_years=2),
        actor=None,
    )
    assert programme.get_education_type_display() == "Master"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"code": "6072010"}, {"code": ["The HEMIS code must be 8 digits, e.g. 60720100 or 70720101."]}),
        ({"code": "6072010A"}, {"code": ["The HEMIS code must be 8 digits, e.g. 60720100 or 70720101."]}),
        ({"code": "607201000"}, {"code": ["The HEMIS code must be 8 digits, e.g. 60720100 or 70720101."]}),
        ({"duration_years": 0}, {"duration_years": ["The duration must be from 1 to 7 years."]}),
        ({"duration_years": 8}, {"duration_years": ["The duration must be from 1 to 7 years."]}),
        (
            {"education_type": EducationType.MASTER, "code": "70720101", "duration_years": 4},
            {"duration_years": ["A master programme lasts at most 3 years."]},
        ),
        (
            {"opened_on": timezone.localdate() + dt.timedelta(days=1)},
            {"opened_on": ["The opening date cannot be in the future."]},
        ),
        ({"name_uz": ""}, {"name_uz": ["This field cannot be blank."]}),
    ],
)
def test_bad_programme_is_refused_and_nothing_is_saved(uni, changes, expected):
    with pytest.raises(ValidationError) as error:
        save_programme(values=values(uni["chem"], **changes), actor=None)
    assert messages_of(error) == expected
    assert not Programme.objects.filter(code__in=["60720100", "70720101"]).exists()
    assert not AuditEvent.objects.filter(action__startswith="academics.programme").exists()


def test_faculty_must_be_a_faculty(uni):
    with pytest.raises(ValidationError) as error:
        save_programme(values=values(uni["inorganic"]), actor=None)
    assert messages_of(error) == {"faculty": ["Choose a faculty."]}
    assert not Programme.objects.filter(code="60720100").exists()


def test_duplicate_code_is_refused(uni):
    save_programme(values=values(uni["chem"]), actor=None)
    with pytest.raises(ValidationError) as error:
        save_programme(values=values(uni["econ"], name_uz="Boshqa"), actor=None)
    assert messages_of(error) == {"code": ["Programme with this Code already exists."]}
    assert Programme.objects.get(code="60720100").faculty == uni["chem"]


def test_update_keeps_other_fields_and_is_audited(uni):
    programme = save_programme(values=values(uni["chem"]), actor=None)
    save_programme(programme=programme, values={"name_uz": "Kimyo", "duration_years": 5}, actor=None)
    programme.refresh_from_db()
    assert (programme.name_uz, programme.duration_years, programme.opening_order) == ("Kimyo", 5, "312-son")
    event = AuditEvent.objects.get(action="academics.programme.updated")
    assert (event.data["before"]["duration_years"], event.data["after"]["duration_years"]) == (4, 5)


def test_refused_update_changes_nothing(uni):
    programme = save_programme(values=values(uni["chem"]), actor=None)
    with pytest.raises(ValidationError):
        save_programme(programme=programme, values={"duration_years": 9, "name_uz": "X"}, actor=None)
    programme.refresh_from_db()
    assert (programme.duration_years, programme.name_uz) == (4, "Kimyoviy texnologiya")
    assert not AuditEvent.objects.filter(action="academics.programme.updated").exists()


def test_close_programme_once(uni):
    programme = save_programme(values=values(uni["chem"]), actor=None)
    close_programme(programme=programme, actor=None)
    programme.refresh_from_db()
    assert programme.is_active is False
    assert AuditEvent.objects.filter(action="academics.programme.closed").count() == 1
    with pytest.raises(ValidationError) as error:
        close_programme(programme=programme, actor=None)
    assert messages_of(error) == {"is_active": ["The programme is already closed."]}
    assert AuditEvent.objects.filter(action="academics.programme.closed").count() == 1


def test_counts_of_curricula_and_groups(uni):
    programme = uni["chem_group"].programme
    f.GroupFactory(faculty=uni["chem"], programme=programme, name="KT-12-24")
    from hemis.academics.models import MarkingSystem

    Curriculum.objects.create(
        programme=programme, intake_year=2024, marking_system=MarkingSystem.objects.first()
    )
    counted = selectors.programme_with_counts(Programme.objects.all()).get(pk=programme.pk)
    other = selectors.programme_with_counts(Programme.objects.all()).get(pk=uni["econ_group"].programme.pk)
    assert (counted.curricula_count, counted.groups_count) == (1, 2)
    assert (other.curricula_count, other.groups_count) == (0, 1)


def test_programme_list_filters(uni):
    chem = save_programme(values=values(uni["chem"]), actor=None)
    master = save_programme(
        values=values(
            uni["econ"], code="70410101", name_uz="Iqtisodiyot", education_type="12", duration_years=2
        ),
        actor=None,
    )
    close_programme(programme=master, actor=None)
    visible = Programme.objects.filter(pk__in=[chem.pk, master.pk])

    def codes(**flt):
        return [p.code for p in selectors.programme_list(visible, selectors.ProgrammeFilter(**flt))]

    assert codes() == ["60720100", "70410101"]
    assert codes(search="iqtisod") == ["70410101"]
    assert codes(search="6072") == ["60720100"]
    assert codes(faculty=uni["chem"]) == ["60720100"]
    assert codes(education_type="12") == ["70410101"]
    assert codes(active=True) == ["60720100"]
    assert codes(active=False) == ["70410101"]
