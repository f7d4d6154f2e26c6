"""The academic record, recomputed set-based in SQL (issue 13).

``refresh_records`` rewrites the ``AcademicRecord`` snapshot of the given curriculum subjects and
students (all when not given) from the statement lines in one DELETE and one INSERT … SELECT,
whatever their number; the statement services call it after every grade change.

The rule (the brief of issue 13), per student × curriculum subject:

- the lines are ordered by (re-study statement after every group statement, attempt, control date,
  statement id); for each control kind the points of the last line *with points* count, and
  ``total_points`` is their sum; ``max_points`` the subject's ``SubjectControl`` maxima of kinds 11–13;
- ``score`` = round half up of ``total × max_value / max_points`` in integers:
  ``(2·total·max_value + max_points) // (2·max_points)``; ``grade``/``grade_point`` of the band
  containing it;
- ``status`` is decided by the last final-control line (with or without points): none → in
  progress; barred → barred; no points → missing once its control date is past (else in progress);
  points → passed when the score reaches the pass border, else failed;
- ``semester``/``academic_year`` of the student's earliest statement of the subject; ``from_restudy``
  when the deciding final line is of a re-study statement.

The SQL is plain SQL-92 plus ROW_NUMBER() windows: SQLite and PostgreSQL run it alike (both divide
integers as integers).
"""

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from hemis.academics.models import ControlType, GradeBand, MarkingSystem, Semester
from hemis.curricula.models import Curriculum, CurriculumSemester, CurriculumSubject, SubjectControl
from hemis.grading.enums import RecordStatus
from hemis.grading.models import AcademicRecord, Statement, StatementLine
from hemis.schedule.enums import ControlKind

# Ids per statement: SQLite's default limit is 32,766 parameters; a statement page refreshes a group.
CHUNK = 5000
KINDS = (ControlKind.CURRENT, ControlKind.MIDTERM, ControlKind.FINAL)


def table(model) -> str:
    """The quoted table name of ``model``, for the raw SQL of the records and the GPA."""
    return connection.ops.quote_name(model._meta.db_table)


def _scope(
    prefix: str, curriculum_subject_ids: list[int] | None, student_ids: list[int] | None
) -> tuple[str, list]:
    """`` AND <prefix>curriculum_subject_id IN (…) AND <prefix>student_id IN (…)`` of the ids given (None:
    no condition) and its parameters."""
    sql, params = "", []
    for column, ids in (("curriculum_subject_id", curriculum_subject_ids), ("student_id", student_ids)):
        if ids is not None:
            sql += f" AND {prefix}{column} IN ({', '.join(['%s'] * len(ids))})"
            params += ids
    return sql, params


