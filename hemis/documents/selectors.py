"""Reads of issued documents: a student's list, and the public verification by number and check code."""

import secrets

from django.db.models import QuerySet

from hemis.documents.models import IssuedDocument


def student_documents(documents: QuerySet[IssuedDocument], student) -> QuerySet[IssuedDocument]:
    """The student's documents among ``documents`` (the reader's visible ones), newest first; one query."""
    return (
        documents.filter(student=student)
        .only("pk", "kind", "number", "issued_at", "purpose", "revoked_at", "student_id")
        .order_by("-issued_at", "-pk")
    )


def verified(number: str, code: str) -> IssuedDocument | None:
    """The document of ``number`` when ``code`` is its check code and it is not revoked, else None —
    an unknown number, a wrong code and a revoked document alike (the page tells nothing apart)."""
    document = IssuedDocument.objects.filter(number=number[:24], revoked_at__isnull=True).first()
    if document is None or not secrets.compare_digest(document.check_code.encode(), (code or "").encode()):
        return None
    return document
