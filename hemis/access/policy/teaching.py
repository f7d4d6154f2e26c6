"""Teaching (annex 6, annex 7 items 1–4 and 6, annex 5 item 14). A teacher sees and edits only the
groups and subjects they hold a load of; a head of department reads its department's subjects and
teachers, distributes the subjects and approves the teachers' works; a dean's office reads its faculty's
journals, excuses absences and keeps the absence lists; the academic department and management read
everything."""

from hemis.access.policy.engine import can, scope_q, scoped
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    # read the teachers' content, journals and progress (the head: its department; the dean: its faculty)
    "teaching.view": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC, R.DEAN, R.HEAD}),
    # topics, resources, assignments and grading submissions: a teacher, of their own loads
    "teaching.content.edit": frozenset({R.TEACHER}),
    # record lessons held, attendance and daily marks: a teacher, of their own lessons
    "teaching.journal.edit": frozenset({R.TEACHER}),
    # reopen a locked journal, excuse absences, keep the absence lists (annex 5 item 14)
    "teaching.journal.reopen": frozenset({R.SUPER_ADMIN, R.DEAN}),
    "teaching.excuse": frozenset({R.SUPER_ADMIN, R.DEAN}),
    "teaching.absence_lists": frozenset({R.SUPER_ADMIN, R.MANAGEMENT, R.ACADEMIC, R.DEAN}),
    # the attendance rules of the marking systems (thresholds, daily marks)
    "teaching.rules.edit": frozenset({R.SUPER_ADMIN, R.ACADEMIC}),
    # methodological and research works: the teacher enters, the head of department approves
    "teaching.works.submit": frozenset({R.TEACHER}),
    "teaching.works.review": frozenset({R.HEAD}),
    # a student submits to their group's assignments
    "teaching.submit": frozenset({R.STUDENT}),
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {
    "teaching.Work": ("department",),
    "teaching.Excuse": ("student", "faculty"),
    "teaching.LessonRecord": ("lesson", "faculty"),
    "teaching.Assignment": ("load", "group_subject", "group", "faculty"),
}


def teaching_loads(principal: Principal):
    """Loads (a teacher on a group's subject and lesson type) whose content and journals the active role
    reads: a teacher their own; a head of department its department's subjects; the others their scope."""
    from hemis.schedule.models import TeachingLoad

    if principal.role == R.TEACHER:
        return TeachingLoad.objects.filter(teacher__user=principal.user)
    if not can(principal, "teaching.view"):
        return TeachingLoad.objects.none()
    if principal.role == R.HEAD:
        q = scope_q(principal, "group_subject__curriculum_subject__department__path")
    else:
        q = scope_q(principal, "group_subject__group__faculty__path")
    return TeachingLoad.objects.all() if q is None else TeachingLoad.objects.filter(q)


def own_loads(principal: Principal):
    """The loads whose topics, resources, assignments and journals the active role edits (a teacher's)."""
    from hemis.schedule.models import TeachingLoad

    if not can(principal, "teaching.content.edit"):
        return TeachingLoad.objects.none()
    return TeachingLoad.objects.filter(teacher__user=principal.user)


def may_edit_content(principal: Principal, curriculum_subject, training_type: str) -> bool:
    """Topics and resources belong to a curriculum subject's lesson type: a teacher holding a load of it
    edits them."""
    return (
        own_loads(principal)
        .filter(group_subject__curriculum_subject=curriculum_subject, training_type=training_type)
        .exists()
    )


def journal_lessons(principal: Principal):
    """Lessons whose record and attendance the active role reads (a teacher: the ones they teach)."""
    from hemis.schedule.models import Lesson
    from hemis.schedule.selectors import taught_lessons

    if principal.role == R.TEACHER:
        return taught_lessons(principal.user)
    if not can(principal, "teaching.view"):
        return Lesson.objects.none()
    if principal.role == R.HEAD:
        # the department's subjects as its teachers teach them
        loads = teaching_loads(principal)
        return Lesson.objects.filter(
            teacher__in=loads.values("teacher"),
            subject__in=loads.values("group_subject__curriculum_subject__subject"),
        )
    return scoped(principal, "teaching.view", Lesson, "faculty__path")


def editable_journal_lessons(principal: Principal):
    """Lessons whose record the active role writes: a teacher's own."""
    from hemis.schedule.models import Lesson
    from hemis.schedule.selectors import taught_lessons

    if not can(principal, "teaching.journal.edit"):
        return Lesson.objects.none()
    return taught_lessons(principal.user)


