"""Annex 5 items 1 and 17, annex 4 items 4 and 8 measured on prepared data (5-day week)."""

import datetime as dt

import pytest

from hemis.academics.models import MarkingSystem, Programme, Subject
from hemis.academics.services.programmes import save_programme
from hemis.academics.services.subjects import save_subject
from hemis.compliance import engine
from hemis.compliance.engine import Status
from hemis.compliance.evaluators import annex5_programmes
from hemis.compliance.tests.conftest import at
from hemis.curricula.models import Curriculum, CurriculumSemester, CurriculumSubject
from hemis.students.models import Achievement
from hemis.students.services import achievements
from hemis.testing import factories as f

D = dt.date
OPENED = D(2026, 8, 3)  # a Monday: +1 wd Tuesday 04.08, +5 wd Monday 10.08, +10 wd Monday 17.08
TODAY = D(2026, 11, 30)


def rows(process_id, today=TODAY):
    (res,) = engine.evaluate(context=engine.build_context(today=today), process_ids=[process_id])
    assert res.measured is True
    return [(r.obligation.subject, r.obligation.due, r.obligation.done_at, r.status) for r in res.rows]


def obligations(process_id):
    (res,) = engine.evaluate(context=engine.build_context(today=TODAY), process_ids=[process_id])
    return [r.obligation for r in res.rows]


def opened(faculty, code, on=OPENED, entered=None, **changes) -> Programme:
    values = {"code": code, "name_uz": "Kimyoviy texnologiya", "faculty": faculty, "education_type": "11"}
    programme = save_programme(values={**values, "opened_on": on, **changes}, actor=None)
    if entered:
        Programme.objects.filter(pk=programme.pk).update(created_at=entered)
    return programme


def test_p1_per_programme_with_an_opening_date(university, uni):
    opened(uni["chem"], "60720100", entered=at(2026, 8, 4, 17))
    opened(uni["econ"], "60410100", entered=at(2026, 8, 6), name_uz="Iqtisodiyot")
    opened(uni["econ"], "60410200", on=None)
    assert rows("annex5.p1") == [
        ("Programme 60410100 Iqtisodiyot opened on 03.08.2026", D(2026, 8, 4), D(2026, 8, 6), Status.LATE),
        (
            "Programme 60720100 Kimyoviy texnologiya opened on 03.08.2026",
            D(2026, 8, 4),
            D(2026, 8, 4),
            Status.ON_TIME,
        ),
    ]


def test_p1_names_the_latest_live_dean_of_the_faculty(university, uni, dean_chemistry):
    newer = f.UserFactory(username="dean_chem_2")
    revoked = f.grant(newer, "dean", uni["chem"])
    revoked.revoked_at = at(2026, 9, 1)
    revoked.save()
    opened(uni["chem"], "60720100")
    opened(uni["econ"], "60410100")
    (econ, chem) = obligations("annex5.p1")
    assert (chem.user, chem.unit) == (dean_chemistry, uni["chem"])
    assert (econ.user, econ.unit) == (None, uni["econ"])


def test_p1_not_measured_before_the_launch(university, uni):
    university.launch_date = D(2026, 9, 1)
    university.save()
    opened(uni["chem"], "60720100")
    opened(uni["chem"], "60720200", on=D(2026, 9, 1), entered=at(2026, 9, 2))
    assert [r[0] for r in rows("annex5.p1")] == [
        "Programme 60720200 Kimyoviy texnologiya opened on 01.09.2026"
    ]


def test_p4_continuous_with_the_academic_department(university, uni):
    academic = f.UserFactory(username="academic")
    f.grant(academic, "academic")
    opened(uni["chem"], "60720100", entered=at(2026, 8, 10, 18))
    opened(uni["chem"], "60720200", entered=at(2026, 8, 11))
    assert rows("annex4.p4") == [
        (
            "Newly opened programme 60720100 Kimyoviy texnologiya",
            D(2026, 8, 10),
            D(2026, 8, 10),
            Status.ON_TIME,
        ),
        ("Newly opened programme 60720200 Kimyoviy texnologiya", D(2026, 8, 10), D(2026, 8, 11), Status.LATE),
    ]
    assert [o.user for o in obligations("annex4.p4")] == [academic, academic]


