"""Who may see and edit the careers records, and within which scope."""

import pytest

from hemis.access import policy
from hemis.access.principal import build_principal
from hemis.careers.models import Competition, TrainingRecord
from hemis.careers.tests.factories import CompetitionFactory, TrainingRecordFactory
from hemis.staff.enums import Position
from hemis.testing import factories as f


def principal_of(role, unit=None):
    user = f.UserFactory()
    f.grant(user, role, unit)
    return build_principal(user, None)


@pytest.mark.parametrize(
    ("role", "view", "edit_competition", "edit_training"),
    [
        ("super_admin", True, True, True),
        ("management", True, False, False),
        ("hr", True, True, True),
        ("academic", True, False, True),
        ("dean", True, False, False),
        ("head", True, False, False),
        ("teacher", False, False, False),
        ("accounting", False, False, False),
        ("ict", False, False, False),
    ],
)
def test_careers_actions_by_role(uni, role, view, edit_competition, edit_training):
    principal = principal_of(role, uni["chem"] if role in ("dean", "head", "teacher") else None)
    assert policy.can(principal, "careers.view") is view
    assert policy.can(principal, "careers.competition.edit") is edit_competition
    assert policy.can(principal, "careers.training.edit") is edit_training


@pytest.fixture
def records(uni):
    chem = f.EmployeeFactory(last_name="Toshmatov")
    f.appoint(chem, uni["inorganic"], Position.DOCENT)
    econ = f.EmployeeFactory(last_name="Qodirova")
    f.appoint(econ, uni["accounting_dept"], Position.DOCENT)
    return {
        "chem": (
            CompetitionFactory(employee=chem, org_unit=uni["inorganic"]),
            TrainingRecordFactory(employee=chem),
        ),
        "econ": (
            CompetitionFactory(employee=econ, org_unit=uni["accounting_dept"]),
            TrainingRecordFactory(employee=econ),
        ),
    }


def visible(principal):
    return (
        set(policy.visible_competitions(principal)),
        set(policy.visible_training_records(principal)),
        {e.last_name for e in policy.visible_career_employees(principal)},
    )


def test_university_roles_see_every_record(records):
    everything = (
        {records["chem"][0], records["econ"][0]},
        {records["chem"][1], records["econ"][1]},
        {"Toshmatov", "Qodirova"},
    )
    for role in ("super_admin", "management", "hr", "academic"):
        assert visible(principal_of(role)) == everything


def test_dean_and_head_see_their_scope_only(records, uni):
    chem_only = ({records["chem"][0]}, {records["chem"][1]}, {"Toshmatov"})
    assert visible(principal_of("dean", uni["chem"])) == chem_only
    assert visible(principal_of("head", uni["inorganic"])) == chem_only
    assert visible(principal_of("dean", uni["econ"])) == (
        {records["econ"][0]},
        {records["econ"][1]},
        {"Qodirova"},
    )


def test_a_former_appointment_does_not_keep_the_record_in_scope(records, uni):
    employee = records["chem"][0].employee
    employee.appointments.update(end_date="2025-12-31")
    f.appoint(employee, uni["accounting_dept"], Position.DOCENT)
    assert visible(principal_of("dean", uni["chem"])) == (set(), set(), set())
    assert records["chem"][0] in policy.visible_competitions(principal_of("dean", uni["econ"]))


def test_several_current_appointments_do_not_duplicate_rows(records, uni):
    f.appoint(records["chem"][0].employee, uni["inorganic"], Position.PROFESSOR)
    principal = principal_of("dean", uni["chem"])
    assert list(policy.visible_competitions(principal)) == [records["chem"][0]]
    assert policy.visible_training_records(principal).count() == 1


def test_roles_without_view_see_nothing(records, uni):
    assert visible(principal_of("teacher", uni["inorganic"])) == (set(), set(), set())
    assert visible(principal_of("accounting")) == (set(), set(), set())
    assert Competition.objects.count() == 2 and TrainingRecord.objects.count() == 2


@pytest.mark.parametrize(
    ("role", "unit", "units"),
    [
        ("super_admin", None, {"F-CHEM", "F-ECON", "D-INORG", "D-ACC"}),
        ("hr", None, {"F-CHEM", "F-ECON", "D-INORG", "D-ACC"}),
        ("academic", None, set()),
        ("management", None, set()),
        ("dean", "chem", set()),
        ("head", "inorganic", set()),
    ],
)
def test_competition_units_by_role(uni, role, unit, units):
    principal = principal_of(role, uni[unit] if unit else None)
    assert {u.code for u in policy.competition_units(principal)} == units


def test_a_dean_reads_the_faculty_selections_but_records_none(records, uni):
    """The leak case: a dean sees the faculty's selections and units, yet may record a selection nowhere."""
    principal = principal_of("dean", uni["chem"])
    assert set(policy.visible_competitions(principal)) == {records["chem"][0]}
    assert not policy.competition_units(principal).exists()
