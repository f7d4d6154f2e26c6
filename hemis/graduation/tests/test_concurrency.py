"""Two librarians decide one line at the same moment: exactly one decision is stored (PostgreSQL runs
them truly at once; SQLite one after the other)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hemis.graduation import services
from hemis.graduation.enums import LineState
from hemis.graduation.models import ClearanceDecision, ClearanceLine
from hemis.testing.concurrency import run_twice


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_librarians_at_once_one_wins(alice, librarian, librarian2):
    sheet = services.open_sheet(student=alice, actor=alice.user)
    line = ClearanceLine.objects.get(sheet=sheet, unit__code="library")
    people = [librarian, librarian2]

    def work(i: int):
        translation.activate("en")  # a thread starts in the default language (Uzbek)
        copy = ClearanceLine.objects.get(pk=line.pk)
        try:
            if i == 0:
                return services.sign_line(line=copy, actor=people[i], role="library").state
            return services.refuse_line(line=copy, actor=people[i], role="library", reason="Kitob").state
        except ValidationError as error:
            return error.message_dict["line"][0]

    results, errors = run_twice(work)
    assert errors == []
    decided = [r for r in results if r in (LineState.SIGNED, LineState.REFUSED)]
    assert len(decided) == 1
    [lost] = [r for r in results if r not in decided]
    assert lost.startswith(("The line was already signed on", "The line is refused (Kitob)"))
    stored = ClearanceLine.objects.get(pk=line.pk)
    assert stored.state == decided[0]
    assert ClearanceDecision.objects.filter(line=line).count() == 1