def reopenable_lessons(principal: Principal):
    """Lessons whose locked journal the active role may reopen (a dean's office: its faculty's)."""
    from hemis.schedule.models import Lesson

    return scoped(principal, "teaching.journal.reopen", Lesson, "faculty__path")


def excusable_students(principal: Principal):
    """Students whose absences the active role excuses (a dean's office: its faculty's)."""
    from hemis.students.models import Student

    return scoped(principal, "teaching.excuse", Student, "faculty__path")


def visible_excuses(principal: Principal):
    from hemis.teaching.models import Excuse

    return scoped(principal, "teaching.absence_lists", Excuse, "student__faculty__path")


def absence_list_faculties(principal: Principal):
    """Faculties whose warning, reprimand and expulsion lists the active role reads."""
    from hemis.org.models import OrgUnit, StructureType

    return scoped(principal, "teaching.absence_lists", OrgUnit, "path").filter(
        structure_type=StructureType.FACULTY
    )


def visible_works(principal: Principal):
    """Methodological and research works: a teacher their own; a head its department's; the academic
    department, management and the super administrator all."""
    from hemis.teaching.models import Work

    if principal.role == R.TEACHER:
        return Work.objects.filter(teacher__user=principal.user)
    return scoped(principal, "teaching.view", Work, "department__path")


def reviewable_works(principal: Principal):
    """Works the active role approves or returns: a head's department's, never one they entered."""
    from hemis.teaching.models import Work

    if not can(principal, "teaching.works.review"):
        return Work.objects.none()
    return visible_works(principal).exclude(created_by=principal.user)


def submittable_assignments(principal: Principal):
    """Assignments a student may submit to: those of their own group's loads."""
    from hemis.teaching.models import Assignment

    if not can(principal, "teaching.submit"):
        return Assignment.objects.none()
    return Assignment.objects.filter(load__group_subject__group__students__user=principal.user)


def teaching_departments(principal: Principal):
    """Departments whose distribution of subjects and teachers' progress the active role reads: a head
    its department; a dean its faculty's departments; the academic department and management all."""
    from hemis.org.models import OrgUnit, StructureType

    return scoped(principal, "teaching.view", OrgUnit, "path").filter(structure_type=StructureType.DEPARTMENT)


def department_group_subjects(principal: Principal):
    """Group subjects of the curriculum subjects of the departments the active role reads (annex 6)."""
    from hemis.students.models import GroupSubject

    return GroupSubject.objects.filter(curriculum_subject__department__in=teaching_departments(principal))


def department_loads(principal: Principal):
    """Loads of the subjects of the departments the active role reads, whoever's group they are."""
    from hemis.schedule.models import TeachingLoad

    departments = teaching_departments(principal)
    return TeachingLoad.objects.filter(group_subject__curriculum_subject__department__in=departments)


def _student_loads(principal: Principal):
    """The loads of a student's own group (a student reads their subjects' content)."""
    from hemis.schedule.models import TeachingLoad

    if not can(principal, "teaching.submit"):
        return TeachingLoad.objects.none()
    return TeachingLoad.objects.filter(group_subject__group__students__user=principal.user)


def visible_resources(principal: Principal):
    """Resources (and their files) of the subjects' lesson types whose loads the active role reads; a
    student those of their group's subjects."""
    from django.db.models import Exists, OuterRef

    from hemis.teaching.models import Resource

    loads = _student_loads(principal) if principal.role == R.STUDENT else teaching_loads(principal)
    same = loads.filter(
        group_subject__curriculum_subject=OuterRef("curriculum_subject"),
        training_type=OuterRef("training_type"),
    )
    return Resource.objects.filter(Exists(same))


def visible_assignments(principal: Principal):
    """Assignments of the loads the active role reads; a student their group's."""
    from hemis.teaching.models import Assignment

    if principal.role == R.STUDENT:
        return submittable_assignments(principal)
    return Assignment.objects.filter(load__in=teaching_loads(principal))


def visible_submissions(principal: Principal):
    """Submissions to the assignments of the loads the active role reads; a student their own."""
    from hemis.teaching.models import Submission

    if principal.role == R.STUDENT:
        if not can(principal, "teaching.submit"):
            return Submission.objects.none()
        return Submission.objects.filter(student__user=principal.user)
    return Submission.objects.filter(assignment__load__in=teaching_loads(principal))


def gradable_submissions(principal: Principal):
    """Submissions the active role grades: those to the assignments of a teacher's own loads."""
    from hemis.teaching.models import Submission

    return Submission.objects.filter(assignment__load__in=own_loads(principal))
