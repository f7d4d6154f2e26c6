"""Annex 5 (dean's office): items 11–13, re-study, consolidated performance and the GPA.

- Item 11 "keep the paid re-study current" (continuous): one obligation per re-study group. Its
  student list, timetable and control schedule must be in place when the re-study starts: due on the
  period's ``start_date`` — or, for a group entered later than five working days before it, five
  working days after the group was entered (the continuous processes' window, ``continuous_due``).
  Done on the day the last of these first existed: an enrolment, a lesson session, a control session.
- Item 12 "consolidated performance, grades entered +10 wd": one obligation per academic group and
  semester whose 1st final statements (group statements of the final control, 1st attempt) are all
  graded; the event is the day the last of their unbarred lines got its points. Done when every debt
  record (failed, missing, barred) of the students on those statements, in those curriculum subjects,
  has an individual plan item (any status): on the day the last debt got its first item — never
  before the event; with no debts, on the event day. Not done while a debt has no item.
- Item 13 "the GPA of the year's results, before the next academic year −15 wd": one obligation per
  faculty and academic year that has final grades in the faculty (final-control lines with points, any
  attempt, re-study too) and a following academic year; due fifteen working days before the following
  year starts. Done on the day the first successful GPA recomputation (the background job
  ``grading.gpa``, which recomputes the whole university) that started after the faculty's last final
  grade of the year finished; not done while none has.

The responsible person is the dean of the faculty (latest live dean grant on it) — the registry's
role for these items; the faculty is the unit. With a launch date, an obligation due before it is not
measured. Each evaluator issues a constant number of queries.
"""

from collections import defaultdict
from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.compliance.evaluators import _grading as grading
from hemis.compliance.evaluators import _teaching as facts
from hemis.compliance.evaluators._common import deans_by_faculty, measured, semesters, years_by_start
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date
from hemis.schedule.enums import Attempt, ControlKind


def _obligation(context: Context, process_id: str, faculty_id: int, subject: str, due, done) -> Obligation:
    return Obligation(
        process_id=process_id,
        user=deans_by_faculty(context).get(faculty_id),
        unit=facts.units(context).get(faculty_id),
        subject=subject,
        due=due,
        done_at=done,
    )


@evaluator("annex5.p11")
def restudy_kept(context: Context) -> Iterator[Obligation]:
    names = facts.subjects(context)
    for group in grading.restudy_groups(context):
        due = max(group.start_date, context.continuous_due(local_date(group.created_at)))
        if not measured(context, due):
            continue
        subject = names.get(group.subject_id)
        what = _("Re-study group %(group)s (%(subject)s), %(period)s") % {
            "group": group.name,
            "subject": subject.name if subject else "",
            "period": group.period,
        }
        ready = group.ready_at
        yield _obligation(
            context, "annex5.p11", group.faculty_id, what, due, local_date(ready) if ready else None
        )


def _graded_groups(context: Context) -> dict[tuple[int, int], tuple]:
    """(group id, semester id) → (group name, faculty id, the moment its 1st final statements were all
    graded), of the groups whose 1st final statements are all graded."""
    found: dict[tuple[int, int], list] = defaultdict(list)
    for row in grading.statements(context):
        if (
            row.group_id is not None
            and row.control_kind == ControlKind.FINAL
            and row.attempt == Attempt.FIRST
        ):
            found[row.group_id, row.semester_id].append(row)
    graded = {}
    for key, rows in found.items():
        if any(row.graded_at is None and row.lines for row in rows):
            continue
        moments = [row.graded_at for row in rows if row.graded_at is not None]
        if moments:
            graded[key] = (rows[0].group, rows[0].faculty_id, max(moments))
    return graded


@evaluator("annex5.p12")
def performance_consolidated(context: Context) -> Iterator[Obligation]:
    by_id = {s.pk: s for s in semesters(context)}
    debts = grading.group_debts(context)
    for (group_id, semester_id), (name, faculty_id, graded_at) in sorted(_graded_groups(context).items()):
        event = local_date(graded_at)
        due = context.due("annex5.p12", event)
        if not measured(context, due):
            continue
        debt = debts.get((group_id, semester_id))
        if debt is None:
            done = event
        elif debt.planned < debt.debts:
            done = None
        else:
            done = max(event, local_date(debt.last_planned_at))
        what = _("Performance and debts of group %(group)s, %(semester)s") % {
            "group": name,
            "semester": by_id.get(semester_id, ""),
        }
        yield _obligation(context, "annex5.p12", faculty_id, what, due, done)


@evaluator("annex5.p13")
def gpa_computed(context: Context) -> Iterator[Obligation]:
    years = sorted(years_by_start(context).values(), key=lambda year: year.start_date)
    following = {year.pk: nxt for year, nxt in zip(years, years[1:], strict=False)}
    by_pk = {year.pk: year for year in years}
    runs = grading.gpa_runs(context)
    units = facts.units(context)
    rows = sorted(
        grading.final_grades(context).items(),
        key=lambda item: (by_pk[item[0][1]].start_date, units[item[0][0]].path),
    )
    for (faculty_id, year_id), last_grade in rows:
        nxt = following.get(year_id)
        if nxt is None:
            continue
        due = context.due("annex5.p13", nxt.start_date)
        if not measured(context, due):
            continue
        done = next((finished for started, finished in runs if started >= last_grade), None)
        what = _("GPA of %(year)s, %(faculty)s") % {"year": by_pk[year_id], "faculty": units[faculty_id]}
        yield _obligation(context, "annex5.p13", faculty_id, what, due, local_date(done) if done else None)
