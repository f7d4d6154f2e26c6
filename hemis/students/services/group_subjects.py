"""Subjects of a group's curriculum bound to the group for a calendar semester (annex 5 item 8)."""

from django.db import transaction
from django.utils.translation import gettext as _

from hemis.academics.models import Semester
from hemis.audit import services as audit
from hemis.curricula.models import CurriculumSubject
from hemis.students import selectors
from hemis.students.models import Group, GroupSubject
from hemis.students.services.common import Errors, add, raise_if


def _bind_errors(group: Group, semester: Semester, chosen: list[CurriculumSubject]) -> Errors:
    errors: Errors = {}
    if group.curriculum_id is None:
        add(errors, "subjects", _("The group has no curriculum: choose one on the group's page first."))
        return errors
    if not chosen:
        add(errors, "subjects", _("Choose at least one subject."))
    allowed = set(selectors.curriculum_subjects_for(group, semester).values_list("pk", flat=True))
    foreign = [cs for cs in chosen if cs.pk not in allowed]
    if foreign:
        names = ", ".join(str(cs.subject) for cs in foreign)
        message = _("Not in the group's curriculum for this semester: %(names)s.") % {"names": names}
        add(errors, "subjects", message)
    elsewhere = GroupSubject.objects.filter(group=group, curriculum_subject__in=chosen).exclude(
        semester=semester
    )
    if elsewhere.exists():
        names = ", ".join(
            str(b.curriculum_subject.subject) for b in elsewhere.select_related("curriculum_subject__subject")
        )
        add(errors, "subjects", _("Already bound for another semester: %(names)s.") % {"names": names})
    return errors


@transaction.atomic
def bind_subjects(
    *, group: Group, semester: Semester, subjects: list[CurriculumSubject], actor
) -> list[GroupSubject]:
    """Bind curriculum subjects of the group's semester to the group (those already bound are kept)."""
    raise_if(_bind_errors(group, semester, subjects))
    bound = set(
        GroupSubject.objects.filter(group=group, semester=semester).values_list(
            "curriculum_subject", flat=True
        )
    )
    created = []
    for cs in subjects:
        if cs.pk in bound:
            continue
        binding = GroupSubject.objects.create(
            group=group, curriculum_subject=cs, semester=semester, created_by=actor
        )
        created.append(binding)
        audit.record(
            actor=actor,
            action="students.group_subject.bound",
            target=binding,
            after={"group": group.name, "subject": cs.subject.code, "semester": semester.pk},
        )
    return created


@transaction.atomic
def unbind_subject(*, binding: GroupSubject, actor) -> None:
    audit.record(
        actor=actor,
        action="students.group_subject.unbound",
        target=binding,
        before={
            "group": binding.group.name,
            "subject": binding.curriculum_subject.subject.code,
            "semester": binding.semester_id,
        },
    )
    binding.delete()
