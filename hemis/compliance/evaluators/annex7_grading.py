"""Annex 7 (teacher): item 5, "enter midterm and final control grades, and re-sit grades, control +5 wd".

One obligation per statement of a midterm or final control — every attempt (1st, 2nd, 3rd statement),
of an academic group or of a paid re-study group — due five working days after its ``control_date``.
Done on the day the last unbarred line got its points (the largest ``graded_at``, Tashkent date) once
every unbarred line has points; not done while one has none. A statement whose lines are all barred
has nothing to grade: done on the control day.

The responsible person is the examiner (their user); the unit is the department of the subject (the
curriculum subject's department for a group's statement, the subject's for a re-study statement).
With a launch date, an obligation due before it is not measured. A constant number of queries.
"""

from collections.abc import Iterator

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hemis.compliance.evaluators import _grading as grading
from hemis.compliance.evaluators import _teaching as facts
from hemis.compliance.evaluators._common import measured
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date
from hemis.schedule.enums import Attempt, ControlKind


def statement_label(context: Context, row: grading.StatementFacts) -> str:
    """ "Final control, Oliy matematika, group KT-21, 1st statement, 12.01.2027" """
    subject = facts.subjects(context).get(row.subject_id)
    return _("%(control)s, %(subject)s, group %(group)s, %(attempt)s, %(date)s") % {
        "control": ControlKind(row.control_kind).label,
        "subject": subject.name if subject else "",
        "group": row.group,
        "attempt": Attempt(row.attempt).label,
        "date": date_format(row.control_date, "d.m.Y"),
    }


@evaluator("annex7.p5")
def grades_entered(context: Context) -> Iterator[Obligation]:
    people = facts.teachers(context)
    units = facts.units(context)
    for row in grading.statements(context):
        due = context.due("annex7.p5", row.control_date)
        if not measured(context, due):
            continue
        graded = row.graded_at
        done = local_date(graded) if graded else (row.control_date if row.lines == 0 else None)
        yield Obligation(
            process_id="annex7.p5",
            user=facts.user_of(people.get(row.examiner_id)),
            unit=units.get(row.department_id),
            subject=_("Grades of %(statement)s") % {"statement": statement_label(context, row)},
            due=due,
            done_at=done,
        )
