"""Reads of the clearance sheet and the diploma gate: a student's sheet with each line's history, a
unit's queue, the graduating students with their clearance state, and whether the diploma is available
(annex 13 item 9: the sheet fully signed and the diploma marked issued)."""

from dataclasses import dataclass, field

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from hemis.graduation.enums import LineState
from hemis.graduation.models import ClearanceDecision, ClearanceLine, ClearanceSheet, ClearanceUnit, Diploma
from hemis.students.models import Student, StudentStatus


def sheet_of(student: Student, *, history: bool = True) -> ClearanceSheet | None:
    """The student's sheet with its lines (by unit order) and their units, and with ``history`` each
    line's decisions (three queries; two without)."""
    lines = ClearanceLine.objects.select_related("unit")
    if history:
        lines = lines.prefetch_related(
            Prefetch("decisions", queryset=ClearanceDecision.objects.order_by("at", "pk"))
        )
    return (
        ClearanceSheet.objects.filter(student=student)
        .prefetch_related(Prefetch("lines", queryset=lines.order_by("unit__order", "unit__code")))
        .first()
    )


def fully_signed(sheet: ClearanceSheet | None) -> bool:
    """Whether every line of ``sheet`` (its prefetched lines) is signed; a sheet of no lines is not."""
    if sheet is None:
        return False
    lines = list(sheet.lines.all())
    return bool(lines) and all(line.state == LineState.SIGNED for line in lines)


def units() -> QuerySet[ClearanceUnit]:
    """Every unit, with the number of its lines and of its pending ones."""
    return ClearanceUnit.objects.annotate(
        line_count=Count("lines"), pending_count=Count("lines", filter=Q(lines__state=LineState.PENDING))
    ).order_by("order", "code")


# --- a unit's queue ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueFilter:
    state: str = ""
    unit: object = None
    search: str = ""  # a name or a student ID


def queue(lines: QuerySet[ClearanceLine], flt: QueueFilter = QueueFilter()) -> QuerySet[ClearanceLine]:
    """``lines`` filtered, pending ones first (the longest waiting first), then the decided ones, latest
    first; with the student, the group and the unit (one query)."""
    if flt.state:
        lines = lines.filter(state=flt.state)
    if flt.unit is not None:
        lines = lines.filter(unit=flt.unit)
    if flt.search:
        term = flt.search.strip()
        lines = lines.filter(
            Q(sheet__student__student_id_number=term)
            | Q(sheet__student__last_name__icontains=term)
            | Q(sheet__student__first_name__icontains=term)
        )
    pending_first = Case(
        When(state=LineState.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return lines.select_related("unit", "sheet__student__group").order_by(
        pending_first, "ready_at", "-decided_at", "pk"
    )


# --- the graduating students and their diplomas -----------------------------------------------------


@dataclass(frozen=True)
class GraduatesFilter:
    search: str = ""
    group: object = None
    state: str = ""  # "", "none" no sheet, "open" not fully signed, "signed" fully signed, "issued"


def graduating_q() -> Q:
    """Students of their programme's last course (or graduates): studying, or graduated already."""
    return Q(status__in=[StudentStatus.STUDYING, StudentStatus.GRADUATED]) & (
        Q(is_graduate=True) | Q(course__gte=F("programme__duration_years"))
    )


def graduates(students: QuerySet[Student], flt: GraduatesFilter = GraduatesFilter()) -> QuerySet[Student]:
    """The graduating students among ``students`` with their group, diploma and the counts of their
    sheet's lines (all, signed; None without a sheet), by group and name (one query)."""
    rows = students.filter(graduating_q())
    if flt.group is not None:
        rows = rows.filter(group=flt.group)
    if flt.search:
        term = flt.search.strip()
        rows = rows.filter(
            Q(student_id_number=term) | Q(last_name__icontains=term) | Q(first_name__icontains=term)
        )
    rows = rows.annotate(
        line_count=Count("clearance_sheet__lines"),
        signed_count=Count(
            "clearance_sheet__lines", filter=Q(clearance_sheet__lines__state=LineState.SIGNED)
        ),
    )
    if flt.state == "none":
        rows = rows.filter(clearance_sheet__isnull=True)
    elif flt.state == "open":
        rows = rows.filter(clearance_sheet__isnull=False, signed_count__lt=F("line_count"))
    elif flt.state == "signed":
        rows = rows.filter(line_count__gt=0, signed_count=F("line_count"), diploma__isnull=True)
    elif flt.state == "issued":
        rows = rows.filter(diploma__isnull=False)
    return rows.select_related("group", "programme", "diploma", "clearance_sheet").order_by(
        "group__name", "last_name", "first_name", "pk"
    )


# --- the diploma gate (annex 13 item 9) -------------------------------------------------------------


@dataclass
class Condition:
    met: bool
    title: str
    missing: list[str] = field(default_factory=list)  # what stands in the way, one line each


@dataclass
class Gate:
    sheet: ClearanceSheet | None
    diploma: Diploma | None
    conditions: list[Condition]

    @property
    def open(self) -> bool:
        return all(c.met for c in self.conditions)


def diploma_gate(student: Student) -> Gate:
    """The two conditions of the diploma download, each with what is missing."""
    sheet = sheet_of(student, history=False)
    diploma = Diploma.objects.filter(student=student).first()
    missing: list[str] = []
    if sheet is None:
        missing.append(_("The clearance sheet is not opened."))
    else:
        lines = list(sheet.lines.all())
        if not lines:
            missing.append(_("The clearance sheet has no lines."))
        for line in lines:
            if line.state == LineState.REFUSED:
                missing.append(
                    _("%(unit)s: refused — %(reason)s") % {"unit": line.unit.name, "reason": line.reason}
                )
            elif line.state == LineState.PENDING:
                missing.append(_("%(unit)s: not signed yet") % {"unit": line.unit.name})
    cleared = Condition(met=not missing, title=_("The clearance sheet is fully signed"), missing=missing)
    issued = Condition(
        met=diploma is not None,
        title=_("The diploma is marked issued by the diploma department"),
        missing=[] if diploma else [_("The diploma department has not recorded the diploma yet.")],
    )
    return Gate(sheet=sheet, diploma=diploma, conditions=[cleared, issued])


def diploma_available(student: Student) -> bool:
    """Whether ``student`` may download their diploma and its supplement."""
    return diploma_gate(student).open
