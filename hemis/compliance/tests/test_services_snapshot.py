"""``refresh_snapshot``: every process evaluated into a stored snapshot that equals a fresh evaluation,
streamed in batches, never read half-written, the last few kept."""

import datetime as dt

import pytest
from django.utils import translation
from django.utils.translation import gettext

from hemis.access.models import RoleGrant
from hemis.audit.models import AuditEvent
from hemis.compliance import registry, selectors, services
from hemis.compliance.models import Snapshot, SnapshotObligation, SnapshotProcess
from hemis.compliance.protocol import Obligation
from hemis.compliance.tests.conftest import at
from hemis.compliance.tests.snapshots import assert_equals_fresh
from hemis.core.models import GpaMethod

D = dt.date
TODAY = D(2026, 1, 10)


class Reports:
    """Stands in for a job's progress: records what the refresh reports."""

    def __init__(self):
        self.calls = []

    def report(self, *, done, total, note=""):
        self.calls.append((done, total, note))


@pytest.fixture
def situation(university, uni, superadmin, dean_chemistry):
    """Launched Friday 26.12.2025: the super administrator assigned on 29.12 (on time), the GPA method
    set late; annex 5 item 9 yields obligations of both faculties, some with the same due date and
    subject (their order is the evaluator's), one university-wide."""
    university.launch_date = D(2025, 12, 26)
    university.gpa_method = GpaMethod.CREDIT_WEIGHTED
    university.gpa_method_decided_on = D(2026, 1, 5)
    university.gpa_method_set_on = D(2026, 1, 8)
    university.save()
    RoleGrant.objects.filter(user=superadmin).update(created_at=at(2025, 12, 29))
    return uni


@pytest.fixture
def labour_orders(situation, temporary_evaluator, dean_chemistry):
    uni = situation

    def evaluate(context):
        yield Obligation(process_id="annex5.p14", unit=uni["econ"], subject="Order 7", due=D(2026, 1, 8))
        yield Obligation(
            process_id="annex5.p14",
            unit=uni["inorganic"],
            user=dean_chemistry,
            subject="Order 7",
            due=D(2026, 1, 8),
            done_at=D(2026, 1, 9),
        )
        yield Obligation(process_id="annex5.p14", subject="Order 3", due=D(2026, 1, 8), done_at=D(2026, 1, 2))
        yield Obligation(process_id="annex5.p14", unit=uni["chem"], subject="Order 1", due=D(2026, 1, 12))

    temporary_evaluator("annex5.p14", evaluate)
    return uni


def test_the_snapshot_equals_a_fresh_evaluation(labour_orders):
    snapshot = services.refresh_snapshot(today=TODAY)
    compared = assert_equals_fresh(snapshot, units=[labour_orders["chem"], labour_orders["econ"]])
    assert compared == snapshot.obligations_count == SnapshotObligation.objects.count()
    assert compared >= 6  # annex 1 items 2, 3, 7 and the four of item 9
    assert (snapshot.today, snapshot.is_complete) == (TODAY, True)


def test_stored_rows_keep_status_people_and_units(labour_orders, dean_chemistry):
    snapshot = services.refresh_snapshot(today=TODAY)
    rows = SnapshotObligation.objects.filter(snapshot=snapshot, process_id="annex5.p14").order_by("pk")
    assert [(r.subject, r.status, r.unit_id, r.user_id, r.done_at) for r in rows] == [
        ("Order 7", "overdue", labour_orders["econ"].pk, None, None),
        ("Order 7", "late", labour_orders["inorganic"].pk, dean_chemistry.pk, D(2026, 1, 9)),
        ("Order 3", "on_time", None, None, D(2026, 1, 2)),
        ("Order 1", "pending", labour_orders["chem"].pk, None, None),
    ]
    counts = SnapshotProcess.objects.get(snapshot=snapshot, process_id="annex5.p14")
    assert (counts.measured, counts.on_time, counts.late, counts.pending, counts.overdue) == (
        True,
        1,
        1,
        1,
        1,
    )
    unmeasured = SnapshotProcess.objects.get(snapshot=snapshot, process_id="annex9.p1")
    assert (unmeasured.measured, unmeasured.on_time) == (False, 0)
    assert SnapshotProcess.objects.filter(snapshot=snapshot).count() == len(registry.PROCESSES)


def test_progress_is_reported_once_per_process(situation):
    reports = Reports()
    services.refresh_snapshot(today=TODAY, progress=reports)
    n = len(registry.PROCESSES)
    assert [(done, total) for done, total, _ in reports.calls] == [(i, n) for i in range(1, n + 1)]
    assert reports.calls[0][2] == "annex1.p1: " + registry.BY_ID["annex1.p1"].title_uz
    assert reports.calls[-1][2].startswith("controlling.dormitory: ")


