"""The individual plan for clearing academic debts (annex 5 item 12).

- ``create_plan``: one open ``PlanItem`` per current debt of a student that no open item covers yet — a
  re-sit by default, paid re-study where the student already sat the 2nd and 3rd statements of the
  subject's final control; ``create_group_plans`` the same for every student of a group at once.
- ``cancel_item``: the dean's office takes an open item back.
- ``clear_items``: set-based, open items whose record now passes become cleared (``cleared_on`` today);
  called after every record refresh.

Every write is audited.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.audit import services as audit
from hemis.grading.debt_selectors import open_item_q
from hemis.grading.enums import DEBTS, ClearingWay, PlanItemStatus, RecordStatus
from hemis.grading.models import AcademicRecord, PlanItem, StatementLine
from hemis.schedule.enums import Attempt, ControlKind
from hemis.students.models import StudentStatus

RESITS = (Attempt.SECOND, Attempt.THIRD)


def resits_used(student_ids: Iterable[int], curriculum_subject_ids: Iterable[int]) -> set[tuple[int, int]]:
    """(student, curriculum subject) pairs whose student sat both the 2nd and the 3rd statement of the
    subject's final control (one query)."""
    rows = (
        StatementLine.objects.filter(
            student_id__in=list(student_ids),
            curriculum_subject_id__in=list(curriculum_subject_ids),
            statement__restudy_group__isnull=True,
            statement__control_kind=ControlKind.FINAL,
            statement__attempt__in=RESITS,
        )
        .values_list("student_id", "curriculum_subject_id", "statement__attempt")
        .distinct()
    )
    seen: dict[tuple[int, int], set[str]] = defaultdict(set)
    for student_id, cs_id, attempt in rows:
        seen[(student_id, cs_id)].add(attempt)
    return {key for key, attempts in seen.items() if attempts >= set(RESITS)}


def _check_due(due_date: dt.date, today: dt.date) -> None:
    if due_date < today:
        raise ValidationError(
            {"due_date": [_("The due date %(date)s is in the past.") % {"date": f"{due_date:%d.%m.%Y}"}]}
        )


def _uncovered_debts(student_ids: Iterable[int]):
    """The debts of ``student_ids`` no open plan item covers, with their subject."""
    return (
        AcademicRecord.objects.filter(student_id__in=list(student_ids), status__in=DEBTS)
        .exclude(open_item_q())
        .select_related("curriculum_subject__subject")
        .order_by("student_id", "curriculum_subject__subject__code")
    )


def _item_values(item: PlanItem) -> dict:
    return {
        "student": item.student_id,
        "curriculum_subject": item.curriculum_subject_id,
        "debt": item.debt,
        "way": item.way,
        "due_date": item.due_date,
        "status": item.status,
    }


@transaction.atomic
def create_plan(
    *, student, actor, due_date: dt.date, way_by_subject: dict | None = None, today: dt.date | None = None
) -> list[PlanItem]:
    """The student's individual plan: an open item due ``due_date`` for each of their debts not yet
    covered. ``way_by_subject`` {curriculum subject or its pk: ClearingWay} overrides the default way (a re-sit;
    paid re-study once the 2nd and 3rd statements are used — then a re-sit is refused). Items whose
    record passed since are cleared first. Refused: a due date in the past, a student with no debts, a
    subject already planned or not a debt."""
    today = today or timezone.localdate()
    _check_due(due_date, today)
    clear_items(student_ids=[student.pk], today=today, actor=actor)  # items of debts cleared since
    way_by_subject = {int(getattr(k, "pk", k)): v for k, v in (way_by_subject or {}).items()}
    debts = list(
        AcademicRecord.objects.filter(student=student, status__in=DEBTS).select_related(
            "curriculum_subject__subject"
        )
    )
    if not debts:
        raise ValidationError(
            {"student": [_("%(name)s has no academic debts.") % {"name": student.full_name}]}
        )
    open_ids = set(
        PlanItem.objects.filter(student=student, status=PlanItemStatus.OPEN).values_list(
            "curriculum_subject_id", flat=True
        )
    )
    by_cs = {record.curriculum_subject_id: record for record in debts}
    for cs_id, way in way_by_subject.items():
        if way not in ClearingWay.values:
            raise ValidationError({"way": [_("Unknown way of clearing a debt.")]})
        if cs_id not in by_cs:
            raise ValidationError({"way": [_("The subject is not one of the student's debts.")]})
        if cs_id in open_ids:
            raise ValidationError(
                {
                    "way": [
                        _("%(subject)s already has an open item in the plan.")
                        % {"subject": by_cs[cs_id].curriculum_subject.subject.name}
                    ]
                }
            )
    todo = [record for record in debts if record.curriculum_subject_id not in open_ids]
    if not todo:
        raise ValidationError(
            {
                "student": [
                    _("Every debt of %(name)s already has an open item in the plan.")
                    % {"name": student.full_name}
                ]
            }
        )
    used = resits_used([student.pk], by_cs)
    items = [
        _new_item(record, due_date, way_by_subject.get(record.curriculum_subject_id), used) for record in todo
    ]
    PlanItem.objects.bulk_create(items)
    audit.record_many(
        actor=actor, action="grading.plan_item.created", items=[(i, _item_values(i)) for i in items]
    )
    return items


