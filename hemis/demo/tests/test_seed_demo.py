import datetime as dt
import itertools
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from hemis.academics.models import Programme, Semester, Subject
from hemis.access.models import RoleGrant, User
from hemis.access.roles import ROLE_SPECS
from hemis.audit.models import AuditEvent
from hemis.core.calendar import add_working_days, is_working_day
from hemis.core.models import UniversitySettings
from hemis.curricula.models import (
    Curriculum,
    CurriculumSemester,
    CurriculumSubject,
    CurriculumWeek,
    SubjectControl,
    SubjectLoad,
)
from hemis.demo import catalogue
from hemis.demo import curricula as curricula_demo
from hemis.demo import programmes as programmes_demo
from hemis.demo.identity import pinfl_check_digit
from hemis.demo.structure import DEMO_LOGINS
from hemis.demo.tests.conftest import N as DEMO_STUDENTS
from hemis.movements.models import Order, OrderItem
from hemis.org.models import OrgUnit, StructureType
from hemis.staff.models import Employee
from hemis.students.models import Achievement, Group, GroupSubject, Student, StudentStatus

# The package's shared demo (``conftest.py``) has N students.
N = DEMO_STUDENTS


def seed(students: int = 60, **options) -> str:
    out = StringIO()
    call_command("seed_demo", students=students, stdout=out, **options)
    return out.getvalue()


def people_of(plan) -> list[tuple[str, str, str]]:
    return [
        (
            s.student_id_number,
            f"{s.person.last_name} {s.person.first_name} {s.person.patronymic}",
            s.person.pinfl,
        )
        for s in plan.students
    ]


def test_seed_demo_builds_the_structure_and_people(demo):
    units = OrgUnit.objects.all()
    assert units.filter(structure_type=StructureType.FACULTY).count() == 4
    assert units.filter(structure_type=StructureType.DEPARTMENT).count() == 16
    assert units.filter(structure_type=StructureType.RECTORATE).count() == 1
    assert Employee.objects.count() >= 150
    assert Student.objects.count() == N
    assert Student.objects.filter(user__username=F("student_id_number")).count() == N
    for unit in units.select_related("parent"):
        assert unit.path == f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
    assert {d.parent.structure_type for d in units.filter(structure_type=StructureType.DEPARTMENT)} == {
        StructureType.FACULTY
    }


def test_seed_demo_sets_the_university(demo):
    uni = UniversitySettings.current()
    assert (uni.name_uz, uni.name_en, uni.hemis_code) == (
        "Kimyo-texnologiya instituti (demo)",
        "Institute of Chemical Technology (demo)",
        "990",
    )
    assert (uni.launch_date, uni.study_week) == (dt.date(2025, 9, 1), 6)
    assert (uni.gpa_method, uni.gpa_method_decided_on, uni.gpa_method_set_on) == (
        "credit_weighted",
        dt.date(2025, 10, 28),
        dt.date(2025, 10, 31),
    )
    event = AuditEvent.objects.get(action="core.demo.loaded")
    assert (event.data["students"], event.data["seed"]) == (N, 2026)


def test_every_role_has_a_demo_login(demo):
    # the API user (issue 15) is an account of a system, not an employee: api_demo, outside DEMO_LOGINS
    from hemis.demo.integrations import DEMO_API_LOGIN

    held = set(
        RoleGrant.objects.current()
        .filter(user__username__in=[lg for lg, *_ in DEMO_LOGINS] + [DEMO_API_LOGIN])
        .values_list("user__username", "role_id")
    )
    for spec in ROLE_SPECS:
        if spec.code == "student":
            continue
        login = {"super_admin": "admin", "api_user": DEMO_API_LOGIN}.get(spec.code, spec.code)
        assert (login, spec.code) in held
    linked = User.objects.filter(username__in=[lg for lg, *_ in DEMO_LOGINS], employee__isnull=False)
    assert linked.count() == len(DEMO_LOGINS)


def test_dean_head_and_teacher_grants_are_scoped(demo):
    dean = RoleGrant.objects.select_related("org_unit").get(user__username="dean")
    assert dean.role_id == "dean"
    assert dean.org_unit.structure_type == StructureType.FACULTY
    assert dean.org_unit.name_uz == "Kimyoviy texnologiya fakulteti"
    head = RoleGrant.objects.filter(user__username="head").select_related("org_unit").order_by("role__order")
    assert [(g.role_id, g.org_unit.structure_type) for g in head] == [
        ("head", StructureType.DEPARTMENT),
        ("teacher", StructureType.DEPARTMENT),
    ]
    assert head[0].org_unit == head[1].org_unit
    assert head[0].org_unit.parent == dean.org_unit
    teacher = RoleGrant.objects.get(user__username="teacher")
    assert (teacher.role_id, teacher.org_unit) == ("teacher", head[0].org_unit)
    assert teacher.user.employee.appointments.filter(org_unit=teacher.org_unit).exists()


