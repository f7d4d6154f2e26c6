"""Benchmarks: seed a large demo university into a scratch database and time the pages that matter.

    make bench                          # SQLite, 30,000 students
    BENCH_STUDENTS=5000 make bench
    DATABASE_URL=postgres://... make bench
    BENCH_ONLY=grading make bench       # the seed and the grading section (issue 13) alone
    BENCH_ONLY=electives make bench     # the elective-selection rush (issue 14) alone

Results go to bench/results/<UTC timestamp>.json (and are printed). Timings are medians of repeated
requests made in-process through Django's test client, so they measure our code and the database,
not the network or the WSGI server — except the elective-selection rush (bench/electives_rush.py),
which runs on a PostgreSQL cluster of its own behind gunicorn, over HTTP, beside pgbench.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STUDENTS = int(os.environ.get("BENCH_STUDENTS", "30000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))
scratch = tempfile.mkdtemp(prefix="hemis-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
os.environ.setdefault("HEMIS_VAR_DIR", scratch)
os.environ.setdefault("DEBUG", "0")  # production settings: no query log slowing things down
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from hemis.compliance import selectors as compliance_selectors  # noqa: E402
from hemis.compliance import services as compliance_services  # noqa: E402
from hemis.students.models import Student  # noqa: E402


def timed(fn, repeat: int = 1) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def page(client: Client, url: str) -> dict:
    client.get(url)  # warm caches
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    samples = timed(lambda: client.get(url), REPEAT)
    return {
        "url": url,
        "queries": len(executed),
        "median_ms": round(statistics.median(samples), 1),
        "p90_ms": round(sorted(samples)[int(len(samples) * 0.9) - 1], 1),
    }


def side_by_side(timings: list[dict], url: str) -> dict:
    """A page's median next to the home page's, for the same user in the same run."""
    by_url = {t["url"]: t["median_ms"] for t in timings}
    home, other = by_url["/"], by_url[url]
    return {"url": url, "median_ms": other, "home_median_ms": home, "times_home": round(other / home, 2)}


def detail_pages() -> list[str]:
    from hemis.curricula.models import Curriculum
    from hemis.movements.models import OrderItem
    from hemis.students.models import Group

    item = OrderItem.objects.filter(student__faculty__code="F-KT").order_by("-pk").first()
    group = Group.objects.filter(faculty__code="F-KT").order_by("pk").first()
    curriculum = Curriculum.objects.filter(programme__faculty__code="F-KT").order_by("pk").first()
    return [
        f"/students/{item.student_id}/",
        f"/students/groups/{group.pk}/",
        f"/curricula/{curriculum.pk}/",
        f"/orders/{item.order_id}/",
    ]


def timetable_pages() -> list[str]:
    """The week of the dean's busiest group and teacher, a room's week and a day of the faculty."""
    from django.db.models import Count

    from hemis.schedule.models import Lesson, LessonGroup

    lessons = Lesson.objects.filter(faculty__code="F-KT")
    group = (
        LessonGroup.objects.filter(lesson__faculty__code="F-KT")
        .values("group_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    teacher = lessons.values("teacher_id").annotate(n=Count("id")).order_by("-n").first()
    room = lessons.values("room_id").annotate(n=Count("id")).order_by("-n").first()
    return [
        "/schedule/",
        f"/schedule/groups/{group['group_id']}/",
        f"/schedule/teachers/{teacher['teacher_id']}/",
        f"/schedule/rooms/{room['room_id']}/",
        "/schedule/controls/",
    ]


def solver_for_one_faculty() -> dict:
    """The solver's time and placed share for one faculty's whole week of the next semester: its
    entries are removed first (in this scratch database), so the solver places the whole load around
    the other faculties' lessons, as a dean asking for a fresh draft would."""
    from hemis.academics.models import Semester
    from hemis.org.models import OrgUnit
    from hemis.schedule.models import TimetableEntry
    from hemis.schedule.services import drafts

    current = Semester.objects.filter(is_current=True).first()
    semester = Semester.objects.filter(start_date__gt=current.end_date).order_by("start_date").first()
    faculty = OrgUnit.objects.get(code="F-KT")
    TimetableEntry.objects.filter(semester=semester, faculty=faculty).delete()
    limit = float(os.environ.get("BENCH_SOLVER_SECONDS", "120"))
    # Five pairs a day: the final-year groups' load needs more than 24 pairs a week in ten theory weeks.
    per_day = int(os.environ.get("BENCH_SOLVER_PAIRS_A_DAY", "5"))
    started = time.perf_counter()
    result = drafts.solve_faculty(semester, faculty, max_pairs_per_day=per_day, time_limit=limit)
    wall = time.perf_counter() - started
    return {
        "faculty": faculty.code,
        "semester": str(semester),
        "time_limit_s": limit,
        "max_pairs_per_day": per_day,
        "solver_s": round(result.seconds, 1),
        "load_and_solve_s": round(wall, 1),
        "requested_pairs": result.requested,
        "placed_pairs": result.placed,
        "placed_share": round(result.placed / result.requested, 4) if result.requested else None,
    }


