"""Annex 5 (dean's office): items 2 and 3, the curricula.

- Item 2 "form the curricula, before the academic year −15 wd": one obligation per curriculum, the
  event being the start of its intake academic year (the ``AcademicYear`` starting in the intake
  year; none yet: not measured); done on the day the curriculum was approved.
- Item 3 "enter the coming semester's subjects, before the semester −10 wd": one obligation per
  curriculum semester whose calendar semester exists (the academic year starting in the semester's
  ``academic_year_start``; odd semesters are its number 1, even ones its number 2); done on the day
  its latest subject was entered (None while it has none).

As in annex 4, obligations due before the launch date are not measured. The responsible person is
the dean of the programme's faculty (the latest live dean grant on that unit); the unit is the
faculty. Each evaluator issues a constant number of queries.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.compliance.evaluators._common import deans_by_faculty, measured, semesters, years_by_start
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date
from hemis.curricula import selectors


def _semesters(context: Context) -> dict[tuple[int, int], object]:
    def load():
        return {(s.academic_year.start_date.year, s.number): s for s in semesters(context)}

    return context.cached("annex5.semesters", load)


@evaluator("annex5.p2")
def curricula_formed(context: Context) -> Iterator[Obligation]:
    years = years_by_start(context)
    for curriculum in selectors.curricula_for_compliance():
        year = years.get(curriculum.intake_year)
        if year is None:
            continue
        due = context.due("annex5.p2", year.start_date)
        if not measured(context, due):
            continue
        faculty = curriculum.programme.faculty
        yield Obligation(
            process_id="annex5.p2",
            user=deans_by_faculty(context).get(faculty.pk),
            unit=faculty,
            subject=_("Curriculum %(curriculum)s") % {"curriculum": curriculum},
            due=due,
            done_at=curriculum.approved_on,
        )


@evaluator("annex5.p3")
def semester_subjects_entered(context: Context) -> Iterator[Obligation]:
    calendar = _semesters(context)
    for semester in selectors.semesters_with_last_subject():
        found = calendar.get((semester.academic_year_start, 2 - semester.number % 2))
        if found is None:
            continue
        due = context.due("annex5.p3", found.start_date)
        if not measured(context, due):
            continue
        faculty = semester.curriculum.programme.faculty
        yield Obligation(
            process_id="annex5.p3",
            user=deans_by_faculty(context).get(faculty.pk),
            unit=faculty,
            subject=_("Subjects of semester %(number)s of the curriculum %(curriculum)s")
            % {"number": semester.number, "curriculum": semester.curriculum},
            due=due,
            done_at=local_date(semester.last_subject_at) if semester.last_subject_at else None,
        )
