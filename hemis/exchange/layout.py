"""The ministry's field layout of each record kind sent to the central registry.

The field names are those of the HEMIS API schemas (``hemis/testing/hemis_api/openapi.json``):
``Department``, ``StudentMeta``, ``EmployeeMeta``, ``GroupMeta`` (over ``Group``) and ``StudentDiploma``.
Only the fields OpenHEMIS holds are sent. Classifier values are ``{"code": "11"}`` (HEMIS codes, as
strings; the registry has its own names), references to another record are its id with its code or
name, and dates are Unix timestamps (UTC; a date is its midnight in Tashkent). Nothing here is
translated: a payload is the same whatever the language of the page that queued it.
"""

import hashlib

from hemis.core.timestamps import unix_timestamp
from hemis.exchange.enums import SyncKind

# Per kind: the HEMIS schema it follows and the fields sent, in order.
SCHEMAS = {
    SyncKind.DEPARTMENTS: "Department",
    SyncKind.STUDENTS: "StudentMeta",
    SyncKind.EMPLOYEES: "EmployeeMeta",
    SyncKind.GROUPS: "GroupMeta",
    SyncKind.DIPLOMAS: "StudentDiploma",
}
FIELDS = {
    SyncKind.DEPARTMENTS: ("id", "name", "code", "parent", "active", "structureType"),
    SyncKind.STUDENTS: (
        "id",
        "full_name",
        "short_name",
        "first_name",
        "second_name",
        "third_name",
        "student_id_number",
        "birth_date",
        "gender",
        "department",
        "specialty",
        "group",
        "level",
        "educationForm",
        "educationType",
        "paymentForm",
        "citizenship",
        "socialCategory",
        "accommodation",
        "studentStatus",
        "_curriculum",
        "created_at",
        "updated_at",
        "hash",
    ),
    SyncKind.EMPLOYEES: (
        "id",
        "full_name",
        "short_name",
        "first_name",
        "second_name",
        "third_name",
        "gender",
        "department",
        "academicDegree",
        "academicRank",
        "employmentForm",
        "staffPosition",
        "employeeStatus",
        "employeeType",
        "decree_number",
        "decree_date",
        "birth_date",
        "created_at",
        "update_at",  # sic: the document's name in EmployeeMeta
        "hash",
        "active",
    ),
    # "specilaty" is the document's spelling in GroupMeta.
    SyncKind.GROUPS: ("id", "name", "educationLang", "department", "specilaty", "_curriculum", "active"),
    SyncKind.DIPLOMAS: (
        "id",
        "_student",
        "diploma_number",
        "register_date",
        "department",
        "educationType",
        "educationForm",
        "specialty",
        "group",
        "created_at",
    ),
}


ts = unix_timestamp  # the name every operation and layout uses


def code(value) -> dict | None:
    """A classifier value: its HEMIS code as a string (None when not kept)."""
    return {"code": str(value)} if value not in (None, "") else None


def department_ref(unit) -> dict | None:
    return {"id": unit.pk, "code": unit.code} if unit is not None else None


def specialty_ref(programme) -> dict | None:
    return {"id": programme.pk, "code": programme.code} if programme is not None else None


def group_ref(group) -> dict | None:
    return {"id": group.pk, "name": group.name} if group is not None else None


def _hash(person) -> str:
    """HEMIS's ``hash``: sha256 of ``PINFL/passport`` (identifies the person without sending either)."""
    return hashlib.sha256(f"{person.pinfl}/{person.passport}".encode()).hexdigest()


def _names(person) -> dict:
    return {
        "full_name": person.full_name,
        "short_name": person.short_name,
        "first_name": person.first_name,
        "second_name": person.last_name,
        "third_name": person.patronymic,
    }


def department(unit) -> dict:
    """An org unit (load ``parent``... only its id is read)."""
    return {
        "id": unit.pk,
        "name": unit.name_uz,
        "code": unit.code,
        "parent": unit.parent_id,
        "active": unit.active,
        "structureType": code(unit.structure_type),
    }


def student(s) -> dict:
    """A student (load ``faculty``, ``programme``, ``group``)."""
    return {
        "id": s.pk,
        **_names(s),
        "student_id_number": s.student_id_number,
        "birth_date": ts(s.birth_date),
        "gender": code(s.gender),
        "department": department_ref(s.faculty),
        "specialty": specialty_ref(s.programme),
        "group": group_ref(s.group),
        "level": code(10 + s.course),  # h_course: the 1st course is "11"
        "educationForm": code(s.education_form),
        "educationType": code(s.education_type),
        "paymentForm": code(s.payment_form),
        "citizenship": code(s.citizenship),
        "socialCategory": code(s.social_category),
        "accommodation": code(s.accommodation),
        "studentStatus": code(s.status),
        "_curriculum": s.group.curriculum_id if s.group is not None else None,
        "created_at": ts(s.created_at),
        "updated_at": ts(s.updated_at),
        "hash": _hash(s),
    }


def employee(e, appointment=None) -> dict:
    """An employee with their main current appointment (``appointment``, load its ``org_unit``)."""
    return {
        "id": e.pk,
        **_names(e),
        "gender": code(e.gender),
        "department": department_ref(appointment.org_unit) if appointment else None,
        "academicDegree": code(e.academic_degree),
        "academicRank": code(e.academic_rank),
        "employmentForm": code(appointment.employment_form) if appointment else None,
        "staffPosition": code(appointment.position) if appointment else None,
        "employeeStatus": code(e.status),
        "employeeType": code(e.employee_type),
        "decree_number": appointment.order_number if appointment else None,
        "decree_date": ts(appointment.order_date) if appointment else None,
        "birth_date": ts(e.birth_date),
        "created_at": ts(e.created_at),
        "update_at": ts(e.updated_at),
        "hash": _hash(e),
        "active": appointment is not None,
    }


def group(g) -> dict:
    """A group (load ``faculty``, ``programme``)."""
    return {
        "id": g.pk,
        "name": g.name,
        "educationLang": code(g.language),
        "department": department_ref(g.faculty),
        "specilaty": specialty_ref(g.programme),
        "_curriculum": g.curriculum_id,
        "active": g.is_active,
    }


def diploma(d) -> dict:
    """A diploma (load ``student`` with its ``faculty``, ``programme``, ``group``)."""
    s = d.student
    return {
        "id": d.pk,
        "_student": s.pk,
        "diploma_number": f"{d.series} {d.number}".strip(),
        "register_date": ts(d.issued_on),
        "department": department_ref(s.faculty),
        "educationType": code(s.education_type),
        "educationForm": code(s.education_form),
        "specialty": specialty_ref(s.programme),
        "group": group_ref(s.group),
        "created_at": ts(d.created_at),
    }
