"""The monitoring selectors on a fixed "today" (16.03.2026), with exact expected lists."""

import datetime as dt

import pytest

from hemis.careers import selectors
from hemis.careers.enums import CompetitionResult
from hemis.careers.models import Competition
from hemis.careers.tests.factories import CompetitionFactory, TrainingRecordFactory
from hemis.staff.enums import Position
from hemis.staff.models import Employee
from hemis.testing import factories as f

D = dt.date
TODAY = D(2026, 3, 16)


def teacher(unit, last_name, position=Position.DOCENT, dismissed=False):
    employee = f.EmployeeFactory(last_name=last_name)
    appointment = f.appoint(employee, unit, position)
    if dismissed:
        appointment.end_date = D(2025, 12, 31)
        appointment.save()
    return employee


def passed(employee, unit, selected, term, result=CompetitionResult.PASSED):
    return CompetitionFactory(
        employee=employee, org_unit=unit, selection_date=selected, term_years=term, result=result
    )


@pytest.fixture
def selections(uni):
    chem, econ = uni["inorganic"], uni["accounting_dept"]
    d_teacher = teacher(chem, "Dadaboyev")
    passed(d_teacher, chem, D(2020, 2, 1), 3)
    f_teacher = teacher(chem, "Fayziyev")
    passed(f_teacher, chem, D(2021, 5, 1), 3)
    passed(f_teacher, chem, D(2025, 5, 1), 3, result=CompetitionResult.NOT_PASSED)
    return {
        "A": passed(teacher(chem, "Abdullayev"), chem, D(2023, 6, 1), 3),
        "B": passed(teacher(chem, "Boboyev"), chem, D(2021, 9, 1), 5),
        "C": passed(teacher(chem, "Choriyev"), chem, D(2022, 1, 10), 3),
        "D": passed(d_teacher, chem, D(2023, 2, 1), 5),
        "E": passed(teacher(chem, "Ergashev"), chem, D(2021, 3, 16), 5),
        "F": Competition.objects.get(employee=f_teacher, result=CompetitionResult.PASSED),
        "G": passed(teacher(chem, "Gʻaniyev", dismissed=True), chem, D(2023, 5, 1), 3),
        "H": passed(teacher(econ, "Hamidova"), econ, D(2023, 4, 20), 3),
    }


def monitored(state, months=3, unit=None):
    qs = selectors.selection_monitoring(
        Competition.objects.all(), today=TODAY, months=months, state=state, unit=unit
    )
    return list(qs)


def test_expiring_within_the_chosen_months(selections):
    s = selections
    assert monitored(selectors.EXPIRING, 3) == [s["H"], s["A"]]
    assert monitored(selectors.EXPIRING, 6) == [s["H"], s["A"], s["B"]]
    assert monitored(selectors.EXPIRING, 12) == [s["H"], s["A"], s["B"]]


def test_expired_without_a_newer_passed_selection(selections):
    s = selections
    assert [c.valid_until for c in (s["E"], s["C"], s["F"])] == [
        D(2026, 3, 16),
        D(2025, 1, 10),
        D(2024, 5, 1),
    ]
    assert monitored(selectors.EXPIRED) == [s["E"], s["C"], s["F"]]


def test_monitoring_per_faculty(selections, uni):
    s = selections
    assert monitored(selectors.EXPIRING, 3, unit=uni["chem"]) == [s["A"]]
    assert monitored(selectors.EXPIRING, 3, unit=uni["accounting_dept"]) == [s["H"]]


def test_counts_by_department(selections, uni):
    counts = selectors.selection_counts_by_department(Competition.objects.all(), today=TODAY, months=6)
    assert [(c.unit, c.expiring, c.expired) for c in counts] == [
        (uni["inorganic"], 2, 3),
        (uni["accounting_dept"], 1, 0),
    ]


def test_history_newest_first(selections):
    employee = selections["D"].employee
    assert [c.selection_date for c in selectors.history(Competition.objects.all(), employee)] == [
        D(2023, 2, 1),
        D(2020, 2, 1),
    ]


@pytest.fixture
def trainees(uni):
    chem, econ = uni["inorganic"], uni["accounting_dept"]
    people = {
        "T1": teacher(chem, "Jurayev"),
        "T2": teacher(chem, "Karimov"),
        "T3": teacher(chem, "Aliyev"),
        "T4": teacher(chem, "Latipov"),
        "T5": teacher(chem, "Murodov", Position.HEAD_OF_DEPARTMENT),
        "T6": teacher(chem, "Nazarova", Position.ACCOUNTANT),
        "T7": teacher(chem, "Obidov", dismissed=True),
        "T8": teacher(econ, "Botirova", Position.SENIOR_TEACHER),
    }
    for key, ends in (
        ("T1", [D(2023, 3, 15)]),
        ("T2", [D(2023, 3, 16)]),
        ("T4", [D(2020, 1, 10), D(2023, 9, 1)]),
        ("T5", [D(2022, 1, 1), D(2026, 4, 10)]),  # the second has not ended yet
    ):
        for end in ends:
            TrainingRecordFactory(
                employee=people[key], date_from=end - dt.timedelta(days=20), date_to=end, certificate_date=end
            )
    return people


def due(people, horizon=0, unit=None):
    rows = selectors.training_due(Employee.objects.all(), today=TODAY, horizon_months=horizon, unit=unit)
    keys = {e.pk: k for k, e in people.items()}
    return [(keys[e.pk], e.last_training, selectors.training_due_date(e.last_training)) for e in rows]


def test_due_now_never_trained_first_then_longest_overdue(trainees):
    assert due(trainees) == [
        ("T3", None, None),
        ("T8", None, None),
        ("T5", D(2022, 1, 1), D(2025, 1, 1)),
        ("T1", D(2023, 3, 15), D(2026, 3, 15)),
    ]


def test_due_within_months(trainees):
    assert [k for k, *_ in due(trainees, 3)] == ["T3", "T8", "T5", "T1", "T2"]
    assert [k for k, *_ in due(trainees, 6)] == ["T3", "T8", "T5", "T1", "T2", "T4"]


def test_due_in_one_department_with_the_appointment(trainees, uni):
    rows = selectors.training_due(Employee.objects.all(), today=TODAY, unit=uni["accounting_dept"])
    (row,) = rows
    assert row == trainees["T8"]
    assert [(a.org_unit, a.position) for a in row.current_teaching] == [
        (uni["accounting_dept"], Position.SENIOR_TEACHER)
    ]
