"""The careers services: what they write, what they journal, and what they refuse (nothing saved then)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hemis.audit.models import AuditEvent
from hemis.careers import services
from hemis.careers.enums import CompetitionResult, TrainingPlace
from hemis.careers.models import Competition, TrainingRecord
from hemis.staff.enums import Position
from hemis.testing import factories as f

D = dt.date


@pytest.fixture
def hr(db):
    user = f.UserFactory(username="hr_officer", first_name="Nilufar", last_name="Saidova")
    f.grant(user, "hr")
    return user


@pytest.fixture
def teacher(uni):
    employee = f.EmployeeFactory(last_name="Toshmatov", first_name="Jasur")
    f.appoint(employee, uni["inorganic"], Position.DOCENT)
    return employee


def selection(teacher, uni, **overrides):
    values = {
        "employee": teacher,
        "position": Position.DOCENT,
        "org_unit": uni["inorganic"],
        "order_number": "245-K",
        "order_date": D(2024, 6, 10),
        "selection_date": D(2024, 6, 1),
        "term_years": 3,
        "result": CompetitionResult.PASSED,
    }
    return values | overrides


def training(teacher, **overrides):
    values = {
        "employee": teacher,
        "place": TrainingPlace.BIMM,
        "institution": "Bosh ilmiy-metodik markaz",
        "programme": "Innovatsion pedagogik texnologiyalar",
        "date_from": D(2025, 2, 3),
        "date_to": D(2025, 2, 28),
        "hours": 144,
        "certificate_number": "BM-01234",
        "certificate_date": D(2025, 2, 28),
        "order_number": "17-son",
        "order_date": D(2025, 1, 27),
    }
    return values | overrides


def refused(call, **kwargs) -> dict[str, list[str]]:
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            call(**kwargs)
        return caught.value.message_dict


def test_create_competition_computes_validity_and_journals(hr, teacher, uni):
    competition = services.create_competition(actor=hr, **selection(teacher, uni), notes="Kengash qarori")
    competition.refresh_from_db()
    assert (competition.valid_until, competition.success_type, competition.created_by) == (
        D(2027, 6, 1),
        "11",
        hr,
    )
    event = AuditEvent.objects.get(action="careers.competition.created")
    assert event.actor == hr
    assert event.target_id == str(competition.pk)
    assert event.data["after"] == {
        "employee": teacher.pk,
        "position": "14",
        "org_unit": "D-INORG",
        "order_number": "245-K",
        "order_date": "2024-06-10",
        "selection_date": "2024-06-01",
        "term_years": 3,
        "result": "passed",
        "notes": "Kengash qarori",
        "valid_until": "2027-06-01",
    }


def test_leap_day_selection_lapses_on_28_february(hr, teacher, uni):
    competition = services.create_competition(
        actor=hr, **selection(teacher, uni, selection_date=D(2024, 2, 29), term_years=5)
    )
    assert competition.valid_until == D(2029, 2, 28)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"term_years": 0}, "term_years", "The term must be from 1 to 5 years."),
        ({"term_years": 6}, "term_years", "The term must be from 1 to 5 years."),
        ({"order_number": ""}, "order_number", "This field cannot be blank."),
    ],
)
def test_create_competition_refuses_bad_input(hr, teacher, uni, overrides, field, message):
    errors = refused(services.create_competition, actor=hr, **selection(teacher, uni, **overrides))
    assert errors[field] == [message]
    assert Competition.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="careers.").exists()


def test_create_competition_refuses_an_order_dated_tomorrow(hr, teacher, uni):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    errors = refused(services.create_competition, actor=hr, **selection(teacher, uni, order_date=tomorrow))
    assert errors == {"order_date": ["The order date cannot be in the future."]}
    assert Competition.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="careers.").exists()


def test_create_competition_refuses_a_faculty_as_the_unit(hr, teacher, uni):
    errors = refused(services.create_competition, actor=hr, **selection(teacher, uni, org_unit=uni["chem"]))
    assert errors == {"org_unit": ["Choose a department."]}
    assert Competition.objects.count() == 0


def test_second_overlapping_passed_selection_is_refused(hr, teacher, uni):
    first = services.create_competition(actor=hr, **selection(teacher, uni))
    errors = refused(
        services.create_competition,
        actor=hr,
        **selection(
            teacher, uni, order_number="300-K", selection_date=D(2027, 5, 31), order_date=D(2025, 1, 5)
        ),
    )
    assert errors == {
        "selection_date": [
            "This teacher already passed a selection for this position valid from 01.06.2024 to 01.06.2027."
        ]
    }
    assert list(Competition.objects.all()) == [first]
    assert AuditEvent.objects.filter(action__startswith="careers.").count() == 1


def test_back_to_back_selection_failed_one_and_other_position_are_accepted(hr, teacher, uni):
    services.create_competition(actor=hr, **selection(teacher, uni))
    renewed = services.create_competition(actor=hr, **selection(teacher, uni, selection_date=D(2027, 6, 1)))
    failed = services.create_competition(
        actor=hr, **selection(teacher, uni, selection_date=D(2025, 6, 1), result=CompetitionResult.NOT_PASSED)
    )
    other = services.create_competition(
        actor=hr, **selection(teacher, uni, position=Position.PROFESSOR, selection_date=D(2025, 6, 1))
    )
    assert [c.valid_until for c in (renewed, failed, other)] == [D(2030, 6, 1), D(2028, 6, 1), D(2028, 6, 1)]
    assert Competition.objects.count() == 4


def test_update_competition_journals_only_changes_and_recomputes(hr, teacher, uni):
    competition = services.create_competition(actor=hr, **selection(teacher, uni))
    services.update_competition(competition=competition, actor=hr, term_years=5, order_number="246-K")
    competition.refresh_from_db()
    assert (competition.term_years, competition.valid_until) == (5, D(2029, 6, 1))
    event = AuditEvent.objects.get(action="careers.competition.updated")
    assert event.data == {
        "before": {"order_number": "245-K", "term_years": 3, "valid_until": "2027-06-01"},
        "after": {"order_number": "246-K", "term_years": 5, "valid_until": "2029-06-01"},
    }


def test_update_competition_may_not_overlap_another(hr, teacher, uni):
    services.create_competition(actor=hr, **selection(teacher, uni))
    later = services.create_competition(actor=hr, **selection(teacher, uni, selection_date=D(2027, 6, 1)))
    errors = refused(services.update_competition, competition=later, actor=hr, selection_date=D(2026, 6, 1))
    assert list(errors) == ["selection_date"]
    later.refresh_from_db()
    assert later.selection_date == D(2027, 6, 1)
    assert not AuditEvent.objects.filter(action="careers.competition.updated").exists()


def test_delete_competition_keeps_it_in_the_journal(hr, teacher, uni):
    competition = services.create_competition(actor=hr, **selection(teacher, uni))
    services.delete_competition(competition=competition, actor=hr)
    assert Competition.objects.count() == 0
    event = AuditEvent.objects.get(action="careers.competition.deleted")
    assert (event.data["before"]["order_number"], event.data["before"]["valid_until"]) == (
        "245-K",
        "2027-06-01",
    )


def test_create_training_record_journals(hr, teacher):
    record = services.create_training_record(actor=hr, **training(teacher))
    record.refresh_from_db()
    assert (record.hours, record.certificate_number, record.created_by) == (144, "BM-01234", hr)
    event = AuditEvent.objects.get(action="careers.training_record.created")
    assert event.data["after"]["date_to"] == "2025-02-28"
    assert event.data["after"]["place"] == "11"


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"date_to": D(2025, 2, 2)}, {"date_to": ["The end of the period cannot be before its start."]}),
        (
            {"certificate_date": D(2025, 2, 27)},
            {"certificate_date": ["The certificate cannot be dated before the training ends."]},
        ),
        ({"hours": 0}, {"hours": ["The number of hours must be greater than zero."]}),
        ({"hours": -8}, {"hours": ["The number of hours must be greater than zero."]}),
    ],
)
def test_create_training_record_refuses_bad_input(hr, teacher, overrides, errors):
    assert refused(services.create_training_record, actor=hr, **training(teacher, **overrides)) == errors
    assert TrainingRecord.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="careers.").exists()


def test_update_training_record_refused_leaves_it_unchanged(hr, teacher):
    record = services.create_training_record(actor=hr, **training(teacher))
    errors = refused(services.update_training_record, record=record, actor=hr, date_from=D(2025, 3, 10))
    assert errors == {"date_to": ["The end of the period cannot be before its start."]}
    record.refresh_from_db()
    assert record.date_from == D(2025, 2, 3)
    assert not AuditEvent.objects.filter(action="careers.training_record.updated").exists()


def test_update_and_delete_training_record_are_journaled(hr, teacher):
    record = services.create_training_record(actor=hr, **training(teacher))
    services.update_training_record(record=record, actor=hr, hours=72, place=TrainingPlace.FOREIGN)
    event = AuditEvent.objects.get(action="careers.training_record.updated")
    assert event.data == {"before": {"place": "11", "hours": 144}, "after": {"place": "13", "hours": 72}}
    services.delete_training_record(record=record, actor=hr)
    assert TrainingRecord.objects.count() == 0
    assert AuditEvent.objects.filter(action="careers.training_record.deleted").count() == 1
