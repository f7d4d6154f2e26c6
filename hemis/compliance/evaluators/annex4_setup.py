"""Annex 4 (academic department): items 1, 2, 6 and 7, the academic set-up.

- Item 1 "marking system and assessment types, after launch +2 wd": due two working days after the
  system launch; done on the day the first active marking system was entered. The three standard
  systems come with the data migration, so they count as entered when the database was migrated.
- Item 2 "current academic year and semester, before semester start −1 wd": one obligation per
  semester, due one working day before it starts; done on the first day the semester was made
  current (``Semester.made_current_on``, kept when a later semester replaces it).
- Item 6 "lesson-pair times, before academic year −15 wd": one obligation per academic year, due
  15 working days before it starts; done on the day its first lesson pair was entered.
- Item 7 "rating criteria, before academic year −15 wd, then on change": one obligation per year,
  the same due date; done on the day the year had criteria for all three targets (teachers,
  departments, faculties). Keeping them current afterwards is continuous and not measured.

With a launch date, an obligation due before the launch is not measured (nothing could be entered
in the system then); item 1 needs the launch date. The academic department user of the latest live
grant is the responsible person. Each evaluator issues a constant number of queries.
"""

import datetime as dt
from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.academics import selectors
from hemis.academics.enums import RatingTarget
from hemis.compliance.evaluators._common import academic_user, measured, semesters
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date


@evaluator("annex4.p1")
def marking_system_entered(context: Context) -> Iterator[Obligation]:
    first = selectors.first_active_marking_system()
    user = academic_user(context)
    launch = context.university.launch_date
    if launch is None:
        return
    yield Obligation(
        process_id="annex4.p1",
        user=user,
        subject=_("Marking system and assessment types"),
        due=context.due("annex4.p1", launch),
        done_at=local_date(first.created_at) if first else None,
    )


@evaluator("annex4.p2")
def current_semester_set(context: Context) -> Iterator[Obligation]:
    user = academic_user(context)
    for semester in semesters(context):
        due = context.due("annex4.p2", semester.start_date)
        if not measured(context, due):
            continue
        yield Obligation(
            process_id="annex4.p2",
            user=user,
            subject=_("Current semester: %(semester)s") % {"semester": semester},
            due=due,
            done_at=semester.made_current_on,
        )


@evaluator("annex4.p6")
def lesson_pairs_entered(context: Context) -> Iterator[Obligation]:
    user = academic_user(context)
    for year in selectors.years_with_first_pair():
        due = context.due("annex4.p6", year.start_date)
        if not measured(context, due):
            continue
        yield Obligation(
            process_id="annex4.p6",
            user=user,
            subject=_("Lesson-pair times of %(year)s") % {"year": year.name},
            due=due,
            done_at=local_date(year.first_pair_at) if year.first_pair_at else None,
        )


def _all_targets_at(year) -> dt.datetime | None:
    firsts = [getattr(year, f"first_{target}_at") for target in RatingTarget.values]
    return None if None in firsts else max(firsts)


@evaluator("annex4.p7")
def rating_criteria_entered(context: Context) -> Iterator[Obligation]:
    user = academic_user(context)
    for year in selectors.years_with_first_criteria():
        due = context.due("annex4.p7", year.start_date)
        if not measured(context, due):
            continue
        done = _all_targets_at(year)
        yield Obligation(
            process_id="annex4.p7",
            user=user,
            subject=_("Rating criteria of %(year)s") % {"year": year.name},
            due=due,
            done_at=local_date(done) if done else None,
        )
