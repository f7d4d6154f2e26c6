"""Documents (annex 13 item 6): the student's page to request and download their documents, the dean's
office's page of one of its students, the download, and the public verification page of a document.

Students and documents are fetched only through the policy's querysets (hidden and missing alike a 404);
the verification page needs no log-in and tells an unknown number, a wrong code and a revoked document
apart in nothing."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hemis.access.policy.documents import document_students, visible_documents
from hemis.documents import selectors
from hemis.documents.builders import fields
from hemis.documents.enums import DocumentKind
from hemis.documents.pdf import document_pdf, issued_on
from hemis.documents.services import issue_document
from hemis.movements.enums import OrderStatus
from hemis.movements.models import Order
from hemis.web.documents.forms import RequestForm
from hemis.web.forms import message_errors, message_form_errors
from hemis.web.pages import pdf_response


def _orders(student):
    """The applied orders concerning the student, for an order extract."""
    return (
        Order.objects.filter(items__student=student, status=OrderStatus.APPLIED)
        .distinct()
        .order_by("-date", "-pk")
    )


def _page(request, student, *, own: bool):
    documents = list(selectors.student_documents(visible_documents(request.principal), student))
    context = {
        "student": student,
        "own": own,
        "form": RequestForm(orders=_orders(student)),
        "documents": documents,
    }
    return render(request, "web/documents/list.html", context)


def _own_student(request):
    student = document_students(request.principal).filter(user=request.user).first()
    if student is None:
        raise Http404
    return student


@login_required
@require_GET
def my_documents(request):
    """The signed-in student's documents: the kinds to request and the ones issued."""
    return _page(request, _own_student(request), own=True)


@login_required
@require_GET
def student_documents(request, pk: int):
    """The dean's office: a student of its faculty's documents, issued on their behalf."""
    student = get_object_or_404(document_students(request.principal), pk=pk)
    return _page(request, student, own=student.user_id == request.user.pk)


@login_required
@require_POST
def request_document(request):
    """Issue a document of the posted kind to the signed-in student, or (the dean's office) to the
    posted ``student`` of its faculty."""
    if request.POST.get("student"):
        student = get_object_or_404(document_students(request.principal), pk=request.POST["student"])
        back = reverse("web:documents_student", kwargs={"pk": student.pk})
    else:
        student = _own_student(request)
        back = reverse("web:documents_my")
    form = RequestForm(request.POST, orders=_orders(student))
    if not form.is_valid():
        message_form_errors(request, form)
        return redirect(back)
    data = form.cleaned_data
    kind = data["kind"]
    try:
        document = issue_document(
            student=student,
            kind=kind,
            actor=request.user,
            purpose=data["purpose"],
            order=data["order"] if kind == DocumentKind.ORDER_EXTRACT else None,
        )
    except ValidationError as error:
        message_errors(request, error)
        return redirect(back)
    messages.success(
        request,
        _("%(kind)s № %(number)s is issued.")
        % {"kind": document.get_kind_display(), "number": document.number},
    )
    return redirect(back)


def verify_url(request, document) -> str:
    """The absolute address of the document's verification page with its check code (the QR payload)."""
    path = reverse("web:documents_verify", kwargs={"number": document.number})
    return request.build_absolute_uri(path) + "?" + urlencode({"c": document.check_code})


@login_required
@require_GET
def download(request, pk: int):
    """The document's PDF: the student their own; the dean's office its faculty's students'. A revoked
    document is no longer given out."""
    documents = visible_documents(request.principal).filter(revoked_at__isnull=True)
    document = get_object_or_404(documents, pk=pk)
    return pdf_response(document_pdf(document, verify_url(request, document)), f"{document.number}.pdf")


@require_GET
def verify(request, number: str):
    """Public: whether the document of ``number`` with check code ``?c=`` is genuine, and what it states.
    An unknown number, a wrong code and a revoked document get the same "not found" page."""
    document = selectors.verified(number, request.GET.get("c", ""))
    context: dict = {"document": document}
    if document is not None:
        context |= {"fields": fields(document.kind, document.facts), "issued_on": issued_on(document)}
    return render(request, "web/documents/verify.html", context, status=200 if document else 404)
