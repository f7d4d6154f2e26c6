"""Every access decision of OpenHEMIS.

``can(principal, action, obj)`` answers one question; ``require`` raises PermissionDenied;
``visible_<model>(principal)`` are the querysets views and the API must fetch protected objects
through (an object outside them is "not found", whether it exists or not).

Actions are dotted codes ``<domain>.<verb>``. Each domain has a module here with its ``RULES``
(action → the roles that may perform it), its ``UNIT_PATHS`` (how a scoped model finds its org
unit) and its ``visible_*`` querysets; this package merges the tables into one and the engine
(``engine.py``) applies them: the role first, then the scope of the active role (university, a
faculty, a department, own records).
"""

from hemis.access.policy import (
    academics,
    access,
    audit,
    cabinet,
    careers,
    classifiers,
    compliance,
    core,
    curricula,
    documents,
    electives,
    exchange,
    grading,
    graduation,
    integrations,
    jobs,
    movements,
    org,
    schedule,
    staff,
    students,
    teaching,
)
from hemis.access.policy.academics import (
    may_manage_programmes_in,
    programme_faculties,
    visible_programmes,
    visible_subjects,
)
from hemis.access.policy.access import password_resettable_users, visible_users
from hemis.access.policy.careers import (
    competition_units,
    visible_career_employees,
    visible_competitions,
    visible_training_records,
)
from hemis.access.policy.core import sees_personal_data
from hemis.access.policy.curricula import curriculum_programmes, visible_curricula
from hemis.access.policy.engine import allowed_actions, can, require, university_wide, who_can
from hemis.access.policy.grading import (
    gradable_statements,
    grading_groups,
    grading_students,
    managed_restudy_groups,
    managed_statements,
    plan_groups,
    plan_students,
    reads_restudy,
    restudy_faculties,
    restudy_students,
    statement_group_subjects,
    visible_restudy_groups,
    visible_statements,
)
from hemis.access.policy.jobs import visible_jobs
from hemis.access.policy.movements import order_faculties, visible_orders
from hemis.access.policy.org import editable_org_units, visible_org_units
from hemis.access.policy.schedule import (
    draft_faculties,
    editable_entries,
    editable_groups,
    editable_lessons,
    has_calendar_feed,
    may_edit_load,
    monitored_faculties,
    timetable_groups,
    visible_drafts,
    visible_entries,
    visible_lessons,
    visible_loads,
    visible_rooms,
    visible_teachers,
)
from hemis.access.policy.staff import (
    appointment_units,
    visible_employees,
    visible_staff_org_units,
    visible_staff_units,
)
from hemis.access.policy.students import (
    assignable_groups,
    group_programmes,
    visible_achievements,
    visible_groups,
    visible_students,
    visible_subgroups,
)
from hemis.access.policy.teaching import (
    absence_list_faculties,
    department_group_subjects,
    department_loads,
    editable_journal_lessons,
    excusable_students,
    gradable_submissions,
    journal_lessons,
    may_edit_content,
    own_loads,
    reopenable_lessons,
    reviewable_works,
    submittable_assignments,
    teaching_departments,
    teaching_loads,
    visible_assignments,
    visible_excuses,
    visible_resources,
    visible_submissions,
    visible_works,
)

DOMAINS = (
    core,
    jobs,
    access,
    audit,
    classifiers,
    org,
    staff,
    careers,
    academics,
    curricula,
    students,
    movements,
    schedule,
    teaching,
    grading,
    electives,
    graduation,
    documents,
    integrations,
    exchange,
    cabinet,
    compliance,
)


def _merged(tables: list[dict]) -> dict:
    merged: dict = {}
    for table in tables:
        clash = merged.keys() & table.keys()
        if clash:
            raise ValueError(f"policy entries defined twice: {sorted(clash)}")
        merged.update(table)
    return merged


RULES: dict[str, frozenset[str]] = _merged([d.RULES for d in DOMAINS])
UNIT_PATHS: dict[str, tuple[str, ...]] = _merged([d.UNIT_PATHS for d in DOMAINS])
UNIT_FINDERS = _merged([getattr(d, "UNIT_FINDERS", {}) for d in DOMAINS])

__all__ = [
    "gradable_statements",
    "grading_groups",
    "grading_students",
    "managed_restudy_groups",
    "managed_statements",
    "plan_groups",
    "plan_students",
    "reads_restudy",
    "restudy_faculties",
    "restudy_students",
    "statement_group_subjects",
    "visible_restudy_groups",
    "visible_statements",
    "absence_list_faculties",
    "department_group_subjects",
    "department_loads",
    "teaching_departments",
    "editable_journal_lessons",
    "excusable_students",
    "journal_lessons",
    "may_edit_content",
    "own_loads",
    "reopenable_lessons",
    "reviewable_works",
    "submittable_assignments",
    "teaching_loads",
    "visible_excuses",
    "visible_works",
    "gradable_submissions",
    "visible_assignments",
    "visible_resources",
    "visible_submissions",
    "visible_teachers",
    "visible_rooms",
    "visible_loads",
    "visible_lessons",
    "visible_entries",
    "visible_drafts",
    "timetable_groups",
    "monitored_faculties",
    "may_edit_load",
    "has_calendar_feed",
    "editable_lessons",
    "editable_groups",
    "editable_entries",
    "draft_faculties",
    "RULES",
    "UNIT_PATHS",
    "allowed_actions",
    "appointment_units",
    "assignable_groups",
    "can",
    "competition_units",
    "curriculum_programmes",
    "editable_org_units",
    "group_programmes",
    "may_manage_programmes_in",
    "order_faculties",
    "password_resettable_users",
    "programme_faculties",
    "require",
    "sees_personal_data",
    "university_wide",
    "visible_achievements",
    "visible_career_employees",
    "visible_competitions",
    "visible_curricula",
    "visible_employees",
    "visible_groups",
    "visible_jobs",
    "visible_orders",
    "visible_org_units",
    "visible_programmes",
    "visible_staff_org_units",
    "visible_staff_units",
    "visible_students",
    "visible_subgroups",
    "visible_subjects",
    "visible_training_records",
    "visible_users",
    "who_can",
]
