"""Annex 13 (the student): item 3, choose electives from the catalogue.

One obligation per studying student, selection window and curriculum block: for every window the
dean's office opened, each studying student of a group whose curriculum has open offers in it (in the
curriculum semester taught in the window's semester, at the window's faculty) has to choose one
elective of each block those offers cover. Due five working days before the semester starts (the
registry's ``before("semester_start", 5)``, "a week before each semester"). Done on the day the
student made their live (confirmed or waitlisted) choice of the block — for a choice the dean's office
moved from a closed offer, the day the student chose that offer; not done while the student has no
live choice there (none made, or cancelled).

The responsible person is the student (their user); the unit is the faculty. With a launch date, an
obligation due before it is not measured. Three queries, whatever the number of students.
"""

from collections import defaultdict
from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.compliance.evaluators import _teaching as facts
from hemis.compliance.evaluators._common import measured
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date
from hemis.curricula.enums import SubjectBlock
from hemis.electives import selectors

PROCESS = "annex13.p3"


@evaluator(PROCESS)
def electives_chosen(context: Context) -> Iterator[Obligation]:
    windows = selectors.windows_for_compliance()
    curricula = {curriculum for w in windows for curriculum, _block in w.pairs}
    if not curricula:
        return
    students = selectors.students_for_compliance(curricula)
    chosen = selectors.live_choices_for_compliance()
    by_curriculum: dict[tuple[int, int], list] = defaultdict(list)
    for student in students:
        by_curriculum[student.group.curriculum_id, student.group.faculty_id].append(student)
    labels = dict(SubjectBlock.choices)
    units = facts.units(context)
    for window in windows:
        due = context.due(PROCESS, window.semester.start_date)
        if not measured(context, due):
            continue
        for curriculum_id, block in sorted(window.pairs):
            for student in by_curriculum.get((curriculum_id, window.faculty_id), ()):
                at = chosen.get((student.pk, window.pk, block))
                what = _("Electives of %(semester)s, %(block)s: %(student)s (%(group)s)") % {
                    "semester": window.semester,
                    "block": labels.get(block, block),
                    "student": student,
                    "group": student.group.name,
                }
                yield Obligation(
                    process_id=PROCESS,
                    user=student.user,
                    unit=units.get(window.faculty_id),
                    subject=what,
                    due=due,
                    done_at=local_date(at) if at else None,
                )