def test_other_teachers_get_logins_in_their_departments(demo):
    grants = RoleGrant.objects.filter(role_id="teacher").exclude(user__username__in=["head", "teacher"])
    assert grants.count() == 32
    for grant in grants.select_related("user__employee", "org_unit"):
        assert re.fullmatch(r"[a-z]\.[a-z]+\d*", grant.user.username)
        assert grant.user.employee.appointments.filter(org_unit=grant.org_unit).exists()


def test_student_logs_in_with_student_id_and_sees_group(client, demo):
    student = (
        Student.objects.filter(status=StudentStatus.STUDYING).select_related("group").order_by("pk").first()
    )
    response = client.post(
        reverse("web:login"), {"username": student.student_id_number, "password": "hemis-demo"}
    )
    assert response["Location"] == reverse("web:home")
    page = client.get(reverse("web:home")).content.decode()
    assert student.group.name in page
    assert student.student_id_number in page


def test_demo_staff_log_in_with_the_shared_password(client, demo):
    response = client.post(reverse("web:login"), {"username": "dean", "password": "hemis-demo"})
    assert response["Location"] == reverse("web:home")
    principal = client.get(reverse("web:home")).context["principal"]
    assert principal.role == "dean"
    assert len({u.password for u in User.objects.all()}) == 1


def test_refuses_a_database_that_has_org_units(demo, settings):
    settings.DEBUG = True
    before = (OrgUnit.objects.count(), Student.objects.count(), User.objects.count())
    with pytest.raises(CommandError, match="already has 32 org units"):
        seed(seed=3)
    assert (OrgUnit.objects.count(), Student.objects.count(), User.objects.count()) == before
    assert "was not loaded" in seed(seed=3, if_empty=True)
    assert (OrgUnit.objects.count(), Student.objects.count(), User.objects.count()) == before


def test_personal_data_is_plausible(demo):
    people = list(
        Employee.objects.values_list("pinfl", "last_name", "first_name", "patronymic", "phone", "passport")
    )
    people += list(
        Student.objects.values_list("pinfl", "last_name", "first_name", "patronymic", "phone", "passport")
    )
    pinfls = [p[0] for p in people]
    assert all(re.fullmatch(r"[3-6]\d{13}", p) and p[13] == pinfl_check_digit(p[:13]) for p in pinfls)
    assert len(set(pinfls)) == len(pinfls)
    assert all(re.fullmatch(r"\+998(90|91|93|94|95|97|99|33|88)\d{7}", p[4]) for p in people)
    assert all(re.fullmatch(r"[A-Z]{2}\d{7}", p[5]) for p in people)
    names = " ".join(" ".join(p[1:4]) for p in people)
    assert "ʻ" in names
    assert not set("'‘’`") & set(names)
    ids = list(Student.objects.values_list("student_id_number", flat=True))
    assert all(re.fullmatch(r"390\d{9}", i) for i in ids)


def test_groups_and_programmes(demo):
    groups = Group.objects.select_related("programme")
    assert all(re.fullmatch(r"M?[A-Z]{2}-[12]\d+-\d\d", g.name) for g in groups)
    assert {g.course for g in groups if g.programme.education_type == "11"} == {1, 2, 3, 4}
    assert set(Group.objects.filter(is_active=False).values_list("intake_year", flat=True)) == {2022}
    graduates = Student.objects.filter(status=StudentStatus.GRADUATED)
    assert graduates.exists()
    assert set(graduates.values_list("group__intake_year", "is_graduate", "programme__code")) <= {
        (2022, True, code) for code in ("60720100", "60721000", "60720400", "60410100")
    }