def test_the_refresh_is_audited(situation, rector):
    snapshot = services.refresh_snapshot(actor=rector, today=TODAY)
    event = AuditEvent.objects.get(action="compliance.snapshot.refreshed")
    assert (event.actor_id, event.target_type, event.target_id) == (
        rector.pk,
        "compliance.snapshot",
        str(snapshot.pk),
    )
    assert event.data == {
        "today": "2026-01-10",
        "obligations": snapshot.obligations_count,
        "duration_ms": snapshot.duration_ms,
    }
    assert snapshot.started_by == rector


def test_obligations_are_written_in_batches_as_they_come(university, temporary_evaluator):
    many = services.BATCH * 2 + 1
    written = []

    def evaluate(context):
        for n in range(many):
            if n == services.BATCH:  # the first batch is in the database before the next is built
                written.append(SnapshotObligation.objects.filter(process_id="annex5.p14").count())
            due = D(2026, 1, 12) if n % 2 else D(2026, 1, 6)
            yield Obligation(process_id="annex5.p14", subject=f"Order {n}", due=due)

    temporary_evaluator("annex5.p14", evaluate)
    snapshot = services.refresh_snapshot(today=TODAY)
    (result,) = (r for r in selectors.snapshot_results(snapshot) if r.process.id == "annex5.p14")
    assert written == [services.BATCH]
    assert result.counts.as_dict() == {
        "on_time": 0,
        "late": 0,
        "pending": many // 2,
        "overdue": many // 2 + 1,
    }
    assert SnapshotObligation.objects.filter(process_id="annex5.p14").count() == many


def test_a_snapshot_being_written_is_not_read(situation, temporary_evaluator):
    previous = services.refresh_snapshot(today=TODAY)
    seen = {}

    def evaluate(context):
        # Annex 5 item 9 comes after annex 1: by now their rows are in the database.
        seen["latest"] = selectors.latest_snapshot()
        seen["written"] = SnapshotObligation.objects.filter(snapshot__is_complete=False).count()
        yield Obligation(process_id="annex5.p14", subject="Order 1", due=D(2026, 1, 6))

    temporary_evaluator("annex5.p14", evaluate)
    new = services.refresh_snapshot(today=TODAY)
    assert seen == {"latest": previous, "written": previous.obligations_count}
    assert selectors.latest_snapshot() == new


def test_a_failed_refresh_leaves_the_previous_snapshot(situation, temporary_evaluator):
    previous = services.refresh_snapshot(today=TODAY)

    def evaluate(context):
        yield Obligation(process_id="annex5.p14", subject="Order 1", due=D(2026, 1, 6))
        raise RuntimeError("the evaluator broke")

    temporary_evaluator("annex5.p14", evaluate)
    with pytest.raises(RuntimeError, match="the evaluator broke"):
        services.refresh_snapshot(today=TODAY)
    assert list(Snapshot.objects.all()) == [previous]
    assert SnapshotObligation.objects.exclude(snapshot=previous).count() == 0
    assert AuditEvent.objects.filter(action="compliance.snapshot.refreshed").count() == 1
    assert selectors.latest_snapshot() == previous


def test_only_the_last_snapshots_are_kept(situation):
    made = [services.refresh_snapshot(today=TODAY) for _ in range(services.KEEP + 2)]
    kept = made[-services.KEEP :]
    assert list(Snapshot.objects.order_by("pk")) == kept
    assert set(SnapshotObligation.objects.values_list("snapshot", flat=True)) == {s.pk for s in kept}
    assert set(SnapshotProcess.objects.values_list("snapshot", flat=True)) == {s.pk for s in kept}


def test_a_run_that_died_is_swept_but_a_running_one_is_not(situation):
    dead = Snapshot.objects.create(today=TODAY)
    Snapshot.objects.filter(pk=dead.pk).update(created_at=at(2026, 1, 1))
    SnapshotObligation.objects.create(
        snapshot=dead, process_id="annex1.p2", subject="x", due=TODAY, status="pending"
    )
    running = Snapshot.objects.create(today=TODAY)  # another refresh, still writing
    done = services.refresh_snapshot(today=TODAY)
    assert set(Snapshot.objects.all()) == {running, done}
    assert not SnapshotObligation.objects.filter(snapshot=dead).exists()


def test_the_snapshot_keeps_the_days_it_was_computed_under(university):
    university.staff_entry_days = 10
    university.save()
    snapshot = services.refresh_snapshot(today=TODAY)
    university.staff_entry_days = 3
    university.save()
    by_id = {r.process.id: r for r in selectors.snapshot_results(snapshot)}
    assert snapshot.configured_days == {"staff_entry_days": 10}
    assert by_id["annex3.p3"].process.rule_text == "after(order, 10)"


def test_subjects_are_stored_in_the_universitys_language(university, temporary_evaluator):
    """Whoever starts the refresh (a Russian-speaking rector, the scheduler), the stored text is Uzbek."""

    def evaluate(context):
        yield Obligation(process_id="annex5.p14", subject=gettext("Overdue"), due=D(2026, 1, 6))

    temporary_evaluator("annex5.p14", evaluate)
    with translation.override("ru"):
        snapshot = services.refresh_snapshot(today=TODAY)
    assert SnapshotObligation.objects.get(snapshot=snapshot).subject == "Muddati oʻtgan"
