"""Registration numbers under a race: two documents of one kind issued at once get two numbers, one
after the other, never the same one. Transactional (the threads commit); run on PostgreSQL with
``scripts/with-postgres.sh``, where the two issues truly run at once (SQLite runs them one after the
other)."""

import pytest
from django.utils import timezone, translation

from hemis.documents.enums import DocumentKind as K
from hemis.documents.models import DocumentCounter, IssuedDocument
from hemis.documents.services import issue_document
from hemis.testing.concurrency import run_twice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_certificates_issued_at_once_get_consecutive_numbers(docs):
    students = [docs.a, docs.b]
    year = timezone.localdate().year

    def issue(i: int) -> str:
        translation.activate("en")
        return issue_document(student=students[i], kind=K.CERTIFICATE, actor=students[i].user).number

    results, errors = run_twice(issue)

    assert errors == []
    assert sorted(results) == [f"MA-{year}-000001", f"MA-{year}-000002"]
    assert sorted(IssuedDocument.objects.values_list("number", flat=True)) == sorted(results)
    assert DocumentCounter.objects.get(kind=K.CERTIFICATE, year=year).last == 2