def select_sql(
    *, curriculum_subject_ids: list[int] | None, student_ids: list[int] | None, today: dt.date, now
) -> tuple[str, list]:
    """The SELECT of the records (the columns of ``INSERT_COLUMNS``) and its parameters."""
    scope_sql, scope_params = _scope("l.", curriculum_subject_ids, student_ids)
    ops = connection.ops
    kinds = ", ".join(["%s"] * len(KINDS))
    sql = f"""
WITH lines AS (
    SELECT l.student_id, l.curriculum_subject_id, l.points, l.barred, s.control_kind, s.control_date,
           s.semester_id, s.restudy_group_id,
           ROW_NUMBER() OVER (
               PARTITION BY l.student_id, l.curriculum_subject_id, s.control_kind,
                            CASE WHEN l.points IS NULL THEN 0 ELSE 1 END
               ORDER BY CASE WHEN s.restudy_group_id IS NULL THEN 0 ELSE 1 END DESC, s.attempt DESC,
                        s.control_date DESC, s.id DESC) AS rn_points,
           ROW_NUMBER() OVER (
               PARTITION BY l.student_id, l.curriculum_subject_id, s.control_kind
               ORDER BY CASE WHEN s.restudy_group_id IS NULL THEN 0 ELSE 1 END DESC, s.attempt DESC,
                        s.control_date DESC, s.id DESC) AS rn_last,
           ROW_NUMBER() OVER (
               PARTITION BY l.student_id, l.curriculum_subject_id
               ORDER BY s.control_date, s.id) AS rn_first
    FROM {table(StatementLine)} l
    JOIN {table(Statement)} s ON s.id = l.statement_id
    WHERE 1 = 1{scope_sql}
),
totals AS (
    -- Everything the record needs, read from the windows in one pass (no join back to ``lines``,
    -- which PostgreSQL would run as a nested loop over the materialised CTE).
    SELECT student_id, curriculum_subject_id,
           SUM(CASE WHEN points IS NOT NULL AND rn_points = 1 THEN points ELSE 0 END) AS total,
           MAX(CASE WHEN rn_first = 1 THEN semester_id END) AS first_semester_id,
           MAX(CASE WHEN control_kind = %s AND rn_last = 1 THEN 1 ELSE 0 END) AS has_final,
           MAX(CASE WHEN control_kind = %s AND rn_last = 1 AND barred THEN 1 ELSE 0 END) AS final_barred,
           MAX(CASE WHEN control_kind = %s AND rn_last = 1 AND points IS NOT NULL THEN 1 ELSE 0 END)
               AS final_graded,
           MAX(CASE WHEN control_kind = %s AND rn_last = 1 THEN control_date END) AS final_date,
           MAX(CASE WHEN control_kind = %s AND rn_last = 1 AND restudy_group_id IS NOT NULL THEN 1 ELSE 0 END)
               AS final_restudy
    FROM lines
    GROUP BY student_id, curriculum_subject_id
),
maxima AS (
    SELECT sc.curriculum_subject_id, SUM(sc.max_points) AS max_points
    FROM {table(SubjectControl)} sc
    JOIN {table(ControlType)} ct ON ct.id = sc.control_type_id
    WHERE ct.code IN ({kinds})
    GROUP BY sc.curriculum_subject_id
),
scored AS (
    SELECT t.*, COALESCE(m.max_points, 0) AS max_points,
           CASE WHEN COALESCE(m.max_points, 0) = 0 THEN 0
                ELSE (2 * t.total * ms.max_value + m.max_points) / (2 * m.max_points) END AS score,
           ms.id AS marking_system_id, ms.pass_border, cs.credits
    FROM totals t
    JOIN {table(CurriculumSubject)} cs ON cs.id = t.curriculum_subject_id
    JOIN {table(CurriculumSemester)} csem ON csem.id = cs.semester_id
    JOIN {table(Curriculum)} cur ON cur.id = csem.curriculum_id
    JOIN {table(MarkingSystem)} ms ON ms.id = cur.marking_system_id
    LEFT JOIN maxima m ON m.curriculum_subject_id = t.curriculum_subject_id
)
SELECT sc.student_id, sc.curriculum_subject_id, sc.first_semester_id, sem.academic_year_id,
       sc.total, sc.max_points, sc.score, COALESCE(gb.grade, ''), gb.grade_point, sc.credits,
       CASE WHEN sc.has_final = 0 THEN %s
            WHEN sc.final_barred = 1 THEN %s
            WHEN sc.final_graded = 0 THEN CASE WHEN sc.final_date < %s THEN %s ELSE %s END
            WHEN sc.score >= sc.pass_border THEN %s
            ELSE %s END,
       CASE WHEN sc.final_restudy = 1 THEN %s ELSE %s END,
       %s
FROM scored sc
JOIN {table(Semester)} sem ON sem.id = sc.first_semester_id
LEFT JOIN {table(GradeBand)} gb ON gb.marking_system_id = sc.marking_system_id
     AND sc.score BETWEEN gb.min_value AND gb.max_value
"""
    params = [
        *scope_params,
        *[ControlKind.FINAL] * 5,
        *KINDS,
        RecordStatus.IN_PROGRESS,
        RecordStatus.BARRED,
        ops.adapt_datefield_value(today),
        RecordStatus.MISSING,
        RecordStatus.IN_PROGRESS,
        RecordStatus.PASSED,
        RecordStatus.FAILED,
        True,
        False,
        ops.adapt_datetimefield_value(now),
    ]
    return sql, params


INSERT_COLUMNS = (
    "student_id",
    "curriculum_subject_id",
    "semester_id",
    "academic_year_id",
    "total_points",
    "max_points",
    "score",
    "grade",
    "grade_point",
    "credits",
    "status",
    "from_restudy",
    "computed_at",
)


def _chunks(ids: Iterable[int] | None) -> list[list[int] | None]:
    if ids is None:
        return [None]
    ids = sorted(set(ids))
    return [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]


@transaction.atomic
def refresh_records(
    *,
    curriculum_subject_ids: Iterable[int] | None = None,
    student_ids: Iterable[int] | None = None,
    today: dt.date | None = None,
) -> int:
    """Recompute the records of ``student_ids`` × ``curriculum_subject_ids`` (None: all); the number of
    records written."""
    today = today or timezone.localdate()
    now = timezone.now()
    subjects = _chunks(curriculum_subject_ids)
    students = _chunks(student_ids)
    if not subjects or not students:  # an empty list of ids: nothing to refresh
        return 0
    written = 0
    columns = ", ".join(INSERT_COLUMNS)
    with connection.cursor() as cursor:
        for cs_ids in subjects:
            for student_chunk in students:
                scope, scope_params = _scope("", cs_ids, student_chunk)
                cursor.execute(f"DELETE FROM {table(AcademicRecord)} WHERE 1 = 1{scope}", scope_params)
                select, params = select_sql(
                    curriculum_subject_ids=cs_ids, student_ids=student_chunk, today=today, now=now
                )
                cursor.execute(f"INSERT INTO {table(AcademicRecord)} ({columns}) {select}", params)
                written += max(cursor.rowcount, 0)
    return written
