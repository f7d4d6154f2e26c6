"""Annex 5 (dean's office): items 9 and 10, timetables and control schedules.

- Item 9 "timetables per academic group, before semester start −5 wd": one obligation per group and
  semester it has subjects bound for (``GroupSubject``) with hours of a timetabled lesson type
  (``schedule.monitoring.TIMETABLED``: not independent study or course work), due five working days
  before the semester starts. Done when every bound subject and lesson type with curriculum hours
  has a timetable entry of the group (a subgroup's entry counts): on the day the last of them got
  its first entry. An entry added or moved later does not move that day (a timetable that was there
  in time stays on time); while one subject and lesson type has no entry, it is not done.
- Item 10 "control and re-control schedules per group, before the control week −5 wd": one
  obligation per group and semester it has subjects bound for whose curriculum semester has an
  examination week (``CurriculumWeek`` of kind ``exams``), due five working days before the first
  such week starts; done on the day the group's control schedule of the semester was published
  (``ControlPublication.published_at``; re-sits added later are published as they are added).

With a launch date, an obligation due before the launch is not measured. The responsible person is
the dean of the group's faculty (latest live dean grant on the faculty); the faculty is the unit.
Each evaluator issues a constant number of queries, whatever the number of groups.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.compliance.evaluators._common import deans_by_faculty, measured, semesters
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date
from hemis.schedule import monitoring


def coverage(context: Context) -> list:
    """Every group and semester with bound subjects, its hours and first entries (once per run)."""
    return context.cached("schedule.coverage", monitoring.coverage_for_compliance)


def semesters_by_id(context: Context) -> dict:
    return context.cached("schedule.semesters", lambda: {s.pk: s for s in semesters(context)})


def timetable_deadline(context: Context, semester):
    """The deans' deadline for the timetables of ``semester`` (item 9)."""
    return context.due("annex5.p9", semester.start_date)


@evaluator("annex5.p9")
def timetables_built(context: Context) -> Iterator[Obligation]:
    by_id = semesters_by_id(context)
    deans = deans_by_faculty(context)
    for row in coverage(context):
        if not row.lines:  # nothing of its bound subjects goes on a timetable
            continue
        semester = by_id[row.semester_id]
        due = timetable_deadline(context, semester)
        if not measured(context, due):
            continue
        built = row.built_at
        yield Obligation(
            process_id="annex5.p9",
            user=deans.get(row.group.faculty_id),
            unit=row.group.faculty,
            subject=_("Timetable of group %(group)s, %(semester)s")
            % {"group": row.group.name, "semester": semester},
            due=due,
            done_at=local_date(built) if built else None,
        )


@evaluator("annex5.p10")
def control_schedules_published(context: Context) -> Iterator[Obligation]:
    by_id = semesters_by_id(context)
    deans = deans_by_faculty(context)
    for deadline in monitoring.control_deadlines():
        due = context.due("annex5.p10", deadline.control_week_start)
        if not measured(context, due):
            continue
        group = deadline.group
        yield Obligation(
            process_id="annex5.p10",
            user=deans.get(group.faculty_id),
            unit=group.faculty,
            subject=_("Control schedule of group %(group)s, %(semester)s")
            % {"group": group.name, "semester": by_id[deadline.semester_id]},
            due=due,
            done_at=local_date(deadline.published_at) if deadline.published_at else None,
        )
