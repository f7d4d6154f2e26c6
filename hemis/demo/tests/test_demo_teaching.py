"""The demo university's teaching data (hemis/demo/teaching.py): calendar plans summing to the
curriculum's hours, links, assignments, the current semester's journal (records, absences of attending
students, excuses covering them), teachers' works reviewed by another person — and each case of the
annex 6 and annex 7 evaluators (on time, late, overdue) present.
And the students' hand-ins (hemis/demo/submissions.py), on the same seeded demo."""

import datetime as dt
from collections import Counter, defaultdict

from django.db.models import Exists, F, OuterRef, Sum
from django.urls import reverse
from django.utils import timezone

from hemis.compliance import engine
from hemis.curricula.models import SubjectLoad
from hemis.schedule.enums import LessonKind, LessonStatus
from hemis.schedule.models import LessonGroup, TeachingLoad
from hemis.students.models import Student, StudentStatus, Subgroup
from hemis.teaching.enums import ResourceKind, WorkStatus
from hemis.teaching.models import Absence, Assignment, Excuse, LessonRecord, Resource, Submission, Topic, Work

ON_TIME, LATE, PENDING, OVERDUE = "on_time", "late", "pending", "overdue"  # the engine's statuses
TEACHING = [f"annex6.p{n}" for n in (1, 2, 3, 4)] + [f"annex7.p{n}" for n in (1, 2, 3, 4, 6)]


def test_each_case_of_each_teaching_evaluator_is_on_the_demo(demo):
    results = {r.process.id: r for r in engine.evaluate(process_ids=TEACHING)}
    seen = {pid: set(Counter(row.status for row in result.rows)) for pid, result in results.items()}
    for pid in TEACHING:
        if pid == "annex7.p6":  # done when entered: never pending nor overdue
            assert seen[pid] == {ON_TIME, LATE}, pid
        else:
            assert {ON_TIME, LATE, OVERDUE} <= seen[pid], pid
    for pid in TEACHING:  # mostly on time
        statuses = Counter(row.status for row in results[pid].rows)
        assert statuses[ON_TIME] >= 0.6 * sum(statuses.values()), pid


def test_every_topic_plan_sums_to_the_curriculum_hours(demo):
    hours = {
        (cs, kind): n
        for cs, kind, n in SubjectLoad.objects.values_list("curriculum_subject_id", "training_type", "hours")
    }
    plans = (
        Topic.objects.values("curriculum_subject_id", "training_type")
        .annotate(total=Sum("hours"))
        .values_list("curriculum_subject_id", "training_type", "total")
    )
    assert plans
    for cs, kind, total in plans:
        assert total == hours[(cs, kind)], (cs, kind)
    positions = defaultdict(list)
    for cs, kind, position in Topic.objects.values_list("curriculum_subject_id", "training_type", "position"):
        positions[(cs, kind)].append(position)
    assert all(sorted(p) == list(range(1, len(p) + 1)) for p in positions.values())
    # every plan belongs to a subject and lesson type someone teaches
    taught = set(
        TeachingLoad.objects.values_list("group_subject__curriculum_subject_id", "training_type").distinct()
    )
    assert set(positions) <= taught


def test_resources_are_links_and_assignments_belong_to_the_semester(demo):
    assert Resource.objects.exists()
    assert not Resource.objects.exclude(kind=ResourceKind.LINK, file="").exclude(url="").exists()
    for deadline, start, end in Assignment.objects.values_list(
        "deadline", "load__group_subject__semester__start_date", "load__group_subject__semester__end_date"
    ):
        assert start <= timezone.localtime(deadline).date() <= end


def test_nothing_is_entered_in_the_future(demo):
    now = timezone.now()
    for model in (Topic, Resource, Assignment, LessonRecord, Work, TeachingLoad):
        assert not model.objects.filter(created_at__gt=now).exists(), model


def test_only_lessons_held_before_today_are_recorded(current):
    today = timezone.localdate()
    records = LessonRecord.objects.all()
    assert records.exists()
    assert not records.exclude(
        lesson__kind=LessonKind.LESSON, lesson__status=LessonStatus.SCHEDULED, lesson__date__lt=today
    ).exists()
    assert not records.exclude(lesson__semester=current).exists()
    for recorded, day, end in records.values_list("created_at", "lesson__date", "lesson__end_time"):
        held = dt.datetime.combine(day, end, tzinfo=timezone.get_current_timezone())
        assert recorded >= held


def test_absent_students_attend_the_lesson_and_excuses_cover_their_day(demo):
    members = defaultdict(set)
    for group, student in Student.objects.values_list("group_id", "pk"):
        members[(group, None)].add(student)
    for subgroup, group, student in Subgroup.students.through.objects.values_list(
        "subgroup_id", "subgroup__group_id", "student_id"
    ):
        members[(group, subgroup)].add(student)
    attending = defaultdict(set)
    for lesson, group, subgroup in LessonGroup.objects.filter(lesson__record__isnull=False).values_list(
        "lesson_id", "group_id", "subgroup_id"
    ):
        attending[lesson] |= members[(group, subgroup)]
    absences = Absence.objects.values_list("record__lesson_id", "student_id", "hours")
    assert absences
    for lesson, student, hours in absences:
        assert student in attending[lesson]
        assert hours in (1, 2)
    excused = Absence.objects.filter(excuse__isnull=False)
    assert excused.exists()
    assert not excused.exclude(excuse__student=F("student")).exists()
    for day, start, end in excused.values_list(
        "record__lesson__date", "excuse__from_date", "excuse__to_date"
    ):
        assert start <= day <= end
    assert Excuse.objects.count() == Excuse.objects.filter(absences__isnull=False).distinct().count()
    # a few per cent absent: at most one absence in ten attendances
    assert absences.count() <= 0.1 * sum(len(s) for s in attending.values())


