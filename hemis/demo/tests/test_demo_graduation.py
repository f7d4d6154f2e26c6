"""The demo university's clearance sheets and diploma (hemis/demo/graduation.py): every case of the
controlling roles' evaluators (on time, late, pending, overdue), a refusal with its reason, a refusal
settled and signed with its history kept, and one student whose diploma downloads."""

from collections import Counter
from io import BytesIO

from django.urls import reverse
from pypdf import PdfReader

from hemis.compliance import engine
from hemis.demo.graduation import LIBRARY_DEBT, diploma_student
from hemis.graduation import selectors
from hemis.graduation.enums import DecisionKind, LineState
from hemis.graduation.models import ClearanceDecision, ClearanceLine, ClearanceSheet


def test_each_case_of_the_clearance_evaluators_is_on_the_demo(demo):
    results = {
        r.process.id: r for r in engine.evaluate(process_ids=["controlling.library", "controlling.dormitory"])
    }
    library = Counter(row.status for row in results["controlling.library"].rows)
    assert {"on_time", "late", "pending", "overdue"} <= set(library), library
    assert results["controlling.dormitory"].rows


def test_sheets_in_every_state(demo):
    assert ClearanceSheet.objects.count() == 8
    refused = ClearanceLine.objects.get(state=LineState.REFUSED)
    assert refused.reason == LIBRARY_DEBT
    kinds = [
        list(ClearanceDecision.objects.filter(line=line).order_by("at", "pk").values_list("kind", flat=True))
        for line in ClearanceLine.objects.filter(unit__code="library")
    ]
    assert [DecisionKind.REFUSED, DecisionKind.SETTLED, DecisionKind.SIGNED] in kinds


def test_the_demo_student_downloads_the_diploma(client, demo):
    student = diploma_student()
    assert selectors.diploma_available(student)
    client.force_login(student.user)
    response = client.get(reverse("web:diploma_supplement_pdf"))
    assert response.status_code == 200
    content = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert student.student_id_number in content and "BD" in content