def test_demo_logins_prints_logins_students_and_password(demo):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    lines = text.splitlines()
    assert lines[0].split() == ["Login", "Role", "Scope", "Person"]
    assert any(line.startswith("dean ") and "Faculty of Chemical Technology" in line for line in lines)
    assert any(line.startswith("admin ") and "Whole university" in line for line in lines)
    shown = re.findall(r"^(\d{12}) ", text, flags=re.MULTILINE)
    assert len(shown) == 3
    assert Student.objects.filter(student_id_number__in=shown, status=StudentStatus.STUDYING).count() == 3
    [fresh_line] = [line for line in lines if line.startswith("Students whose first log-in is still ahead")]
    fresh = fresh_line.split(": ", 1)[1].split(", ")
    assert len(fresh) == 3
    assert User.objects.filter(username__in=fresh, must_change_password=True, onboarded_at=None).count() == 3
    assert lines[-1] == "Password for every demo login: hemis-demo"


# --- issue 5: programmes, catalogue, curricula, group subjects, orders, achievements -----------------


def test_programmes_and_the_subject_catalogue(demo):
    check_subject_catalogue()

    rows = list(
        Programme.objects.values_list(
            "code", "qualification_uz", "qualification_ru", "qualification_en", "opened_on", "opening_order"
        )
    )
    opened = programmes_demo.OPENED_AFTER_LAUNCH
    expected = [(code, *details) for code, details in programmes_demo.DETAILS.items()]
    expected += [(p.code, *p.qualification, p.opened_on, p.opening_order) for p in opened]
    assert sorted(rows) == sorted(expected)
    assert Programme.objects.get(code="60720100").qualification_en == "Bachelor of Chemical Technology"
    assert all(re.fullmatch(r"PQ-\d+", row[5]) for row in rows)
    assert sorted(row[4].year for row in rows if row[4] >= dt.date(2025, 9, 1)) == [2026, 2026]
    assert all(2004 <= row[4].year <= 2019 for row in rows if row[0] in programmes_demo.DETAILS)
    check_programmes_opened_after_the_launch()


def check_programmes_opened_after_the_launch():
    """Entered by their deans through the service (one audit row each), dated the day each was entered;
    no groups yet (first admission in 2027)."""
    new = Programme.objects.filter(code__in=[p.code for p in programmes_demo.OPENED_AFTER_LAUNCH])
    rows = new.order_by("code").values_list(
        "code",
        "name_uz",
        "name_en",
        "faculty__code",
        "education_type",
        "education_form",
        "language",
        "duration_years",
        "created_by__username",
    )
    assert list(rows) == [
        ("60710100", "Kimyo muhandisligi", "Chemical engineering", "F-KT", "11", "11", "14", 4, "dean"),
        (
            "60720500",
            "Gazni chuqur qayta ishlash texnologiyasi",
            "Deep gas processing technology",
            "F-NG",
            "11",
            "11",
            "11",
            4,
            "dean_ng",
        ),
    ]
    entered = {p.code: timezone.localtime(p.created_at).date() for p in new}
    assert entered == {"60710100": dt.date(2026, 10, 14), "60720500": dt.date(2026, 10, 5)}
    created = AuditEvent.objects.filter(action="academics.programme.created")
    assert sorted(created.values_list("actor__username", flat=True)) == ["dean", "dean_ng"]
    assert not Group.objects.filter(programme__in=new).exists()


def check_subject_catalogue():
    expected = {code: dept for dept, rows in catalogue.SUBJECTS.items() for code, *_ in rows}
    stored = dict(Subject.objects.values_list("code", "department__code"))
    assert stored == expected
    assert all(10 <= len(rows) <= 14 for rows in catalogue.SUBJECTS.values())
    general = {"OZT1101": "D-IGF", "FAL1102": "D-IGF", "XTL1103": "D-IGF", "JTS1104": "D-IGF"}
    general |= {"AXT1202": "D-OMI", "OMT1201": "D-OMI"}
    assert {code: stored[code] for code in general} == general
    incomplete = Subject.objects.filter(catalogued_at__isnull=True)
    assert sorted(incomplete.values_list("code", flat=True)) == sorted(catalogue.INCOMPLETE)
    assert set(incomplete.values_list("description_en", flat=True)) == {""}
    history = Subject.objects.get(code="OZT1101")
    assert (history.name_uz, history.name_ru, history.name_en) == (
        "Oʻzbekiston tarixi",
        "История Узбекистана",
        "History of Uzbekistan",
    )
    assert history.description_en.startswith("The course “History of Uzbekistan” teaches")
    assert history.description_uz.startswith("«Oʻzbekiston tarixi» fani")
    assert history.catalogued_at is not None