def catalogue_entry(uni, code, complete_at=None) -> Subject:
    values = {"code": code, "name_uz": f"Fan {code}", "department": uni["inorganic"]}
    if complete_at:
        values |= {"name_en": f"Subject {code}", "description_uz": "Tavsif.", "description_en": "About."}
    subject = save_subject(values=values, actor=None)
    if complete_at:
        Subject.objects.filter(pk=subject.pk).update(catalogued_at=complete_at)
    return subject


def curriculum(uni, subjects, approved_on=OPENED, year=2026) -> Curriculum:
    made = Curriculum.objects.create(
        programme=uni["chem_group"].programme,
        intake_year=year,
        marking_system=MarkingSystem.objects.get(code="11"),
        status="approved" if approved_on else "draft",
    )
    Curriculum.objects.filter(pk=made.pk).update(approved_on=approved_on)
    for number, group in enumerate(subjects, start=1):
        semester = CurriculumSemester.objects.create(curriculum=made, number=number)
        for subject in group:
            CurriculumSubject.objects.create(
                semester=semester, subject=subject, block="11.02", credits=6, department=uni["inorganic"]
            )
    return made


def test_p8_done_when_the_last_subject_is_catalogued(university, uni):
    a = catalogue_entry(uni, "KIM101", at(2026, 8, 5))
    b = catalogue_entry(uni, "KIM102", at(2026, 8, 12))
    c = catalogue_entry(uni, "KIM103")
    curriculum(uni, [[a], [a, b]], year=2026)
    curriculum(uni, [[a, c]], year=2025)
    curriculum(uni, [[c]], approved_on=None, year=2024)
    programme = uni["chem_group"].programme
    assert rows("annex4.p8") == [
        (
            f"Subject catalogue for the curriculum {programme.code} · 2025",
            D(2026, 8, 17),
            None,
            Status.OVERDUE,
        ),
        (
            f"Subject catalogue for the curriculum {programme.code} · 2026",
            D(2026, 8, 17),
            D(2026, 8, 12),
            Status.ON_TIME,
        ),
    ]


def test_p17_one_per_achievement(university, uni, student_in_group, dean_chemistry):
    achievement = achievements.add_achievement(
        student=student_in_group,
        values={"kind": "12", "title": "Navoiy stipendiyasi", "awarded_on": OPENED},
        actor=None,
    )
    Achievement.objects.filter(pk=achievement.pk).update(created_at=at(2026, 8, 12))
    assert rows("annex5.p17") == [
        (
            "Navoi scholarship of Oʻrinboyeva Gulnoza: Navoiy stipendiyasi",
            D(2026, 8, 10),
            D(2026, 8, 12),
            Status.LATE,
        )
    ]
    (obligation,) = obligations("annex5.p17")
    assert (obligation.user, obligation.unit) == (dean_chemistry, uni["chem"])


def build(uni, n):
    dean = f.UserFactory(username="dean_x")
    f.grant(dean, "dean", uni["chem"])
    f.grant(f.UserFactory(username="academic"), "academic")
    student = f.StudentFactory(group=uni["chem_group"])
    for i in range(n):
        opened(uni["chem"], f"6072010{i}")
        subject = catalogue_entry(uni, f"KIM10{i}", at(2026, 8, 5))
        curriculum(uni, [[subject]], year=2020 + i)
        achievements.add_achievement(
            student=student,
            values={"kind": "21", "title": f"Olimpiada {i}", "awarded_on": OPENED},
            actor=None,
        )


@pytest.mark.parametrize("n", [1, 3])
@pytest.mark.parametrize(
    ("process_id", "fn", "queries"),
    [
        ("annex5.p1", annex5_programmes.programmes_entered, 2),
        ("annex4.p4", annex5_programmes.opened_programmes_added, 2),
        ("annex4.p8", annex5_programmes.curriculum_subjects_catalogued, 2),
        ("annex5.p17", annex5_programmes.achievements_entered, 2),
    ],
)
def test_query_count_is_constant(university, uni, django_assert_num_queries, n, process_id, fn, queries):
    build(uni, n)
    context = engine.build_context(today=TODAY)
    with django_assert_num_queries(queries):
        produced = list(fn(context))
    assert len(produced) == n
