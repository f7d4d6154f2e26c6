"""Every access decision of OpenHEMIS.

``can(principal, action, obj)`` answers one question; ``require`` raises PermissionDenied;
``visible_<model>(principal)`` are the querysets views and the API must fetch protected objects
through (an object outside them is "not found", whether it exists or not).

Actions are dotted codes ``<domain>.<verb>``. ``RULES`` maps each action to the roles that may
perform it; the scope of the active role (university, a faculty, a department, own records)
then limits which objects.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from hemis.access.models import RoleGrant, User
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R
from hemis.access.roles import Scope

ALL_STAFF_ROLES = frozenset(r for r in R.values if r != R.STUDENT)
EVERYONE = frozenset(R.values)
READ_ALL = frozenset({R.SUPER_ADMIN, R.MANAGEMENT})

RULES: dict[str, frozenset[str]] = {
    "web.dashboard": EVERYONE,
    "web.profile": EVERYONE,
    "org.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.HR, R.ACADEMIC, R.DEAN, R.HEAD, R.ICT}),
    "staff.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.HR, R.ACADEMIC, R.DEAN, R.HEAD}),
    "students.view": frozenset(
        {
            R.SUPER_ADMIN,
            R.MANAGEMENT,
            R.ACADEMIC,
            R.DEAN,
            R.MARKETING,
            R.ACCOUNTING,
            R.DIPLOMA,
            R.LIBRARY,
            R.DORMITORY,
        }
    ),
    "people.personal_data": frozenset({R.SUPER_ADMIN, R.HR, R.DEAN}),
    "access.manage_roles": frozenset({R.SUPER_ADMIN}),
    "audit.view": frozenset({R.SUPER_ADMIN}),
    # -- structure (org) --
    "org.edit": frozenset({R.SUPER_ADMIN, R.HR}),  # requisites, licences, accreditation, structure
    "rooms.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC}),
    "rooms.edit": frozenset({R.SUPER_ADMIN, R.ACADEMIC}),  # buildings and rooms (annex 4 item 5)
    # -- staff --
    "staff.edit": frozenset({R.SUPER_ADMIN, R.HR}),  # employees, appointments, labour events, shtat, import
    "staff.create_account": frozenset({R.HR}),  # logins for employees: HR only
    # -- careers --
    "careers.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.HR, R.ACADEMIC, R.DEAN, R.HEAD}),
    "careers.competition.edit": frozenset({R.SUPER_ADMIN, R.HR}),  # annex 3 item 4
    "careers.training.edit": frozenset({R.SUPER_ADMIN, R.HR, R.ACADEMIC}),  # annex 4 item 9
    # -- academic set-up --
    "academics.setup.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC, R.DEAN, R.HEAD}),
    "academics.setup.edit": frozenset({R.SUPER_ADMIN, R.ACADEMIC}),  # annex 4 items 1, 2, 3, 6, 7
    # -- programmes and subject catalogue (issue 5) --
    "programmes.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC, R.DEAN, R.HEAD, R.MARKETING}),
    "programmes.edit": frozenset({R.SUPER_ADMIN, R.ACADEMIC, R.DEAN}),  # annex 5 item 1, annex 4 item 4
    "subjects.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC, R.DEAN, R.HEAD}),
    "subjects.edit": frozenset({R.SUPER_ADMIN, R.ACADEMIC}),  # the subject catalogue, annex 4 item 8
    # -- curricula (issue 5) --
    "curricula.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC, R.DEAN, R.HEAD}),
    "curricula.edit": frozenset({R.SUPER_ADMIN, R.DEAN}),  # curricula, weeks, subjects (annex 5 items 2, 3)
    "curricula.approve": frozenset({R.SUPER_ADMIN, R.DEAN}),
    "curricula.return_to_draft": frozenset({R.SUPER_ADMIN}),
    # -- groups, students, group subjects (issue 5) --
    "students.groups.edit": frozenset({R.SUPER_ADMIN, R.DEAN}),  # groups, subgroups (annex 5 item 4)
    "students.edit": frozenset({R.SUPER_ADMIN, R.DEAN}),  # person and non-movement data of a student
    "students.assign_group": frozenset({R.SUPER_ADMIN, R.DEAN}),  # students without a group (item 6)
    "students.group_subjects.edit": frozenset({R.SUPER_ADMIN, R.DEAN}),  # annex 5 item 8
    # -- student orders and movements (issue 5) --
    "orders.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC, R.DEAN}),
    "orders.edit": frozenset({R.SUPER_ADMIN, R.DEAN}),  # prepare orders and their students (annex 5 item 7)
    "orders.apply": frozenset({R.SUPER_ADMIN, R.DEAN}),
    # -- admission (issue 5) --
    # -- achievements (issue 5) --
    "achievements.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC, R.DEAN}),
    "achievements.edit": frozenset({R.SUPER_ADMIN, R.DEAN}),  # annex 5 item 17
    # -- access / audit / password resets --
    "audit.export": frozenset({R.SUPER_ADMIN}),
    "access.reset_staff_password": frozenset({R.SUPER_ADMIN}),
    "access.reset_student_password": frozenset({R.DEAN}),
    # -- classifiers / calendar --
    "classifiers.view": frozenset({R.SUPER_ADMIN, R.ACADEMIC, R.MANAGEMENT, R.HR}),
    "classifiers.edit": frozenset({R.SUPER_ADMIN}),
    "calendar.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC}),
    "calendar.edit": frozenset({R.SUPER_ADMIN}),
    # -- compliance / university settings --
    "compliance.view": READ_ALL,  # management monitors the regulation (chapter 3.1.14)
    "settings.edit": frozenset({R.SUPER_ADMIN}),  # annex 1 item 1
}


def can(principal: Principal, action: str, obj: object = None) -> bool:
    if principal.active is None:
        return False
    roles = RULES.get(action)
    if roles is None:
        raise KeyError(f"unknown action {action!r}: add it to access.policy.RULES")
    if principal.role not in roles:
        return False
    if obj is None:
        return True
    return _in_scope(principal, obj)


def require(principal: Principal, action: str, obj: object = None) -> None:
    if not can(principal, action, obj):
        raise PermissionDenied(action)


def allowed_actions(principal: Principal) -> frozenset[str]:
    return frozenset(action for action in RULES if can(principal, action))


def who_can(action: str, obj: object = None) -> QuerySet[User]:
    """Users holding a current grant that allows ``action`` (on ``obj``'s unit when it has one)."""
    roles = RULES[action]
    grants = RoleGrant.objects.current().filter(role__in=roles)
    unit = _unit_of(obj) if obj is not None else None
    if unit is not None:
        ancestors = [int(p) for p in unit.path.strip("/").split("/") if p]
        grants = grants.filter(
            Q(org_unit__isnull=True) | Q(org_unit__in=ancestors) | Q(role__scope=Scope.UNIVERSITY)
        )
    return User.objects.filter(is_active=True, pk__in=grants.values("user_id")).distinct()


# --- scope -------------------------------------------------------------------------------------


def _unit_of(obj: object):
    """The org unit whose scope an object falls in (None: university-wide, outside any unit scope)."""
    from hemis.org.models import OrgUnit
    from hemis.staff.models import Employee

    if isinstance(obj, OrgUnit):
        return obj
    if isinstance(obj, Employee):
        appointment = obj.appointments.filter(end_date__isnull=True).select_related("org_unit").first()
        return appointment.org_unit if appointment else None
    label = getattr(getattr(obj, "_meta", None), "label", "")
    path = _UNIT_PATHS.get(label)
    if path is None:
        return None
    for attr in path:
        obj = getattr(obj, attr, None)
        if obj is None:
            return None
    return obj


# Where each scoped model finds its org unit (a faculty, or a department for subjects).
_UNIT_PATHS: dict[str, tuple[str, ...]] = {
    "students.Group": ("faculty",),
    "students.Student": ("faculty",),
    "students.Subgroup": ("group", "faculty"),
    "students.GroupSubject": ("group", "faculty"),
    "students.Achievement": ("student", "faculty"),
    "academics.Programme": ("faculty",),
    "curricula.Curriculum": ("programme", "faculty"),
    "curricula.CurriculumSemester": ("curriculum", "programme", "faculty"),
    "curricula.CurriculumSubject": ("semester", "curriculum", "programme", "faculty"),
    "movements.Order": ("faculty",),
    "movements.OrderItem": ("order", "faculty"),
}


def _in_scope(principal: Principal, obj: object) -> bool:
    from hemis.staff.models import Employee
    from hemis.students.models import Student

    if principal.active.scope == Scope.OWN:
        if isinstance(obj, Student):
            return obj.user_id == principal.user.pk
        if isinstance(obj, Employee):
            return obj.user_id == principal.user.pk
        return False
    return principal.covers(_unit_of(obj))


def _scope_q(principal: Principal, path_field: str) -> Q | None:
    """A filter on ``path_field`` (a path of an OrgUnit) for the active scope; None = everything."""
    active = principal.active
    if active.scope == Scope.UNIVERSITY or (active.unit is None and active.scope != Scope.OWN):
        return None
    return Q(**{f"{path_field}__startswith": active.unit.path})


# --- visible querysets -----------------------------------------------------------------------


def visible_org_units(principal: Principal):
    from hemis.org.models import OrgUnit

    if not can(principal, "org.view"):
        return OrgUnit.objects.none()
    q = _scope_q(principal, "path")
    return OrgUnit.objects.all() if q is None else OrgUnit.objects.filter(q)


def visible_employees(principal: Principal):
    from hemis.staff.models import Employee

    if principal.role == R.TEACHER:
        return Employee.objects.filter(user=principal.user)
    if not can(principal, "staff.view"):
        return Employee.objects.none()
    q = _scope_q(principal, "appointments__org_unit__path")
    if q is None:
        return Employee.objects.all()
    return Employee.objects.filter(
        pk__in=Employee.objects.filter(q, appointments__end_date__isnull=True).values("pk")
    )


def visible_students(principal: Principal):
    from hemis.students.models import Student

    if principal.role == R.STUDENT:
        return Student.objects.filter(user=principal.user)
    if not can(principal, "students.view"):
        return Student.objects.none()
    q = _scope_q(principal, "faculty__path")
    return Student.objects.all() if q is None else Student.objects.filter(q)


def visible_groups(principal: Principal):
    from hemis.students.models import Group

    if principal.role == R.STUDENT:
        return Group.objects.filter(students__user=principal.user)
    if not can(principal, "students.view"):
        return Group.objects.none()
    q = _scope_q(principal, "faculty__path")
    return Group.objects.all() if q is None else Group.objects.filter(q)


def sees_personal_data(principal: Principal, obj: object = None) -> bool:
    """PINFL, passport, phone, address, birth date: only for entitled roles, or for one's own record."""
    if (
        obj is not None
        and getattr(obj, "user_id", None)
        and principal.user is not None
        and obj.user_id == principal.user.pk
    ):
        return True
    return can(principal, "people.personal_data", obj)


# --- users and password resets (access / audit / password resets) ------------------------------


def _only_student_q() -> Q:
    """A user who is only a student: enrolled, no employee record and no unrevoked grant."""
    from django.db.models import Exists, OuterRef

    from hemis.staff.models import Employee
    from hemis.students.models import Student

    return (
        Q(Exists(Student.objects.filter(user=OuterRef("pk"))))
        & ~Q(Exists(Employee.objects.filter(user=OuterRef("pk"))))
        & ~Q(Exists(RoleGrant.objects.filter(user=OuterRef("pk"), revoked_at__isnull=True)))
    )


def visible_users(principal: Principal) -> QuerySet[User]:
    """Accounts whose roles the active role may see and manage (the super administrator: all)."""
    if not can(principal, "access.manage_roles"):
        return User.objects.none()
    return User.objects.all()


def password_resettable_users(principal: Principal) -> QuerySet[User]:
    """Accounts whose password the active role may reset (annex 1 item 8, annex 5 item 20).

    The super administrator resets staff (anyone who is not only a student); the dean's office
    resets accounts that are only students, of students inside its scope. The two sets never
    overlap, so a dean can never take over a staff account that happens to belong to a student.
    """
    if principal.user is None:
        return User.objects.none()
    if can(principal, "access.reset_staff_password"):
        users = User.objects.exclude(_only_student_q())
    elif can(principal, "access.reset_student_password"):
        users = User.objects.filter(_only_student_q(), student__in=visible_students(principal))
    else:
        return User.objects.none()
    return users.exclude(pk=principal.user.pk)


# --- careers (competitive selection, professional development) ----------------------------------


def _visible_by_current_appointment(principal: Principal, model, action: str):
    """Records of employees whose current appointment lies in the active scope (all for university roles)."""
    if not can(principal, action):
        return model.objects.none()
    q = _scope_q(principal, "employee__appointments__org_unit__path")
    if q is None:
        return model.objects.all()
    return model.objects.filter(
        pk__in=model.objects.filter(q, employee__appointments__end_date__isnull=True).values("pk")
    )


def visible_competitions(principal: Principal):
    from hemis.careers.models import Competition

    return _visible_by_current_appointment(principal, Competition, "careers.view")


def visible_training_records(principal: Principal):
    from hemis.careers.models import TrainingRecord

    return _visible_by_current_appointment(principal, TrainingRecord, "careers.view")


def visible_career_employees(principal: Principal):
    """Employees with a current appointment in the active scope: whom the careers pages list and pick."""
    from hemis.staff.models import Employee

    if not can(principal, "careers.view"):
        return Employee.objects.none()
    current = Q(appointments__end_date__isnull=True)
    q = _scope_q(principal, "appointments__org_unit__path")
    return Employee.objects.filter(pk__in=Employee.objects.filter(current & (q or Q())).values("pk"))


# --- staff ----------------------------------------------------------------------------------------


def visible_staff_units(principal: Principal):
    """Staff-table lines of the units inside the active scope (for the roles that see staff)."""
    from hemis.staff.models import StaffUnit

    if not can(principal, "staff.view"):
        return StaffUnit.objects.none()
    q = _scope_q(principal, "org_unit__path")
    return StaffUnit.objects.all() if q is None else StaffUnit.objects.filter(q)


def visible_staff_org_units(principal: Principal):
    """Units whose staff the active role may see (a head: its department; a dean: its faculty)."""
    from hemis.org.models import OrgUnit

    if not can(principal, "staff.view"):
        return OrgUnit.objects.none()
    q = _scope_q(principal, "path")
    return OrgUnit.objects.all() if q is None else OrgUnit.objects.filter(q)


# --- groups, students, group subjects (issue 5) ---


def group_programmes(principal: Principal):
    """Programmes a group may be opened for: those of the faculties the active role edits groups of."""
    from hemis.academics.models import Programme

    if not can(principal, "students.groups.edit"):
        return Programme.objects.none()
    q = _scope_q(principal, "faculty__path")
    return Programme.objects.all() if q is None else Programme.objects.filter(q)


# --- curricula (issue 5) ---


def visible_curricula(principal: Principal):
    """Curricula the active role may read: deans their faculty's; heads of departments those of their
    faculty and those their department teaches in; university-wide roles every one."""
    from hemis.curricula.models import Curriculum

    if not can(principal, "curricula.view"):
        return Curriculum.objects.none()
    q = _scope_q(principal, "programme__faculty__path")
    if q is None:
        return Curriculum.objects.all()
    if principal.active.scope == Scope.DEPARTMENT:
        unit = principal.active.unit
        ancestors = [int(p) for p in unit.path.strip("/").split("/") if p]
        taught = Curriculum.objects.filter(semesters__subjects__department__path__startswith=unit.path)
        return Curriculum.objects.filter(
            Q(programme__faculty_id__in=ancestors) | Q(pk__in=taught.values("pk"))
        )
    return Curriculum.objects.filter(q)


def curriculum_programmes(principal: Principal):
    """Programmes the active role may prepare curricula for (its faculty's; all for university roles)."""
    from hemis.academics.models import Programme

    if not can(principal, "curricula.edit"):
        return Programme.objects.none()
    q = _scope_q(principal, "faculty__path")
    return Programme.objects.all() if q is None else Programme.objects.filter(q)


# --- programmes, subject catalogue, achievements (issue 5) ----------------------------------------


def visible_programmes(principal: Principal):
    """Programmes the active role may read: a dean's office its faculty's, the other readers all."""
    from hemis.academics.models import Programme

    if not can(principal, "programmes.view"):
        return Programme.objects.none()
    if principal.role != R.DEAN:
        return Programme.objects.all()
    q = _scope_q(principal, "faculty__path")
    return Programme.objects.all() if q is None else Programme.objects.filter(q)


def visible_subjects(principal: Principal):
    """The subject catalogue is university-wide: every entry for the roles that read it."""
    from hemis.academics.models import Subject

    if not can(principal, "subjects.view"):
        return Subject.objects.none()
    return Subject.objects.all()


def visible_achievements(principal: Principal):
    """Achievements of the students in the active scope (a dean's office: its faculty's students)."""
    from hemis.students.models import Achievement

    if not can(principal, "achievements.view"):
        return Achievement.objects.none()
    q = _scope_q(principal, "student__faculty__path")
    return Achievement.objects.all() if q is None else Achievement.objects.filter(q)


def programme_faculties(principal: Principal):
    """Faculties the active role may open or edit programmes in (a dean's office: its own)."""
    from hemis.org.models import OrgUnit, StructureType

    if not can(principal, "programmes.edit"):
        return OrgUnit.objects.none()
    faculties = OrgUnit.objects.filter(structure_type=StructureType.FACULTY, active=True)
    q = _scope_q(principal, "path")
    return faculties if q is None else faculties.filter(q)


# --- student orders and movements (issue 5) ---


def visible_orders(principal: Principal):
    """Student orders of the faculties in the active scope (university-wide roles: every order)."""
    from hemis.movements.models import Order

    if not can(principal, "orders.view"):
        return Order.objects.none()
    q = _scope_q(principal, "faculty__path")
    return Order.objects.all() if q is None else Order.objects.filter(q)