def test_works_are_reviewed_by_someone_else_after_they_were_entered(demo):
    works = Work.objects.select_related("teacher")
    assert set(works.values_list("status", flat=True)) == {
        WorkStatus.SUBMITTED,
        WorkStatus.APPROVED,
        WorkStatus.RETURNED,
    }
    for work in works:
        if work.status == WorkStatus.SUBMITTED:
            assert (work.reviewed_at, work.reviewed_by_id) == (None, None)
            continue
        assert work.reviewed_at > work.created_at
        assert work.reviewed_by_id is not None and work.reviewed_by_id != work.teacher.user_id
        assert bool(work.review_comment) == (work.status == WorkStatus.RETURNED)
        assert timezone.localtime(work.created_at).date() >= work.completed_on


def test_the_past_semesters_loads_are_dated_as_assigned(current):
    past = TeachingLoad.objects.filter(group_subject__semester__end_date__lt=current.start_date)
    assert past.exists()
    for assigned_on, created in past.values_list("assigned_on", "created_at"):
        assert timezone.localtime(created).date() == assigned_on


# --- the students' hand-ins (hemis/demo/submissions.py): within the attempts and before the deadline,
# graded by the load's teacher within the maximum with a comment; the first student of KT-21-24 sees them --


FEATURED = "390230000001"


def test_hand_ins_keep_to_the_attempts_the_deadline_and_the_maximum(demo):
    submissions = Submission.objects.all()
    assert submissions.exists()
    assert submissions.filter(attempt=2).exists()
    assert not submissions.filter(attempt__gt=F("assignment__attempts")).exists()
    first = Submission.objects.filter(
        assignment=OuterRef("assignment"), student=OuterRef("student"), attempt=1
    )
    assert not submissions.filter(attempt__gt=1).exclude(Exists(first)).exists()  # attempts are 1..n
    assert not submissions.filter(created_at__gt=F("assignment__deadline")).exists()
    assert not submissions.exclude(student__group=F("assignment__load__group_subject__group")).exists()
    assert not submissions.exclude(student__status=StudentStatus.STUDYING).exists()
    assert not submissions.exclude(assignment__load__group_subject__semester__is_current=True).exists()
    assert not submissions.exclude(created_by=F("student__user")).exists()
    # about half of the group's studying students hand in to an assignment past its deadline (where
    # the load's teacher has a login to grade them)
    closed = list(
        Assignment.objects.filter(
            load__group_subject__semester__is_current=True,
            deadline__lt=timezone.now(),
            load__teacher__user__isnull=False,
        )
        .select_related("load__group_subject")
        .order_by("pk")[:60]
    )
    studying = Student.objects.filter(status=StudentStatus.STUDYING)
    pairs = sum(studying.filter(group=a.load.group_subject.group_id).count() for a in closed)
    handed = submissions.filter(attempt=1, assignment__in=closed).count()
    assert 0.3 * pairs <= handed <= 0.7 * pairs, (handed, pairs)


def test_graded_hand_ins_have_points_within_the_maximum_by_the_loads_teacher(demo):
    submissions = Submission.objects.all()
    assert not submissions.filter(points__gt=F("assignment__max_points")).exists()
    assert not submissions.filter(points__lt=0).exists()
    graded = submissions.filter(points__isnull=False)
    assert graded.count() >= 10
    assert submissions.filter(points__isnull=True).exists()
    assert not graded.exclude(graded_by=F("assignment__load__teacher__user")).exists()
    assert not graded.filter(graded_by__isnull=True).exists()
    assert not graded.filter(teacher_comment="").exists()
    assert not graded.filter(graded_at__lt=F("created_at")).exists()
    assert not submissions.filter(points__isnull=True, graded_at__isnull=False).exists()
    assert not submissions.filter(points__isnull=True).exclude(teacher_comment="").exists()


def test_the_first_student_sees_the_teachers_comments_and_downloads_the_file(client, demo):
    student = Student.objects.select_related("user").get(student_id_number=FEATURED)
    mine = Submission.objects.filter(student=student)
    graded = mine.filter(points__isnull=False).exclude(teacher_comment="")
    assert graded.count() >= 2
    assert mine.filter(points__isnull=True).exists()
    submission = graded.select_related("assignment").order_by("pk").first()
    client.force_login(student.user)
    response = client.get(reverse("web:cabinet_subject", args=[submission.assignment.load_id]))
    assert response.status_code == 200
    page = response.content.decode()
    assert submission.teacher_comment in page
    assert "ʻ" in "".join(graded.values_list("teacher_comment", flat=True))  # oʻ, gʻ as U+02BB
    download = client.get(reverse("web:teaching_file", kwargs={"kind": "submission", "pk": submission.pk}))
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert content.startswith(b"%PDF") and 200 <= len(content) <= 2000
