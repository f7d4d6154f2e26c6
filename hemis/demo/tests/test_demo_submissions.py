"""The demo's hand-ins (hemis/demo/submissions.py): students' files to the current semester's assignments
within the attempts and before the deadline, graded by the load's teacher within the maximum with a
comment — and the first student of KT-21-24 sees the teacher's comments on their subject's page."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from hemis.demo.tests.conftest import N
from hemis.students.models import Student, StudentStatus
from hemis.teaching.models import Assignment, Submission

FEATURED = "390230000001"


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The shared demo, with the hand-ins' files stored in a temporary MEDIA_ROOT."""
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", students=N, force=True, stdout=StringIO())
        yield
        transaction.set_rollback(True)


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
