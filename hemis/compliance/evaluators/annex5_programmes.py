"""Programmes, the subject catalogue and student achievements: annex 5 items 1 and 17, annex 4 items 4 and 8.

- 5.1 "programmes of the faculty, after the opening +1 wd": one obligation per programme with an
  opening date; done on the day it was entered. The dean of the programme's faculty (the latest live
  dean grant on that faculty) is responsible, else the faculty.
- 4.4 "newly opened programmes (continuous)": one obligation per programme with an opening date,
  due a working week after the opening (``context.continuous_due``); the academic department user.
- 4.8 "subject catalogue, after the curriculum is approved +10 wd": one obligation per approved
  curriculum; done on the day the last of its subjects became complete in the catalogue (Uzbek and
  English names and descriptions, ``Subject.catalogued_at``), not done while any is incomplete.
- 5.17 "student achievements (continuous)": one obligation per achievement, due a working week after
  it was awarded; done on the day it was entered; the dean of the student's faculty.

With a launch date, an obligation due before the launch is not measured (nothing could be entered in
the system then). Each evaluator issues a constant number of queries.
"""

from collections.abc import Iterator

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from hemis.academics import selectors as academic_selectors
from hemis.compliance.evaluators._common import academic_user, deans_by_faculty, measured
from hemis.compliance.protocol import Context, Obligation, evaluator, local_date
from hemis.curricula.models import Curriculum
from hemis.students import selectors as student_selectors


def _programmes(context: Context) -> list:
    return context.cached("annex5.programmes", academic_selectors.programmes_for_compliance)


@evaluator("annex5.p1")
def programmes_entered(context: Context) -> Iterator[Obligation]:
    for programme in _programmes(context):
        due = context.due("annex5.p1", programme.opened_on)
        if not measured(context, due):
            continue
        yield Obligation(
            process_id="annex5.p1",
            user=deans_by_faculty(context).get(programme.faculty_id),
            unit=programme.faculty,
            subject=_("Programme %(programme)s opened on %(date)s")
            % {"programme": programme, "date": programme.opened_on.strftime("%d.%m.%Y")},
            due=due,
            done_at=local_date(programme.created_at),
        )


@evaluator("annex4.p4")
def opened_programmes_added(context: Context) -> Iterator[Obligation]:
    user = academic_user(context)
    for programme in _programmes(context):
        due = context.continuous_due(programme.opened_on)
        if not measured(context, due):
            continue
        yield Obligation(
            process_id="annex4.p4",
            user=user,
            subject=_("Newly opened programme %(programme)s") % {"programme": programme},
            due=due,
            done_at=local_date(programme.created_at),
        )


def approved_curricula() -> list[Curriculum]:
    """Approved curricula with ``subject_count``, ``catalogued_count`` and ``last_catalogued_at`` of
    their distinct subjects (one query)."""
    subject = "semesters__subjects__subject"
    return list(
        Curriculum.objects.filter(approved_on__isnull=False)
        .select_related("programme")
        .annotate(
            subject_count=Count(subject, distinct=True),
            catalogued_count=Count(
                subject, filter=Q(**{f"{subject}__catalogued_at__isnull": False}), distinct=True
            ),
            last_catalogued_at=Max(f"{subject}__catalogued_at"),
        )
        .order_by("approved_on", "pk")
    )


@evaluator("annex4.p8")
def curriculum_subjects_catalogued(context: Context) -> Iterator[Obligation]:
    user = academic_user(context)
    for curriculum in context.cached("annex4.approved_curricula", approved_curricula):
        due = context.due("annex4.p8", curriculum.approved_on)
        if not measured(context, due):
            continue
        complete = curriculum.subject_count and curriculum.catalogued_count == curriculum.subject_count
        yield Obligation(
            process_id="annex4.p8",
            user=user,
            subject=_("Subject catalogue for the curriculum %(curriculum)s") % {"curriculum": curriculum},
            due=due,
            done_at=local_date(curriculum.last_catalogued_at) if complete else None,
        )


@evaluator("annex5.p17")
def achievements_entered(context: Context) -> Iterator[Obligation]:
    for achievement in context.cached("annex5.achievements", student_selectors.achievements_for_compliance):
        due = context.continuous_due(achievement.awarded_on)
        if not measured(context, due):
            continue
        student = achievement.student
        yield Obligation(
            process_id="annex5.p17",
            user=deans_by_faculty(context).get(student.faculty_id),
            unit=student.faculty,
            subject=_("%(kind)s of %(student)s: %(title)s")
            % {
                "kind": achievement.get_kind_display(),
                "student": student.full_name,
                "title": achievement.title,
            },
            due=due,
            done_at=local_date(achievement.created_at),
        )
