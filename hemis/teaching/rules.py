"""The attendance rules of a marking system: its own row, or the defaults of its HEMIS code."""

from dataclasses import dataclass

from hemis.academics.enums import MarkingSystemCode


@dataclass(frozen=True)
class Rules:
    daily_marks: bool
    daily_mark_min: int
    daily_mark_max: int
    warning_hours: int
    reprimand_hours: int
    expulsion_hours: int


# Unexcused academic hours of a semester: the common thresholds of Uzbek universities (74 hours
# unexcused is grounds for expulsion). The five-point system keeps daily marks (2–5).
DEFAULTS = Rules(False, 2, 5, 24, 48, 74)
FIVE_POINT = Rules(True, 2, 5, 24, 48, 74)


def over_bar(unexcused: int, planned: int | None, bar_percent: int) -> bool:
    """Whether ``unexcused`` absent hours pass the bar of ``bar_percent`` % of a subject's ``planned``
    hours (``UniversitySettings.bar_absence_percent``): the student is not admitted to its final
    control. A subject with no planned hours (or none known) bars nobody."""
    return bool(planned) and unexcused * 100 > bar_percent * planned


def rules_for(marking_system) -> Rules:
    """The rules of ``marking_system`` (an ``academics.MarkingSystem``, its ``attendance_rules`` row
    prefetched or not; None: the defaults)."""
    if marking_system is None:
        return DEFAULTS
    row = getattr(marking_system, "attendance_rules", None)
    if row is not None:
        return Rules(
            row.daily_marks,
            row.daily_mark_min,
            row.daily_mark_max,
            row.warning_hours,
            row.reprimand_hours,
            row.expulsion_hours,
        )
    return FIVE_POINT if marking_system.code == MarkingSystemCode.FIVE_POINT else DEFAULTS


def student_rules(student) -> Rules:
    """The attendance rules of the student's group's marking system."""
    group = student.group
    return rules_for(group.curriculum.marking_system if group and group.curriculum else None)
