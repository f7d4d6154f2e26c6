"""Timetables, control schedules, teaching loads, drafts and calendar feeds (annex 5 items 9–10,
annex 4 item 10). Deans edit their faculty's timetables; the academic department reads all and
monitors them; teachers and students read their own."""

from django.db.models import Q

from hemis.access.policy.engine import can, scope_q, scoped
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    "schedule.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC, R.DEAN}),
    "schedule.edit": frozenset({R.SUPER_ADMIN, R.DEAN}),  # entries, lessons, controls, drafts (items 9, 10)
    "schedule.loads.edit": frozenset({R.SUPER_ADMIN, R.DEAN, R.HEAD}),  # who teaches what (annex 6)
    "schedule.monitoring": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC}),  # annex 4 item 10
    "schedule.own": frozenset({R.TEACHER, R.STUDENT}),  # one's own week, controls and calendar feed
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {
    "schedule.TimetableEntry": ("faculty",),
    "schedule.Lesson": ("faculty",),
    "schedule.Draft": ("faculty",),
    "schedule.TeachingLoad": ("group_subject", "group", "faculty"),
}


def _own_lessons(principal: Principal):
    from hemis.schedule import selectors

    if principal.role == R.TEACHER:
        return selectors.taught_lessons(principal.user)
    return selectors.attended_lessons(principal.user)


def visible_lessons(principal: Principal):
    """Dated lessons and controls the active role may read."""
    from hemis.schedule.models import Lesson

    if principal.role in (R.TEACHER, R.STUDENT):
        return _own_lessons(principal)
    return scoped(principal, "schedule.view", Lesson, "faculty__path")


def visible_entries(principal: Principal):
    from hemis.schedule.models import TimetableEntry

    if principal.role == R.TEACHER:
        return TimetableEntry.objects.filter(teacher__user=principal.user)
    if principal.role == R.STUDENT:
        return TimetableEntry.objects.filter(groups__group__students__user=principal.user)
    return scoped(principal, "schedule.view", TimetableEntry, "faculty__path")


def editable_entries(principal: Principal):
    from hemis.schedule.models import TimetableEntry

    return scoped(principal, "schedule.edit", TimetableEntry, "faculty__path")


def editable_lessons(principal: Principal):
    from hemis.schedule.models import Lesson

    return scoped(principal, "schedule.edit", Lesson, "faculty__path")


def timetable_groups(principal: Principal):
    """Groups whose timetable the active role reads (a teacher: the groups they teach)."""
    from hemis.students.models import Group

    if principal.role == R.TEACHER:
        # Subqueries, not joins: a teacher holds several loads and lessons of one group.
        taught = Q(pk__in=_own_lessons(principal).values("attendees__group"))
        loaded = Q(pk__in=Group.objects.filter(subjects__loads__teacher__user=principal.user).values("pk"))
        return Group.objects.filter(taught | loaded)
    if principal.role == R.STUDENT:
        return Group.objects.filter(students__user=principal.user)
    return scoped(principal, "schedule.view", Group, "faculty__path")


def editable_groups(principal: Principal):
    """Groups whose timetable and control schedule the active role builds (a dean: its faculty's)."""
    from hemis.students.models import Group

    return scoped(principal, "schedule.edit", Group, "faculty__path")


def visible_teachers(principal: Principal):
    """Teachers whose week the active role may read: a teacher themself; the schedule readers, every
    teacher with a lesson or a load in their scope."""
    from hemis.staff.models import Employee

    if principal.role == R.TEACHER:
        return Employee.objects.filter(user=principal.user)
    if not can(principal, "schedule.view"):
        return Employee.objects.none()
    q = scope_q(principal, "teaching_loads__group_subject__group__faculty__path")
    loads = Employee.objects.filter(teaching_loads__isnull=False) if q is None else Employee.objects.filter(q)
    return Employee.objects.filter(pk__in=loads.values("pk"))


def visible_rooms(principal: Principal):
    """Rooms whose timetable the active role may read (rooms are shared by the whole university)."""
    from hemis.org.models import Room

    if not can(principal, "schedule.view"):
        return Room.objects.none()
    return Room.objects.all()


def visible_loads(principal: Principal):
    from hemis.schedule.models import TeachingLoad

    if principal.role == R.TEACHER:
        return TeachingLoad.objects.filter(teacher__user=principal.user)
    if principal.role == R.HEAD:
        q = scope_q(principal, "group_subject__curriculum_subject__department__path")
        return TeachingLoad.objects.all() if q is None else TeachingLoad.objects.filter(q)
    return scoped(principal, "schedule.view", TeachingLoad, "group_subject__group__faculty__path")


def may_edit_load(principal: Principal, group_subject) -> bool:
    """A dean puts teachers on its faculty's groups; a head of department on its department's subjects."""
    if not can(principal, "schedule.loads.edit"):
        return False
    if principal.role == R.HEAD:
        return principal.covers(group_subject.curriculum_subject.department)
    return principal.covers(group_subject.group.faculty)


def visible_drafts(principal: Principal):
    from hemis.schedule.models import Draft

    return scoped(principal, "schedule.edit", Draft, "faculty__path")


def draft_faculties(principal: Principal):
    """Faculties the active role may ask the solver for a draft week of."""
    from hemis.org.models import OrgUnit, StructureType

    return scoped(principal, "schedule.edit", OrgUnit, "path").filter(structure_type=StructureType.FACULTY)


def monitored_faculties(principal: Principal):
    """Faculties whose timetables the active role monitors (annex 4 item 10)."""
    from hemis.org.models import OrgUnit, StructureType

    return scoped(principal, "schedule.monitoring", OrgUnit, "path").filter(
        structure_type=StructureType.FACULTY
    )


def has_calendar_feed(principal: Principal) -> bool:
    """Teachers and students have a personal calendar feed of their own lessons."""
    return can(principal, "schedule.own")
