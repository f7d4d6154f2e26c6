"""Documents (annex 13 item 6): a student requests and downloads their own; the dean's office issues and
downloads them for the students of its faculty (a student who cannot log in still gets a certificate);
anyone may verify a document by its number and check code (the public page needs no permission)."""

from hemis.access.policy.engine import can, scoped
from hemis.access.principal import Principal
from hemis.access.roles import RoleCode as R

RULES: dict[str, frozenset[str]] = {
    # request one's own documents and download them
    "documents.own": frozenset({R.STUDENT}),
    # issue documents for the students of the scope and download them
    "documents.issue": frozenset({R.SUPER_ADMIN, R.DEAN}),
}
UNIT_PATHS: dict[str, tuple[str, ...]] = {
    "documents.IssuedDocument": ("student", "faculty"),
}


def document_students(principal: Principal):
    """Students the active role requests documents for: a student themselves; the dean's office its
    faculty's students; the super administrator every student."""
    from hemis.students.models import Student

    if principal.role == R.STUDENT:
        if not can(principal, "documents.own"):
            return Student.objects.none()
        return Student.objects.filter(user=principal.user)
    return scoped(principal, "documents.issue", Student, "faculty__path")


def visible_documents(principal: Principal):
    """Issued documents the active role downloads: a student their own; the dean's office those of its
    faculty's students."""
    from hemis.documents.models import IssuedDocument

    if principal.role == R.STUDENT:
        if not can(principal, "documents.own"):
            return IssuedDocument.objects.none()
        return IssuedDocument.objects.filter(student__user=principal.user)
    return scoped(principal, "documents.issue", IssuedDocument, "student__faculty__path")
