"""Annex 6 (head of department): items 1–4, all "continuous" (kept current: within five working days).

- Item 1 "distribute the department's subjects to teachers": one obligation per group subject and
  lesson type with curriculum hours of the department's subjects; the event is the day the subject
  was bound to the group, due five working days after it; done on the day its first teacher was
  assigned (the first ``TeachingLoad`` entered).
- Item 2 "monitor that topics, resources and assignments are entered": one obligation per load, due
  five working days after the teacher's latest deadline of them (annex 7 item 2, assignment +7 wd);
  done on the day the last of the three was in (topics, resources and assignments each have a first
  entry), not done while one is missing.
- Item 3 "monitor the lessons held by each teacher": one obligation per teacher, department and ISO
  week with lessons up to today, due five working days after the week's last lesson; done on the day
  the week's last lesson was recorded, not done while one is unrecorded.
- Item 4 "approve the teachers' works": one obligation per work entered, due five working days after
  it was entered; done on the day it was reviewed (approved or returned).

The responsible person is the head of the department (latest live head grant on it); the department
is the unit. With a launch date, an obligation due before it is not measured. The evaluators share
the annex 7 evaluators' aggregate reads (``_teaching``): a constant number of queries.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from hemis.compliance.evaluators import _teaching as facts
from hemis.compliance.evaluators._common import heads_by_department, measured, semesters
from hemis.compliance.evaluators.annex7_teaching import load_label, works
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date
from hemis.curricula.enums import TrainingType


def _obligation(context: Context, process_id: str, department_id: int, subject: str, due, done) -> Obligation:
    return Obligation(
        process_id=process_id,
        user=heads_by_department(context).get(department_id),
        unit=facts.units(context).get(department_id),
        subject=subject,
        due=due,
        done_at=local_date(done) if done else None,
    )


@evaluator("annex6.p1")
def subjects_distributed(context: Context) -> Iterator[Obligation]:
    by_id = {s.pk: s for s in semesters(context)}
    names = facts.subjects(context)
    for line in facts.load_lines(context):
        due = context.continuous_due(local_date(line.created_at))
        if not measured(context, due):
            continue
        subject = names.get(line.subject_id)
        what = _("Teacher of %(subject)s (%(type)s), group %(group)s, %(semester)s") % {
            "subject": subject.name if subject else "",
            "type": TrainingType(line.training_type).label,
            "group": line.group,
            "semester": by_id.get(line.semester_id, ""),
        }
        yield _obligation(context, "annex6.p1", line.department_id, what, due, line.first_load_at)


@evaluator("annex6.p2")
def content_monitored(context: Context) -> Iterator[Obligation]:
    people = facts.teachers(context)
    for load in facts.loads(context):
        due = context.continuous_due(context.due("annex7.p2", load.assigned_on))
        if not measured(context, due):
            continue
        firsts = (load.topics_at, load.resources_at, load.assignments_at)
        done = max(firsts) if all(firsts) else None
        teacher = people.get(load.teacher_id)
        what = _("Topics, resources and assignments of %(load)s: %(teacher)s") % {
            "load": load_label(context, load),
            "teacher": teacher.short_name if teacher else "",
        }
        yield _obligation(context, "annex6.p2", load.department_id, what, due, done)


@evaluator("annex6.p3")
def lessons_monitored(context: Context) -> Iterator[Obligation]:
    weeks: dict[tuple, list] = {}
    for day in facts.teacher_days(context):
        year, week, _weekday = day.date.isocalendar()
        weeks.setdefault((day.teacher_id, day.department_id, year, week), []).append(day)
    people = facts.teachers(context)
    for (teacher_id, department_id, year, week), days in weeks.items():
        last = max(d.date for d in days)
        due = context.continuous_due(last)
        if not measured(context, due):
            continue
        recorded = [d.recorded_at for d in days]
        done = max(recorded) if all(recorded) else None
        teacher = people.get(teacher_id)
        what = _("Lessons of %(teacher)s, week %(week)s of %(year)s") % {
            "teacher": teacher.short_name if teacher else "",
            "week": week,
            "year": year,
        }
        yield _obligation(context, "annex6.p3", department_id, what, due, done)


@evaluator("annex6.p4")
def works_reviewed(context: Context) -> Iterator[Obligation]:
    people = facts.teachers(context)
    for work in works(context):
        due = context.continuous_due(local_date(work.created_at))
        if not measured(context, due):
            continue
        teacher = people.get(work.teacher_id)
        what = _("Review of the work “%(title)s” of %(teacher)s") % {
            "title": work.title,
            "teacher": teacher.short_name if teacher else "",
        }
        yield _obligation(context, "annex6.p4", work.department_id, what, due, work.reviewed_at)
