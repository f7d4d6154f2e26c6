"""The solver's draft week as a service: started as a job, the faculty's whole load placed with no
clash, applied into timetable entries once, discarded, and seen only in the faculty's scope."""

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError

from hemis.access import policy
from hemis.access.principal import build_principal
from hemis.audit.models import AuditEvent
from hemis.curricula.enums import TrainingType, WeekKind
from hemis.curricula.models import CurriculumWeek
from hemis.jobs.models import Job, JobStatus
from hemis.schedule import solver
from hemis.schedule.enums import DraftStatus
from hemis.schedule.models import Draft, DraftItem, Lesson, TeachingLoad, TimetableEntry
from hemis.schedule.services import drafts as svc
from hemis.schedule.services.entries import group_sizes
from hemis.schedule.services.placement import Attendee
from hemis.students.models import GroupSubject, Subgroup
from hemis.testing import factories as f
from hemis.testing.schedule import add_entry

D = dt.date


@pytest.fixture
def started(world, dean_chemistry, django_capture_on_commit_callbacks):
    """Start a draft of the chemistry faculty's week and let its job run (the immediate backend)."""

    def start(**changes):
        fields = {
            "semester": world.semester,
            "faculty": world.faculty,
            "max_pairs_per_day": 4,
            "result_url": lambda draft: f"/schedule/drafts/{draft.pk}/",
        }
        with django_capture_on_commit_callbacks(execute=True):
            draft = svc.start_draft(actor=dean_chemistry, **(fields | changes))
        draft.refresh_from_db()
        return draft

    return start


def clashes(specs) -> list[str]:
    """Every clash between two proposed entries, checked pair by pair, and every room too small."""
    found = []
    for a, b in itertools.combinations(specs, 2):
        if (a.weekday, a.pair) != (b.weekday, b.pair):
            continue
        if a.teacher == b.teacher:
            found.append(f"teacher {a.teacher}: {a.label} / {b.label}")
        if a.room == b.room:
            found.append(f"room {a.room.number}: {a.label} / {b.label}")
        for x, y in itertools.product(a.attendees, b.attendees):
            if x.group == y.group and (x.subgroup is None or y.subgroup is None or x.subgroup == y.subgroup):
                found.append(f"group {x.label}: {a.label} / {b.label}")
    for spec in specs:
        sizes = group_sizes([a.group for a in spec.attendees])
        seats = sum(a.subgroup.students.count() if a.subgroup else sizes[a.group.pk] for a in spec.attendees)
        if seats > spec.room.capacity:
            found.append(f"room {spec.room.number} too small for {spec.label}")
    return found


def test_a_draft_places_the_faculty_whole_load_with_no_clash(world, dean_chemistry, started):
    draft = started()
    assert draft.status == DraftStatus.READY
    # 30 hours over 19 weeks: one pair a week of each lesson type; the lectures of both groups are
    # one stream, the laboratories of KT-21 one per subgroup: 2 lectures + 2 practicals + 3 labs.
    assert (draft.placed, draft.requested, draft.unplaced) == (7, 7, [])
    assert draft.solve_seconds is not None and draft.solve_seconds < 20
    assert DraftItem.objects.filter(draft=draft).count() == 9
    specs = svc.draft_specs(draft)
    assert len(specs) == 7
    assert clashes(specs) == []
    streams = sorted(
        (s.subject.code, sorted(a.label for a in s.attendees))
        for s in specs
        if s.training_type == TrainingType.LECTURE
    )
    assert streams == [("FIZ204", ["KT-21", "KT-22"]), ("MAT204", ["KT-21", "KT-22"])]
    labs = sorted(a.label for s in specs if s.training_type == TrainingType.LABORATORY for a in s.attendees)
    assert labs == ["KT-21 (1)", "KT-21 (2)", "KT-22"]
    per_day: dict = {}
    for spec in specs:
        for a in spec.attendees:
            for part in [a.subgroup] if a.subgroup else [None]:
                per_day[(a.group.pk, part, spec.weekday)] = (
                    per_day.get((a.group.pk, part, spec.weekday), 0) + 1
                )
    assert max(per_day.values()) <= 4
    job = Job.objects.get(pk=draft.job_id)
    assert (job.status, job.name, job.view_action, job.result_url) == (
        JobStatus.SUCCEEDED,
        "schedule.draft",
        "schedule.edit",
        f"/schedule/drafts/{draft.pk}/",
    )
    assert job.result == {"draft": draft.pk, "placed": 7, "requested": 7}
    made = AuditEvent.objects.get(action="schedule.draft.made")
    assert (made.actor, made.data["after"]["placed"]) == (dean_chemistry, 7)
    assert AuditEvent.objects.filter(action="schedule.draft.started", target_id=str(draft.pk)).exists()