def test_curricula(demo):
    check_curriculum_semesters_weeks_subjects_loads_and_controls()
    check_weeks_run_monday_to_sunday_from_the_semester_start()

    intakes = set(Group.objects.values_list("programme_id", "intake_year"))
    curricula = Curriculum.objects.select_related("programme", "marking_system")
    assert {(c.programme_id, c.intake_year) for c in curricula} == intakes
    # every programme has its curricula, but those opened after the launch: they admit from 2027
    opened = [p.code for p in programmes_demo.OPENED_AFTER_LAUNCH]
    assert {p for p, _ in intakes} == set(
        Programme.objects.exclude(code__in=opened).values_list("pk", flat=True)
    )
    for c in curricula:
        assert (c.status, c.marking_system.code, c.approved_by.username) == ("approved", "11", "academic")
        start = dt.date(c.intake_year, 9, 1)
        late = (c.programme.code, c.intake_year) in curricula_demo.LATE_INTAKES
        days_before = (start - c.approved_on).days
        assert -15 <= days_before <= -1 if late else 20 <= days_before <= 40
        assert c.created_at.date() < c.approved_on
        numbers = list(c.semesters.values_list("number", flat=True))
        assert numbers == list(range(1, 2 * c.programme.duration_years + 1))
    copied = Curriculum.objects.filter(copied_from__isnull=False).select_related("copied_from")
    assert all(c.copied_from.programme_id == c.programme_id for c in copied)
    assert all(c.copied_from.intake_year < c.intake_year for c in copied)
    groups = Group.objects.select_related("curriculum")
    assert all(
        (g.curriculum.programme_id, g.curriculum.intake_year) == (g.programme_id, g.intake_year)
        for g in groups
    )


def check_curriculum_semesters_weeks_subjects_loads_and_controls():
    for semester in CurriculumSemester.objects.select_related("curriculum__programme"):
        subjects = list(semester.subjects.select_related("subject"))
        assert 5 <= len(subjects) <= 7, semester
        assert 1 <= sum(s.subject_type == "12" for s in subjects) <= 2
        master = semester.curriculum.programme.education_type == "12"
        assert {s.block[:2] for s in subjects} == {"12" if master else "11"}
        assert all(Decimal(4) <= s.credits <= Decimal(6) for s in subjects)
        kinds = list(semester.weeks.values_list("kind", flat=True))
        final = semester.number == 2 * semester.curriculum.programme.duration_years
        if final:
            assert kinds == ["theory"] * 10 + ["exams"] * 2 + ["practice"] * 4 + ["attestation"] * 2
        else:
            assert kinds[:18] == ["theory"] * 15 + ["exams"] * 3
            assert kinds[-1] == "holiday"
    controls = SubjectControl.objects.values_list("curriculum_subject_id", "control_type__code", "max_points")
    by_subject: dict[int, list] = {}
    for subject, code, points in controls:
        by_subject.setdefault(subject, []).append((code, points))
    assert len(by_subject) == CurriculumSubject.objects.count()
    assert {tuple(sorted(v)) for v in by_subject.values()} == {(("11", 30), ("12", 20), ("13", 50))}
    loads = {}
    for subject, kind, hours in SubjectLoad.objects.values_list(
        "curriculum_subject_id", "training_type", "hours"
    ):
        loads.setdefault(subject, {})[kind] = hours
    for s in CurriculumSubject.objects.all():
        assert sum(loads[s.pk].values()) == s.credits * 30
        assert loads[s.pk]["17"] > 0
    chemistry = CurriculumSubject.objects.filter(subject__code="UNK1501").first()
    total = int(chemistry.credits) * 30
    lecture = 30 if total <= 150 else 36
    assert loads[chemistry.pk] == {"11": lecture, "12": 30, "13": 30, "17": total - lecture - 60}


def check_weeks_run_monday_to_sunday_from_the_semester_start():
    curriculum = Curriculum.objects.get(programme__code="60720100", intake_year=2026)
    weeks = list(CurriculumWeek.objects.filter(semester__curriculum=curriculum, semester__number=1))
    assert (weeks[0].start_date, weeks[0].end_date) == (dt.date(2026, 9, 1), dt.date(2026, 9, 6))
    assert (weeks[1].start_date, weeks[1].end_date) == (dt.date(2026, 9, 7), dt.date(2026, 9, 13))
    spring = CurriculumWeek.objects.filter(semester__curriculum=curriculum, semester__number=2).first()
    assert spring.start_date == dt.date(2027, 2, 1)


