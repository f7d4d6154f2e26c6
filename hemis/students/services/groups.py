"""Academic groups and their subgroups (annex 5 item 4)."""

from django.db import transaction
from django.utils.translation import gettext as _

from hemis.academics.models import Programme
from hemis.audit import services as audit
from hemis.curricula.enums import CurriculumStatus
from hemis.students.models import Group, Student, StudentStatus, Subgroup
from hemis.students.services.common import Errors, add, raise_if, values

GROUP_FIELDS = ("name", "programme", "intake_year", "course", "language", "education_form", "curriculum")
# What only orders may change once students sit in the group.
_LOCKED_WITH_STUDENTS = ("programme", "course")


def _curriculum_errors(group: Group) -> Errors:
    errors: Errors = {}
    curriculum = group.curriculum
    if curriculum is None:
        return errors
    if curriculum.programme_id != group.programme_id:
        add(errors, "curriculum", _("The curriculum belongs to another programme."))
    elif curriculum.intake_year != group.intake_year:
        add(errors, "curriculum", _("The curriculum is for another intake year."))
    if curriculum.status != CurriculumStatus.APPROVED:
        add(errors, "curriculum", _("The curriculum is not approved yet."))
    return errors


def _group_errors(group: Group) -> Errors:
    errors = _curriculum_errors(group)
    duration = group.programme.duration_years
    if group.course is not None and not 1 <= group.course <= duration:
        add(errors, "course", _("The course must be from 1 to %(max)d.") % {"max": duration})
    return errors


def _clean(group: Group) -> None:
    raise_if(_group_errors(group))
    group.full_clean(exclude=["faculty", "created_by"])


@transaction.atomic
def create_group(*, actor, data: dict) -> Group:
    """Open a group for a programme; its faculty is the programme's."""
    group = Group(created_by=actor, **{k: v for k, v in data.items() if k in GROUP_FIELDS})
    programme: Programme = group.programme
    group.faculty_id = programme.faculty_id
    _clean(group)
    group.save()
    audit.record(
        actor=actor, action="students.group.created", target=group, after=values(group, GROUP_FIELDS)
    )
    return group


def _locked_errors(group: Group, before: dict) -> Errors:
    errors: Errors = {}
    if not group.students.exists():
        return errors
    messages = {
        "programme": _("The group has students: its programme changes only by transfer orders."),
        "course": _("The group has students: its course changes only by course-transfer orders."),
    }
    for name in _LOCKED_WITH_STUDENTS:
        if before[name] != getattr(group, group._meta.get_field(name).attname):
            add(errors, name, messages[name])
    return errors


@transaction.atomic
def update_group(*, group: Group, actor, data: dict) -> Group:
    """Edit a group; programme and course stay as they are while students sit in it."""
    group = Group.objects.select_for_update().get(pk=group.pk)
    before = values(group, GROUP_FIELDS)
    for key, value in data.items():
        if key in GROUP_FIELDS:
            setattr(group, key, value)
    group.faculty_id = group.programme.faculty_id
    raise_if(_locked_errors(group, before))
    _clean(group)
    group.save()
    after = values(group, GROUP_FIELDS)
    changed = [k for k in GROUP_FIELDS if before[k] != after[k]]
    audit.record(
        actor=actor,
        action="students.group.updated",
        target=group,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    return group


@transaction.atomic
def close_group(*, group: Group, actor) -> Group:
    """Close a group (no longer active); refused while students study in it."""
    group = Group.objects.select_for_update().get(pk=group.pk)
    errors: Errors = {}
    if not group.is_active:
        add(errors, "is_active", _("The group is already closed."))
    elif group.students.filter(status=StudentStatus.STUDYING).exists():
        add(errors, "is_active", _("Students still study in the group: move them by orders first."))
    raise_if(errors)
    group.is_active = False
    group.save(update_fields=["is_active", "updated_at"])
    audit.record(
        actor=actor,
        action="students.group.closed",
        target=group,
        before={"is_active": True},
        after={"is_active": False},
    )
    return group


# --- subgroups ---------------------------------------------------------------------------------


def _subgroup_name_errors(subgroup: Subgroup) -> Errors:
    errors: Errors = {}
    name = (subgroup.name or "").strip()
    if not name:
        add(errors, "name", _("Enter a name."))
    taken = Subgroup.objects.filter(group=subgroup.group_id, name=name).exclude(pk=subgroup.pk).exists()
    if name and taken:
        add(errors, "name", _("The group already has a subgroup with this name."))
    return errors


@transaction.atomic
def create_subgroup(*, group: Group, name: str, actor) -> Subgroup:
    subgroup = Subgroup(group=group, name=name.strip(), created_by=actor)
    raise_if(_subgroup_name_errors(subgroup))
    subgroup.full_clean(exclude=["created_by"])
    subgroup.save()
    audit.record(actor=actor, action="students.subgroup.created", target=subgroup, after={"name": name})
    return subgroup


@transaction.atomic
def rename_subgroup(*, subgroup: Subgroup, name: str, actor) -> Subgroup:
    before = subgroup.name
    subgroup.name = name.strip()
    raise_if(_subgroup_name_errors(subgroup))
    subgroup.full_clean(exclude=["created_by", "students"])
    subgroup.save(update_fields=["name", "updated_at"])
    audit.record(
        actor=actor,
        action="students.subgroup.renamed",
        target=subgroup,
        before={"name": before},
        after={"name": subgroup.name},
    )
    return subgroup


@transaction.atomic
def delete_subgroup(*, subgroup: Subgroup, actor) -> None:
    members = sorted(subgroup.students.values_list("pk", flat=True))
    audit.record(
        actor=actor,
        action="students.subgroup.deleted",
        target=subgroup,
        before={"name": subgroup.name, "students": members},
    )
    subgroup.delete()


def _member_errors(subgroup: Subgroup, students: list[Student]) -> Errors:
    errors: Errors = {}
    strangers = [s for s in students if s.group_id != subgroup.group_id]
    if strangers:
        names = ", ".join(s.full_name for s in strangers)
        add(errors, "students", _("Not students of the group: %(names)s.") % {"names": names})
    elsewhere = Student.objects.filter(
        pk__in=[s.pk for s in students], subgroups__group=subgroup.group_id
    ).exclude(subgroups=subgroup)
    if elsewhere.exists():
        names = ", ".join(s.full_name for s in elsewhere)
        message = _("Already in another subgroup of the group: %(names)s.") % {"names": names}
        add(errors, "students", message)
    return errors


@transaction.atomic
def set_subgroup_students(*, subgroup: Subgroup, students: list[Student], actor) -> Subgroup:
    """Make ``students`` (of the subgroup's group, in no other of its subgroups) its members."""
    raise_if(_member_errors(subgroup, students))
    before = sorted(subgroup.students.values_list("pk", flat=True))
    subgroup.students.set(students)
    after = sorted(s.pk for s in students)
    audit.record(
        actor=actor,
        action="students.subgroup.members_set",
        target=subgroup,
        before={"students": before},
        after={"students": after},
    )
    return subgroup
