"""Reads of the teachers' content pages: loads with their counts, one load's topics, resources,
assignments and submissions, and the topics' hours against the curriculum's. Each takes the loads
the caller may see (a queryset of the policy) and issues a fixed number of queries."""

from dataclasses import dataclass
from itertools import groupby

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from hemis.curricula.models import SubjectLoad
from hemis.schedule.models import TeachingLoad
from hemis.teaching.models import Assignment, Resource, Submission, Topic

LOAD_RELATED = (
    "teacher",
    "group_subject__group",
    "group_subject__semester__academic_year",
    "group_subject__curriculum_subject__subject",
    "group_subject__curriculum_subject__department",
)


def _count(queryset, by: str) -> Subquery:
    """The number of rows of ``queryset`` (filtered on an outer reference to one ``by``)."""
    return Subquery(
        queryset.order_by().values(by).annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()
    )


def _same_content(model):
    return model.objects.filter(
        curriculum_subject=OuterRef("group_subject__curriculum_subject"),
        training_type=OuterRef("training_type"),
    )


def with_counts(loads: QuerySet) -> QuerySet:
    """``loads`` with the counts of their subject's topics and resources and of their assignments."""
    return loads.select_related(*LOAD_RELATED).annotate(
        n_topics=Coalesce(_count(_same_content(Topic), "curriculum_subject"), 0),
        n_resources=Coalesce(_count(_same_content(Resource), "curriculum_subject"), 0),
        n_assignments=Coalesce(_count(Assignment.objects.filter(load=OuterRef("pk")), "load"), 0),
    )


@dataclass
class SubjectLoads:
    curriculum_subject: object
    loads: list


@dataclass
class SemesterLoads:
    semester: object
    subjects: list[SubjectLoads]


def loads_by_semester(loads: QuerySet) -> list[SemesterLoads]:
    """``loads`` with their counts, by semester (latest first) and subject (by name), each subject's
    loads by group and lesson type."""
    rows = list(
        with_counts(loads).order_by(
            "-group_subject__semester__start_date",
            "group_subject__semester_id",
            "group_subject__curriculum_subject__subject__name_uz",
            "group_subject__curriculum_subject_id",
            "group_subject__group__name",
            "training_type",
            "teacher__last_name",
            "pk",
        )
    )
    result = []
    for _semester, in_semester in groupby(rows, key=lambda load: load.group_subject.semester_id):
        by_subject = groupby(in_semester, key=lambda load: load.group_subject.curriculum_subject_id)
        subjects = [
            SubjectLoads(group[0].group_subject.curriculum_subject, group) for group in _lists(by_subject)
        ]
        result.append(SemesterLoads(subjects[0].loads[0].group_subject.semester, subjects))
    return result


def _lists(grouped) -> list[list]:
    return [list(items) for _key, items in grouped]


@dataclass(frozen=True)
class Totals:
    """The hours of a subject's lesson type: the curriculum's and its topics' sum."""

    planned: int | None  # None: the curriculum gives no hours of this lesson type
    entered: int

    @property
    def differs(self) -> bool:
        return self.planned != self.entered


def planned_hours(curriculum_subject, training_type: str) -> int | None:
    """The curriculum's hours of a subject's lesson type (None: it gives none)."""
    hours = SubjectLoad.objects.filter(curriculum_subject=curriculum_subject, training_type=training_type)
    return hours.order_by().values_list("hours", flat=True).first()


def topic_totals(curriculum_subject, training_type: str) -> Totals:
    planned = planned_hours(curriculum_subject, training_type)
    entered = Topic.objects.filter(
        curriculum_subject=curriculum_subject, training_type=training_type
    ).aggregate(total=Coalesce(Sum("hours"), 0))["total"]
    return Totals(planned=planned, entered=entered)


def load_for_page(loads: QuerySet, pk: int) -> TeachingLoad:
    """One of ``loads`` with what its page shows of it (raises DoesNotExist when not among them)."""
    return loads.select_related(*LOAD_RELATED).get(pk=pk)


def content_of(model, load: TeachingLoad) -> QuerySet:
    """The rows of ``model`` (Topic, Resource) of the load's subject and lesson type, which every
    teacher of them shares."""
    return model.objects.filter(
        curriculum_subject=load.group_subject.curriculum_subject, training_type=load.training_type
    )


def plan_topics(load: TeachingLoad) -> QuerySet:
    """The calendar plan of the load's subject and lesson type: its topics by position."""
    return content_of(Topic, load).order_by("position")


def subject_topics(load: TeachingLoad) -> QuerySet:
    """Every topic of the load's subject (any lesson type): the choices of an assignment's topic."""
    return Topic.objects.filter(curriculum_subject=load.group_subject.curriculum_subject).order_by(
        "training_type", "position"
    )


def resources(load: TeachingLoad) -> list[Resource]:
    return list(
        content_of(Resource, load)
        .select_related("topic", "teacher")
        .order_by(F("topic__position").asc(nulls_first=True), "pk")  # the subject's own first, then by topic
    )


def assignments(load: TeachingLoad) -> list[Assignment]:
    """The load's assignments by deadline, each with its submissions (student, attempt) prefetched."""
    submissions = Submission.objects.select_related("student", "graded_by").order_by(
        "student__last_name", "student__first_name", "student_id", "attempt"
    )
    return list(
        Assignment.objects.filter(load=load)
        .select_related("topic")
        .prefetch_related(Prefetch("submissions", queryset=submissions))
        .order_by("deadline", "pk")
    )


def load_page(load: TeachingLoad) -> dict:
    """What the page of one load shows: topics with their totals against the curriculum, resources,
    assignments with their submissions."""
    plan = list(plan_topics(load))
    planned = planned_hours(load.group_subject.curriculum_subject, load.training_type)
    return {
        "topics": plan,
        "totals": Totals(planned=planned, entered=sum(topic.hours for topic in plan)),
        "resources": resources(load),
        "assignments": assignments(load),
    }


# --- a student's subjects and their content (the student cabinet, issue 14) ------------------------------


def student_loads(loads: QuerySet, semester) -> list[TeachingLoad]:
    """``loads`` (a student's group's, from the policy) of ``semester`` with their counts, by subject code
    and lesson type (one query)."""
    return list(
        with_counts(loads.filter(group_subject__semester=semester)).order_by(
            "group_subject__curriculum_subject__subject__code", "training_type", "pk"
        )
    )


def student_load_page(load: TeachingLoad, submissions: QuerySet) -> dict:
    """What a student's page of one load shows: the calendar plan, the resources, and the assignments
    by deadline each with ``mine`` — ``submissions`` (the student's own, from the policy) to it, by
    attempt — and ``left`` (attempts left). Four queries."""
    own = submissions.select_related("graded_by").order_by("attempt")
    assignments = list(
        Assignment.objects.filter(load=load)
        .select_related("topic")
        .prefetch_related(Prefetch("submissions", queryset=own, to_attr="mine"))
        .order_by("deadline", "pk")
    )
    for assignment in assignments:
        assignment.left = max(assignment.attempts - len(assignment.mine), 0)
    return {"topics": list(plan_topics(load)), "resources": resources(load), "assignments": assignments}
