"""Annex 7 (teacher): items 1–4 and 6.

- Items 1–3 "topics / content / assignments of each assigned subject, assignment +1 / +7 / +5 wd": one
  obligation per teaching load, due the given working days after the load's ``assigned_on``. Done on
  the day the first topic (item 1) or resource (item 2) of the load's curriculum subject and lesson
  type was entered — topics and resources belong to the subject as the curriculum has it, so a
  teacher of a second group finds them already there — or the load's first assignment (item 3).
- Item 4 "record each lesson held and the attendance, the same day": one obligation per teacher and
  lesson date (and department of the subjects taught that day), over the scheduled lessons (not
  controls, not cancelled) up to today; due that date; done on the day the last of the day's lessons
  got its record, not done while one is unrecorded. (One row per teacher and day, not per lesson:
  a semester has hundreds of thousands of lessons.)
- Item 6 "methodological and research works, continuous": one obligation per work, due five working
  days after it was completed; done on the day the teacher entered it.

The responsible person is the teacher (their user); the unit is the department of the subject (for
item 6 the department the work was entered in). With a launch date, an obligation due before it is
not measured. Each evaluator issues a constant number of queries.
"""

from collections.abc import Iterator

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hemis.compliance.evaluators import _teaching as facts
from hemis.compliance.evaluators._common import measured
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date
from hemis.curricula.enums import TrainingType
from hemis.teaching.models import Work


def load_label(context: Context, load: facts.LoadFacts) -> str:
    """ "Oliy matematika (Lecture), KT-21": what a load is, for the subjects of obligations."""
    subject = facts.subjects(context).get(load.subject_id)
    return _("%(subject)s (%(type)s), group %(group)s") % {
        "subject": subject.name if subject else "",
        "type": TrainingType(load.training_type).label,
        "group": load.group,
    }


def _content(context: Context, process_id: str, field: str, what: str) -> Iterator[Obligation]:
    people = facts.teachers(context)
    units = facts.units(context)
    for load in facts.loads(context):
        due = context.due(process_id, load.assigned_on)
        if not measured(context, due):
            continue
        done = getattr(load, field)
        yield Obligation(
            process_id=process_id,
            user=facts.user_of(people.get(load.teacher_id)),
            unit=units.get(load.department_id),
            subject=what % {"load": load_label(context, load)},
            due=due,
            done_at=local_date(done) if done else None,
        )


@evaluator("annex7.p1")
def topics_entered(context: Context) -> Iterator[Obligation]:
    return _content(context, "annex7.p1", "topics_at", _("Topics of %(load)s"))


@evaluator("annex7.p2")
def resources_uploaded(context: Context) -> Iterator[Obligation]:
    return _content(context, "annex7.p2", "resources_at", _("Resources of %(load)s"))


@evaluator("annex7.p3")
def assignments_uploaded(context: Context) -> Iterator[Obligation]:
    return _content(context, "annex7.p3", "assignments_at", _("Assignments of %(load)s"))


@evaluator("annex7.p4")
def lessons_recorded(context: Context) -> Iterator[Obligation]:
    people = facts.teachers(context)
    units = facts.units(context)
    for day in facts.teacher_days(context):
        due = context.due("annex7.p4", day.date)
        if not measured(context, due):
            continue
        done = day.recorded_at
        yield Obligation(
            process_id="annex7.p4",
            user=facts.user_of(people.get(day.teacher_id)),
            unit=units.get(day.department_id),
            subject=_("Lessons of %(date)s and their attendance") % {"date": date_format(day.date, "d.m.Y")},
            due=due,
            done_at=local_date(done) if done else None,
        )


def works(context: Context) -> list:
    return context.cached(
        "teaching.works",
        lambda: list(
            Work.objects.order_by("pk").only(
                "teacher_id", "department_id", "title", "completed_on", "created_at", "reviewed_at"
            )
        ),
    )


@evaluator("annex7.p6")
def works_entered(context: Context) -> Iterator[Obligation]:
    people = facts.teachers(context)
    units = facts.units(context)
    for work in works(context):
        due = context.continuous_due(work.completed_on)
        if not measured(context, due):
            continue
        yield Obligation(
            process_id="annex7.p6",
            user=facts.user_of(people.get(work.teacher_id)),
            unit=units.get(work.department_id),
            subject=_("Work “%(title)s”") % {"title": work.title},
            due=due,
            done_at=local_date(work.created_at),
        )