def _new_item(record: AcademicRecord, due_date: dt.date, way: str | None, used: set) -> PlanItem:
    exhausted = (record.student_id, record.curriculum_subject_id) in used
    if way == ClearingWay.RESIT and exhausted:
        raise ValidationError(
            {
                "way": [
                    _(
                        "The 2nd and 3rd statements of %(subject)s are used: only paid re-study clears "
                        "this debt."
                    )
                    % {"subject": record.curriculum_subject.subject.name}
                ]
            }
        )
    return PlanItem(
        student_id=record.student_id,
        curriculum_subject_id=record.curriculum_subject_id,
        debt=record.status,
        way=way or (ClearingWay.RESTUDY if exhausted else ClearingWay.RESIT),
        due_date=due_date,
    )


@transaction.atomic
def create_group_plans(*, group, actor, due_date: dt.date, today: dt.date | None = None) -> list[PlanItem]:
    """An open item due ``due_date`` for every debt of the studying students of ``group`` that no open
    item covers (the default ways); refused when there is none (a constant number of queries)."""
    today = today or timezone.localdate()
    _check_due(due_date, today)
    students = list(group.students.filter(status=StudentStatus.STUDYING).values_list("pk", flat=True))
    clear_items(student_ids=students, today=today, actor=actor)  # items of debts cleared since
    todo = list(_uncovered_debts(students))
    if not todo:
        raise ValidationError(
            {"group": [_("No student of %(group)s has a debt without a plan.") % {"group": group.name}]}
        )
    used = resits_used({r.student_id for r in todo}, {r.curriculum_subject_id for r in todo})
    items = [_new_item(record, due_date, None, used) for record in todo]
    PlanItem.objects.bulk_create(items)
    audit.record_many(
        actor=actor, action="grading.plan_item.created", items=[(i, _item_values(i)) for i in items]
    )
    return items


@transaction.atomic
def cancel_item(*, item: PlanItem, actor, note: str = "") -> PlanItem:
    """Cancel an open plan item (``note`` says why); a cleared or cancelled one is refused."""
    changed = PlanItem.objects.filter(pk=item.pk, status=PlanItemStatus.OPEN).update(
        status=PlanItemStatus.CANCELLED, note=note[:255], updated_at=timezone.now()
    )
    if not changed:
        raise ValidationError({"status": [_("Only an open item of the plan can be cancelled.")]})
    item.refresh_from_db()
    audit.record(
        actor=actor,
        action="grading.plan_item.cancelled",
        target=item,
        before={"status": PlanItemStatus.OPEN},
        after={"status": item.status, "note": item.note},
    )
    return item


@transaction.atomic
def clear_items(*, student_ids: Iterable[int] | None = None, today: dt.date | None = None, actor=None) -> int:
    """Open plan items whose record now passes become cleared on ``today`` (of ``student_ids``, all when
    None); the number cleared. A select, an update and one audit event, whatever the number."""
    today = today or timezone.localdate()
    passed = AcademicRecord.objects.filter(
        student_id=OuterRef("student_id"),
        curriculum_subject_id=OuterRef("curriculum_subject_id"),
        status=RecordStatus.PASSED,
    )
    items = PlanItem.objects.filter(Exists(passed), status=PlanItemStatus.OPEN)
    if student_ids is not None:
        items = items.filter(student_id__in=list(student_ids))
    pks = list(items.order_by("pk").values_list("pk", flat=True))
    if not pks:
        return 0
    cleared = PlanItem.objects.filter(pk__in=pks, status=PlanItemStatus.OPEN).update(
        status=PlanItemStatus.CLEARED, cleared_on=today, updated_at=timezone.now()
    )
    audit.record(actor=actor, action="grading.plan_item.cleared", data={"items": sorted(pks), "on": today})
    return cleared
