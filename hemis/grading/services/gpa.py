"""The GPA of the whole university, recomputed set-based in SQL (issue 13, annex 1 item 7).

``recompute_gpa`` rewrites every ``Gpa`` row from the academic records: one DELETE and one
INSERT … SELECT … GROUP BY per kind (per academic year, and cumulative with ``academic_year`` empty).
Over the records with a final grade (passed or failed, and a grade point):

- credit-weighted: ``round(Σ credits·grade_point / Σ credits, 1)``;
- simple average (when the council chose it): ``round(Σ grade_point / n, 1)``;

rounded half up in integers so that SQLite (REAL) and PostgreSQL (numeric) agree to the digit:
credits are counted in tenths and grade points in hundredths, so the GPA in tenths is
``(2·num + 10·den) // (20·den)`` with ``num = Σ c10·gp100`` and ``den = Σ c10`` (``den = n`` and
``num = Σ gp100`` for the simple average). ``debts`` counts the failed, missing and barred records.
A student–year with no final grade has no row.

``start_gpa_recomputation`` starts the background job (``hemis.grading.tasks``) that refreshes every
record first, then the GPA.
"""

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hemis.audit import services as audit
from hemis.core.models import GpaMethod, UniversitySettings
from hemis.grading.enums import DEBTS, RecordStatus
from hemis.grading.models import AcademicRecord, Gpa
from hemis.grading.services.records import table
from hemis.jobs.models import FINISHED, Job
from hemis.jobs.services import start_job

JOB_NAME = "grading.gpa"
JOB_TITLE = gettext_lazy("Recomputing the records and GPA of the university")

YEAR = "year"
CUMULATIVE = "cumulative"


def method() -> str:
    """The council's method; credit-weighted until one is chosen."""
    return UniversitySettings.current().gpa_method or GpaMethod.CREDIT_WEIGHTED


def select_sql(kind: str, gpa_method: str, now=None) -> tuple[str, list]:
    """The SELECT … GROUP BY of the GPAs of ``kind`` (``YEAR`` or ``CUMULATIVE``): columns student,
    academic year (NULL when cumulative), gpa, credits, subjects, debts, computed_at (``now``, or
    omitted when None — the bare aggregate)."""
    graded = "r.status IN (%s, %s) AND r.grade_point IS NOT NULL"
    c10 = "CAST(ROUND(r.credits * 10) AS INTEGER)"
    gp100 = "CAST(ROUND(r.grade_point * 100) AS INTEGER)"
    if gpa_method == GpaMethod.SIMPLE_AVERAGE:
        num = f"SUM(CASE WHEN {graded} THEN {gp100} ELSE 0 END)"
        den = f"SUM(CASE WHEN {graded} THEN 1 ELSE 0 END)"
    else:
        num = f"SUM(CASE WHEN {graded} THEN {c10} * {gp100} ELSE 0 END)"
        den = f"SUM(CASE WHEN {graded} THEN {c10} ELSE 0 END)"
    credits = f"SUM(CASE WHEN {graded} THEN {c10} ELSE 0 END)"
    subjects = f"SUM(CASE WHEN {graded} THEN 1 ELSE 0 END)"
    debts = f"SUM(CASE WHEN r.status IN ({', '.join(['%s'] * len(DEBTS))}) THEN 1 ELSE 0 END)"
    year = "r.academic_year_id" if kind == YEAR else "NULL"
    group = "r.student_id, r.academic_year_id" if kind == YEAR else "r.student_id"
    stamp = ", %s" if now is not None else ""
    sql = (
        f"SELECT r.student_id, {year}, ((2 * {num} + 10 * {den}) / (20 * {den})) / 10.0, "
        f"{credits} / 10.0, {subjects}, {debts}{stamp} "
        f"FROM {table(AcademicRecord)} r GROUP BY {group} HAVING {subjects} > 0"
    )
    graded_params = [str(RecordStatus.PASSED), str(RecordStatus.FAILED)]
    # The placeholders in order: num, den, den, credits, subjects, debts, [now], subjects (HAVING).
    ordered: list = graded_params * 5 + [str(d) for d in DEBTS]
    if now is not None:
        ordered.append(connection.ops.adapt_datetimefield_value(now))
    return sql, ordered + graded_params


COLUMNS = "student_id, academic_year_id, gpa, credits, subjects, debts, computed_at"


def recompute_kind(kind: str, *, gpa_method: str | None = None) -> int:
    """Rewrite the GPA rows of ``kind``; the number written."""
    now = timezone.now()
    sql, params = select_sql(kind, gpa_method or method(), now)
    which = "IS NOT NULL" if kind == YEAR else "IS NULL"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table(Gpa)} WHERE academic_year_id {which}")
        cursor.execute(f"INSERT INTO {table(Gpa)} ({COLUMNS}) {sql}", params)
        return max(cursor.rowcount, 0)


def recompute_gpa() -> dict:
    """Rewrite every GPA of the university (per academic year and cumulative) from the records as they
    stand (the GPA does not depend on the date).
    Returns ``{"years": rows, "cumulative": rows, "method": method}``."""
    gpa_method = method()
    with transaction.atomic():
        years = recompute_kind(YEAR, gpa_method=gpa_method)
        cumulative = recompute_kind(CUMULATIVE, gpa_method=gpa_method)
    return {"years": years, "cumulative": cumulative, "method": str(gpa_method)}


def running_job() -> Job | None:
    return Job.objects.filter(name=JOB_NAME).exclude(status__in=FINISHED).order_by("-created_at").first()


def start_gpa_recomputation(*, actor, result_url: str = "") -> Job:
    """Start the job that refreshes every record and then every GPA; refused while one runs."""
    with transaction.atomic():
        if running_job() is not None:
            raise ValidationError(
                {"__all__": [_("The GPA is being recomputed already; wait for the job to finish.")]}
            )
        job = start_job(
            # By name: the task module imports this one.
            task=import_string("hemis.grading.tasks.recompute_gpa"),
            name=JOB_NAME,
            title=JOB_TITLE,
            view_action="grading.view",
            actor=actor,
            result_url=result_url,
        )
        audit.record(
            actor=actor,
            action="grading.gpa.recompute",
            target=job,
            after={"method": str(method()), "job": str(job.pk)},
        )
    return job
