"""Annex 5 (dean's office): items 4, 6 and 8, academic groups.

- Item 4 "academic groups, before academic year −10 wd": one obligation per group, due ten working
  days before the academic year of its intake starts (the ``AcademicYear`` starting in its intake
  year; none known: not measured); done on the day the group was entered.
- Item 6 "students into groups, admission order +5 wd": one obligation per applied admission order,
  due five working days after the order's date; done on the day the last of its students was put into
  a group (``Student.group_assigned_at``), not done while any of them is still without one. (One row
  per order, not per student: the dean places an order's students together, and 30,000 rows a year
  would bury the page.)
- Item 8 "subjects to groups, before semester start −10 wd": one obligation per active group and
  semester of the years it studies in (from its intake year, for the programme's duration), due ten
  working days before the semester starts; done on the day the latest subject was bound to the group
  for that semester.

With a launch date, an obligation due before the launch is not measured. The responsible person is
the dean of the group's faculty (latest live dean grant on the faculty); the faculty is the unit.
Each evaluator issues a constant number of queries.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hemis.academics.models import Semester
from hemis.compliance.evaluators._common import deans_by_faculty, measured, semesters, years_by_start
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date
from hemis.movements import selectors as movement_selectors
from hemis.students import selectors


def _obligation(context: Context, process_id: str, faculty, subject: str, due, done) -> Obligation:
    return Obligation(
        process_id=process_id,
        user=deans_by_faculty(context).get(faculty.pk),
        unit=faculty,
        subject=subject,
        due=due,
        done_at=done,
    )


def _groups(context: Context) -> list:
    return context.cached("annex5.groups", selectors.groups_with_faculty)


@evaluator("annex5.p4")
def groups_formed(context: Context) -> Iterator[Obligation]:
    years = years_by_start(context)
    for group in _groups(context):
        year = years.get(group.intake_year)
        if year is None:
            continue
        due = context.due("annex5.p4", year.start_date)
        if not measured(context, due):
            continue
        subject = _("Academic group %(group)s") % {"group": group.name}
        yield _obligation(context, "annex5.p4", group.faculty, subject, due, local_date(group.created_at))


@evaluator("annex5.p6")
def admitted_students_grouped(context: Context) -> Iterator[Obligation]:
    for order in movement_selectors.admission_orders_grouping():
        due = context.due("annex5.p6", order.date)
        if not measured(context, due):
            continue
        subject = ngettext(
            "Admission order № %(number)s: %(count)s student into groups",
            "Admission order № %(number)s: %(count)s students into groups",
            order.admitted,
        ) % {"number": order.number, "count": order.admitted}
        done = local_date(order.last_grouped) if order.waiting == 0 and order.last_grouped else None
        yield _obligation(context, "annex5.p6", order.faculty, subject, due, done)


def _studies_in(group, semester: Semester) -> bool:
    course = semester.academic_year.start_date.year - group.intake_year + 1
    return 1 <= course <= group.programme.duration_years


@evaluator("annex5.p8")
def group_subjects_bound(context: Context) -> Iterator[Obligation]:
    calendar_semesters = semesters(context)
    last_bound = selectors.last_binding_times()
    for group in (g for g in _groups(context) if g.is_active):
        for semester in calendar_semesters:
            if not _studies_in(group, semester):
                continue
            due = context.due("annex5.p8", semester.start_date)
            if not measured(context, due):
                continue
            subject = _("Subjects of group %(group)s, %(semester)s") % {
                "group": group.name,
                "semester": semester,
            }
            last = last_bound.get((group.pk, semester.pk))
            done = local_date(last) if last else None
            yield _obligation(context, "annex5.p8", group.faculty, subject, due, done)