def test_group_subjects_and_achievements(demo):
    check_achievements()

    current = Semester.objects.get(is_current=True)
    for group in Group.objects.filter(is_active=True):
        number = (2026 - group.intake_year) * 2 + 1
        expected = set(
            CurriculumSubject.objects.filter(
                semester__curriculum=group.curriculum_id, semester__number=number
            ).values_list("pk", flat=True)
        )
        bound = GroupSubject.objects.filter(group=group, semester=current)
        assert set(bound.values_list("curriculum_subject_id", flat=True)) == expected
    previous = Semester.objects.get(academic_year__name="2025-2026", number=2)
    first_years = GroupSubject.objects.filter(semester=previous, group__intake_year=2026)
    assert not first_years.exists()
    assert GroupSubject.objects.filter(semester=previous, group__intake_year=2025).exists()
    assert not GroupSubject.objects.filter(group__is_active=False).exists()


def _histories() -> dict[int, list[OrderItem]]:
    items = OrderItem.objects.select_related("order").order_by("order__applied_at", "order_id", "pk")
    found: dict[int, list[OrderItem]] = {}
    for item in items:
        found.setdefault(item.student_id, []).append(item)
    return found


def assert_histories_match_the_students() -> dict[int, list[OrderItem]]:
    histories = _histories()
    students = Student.objects.all()
    assert set(histories) == set(students.values_list("pk", flat=True))
    for student in students:
        items = histories[student.pk]
        first, last = items[0], items[-1]
        assert first.order.kind == "admission"
        assert (first.status_before, first.status_after, first.course_after) == ("", "11", 1)
        assert first.admission_data["student_id_number"] == student.student_id_number
        assert first.admission_data["pinfl"] == student.pinfl
        state = (last.status_after, last.group_after_id, last.course_after, last.graduate_after)
        assert state == (student.status, student.group_id, student.course, student.is_graduate), student
        for before, after in itertools.pairwise(items):
            assert (after.status_before, after.group_before_id, after.course_before) == (
                before.status_after,
                before.group_after_id,
                before.course_after,
            )
            assert after.order.applied_at > before.order.applied_at
    return histories


def test_every_student_is_where_their_last_applied_order_put_them(demo):
    check_orders_are_numbered_dated_and_applied_by_the_dean()
    check_students_joined_their_groups_after_admission()

    histories = assert_histories_match_the_students()
    assert {len(items) for items in histories.values()} >= {1, 2, 4}
    transfer = OrderItem.objects.filter(order__kind="course_transfer").first()
    assert transfer.course_after == transfer.course_before + 1


def check_orders_are_numbered_dated_and_applied_by_the_dean():
    deans = {
        g.org_unit_id: g.user_id for g in RoleGrant.objects.filter(role_id="dean").select_related("org_unit")
    }
    orders = list(Order.objects.all())
    assert {o.kind for o in orders} >= {"admission", "course_transfer", "graduate_status", "graduation"}
    for order in orders:
        assert order.status == "applied"
        assert re.fullmatch(r"\d+-T", order.number)
        assert is_working_day(order.date), order
        # applied 1–3 working days after its date (a holiday in between stretches the calendar days)
        assert order.date < order.applied_at.date() <= add_working_days(order.date, 3)
        assert order.applied_by_id == deans[order.faculty_id]
        assert order.created_at.date() == order.date
        assert order.title
    admissions = [o for o in orders if o.kind == "admission"]
    assert all(o.date.month == 8 for o in admissions)
    assert len({(o.faculty_id, o.date.year) for o in admissions}) == len(admissions)
    numbers = [(o.faculty_id, o.number, o.date.year) for o in orders]
    assert len(set(numbers)) == len(numbers)


def check_students_joined_their_groups_after_admission():
    for student in Student.objects.filter(group__isnull=False):
        admission = student.order_items.get(order__kind="admission").order
        assert student.group_assigned_at > admission.applied_at
        assert student.created_at == admission.applied_at
    assert not Student.objects.filter(group__isnull=True, group_assigned_at__isnull=False).exists()


def check_achievements():
    studying = Student.objects.filter(status=StudentStatus.STUDYING).count()
    achievements = Achievement.objects.select_related("student")
    assert achievements.count() == max(4, round(studying * 0.03))
    assert all(a.student.status == StudentStatus.STUDYING for a in achievements)
    assert all(a.awarded_on <= dt.date(2026, 11, 20) and a.title and a.issuer for a in achievements)
    first = sorted(achievements, key=lambda a: a.pk)[:4]
    assert [a.kind for a in first] == ["30", "21", "20", "19"]
    certificate = first[0]
    assert certificate.certificate_level and certificate.valid_until == certificate.awarded_on + dt.timedelta(
        days=730
    )