def test_apply_writes_entries_and_dated_lessons_once(world, dean_chemistry, started):
    draft = started()
    entries = svc.apply_draft(draft=draft, actor=dean_chemistry)
    draft.refresh_from_db()
    assert draft.status == DraftStatus.APPLIED
    assert len(entries) == TimetableEntry.objects.count() == 7
    lessons = Lesson.objects.filter(entry__in=entries)
    assert lessons.count() > 7 * 10
    assert all(e.faculty_id == world.faculty.pk for e in entries)
    event = AuditEvent.objects.get(action="schedule.draft.applied")
    assert event.data["entries"] == 7
    assert event.data["lessons"] == lessons.count()
    assert AuditEvent.objects.filter(action="schedule.entry.created").count() == 7

    before = (TimetableEntry.objects.count(), Lesson.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as error:
        svc.apply_draft(draft=draft, actor=dean_chemistry)
    assert error.value.message_dict == {"__all__": ["This draft has already been applied."]}
    assert (TimetableEntry.objects.count(), Lesson.objects.count(), AuditEvent.objects.count()) == before


def test_apply_is_refused_whole_when_the_timetable_changed_since(world, dean_chemistry, started):
    draft = started()
    stream = DraftItem.objects.select_related("room").get(
        draft=draft,
        load__teacher=world.karimov,
        load__training_type=TrainingType.LECTURE,
        load__group_subject__group=world.kt21,
    )
    # Meanwhile someone puts a physics lecture of KT-21 in the stream's room at its pair, by hand.
    add_entry(
        world,
        dean_chemistry,
        subject=world.physics,
        teacher=world.rahimova,
        room=stream.room,
        weekday=stream.weekday,
        pair=stream.pair,
        attendees=[Attendee(world.kt21)],
    )
    before = (TimetableEntry.objects.count(), Lesson.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as error:
        svc.apply_draft(draft=draft, actor=dean_chemistry)
    [message] = error.value.message_dict["room"]
    assert message.startswith("Oliy matematika (lecture), KT-21: ")
    assert f"Room {stream.room.number} already has group KT-21 at pair {stream.pair} on " in message
    assert (TimetableEntry.objects.count(), Lesson.objects.count(), AuditEvent.objects.count()) == before
    draft.refresh_from_db()
    assert draft.status == DraftStatus.READY


def test_what_cannot_be_placed_is_reported_with_its_reason(world, started):
    # Only the 12-seat laboratory is open: no lecture room to join the groups in, and KT-22 (14
    # students) has no room for any of its lessons.
    for room in (world.room204, world.room301):
        room.active = False
        room.save(update_fields=["active"])
    draft = started()
    assert draft.status == DraftStatus.READY
    assert (draft.placed, draft.requested) == (5, 9)
    reason = "No room with 14 seats: the largest room has 12."
    rows = sorted((u["group"], u["subject"], u["missing"], u["reason"]) for u in draft.unplaced)
    assert rows == [
        ("KT-22", "Fizika (laboratory)", 1, reason),
        ("KT-22", "Fizika (lecture)", 1, reason),
        ("KT-22", "Oliy matematika (lecture)", 1, reason),
        ("KT-22", "Oliy matematika (practical)", 1, reason),
    ]
    assert {(u["code"], u["teacher"]) for u in draft.unplaced} == {
        ("no_room", world.karimov.short_name),
        ("no_room", world.rahimova.short_name),
    }
    assert draft.unplaced[0]["params"] == {"seats": 14, "largest": 12}
    assert set(DraftItem.objects.filter(draft=draft).values_list("room_id", flat=True)) == {world.lab105.pk}


def test_the_timetable_already_entered_is_neither_requested_again_nor_overlapped(
    world, dean_chemistry, started
):
    add_entry(
        world,
        dean_chemistry,
        training_type=TrainingType.PRACTICAL,
        room=world.room204,
        attendees=[Attendee(world.kt21)],
    )
    draft = started()
    assert (draft.placed, draft.requested) == (6, 6)
    items = DraftItem.objects.filter(draft=draft)
    assert not items.filter(
        load__group_subject__group=world.kt21, load__training_type=TrainingType.PRACTICAL
    ).exists()
    # Monday's first pair is Karimov's, KT-21's and room 204's already.
    assert not items.filter(weekday=1, pair=1, load__teacher=world.karimov).exists()
    assert not items.filter(weekday=1, pair=1, room=world.room204).exists()
    assert not items.filter(weekday=1, pair=1, load__group_subject__group=world.kt21).exists()
    svc.apply_draft(draft=draft, actor=dean_chemistry)
    assert TimetableEntry.objects.count() == 7


def test_weekly_pairs_follow_the_theory_weeks_of_the_curriculum(world):
    semester4 = world.curriculum.semesters.get(number=4)
    for n in range(8):
        start = D(2027, 2, 1) + dt.timedelta(weeks=n)
        CurriculumWeek.objects.create(
            semester=semester4,
            number=n + 1,
            kind=WeekKind.THEORY,
            start_date=start,
            end_date=start + dt.timedelta(days=6),
        )
    loaded = svc.load_problem(semester=world.semester, faculty=world.faculty, max_pairs_per_day=4)
    # 30 hours in 8 theory weeks: ceil(30 / 16) = 2 pairs a week.
    assert {item.pairs for item in loaded.problem.items} == {2}
    assert len(loaded.problem.items) == 7


def test_solve_faculty_writes_nothing(world):
    result = svc.solve_faculty(world.semester, world.faculty, max_pairs_per_day=4, time_limit=10)
    assert (result.placed, result.requested) == (7, 7)
    assert result.seconds < 10
    assert not Draft.objects.exists() and not DraftItem.objects.exists()


def test_a_failing_solver_marks_the_draft_failed_and_the_job_keeps_the_error(world, started, monkeypatch):
    def broken(problem, **kwargs):
        raise RuntimeError("out of memory")

    monkeypatch.setattr(solver, "solve", broken)
    draft = started()
    assert draft.status == DraftStatus.FAILED
    job = Job.objects.get(pk=draft.job_id)
    assert (job.status, job.error) == (JobStatus.FAILED, "RuntimeError: out of memory")
    assert not DraftItem.objects.filter(draft=draft).exists()


def test_start_is_refused_with_a_bad_daily_limit_and_while_another_draft_is_made(
    world, dean_chemistry, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError) as error:
        svc.start_draft(
            semester=world.semester, faculty=world.faculty, max_pairs_per_day=7, actor=dean_chemistry
        )
    assert error.value.message_dict == {"max_pairs_per_day": ["Choose between 1 and 6 pairs a day."]}
    with django_capture_on_commit_callbacks(execute=False):
        svc.start_draft(
            semester=world.semester, faculty=world.faculty, max_pairs_per_day=4, actor=dean_chemistry
        )
        with pytest.raises(ValidationError) as error:
            svc.start_draft(
                semester=world.semester, faculty=world.faculty, max_pairs_per_day=4, actor=dean_chemistry
            )
    assert error.value.message_dict == {
        "__all__": ["A draft of this faculty's week is being made; wait for it to finish."]
    }
    assert Draft.objects.count() == 1


def test_discard_deletes_a_draft_but_not_an_applied_one(world, dean_chemistry, started):
    draft = started()
    svc.discard_draft(draft=draft, actor=dean_chemistry)
    assert not Draft.objects.filter(pk=draft.pk).exists()
    event = AuditEvent.objects.get(action="schedule.draft.discarded")
    assert event.data["before"]["placed"] == 7

    applied = started()
    svc.apply_draft(draft=applied, actor=dean_chemistry)
    with pytest.raises(ValidationError):
        svc.discard_draft(draft=applied, actor=dean_chemistry)
    assert Draft.objects.filter(pk=applied.pk).exists()


def test_a_job_whose_draft_was_discarded_stops_quietly(
    world, dean_chemistry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        draft = svc.start_draft(
            semester=world.semester, faculty=world.faculty, max_pairs_per_day=4, actor=dean_chemistry
        )
    svc.discard_draft(draft=draft, actor=dean_chemistry)
    for callback in callbacks:
        callback()
    job = Job.objects.get(pk=draft.job_id)
    assert (job.status, job.result) == (JobStatus.SUCCEEDED, {"draft": draft.pk, "discarded": True})


def test_a_dean_of_another_faculty_does_not_see_the_draft(
    uni, world, dean_chemistry, dean_economics, started
):
    draft = started()
    economics = build_principal(dean_economics, None)
    chemistry = build_principal(dean_chemistry, None)
    assert list(policy.visible_drafts(chemistry)) == [draft]
    assert list(policy.visible_drafts(economics)) == []
    assert list(policy.draft_faculties(economics)) == [uni["econ"]]
    assert list(policy.draft_faculties(chemistry)) == [world.faculty]


@pytest.mark.parametrize("extra", [0, 2])
def test_loading_a_faculty_takes_the_same_queries_however_many_groups(
    world, django_assert_num_queries, extra
):
    mathematics = world.bindings[("KT-21", "MAT204")].curriculum_subject
    for n in range(extra):
        group = f.GroupFactory(
            faculty=world.faculty,
            programme=world.kt21.programme,
            name=f"KT-3{n}",
            intake_year=2025,
            course=2,
            curriculum=world.curriculum,
        )
        Subgroup.objects.create(group=group, name="1")
        binding = GroupSubject.objects.create(
            group=group, curriculum_subject=mathematics, semester=world.semester
        )
        TeachingLoad.objects.create(
            group_subject=binding,
            training_type=TrainingType.PRACTICAL,
            teacher=world.karimov,
            assigned_on=D(2027, 1, 10),
        )
    with django_assert_num_queries(15):
        loaded = svc.load_problem(semester=world.semester, faculty=world.faculty, max_pairs_per_day=4)
    assert [g.name for g in loaded.problem.groups] == ["KT-11-24", "KT-21", "KT-22"] + [
        f"KT-3{n}" for n in range(extra)
    ]
    assert len(loaded.problem.items) == 7 + extra