TEACHING_EVALUATORS = [f"annex6.p{n}" for n in (1, 2, 3, 4)] + [f"annex7.p{n}" for n in (1, 2, 3, 4, 6)]


def teaching_evaluators() -> dict:
    """Each teaching evaluator (annex 6, annex 7 items 1–4 and 6) on a run of its own (its reads not
    shared with the others'), and all of them in one run as the nightly refresh makes them."""
    from hemis.compliance import engine

    measures: dict = {}
    for process_id in TEACHING_EVALUATORS:
        context = engine.build_context()
        started = time.perf_counter()
        (result,) = engine.evaluate(context=context, process_ids=[process_id])
        measures[process_id] = {
            "seconds": round(time.perf_counter() - started, 2),
            "obligations": len(result.rows),
        }
    context = engine.build_context()
    started = time.perf_counter()
    engine.evaluate(context=context, process_ids=TEACHING_EVALUATORS)
    measures["together_s"] = round(time.perf_counter() - started, 2)
    return measures


def journal_page() -> str | None:
    """The journal of the demo teacher's busiest load of the current semester (most lessons held up to
    today); None while the journal page is not there."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from hemis.schedule.models import Lesson, TeachingLoad

    try:
        reverse("web:teaching_journal", args=[1])
    except NoReverseMatch:
        return None
    loads = TeachingLoad.objects.filter(
        teacher__user__username="teacher", group_subject__semester__is_current=True
    ).select_related("group_subject__curriculum_subject")
    today = timezone.localdate()

    def held(load) -> int:  # a load's lessons: its teacher's, of its subject and lesson type, to its group
        return Lesson.objects.filter(
            teacher_id=load.teacher_id,
            subject_id=load.group_subject.curriculum_subject.subject_id,
            training_type=load.training_type,
            attendees__group_id=load.group_subject.group_id,
            date__lte=today,
        ).count()

    busiest = max(loads, key=held, default=None)
    return reverse("web:teaching_journal", args=[busiest.pk]) if busiest else None


GRADING_SUBJECTS = 40


def grading_gpa() -> dict:
    """Issue 13: every studying student graded in 40 bench subjects (three controls each: statements
    and lines written with INSERT … SELECT), then the whole university's ``refresh_records()``,
    ``recompute_gpa()`` and, on the same database, the bare SELECT … GROUP BY that computes the same
    GPAs (both kinds, run through ``SELECT COUNT(*)`` so that no rows travel) — side by side."""
    from decimal import Decimal

    from django.db import transaction
    from django.utils import timezone

    from hemis.academics.models import ControlType, Semester, Subject
    from hemis.curricula.enums import SubjectBlock
    from hemis.curricula.models import Curriculum, CurriculumSemester, CurriculumSubject, SubjectControl
    from hemis.grading.models import AcademicRecord, Gpa, Statement, StatementLine
    from hemis.grading.services import gpa as gpa_services
    from hemis.grading.services.records import refresh_records
    from hemis.grading.services.records import table as t
    from hemis.schedule.enums import Attempt
    from hemis.staff.models import Employee
    from hemis.students.models import Group, GroupSubject

    maxima = {"11": 30, "12": 20, "13": 50}
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    semesters = list(Semester.objects.order_by("start_date"))
    curriculum = Curriculum.objects.filter(marking_system__code="11").first() or Curriculum.objects.first()
    department = Subject.objects.values_list("department_id", flat=True).first()
    examiner = Employee.objects.values_list("pk", flat=True).first()
    types = {ct.code: ct for ct in ControlType.objects.filter(code__in=maxima)}
    started = time.perf_counter()
    with transaction.atomic():
        bench_cs = []
        for i in range(GRADING_SUBJECTS):
            semester, _ = CurriculumSemester.objects.get_or_create(curriculum=curriculum, number=i % 8 + 1)
            subject = Subject.objects.create(
                code=f"BENCH{i:02d}", name_uz=f"Bench {i}", name_en=f"Bench {i}", department_id=department
            )
            cs = CurriculumSubject.objects.create(
                semester=semester,
                subject=subject,
                block=SubjectBlock.GENERAL_PROFESSIONAL,
                credits=Decimal(4 + i % 3),
                department_id=department,
            )
            SubjectControl.objects.bulk_create(
                SubjectControl(curriculum_subject=cs, control_type=types[code], max_points=points)
                for code, points in maxima.items()
            )
            bench_cs.append(cs.pk)
        ids = ", ".join(str(pk) for pk in bench_cs)
        with connection.cursor() as cursor:
            for i, cs_id in enumerate(bench_cs):
                cursor.execute(
                    f"INSERT INTO {t(GroupSubject)} (created_at, updated_at, group_id, curriculum_subject_id, "
                    f"semester_id) SELECT %s, %s, g.id, %s, %s FROM {t(Group)} g WHERE EXISTS "
                    f"(SELECT 1 FROM {t(Student)} s WHERE s.group_id = g.id)",
                    [now, now, cs_id, semesters[i % len(semesters)].pk],
                )
            for code, points in maxima.items():
                cursor.execute(
                    f"INSERT INTO {t(Statement)} (created_at, updated_at, faculty_id, semester_id, subject_id, "
                    f"group_subject_id, control_kind, attempt, control_date, examiner_id, max_points) "
                    f"SELECT %s, %s, g.faculty_id, gs.semester_id, cs.subject_id, gs.id, %s, %s, sem.end_date, "
                    f"%s, %s FROM {t(GroupSubject)} gs JOIN {t(Group)} g ON g.id = gs.group_id "
                    f"JOIN {t(CurriculumSubject)} cs ON cs.id = gs.curriculum_subject_id "
                    f"JOIN {t(Semester)} sem ON sem.id = gs.semester_id "
                    f"WHERE gs.curriculum_subject_id IN ({ids}) AND g.faculty_id IS NOT NULL",
                    [now, now, code, Attempt.FIRST, examiner, points],
                )
            # Points between half and all of the maximum (about 1 in 8 below the pass border), one
            # line in 40 left empty.
            cursor.execute(
                f"INSERT INTO {t(StatementLine)} (statement_id, student_id, curriculum_subject_id, points, "
                f"barred, absent_hours, version) "
                f"SELECT st.id, s.id, gs.curriculum_subject_id, "
                f"CASE WHEN (s.id * 7 + st.id) % 40 = 0 THEN NULL "
                f"ELSE st.max_points - (s.id * 31 + st.id * 17) % (st.max_points / 2 + 1) END, %s, 0, 0 "
                f"FROM {t(Statement)} st JOIN {t(GroupSubject)} gs ON gs.id = st.group_subject_id "
                f"JOIN {t(Student)} s ON s.group_id = gs.group_id "
                f"WHERE gs.curriculum_subject_id IN ({ids})",
                [False],
            )
    built_s = time.perf_counter() - started
    lines = StatementLine.objects.count()

    started = time.perf_counter()
    records = refresh_records()
    refresh_s = time.perf_counter() - started

    gpa_method = gpa_services.method()

    def aggregate() -> None:
        with connection.cursor() as cursor:
            for kind in (gpa_services.YEAR, gpa_services.CUMULATIVE):
                sql, params = gpa_services.select_sql(kind, gpa_method)
                cursor.execute(f"SELECT COUNT(*) FROM ({sql}) gpas", params)
                cursor.fetchone()

    recompute = timed(gpa_services.recompute_gpa, 3)
    direct = timed(aggregate, 3)
    recompute_ms, direct_ms = statistics.median(recompute), statistics.median(direct)
    pages = {}
    from hemis.access.models import RoleGrant

    # the demo dean's faculty's first group
    faculty = RoleGrant.objects.filter(user__username="dean").values_list("org_unit_id", flat=True).first()
    groups = Group.objects.filter(subjects__curriculum_subject_id=bench_cs[0]).order_by("pk")
    group = groups.filter(faculty_id=faculty).first() or groups.first()
    semester = GroupSubject.objects.filter(group=group, curriculum_subject_id=bench_cs[0]).values_list(
        "semester_id", flat=True
    )[0]
    for login in ("academic", "dean"):
        client = Client()
        client.force_login(get_user_model().objects.get(username=login))
        urls = ["/grading/gpa/"]
        if login == "dean":
            urls.append(f"/grading/rating/?group={group.pk}&semester={semester}")
            urls.append(f"/grading/summary/?group={group.pk}&semester={semester}")
        pages[login] = [page(client, url) for url in urls]
    return {
        "subjects_per_student": GRADING_SUBJECTS,
        "build_lines_s": round(built_s, 1),
        "statement_lines": lines,
        "records": records,
        "records_in_db": AcademicRecord.objects.count(),
        "gpa_rows": Gpa.objects.count(),
        "refresh_records_s": round(refresh_s, 2),
        "recompute_gpa_ms": round(recompute_ms, 1),
        "single_aggregate_ms": round(direct_ms, 1),
        "ratio": round(recompute_ms / direct_ms, 2),
        "target_ratio": 2.0,
        "pages": pages,
    }


def electives_rush() -> dict:
    """Issue 14: 2,400 students choosing electives of 25 seats at once over HTTP (gunicorn, a
    throwaway PostgreSQL cluster), against pgbench running the service's own transaction on the same
    database. Runs as a process of its own (bench/electives_rush.py): its database is not this one."""
    out = Path(scratch) / "electives_rush.json"
    script = ROOT / "bench" / "electives_rush.py"
    done = subprocess.run([sys.executable, str(script), "--out", str(out)], cwd=ROOT, check=False)
    if not out.exists():
        return {"error": f"bench/electives_rush.py exited with {done.returncode} and no result"}
    return json.loads(out.read_text())


def main() -> None:
    if os.environ.get("BENCH_ONLY") == "electives":  # the rush alone: it needs no demo of its own here
        rush = electives_rush()
        return _write(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "database": "postgresql",
                "measures": {"electives_rush": rush},
            }
        )
    results: dict = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "students": STUDENTS,
        "database": connection.vendor,
        "measures": {},
    }
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    seconds = timed(lambda: call_command("seed_demo", students=STUDENTS, force=True, verbosity=0))[0] / 1000
    results["measures"]["seed_demo_seconds"] = round(seconds, 1)
    results["measures"]["students_in_db"] = Student.objects.count()
    # The compliance pages read the snapshot the scheduler computes nightly: compute it as that job
    # does (before the pages are timed) and report how long the nightly run takes.
    seconds = timed(lambda: compliance_services.refresh_snapshot())[0] / 1000
    results["measures"]["compliance_refresh_s"] = round(seconds, 2)
    results["measures"]["compliance_obligations"] = compliance_selectors.latest_snapshot().obligations_count
    if os.environ.get("BENCH_ONLY") == "grading":  # the grading section alone, on the seeded demo
        results["measures"]["grading_gpa"] = grading_gpa()
        return _write(results)
    results["measures"]["teaching_evaluators"] = teaching_evaluators()

    pages = {}
    student_login = Student.objects.exclude(user=None).values_list("student_id_number", flat=True).first()
    lists = {
        "admin": [
            "/structure/",
            "/staff/employees/",
            "/staff/staff-table/",
            "/admin/users/",
            "/admin/journal/",
            "/compliance/processes/",
            "/reference/classifiers/",
            "/students/",
            "/students/?status=12",
            "/students/groups/",
            "/orders/",
            "/programmes/",
            "/programmes/subjects/",
            "/curricula/",
        ],
        "hr": ["/staff/employees/", "/careers/selection-monitoring/", "/careers/training-monitoring/"],
        "dean": [
            "/staff/employees/",
            "/students/",
            "/students/groups/",
            "/orders/",
            "/admission/",
            "/curricula/",
            "/programmes/achievements/",
        ],
        "academic": ["/academics/marking-systems/", "/structure/rooms/", "/schedule/monitoring/"],
        "teacher": ["/schedule/my/", "/schedule/controls/", *filter(None, [journal_page()])],
        "student": ["/schedule/my/", "/schedule/controls/"],
        "management": ["/compliance/processes/"],
    }
    for login in ("admin", "management", "hr", "academic", "dean", "head", "teacher", student_login):
        client = Client()
        client.force_login(get_user_model().objects.get(username=login))
        urls = ["/", "/profile/", *lists.get(login if login != student_login else "student", [])]
        if login == "dean":  # the busiest detail pages: a student with a history, a group, a curriculum
            urls += detail_pages() + timetable_pages()
        pages[login if login != student_login else "student"] = [page(client, url) for url in urls]
    results["measures"]["pages"] = pages
    results["measures"]["compliance_page_vs_home"] = side_by_side(
        pages["management"], "/compliance/processes/"
    )

    client = Client()
    login_samples = timed(
        lambda: client.post("/login/", {"username": "dean", "password": "hemis-demo"}) and client.logout(), 10
    )
    results["measures"]["login_median_ms"] = round(statistics.median(login_samples), 1)

    # Last: it removes a faculty's timetable of the next semester from this scratch database.
    results["measures"]["solver_one_faculty"] = solver_for_one_faculty()
    # After the pages: it adds 40 subjects of results to every student.
    results["measures"]["grading_gpa"] = grading_gpa()
    results["measures"]["electives_rush"] = electives_rush()
    _write(results)


def _write(results: dict) -> None:
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"written to {out.relative_to(ROOT)}")
    rush = results["measures"].get("electives_rush")
    if rush is not None:
        print(electives_summary(rush))
        if rush.get("error") or rush.get("checks", {}).get("passed") is False:
            sys.exit("electives rush: failed (see above)")


def electives_summary(rush: dict) -> str:
    """The rush in two lines: the HTTP rate and latencies against pgbench's, and the checks."""
    if rush.get("error"):
        return f"electives rush: {rush['error']}"
    pg = rush["pgbench"]
    line = f"pgbench {pg['tps']} tps ({pg['clients']} clients)"
    http = rush.get("http")
    if http:
        line = (
            f"{rush['students']} students, {http['selections_per_s']} selections/s, p95 {http['p95_ms']} ms, "
            f"p99 {http['p99_ms']} ms; {line}; ratio {rush['ratio']:.1%} (target {rush['target_ratio']:.0%})"
        )
    checks = rush["checks"]
    held = (
        f"over cap {checks['offers_over_cap']}, taken != confirmed {checks['offers_taken_not_confirmed']}, "
        f"answered but not saved {checks['answered_ok_but_no_choice']}"
        if checks.get("passed") is not None
        else checks.get("note", "")
    )
    return f"electives rush: {line}\nelectives rush checks: {held}"


if __name__ == "__main__":
    main()
