"""Annex 4 item 10 (academic department): "monitor that timetables are formed for every academic
group — continuously" ("Akademik guruhlar kesimida dars jadvallarining shakllantirilganlik holatini
nazorat qiladi. Doimiy").

The regulation asks the academic department to watch the state of the groups' timetables, which
the deans' offices build (annex 5 item 9), and to act where one is missing; its monitoring has done
its work when no group is left without a full timetable. Measured so:

- one obligation per faculty and semester in which the faculty has groups with bound subjects of
  timetabled lesson types (the groups of the monitoring page: ``schedule.monitoring``);
- due: as every continuous process, within ``CONTINUOUS_DAYS`` (five) working days of its event, the
  event being the deans' deadline of annex 5 item 9 (five working days before the semester starts):
  the semester's first working day;
- done when every one of those groups has a complete timetable (scheduled hours at least the
  curriculum hours for each subject and lesson type, as the monitoring page shows it now), on the
  day the last of them was built (its last subject and lesson type got its first entry — the moment
  its hours were reached, approximated by when they were entered); not done while a group is short.

The responsible person is the academic department (latest live grant); the faculty is the unit.
Obligations due before the launch date are not measured. A constant number of queries.
"""

from collections import defaultdict
from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.compliance.evaluators._common import academic_user, measured
from hemis.compliance.evaluators.annex5_schedule import coverage, semesters_by_id, timetable_deadline
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date
from hemis.schedule.monitoring import Coverage


@evaluator("annex4.p10")
def timetables_monitored(context: Context) -> Iterator[Obligation]:
    by_id = semesters_by_id(context)
    user = academic_user(context)
    faculties = {}
    groups = defaultdict(list)
    for row in coverage(context):
        if row.lines:
            faculties[row.group.faculty_id] = row.group.faculty
            groups[(row.group.faculty_id, row.semester_id)].append(row)
    for (faculty_id, semester_id), rows in groups.items():
        semester = by_id[semester_id]
        due = context.continuous_due(timetable_deadline(context, semester))
        if not measured(context, due):
            continue
        built = [row.built_at for row in rows]
        complete = all(row.state == Coverage.COMPLETE for row in rows) and None not in built
        faculty = faculties[faculty_id]
        yield Obligation(
            process_id="annex4.p10",
            user=user,
            unit=faculty,
            subject=_("Timetables of the groups of %(faculty)s, %(semester)s")
            % {"faculty": faculty.name, "semester": semester},
            due=due,
            done_at=local_date(max(built)) if complete else None,
        )
