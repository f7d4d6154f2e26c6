"""Academic years and semesters, and which of them is current (annex 4, item 2)."""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hemis.academics.models import AcademicYear, Semester
from hemis.academics.services.common import assign, snapshot
from hemis.audit import services as audit

YEAR_FIELDS = ("name", "start_date", "end_date")
SEMESTER_FIELDS = ("semester_type", "number", "start_date", "end_date")
YEAR_NAME = re.compile(r"^(\d{4})-(\d{4})$")


def _d(day) -> str:
    return day.strftime("%d.%m.%Y")


def _check_year(year: AcademicYear) -> None:
    match = YEAR_NAME.match(year.name or "")
    if not match or int(match[2]) != int(match[1]) + 1:
        raise ValidationError(
            {"name": [_("Write the academic year as two consecutive years, e.g. 2026-2027.")]}
        )
    if year.start_date is None or year.end_date is None:
        return  # full_clean() names the missing date
    if year.end_date <= year.start_date:
        raise ValidationError({"end_date": [_("The end date must be after the start date.")]})
    other = (
        AcademicYear.objects.exclude(pk=year.pk)
        .filter(start_date__lte=year.end_date, end_date__gte=year.start_date)
        .first()
    )
    if other is not None:
        raise ValidationError(
            {"start_date": [_("The dates overlap the academic year %(year)s.") % {"year": other.name}]}
        )
    outside = (
        year.semesters.exclude(start_date__gte=year.start_date, end_date__lte=year.end_date).first()
        if year.pk
        else None
    )
    if outside is not None:
        raise ValidationError(
            {
                "start_date": [
                    _("The semester %(semester)s would fall outside the year.") % {"semester": outside}
                ]
            }
        )


@transaction.atomic
def save_year(*, year: AcademicYear | None = None, values: dict[str, Any], actor) -> AcademicYear:
    """Create an academic year or change its name and dates (its semesters must stay inside)."""
    creating = year is None
    year = year or AcademicYear(created_by=actor)
    before = None if creating else snapshot(year, YEAR_FIELDS)
    assign(year, {k: v for k, v in values.items() if k in YEAR_FIELDS})
    _check_year(year)
    year.full_clean()
    year.save()
    verb = "created" if creating else "updated"
    audit.record(
        actor=actor,
        action=f"academics.academicyear.{verb}",
        target=year,
        before=before,
        after=snapshot(year, YEAR_FIELDS),
    )
    return year


def _check_semester(semester: Semester) -> None:
    year = semester.academic_year
    if semester.start_date is None or semester.end_date is None:
        return  # full_clean() names the missing date
    if semester.end_date <= semester.start_date:
        raise ValidationError({"end_date": [_("The end date must be after the start date.")]})
    if semester.start_date < year.start_date:
        raise ValidationError(
            {
                "start_date": [
                    _("The semester must start within the academic year (from %(date)s).")
                    % {"date": _d(year.start_date)}
                ]
            }
        )
    if semester.end_date > year.end_date:
        raise ValidationError(
            {
                "end_date": [
                    _("The semester must end within the academic year (by %(date)s).")
                    % {"date": _d(year.end_date)}
                ]
            }
        )
    siblings = year.semesters.exclude(pk=semester.pk)
    if siblings.filter(number=semester.number).exists():
        raise ValidationError({"number": [_("This year already has a semester with this number.")]})
    other = siblings.filter(start_date__lte=semester.end_date, end_date__gte=semester.start_date).first()
    if other is not None:
        raise ValidationError(
            {
                "start_date": [
                    _("The dates overlap the semester %(semester)s (%(start)s–%(end)s).")
                    % {"semester": other, "start": _d(other.start_date), "end": _d(other.end_date)}
                ]
            }
        )


@transaction.atomic
def save_semester(
    *,
    semester: Semester | None = None,
    academic_year: AcademicYear | None = None,
    values: dict[str, Any],
    actor,
) -> Semester:
    """Create a semester of ``academic_year`` or change one; dates inside the year, no overlap."""
    creating = semester is None
    semester = semester or Semester(academic_year=academic_year, created_by=actor)
    AcademicYear.objects.select_for_update().filter(pk=semester.academic_year_id).first()  # one writer a year
    before = None if creating else snapshot(semester, SEMESTER_FIELDS)
    assign(semester, {k: v for k, v in values.items() if k in SEMESTER_FIELDS})
    _check_semester(semester)
    semester.full_clean()
    semester.save()
    verb = "created" if creating else "updated"
    audit.record(
        actor=actor,
        action=f"academics.semester.{verb}",
        target=semester,
        before=before,
        after=snapshot(semester, SEMESTER_FIELDS),
    )
    return semester


@transaction.atomic
def delete_semester(*, semester: Semester, actor) -> None:
    if semester.is_current:
        raise ValidationError({"semester": [_("The current semester cannot be deleted.")]})
    audit.record(
        actor=actor,
        action="academics.semester.deleted",
        target=semester,
        before=snapshot(semester, SEMESTER_FIELDS),
    )
    semester.delete()


@transaction.atomic
def make_current(*, semester: Semester, actor) -> Semester:
    """Make ``semester`` and its year the current ones, all others not; keeps the first day it was made
    current (``made_current_on``) for annex 4 item 2."""
    previous = Semester.objects.select_for_update().filter(is_current=True).first()
    if previous is not None and previous.pk == semester.pk:
        return semester
    Semester.objects.filter(is_current=True).update(is_current=False)
    AcademicYear.objects.filter(is_current=True).update(is_current=False)
    AcademicYear.objects.filter(pk=semester.academic_year_id).update(is_current=True)
    semester.is_current = True
    semester.made_current_on = semester.made_current_on or timezone.localdate()
    semester.save(update_fields=["is_current", "made_current_on", "updated_at"])
    semester.academic_year.is_current = True
    audit.record(
        actor=actor,
        action="academics.semester.made_current",
        target=semester,
        before={"current": str(previous) if previous else None},
        after={"current": str(semester), "made_current_on": semester.made_current_on},
    )
    return semester
